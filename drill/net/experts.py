"""Invited experts' seats on a served drill: admitted by their own codes, fed every event.

An expert's screen keeps a replica of the session (the scenario and rubrics it
was welcomed with, folded over the events sent here) and scores it with the
same scorer, so nothing is computed twice on the server and each event costs
one frame for all experts. Drafts are never sent: experts review submissions.
Each expert's review, observation and plan row is recorded under its name, and
acknowledged only once it is on disk.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from ..engine import Event, Refused, Session
from ..engine import events as ev
from ..store import NotStored
from . import protocol as p
from .budgets import Budgets
from .codes import normalise

FRAME_BUDGET = p.MAX_FRAME // 2   # events travel in frames of at most about this size


@dataclass(eq=False)
class ExpertSeat:
    """One connected expert: events wait in `queue` until its catch-up has been sent."""

    name: str
    ws: ServerConnection
    ready: bool = False
    queue: list[Event] = field(default_factory=list)
    stamp: float = 0.0


class ExpertDesk:
    def __init__(self, session: Session, codes: dict[str, str], budgets: Budgets | None = None):
        self.session = session
        self.budgets = budgets or Budgets()
        self.codes = {name: normalise(code) for name, code in codes.items()}
        self.seats: list[ExpertSeat] = []
        self._flush_due = False
        self._loop: asyncio.AbstractEventLoop | None = None
        session.listeners.append(self._on_event)

    # ----- who may come in ---------------------------------------------------------------------

    def is_expert_code(self, code: str) -> bool:
        return normalise(code) in self.codes.values()

    def seat_name(self, given: str) -> str | None:
        """The invited name as the facilitator wrote it, for a name typed with other case or spaces."""
        wanted = " ".join(given.split()).casefold()
        return next((name for name in self.codes if " ".join(name.split()).casefold() == wanted), None)

    def check(self, hello: p.ExpertHello, team_codes: dict[str, str]) -> Refused | None:
        """None if the hello names an invited expert with that expert's code; else why not.
        A team's code is never an expert's: it is refused, saying so."""
        name = self.seat_name(hello.expert)
        expected = self.codes.get(name) if name is not None else None
        if expected is not None and normalise(hello.code) == expected:
            return None
        if normalise(hello.code) in team_codes.values():
            return Refused("join.team-code")
        return Refused("join.expert-refused")  # the same words either way: no list of the invited leaks

    # ----- engine side --------------------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        if event.type == ev.DRAFT or not self.seats:
            return
        stamp = time.time()
        for seat in self.seats:
            seat.queue.append(event)
            seat.stamp = stamp
        if not self._flush_due and self._loop is not None:
            self._flush_due = True
            self._loop.call_soon(self._flush)

    def _frame(self, events: list[Event], done: bool, stamp: float) -> str:
        state = self.session.state
        return p.encode(p.Events.model_construct(  # our own data: validated where it is received
            type="events", events=[p.LoggedEvent.model_construct(type=e.type, at=e.at, data=e.data, seq=e.seq) for e in events],
            done=done, now=self.session.now(), running=state.running, speed=state.speed, stamp=stamp,
        ))

    def _flush(self) -> None:
        """Every ready expert gets what queued up for it; identical queues are encoded once."""
        self._flush_due = False
        groups: dict[tuple, list[ExpertSeat]] = {}
        for seat in self.seats:
            if seat.ready and seat.queue:
                groups.setdefault((tuple(e.seq for e in seat.queue), seat.stamp), []).append(seat)
        for (_, stamp), seats in groups.items():
            texts = [self._frame(chunk, True, stamp) for chunk in _chunks(seats[0].queue)]
            for seat in seats:
                seat.queue = []
            for text in texts:
                self.budgets.send([seat.ws for seat in seats], text)

    # ----- one expert's connection ----------------------------------------------------------------

    async def welcome(self, ws: ServerConnection, given: str) -> ExpertSeat | None:
        """Send the recorded texts and every event so far (drafts left out), in frames under
        the size limit; events that happen meanwhile wait in the seat's queue, in order.
        None if the expert left during the catch-up."""
        self._loop = asyncio.get_running_loop()
        seat = ExpertSeat(self.seat_name(given), ws)
        log = self.session.sink
        past = [e for e in log.events(with_drafts=False) if e.type != ev.DRAFT] if log is not None else []  # drafts of older files are events
        self.seats.append(seat)
        exercise = self.session.exercise
        try:
            await ws.send(p.encode(p.ExpertWelcome(expert=seat.name, scenario_text=exercise.scenario_text, rubric_texts=exercise.rubric_texts)))
            chunks = _chunks(past)
            for n, chunk in enumerate(chunks):
                await ws.send(self._frame(chunk, n == len(chunks) - 1, 0.0))
        except ConnectionClosed:
            self.seats.remove(seat)
            return None
        except BaseException:
            self.seats.remove(seat)
            raise
        seat.ready = True
        if seat.queue:
            self._flush()
        return seat

    def leave(self, seat: ExpertSeat) -> None:
        self.seats.remove(seat)

    def carry_out(self, expert: str, message) -> p.Ack | p.Error:
        """An expert's request, recorded under the name its code admitted; a team's request
        (a draft, a submission) is refused: experts review, they do not write the teams' work.
        A write the session file cannot take (a full or read-only disk) is refused, so the
        expert's screen keeps the words for another try."""
        try:
            if isinstance(message, p.ReviewRequest):
                self.session.review(message.team, message.task, message.criterion, message.score, message.note,
                                    message.action or None, message.owner or None, by=expert)
            elif isinstance(message, p.ObserveRequest):
                self.session.observe(message.team, message.kind, message.text, task=message.task, inject=message.inject, by=expert)
            elif isinstance(message, p.PlanRequest):
                self.session.plan_item(message.team, task=message.task, by=expert, **message.columns)
            else:
                raise Refused("teams-only")
        except Refused as refusal:
            return p.refusal_error(message.id, refusal)
        except NotStored:
            return p.refusal_error(message.id, Refused("unrecorded"))
        return p.Ack(id=message.id)


def _chunks(events: list[Event]) -> list[list[Event]]:
    """Events cut into runs that each fit a frame (at least one run, maybe empty). One event
    alone always fits: a submission's text is bounded well under the frame limit."""
    chunks: list[list[Event]] = [[]]
    size = 0
    for event in events:
        weight = len(event.data_json().encode("utf-8")) + 64
        if chunks[-1] and size + weight > FRAME_BUDGET:
            chunks.append([])
            size = 0
        chunks[-1].append(event)
        size += weight
    return chunks

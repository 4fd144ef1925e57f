"""The team server: admits each team by its join code and keeps its screen current.

It runs beside the engine in one asyncio loop. The engine's listener only marks
what changed for whom and schedules one flush; the flush builds each team's
`update` and hands identical ones to websockets' `broadcast`, which writes
without awaiting each socket, so an inject reaches a hundred screens in
milliseconds and a burst of events costs one message per team, not many.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Callable

from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from ..client import stored_or_refused
from ..engine import Event, Refused, Session
from ..engine import events as ev
from ..engine.views import TaskView, heat_history
from . import protocol as p
from .budgets import CLOSE_TRY_LATER, MAX_HELLO, Budgets, more_descriptors, quiet_loop
from .codes import Guesses, normalise
from .experts import ExpertDesk, ExpertSeat
from .presence import Presence

MAX_BAD_FRAMES = 20      # malformed frames before a connection is closed
_NOT_FOR_TEAMS = (ev.REVIEW, ev.OBSERVE, ev.PLAN)   # the experts' business: not even an update tells a team of them


@dataclass(eq=False)
class _Client:
    team: str
    ws: ServerConnection
    delivered: int = 0               # injects already sent
    heat_sent: int = 0               # points of the team's heat history already sent
    dirty: bool = False
    tasks_dirty: bool = False
    facts_dirty: bool = False
    drafts_due: set[str] = field(default_factory=set)   # tasks whose stored draft changed under another connection
    stamp: float = 0.0


class TeamServer:
    def __init__(self, session: Session, codes: dict[str, str], expert_codes: dict[str, str] | None = None,
                 budgets: Budgets | None = None):
        self.session = session
        self.budgets = budgets or Budgets()
        self.codes = {team: normalise(code) for team, code in codes.items()}
        self.clients: list[_Client] = []
        self.guesses = Guesses()
        # Told (seat, wrong codes, latest address) when the count is worth telling (see
        # Guesses.worth_telling): the console says so.
        self.on_wrong_codes: Callable[[str, int, str], None] | None = None
        self._acting: _Client | None = None      # the connection whose request is being carried out
        self._flush_due = False
        self._loop: asyncio.AbstractEventLoop | None = None
        session.listeners.append(self._on_event)
        self.experts = ExpertDesk(session, expert_codes or {}, self.budgets)  # listens after the teams: their screens come first
        self.presence = Presence(list(codes), list(expert_codes or {}), session.now)  # who is connected, for the console

    async def start(self, host: str, port: int):
        """Listen; returns the websockets server (its `.sockets` tell the port when 0 was asked)."""
        self._loop = asyncio.get_running_loop()
        quiet_loop(self._loop)
        more_descriptors()
        # No per-message compression: frames are small and a LAN is fast; deflate would cost
        # more time than it saves on every one of a hundred screens. At most 4 frames wait
        # unread per connection (a seat over its budget is not read until it is back in it).
        return await serve(self._handle, host, port, max_size=p.MAX_FRAME, max_queue=4, ping_interval=10, ping_timeout=20,
                           close_timeout=5, compression=None, create_connection=self.budgets.connection_class())

    # ----- engine side -----------------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        if event.type in _NOT_FOR_TEAMS:
            return
        data, stamp = event.data, time.time()
        for client in self.clients:
            if "team" in data and data["team"] != client.team:
                continue
            if event.type in ("inject", "trigger") and client.team not in data.get("to", ()):
                continue
            if event.type in ("open", "deadline", "draft", "submit", "scored"):
                client.tasks_dirty = True
            if event.type in ("draft", "submit") and client is not self._acting:
                client.drafts_due.add(data["task"])
            if event.type == "inject" and event.data.get("adhoc") is None:
                client.facts_dirty = bool(self.session.state.inbox[client.team][-1].reveals)
            client.stamp = stamp
            client.dirty = True
        if not self._flush_due and self._loop is not None:
            self._flush_due = True
            self._loop.call_soon(self._flush)

    def _flush(self) -> None:
        self._flush_due = False
        shared: dict[tuple, tuple[str, ...]] = {}
        groups: dict[tuple[str, ...], list[ServerConnection]] = {}
        for client in self.clients:
            if client.dirty:
                client.dirty = False
                groups.setdefault(self._encoded_update(client, shared), []).append(client.ws)
        for texts, connections in groups.items():
            for text in texts:
                self.budgets.send(connections, text)
        for client in self.clients:
            while client.drafts_due:
                task = client.drafts_due.pop()
                work = self.session.state.work[(client.team, task)]
                for frame in p.draft_frames(task, work.draft, work.fields):
                    self.budgets.send([client.ws], frame)

    def _encoded_update(self, client: _Client, shared: dict[tuple, tuple[str, ...]]) -> tuple[str, ...]:
        """Only what changed for this team. An inject to every team makes the same update
        for most of them; it is built and encoded once (keyed by what it holds), which is
        what keeps a hundred screens within milliseconds. A burst of injects too big for
        one frame goes in several updates, the oldest first (a screen puts each update's
        injects before those it holds), the last with everything else that changed."""
        state, session = self.session.state, self.session
        inbox = state.inbox[client.team]
        fresh = inbox[client.delivered:]
        history = heat_history(state, client.team)
        points = history[client.heat_sent:]
        client.delivered, client.heat_sent = len(inbox), len(history)
        key = None
        if not (client.tasks_dirty or client.facts_dirty):
            key = (tuple(map(id, fresh)), tuple(points), state.team_heat.get(client.team), client.stamp)
            if key in shared:
                return shared[key]
        view = session.team_view(client.team) if key is None else None
        runs = p.delivery_groups(fresh[::-1])   # newest first, as a screen keeps them
        texts = tuple(p.encode(p.Update.model_construct(  # our own data: validated where it is received
            type="update", now=session.now(), running=state.running, speed=state.speed, ended=state.ended, heat=state.heat,
            team_heat=state.team_heat.get(client.team), deliveries=run, heat_points=points if last else [],
            facts=list(view.facts) if client.facts_dirty and last else None,
            tasks=_without_drafts(view.tasks) if client.tasks_dirty and last else None, stamp=client.stamp,
        )) for run, last in reversed([(run, n == 0) for n, run in enumerate(runs)]))
        client.tasks_dirty = client.facts_dirty = False
        if key is not None:
            shared[key] = texts
        return texts

    # ----- connections -------------------------------------------------------------------------

    async def _handle(self, ws: ServerConnection) -> None:
        too_many = self.budgets.enter(ws)
        if too_many is not None:
            await ws.close(CLOSE_TRY_LATER, too_many)
            return
        try:
            await self._seat(ws)
        finally:
            self.budgets.leave(ws)

    async def _seat(self, ws: ServerConnection) -> None:
        client = await self._admit(ws)
        if client is None:
            return
        if isinstance(client, ExpertSeat):
            seat = f"expert {client.name}"
            carry_out, leave = partial(self.experts.carry_out, client.name), partial(self.experts.leave, client)
        else:
            self.clients.append(client)
            seat = f"team {client.team}"
            carry_out, leave = partial(self._carry_out, client), partial(self.clients.remove, client)
        try:
            await self._serve(client.ws, seat, carry_out)
        except ConnectionClosed:
            pass
        finally:
            leave()
            self.presence.left(ws)

    def _check_team(self, hello: p.Hello) -> Refused | None:
        """None if the code is this team's; else why not. An expert's code never admits a team."""
        expected = self.codes.get(hello.team)
        if expected is not None and normalise(hello.code) == expected:
            return None
        if self.experts.is_expert_code(hello.code):
            return Refused("join.expert-code")
        return Refused("join.refused")  # the same words either way: a refusal must not tell which teams exist

    async def _admit(self, ws: ServerConnection) -> _Client | ExpertSeat | None:
        address = ws.remote_address[0] if ws.remote_address else "?"
        try:
            frame = await asyncio.wait_for(ws.recv(), timeout=30)
            if len(frame) > MAX_HELLO:  # nothing before a hello costs more than reading it
                raise p.BadMessage("too long for a hello")
            hello = p.parse(p.ClientMessage, frame)
        except (p.BadMessage, asyncio.TimeoutError, ConnectionClosed):
            await self._refuse(ws, "expected a hello with your team and join code")
            return None
        if not isinstance(hello, (p.Hello, p.ExpertHello)):
            await self._refuse(ws, "say hello with your team and join code first")
            return None
        expert = isinstance(hello, p.ExpertHello)
        keys = self.guesses.keys(address, f"expert {' '.join(hello.expert.split()).casefold()}" if expert else f"team {hello.team}")
        wait = self.guesses.turn(keys, time.monotonic())
        if wait is None:
            await self._refuse(ws, Refused("join.too-many"))
            return None
        if wait:
            await asyncio.sleep(wait)
        refusal = self.experts.check(hello, self.codes) if expert else self._check_team(hello)
        wrong = self.guesses.answered(keys, refusal is None, time.monotonic())
        if refusal is not None and self.guesses.worth_telling(wrong) and self.on_wrong_codes is not None:
            self.on_wrong_codes(keys[1], wrong, address)
        if refusal is not None:
            await self._refuse(ws, refusal)
            return None
        if expert:
            seat = await self.experts.welcome(ws, hello.expert)
            if seat is not None:
                self.presence.joined(ws, "expert", seat.name, hello.via)
            return seat
        client = _Client(hello.team, ws)
        view = self.session.team_view(hello.team)
        client.delivered = len(view.injects)
        client.heat_sent = len(view.heat_history)
        client.tasks_dirty = client.facts_dirty = False
        drafts = [task for task in view.tasks if task.draft or task.draft_fields]
        scenario = self.session.scenario
        newest, earlier = p.inject_frames(view.injects)
        welcome = p.Welcome(scenario=scenario.title, summary=scenario.summary, language=scenario.language,
                            start=scenario.clock.start, duration=scenario.clock.duration,
                            view=replace(view, injects=newest, tasks=tuple(_without_drafts(view.tasks))),
                            drafts=len(drafts), earlier=len(earlier))
        await ws.send(p.encode(welcome))
        for frame in earlier:
            await ws.send(frame)
        for task in drafts:
            for frame in p.draft_frames(task.id, task.draft, task.draft_fields):
                await ws.send(frame)
        self.presence.joined(ws, "team", hello.team, hello.via)
        return client

    async def _refuse(self, ws: ServerConnection, reason: str | Refused) -> None:
        try:
            await ws.send(p.encode(p.refusal(reason)))
            await ws.close(1008, "refused")
        except ConnectionClosed:
            pass

    async def _serve(self, ws: ServerConnection, seat: str, carry_out) -> None:
        """Answer each request of an admitted connection with `carry_out`'s ack or error, within
        the seat's budget (see budgets): the next frame is read once the seat may send it."""
        bad = 0
        async for frame in ws:
            await self.budgets.pace(seat, len(frame))
            try:
                message = p.parse(p.ClientMessage, frame)
                if isinstance(message, (p.Hello, p.ExpertHello)):
                    raise p.BadMessage("already joined", getattr(message, "id", None))
            except p.BadMessage as error:
                bad += 1
                await ws.send(p.encode(p.Error(id=error.request_id, message=str(error))))
                if bad >= MAX_BAD_FRAMES:
                    await ws.close(1008, "too many malformed messages")
                continue
            await ws.send(p.encode(carry_out(message)))

    def _carry_out(self, client: _Client, message) -> p.Ack | p.Error:
        """A team's request, acted on as that team only: the code admitted it, nothing in the
        message can name another team or a facilitator's command, and an expert's request
        (a review, an observation) is refused. A write the session file cannot take is
        refused like a rule, so the team keeps its text."""
        team, self._acting = client.team, client
        try:
            with stored_or_refused():
                if isinstance(message, p.Submit):
                    self.session.submit(team, message.task, message.text, message.fields)
                elif isinstance(message, p.SaveDraft):
                    self.session.save_draft(team, message.task, message.text, message.fields)
                else:
                    raise Refused("experts-only")
        except Refused as refusal:
            return p.refusal_error(message.id, refusal)
        finally:
            self._acting = None
        return p.Ack(id=message.id)


def _without_drafts(tasks: tuple[TaskView, ...]) -> list[TaskView]:
    """The task list as it travels: draft texts go in their own frames (see protocol)."""
    return [replace(task, draft="", draft_fields={}) if task.draft or task.draft_fields else task for task in tasks]

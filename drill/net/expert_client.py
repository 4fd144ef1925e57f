"""An invited expert's connection to a drill server, behind the review screen's `ReviewClient`.

The server welcomes an expert with the scenario and rubric texts the session
recorded and then sends its events (drafts left out). This client folds them
into its own `SessionState`, exactly as a session file is replayed, so the review
screen scores submissions with the same scorer as the facilitator's screen. Each
(re)connection rebuilds the replica from scratch, and the screen switches to it
only once the catch-up is complete, so a reconnect never shows half a drill.
"""

from __future__ import annotations

import time

from pydantic import ValidationError

from ..engine import Event, Refused, SessionState
from ..formats import exercise_from_texts
from . import protocol as p
from .client import Connection, Offline, joined_via


class RemoteExpert(Connection):
    def __init__(self, url: str, expert: str, code: str):
        super().__init__(url, code)
        self.by = expert
        self.welcome: p.ExpertWelcome | None = None
        self.exercise = None
        self.state: SessionState | None = None      # the replica the screen reads, once caught up
        self._replica: SessionState | None = None   # being rebuilt after a (re)connection
        self._texts: tuple | None = None
        self._clock = (0.0, 0.0, False, 1.0)        # (in-world now, local monotonic time, running, speed)

    @property
    def scenario(self):
        return self.exercise.scenario

    def _hello(self) -> p.ExpertHello:
        return p.ExpertHello(type="expert-hello", expert=self.by, code=self.code, via=joined_via())

    def _on_message(self, message: p.Message) -> None:
        if isinstance(message, p.ExpertWelcome):
            self.welcome = message
            texts = (message.scenario_text, tuple(sorted(message.rubric_texts.items())))
            if texts != self._texts:  # the same session after a reconnect: keep the parsed exercise
                self.exercise = exercise_from_texts(message.scenario_text, message.rubric_texts, name="<served session>")
                self._texts = texts
            self._replica = SessionState(self.exercise)
        elif isinstance(message, p.Events) and self._replica is not None:
            for logged in message.events:
                if logged.seq > self._replica.seq:
                    self._replica.apply(Event(logged.type, logged.at, logged.data, logged.seq))
            self._clock = (message.now, time.monotonic(), message.running, message.speed)
            if message.stamp:
                self.last_stamp = message.stamp
            if message.done and self.state is not self._replica:
                self.state = self._replica
                self._joined()

    # ----- ReviewClient ----------------------------------------------------------------------------

    def now(self) -> float:
        """The server's clock, run on between frames while the drill runs."""
        now, since, running, speed = self._clock
        if running and self.state is not None and not self.state.ended:
            now += (time.monotonic() - since) * speed
        return min(now, float(self.scenario.clock.duration)) if self.exercise is not None else now

    def _id(self) -> int:
        if not self.connected:
            raise Offline("offline")
        return next(self._ids)

    async def review(self, team: str, task: str, criterion: str, score: float, note: str = "",
                     action: str | None = None, owner: str | None = None) -> None:
        await self._send(p.ReviewRequest, type="review", team=team, task=task, criterion=criterion,
                         score=score, note=note, action=action, owner=owner)

    async def observe(self, team: str, kind: str, text: str, task: str | None = None, inject: str | None = None) -> None:
        await self._send(p.ObserveRequest, type="observe", team=team, kind=kind, text=text, task=task, inject=inject)

    async def plan(self, team: str, task: str | None, columns: dict[str, str]) -> None:
        await self._send(p.PlanRequest, type="plan", team=team, task=task, columns=columns)

    async def _send(self, model: type[p.Message], /, **values) -> None:
        """A request built and sent; words longer than a frame may carry are refused here,
        in the screen's language, and stay in the dialog, rather than failing as a bad frame."""
        try:
            message = model(id=self._id(), **values)
        except ValidationError as error:
            raise Refused("too-long", field=".".join(str(part) for part in error.errors()[0]["loc"])) from None
        await self._request(message)

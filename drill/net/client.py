"""A team's connection to a drill server, behind the same interface as `LocalTeam`.

It reconnects by itself and resyncs from the server's `welcome`. A draft is kept
here until the server acknowledges it, and sent again after a reconnection, so
a dropped network costs nobody their text. The connection itself (hello,
reconnecting, requests and their answers) is `Connection`, which an invited
expert's client (expert_client.py) shares.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import time
from dataclasses import replace
from typing import Callable

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidURI

from ..engine import Refused
from ..engine.views import TeamView
from . import protocol as p

REQUEST_TIMEOUT = 10.0
RETRY_DELAYS = (0.2, 0.5, 1.0, 2.0, 3.0)


def joined_via() -> str:
    """How this client sits in the room, for the facilitator's list of who is here: in a
    browser when textual-serve runs it (`drill web` starts one `drill join` per browser tab,
    with its web driver), else at a terminal."""
    return "browser" if "web_driver" in os.environ.get("TEXTUAL_DRIVER", "") else "terminal"


class JoinRefused(Exception):
    """The server will not admit this client: a wrong code, no such team or expert, or a
    code of the other role."""


class Offline(Refused):
    """The server could not be reached; what the team wrote is kept here."""


class Unstored(Offline):
    """The server is up but its disk could not take the text (full, read-only): kept here,
    exactly as when offline, and sent again with the next save or reconnection."""


class ServerSaid(Refused):
    """A refusal the server gave without a message key (a malformed request)."""

    def __init__(self, message: str):
        self.key, self.params = "server-said", {"message": message}
        Exception.__init__(self, message)


class Connection:
    """A connection to a drill server that says hello, reconnects by itself and resyncs from
    each welcome; requests wait for their ack. A team's and an expert's client differ only
    in their hello and in what they make of the server's messages (`_hello`, `_on_message`)."""

    def __init__(self, url: str, code: str):
        self.url, self.code = url, code
        self.connected = False
        self.refused: str | None = None
        self.refusal: Refused | None = None          # the refusal as a message key, when the server gave one
        self._ws: ClientConnection | None = None
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future] = {}
        self._callbacks: list[Callable[[], None]] = []
        self._welcomed = asyncio.Event()
        self._task: asyncio.Task | None = None
        self.last_stamp = 0.0                        # server time of the newest event seen
        self.received_at = 0.0                       # local time the last frame arrived

    def _hello(self) -> p.Message:
        raise NotImplementedError

    def _on_message(self, message: p.Message) -> None:
        """A server message other than a refusal or an answer to a request."""
        raise NotImplementedError

    def _joined(self) -> None:
        """Admitted and in step with the server: `start` returns."""
        self.connected = True
        self._welcomed.set()

    def on_change(self, callback: Callable[[], None]) -> None:
        self._callbacks.append(callback)

    # ----- connection ----------------------------------------------------------------------------

    async def start(self, timeout: float = 15.0) -> None:
        """Connect, and keep reconnecting in the background; returns once joined.
        Raises JoinRefused when the code is wrong (that will not get better by retrying)
        or when the server cannot be reached at all within `timeout` seconds."""
        self._task = asyncio.create_task(self._run())
        welcomed = asyncio.create_task(self._welcomed.wait())
        await asyncio.wait({self._task, welcomed}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if not self._welcomed.is_set() and self.refused is None:
            self.refused = f"cannot reach a drill server at {self.url} (is `drill serve` running there, and is the address right?)"
            self._task.cancel()
            welcomed.cancel()
        if self.refused is not None:
            raise JoinRefused(self.refused)
        if self._task.done():
            self._task.result()

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
        if self._ws is not None:
            await self._ws.close()

    async def _run(self) -> None:
        attempt = 0
        while self.refused is None:
            try:
                async with connect(self.url, max_size=p.MAX_FRAME, open_timeout=5, compression=None) as ws:
                    self._ws = ws
                    await ws.send(p.encode(self._hello()))
                    attempt = 0
                    await self._receive(ws)
            except (OSError, ConnectionClosed, asyncio.TimeoutError, p.BadMessage):
                pass
            except InvalidURI as error:
                self.refused = f"not a drill server address: {error}"
            finally:
                self._disconnected()
            if self.refused is not None:
                break
            await asyncio.sleep(RETRY_DELAYS[min(attempt, len(RETRY_DELAYS) - 1)])
            attempt += 1

    async def _receive(self, ws: ClientConnection) -> None:
        async for frame in ws:
            self.received_at = time.time()
            message = p.parse(p.ServerMessage, frame)
            if isinstance(message, p.Refusal):
                self.refused = message.reason
                self.refusal = Refused(message.key, **message.params) if message.key else None
                self._welcomed.set()
                return
            if isinstance(message, (p.Ack, p.Error)):
                if message.id in self._waiting:
                    self._waiting.pop(message.id).set_result(message)
            else:
                self._on_message(message)
            self._changed()

    def _disconnected(self) -> None:
        self.connected = False
        self._ws = None
        for future in self._waiting.values():
            if not future.done():
                future.set_exception(Offline("dropped"))
        self._waiting.clear()
        self._changed()

    # ----- requests and updates -------------------------------------------------------------------

    async def _request(self, message: p.Message) -> None:
        if self._ws is None:
            raise Offline("offline")
        future = asyncio.get_running_loop().create_future()
        self._waiting[message.id] = future
        try:
            await self._ws.send(p.encode(message))
        except ConnectionClosed:
            self._waiting.pop(message.id, None)
            raise Offline("dropped") from None
        try:
            answer = await asyncio.wait_for(future, REQUEST_TIMEOUT)
        except asyncio.TimeoutError:
            self._waiting.pop(message.id, None)
            raise Offline("no-answer") from None
        if isinstance(answer, p.Error):
            if answer.key is None:
                raise ServerSaid(answer.message)
            if answer.key.startswith("disk-"):
                raise Unstored(answer.key, **answer.params)
            raise Refused(answer.key, **answer.params)

    def _changed(self) -> None:
        for callback in list(self._callbacks):
            callback()


class RemoteTeam(Connection):
    def __init__(self, url: str, team: str, code: str):
        super().__init__(url, code)
        self.team = team
        self.welcome: p.Welcome | None = None        # the drill's outline, once admitted
        self._view: TeamView | None = None
        self._view_clock = 0.0                       # real time when the view's `now` was true
        self._unsaved: dict[str, tuple[str, dict[str, str]]] = {}
        self._drafts: dict[str, tuple[str, dict[str, str]]] = {}   # what the server holds, by task
        self._pieces: dict[str, list[str]] = {}                    # a stored draft still arriving
        self._drafts_due = 0                                       # stored drafts the welcome announced
        self._earlier_due = 0                                      # frames of older injects it announced

    def _hello(self) -> p.Hello:
        return p.Hello(type="hello", team=self.team, code=self.code, via=joined_via())

    def _on_message(self, message: p.Message) -> None:
        if isinstance(message, p.Welcome):
            self.welcome = message
            self._drafts, self._pieces, self._drafts_due, self._earlier_due = {}, {}, message.drafts, message.earlier
            self._set_view(message.view)
            self._maybe_joined()
        elif isinstance(message, p.EarlierInjects):
            if self._view is not None and self._earlier_due:
                self._set_view(replace(self._view, injects=self._view.injects + tuple(message.injects)))
                self._earlier_due -= 1
                self._maybe_joined()
        elif isinstance(message, p.StoredDraft):
            self._receive_draft(message)
        elif isinstance(message, p.Update):
            self._apply(message)

    def _joined(self) -> None:
        """The welcome and the drafts it announced are in: the team's screen may be built."""
        super()._joined()
        for task in list(self._unsaved):  # what we kept while away
            asyncio.create_task(self._flush_kept(task))

    def _receive_draft(self, piece: p.StoredDraft) -> None:
        self._pieces.setdefault(piece.task, []).append(piece.text)
        if piece.more:
            return
        self._stored(piece.task, "".join(self._pieces.pop(piece.task)), piece.fields)
        if self._drafts_due:
            self._drafts_due -= 1
            self._maybe_joined()

    def _maybe_joined(self) -> None:
        """Joined once the welcome's older injects and drafts are all in, not before: a screen
        built earlier would show a team part of its history, or an empty draft."""
        if not self._drafts_due and not self._earlier_due:
            self._joined()

    def _stored(self, task: str, text: str, fields: dict[str, str]) -> None:
        self._drafts[task] = (text, dict(fields))
        if self._view is not None:
            self._set_view(self._view)

    # ----- TeamClient --------------------------------------------------------------------------

    def view(self) -> TeamView:
        if self._view is None:
            raise Offline("offline")
        view = self._view
        if view.running and not view.ended:  # the clock runs on between updates
            view = replace(view, now=view.now + (time.monotonic() - self._view_clock) * view.speed)
        return view

    async def save_draft(self, task: str, text: str, fields: dict[str, str]) -> bool:
        """Keep the draft locally, and send it when connected; it stays here until acknowledged.
        True once the server has it."""
        self._unsaved[task] = (text, dict(fields))
        if self.connected:
            await self._flush(task)
        return task not in self._unsaved

    async def submit(self, task: str, text: str, fields: dict[str, str]) -> None:
        if not self.connected:
            raise Offline("offline")
        await self._request(p.Submit(type="submit", id=next(self._ids), task=task, text=text, fields=fields))
        self._unsaved.pop(task, None)
        self._stored(task, text, fields)

    async def _flush(self, task: str) -> None:
        kept = self._unsaved.get(task)
        if kept is None:
            return
        text, fields = kept
        try:
            await self._request(p.SaveDraft(type="draft", id=next(self._ids), task=task, text=text, fields=fields))
        except Unstored:
            raise  # kept, and the team is told why
        except Offline:
            return  # kept; sent again after the next reconnection
        except Refused:
            self._unsaved.pop(task, None)
            raise  # the drill's rules refused it: say so, do not retry
        self._stored(task, text, fields)
        if self._unsaved.get(task) == kept:
            del self._unsaved[task]

    async def _flush_kept(self, task: str) -> None:
        """After reconnecting: a draft the rules now refuse (the task was submitted or the
        drill ended meanwhile) has nowhere to go; the screen shows the task's state."""
        try:
            await self._flush(task)
        except Refused:
            pass

    @property
    def unsaved(self) -> dict[str, tuple[str, dict[str, str]]]:
        """Drafts the server does not have yet."""
        return dict(self._unsaved)

    def _set_view(self, view: TeamView) -> None:
        """Keep the view, with the drafts the server holds put back into its tasks
        (they travel apart from the task list: see protocol)."""
        if self._drafts:
            view = replace(view, tasks=tuple(
                replace(task, draft=self._drafts[task.id][0], draft_fields=dict(self._drafts[task.id][1]))
                if task.id in self._drafts else task for task in view.tasks))
        self._view, self._view_clock = view, time.monotonic()

    def _apply(self, update: p.Update) -> None:
        view = self._view
        if view is None:
            return
        self._set_view(replace(
            view, now=update.now, running=update.running, speed=update.speed, ended=update.ended,
            heat=update.heat, team_heat=update.team_heat,
            injects=tuple(update.deliveries) + view.injects,
            heat_history=view.heat_history + tuple((at, heat) for at, heat in update.heat_points),
            facts=tuple(update.facts) if update.facts is not None else view.facts,
            tasks=tuple(update.tasks) if update.tasks is not None else view.tasks,
        ))
        self.last_stamp = update.stamp


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

from websockets.asyncio.server import ServerConnection, broadcast, serve
from websockets.exceptions import ConnectionClosed

from ..client import stored_or_refused
from ..engine import Event, Refused, Session
from ..engine.views import TaskView, heat_history
from . import protocol as p
from .codes import Guesses, normalise

MAX_BAD_FRAMES = 20      # malformed frames before a connection is closed
REFUSED = "wrong team or join code"   # the same words either way: a refusal must not tell which teams exist


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
    def __init__(self, session: Session, codes: dict[str, str]):
        self.session = session
        self.codes = {team: normalise(code) for team, code in codes.items()}
        self.clients: list[_Client] = []
        self.guesses = Guesses()
        self._acting: _Client | None = None      # the connection whose request is being carried out
        self._flush_due = False
        self._loop: asyncio.AbstractEventLoop | None = None
        session.listeners.append(self._on_event)

    async def start(self, host: str, port: int):
        """Listen; returns the websockets server (its `.sockets` tell the port when 0 was asked)."""
        self._loop = asyncio.get_running_loop()
        # No per-message compression: frames are small and a LAN is fast; deflate would cost
        # more time than it saves on every one of a hundred screens.
        return await serve(self._handle, host, port, max_size=p.MAX_FRAME, ping_interval=10, ping_timeout=20, compression=None)

    # ----- engine side -----------------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
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
        shared: dict[tuple, str] = {}
        groups: dict[str, list[ServerConnection]] = {}
        for client in self.clients:
            if client.dirty:
                client.dirty = False
                groups.setdefault(self._encoded_update(client, shared), []).append(client.ws)
        for text, connections in groups.items():
            broadcast(connections, text)
        for client in self.clients:
            while client.drafts_due:
                task = client.drafts_due.pop()
                work = self.session.state.work[(client.team, task)]
                for frame in p.draft_frames(task, work.draft, work.fields):
                    broadcast([client.ws], frame)

    def _encoded_update(self, client: _Client, shared: dict[tuple, str]) -> str:
        """Only what changed for this team. An inject to every team makes the same update
        for most of them; it is built and encoded once (keyed by what it holds), which is
        what keeps a hundred screens within milliseconds."""
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
        update = p.Update.model_construct(  # our own data: validated where it is received
            type="update", now=session.now(), running=state.running, speed=state.speed, ended=state.ended, heat=state.heat,
            team_heat=state.team_heat.get(client.team), deliveries=fresh[::-1], heat_points=points,
            facts=list(view.facts) if client.facts_dirty else None,
            tasks=_without_drafts(view.tasks) if client.tasks_dirty else None, stamp=client.stamp,
        )
        client.tasks_dirty = client.facts_dirty = False
        text = p.encode(update)
        if key is not None:
            shared[key] = text
        return text

    # ----- connections -------------------------------------------------------------------------

    async def _handle(self, ws: ServerConnection) -> None:
        client = await self._admit(ws)
        if client is None:
            return
        self.clients.append(client)
        try:
            await self._serve(client)
        except ConnectionClosed:
            pass
        finally:
            self.clients.remove(client)

    async def _admit(self, ws: ServerConnection) -> _Client | None:
        address = ws.remote_address[0] if ws.remote_address else "?"
        try:
            hello = p.parse(p.ClientMessage, await asyncio.wait_for(ws.recv(), timeout=30))
        except (p.BadMessage, asyncio.TimeoutError, ConnectionClosed):
            await self._refuse(ws, "expected a hello with your team and join code")
            return None
        if not isinstance(hello, p.Hello):
            await self._refuse(ws, "say hello with your team and join code first")
            return None
        keys = self.guesses.keys(address, hello.team)
        wait = self.guesses.turn(keys, time.monotonic())
        if wait is None:
            await self._refuse(ws, "too many wrong codes from here or for this team; wait a few minutes")
            return None
        if wait:
            await asyncio.sleep(wait)
        expected = self.codes.get(hello.team)
        right = expected is not None and normalise(hello.code) == expected
        self.guesses.answered(keys, right, time.monotonic())
        if not right:
            await self._refuse(ws, REFUSED)
            return None
        client = _Client(hello.team, ws)
        view = self.session.team_view(hello.team)
        client.delivered = len(view.injects)
        client.heat_sent = len(view.heat_history)
        client.tasks_dirty = client.facts_dirty = False
        drafts = [task for task in view.tasks if task.draft or task.draft_fields]
        scenario = self.session.scenario
        welcome = p.Welcome(scenario=scenario.title, summary=scenario.summary, language=scenario.language,
                            start=scenario.clock.start, duration=scenario.clock.duration,
                            view=replace(view, tasks=tuple(_without_drafts(view.tasks))), drafts=len(drafts))
        await ws.send(p.encode(welcome))
        for task in drafts:
            for frame in p.draft_frames(task.id, task.draft, task.draft_fields):
                await ws.send(frame)
        return client

    async def _refuse(self, ws: ServerConnection, reason: str) -> None:
        try:
            await ws.send(p.encode(p.Refusal(reason=reason)))
            await ws.close(1008, "refused")
        except ConnectionClosed:
            pass

    async def _serve(self, client: _Client) -> None:
        bad = 0
        async for frame in client.ws:
            try:
                message = p.parse(p.ClientMessage, frame)
                if isinstance(message, p.Hello):
                    raise p.BadMessage("already joined")
            except p.BadMessage as error:
                bad += 1
                await client.ws.send(p.encode(p.Error(message=str(error))))
                if bad >= MAX_BAD_FRAMES:
                    await client.ws.close(1008, "too many malformed messages")
                continue
            await client.ws.send(p.encode(self._carry_out(client, message)))

    def _carry_out(self, client: _Client, message: p.SaveDraft | p.Submit) -> p.Ack | p.Error:
        """A team's request, acted on as that team only: the code admitted it, nothing in the
        message can name another team or a facilitator's command. A write the session file
        cannot take is refused like a rule, so the team keeps its text."""
        team, self._acting = client.team, client
        try:
            with stored_or_refused():
                if isinstance(message, p.Submit):
                    self.session.submit(team, message.task, message.text, message.fields)
                else:
                    self.session.save_draft(team, message.task, message.text, message.fields)
        except Refused as refusal:
            params = {name: value if isinstance(value, (int, float)) else str(value) for name, value in refusal.params.items()}
            return p.Error(id=message.id, message=str(refusal), key=refusal.key, params=params)
        finally:
            self._acting = None
        return p.Ack(id=message.id)


def _without_drafts(tasks: tuple[TaskView, ...]) -> list[TaskView]:
    """The task list as it travels: draft texts go in their own frames (see protocol)."""
    return [replace(task, draft="", draft_fields={}) if task.draft or task.draft_fields else task for task in tasks]

"""The team server: admits each team by its join code and keeps its screen current.

It runs beside the engine in one asyncio loop. The engine's listener only marks
what changed for whom; one sender task per connection turns that into an
`update`, so a burst of events costs one message, not many.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from ..engine import Event, Refused, Session
from . import protocol as p
from .codes import normalise

FREE_TRIES = 3           # wrong codes allowed from one address before answers slow down
MAX_PENALTY = 30.0       # seconds
MAX_BAD_FRAMES = 20      # malformed frames before a connection is closed


@dataclass
class _Client:
    team: str
    ws: ServerConnection
    delivered: int = 0               # injects already sent
    tasks_dirty: bool = True
    facts_dirty: bool = True
    stamp: float = 0.0
    wake: asyncio.Event = field(default_factory=asyncio.Event)


class TeamServer:
    def __init__(self, session: Session, codes: dict[str, str]):
        self.session = session
        self.codes = {team: normalise(code) for team, code in codes.items()}
        self.clients: list[_Client] = []
        self.failures: dict[str, int] = {}
        session.listeners.append(self._on_event)

    async def start(self, host: str, port: int):
        """Listen; returns the websockets server (its `.sockets` tell the port when 0 was asked)."""
        return await serve(self._handle, host, port, max_size=p.MAX_FRAME, ping_interval=10, ping_timeout=20)

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
            if event.type == "inject":
                client.facts_dirty = True
            client.stamp = stamp
            client.wake.set()

    def _update(self, client: _Client) -> p.Update:
        view = self.session.team_view(client.team)
        fresh = len(view.injects) - client.delivered
        client.delivered = len(view.injects)
        update = p.Update(
            now=view.now, running=view.running, speed=view.speed, ended=view.ended, heat=view.heat,
            team_heat=view.team_heat, deliveries=list(view.injects[:fresh]),
            facts=list(view.facts) if client.facts_dirty else None,
            tasks=list(view.tasks) if client.tasks_dirty else None, stamp=client.stamp,
        )
        client.tasks_dirty = client.facts_dirty = False
        return update

    async def _sender(self, client: _Client) -> None:
        while True:
            await client.wake.wait()
            client.wake.clear()
            await client.ws.send(p.encode(self._update(client)))

    # ----- connections -------------------------------------------------------------------------

    async def _handle(self, ws: ServerConnection) -> None:
        client = await self._admit(ws)
        if client is None:
            return
        self.clients.append(client)
        sender = asyncio.create_task(self._sender(client))
        try:
            await self._serve(client)
        except ConnectionClosed:
            pass
        finally:
            self.clients.remove(client)
            sender.cancel()

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
        expected = self.codes.get(hello.team)
        if expected is None or normalise(hello.code) != expected:
            failures = self.failures[address] = self.failures.get(address, 0) + 1
            if failures > FREE_TRIES:  # slow down guessing
                await asyncio.sleep(min(MAX_PENALTY, 2.0 ** (failures - FREE_TRIES)))
            reason = f"no team {hello.team!r} in this drill" if expected is None else f"wrong join code for team {hello.team!r}"
            await self._refuse(ws, reason)
            return None
        self.failures.pop(address, None)
        client = _Client(hello.team, ws)
        view = self.session.team_view(hello.team)
        client.delivered = len(view.injects)
        client.tasks_dirty = client.facts_dirty = False
        await ws.send(p.encode(p.Welcome(scenario=self.session.scenario.title, view=view)))
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
            await client.ws.send(p.encode(self._carry_out(client.team, message)))

    def _carry_out(self, team: str, message: p.SaveDraft | p.Submit) -> p.Ack | p.Error:
        """A team's request, acted on as that team only: the code admitted it, nothing in the
        message can name another team or a facilitator's command."""
        try:
            if isinstance(message, p.Submit):
                self.session.submit(team, message.task, message.text, message.fields)
            else:
                self.session.save_draft(team, message.task, message.text, message.fields)
        except Refused as refusal:
            return p.Error(id=message.id, message=str(refusal))
        return p.Ack(id=message.id)

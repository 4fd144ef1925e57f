"""Opening and running a served drill: the session, its codes, the listening server."""

from __future__ import annotations

import asyncio
import json
import signal
import socket
from pathlib import Path

from ..engine import Session
from ..i18n import Catalog
from ..live import drive
from .codes import expert_codes, session_codes
from .budgets import MAX_CONNECTIONS, MAX_PER_ADDRESS, Budgets
from .server import TeamServer
from .sheet import sheet, slips


class ServedDrill:
    """A session served to teams: start it, then run the console or `run_headless`."""

    def __init__(self, session: Session, host: str, port: int, codes_file: Path | None = None, web_port: int | None = None,
                 experts: tuple[str, ...] = (), expert_codes_file: Path | None = None, codes_sheet: Path | None = None,
                 language: str | None = None, allow_hosts: tuple[str, ...] = (), caps: tuple[int | None, int | None] = (None, None)):
        """`caps`: connections at most in all and from one address (None: the budgets' defaults)."""
        self.session, self.host, self.port, self.codes_file = session, host, port, codes_file
        self.codes = session_codes(session)
        self.expert_codes = expert_codes(session, experts)  # the names invited now, and those the session file keeps
        self.expert_codes_file = expert_codes_file
        self.codes_sheet = codes_sheet              # the printable sheet of codes, per seat
        self.language = language or session.scenario.language
        total, per_address = caps
        self.server = TeamServer(session, self.codes, self.expert_codes,
                                 Budgets(total or MAX_CONNECTIONS, per_address or MAX_PER_ADDRESS))
        self.listening = None
        self.web_port, self.allow_hosts = web_port, allow_hosts
        self.pages = None

    async def start(self) -> None:
        self.listening = await self.server.start(self.host, self.port)
        self.port = self.listening.sockets[0].getsockname()[1]
        if self.web_port is not None:
            from .pages import TeamPages

            local = "127.0.0.1" if self.host in ("0.0.0.0", "::") else self.host
            self.pages = TeamPages(f"ws://{local}:{self.port}", self.host, self.web_port, self.session.scenario.title, self.language,
                                   self.allow_hosts)
            await self.pages.start()
        scenario = self.session.scenario
        files = [(self.codes_sheet, lambda path: sheet(path, scenario.title, self.url, self.pages.url if self.pages else None,
                                                      slips(self.url, {team.id: team.name for team in scenario.teams}, self.codes, self.expert_codes),
                                                      Catalog(self.language))),
                 (self.expert_codes_file, lambda path: json.dumps(self.expert_codes, ensure_ascii=False, indent=2)),
                 (self.codes_file, lambda path: json.dumps(self.codes, ensure_ascii=False, indent=2))]
        for path, text in files:
            if path is not None:  # written whole once listening, so a script can wait for it (team codes last)
                tmp = path.with_suffix(path.suffix + ".tmp")
                tmp.write_text(text(path), encoding="utf-8")
                tmp.replace(path)

    @property
    def url(self) -> str:
        host = reachable_host(self.host)
        host = f"[{host}]" if ":" in host else host
        return f"ws://{host}:{self.port}"

    async def stop(self) -> None:
        if self.pages is not None:
            await self.pages.stop()
        if self.listening is not None:
            self.listening.close()
            await self.listening.wait_closed()


def reachable_host(host: str) -> str:
    """The address to tell teams: listening on every network (0.0.0.0) is not an address
    anyone can join, so name this machine's own instead."""
    if host not in ("0.0.0.0", "::", ""):
        return host
    try:
        return socket.gethostbyname(socket.gethostname())
    except OSError:
        return "localhost"


async def run_headless(served: ServedDrill, start_clock: bool, announce) -> None:
    """Serve without a console (automation, tests): tick the clock until the drill ends
    or the process is told to stop."""
    await served.start()
    announce(served)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # Windows: Ctrl-C raises KeyboardInterrupt instead
            pass
    if start_clock and not served.session.state.running and not served.session.state.ended:
        served.session.start()
    await drive(served.session, stop)
    if not stop.is_set():  # the drill ended: keep serving, so teams see that it has
        await stop.wait()
    await served.stop()

"""Teams in a browser: the team workspace served as a web page, for venues where
nothing can be installed on the participants' machines; and the debrief presenter,
for a projector's browser.

textual-serve runs `drill join SERVER` (or `drill debrief SESSION`) for each browser
tab and streams the terminal to the page; the join page asks for the team and code. The page and all
its assets come from this process (our own copy of textual-serve's template
loads its font locally), so it works on a network with no internet access.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server

TEMPLATES = Path(__file__).parent / "templates"


class DrillPages(Server):
    """textual-serve's server running a `drill` command per browser tab, answering with the
    address the browser used, so the page works whether it was opened as localhost or by
    the facilitator's LAN address."""

    def __init__(self, arguments: list[str], host: str, port: int, title: str = "drill", language: str | None = None):
        parts = [sys.executable, "-m", "drill", *arguments, *(["--lang", language] if language else [])]
        command = " ".join(shlex.quote(part) for part in parts)
        super().__init__(command, host=host, port=port, title=title, templates_path=TEMPLATES)
        self._runner: web.AppRunner | None = None

    async def handle_index(self, request: web.Request):
        self.public_url = f"{request.scheme}://{request.host}"
        return await super().handle_index(request)

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: the facilitator's console owns the terminal; the command says where to go."""

    async def start(self) -> None:
        """Listen inside an event loop that is already running (the console's, or a headless server's)."""
        self._runner = web.AppRunner(await self._make_app(), handle_signals=False)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def url(self) -> str:
        from .serve import reachable_host

        host = "localhost" if self.host == "127.0.0.1" else reachable_host(self.host)
        return f"http://{host}:{self.port}/"


class TeamPages(DrillPages):
    """The team workspace (`drill join SERVER`) in a browser."""

    def __init__(self, drill_url: str, host: str, port: int, title: str = "drill", language: str | None = None):
        super().__init__(["join", drill_url], host, port, title, language)


class DebriefPages(DrillPages):
    """The debrief presenter (`drill debrief SESSION`) in a browser, for a projector
    driven from a laptop that has no terminal to show."""

    def __init__(self, session: Path, host: str, port: int, whatif: Path | None = None, language: str | None = None,
                 against: Path | None = None):
        arguments = ["debrief", str(Path(session).resolve()), *(["--whatif", str(Path(whatif).resolve())] if whatif else []),
                     *(["--against", str(Path(against).resolve())] if against else [])]
        super().__init__(arguments, host, port, "drill debrief", language)

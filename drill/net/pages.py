"""Teams in a browser: the team workspace served as a web page, for venues where
nothing can be installed on the participants' machines; and the debrief presenter,
for a projector's browser.

textual-serve runs `drill join SERVER` (or `drill debrief SESSION`) for each browser
tab and streams the terminal to the page. The page and all its assets come from this
process (our own copy of textual-serve's template loads its font locally), so it works
on a network with no internet access.

A page that starts processes on this machine is guarded as `drill serve` is:

- **Host and Origin**: a request is answered only under a name this machine goes by
  (an IP address, `localhost`, or a name the facilitator allows with `--allow-host`),
  so a foreign web page cannot reach it through DNS rebinding; and a browser's
  request from a page of another origin (a foreign site's script opening `/ws`) is
  refused.
- **a code first**: the page asks for the team (or expert) and the join code, checks
  them with the drill server, and only then hands the browser a one-time ticket (a
  cookie) that starts one `drill join` process; the debrief page asks for its own
  code, printed when it starts. No ticket, no process.
- **a cap**: at most `max_pages` processes at once (MAX_PAGES by default).
"""

from __future__ import annotations

import asyncio
import html
import ipaddress
import json
import secrets
import shlex
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int
from websockets.asyncio.client import connect
from websockets.exceptions import WebSocketException

from ..i18n import Catalog, language_of_browser
from ..report.bidi import neutralise
from . import protocol as p
from .codes import new_code, normalise

TEMPLATES = Path(__file__).parent / "templates"
MAX_PAGES = 60           # drill processes the page runs at once: a room of teams, each in a tab or two
TICKET_LIFE = 60.0       # seconds a ticket waits for its browser to open the terminal
TICKET = "drill-ticket"
LOCAL_NAMES = {"localhost"}


class DrillPages(Server):
    """textual-serve's server running a `drill` command per browser tab, once the page's own
    form has been answered with a valid code (see the module), answering with the address
    the browser used, so the page works whether it was opened as localhost or by the
    facilitator's LAN address."""

    def __init__(self, arguments: list[str], host: str, port: int, title: str = "drill", language: str | None = None,
                 allow_hosts: tuple[str, ...] = (), max_pages: int = MAX_PAGES):
        self.language = language
        self.base = [sys.executable, "-m", "drill", *arguments, *(["--lang", language] if language else [])]
        super().__init__(shlex.join(self.base), host=host, port=port, title=neutralise(title), templates_path=TEMPLATES)
        self.allowed = LOCAL_NAMES | {name.lower().strip("[]") for name in allow_hosts}
        self.max_pages, self.running = max_pages, 0
        self.tickets: dict[str, tuple[list[str], float]] = {}
        self._runner: web.AppRunner | None = None

    # ----- who may ask ------------------------------------------------------------------------------

    def allowed_host(self, host: str | None) -> bool:
        """A Host (or an Origin's host) this page answers to: an IP address (no name to rebind),
        localhost, or a name the facilitator allowed."""
        if not host:
            return False
        name = urlsplit(f"//{host}").hostname or ""
        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            return name in self.allowed

    @web.middleware
    async def guard(self, request: web.Request, handler):
        origin = request.headers.get("Origin")
        if not self.allowed_host(request.host) or (origin is not None and urlsplit(origin).netloc.lower() != request.host.lower()):
            return web.Response(status=403, text="drill: this page answers only under this machine's address or a name given with --allow-host\n")
        return await handler(request)

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        app.router.add_post("/", self.handle_form)
        return app

    # ----- the code first ----------------------------------------------------------------------------

    async def handle_index(self, request: web.Request):
        """The form asking for the code; the terminal page comes after it (handle_form)."""
        return self.form(request)

    async def handle_form(self, request: web.Request):
        answers = await request.post()
        fields = {key: str(answers.get(key, "")).strip()[:64] for key in ("kind", "seat", "code")}
        arguments, problem = await self.admit(fields, self.language_for(request))
        if arguments is None:
            return self.form(request, problem, fields)
        ticket = secrets.token_urlsafe(24)
        now = time.monotonic()
        self.tickets = {key: value for key, value in self.tickets.items() if value[1] > now}
        self.tickets[ticket] = (arguments, now + TICKET_LIFE)
        self.public_url = f"{request.scheme}://{request.host}"
        response = await Server.handle_index(self, request)
        response.set_cookie(TICKET, ticket, httponly=True, samesite="Strict", max_age=int(TICKET_LIFE))
        return response

    async def admit(self, fields: dict[str, str], language: str | None = None) -> tuple[list[str] | None, str]:
        """The command's extra arguments for these answers, or None and the refusal to show
        (in `language`, else the page's)."""
        raise NotImplementedError

    def language_for(self, request: web.Request) -> str:
        """The page's language: `--lang` or the drill's, else the browser's own choice."""
        return self.language or language_of_browser(request.headers.get("Accept-Language"))

    def form(self, request: web.Request, problem: str = "", fields: dict[str, str] | None = None) -> web.Response:
        language = self.language_for(request)
        t, fields = Catalog(language), fields or {}
        value = {key: html.escape(fields.get(key, ""), quote=True) for key in ("seat", "code")}
        kinds = "".join(f'<label><input type="radio" name="kind" value="{kind}"{" checked" if fields.get("kind", "team") == kind else ""}> '
                        f'{html.escape(t(f"web.as-{kind}"))}</label> ' for kind in self.kinds)
        seat = f'<p><label>{html.escape(t("web.seat"))}<br><input name="seat" value="{value["seat"]}" autofocus></label></p>' if self.kinds else ""
        page = (f'<!DOCTYPE html><html lang="{html.escape(language)}"><head><meta charset="utf-8">'
                f'<title>{html.escape(self.title)}</title><style>body{{background:#0c181f;color:#eee;font:16px sans-serif;margin:3em}}'
                f'input{{font:inherit;padding:.3em}} .problem{{color:#f77}}</style></head><body>'
                f'<h1>{html.escape(self.title)}</h1><form method="post" action="/">'
                f'<p>{kinds}</p>{seat}'
                f'<p><label>{html.escape(t("web.code"))}<br><input name="code" value="{value["code"]}" autocomplete="off"></label></p>'
                f'<p class="problem">{html.escape(problem)}</p><p><button type="submit">{html.escape(t("web.open"))}</button></p>'
                f'</form></body></html>')
        return web.Response(text=page, content_type="text/html")

    kinds: tuple[str, ...] = ()

    # ----- one process per ticket ---------------------------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        """textual-serve's, with the command of the ticket the form handed out; without a
        valid ticket, or past the cap, no process is started."""
        ticket = self.tickets.pop(request.cookies.get(TICKET, ""), None)
        if ticket is None or ticket[1] < time.monotonic():
            return web.Response(status=403, text="drill: open the page and enter the join code first\n")
        if self.running >= self.max_pages:
            return web.Response(status=503, text="drill: too many pages open on this machine; close one and try again\n")
        websocket = web.WebSocketResponse(heartbeat=15)
        width, height = to_int(request.query.get("width", "80"), 80), to_int(request.query.get("height", "24"), 24)
        self.running += 1
        app_service: AppService | None = None
        try:
            await websocket.prepare(request)
            app_service = AppService(shlex.join([*self.base, *ticket[0]]), write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                                     close=websocket.close, download_manager=self.download_manager, debug=self.debug)
            await app_service.start(width, height)
            await self._process_messages(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # noqa: BLE001 - one tab's trouble, said once, not a traceback
            print(f"drill web: a page's terminal stopped: {error}", file=sys.stderr)
        finally:
            self.running -= 1
            if app_service is not None:
                await app_service.stop()
        return websocket

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
    """The team workspace (`drill join SERVER`) in a browser; an invited expert's review
    screen too. The code is checked with the drill server before a process starts."""

    kinds = ("team", "expert")

    def __init__(self, drill_url: str, host: str, port: int, title: str = "drill", language: str | None = None,
                 allow_hosts: tuple[str, ...] = (), max_pages: int = MAX_PAGES):
        super().__init__(["join", drill_url], host, port, title, language, allow_hosts, max_pages)
        self.drill_url = drill_url

    async def admit(self, fields: dict[str, str], language: str | None = None) -> tuple[list[str] | None, str]:
        expert = fields["kind"] == "expert"
        hello = ({"type": "expert-hello", "expert": fields["seat"] or "?", "code": fields["code"], "via": "check"} if expert
                 else {"type": "hello", "team": fields["seat"], "code": fields["code"], "via": "check"})
        t = Catalog(language or self.language)
        try:
            async with connect(self.drill_url, open_timeout=10, max_size=p.MAX_FRAME, compression=None) as ws:
                await ws.send(json.dumps(hello))
                answer = json.loads(await asyncio.wait_for(ws.recv(), 150))   # a guessing address waits its turn
        except (OSError, WebSocketException, asyncio.TimeoutError, ValueError):
            return None, t("web.no-server")
        if answer.get("type") not in ("welcome", "expert-welcome"):
            key = answer.get("key")
            return None, t(f"refused.{key}", **answer.get("params", {})) if key else str(answer.get("reason", ""))
        return (["--expert", fields["seat"]] if expert else ["--team", fields["seat"]]) + ["--code", fields["code"]], ""


class DebriefPages(DrillPages):
    """The debrief presenter (`drill debrief SESSION`) in a browser, for a projector
    driven from a laptop that has no terminal to show; behind a code of its own
    (`code`, printed when it starts), as it shows the whole drill."""

    def __init__(self, session: Path, host: str, port: int, whatif: Path | None = None, language: str | None = None,
                 against: Path | None = None, allow_hosts: tuple[str, ...] = (), max_pages: int = 4):
        arguments = ["debrief", str(Path(session).resolve()), *(["--whatif", str(Path(whatif).resolve())] if whatif else []),
                     *(["--against", str(Path(against).resolve())] if against else [])]
        super().__init__(arguments, host, port, "drill debrief", language, allow_hosts, max_pages)
        self.code = new_code()

    async def admit(self, fields: dict[str, str], language: str | None = None) -> tuple[list[str] | None, str]:
        if secrets.compare_digest(normalise(fields["code"]), self.code):
            return [], ""
        await asyncio.sleep(1.0)   # a wrong code waits: guessing six characters a second gets nowhere
        return None, Catalog(language or self.language)("web.wrong-code")

"""Budgets for seats: what one connection, one address or one seat may cost the server.

Every connection passes through here, so that one bad seat (a team's terminal that
floods drafts, stops reading, or opens sockets by the thousand) cannot slow the
others or run the server out of memory or descriptors:

- **connections**: at most MAX_CONNECTIONS in all and MAX_PER_ADDRESS from one
  address; one more is closed at once with 1013 ("try again later") and a reason.
  Sockets are counted from the moment they are accepted, handshake or not: past the
  caps by HANDSHAKE_SLACK (sockets that have not said anything yet) a new socket is
  dropped at once, so idle sockets cannot use up the process's descriptors (whose
  limit is raised to what the system allows when the server starts).
- **sending**: a connection whose unsent bytes pass SEND_BACKLOG is not reading; it
  is sent nothing more and closed with CLOSE_NOT_READING, so memory never grows
  with a reader that has stopped (websockets' `broadcast` does not wait for anyone).
- **requests**: each seat (a team, whatever its terminals, or an expert) has a token
  bucket of requests and bytes a second; past it, the seat's connection waits before
  its next frame is read, and every connection yields after each request, so the
  event loop serves the seats in turn and a flood from one delays only itself.
- **the log**: a repeated error is written once a minute, without its traceback,
  and running out of descriptors is one line, not one traceback per accept.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import time
import weakref
from dataclasses import dataclass, field

from websockets.asyncio.server import ServerConnection, broadcast

MAX_CONNECTIONS = 500        # open connections in all; well under the descriptors a process gets
MAX_PER_ADDRESS = 100        # from one address (a `drill web` page's machine holds a room's teams)
MAX_HELLO = 4096             # bytes: a hello is a team id and a code; nothing bigger is read as one
SEND_BACKLOG = 1024 * 1024   # unsent bytes a connection may hold before it counts as not reading
REQUESTS_PER_SECOND = 10.0   # per seat; a team's autosave sends one every few seconds
REQUEST_BURST = 20.0
BYTES_PER_SECOND = 256 * 1024.0        # per seat; a 200,000-character draft is about 600 KB,
BYTES_BURST = 2 * 1024 * 1024.0        # so a few of them go at once, then one every 2 s or so
HANDSHAKE_SLACK = 20         # sockets still in their opening handshake, beyond the caps
CLOSE_TRY_LATER = 1013
CLOSE_NOT_READING = 4008     # the connection stopped reading what it was sent
REPEAT_WINDOW = 60.0         # seconds a repeated log line is held back


@dataclass
class Bucket:
    """A token bucket: `rate` a second, up to `burst`; taking more than there is leaves a
    debt, paid back by waiting (the answer of `take`)."""

    rate: float
    burst: float
    tokens: float = -1.0
    at: float = 0.0

    def take(self, amount: float, now: float) -> float:
        """Seconds to wait before the taken `amount` is covered (0: go on now)."""
        if self.tokens < 0 and self.at == 0.0:
            self.tokens = self.burst
        else:
            self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        self.tokens -= amount
        return 0.0 if self.tokens >= 0 else -self.tokens / self.rate


@dataclass
class SeatBudget:
    requests: Bucket = field(default_factory=lambda: Bucket(REQUESTS_PER_SECOND, REQUEST_BURST))
    data: Bucket = field(default_factory=lambda: Bucket(BYTES_PER_SECOND, BYTES_BURST))

    def charge(self, size: int, now: float) -> float:
        return max(self.requests.take(1, now), self.data.take(size, now))


class Budgets:
    """The server's budgets: per connection, per address and per seat (see the module)."""

    def __init__(self, max_connections: int = MAX_CONNECTIONS, max_per_address: int = MAX_PER_ADDRESS):
        self.max_connections, self.max_per_address = max_connections, max_per_address
        self.open: dict[str, int] = {}     # address -> connections open from it
        self.sockets: dict[str, int] = {}  # address -> sockets accepted from it, handshake or not
        self.seats: dict[str, SeatBudget] = {}
        self.dropped: weakref.WeakSet[ServerConnection] = weakref.WeakSet()   # closed for not reading

    # ----- connections -------------------------------------------------------------------------

    def enter(self, ws: ServerConnection) -> str | None:
        """Count a new connection in; or say why it is one too many (then it is not counted)."""
        address = address_of(ws)
        if sum(self.open.values()) >= self.max_connections:
            return "too many connections to this drill"
        if self.open.get(address, 0) >= self.max_per_address:
            return "too many connections from your address"
        self.open[address] = self.open.get(address, 0) + 1
        return None

    def leave(self, ws: ServerConnection) -> None:
        _less(self.open, address_of(ws))

    def connection_class(self) -> type[ServerConnection]:
        """websockets' connection, counted from the moment its socket is accepted (see the module)."""
        budgets = self

        class Counted(ServerConnection):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                super().connection_made(transport)
                address = address_of(self)
                if (sum(budgets.sockets.values()) >= budgets.max_connections + HANDSHAKE_SLACK
                        or budgets.sockets.get(address, 0) >= budgets.max_per_address + HANDSHAKE_SLACK):
                    transport.abort()   # nothing said yet, nothing to answer: the descriptor is freed now
                    return
                budgets.sockets[address] = budgets.sockets.get(address, 0) + 1
                self.counted = address

            def connection_lost(self, error: Exception | None) -> None:
                address = getattr(self, "counted", None)
                if address is not None:
                    self.counted = None
                    _less(budgets.sockets, address)
                super().connection_lost(error)

        return Counted

    # ----- requests ----------------------------------------------------------------------------

    async def pace(self, seat: str, size: int) -> None:
        """Wait until the seat's budget covers a request of `size` bytes, and in any case let
        the other connections have their turn first."""
        wait = self.seats.setdefault(seat, SeatBudget()).charge(size, time.monotonic())
        await asyncio.sleep(wait)

    # ----- sending -----------------------------------------------------------------------------

    def send(self, connections: list[ServerConnection], text: str) -> None:
        """`broadcast` to the connections that keep up; one that has stopped reading is closed
        instead, before its unsent frames can pile up."""
        keeping = []
        for ws in connections:
            if backlog(ws) > SEND_BACKLOG:
                self.drop(ws)
            else:
                keeping.append(ws)
        broadcast(keeping, text)

    def drop(self, ws: ServerConnection) -> None:
        if ws in self.dropped:
            return
        self.dropped.add(ws)
        asyncio.ensure_future(_close(ws, CLOSE_NOT_READING, "not reading: sent more than it read"))


async def _close(ws: ServerConnection, code: int, reason: str) -> None:
    """Say why, and end it: a connection that reads nothing will not answer the close either."""
    try:
        await asyncio.wait_for(ws.close(code, reason), 1.0)
    except (asyncio.TimeoutError, OSError):
        ws.transport.abort()


def _less(counts: dict[str, int], address: str) -> None:
    counts[address] -= 1
    if not counts[address]:
        del counts[address]


def more_descriptors() -> None:
    """Raise the process's limit of open files to what the system allows (a soft limit of
    1,024 is common), so the connection caps, not the descriptors, are what runs out."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
        except (ValueError, OSError):
            pass


def backlog(ws: ServerConnection) -> int:
    """Bytes written to the connection that the other end has not taken yet (beyond the OS's buffer)."""
    transport = ws.transport
    return transport.get_write_buffer_size() if transport is not None and not transport.is_closing() else 0


def address_of(ws: ServerConnection) -> str:
    return ws.remote_address[0] if ws.remote_address else "?"


# ----- a log that one bad seat cannot flood ----------------------------------------------------------

_RESOURCE_ERRORS = {errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM}


class Repeats:
    """Which lines were written lately: the same one is let through once per REPEAT_WINDOW."""

    def __init__(self, window: float = REPEAT_WINDOW):
        self.window, self.last, self.held = window, {}, {}

    def first(self, key: tuple) -> bool:
        now = time.monotonic()
        if now - self.last.get(key, -self.window) < self.window:
            self.held[key] = self.held.get(key, 0) + 1
            return False
        self.last[key] = now
        return True


class QuietRepeats(logging.Filter):
    """On websockets' loggers: a repeated line once a minute, and no tracebacks (the text of
    the error says enough; a traceback per bad connection is how a log grows 47 MB)."""

    def __init__(self) -> None:
        super().__init__()
        self.repeats = Repeats()

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if not self.repeats.first((record.name, record.msg, type(error).__name__)):
            return False
        if error is not None:
            record.msg, record.args = f"{record.getMessage()}: {type(error).__name__}: {error}", ()
            record.exc_info = record.exc_text = None
        return True


def quiet_loop(loop: asyncio.AbstractEventLoop) -> None:
    """Make the event loop's own error reports (an accept that fails when descriptors run
    out, which asyncio retries every second) one line, once a minute. Once per loop: a
    server started again in the same loop keeps the handler it has."""
    previous, repeats = loop.get_exception_handler(), Repeats()
    if getattr(previous, "quiet", False):
        return
    log = logging.getLogger("drill.net")

    def handler(loop: asyncio.AbstractEventLoop, context: dict) -> None:
        error = context.get("exception")
        if isinstance(error, OSError) and error.errno in _RESOURCE_ERRORS:
            if repeats.first(("resource", error.errno)):
                log.warning("%s: %s; new connections wait until some close", context.get("message", "accept failed"), error.strerror)
            return
        if not repeats.first((context.get("message"), type(error).__name__)):
            return
        if previous is not None:
            previous(loop, context)
        else:
            loop.default_exception_handler(context)

    handler.quiet = True
    loop.set_exception_handler(handler)


_QUIET = QuietRepeats()
for _name in ("websockets.server", "websockets.asyncio.server"):
    if _QUIET not in logging.getLogger(_name).filters:
        logging.getLogger(_name).addFilter(_QUIET)

"""Who is in the room: each seat of a served drill (every team, every invited expert),
whether it is connected now and how (at a terminal or in a browser), dropped (since
when) or never joined.

A drop is timed twice: on the drill's clock (for the activity log, beside the drill's
other events) and on the wall clock of the facilitator's machine. The drill's clock may
be paused (before the start, between phases) or run at 60 times real speed, so "dropped
at 07:00" says nothing of how long a team has been away; the console's list of seats
shows the real time.

A trainer checks the room before starting the clock, and notices a team that fell off
the network mid-drill; nothing else knows who is connected, so the server tells this
of each admitted connection and of each that closes. A seat may have several
connections at once (two laptops, a browser tab left open): it is connected while any
is. Listeners (the console) hear of each change, to show it and to say so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Hashable

VIAS = ("terminal", "browser")   # how a seat can be connected, as the client says in its hello


@dataclass
class Seat:
    kind: str                        # "team" or "expert"
    name: str                        # a team's id, an expert's name as the facilitator wrote it
    via: Counter = field(default_factory=Counter)   # open connections by how they came
    joined: bool = False             # ever admitted
    dropped_at: float | None = None  # in-world time the last connection closed
    dropped_wall: datetime | None = None   # and the local wall-clock time it closed

    @property
    def state(self) -> str:
        """connected, dropped or never (joined)."""
        if sum(self.via.values()):
            return "connected"
        return "dropped" if self.joined else "never"

    @property
    def ways(self) -> list[str]:
        """How it is connected now: terminal, browser or both."""
        return [via for via in VIAS if self.via[via]]


@dataclass(frozen=True)
class Change:
    seat: Seat
    what: str      # "joined" or "dropped"
    via: str
    at: float      # in-world time


class Presence:
    """The seats of a served drill, kept current by the server: `joined` when a connection
    is admitted, `left` when it closes."""

    def __init__(self, teams: list[str], experts: list[str], now: Callable[[], float],
                 wall: Callable[[], datetime] = lambda: datetime.now().astimezone()):
        self.now, self.wall = now, wall   # the drill's clock (in-world seconds), the local wall clock
        self.seats = {("team", name): Seat("team", name) for name in teams}
        self.seats.update({("expert", name): Seat("expert", name) for name in experts})
        self.listeners: list[Callable[[Change], None]] = []
        self._open: dict[Hashable, tuple[Seat, str]] = {}

    def seat(self, kind: str, name: str) -> Seat:
        return self.seats[(kind, name)]

    def joined(self, connection: Hashable, kind: str, name: str, via: str) -> None:
        """A connection admitted to a seat; the web page's check of a code (via "check") is
        not someone in the room, so the console does not see a join and a drop for it."""
        if via == "check":
            return
        seat = self.seats.setdefault((kind, name), Seat(kind, name))
        self._open[connection] = (seat, via)
        seat.via[via] += 1
        seat.joined, seat.dropped_at, seat.dropped_wall = True, None, None
        self._tell(Change(seat, "joined", via, self.now()))

    def left(self, connection: Hashable) -> None:
        """A connection closed; nothing if it was never admitted."""
        found = self._open.pop(connection, None)
        if found is None:
            return
        seat, via = found
        seat.via[via] -= 1
        if seat.state == "dropped":
            seat.dropped_at, seat.dropped_wall = self.now(), self.wall()
            self._tell(Change(seat, "dropped", via, seat.dropped_at))

    def _tell(self, change: Change) -> None:
        for listener in list(self.listeners):
            listener(change)

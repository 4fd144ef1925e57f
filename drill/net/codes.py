"""Join codes: random per session and team, short, and easy to read aloud.

The alphabet leaves out look-alikes (0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V), so a code
read across a room is typed right the first time.
"""

from __future__ import annotations

import json
import secrets

from ..engine import Session

ALPHABET = "34679ACDEFGHJKMNPQRTWXY"
LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(code: str) -> str:
    """What a person typed, as the server stores it: spaces and dashes dropped, upper case."""
    return "".join(ch for ch in code.upper() if ch not in " -")


def session_codes(session: Session) -> dict[str, str]:
    """The session's codes, made once and kept in the session file so a restarted server
    admits the same teams with the same codes."""
    return _kept_codes(session, "codes", [team.id for team in session.scenario.teams], set())


def expert_codes(session: Session, names: list[str] | tuple[str, ...] = ()) -> dict[str, str]:
    """Each invited expert's code, by name: those the session file keeps, plus one for each
    new name. Unique among team codes too, so no code can admit both a team and an expert."""
    names = [name.strip() for name in names if name.strip()]
    return _kept_codes(session, "expert-codes", names, set(session_codes(session).values()))


def _kept_codes(session: Session, key: str, wanted: list[str], taken: set[str]) -> dict[str, str]:
    log = session.sink
    stored = log.meta(key) if log is not None else None
    codes = json.loads(stored) if stored else {}
    missing = [name for name in dict.fromkeys(wanted) if name not in codes]
    if missing:
        taken = taken | set(codes.values())
        for name in missing:
            code = new_code()
            while code in taken:
                code = new_code()
            codes[name] = code
            taken.add(code)
        if log is not None:
            log.set_meta(key, json.dumps(codes, ensure_ascii=False, sort_keys=True))
    return codes


FREE_TRIES = 3           # wrong codes allowed before answers slow down
MAX_PENALTY = 30.0       # seconds between answers, at most
REMEMBER = 15 * 60.0     # seconds a wrong code counts against an address and a team
MAX_QUEUE = 120.0        # seconds an attempt may wait for its turn before it is turned away


class Guesses:
    """Wrong join codes, counted per address and per team, so guessing stays slow.

    The count does not reset when someone gets in (a team that knows its own code
    could otherwise guess the others' at full speed) and is shared by every
    connection from an address or naming a team (else 200 parallel connections
    would guess 200 times as fast): once an address or a team has FREE_TRIES
    wrong codes, its attempts are answered one at a time, 2 s, 4 s, ... up to
    MAX_PENALTY apart, whether the code is right or wrong, so the wait tells
    nothing. Wrong codes are forgotten after REMEMBER seconds. An attempt with
    nothing against it is answered at once, without yielding to the event loop,
    so a burst is counted as it goes and a room reconnecting after a restart is
    not held up.
    """

    def __init__(self) -> None:
        self.failures: dict[str, list[float]] = {}
        self._next: dict[str, float] = {}

    @staticmethod
    def keys(address: str, seat: str) -> tuple[str, str]:
        """What an attempt is counted against: where it comes from, and the seat it names
        ("team press", "expert 李教授"), so an expert's seat is guarded like a team's."""
        return f"address {address}", seat

    def turn(self, keys: tuple[str, ...], now: float) -> float | None:
        """Seconds this attempt must wait before its code is checked (0: check it now, in
        the same step), or None when it would wait so long that it is turned away at once."""
        self._forget(now)
        tries = max(len(self.failures.get(key, ())) for key in keys) + 1
        if tries <= FREE_TRIES:
            return 0.0
        spacing = min(MAX_PENALTY, 2.0 ** (tries - FREE_TRIES))
        at = max(now, *(self._next.get(key, 0.0) for key in keys)) + spacing
        if at - now > MAX_QUEUE:
            return None
        for key in keys:
            self._next[key] = at
        return at - now

    def answered(self, keys: tuple[str, ...], right: bool, now: float) -> None:
        if not right:
            for key in keys:
                self.failures.setdefault(key, []).append(now)

    def _forget(self, now: float) -> None:
        for key in [key for key, times in self.failures.items() if times[-1] < now - REMEMBER]:
            del self.failures[key]
        for key in [key for key, at in self._next.items() if at < now]:
            del self._next[key]
        for times in self.failures.values():
            while times and times[0] < now - REMEMBER:
                times.pop(0)

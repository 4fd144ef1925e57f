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
NOTICE_EVERY = 10        # wrong codes for a seat between two notices on the console
MAX_QUEUE = 120.0        # seconds an attempt may wait for its turn before it is turned away


class Guesses:
    """Wrong join codes, counted per address and per seat, so guessing stays slow without
    ever locking the real team out.

    The wait falls on the guesser: once an address has FREE_TRIES wrong codes for a seat, its
    attempts at that seat are answered one at a time, 2 s, 4 s, ... up to MAX_PENALTY apart, right
    code or wrong (so the wait tells nothing); an attempt that would wait more than
    MAX_QUEUE is turned away at once. The count is shared by every connection from the
    address (else 200 parallel connections would guess 200 times as fast) and does not
    reset when someone gets in (a team that knows its own code could otherwise guess the
    others' at full speed); guessing several seats from one address is bounded seat by seat. A seat under attack (FREE_TRIES wrong codes naming it, from
    anywhere) also spaces the attempts of every address that has a wrong code of its own,
    so spreading the guesses over many addresses buys one try each. An address with no
    wrong code is never held up: the team typing its right code at its own terminal gets
    straight in while someone guesses, as does a room reconnecting after a restart; and
    the guesser's address itself gets in once its turn comes with the right code.
    Wrong codes are forgotten after REMEMBER seconds. An attempt with nothing against it
    is answered at once, without yielding to the event loop, so a burst is counted as it goes.
    """

    def __init__(self) -> None:
        self.failures: dict[str, list[float]] = {}
        self._next: dict[str, float] = {}

    @staticmethod
    def keys(address: str, seat: str) -> tuple[str, str]:
        """What an attempt is counted against: where it comes from for the seat it names, and
        the seat ("team press", "expert 李教授"), so an expert's seat is guarded like a team's.
        The address counts per seat: many seats share one address (every browser team comes
        through `drill web`'s own connection, a room may sit behind one router), and one
        person guessing a seat must not hold up the other teams typing their right codes."""
        return f"address {address} for {seat}", seat

    def turn(self, keys: tuple[str, str], now: float) -> float | None:
        """Seconds this attempt must wait before its code is checked (0: check it now, in
        the same step), or None when it would wait so long that it is turned away at once."""
        self._forget(now)
        address, seat = keys
        mine = len(self.failures.get(address, ()))
        if not mine:
            return 0.0
        spaced = [key for key in keys if len(self.failures.get(key, ())) >= FREE_TRIES]
        if not spaced:
            return 0.0
        tries = max(len(self.failures[key]) for key in spaced) + 1
        spacing = min(MAX_PENALTY, 2.0 ** (tries - FREE_TRIES))
        at = max(now, *(self._next.get(key, 0.0) for key in spaced)) + spacing
        if at - now > MAX_QUEUE:
            return None
        for key in spaced:
            self._next[key] = at
        return at - now

    def answered(self, keys: tuple[str, ...], right: bool, now: float) -> int:
        """Count a wrong code against the address and the seat; returns the seat's count now."""
        if not right:
            for key in keys:
                self.failures.setdefault(key, []).append(now)
        return len(self.failures.get(keys[-1], ()))

    @staticmethod
    def worth_telling(wrong: int) -> bool:
        """Whether a seat's count of wrong codes is one to tell the facilitator about: when it
        reaches FREE_TRIES, and every NOTICE_EVERY after (someone may be guessing)."""
        return wrong >= FREE_TRIES and (wrong - FREE_TRIES) % NOTICE_EVERY == 0

    def _forget(self, now: float) -> None:
        for key in [key for key, times in self.failures.items() if times[-1] < now - REMEMBER]:
            del self.failures[key]
        for key in [key for key, at in self._next.items() if at < now]:
            del self._next[key]
        for times in self.failures.values():
            while times and times[0] < now - REMEMBER:
                times.pop(0)

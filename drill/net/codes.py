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

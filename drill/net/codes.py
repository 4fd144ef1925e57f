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
    log = session.sink
    stored = log.meta("codes") if log is not None else None
    codes = json.loads(stored) if stored else {}
    missing = [team.id for team in session.scenario.teams if team.id not in codes]
    if missing:
        taken = set(codes.values())
        for team in missing:
            code = new_code()
            while code in taken:
                code = new_code()
            codes[team] = code
            taken.add(code)
        if log is not None:
            log.set_meta("codes", json.dumps(codes, sort_keys=True))
    return codes

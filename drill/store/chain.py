"""The session record's hash chain: each event carries a SHA-256 of its content and of the event before it.

Results of a drill are used to praise and to hold to account (总结评估), so a session
file edited afterwards with any SQLite tool must show it. Every event's `hash` is
SHA-256 over a canonical encoding of the event (its number, in-world time, type,
data as the log stores it, and real time) and the hash before it; the first event's
"hash before" is the genesis digest, over the scenario and rubric texts the session
recorded, so changing the rubric a drill was scored by breaks the chain too.

Change one byte of an event and its hash no longer matches; recompute that hash and
the next event's no longer does; delete a row and the next event no longer links to the
one before it (drafts, kept apart as the latest per team and task, are not chained and
leave gaps in the numbers that break nothing). Only the end can be cut off unseen, so the final digest is printed on every report and kept in
a bundle's manifest: anyone holding one can check the file against it later.

The encoding, fixed for good (a change would break every recorded chain):
`seq US at US type US data US wall US prev`, US being U+001F, `at` as Python's repr of
the float, `data` the log's JSON (sorted keys, control characters escaped, so it holds
no US), all UTF-8. Nothing outside drill/store computes or checks these digests.
"""

from __future__ import annotations

from dataclasses import dataclass
from hashlib import sha256
from typing import Iterable

SEALED = ("scenario", "rubrics")   # the meta texts the first event's hash covers
_US = "\x1f"


def genesis(meta: dict[str, str | None]) -> str:
    """The digest the chain starts from: the recorded scenario and rubric texts."""
    text = _US.join(["drill-chain/1", *(meta.get(key) or "" for key in SEALED)])
    return sha256(text.encode("utf-8")).hexdigest()


def link(prev: str, seq: int, at: float, kind: str, data: str, wall: str) -> str:
    """One event's hash: its content and the hash before it."""
    return sha256(_US.join((str(seq), repr(float(at)), kind, data, wall, prev)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Verdict:
    """What checking a session's chain found.

    `chained` is False for a file recorded before drill kept a chain (nothing to check);
    `broken_at` is the number of the first event that does not hold (0: the recorded
    scenario or rubrics changed), with `at`, `kind` and `wall` for saying where, and
    `reason` one of `content`, `missing`, `unhashed`, `sealed`."""

    chained: bool
    events: int
    final: str | None = None
    broken_at: int | None = None
    reason: str | None = None
    at: float | None = None
    kind: str | None = None
    wall: str | None = None

    @property
    def intact(self) -> bool:
        return self.chained and self.broken_at is None


def check(rows: Iterable[tuple[int, float, str, str, str, str | None]], start: str, recorded_start: str | None) -> Verdict:
    """Walk (seq, at, type, data, wall, hash) rows in order from the genesis digest `start`;
    `recorded_start` is the genesis the file kept when its first event was written."""
    prev, count, expected_seq = start, 0, 1
    for seq, at, kind, data, wall, stored in rows:
        count += 1
        if stored is None:
            return Verdict(True, count, broken_at=seq, reason="unhashed", at=at, kind=kind, wall=wall)
        if link(prev, seq, at, kind, data, wall) != stored:
            # A gap in the numbers is no break by itself (drafts are numbered like events but kept
            # apart, drafts.py); a gap where the link fails is an event taken out.
            if seq != expected_seq:
                return Verdict(True, count, broken_at=expected_seq, reason="missing", at=at, kind=kind, wall=wall)
            sealed = seq == 1 and recorded_start is not None and recorded_start != start and link(recorded_start, seq, at, kind, data, wall) == stored
            return Verdict(True, count, broken_at=0 if sealed else seq, reason="sealed" if sealed else "content", at=at, kind=kind, wall=wall)
        prev, expected_seq = stored, seq + 1
    return Verdict(True, count, final=prev if count else None)

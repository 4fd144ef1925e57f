"""Driving a session in real time: the loop behind `drill run` and `drill serve`.

The engine only moves when told; this loop tells it. It sleeps exactly until
the next scheduled item (capped, so the clock shown on screens stays fresh) and
saves a clock checkpoint every few seconds, so that a session killed mid-drill
resumes within a few in-world seconds of where it was.
"""

from __future__ import annotations

import asyncio
import time

from .engine import Session
from .sessions import save_checkpoint

MAX_SLEEP = 0.25        # real seconds between ticks when nothing is due
CHECKPOINT_EVERY = 2.0  # real seconds


async def drive(session: Session, stop: asyncio.Event | None = None) -> None:
    """Tick the session until the drill ends or `stop` is set."""
    stop = stop or asyncio.Event()
    last_checkpoint = time.monotonic()
    while not stop.is_set() and not session.state.ended:
        session.tick()
        if time.monotonic() - last_checkpoint >= CHECKPOINT_EVERY and session.state.running:
            save_checkpoint(session)
            last_checkpoint = time.monotonic()
        await asyncio.sleep(_sleep_for(session))
    save_checkpoint(session)


def _sleep_for(session: Session) -> float:
    upcoming = session.next_at()
    wait = session.clock.real_until(upcoming) if upcoming is not None else None
    return MAX_SLEEP if wait is None else min(MAX_SLEEP, wait)

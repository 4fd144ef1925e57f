"""Driving a session in real time: the loop behind `drill run` and `drill serve`.

The engine only moves when told; this loop tells it. It sleeps exactly until
the next scheduled item (capped, so the clock shown on screens stays fresh) and
saves a clock checkpoint every few seconds, so that a session killed mid-drill
resumes within a few in-world seconds of where it was.

When the session file cannot take a write (a full or read-only disk), the loop
goes on: what was due stays due (the engine puts it back on its schedule) and
is recorded once the disk takes writes again; `on_unstored` hears of it, once
until writes succeed again, so the facilitator can free space.
"""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Callable

from .engine import Session
from .sessions import save_checkpoint
from .store import NotStored

MAX_SLEEP = 0.25        # real seconds between ticks when nothing is due
CHECKPOINT_EVERY = 2.0  # real seconds


async def drive(session: Session, stop: asyncio.Event | None = None, on_unstored: Callable[[NotStored], None] | None = None) -> None:
    """Tick the session until the drill ends or `stop` is set."""
    stop = stop or asyncio.Event()
    told = on_unstored or _tell_stderr
    failing = False
    last_checkpoint = time.monotonic()
    while not stop.is_set() and not session.state.ended:
        try:
            session.tick()
            if time.monotonic() - last_checkpoint >= CHECKPOINT_EVERY and session.state.running:
                save_checkpoint(session)
                last_checkpoint = time.monotonic()
            failing = False
        except NotStored as error:
            session.replan()
            if not failing:
                told(error)
            failing = True
            await asyncio.sleep(MAX_SLEEP)
            continue
        await asyncio.sleep(_sleep_for(session))
    try:
        save_checkpoint(session)
    except NotStored as error:
        told(error)


def _tell_stderr(error: NotStored) -> None:
    print(f"drill: {error}; the drill goes on, and what happens is recorded once the disk takes writes again", file=sys.stderr, flush=True)


def _sleep_for(session: Session) -> float:
    upcoming = session.next_at()
    wait = session.clock.real_until(upcoming) if upcoming is not None else None
    return MAX_SLEEP if wait is None else min(MAX_SLEEP, wait)

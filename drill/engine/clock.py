"""The in-world clock: paused until started, running at a chosen speed.

It maps real time to in-world seconds after clock.start. Real time comes from
an injectable function, so tests and headless runs drive it by hand and never
sleep.
"""

from __future__ import annotations

import time
from typing import Callable

MIN_SPEED, MAX_SPEED = 1, 3600


class Clock:
    def __init__(self, speed: float = 60, real: Callable[[], float] = time.monotonic, world: float = 0.0):
        self.real = real
        self.speed = float(speed)
        self.running = False
        self._world = float(world)   # in-world seconds at the anchor
        self._anchor = real()        # real time of the anchor

    @classmethod
    def headless(cls, speed: float) -> "Clock":
        """A clock whose real time stands still: it moves only when set, for runs that
        go as fast as the engine and always decide the same (simulations, what-ifs)."""
        return cls(speed, real=lambda: 0.0)

    def now(self) -> float:
        if not self.running:
            return self._world
        return self._world + (self.real() - self._anchor) * self.speed

    def _rebase(self, world: float | None = None) -> None:
        self._world = self.now() if world is None else float(world)
        self._anchor = self.real()

    def run(self) -> None:
        self._rebase()
        self.running = True

    def pause(self) -> None:
        self._rebase()
        self.running = False

    def set_speed(self, speed: float) -> None:
        if not MIN_SPEED <= speed <= MAX_SPEED:
            raise ValueError(f"speed must be from {MIN_SPEED} to {MAX_SPEED} in-world seconds per real second")
        self._rebase()
        self.speed = float(speed)

    def set(self, world: float) -> None:
        self._rebase(world)

    def real_until(self, world: float) -> float | None:
        """Real seconds until the clock reads `world`, or None while paused."""
        if not self.running:
            return None
        return max(0.0, (world - self.now()) / self.speed)

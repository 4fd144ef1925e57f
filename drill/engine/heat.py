"""The public-opinion heat index: 0 (quiet) to 100 (boiling).

Every rule about heat lives here, so that richer opinion dynamics can replace
this simple model without touching the rest of the engine.
"""

from __future__ import annotations

HEAT_MIN, HEAT_MAX = 0, 100


def after_inject(heat: int, delta: int) -> int:
    """Heat after an inject adds `delta`, clamped to the index's range."""
    return max(HEAT_MIN, min(HEAT_MAX, heat + delta))


def reached(heat: int, threshold: int) -> bool:
    """A `heat_above: N` condition holds the first time heat reaches N."""
    return heat >= threshold

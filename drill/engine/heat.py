"""The public-opinion heat index: 0 (quiet) to 100 (boiling).

Every rule about heat lives here, so the formula can change in one place.
Without a scenario `heat:` block, heat moves only by the injects' `heat`.
With one (see docs/heat.md):
- heat decays towards 0 with the given half-life: h(t) = h(t0) * 2 ** (-(t - t0) / half_life);
- a submitted public `statement` or `reply` with automatic score s moves heat by
  -calm * (s - pivot) / (100 - pivot) when s >= pivot, else +backfire * (pivot - s) / pivot;
- a missed statement or reply deadline adds `missed_statement`.
The result is always clamped to 0..100 and kept to one decimal, so runs replay exactly.
"""

from __future__ import annotations

import math

from ..formats.scenario import HeatModel

HEAT_MIN, HEAT_MAX = 0.0, 100.0
PUBLIC_KINDS = ("statement", "reply")


def clamp(value: float) -> float:
    return round(max(HEAT_MIN, min(HEAT_MAX, value)), 1)


def decayed(value: float, elapsed: float, model: HeatModel | None) -> float:
    """Heat after `elapsed` in-world seconds with nothing feeding it."""
    if model is None or model.half_life is None or elapsed <= 0:
        return value
    return clamp(value * 2 ** (-elapsed / model.half_life))


def statement_effect(score: float, model: HeatModel) -> float:
    """Change in heat when a public statement with automatic `score` goes out."""
    effect = model.statement
    if score >= effect.pivot:
        return -effect.calm * (score - effect.pivot) / (100 - effect.pivot)
    return effect.backfire * (effect.pivot - score) / effect.pivot


def reached(heat: float, threshold: float) -> bool:
    """A `heat_above: N` condition holds the first time heat reaches N."""
    return heat >= threshold


HOT = 60.0   # the level a debrief counts "time above" from


def value_at(history: list[tuple[float, float]], moment: float, model: HeatModel | None) -> float:
    """The heat at `moment`: the last recorded value before it, cooled for the time since."""
    at, value = history[0]
    for recorded_at, recorded in history:
        if recorded_at > moment:
            break
        at, value = recorded_at, recorded
    return decayed(value, moment - at, model)


def time_above(history: list[tuple[float, float]], threshold: float, end: float, model: HeatModel | None) -> float:
    """In-world seconds up to `end` that heat spent at or above `threshold`, following the
    decay between recorded values exactly rather than reading the curve as steps."""
    total = 0.0
    for n, (at, value) in enumerate(history):
        until = min(end, history[n + 1][0] if n + 1 < len(history) else end)
        if until <= at or value < threshold:
            continue
        span = until - at
        if model is not None and model.half_life is not None and threshold > 0:
            span = min(span, model.half_life * math.log2(value / threshold))
        total += span
    return total

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

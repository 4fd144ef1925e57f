"""In-world durations: `90s`, `15m`, `1h30m`, `1d`, or a bare integer of seconds."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BeforeValidator, WithJsonSchema

_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_PATTERN = re.compile(r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")
EXPECTED = "expected a duration such as 0m, 90s, 15m, 2h, 1h30m or 1d (units d, h, m, s, largest first), or a whole number of seconds"


def parse_duration(value: object) -> int:
    """Seconds in `value`; raises ValueError naming the expected form."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a duration: {EXPECTED}")
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"a duration cannot be negative: {EXPECTED}")
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.isdigit():
            return int(text)
        match = _PATTERN.match(text)
        if text and match:
            return sum(int(part) * size for part, size in zip(match.groups(), _UNITS.values()) if part)
    raise ValueError(f"{value!r} is not a duration: {EXPECTED}")


def format_duration(seconds: float) -> str:
    """The canonical spelling of a whole number of seconds, e.g. 5400 -> '1h30m'."""
    seconds = int(seconds)
    if seconds == 0:
        return "0m"
    parts = []
    for unit, size in _UNITS.items():
        if seconds >= size:
            parts.append(f"{seconds // size}{unit}")
            seconds %= size
    return "".join(parts)


Duration = Annotated[
    int,
    BeforeValidator(parse_duration),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^(\d+d)?(\d+h)?(\d+m)?(\d+s)?$|^\d+$"},
                {"type": "integer", "minimum": 0},
            ],
            "description": "In-world duration: 90s, 15m, 1h30m, 1d, or whole seconds",
        }
    ),
]

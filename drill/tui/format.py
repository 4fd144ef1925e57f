"""Turning engine values into the short texts the screens show.

Pure functions, no Textual: in-world clock times, spans, channel and status
labels. Every word comes from the message catalog.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from rich.cells import cell_len, set_cell_size

from ..i18n import Catalog

# One symbol per board status, so a cell can shrink to one character on a narrow screen.
STATUS_MARK = {
    "not-open": "·",
    "not-started": "○",
    "drafting": "✎",
    "on-time": "✓",
    "late": "!",
    "missed": "✗",
}


@dataclass(frozen=True)
class DrillInfo:
    """What every screen shows about the drill itself, besides engine views."""

    title: str
    summary: str
    start: datetime
    duration: float


def clock_text(info: DrillInfo, seconds: float, catalog: Catalog) -> str:
    """The in-world wall clock: 07:45:10, with the day when the drill has crossed midnight."""
    moment = info.start + timedelta(seconds=int(seconds))
    text = moment.strftime("%H:%M:%S")
    days = (moment.date() - info.start.date()).days
    return catalog("clock.day", n=days + 1, time=text) if days else text


def short_clock(info: DrillInfo, seconds: float) -> str:
    """07:45, for lists."""
    return (info.start + timedelta(seconds=int(seconds))).strftime("%H:%M")


def span_text(seconds: float) -> str:
    """A length of in-world time as h:mm:ss (never negative)."""
    seconds = max(0, int(round(seconds, 3)))  # 1134.9999 is 18:55, not 18:54
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def speed_text(speed: float) -> str:
    return f"×{speed:g}"


def channel_label(channel: str, catalog: Catalog) -> str:
    return catalog(f"channel.{channel}")


def status_label(status: str, catalog: Catalog) -> str:
    """A board or task status in words (the engine's status names are the keys)."""
    return catalog(f"board.{status}") if status == "not-open" else catalog(f"status.{status}")


def clock_state(running: bool, ended: bool, catalog: Catalog) -> str:
    if ended:
        return catalog("clock.ended")
    return catalog("clock.running") if running else catalog("clock.paused")


def fit(text: str, width: int) -> str:
    """Cut or pad `text` to exactly `width` terminal cells, counting CJK characters as two."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def clip(text: str, width: int) -> str:
    """Cut `text` to at most `width` cells, without padding."""
    return text if cell_len(text) <= width else fit(text, width)

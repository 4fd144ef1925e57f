"""Turning engine values into the short texts the screens show.

Pure functions, no Textual: in-world clock times, spans, channel and status
labels, and the engagement counts of the public feed. Every word comes from the
message catalog.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Sequence

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


def channel_tag(channel: str, catalog: Catalog) -> str:
    """[消息] as a tag before a title, in the language's brackets (full-width in Chinese)."""
    return catalog("channel.tag", channel=channel_label(channel, catalog))


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


def team_names(scenario, teams: list[str], t: Catalog, *, all_in_one: bool = True) -> str:
    """Teams by name in the language's list; "all teams" when it is every one of several,
    unless `all_in_one` is false (an alert names each team that missed its deadline)."""
    if all_in_one and len(teams) > 1 and set(teams) == {team.id for team in scenario.teams}:
        return t("console.all-teams")
    names = {team.id: team.name for team in scenario.teams}
    return t("console.list-sep").join(names.get(team, team) for team in teams)


def clip(text: str, width: int) -> str:
    """Cut `text` to at most `width` cells, without padding."""
    return text if cell_len(text) <= width else fit(text, width)


# ----- the public feed: how far a post has spread ------------------------------------------------

ATTENTION_HALF_LIFE = 60.0  # in-world minutes: a post draws half as many new reactions an hour on


@dataclass(frozen=True)
class Engagement:
    reposts: int
    comments: int
    likes: int


def spread_rate(heat: float) -> float:
    """How fast a story spreads at this heat, in reposts a minute per unit of the poster's
    reach: 0 when nobody is talking about it (heat 0), 0.6 at 10, 9 at 50, 99 at 100.
    Steep on purpose: a story at 70 is not a little louder than one at 30, it is another
    story, and the room should see a hot one run away."""
    return 10 ** (max(0.0, min(100.0, heat)) / 50) - 1


def engagement(post: str, posted_at: float, now: float, history: Sequence[tuple[float, float]]) -> Engagement:
    """Reposts, comments and likes of a public post or article by `now`.

    Presentation, not a drill rule: nothing in the engine reads these numbers. They
    let the room see the heat as a story spreading, so they follow the heat this team
    perceives (`history`: its recorded (in-world seconds, heat) points, oldest first):

        reposts = base · ∫ spread_rate(h(t)) · 2^(−age(t) / 60 min) dt   over the post's life, t in minutes

    - `base` (10..80, the poster's reach) and the ratios of likes (2..5 per repost) and
      comments (0.10..0.50 per repost) come from a SHA-256 of the post's id, so the same
      session shows the same numbers on every screen and every run (Python's `hash()`
      changes from one process to the next);
    - a hotter story spreads faster (`spread_rate`), and a post draws fewer new
      reactions as it ages, so the counts saturate;
    - they never go down: when heat cools, the counts grow more slowly or stop, as real
      counters do, instead of shrinking in front of the room.

    The heat between two recorded points is the earlier one, as on the heat sparkline.
    """
    digest = hashlib.sha256(post.encode("utf-8")).digest()
    base = 10 + int.from_bytes(digest[:2], "big") % 71
    likes_per_repost = 2 + digest[2] % 31 / 10
    comments_per_repost = 0.10 + digest[3] % 41 / 100
    reach = 0.0
    if now > posted_at:
        points = sorted(history) or [(0.0, 0.0)]
        half_life = ATTENTION_HALF_LIFE * 60
        for index, (at, heat) in enumerate(points):
            start = posted_at if index == 0 else max(posted_at, at)
            end = now if index + 1 == len(points) else min(now, points[index + 1][0])
            if end <= start:
                continue
            # the exact integral of the attention weight over [start, end], in minutes
            weight = half_life / math.log(2) * (2 ** (-(start - posted_at) / half_life) - 2 ** (-(end - posted_at) / half_life))
            reach += spread_rate(heat) * weight / 60
    reposts = base * reach
    return Engagement(round(reposts), round(reposts * comments_per_repost), round(reposts * likes_per_repost))


def count_text(n: int, catalog: Catalog) -> str:
    """A count as feeds print it: 856, 9999, then 1.2万 / 12.3k / 12,3 N, 356万 / 356k, 1.2亿 / 1.2M / 1,2 Tr.
    The units are the catalog's: Chinese counts in 万 and 亿, English and Vietnamese in
    thousands and millions, with the catalog's decimal mark."""
    for unit_key, text_key in (("count.huge-unit", "count.huge"), ("count.big-unit", "count.big")):
        unit = int(catalog(unit_key))
        if n >= max(unit, 10_000):
            value = n / unit
            shown = f"{value:.1f}".removesuffix(".0") if value < 100 else f"{value:.0f}"
            return catalog(text_key, n=shown.replace(".", catalog("format.decimal-mark")))
    return str(n)

"""The report's charts, drawn by matplotlib as SVG with every glyph turned into a path.

Text as paths means a chart shows Chinese (or any script) in a browser and in
the PDF whatever fonts the reader has, and no team or scenario text reaches the
markup as text: a team called `<script>` becomes outlines, never tags. Mathtext
is off, so a `$` in a name is drawn as a dollar sign, not parsed.

Only the object-oriented API is used (a `Figure`, never pyplot), so no GUI
backend is chosen and no global figure state is left behind.
"""

from __future__ import annotations

import base64
import io
import re
import unicodedata
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from pathlib import Path

import numpy as np
from matplotlib import font_manager, rc_context
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MultipleLocator

# Tried in order; the first that matplotlib knows draws CJK labels.
CJK_FONTS = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Microsoft YaHei", "PingFang SC",
    "Hiragino Sans GB", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei", "Noto Sans CJK JP",
)
_CJK_FILE = re.compile(r"cjk|sourcehan|wqy|yahei|msyh|pingfang|simhei|hiragino", re.IGNORECASE)
# Tick spacings for the time axis, in seconds: the first that gives at most 8 ticks.
_STEPS = (300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400)
_ROWS_PER_CHART = 25   # teams per comparison chart, so one fits on an A4 page
HEAT = "#c0392b"


@dataclass(frozen=True)
class HeatMarks:
    """Moments to mark on the heat line: when statements or replies went out, and when deadlines were missed."""

    submitted: list[float]
    missed: list[float]


@cache
def _families() -> tuple[str, ...]:
    """DejaVu Sans for Latin text, then a CJK font for what it lacks (matplotlib falls back glyph by glyph).

    matplotlib keeps a cached font list, which misses fonts installed after it was
    built; those are looked for by file name before giving up. Without any CJK
    font, Chinese labels come out as boxes but the report is still written."""
    known = {entry.name for entry in font_manager.fontManager.ttflist}
    if not known.intersection(CJK_FONTS):
        for path in font_manager.findSystemFonts():
            if _CJK_FILE.search(Path(path).name):
                font_manager.fontManager.addfont(path)
        known = {entry.name for entry in font_manager.fontManager.ttflist}
    return ("DejaVu Sans", *[name for name in CJK_FONTS if name in known][:1])


def _style() -> dict:
    return {
        "svg.fonttype": "path",
        "svg.hashsalt": "drill-report",   # stable ids: the same session gives the same file
        "text.parse_math": False,
        "text.usetex": False,
        "font.family": list(_families()),
        "font.size": 8,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def _data_uri(figure: Figure) -> str:
    """The figure as an SVG `data:` URI, for an `<img>` in the one-file report.

    As an image rather than inline markup, a chart is its own document: browsers
    never run anything in it, its ids never meet another chart's, and WeasyPrint
    draws it without running the page's CSS over every glyph."""
    buffer = io.StringIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    # matplotlib repeats each label in a comment beside its outlines; the chart needs none of it.
    svg = re.sub(r"<!--.*?-->", "", buffer.getvalue(), flags=re.DOTALL)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def heat_chart(
    history: list[tuple[float, int]], end: float, marks: HeatMarks, clock: Callable[[float], str], labels: dict[str, str]
) -> str:
    """The heat index as a step line over in-world time, with the marks on it."""
    times = [at for at, _ in history] + [end]
    values = [value for _, value in history] + [history[-1][1]]

    def level(at: float) -> int:
        return next(value for moment, value in reversed(history) if moment <= at)

    with rc_context(_style()):
        figure = Figure(figsize=(7, 2.8), layout="constrained")
        axes = figure.add_subplot()
        axes.step(times, values, where="post", color=HEAT, linewidth=1.6, label=labels["heat"])
        axes.fill_between(times, values, step="post", color=HEAT, alpha=0.08)
        if marks.submitted:
            axes.plot(marks.submitted, [level(at) for at in marks.submitted], "^", color="#1e8449",
                      markersize=6, linestyle="none", zorder=4, label=labels["submitted"])
        if marks.missed:
            axes.plot(marks.missed, [level(at) for at in marks.missed], "X", color="#7d3c98",
                      markersize=7, linestyle="none", label=labels["missed"])
        step = next((s for s in _STEPS if end / s <= 8), _STEPS[-1])
        axes.xaxis.set_major_locator(MultipleLocator(step))
        axes.xaxis.set_major_formatter(FuncFormatter(lambda at, _: clock(at)))
        axes.set_xlim(0, end)
        axes.set_ylim(0, 105)
        axes.set_xlabel(labels["time"])
        axes.set_ylabel(labels["axis"])
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        axes.legend(loc="upper right", frameon=False, fontsize=7)
        return _data_uri(figure)


def comparison_charts(teams: list[str], tasks: list[str], scores: list[list[float | None]]) -> list[str]:
    """Scores by team (rows) and task (columns) as annotated heat maps, one per 25 teams.

    A grid reads at any number of teams, where grouped bars stop reading at a
    handful; blank cells are tasks a team did not owe or that await an expert."""
    charts = []
    for first in range(0, len(teams), _ROWS_PER_CHART):
        rows = slice(first, first + _ROWS_PER_CHART)
        names = [_shorten(name, 24) for name in teams[rows]]
        grid = np.ma.masked_invalid(np.array([[np.nan if s is None else s for s in row] for row in scores[rows]], dtype=float))
        with rc_context(_style()):
            figure = Figure(figsize=(7, 0.9 + 0.3 * len(names)), layout="constrained")
            axes = figure.add_subplot()
            axes.set_facecolor("#eeeeee")
            axes.imshow(grid, cmap="RdYlGn", vmin=0, vmax=100, aspect="auto")
            for (row, column), value in np.ndenumerate(grid.filled(np.nan)):
                if not np.isnan(value):
                    ink = "white" if value < 25 or value > 85 else "black"   # readable on the dark ends of the scale
                    axes.text(column, row, f"{value:.0f}", ha="center", va="center", fontsize=7, color=ink)
            # The width a label may take: a column's share of the ~4.5 inches left of 7 beside the team names, in half-em units at 7 pt.
            width = max(6, int(2 * 4.5 * 72 / 7 / max(len(tasks), 1)))
            axes.set_xticks(range(len(tasks)), [_wrap(title, width) for title in tasks], fontsize=7)
            axes.set_yticks(range(len(names)), names)
            axes.xaxis.tick_top()
            axes.tick_params(length=0)
            for spine in axes.spines.values():
                spine.set_visible(False)
            charts.append(_data_uri(figure))
    return charts


def _wrap(text: str, width: int, lines: int = 3) -> str:
    """Break a label into lines of at most `width` units (a CJK character is two, a Latin
    one is one): Latin text breaks between words, CJK text between any two characters."""
    pieces: list[tuple[str, bool]] = []   # (piece, whether a space comes before it)
    for word in text.split():
        chunks = ["".join(run) for _, run in groupby(word, _wide)]
        parts = [piece for chunk in chunks for piece in (list(chunk) if _wide(chunk[0]) else [chunk])]
        pieces += [(piece, n == 0) for n, piece in enumerate(parts)]
    rows, row = [], ""
    for piece, spaced in pieces:
        joined = row + (" " if row and spaced else "") + piece
        if row and sum(2 if _wide(char) else 1 for char in joined) > width:
            rows.append(row)
            joined = piece
        row = joined
    rows.append(row)
    if len(rows) > lines:
        rows = rows[:lines]
        rows[-1] = rows[-1][:-1] + "…"
    return "\n".join(rows)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _shorten(text: str, size: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"

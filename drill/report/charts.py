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
import math
import re
import unicodedata
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby

import numpy as np
from matplotlib import rc_context
from matplotlib.lines import Line2D
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MultipleLocator

from . import fonts

# Tick spacings for the time axis, in seconds: the first that gives at most 8 ticks.
_STEPS = (300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400)
_ROWS_PER_CHART = 25   # teams per comparison chart, so one fits on an A4 page
HEAT = "#c0392b"


# Team colours, kept clear of the heat line's red; with more teams than colours, every team's
# marks share one colour and the labels name the team instead.
TEAM_COLOURS = ("#1f77b4", "#e67e22", "#8e44ad", "#27ae60", "#8d6e63", "#d35d9b", "#17a2b8", "#b7950b", "#2c3e50")
SUBMITTED = "#1e8449"
MISSED = "#7d3c98"
BRANCH = "#34495e"
WHATIF = "#1f77b4"


@dataclass(frozen=True)
class Submitted:
    """A team's statement or reply: when, whose (an index into `HeatMarks.teams`), and the public heat just after."""

    at: float
    team: int
    heat: float


@dataclass(frozen=True)
class Branch:
    """A `scored_below` / `scored_at_least` inject that fired, and the submission that set it off."""

    title: str
    at: float
    heat: float
    team: int | None = None   # whose submission set it off; None if the log does not say
    submitted_at: float | None = None
    submitted_heat: float | None = None


@dataclass(frozen=True)
class HeatMarks:
    """What to draw over the public heat line: the teams (names, scenario order), their public
    words, missed deadlines, branching injects and, under a per-team model, each team's own heat."""

    teams: list[str] = field(default_factory=list)
    submitted: list[Submitted] = field(default_factory=list)
    missed: list[float] = field(default_factory=list)
    branches: list[Branch] = field(default_factory=list)
    team_heat: dict[int, list[tuple[float, float]]] = field(default_factory=dict)

    @property
    def coloured(self) -> bool:
        """Whether each team gets its own colour (few enough teams to tell apart)."""
        return 0 < len(self.teams) <= len(TEAM_COLOURS)

    def colour(self, team: int | None, default: str) -> str:
        return TEAM_COLOURS[team] if team is not None and self.coloured else default


def _style(*texts: str) -> dict:
    """The charts' look, the one place their fonts are chosen. The font families are those
    that cover the chart's text (`texts`: every title, label, legend entry and tick a chart
    draws), DejaVu Sans first for Latin text, then a CJK font for what it lacks (matplotlib
    falls back glyph by glyph); no font for some of it raises fonts.FontMissing (see fonts.py).
    A chart keeps its style (`Chart.style`), so its PNG is drawn in the same fonts as its SVG:
    a label laid out at drawing time (a tick) would otherwise be drawn in the default font,
    and Chinese in it as boxes."""
    return {
        "svg.fonttype": "path",
        "svg.hashsalt": "drill-report",   # stable ids: the same session gives the same file
        "text.parse_math": False,
        "text.usetex": False,
        "font.family": fonts.chart_families("".join(texts)),
        "font.size": 8,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def _data_uri(figure: Figure, style: dict) -> str:
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
    return Chart("data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii"), figure, style)


PRINT_DPI = 200  # the charts' resolution on paper (PDF and Word): sharp, and small enough to draw at once


class Chart(str):
    """A chart's SVG `data:` URI, as the HTML shows it, that can also draw itself as PNG from
    the same figure: for the Word report (python-docx places raster images only) and for
    the PDF, where the SVG, every label as outlines, is the slowest thing WeasyPrint draws
    (about 2 s of the bundled drill's 5); a PNG at print resolution is drawn at once and
    prints alike. The PNG is drawn once, on first use, for both."""

    figure: Figure
    style: dict

    def __new__(cls, uri: str, figure: Figure, style: dict) -> "Chart":
        chart = super().__new__(cls, uri)
        chart.figure, chart.style = figure, style
        return chart

    @cached_property
    def png(self) -> bytes:
        buffer = io.BytesIO()
        with rc_context(self.style), warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Glyph .* missing from font")
            self.figure.savefig(buffer, format="png", dpi=PRINT_DPI, metadata={"Software": None})
        return buffer.getvalue()

    @property
    def png_uri(self) -> str:
        """The PNG as a `data:` URI, for the PDF's `<img>`."""
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def heat_chart(
    history: list[tuple[float, float]], end: float, marks: HeatMarks, clock: Callable[[float], str], labels: dict[str, str]
) -> str:
    """The public heat as a step line over in-world time, with what moved it marked on it.

    Each team's statements and replies are triangles in the team's colour (its own
    perceived heat, when the scenario keeps one, a thin line in the same colour);
    missed deadlines are crosses. A branching inject that fired is a dashed line in
    the colour of the team whose submission set it off, with a dotted arrow from that
    submission, and its title and the team's name in a track above the chart."""
    times = [at for at, _ in history] + [end]
    values = [value for _, value in history] + [history[-1][1]]
    fired = sorted((b for b in marks.branches if b.at <= end), key=lambda b: b.at)
    rows = _label_rows(fired, marks, end, labels)

    style = _style(_ticks(end, clock), *labels.values(), *marks.teams, *(b.title for b in fired))
    with rc_context(style):
        figure = Figure(figsize=(7, 3.2 + 0.16 * (max(rows.values(), default=-1) + 1)), layout="constrained")
        if fired:
            track_rows = max(rows.values()) + 1
            grid = figure.add_gridspec(2, 1, height_ratios=[0.2 + 0.16 * track_rows, 2.4], hspace=0)
            track = figure.add_subplot(grid[0])
            axes = figure.add_subplot(grid[1], sharex=track)
        else:
            track, axes = None, figure.add_subplot()

        for team, series in sorted(marks.team_heat.items()):
            if marks.coloured:
                team_times = [at for at, _ in series] + [end]
                team_values = [value for _, value in series] + [series[-1][1]]
                axes.step(team_times, team_values, where="post", color=marks.colour(team, BRANCH), linewidth=0.7, alpha=0.6)
        axes.step(times, values, where="post", color=HEAT, linewidth=1.8, zorder=3)
        axes.fill_between(times, values, step="post", color=HEAT, alpha=0.08)
        for team in sorted({mark.team for mark in marks.submitted}):
            mine = [mark for mark in marks.submitted if mark.team == team]
            axes.plot([m.at for m in mine], [m.heat for m in mine], "^", color=marks.colour(team, SUBMITTED),
                      markersize=6.5, markeredgecolor="white", markeredgewidth=0.6, linestyle="none", zorder=5, clip_on=False)
        if marks.missed:
            level = level_at(history)
            axes.plot(marks.missed, [level(at) for at in marks.missed], "X", color=MISSED,
                      markersize=6.5, markeredgecolor="white", markeredgewidth=0.5, linestyle="none", zorder=5, clip_on=False)
        for branch in fired:
            colour = marks.colour(branch.team, BRANCH)
            axes.axvline(branch.at, color=colour, linestyle=(0, (4, 2)), linewidth=1, alpha=0.9, zorder=2)
            axes.plot([branch.at], [branch.heat], "D", color=colour, markersize=5, markeredgecolor="white",
                      markeredgewidth=0.6, zorder=6, clip_on=False)
            if branch.submitted_at is not None and branch.submitted_heat is not None:
                axes.annotate("", xy=(branch.at, branch.heat), xytext=(branch.submitted_at, branch.submitted_heat),
                              arrowprops={"arrowstyle": "-|>", "color": colour, "linestyle": ":", "linewidth": 1.1,
                                          "shrinkA": 4, "shrinkB": 4, "mutation_scale": 8,
                                          "connectionstyle": "arc3,rad=-0.3"}, zorder=4)
        if track is not None:
            _branch_track(track, fired, rows, marks, end, labels)

        _heat_axes(axes, end, clock, labels)
        handles = _legend(marks, fired, labels)
        columns = min(5, math.ceil(len(handles) / math.ceil(len(handles) / 5)))
        figure.legend(handles=_row_major(handles, columns), loc="outside lower center", frameon=False, fontsize=6.5,
                      ncols=columns, handlelength=1.8, columnspacing=1.4)
        return _data_uri(figure, style)


def _ticks(end: float, clock: Callable[[float], str]) -> str:
    """The time axis's labels, for choosing fonts that draw them."""
    return "".join(clock(at) for at in range(0, int(end) + 1, max(1, int(end) // 8)))


def _heat_axes(axes, end: float, clock: Callable[[float], str], labels: dict[str, str]) -> None:
    """In-world time across (at most 8 ticks, as the room's clock reads), heat 0..100 up."""
    step = next((s for s in _STEPS if end / s <= 8), _STEPS[-1])
    axes.xaxis.set_major_locator(MultipleLocator(step))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda at, _: clock(at)))
    axes.set_xlim(0, end)
    axes.set_ylim(0, 105)
    axes.set_xlabel(labels["time"])
    axes.set_ylabel(labels["axis"])
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)


def whatif_chart(before: list[tuple[float, float]], after: list[tuple[float, float]], end: float,
                 clock: Callable[[float], str], labels: dict[str, str], hot: float) -> str:
    """The public heat as it was and in a what-if, two step lines on one time axis, with
    the level a debrief counts as hot dotted across; both end with the drill (`end`)."""
    return overlaid_heat_chart([(before, labels["before"], HEAT, "-"), (after, labels["after"], WHATIF, (0, (5, 2)))],
                               end, clock, labels, hot)


def run_colour(n: int) -> str:
    """The colour of the n-th run in a comparison: the heat's red first, then the team colours."""
    return (HEAT, *TEAM_COLOURS)[n % (len(TEAM_COLOURS) + 1)]


def overlaid_heat_chart(series: list[tuple[list[tuple[float, float]], str, str, object]], end: float,
                        clock: Callable[[float], str], labels: dict[str, str], hot: float) -> str:
    """Several heat curves as step lines on one time axis, each (history, label, colour, line
    style), with the level a debrief counts as hot dotted across: a what-if beside the drill,
    or the runs of one scenario (drill compare)."""
    style = _style(_ticks(end, clock), *(label for _, label, _, _ in series), *labels.values())
    with rc_context(style):
        figure = Figure(figsize=(7, 2.8 + 0.14 * (len(series) // 5)), layout="constrained")
        axes = figure.add_subplot()
        for history, label, colour, dashes in series:
            times = [at for at, _ in history] + [end]
            values = [value for _, value in history] + [history[-1][1]]
            axes.step(times, values, where="post", color=colour, linewidth=1.8 if len(series) <= 3 else 1.1,
                      linestyle=dashes, label=_shorten(label, 28), zorder=3)
        axes.axhline(hot, color="#999999", linestyle=":", linewidth=0.8)
        _heat_axes(axes, end, clock, labels)
        figure.legend(loc="outside lower center", frameon=False, fontsize=6.5, ncols=min(len(series), 4))
        return _data_uri(figure, style)


def trend_chart(runs: list[str], lines: list[tuple[str, list[float | None]]], total: tuple[str, list[float | None]],
                labels: dict[str, str]) -> str:
    """One team over several runs: each task's score a thin line and its total a thick one,
    runs across in date order (labelled by their numbers in the comparison), 0..100 up; a run
    where a task was not scored leaves a gap. Laid out by hand, without a layout engine: a
    comparison draws one per team, and the engine's extra drawing pass doubled the time."""
    style = _style("0123456789", *runs, *(label for label, _ in lines), total[0], *labels.values())
    with rc_context(style):
        figure = Figure(figsize=(7, 2.6))
        axes = figure.add_axes((0.08, 0.17, 0.63, 0.78))
        xs = list(range(len(runs)))
        for n, (label, values) in enumerate(lines):
            axes.plot(xs, [np.nan if v is None else v for v in values], marker="o", markersize=3, linewidth=0.9,
                      color=TEAM_COLOURS[n % len(TEAM_COLOURS)], alpha=0.8, label=_shorten(label, 18))
        axes.plot(xs, [np.nan if v is None else v for v in total[1]], marker="o", markersize=5, linewidth=2.4,
                  color="#222222", label=total[0], zorder=4)
        axes.set_xticks(xs, runs, fontsize=6.5)
        axes.set_xlim(-0.3, max(len(runs) - 0.7, 0.3))
        axes.set_ylim(0, 105)
        axes.set_xlabel(labels["runs"])
        axes.set_ylabel(labels["score"])
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        figure.legend(loc="center left", bbox_to_anchor=(0.73, 0.55), frameon=False, fontsize=6.5)
        return _data_uri(figure, style)


def _row_major(handles: list, columns: int) -> list:
    """The order that makes matplotlib's column-by-column legend read row by row."""
    rows = math.ceil(len(handles) / columns)
    full = len(handles) - (rows - 1) * columns   # columns with an entry in the last row
    return [handles[row * columns + column] for column in range(columns) for row in range(rows if column < full else rows - 1)]


def level_at(history: list[tuple[float, float]]) -> Callable[[float], float]:
    """The heat at a moment: the last value recorded at or before it."""
    def level(at: float) -> float:
        return next((value for moment, value in reversed(history) if moment <= at), history[0][1])
    return level


def _branch_label(branch: Branch, marks: HeatMarks, labels: dict[str, str]) -> str:
    title = _shorten(branch.title, 22)
    if branch.team is None:
        return title
    return labels["branch-label"].format(inject=title, team=_shorten(marks.teams[branch.team], 12))


def _label_rows(fired: list[Branch], marks: HeatMarks, end: float, labels: dict[str, str]) -> dict[int, int]:
    """A row of the track for each branch label, the first where it does not run into another.

    Widths are estimated from the characters (a CJK one is about an em at 6.5 pt, a Latin
    one about half) against the ~6.2 inches the axes take of the 7-inch figure."""
    per_unit = end / (6.2 * 72 / (6.5 * 0.55))   # seconds of axis per half-em
    taken: list[list[tuple[float, float]]] = []
    rows = {}
    for n, branch in enumerate(fired):
        text = _branch_label(branch, marks, labels)
        width = (sum(2 if _wide(char) else 1.1 for char in text) + 3) * per_unit
        span = (branch.at - width, branch.at) if _flipped(branch, end) else (branch.at, branch.at + width)
        row = next((r for r, spans in enumerate(taken) if all(span[1] < a or span[0] > b for a, b in spans)), len(taken))
        if row == len(taken):
            taken.append([])
        taken[row].append(span)
        rows[n] = row
    return rows


def _flipped(branch: Branch, end: float) -> bool:
    """Labels of late injects go to the left of their marker, so they stay inside the chart."""
    return branch.at > 0.62 * end


def _branch_track(track, fired: list[Branch], rows: dict[int, int], marks: HeatMarks, end: float, labels: dict[str, str]) -> None:
    """The strip above the chart: each branching inject's marker, title and team, in the team's colour."""
    count = max(rows.values()) + 1
    track.set_ylim(count - 0.4, -0.7)
    for spine in track.spines.values():
        spine.set_visible(False)
    track.tick_params(left=False, labelleft=False, bottom=False, labelbottom=False)
    for n, branch in enumerate(fired):
        colour = marks.colour(branch.team, BRANCH)
        row = rows[n]
        track.plot([branch.at, branch.at], [row, count], color=colour, linestyle=(0, (4, 2)), linewidth=1, clip_on=False)
        track.plot([branch.at], [row], "D", color=colour, markersize=4.5)
        flipped = _flipped(branch, end)
        gap = end * 0.006
        track.text(branch.at - gap if flipped else branch.at + gap, row, _branch_label(branch, marks, labels),
                   ha="right" if flipped else "left", va="center", fontsize=6.5, color=colour)


def _legend(marks: HeatMarks, fired: list[Branch], labels: dict[str, str]) -> list[Line2D]:
    handles = [Line2D([], [], color=HEAT, linewidth=1.8, label=labels["heat"])]
    teams = sorted({mark.team for mark in marks.submitted} | {b.team for b in fired if b.team is not None} | set(marks.team_heat))
    if marks.coloured:
        handles += [
            Line2D([], [], color=TEAM_COLOURS[team], marker="^", markersize=5.5, markeredgecolor="white",
                   linewidth=0.7 if team in marks.team_heat else 0, label=_shorten(marks.teams[team], 16))
            for team in teams
        ]
    elif marks.submitted:
        handles.append(Line2D([], [], color=SUBMITTED, marker="^", markersize=5.5, linestyle="none", label=labels["submitted"]))
    if marks.missed:
        handles.append(Line2D([], [], color=MISSED, marker="X", markersize=5.5, linestyle="none", label=labels["missed"]))
    if fired:
        handles.append(Line2D([], [], color=BRANCH, marker="D", markersize=4, linestyle=(0, (4, 2)), linewidth=1, label=labels["branch"]))
    return handles


def comparison_charts(teams: list[str], tasks: list[str], scores: list[list[float | None]]) -> list[str]:
    """Scores by team (rows) and task (columns) as annotated heat maps, one per 25 teams.

    A grid reads at any number of teams, where grouped bars stop reading at a
    handful; blank cells are tasks a team did not owe or that await an expert."""
    charts = []
    for first in range(0, len(teams), _ROWS_PER_CHART):
        rows = slice(first, first + _ROWS_PER_CHART)
        names = [_shorten(name, 24) for name in teams[rows]]
        grid = np.ma.masked_invalid(np.array([[np.nan if s is None else s for s in row] for row in scores[rows]], dtype=float))
        style = _style("0123456789…", *names, *tasks)
        with rc_context(style):
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
            charts.append(_data_uri(figure, style))
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

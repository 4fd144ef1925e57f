"""`drill compare`: several runs of one scenario side by side, through the report's pipeline.

The figures come from drill.compare (each run scored as `drill score` scores it); this
module lays them out as sections (a heading, a legend, charts, lines, a table), which
one HTML and one Markdown template and the Word writer each render in a loop, and it
writes them the way the report is written: the same escaping, bidi neutralising, font
check, stylesheet, charts (SVG in the HTML, PNG in the PDF and Word) and WeasyPrint.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ..compare import Played, changes, differences, trends
from ..engine.heat import HOT
from ..i18n import Catalog
from . import _environment, _font_face, _visible_text, fonts, pdf_unavailable
from . import pdf as pdf_writer
from .bidi import neutralise
from .charts import overlaid_heat_chart, run_colour, trend_chart
from .content import Clock, _duration, number
from .word import _steady, _Writer, docx_unavailable

HTML, MARKDOWN, PDF, DOCX = "compare.html", "compare.md", "compare.pdf", "compare.docx"
FORMATS = {"html": HTML, "md": MARKDOWN, "docx": DOCX, "pdf": PDF}
WIDE = 6   # runs beyond which a table gives each run a row, or sums the runs up, rather than a column each


def _section(title: str, level: int = 2, key: str = "", charts: list | None = None, lines: list[str] | None = None,
             header: list[str] | None = None, rows: list[list[str]] | None = None, page: bool = False, kind: str = "") -> dict[str, Any]:
    """A heading, a legend, charts, lines and a table; `page` starts a new page; `kind` names the
    table for the stylesheet (the runs table's digests want a column of their own)."""
    return {"title": title, "level": level, "key": key, "charts": charts or [], "lines": lines or [],
            "header": header or [], "rows": rows or [], "page": page, "kind": kind}


def build(runs: list[Played], t: Catalog) -> dict[str, Any]:
    """The comparison as sections, in the catalog's language; the newest run's scenario names things."""
    scenario = runs[-1].scenario
    clock = Clock(scenario.clock.start, t)
    labels = [f"{n}. {run.label}" for n, run in enumerate(runs, 1)]
    sections = [
        _section(t("compare.runs"), kind="records", header=["#", t("compare.file"), t("report.ran-on"), t("compare.record")],
                 rows=[[str(n), run.label, t.date_time(run.ran_on.astimezone()) if run.ran_on else "—", _record(run, t)]
                       for n, run in enumerate(runs, 1)]),
        _section(t("compare.versions"), lines=differences(runs, t) or [t("compare.same-version")]),
        _section(t("compare.overview"), header=[t("compare.run"), t("compare.first-statement"), t("compare.peak-heat"),
                                                t("compare.final-heat"), t("compare.mean-total")], rows=[
            [label, _moment(run.first_statement(), clock, t("compare.never")), number(run.peak, t, 0), number(run.final, t, 0),
             number(_mean([team["total"] for team in run.teams.values()]), t)] for run, label in zip(runs, labels)]),
        _section(t("compare.heat-curves"), key=t("compare.heat-key"), page=True, charts=[overlaid_heat_chart(
            [(run.heat, label, run_colour(n), "-") for n, (run, label) in enumerate(zip(runs, labels))],
            float(scenario.clock.duration), clock.at,
            {"axis": t("report.heat-axis"), "time": t("report.time-axis")}, HOT)]),
        _section(t("compare.changed-most"), lines=changes(runs, t, clock.at) or [t("compare.nothing-changed")]),
        _section(t("compare.scores"), key=t("compare.scores-key"), page=True),
    ]
    for team in scenario.teams:
        owed = [task for task in scenario.tasks if any(run.task(team.id, task.id) for run in runs)]
        statements = any(run.first_statement(team.id) is not None for run in runs)
        header = [t("compare.run"), *(task.short_title or task.title for task in owed), t("compare.total"),
                  *([t("compare.first-statement")] if statements else [])]
        rows = []
        for run, label in zip(runs, labels):
            entry = run.teams.get(team.id) or {}
            total = f"{number(entry.get('total'), t)} {entry.get('rating') or ''}".strip() if entry else "—"
            rows.append([label, *(_cell(run, team.id, task.id, clock, t) for task in owed), total,
                         *([_moment(run.first_statement(team.id), clock)] if statements else [])])
        sections.append(_section(team.name, 3, header=header, rows=rows))
    injects = [inject for inject in scenario.injects if any(inject.id in run.fired for run in runs)]
    names = [inject.title + (f" ({t('compare.branch')})" if inject.when is not None else "") for inject in injects]
    if len(runs) <= WIDE:
        inject_rows = [[name, *(clock.at(run.fired[inject.id]) if inject.id in run.fired else "—" for run in runs)]
                       for inject, name in zip(injects, names)]
        inject_header = [t("report.details"), *labels]
    else:   # too many runs for a column each: in how many, and which
        inject_rows = [[name, f"{sum(inject.id in run.fired for run in runs)} / {len(runs)}",
                        ", ".join(str(n) for n, run in enumerate(runs, 1) if inject.id in run.fired)] for inject, name in zip(injects, names)]
        inject_header = [t("report.details"), t("compare.fired-in"), t("compare.which-runs")]
    sections.append(_section(t("compare.injects-fired"), key=t("compare.injects-key"), page=True, header=inject_header, rows=inject_rows))
    sections.append(_section(t("compare.experts"), key=t("compare.experts-key"), header=[t("compare.run"), *(team.name for team in scenario.teams)],
                             rows=[[label, *(_experts(run.experts(team.id), t) for team in scenario.teams)] for run, label in zip(runs, labels)]))
    sections.append(_section(t("compare.trends"), key=t("compare.trends-key"), page=True))
    for trend in trends(runs):
        lines = [f"{t('compare.improved')}{t('report.colon')}" + t("report.separator").join(f"{title} +{number(delta, t)}" for title, delta in trend.improved)] if trend.improved else []
        lines += [f"{t('compare.fell')}{t('report.colon')}" + t("report.separator").join(f"{title} {number(delta, t)}" for title, delta in trend.fell)] if trend.fell else []
        moved = [(title, values) for title, values in trend.criteria if len({v for v in values if v is not None}) > 1]
        if len(moved) < len(trend.criteria):
            lines.append(t("compare.unchanged", count=len(trend.criteria) - len(moved)))
        if len(runs) <= WIDE:
            header, rows = [t("report.criterion"), *labels], [[title, *(number(v, t, 0) for v in values)] for title, values in moved]
        else:
            header = [t("report.criterion"), t("compare.first-run"), t("compare.last-run"), t("compare.lowest"), t("compare.highest")]
            rows = [[title, *(number(v, t, 0) for v in _span([v for v in values if v is not None]))] for title, values in moved]
        sections.append(_section(
            trend.name, 3, lines=lines, header=header, rows=rows,
            charts=[trend_chart([str(n) for n in range(1, len(runs) + 1)], trend.tasks, (t("compare.total"), trend.totals),
                                {"runs": t("compare.runs-axis"), "score": t("compare.score-axis")})]))
    return {"lang": t.language, "t": t, "colon": t("report.colon"), "scenario": scenario, "title": t("compare.title"),
            "sections": sections, "raster": False}


def _cell(run: Played, team: str, task: str, clock: Clock, t: Catalog) -> str:
    """A task in one run: score and rating, then when it was handed in against its deadline."""
    entry = run.task(team, task)
    if entry is None:
        return t("compare.not-owed")
    score = f"{number(entry['score'], t)} {entry['rating'] or ''}".strip()
    if entry["submitted_at"] is None:
        return f"{score}\n{t('compare.not-submitted')}"
    margin = entry["submitted_at"] - entry["due_at"]
    late = t("compare.margin-late" if margin > 0 else "compare.margin-early", duration=_duration(t, abs(margin)))
    return f"{score}\n{clock.at(entry['submitted_at'])} ({late})"


def _record(run: Played, t: Catalog) -> str:
    """A run's record in the runs table: its final digest, or that it is not chained, or where it was changed."""
    record = run.record
    if not record.chained:
        return t("compare.record-not-chained")
    if not record.intact:
        return t("compare.record-broken", event=record.broken_at)
    return record.final or "—"


def _moment(seconds: float | None, clock: Clock, none: str = "—") -> str:
    """An in-world moment as the room's clock reads it, with the time since the start: 13:00 (+6:00)."""
    return none if seconds is None else f"{clock.at(seconds)} ({clock.offset(seconds)})"


def _experts(percents: list[float], t: Catalog) -> str:
    if not percents:
        return "—"
    return t("compare.expert-cell", count=len(percents), mean=number(sum(percents) / len(percents), t, 0))


def _span(values: list[float]) -> list[float]:
    """A criterion over many runs: the first, the last, the lowest and the highest."""
    return [values[0], values[-1], min(values), max(values)]


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


class _ComparisonWriter(_Writer):
    """compare.docx: the sections as Word headings, legends, charts, bullets and tables."""

    def write(self, path: Path) -> None:
        context = self.context
        self.paragraph(context["scenario"].title, muted=True)
        self.heading(context["title"], 0)
        for section in context["sections"]:
            self.heading(section["title"], section["level"] - 1, new_page=section["page"])
            if section["key"]:
                self.paragraph(section["key"], muted=True)
            for chart in section["charts"]:
                self.chart(chart)
            self.bullets(section["lines"])
            if section["rows"]:
                columns = len(section["header"])
                self.table(section["header"], section["rows"], widths=[40, *[130 / (columns - 1)] * (columns - 1)],
                           size=8 if columns > 5 else None)
        buffer = io.BytesIO()
        self.document.save(buffer)
        path.write_bytes(_steady(buffer.getvalue()))


def write_comparison(runs: list[Played], out: Path, language: str | None = None, formats: tuple[str, ...] | None = None,
                     font: Path | None = None) -> list[Path]:
    """Write compare.html, compare.md and where their extras are usable compare.pdf and compare.docx
    into `out` (`formats` picks some); FontMissing when no installed font draws the text."""
    wanted = set(formats or FORMATS)
    if "pdf" in wanted and pdf_unavailable() is not None:   # asking loads WeasyPrint: a second and more
        wanted.discard("pdf")
    if docx_unavailable() is not None:
        wanted.discard("docx")
    template = _environment("html").get_template(HTML)
    with fonts.extra_font(font):
        context = build(runs, Catalog(language or runs[-1].scenario.language))
        html = neutralise(template.render(context))
        if "pdf" in wanted:
            fonts.check(_visible_text(html), "pdf")
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        if "html" in wanted:
            (out / HTML).write_text(html, encoding="utf-8")
        if "md" in wanted:
            (out / MARKDOWN).write_text(neutralise(_environment("md").get_template(MARKDOWN).render(context)), encoding="utf-8")
        if "docx" in wanted:
            _ComparisonWriter(context).write(out / DOCX)
        if "pdf" in wanted:
            face = {"font_face": _font_face(Path(font))} if font is not None else {}
            pdf_writer.write_whole(neutralise(template.render({**context, "raster": True, **face})), out / PDF)
    return [out / name for kind, name in FORMATS.items() if kind in wanted]

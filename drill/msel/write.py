"""Write a scenario as an MSEL: an .xlsx workbook that prints, or the inject list as .csv.

Everything is written as text cells (Excel's `@` format) except counts (number,
heat, speed), so that what a trainer reads, and types over it, is what the
importer reads back: spreadsheet programs would otherwise turn `+1:30` or `08:45`
into numbers of their own.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import yaml

from ..formats.duration import format_duration
from ..formats.scenario import Inject, Scenario
from ..i18n import Catalog
from .columns import FACTS, INJECTS, SCENARIO, SCENARIO_FIELDS, TASKS, TEAMS, Sheet
from .times import clock_text, offset_text, span_text

SUFFIXES = (".xlsx", ".csv")


def export_msel(scenario: Scenario, out: Path, language: str | None = None) -> Path:
    """Write `scenario` to `out` (.xlsx: every sheet; .csv: the injects), headers in
    `language` (default: the scenario's). Returns the path written."""
    t = Catalog(language or scenario.language)
    out = Path(out)
    if out.suffix.lower() == ".csv":
        rows = inject_rows(scenario, t)
        at = [column.key for column in INJECTS.written].index("offset")
        for row in rows:   # `1:30` under the Offset header is elapsed time, and needs no guard against formulas as `+1:30` would
            row[at] = row[at].removeprefix("+")
        _write_csv(out, t, rows)
    elif out.suffix.lower() == ".xlsx":
        _write_xlsx(out, t, scenario)
    else:
        raise ValueError(f"{out}: the file name must end in .xlsx or .csv")
    return out


def ordered(scenario: Scenario) -> list[Inject]:
    """Injects in time order: timed ones by their time, then conditional ones as the file has them."""
    timed = sorted((i for i in scenario.injects if i.at is not None), key=lambda i: i.at)
    return timed + [i for i in scenario.injects if i.at is None]


def inject_rows(scenario: Scenario, t: Catalog) -> list[list[Any]]:
    opened: dict[str, list[str]] = {}
    for task in scenario.tasks:
        if task.opens_after:
            opened.setdefault(task.opens_after, []).append(task.id)
    start = scenario.clock.start
    return [
        [
            number, inject.id,
            offset_text(inject.at) if inject.at is not None else "",
            clock_text(start, inject.at) if inject.at is not None else "",
            t(f"report.channel.{inject.channel}"), inject.from_ or "",
            _teams(scenario, inject.to, t), inject.title, inject.body,
            condition_text(inject, t), span_text(inject.delay), inject.heat or None,
            _items(inject.reveals), _items(opened.get(inject.id, [])), inject.notes or "",
        ]
        for number, inject in enumerate(ordered(scenario), start=1)
    ]


def condition_text(inject: Inject, t: Catalog) -> str:
    """`missed: assess`, `heat above: 70`, `scored below: statement 50`, `manual`, in the catalog's words."""
    when = inject.when
    if when is None:
        return ""
    word = t(f"msel.when.{when.kind}")
    value = getattr(when, when.kind)
    if when.kind == "manual":
        return word
    if when.kind.startswith("scored"):
        return f"{word}: {value.task} {value.score:g}"
    return f"{word}: {value}"


def _teams(scenario: Scenario, value: Any, t: Catalog) -> str:
    """Recipients by name, one a line (names may hold commas); `all` in the catalog's word."""
    if value is None:
        return ""
    if value == "all":
        return t("msel.all")
    return "\n".join(scenario.team(team).name for team in value)


def _items(values: list[str]) -> str:
    return "\n".join(values)


def _flow(value: Any) -> str:
    """A small structure as one line of YAML, for cells that hold one (task fields, the heat model)."""
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, sort_keys=False, width=10**6).strip()


def _heat(scenario: Scenario) -> str:
    if scenario.heat is None:
        return ""
    given = scenario.heat.model_dump(exclude_unset=True)
    for key in ("half_life", "sample"):
        if given.get(key) is not None:
            given[key] = format_duration(given[key])
    return _flow(given)


def _sheets(scenario: Scenario, t: Catalog) -> list[tuple[Sheet, list[list[Any]]]]:
    values = {
        "id": scenario.id, "title": scenario.title, "summary": scenario.summary, "language": scenario.language,
        "start": scenario.clock.start.isoformat(), "duration": format_duration(scenario.clock.duration),
        "speed": scenario.clock.speed, "heat": _heat(scenario),
    }
    return [
        (INJECTS, inject_rows(scenario, t)),
        (SCENARIO, [[t(label), values[key]] for key, label in SCENARIO_FIELDS]),
        (TEAMS, [[team.id, team.name, team.brief] for team in scenario.teams]),
        (TASKS, [
            [task.id, task.kind, task.title, task.short_title or "", task.prompt, _teams(scenario, task.teams, t), span_text(task.opens),
             task.opens_after or "", span_text(task.due), task.rubric,
             _flow([f.model_dump(exclude_none=True) for f in task.fields]) if task.fields else ""]
            for task in scenario.tasks
        ]),
        (FACTS, [[fact.id, fact.text, _items(fact.keywords), _items(fact.contradicted_by), _items(fact.phrasings),
                  t("msel.yes") if fact.pending else "", fact.established_by or "", _items(fact.half_truths), _items(fact.whole_truth)]
                 for fact in scenario.facts]),
    ]


# A CSV cell starting with one of these is a formula to Excel and LibreOffice (`=HYPERLINK(...)`,
# `+cmd|...`, `@SUM(...)`); written after an apostrophe it is text, and the import takes the apostrophe off.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(value: Any) -> Any:
    """A CSV cell that no spreadsheet program runs as a formula."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def _write_csv(out: Path, t: Catalog, rows: list[list[Any]]) -> None:
    """UTF-8 with a byte-order mark, so that Excel opens Chinese text as Chinese; text that
    a spreadsheet program would run as a formula is written as text."""
    with open(out, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([t(column.label) for column in INJECTS.written])
        writer.writerows([["" if value is None else as_text(value) for value in row] for row in rows])


def _write_xlsx(out: Path, t: Catalog, scenario: Scenario) -> None:
    """A workbook that prints: a title row over the injects, a bold header that stays in
    view and repeats on every page, set widths, wrapped text, A4 landscape one page wide.
    Written in openpyxl's streaming mode, which keeps 5,000 injects to about a second."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.cell_range import CellRange

    wrap = Alignment(wrap_text=True, vertical="top")
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE4EE")
    book = Workbook(write_only=True)
    for sheet, rows in _sheets(scenario, t):
        page = book.create_sheet(t(sheet.label))
        top = 2 if sheet is INJECTS else 1   # the injects get a title row, as a printed MSEL has
        for n, column in enumerate(sheet.written, start=1):
            page.column_dimensions[get_column_letter(n)].width = column.width
        page.freeze_panes = f"A{top + 1}"
        page.print_title_rows = f"{top}:{top}"
        page.page_setup.orientation = "landscape"
        page.page_setup.paperSize = "9"   # A4, in the numbering of the OOXML standard
        page.page_setup.fitToWidth, page.page_setup.fitToHeight = 1, 0
        page.sheet_properties.pageSetUpPr.fitToPage = True

        def cell(value: Any, **style: Any) -> WriteOnlyCell:
            written = WriteOnlyCell(page, value=ILLEGAL_CHARACTERS_RE.sub("\ufffd", value) if isinstance(value, str) else value)
            if isinstance(value, str):
                written.data_type = "s"   # text starting with '=' stays text, not a formula
                written.number_format = "@"   # and what a person types over it stays text: +1:30, not a time of day
            for name, setting in style.items():
                setattr(written, name, setting)
            return written

        if top == 2:
            page.merged_cells.add(CellRange(min_row=1, max_row=1, min_col=1, max_col=len(sheet.written)))
            page.append([cell(t("msel.title", title=scenario.title), font=Font(bold=True, size=14))])
        page.append([cell(t(column.label), font=bold, fill=fill, alignment=wrap) for column in sheet.written])
        for row in rows:
            page.append([None if value is None or value == "" else cell(value, alignment=wrap) for value in row])
    book.save(out)

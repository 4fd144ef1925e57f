"""Read an MSEL sheet into a scenario, naming the cell of every problem.

A sheet is read into the plain data a scenario file holds, remembering the cell
each value came from; the loader that `drill validate` uses then checks it, with
a locator that answers "where is this?" with a cell instead of a line. So every
rule of the format (and every cross-reference) is checked once, in one place,
and its message points into the sheet. Problems are all collected and raised
together; nothing is written unless there are none.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from typing import Any

from ..formats import source
from ..formats.duration import format_duration
from ..formats.load import Loader, format_of, model_problems
from ..formats.problems import FormatError, Position, Problem, column_letter
from ..formats.scenario import CHANNELS, Clock, Scenario
from ..i18n import LANGUAGES, Catalog
from . import skeleton
from .foreign import read_json
from .columns import CONDITION_WORDS, EITHER_HEADERS, INJECTS, SCENARIO_FIELDS, SHEETS, Sheet, header_key, normal, words
from .mapping import Options
from .safety import MAX_COLUMNS, MAX_ROWS, check_workbook
from .times import UNIT_WORDS, Column as TimeColumn, first_moment, parse_span, parse_time, place, shown, unit_of
from .write import FORMULA_STARTS
from .yamltext import injects_block, replace_injects, scenario_text

MAX_BYTES = 64 * 1024 * 1024
HEADER_ROWS = 20      # a header is looked for in this many rows from the top (title rows come first)
_SPLIT = re.compile(r"[,，、;；]")
# "all" as each catalog writes it (msel.all), and as people type it.
_NOTES = next(column for column in INJECTS.columns if column.key == "notes").names()
_ALL = {normal(Catalog(lang)("msel.all")) for lang in LANGUAGES} | {normal(w) for w in ("all", "全部", "所有", "全体", "所有小组", "tất cả")}
# A yes-or-no cell (a fact's Pending): the catalogs' words for yes and no (msel.yes, msel.no), and how people type them.
_YES = {normal(Catalog(lang)("msel.yes")) for lang in LANGUAGES} | {normal(w) for w in ("yes", "y", "true", "1", "x", "✓", "是", "有", "có")}
_NO = {normal(Catalog(lang)("msel.no")) for lang in LANGUAGES} | {normal(w) for w in ("no", "n", "false", "0", "否", "không")}


@dataclass
class Grid:
    """One sheet's rows as (row number, values); `name` is empty for a CSV, whose rows are
    lines. A table read from JSON keeps each value's line and column in `positions`."""

    name: str
    rows: list[tuple[int, list[Any]]]
    positions: dict[tuple[int, int], Position] | None = None

    def at(self, row: int, column: int) -> Position:
        if self.positions is not None:
            return self.positions.get((row, column)) or self.positions.get((row, 0)) or Position(row, column, self.name)
        return Position(row, column, self.name)


@dataclass
class Record:
    """One data row of a table: each known column's value and cell, and the values of the
    columns drill has no place for (kept as notes), with their headers."""

    row: Position
    values: dict[str, Any]
    cells: dict[str, Position]
    others: list[tuple[str, Any]] = field(default_factory=list)

    def get(self, key: str) -> Any:
        return self.values.get(key)


@dataclass
class Table:
    header: Position
    columns: dict[str, Position]
    records: list[Record]
    headers: dict[str, str] = field(default_factory=dict)        # key -> the header as written
    others: list[tuple[Position, str]] = field(default_factory=list)   # columns kept as notes
    ignored: list[tuple[Position, str]] = field(default_factory=list)
    header_row: int | None = None                                # None: a sheet without a header row

    def time_column(self, key: str, options: Options) -> TimeColumn:
        """How the cells of the offset or clock column are read: by what its header says."""
        header = self.headers.get(key, "")
        if key == "clock":
            kind = "clock"
        else:
            kind = "either" if header_key(header) in EITHER_HEADERS else "elapsed"
        return TimeColumn(kind, unit_of(header) or options.unit)


@dataclass
class Workbook:
    path: str
    grids: list[Grid]
    meta: dict[str, Any] = field(default_factory=dict)   # what a JSON exercise says of itself: id, title, summary, duration


class Locator:
    """Stands where a loaded YAML document would for the loader: `locate` gives the cell a
    value came from; anything not from the sheet is looked up in `document` (with --into)."""

    def __init__(self, path: str, fallback: Position, document: source.Document | None = None):
        self.path, self.text, self.data = path, "", None
        self.fallback, self.document = fallback, document
        self.cells: dict[tuple, Position] = {}

    def put(self, loc: tuple, where: Position) -> None:
        self.cells[loc] = where

    def _from_sheet(self, loc: tuple) -> Position | None:
        for n in range(len(loc), 0, -1):
            if loc[:n] in self.cells:
                return self.cells[loc[:n]]
        return None

    def locate(self, loc: tuple, *, key: bool = False) -> Position:
        loc = tuple(loc)
        found = self._from_sheet(loc)
        if found is None and self.document is not None and loc[:1] != ("injects",):
            return self.document.locate(loc, key=key)
        return found or self.fallback

    def problem(self, loc: tuple, message: str, *, key: bool = False) -> Problem:
        loc = tuple(loc)
        if self._from_sheet(loc) is None and self.document is not None and loc[:1] != ("injects",):
            return self.document.problem(loc, message, key=key)
        return Problem(self.path, self.locate(loc, key=key), message)


# ---------------------------------------------------------------- reading files


def read_msel(path: str | Path) -> Workbook:
    """The sheets of an .xlsx workbook, or the one table of a .csv file.

    OSError propagates (the file cannot be read); a file that is not a workbook or
    not text is a FormatError at its start."""
    name = str(path)
    if os.path.getsize(path) > MAX_BYTES:
        raise FormatError([Problem(name, Position(1, 1), f"the file is larger than {MAX_BYTES // 2**20} MiB; refusing to read it")])
    if name.lower().endswith(".csv"):
        return Workbook(name, [_csv_grid(name)])
    if name.lower().endswith(".json"):
        try:
            return read_json(name, Path(name).read_bytes().decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise FormatError([Problem(name, Position(1, 1), "the file is not text in UTF-8: save the JSON as UTF-8")]) from None
    if not name.lower().endswith(".xlsx"):
        raise FormatError([Problem(name, Position(1, 1), "expected an .xlsx workbook, a .csv file, or a T3SF or MISP exercise (CEXF) .json file")])
    from openpyxl import load_workbook

    try:
        check_workbook(name)
        book = load_workbook(path, read_only=True, data_only=True)
    except UNREADABLE as error:
        raise FormatError([Problem(name, Position(1, 1), f"not a readable .xlsx workbook ({type(error).__name__}: {shown(str(error))}); save it from the spreadsheet program as Excel .xlsx")]) from None
    try:
        return Workbook(name, [_sheet_grid(name, sheet) for sheet in book.worksheets])
    except UNREADABLE as error:
        raise FormatError([Problem(name, Position(1, 1), f"a sheet of the workbook cannot be read ({type(error).__name__}: {shown(str(error))})")]) from None
    finally:
        book.close()


# What a damaged or hostile .xlsx raises inside zipfile, zlib, the XML parsers and openpyxl:
# a problem of the file (exit 1), never an internal error. (ParseError and lxml's errors are
# SyntaxErrors; defusedxml's refusals are ValueErrors.)
UNREADABLE = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, KeyError, ValueError, TypeError, AttributeError, IndexError,
              EOFError, SyntaxError, RecursionError, NotImplementedError, UnicodeError)


def _sheet_grid(name: str, sheet) -> Grid:
    """A sheet's rows, refused past the limits however the file describes itself."""
    rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 1), start=1):
        if number > MAX_ROWS or len(values) > MAX_COLUMNS:
            raise FormatError([Problem(name, Position(min(number, MAX_ROWS + 1), 1, sheet.title),
                                       f"the sheet is larger than {MAX_ROWS:,} rows or {MAX_COLUMNS} columns; refusing to read it")])
        rows.append((number, list(values)))
    return Grid(sheet.title, rows)


def _csv_grid(name: str) -> Grid:
    raw = Path(name).read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):   # Excel in a Chinese locale saves CSV as GBK
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string it is given whole
        raise FormatError([Problem(name, Position(1, 1), "the file is not text in UTF-8 or GB18030; save it as CSV UTF-8")])
    if "\0" in text:
        raise FormatError([Problem(name, Position(1, 1), "the file holds NUL characters: it is not a CSV text file")])
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, line = [], 1
    try:
        for values in reader:
            rows.append((line, [_unguarded(value) for value in values]))
            line = reader.line_num + 1
    except csv.Error as error:
        raise FormatError([Problem(name, Position(line, 1), f"CSV: {error}")]) from None
    return Grid("", rows)


def _unguarded(value: str) -> str:
    """A CSV cell as typed: `'=1+1` (text guarded from being run as a formula, as the export
    writes it) is `=1+1`."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


# ---------------------------------------------------------------- tables and cells


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def find_table(grid: Grid, sheet: Sheet, problems: list[Problem], path: str, options: Options | None = None) -> Table | None:
    """The table of `sheet`'s columns in `grid`: its header is the first row among the top
    ones that names at least two of them (rows above it, such as a title, are skipped).

    With `options` (the injects sheet), the trainer's map names more headers, and a map
    by column letter reads a sheet without a header row. Columns with other headers are
    kept, as notes; a column mapped to `ignore` is read by nobody."""
    options = options or Options()
    names = {name: column.key for column in sheet.columns for name in column.names()} | options.headers
    found: list[tuple[int, str | None]] = []
    row = 0
    for row, values in grid.rows[:HEADER_ROWS]:
        found = [(n, names.get(header_key(v))) for n, v in enumerate(values, start=1) if not _blank(v)]
        if len({key for _, key in found if key and key not in ("ignore", "notes")}) >= 2:
            break
    else:
        if not options.letters:
            return None
        row, found = 0, []
    header_values: dict[int, Any] = {}
    if row:
        header_values = dict(enumerate(next(values for number, values in grid.rows if number == row), start=1))
    else:   # no header row: every column not mapped by its letter is kept, by its letter
        width = max((len(values) for _, values in grid.rows[:HEADER_ROWS]), default=0)
        found = [(n, None) for n in range(1, width + 1)]
    chosen = dict(found) | options.letters
    columns: dict[str, Position] = {}
    headers: dict[str, str] = {}
    index: dict[int, str] = {}
    others: dict[int, str] = {}
    ignored: list[tuple[Position, str]] = []
    for n, key in sorted(chosen.items()):
        written = text(header_values.get(n)) or ""
        named = written or column_letter(n)
        if key == "ignore":
            ignored.append((grid.at(row or 1, n), named))
        elif key is None or key == "notes" and ("notes" in columns or header_key(written) not in _NOTES):
            if sheet is INJECTS:
                others[n] = named       # kept in the notes, under its header
        elif key in columns:
            problems.append(Problem(path, grid.at(row or 1, n), f"{shown(named)} and {shown(headers[key] or key)} ({columns[key]}) are both read as "
                                    f"the {key} column; keep one, or map one elsewhere, e.g. --map '{named}=notes'"))
        else:
            columns[key], headers[key], index[n] = grid.at(row or 1, n), written, key
    records = []
    for number, values in grid.rows:
        if number <= row or all(_blank(v) for v in values):
            continue
        kept = {key: values[n - 1] for n, key in index.items() if n <= len(values) and not _blank(values[n - 1])}
        if not kept:
            continue      # only the person's own columns are filled: a note row
        extra = [(header or column_letter(n), values[n - 1]) for n, header in others.items() if n <= len(values) and not _blank(values[n - 1])]
        records.append(Record(grid.at(number, 1), kept, {key: grid.at(number, n) for n, key in index.items()}, extra))
    return Table(grid.at(row or 1, 1), columns, records, headers, [(grid.at(row or 1, n), h or column_letter(n)) for n, h in others.items()],
                 ignored, row or None)


def text(value: Any) -> str | None:
    """A cell as text: numbers without a trailing .0, times as a person wrote them."""
    if _blank(value):
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def items(value: Any, *, lines: bool = False) -> list[str]:
    """A list in one cell: one a line, or on one line separated by commas (`,` `，` `、` `;`);
    with `lines`, one a line only (a fact's phrasings are sentences, commas and all)."""
    written = text(value)
    if written is None:
        return []
    parts = written.split("\n") if "\n" in written or lines else _SPLIT.split(written)
    return [part.strip() for part in parts if part.strip()]


def _spellings(entries: list, label: str) -> dict[str, str]:
    """How a sheet may name each entry (a team or task): by its id or by its `label`, as
    compared (see `normal`) -> the id. An id wins over another entry's label."""
    found: dict[str, str] = {}
    named = [entry for entry in entries if isinstance(entry, dict) and isinstance(entry.get("id"), str)]
    for entry in named:
        if isinstance(entry.get(label), str):
            found[normal(entry[label])] = entry["id"]
    found |= {normal(entry["id"]): entry["id"] for entry in named}
    return found


class Reader:
    """Turns the tables of one workbook into scenario data, collecting positioned problems."""

    def __init__(self, book: Workbook, locator: Locator, options: Options | None = None):
        self.book, self.locator = book, locator
        self.options = options or Options()
        self.language = "en"
        self.summary: list[str] = []           # what went where, said when the import ends
        self.problems: list[Problem] = []
        self.reported: set[Position] = set()
        self.teams: dict[str, str] = {}          # every spelling of a team (id, name) -> id
        self.team_names: list[str] = []
        self.tasks: dict[str, str] = {}          # task id or title -> id
        self.task_openers: dict[str, str | None] = {}
        self.start: datetime | None = None
        self.skeleton_start: tuple[datetime, str] | None = None

    def bad(self, where: Position, message: str) -> None:
        self.problems.append(Problem(self.book.path, where, message))
        self.reported.add(where)

    def put(self, entry: dict, loc: tuple, key: str, value: Any, where: Position) -> None:
        entry[key] = value
        self.locator.put(loc + (key,), where)

    # ------------------------------------------------------------ what the injects refer to

    def know_teams(self, teams: list[dict]) -> None:
        self.teams = _spellings(teams, "name")
        self.team_names = list(dict.fromkeys(self.teams.values()))

    def know_tasks(self, tasks: list[dict]) -> None:
        self.tasks = _spellings(tasks, "title")
        self.task_openers = {task["id"]: task.get("opens_after") for task in tasks if isinstance(task, dict) and isinstance(task.get("id"), str)}

    def recipients(self, value: Any, where: Position) -> str | list[str] | None:
        """`all`, or the team ids a cell names by id or name; unknown names are problems."""
        if normal(text(value) or "") in _ALL:
            return "all"
        written = text(value) or ""
        found, unknown = [], []
        for line in written.split("\n"):
            whole = self.teams.get(normal(line))
            for part in [line] if whole else _SPLIT.split(line):
                if not part.strip():
                    continue
                team = self.teams.get(normal(part))
                (found if team else unknown).append(team or part.strip())
        if unknown:
            known = ", ".join(self.team_names[:12]) + (", ..." if len(self.team_names) > 12 else "")
            self.bad(where, f"unknown team {', '.join(shown(u) for u in unknown[:5])}: expected team ids or names ({known}), or 'all'")
        return list(dict.fromkeys(found)) or None

    # ------------------------------------------------------------ the injects sheet

    def injects(self, table: Table) -> tuple[list[dict], list[str]]:
        channels = words("report.channel", CHANNELS)
        conditions = words("msel.when", CONDITION_WORDS)
        t = Catalog(self.language)
        if not {"title", "body"} & table.columns.keys():
            self.bad(table.header, "no Title column (nor a Body to make titles from): the header row must name one, or map one, "
                                   "e.g. --map 'Subject=title' (see docs/spreadsheets.md for the accepted headers)")
        if not {"offset", "clock", "when"} & table.columns.keys():
            self.bad(table.header, "no time column: the header row must name an Offset, a Clock time or a Trigger column, "
                                   "or map one, e.g. --map 'T+min=offset'")
        if table.header in self.reported:
            raise FormatError(self.problems)    # no row can be read without these columns
        times = {key: table.time_column(key, self.options) for key in ("offset", "clock")}
        injects, sources, taken = [], [], {text(r.get("id")) for r in table.records if r.get("id") is not None}
        made_ids, made_titles, fallback, heard, noted = [], 0, 0, {}, 0
        for index, record in enumerate(table.records):
            loc = ("injects", index)
            self.locator.put(loc, record.cells.get("id", record.row))
            for key, where in record.cells.items():   # where a value is missing, point at its empty cell
                self.locator.put(loc + ({"offset": "at", "clock": "at"}.get(key, key),), where)
            entry: dict[str, Any] = {}
            given = text(record.get("id"))
            inject_id = given or f"inject-{index + 1}"
            if given is not None and not re.fullmatch(r"[a-z0-9-]+", given):
                inject_id = skeleton.unique(skeleton.slug(given, f"inject-{index + 1}"), taken)
                made_ids.append(f"{given} -> {inject_id}")
            while given is None and inject_id in taken:
                inject_id += "-x"
            taken.add(inject_id)
            self.put(entry, loc, "id", inject_id, record.cells.get("id", record.row))
            self.timing(entry, loc, record, conditions, times)
            channel, how = self.channel(text(record.get("channel")), channels)
            if channel is not None:
                self.put(entry, loc, "channel", channel, record.cells.get("channel", record.row))
                if how == "fallback":
                    fallback += 1
                elif how == "words":
                    heard.setdefault(text(record.get("channel")), channel)
            elif how == "unknown":
                spelled = ", ".join(CHANNELS)
                self.bad(record.cells["channel"], f"unknown channel {shown(text(record.get('channel')))}: expected one of {spelled}, by id or by name in English or Chinese")
            if record.get("from") is not None:
                self.put(entry, loc, "from", text(record.get("from")), record.cells["from"])
            if record.get("to") is not None:
                to = self.recipients(record.get("to"), record.cells["to"])
                if to is not None:
                    self.put(entry, loc, "to", to, record.cells["to"])
            title, body = text(record.get("title")), text(record.get("body")) or ""
            if title is None and body and "title" not in table.columns:   # a sheet without titles: made from the body
                title = skeleton.title_from(body)
                made_titles += 1
            if title is None:
                self.bad(record.cells.get("title", record.cells.get("body", record.row)), "missing title: every inject needs one")
            else:
                self.put(entry, loc, "title", title, record.cells.get("title", record.cells.get("body", record.row)))
            self.put(entry, loc, "body", body, record.cells.get("body", record.row))
            if record.get("heat") is not None:
                heat = self.whole(record.get("heat"), record.cells["heat"], "heat", "a whole number from -100 to 100")
                if heat:
                    self.put(entry, loc, "heat", heat, record.cells["heat"])
            if record.get("reveals") is not None:
                self.put(entry, loc, "reveals", items(record.get("reveals")), record.cells["reveals"])
            if record.get("opens") is not None:
                self.opened(inject_id, record.get("opens"), record.cells["opens"])
            notes = self.notes(record, t)
            if notes:
                noted += 1
                self.put(entry, loc, "notes", notes, record.cells.get("notes", record.cells.get("expected", record.row)))
            injects.append(entry)
            sources.append(f"from {record.row.sheet}, row {record.row.line}" if record.row.sheet else f"from line {record.row.line}")
        self.say_columns(table, t)
        if made_titles:
            self.summary.append(t("msel.summary.titles", count=made_titles))
        if made_ids:
            self.summary.append(t("msel.summary.ids", changes=", ".join(made_ids[:6]) + (", ..." if len(made_ids) > 6 else "")))
        if heard:
            self.summary.append(t("msel.summary.channels", pairs=", ".join(f"{shown(w)} -> {c}" for w, c in list(heard.items())[:10])))
        if fallback:
            self.summary.append(t("msel.summary.fallback", channel=self.options.channel or skeleton.FALLBACK_CHANNEL, count=fallback))
        if noted:
            self.summary.append(t("msel.summary.notes", count=noted))
        if self.options.shift:
            sign = "-" if self.options.shift < 0 else "+"
            self.summary.append(t("msel.summary.shift", shift=sign + format_duration(abs(self.options.shift))))
        return injects, sources

    def channel(self, written: str | None, channels: dict[str, str]) -> tuple[str | None, str]:
        """The channel a cell names, and how it was found: by id or name, from a delivery
        word ("Email printout"), or the fallback for an empty cell (or an unknown word, with --channel)."""
        if written is not None and normal(written) in channels:
            return channels[normal(written)], "named"
        if written is not None:
            heard = skeleton.channel_in_words(written)
            if heard is not None:
                return heard, "words"
            if self.options.channel is None:
                return None, "unknown"
        return self.options.channel or skeleton.FALLBACK_CHANNEL, "fallback"

    def notes(self, record: Record, t: Catalog) -> str:
        """What the facilitator and experts read beside an inject: the sheet's notes, the expected
        player action, the evaluator's notes, then every other column under its header."""
        parts = [text(record.get("notes"))] if record.get("notes") is not None else []
        for key in ("expected", "evaluator"):
            if record.get(key) is not None:
                parts.append(t(f"msel.note.{key}", text=text(record.get(key))))
        parts += [t("msel.note.other", header=header, text=text(value)) for header, value in record.others]
        return "\n".join(p for p in parts if p)

    def say_columns(self, table: Table, t: Catalog) -> None:
        """A line per column: where it went (the summary an import ends with, and `inspect`), first."""
        said = len(self.summary)
        for key, where in sorted(table.columns.items(), key=lambda item: item[1].column):
            target = t(f"msel.column.{key}") if key != "number" else "#"
            if key in ("offset", "clock"):
                column = table.time_column(key, self.options)
                target = f"{key} ({column.kind})"
                if column.unit:
                    target = t("msel.summary.unit", target=target, unit=UNIT_WORDS[column.unit])
            self.summary.append(t("msel.summary.column", cell=str(where), header=shown(table.headers[key] or column_letter(where.column)), target=target))
        for where, header in table.others:
            self.summary.append(t("msel.summary.column", cell=str(where), header=shown(header), target=t("msel.summary.kept")))
        for where, header in table.ignored:
            self.summary.append(t("msel.summary.column", cell=str(where), header=shown(header), target=t("msel.summary.ignored")))
        self.summary[:] = self.summary[said:] + self.summary[:said]

    def timing(self, entry: dict, loc: tuple, record: Record, conditions: dict[str, str], columns: dict[str, TimeColumn]) -> None:
        """`at` from the offset and clock-time cells (which must agree when both are given),
        or `when` (with `delay`) from the trigger cell; every `at` moved by --shift."""
        times = []
        for key in ("offset", "clock"):
            if record.get(key) is None:
                continue
            try:
                spec = parse_time(record.get(key), columns[key])
                if self.start is None:
                    continue   # the clock's start is wrong, and reported where it is written
                times.append((key, place(spec, self.start, columns[key])))
            except ValueError as error:
                self.bad(record.cells[key], str(error))
        if len(times) == 2 and times[0][1] != times[1][1]:
            self.bad(record.cells["clock"], f"the clock time and the offset ({format_duration(times[0][1])} after the start) disagree; correct one, or clear the clock time")
        if times:
            at = times[0][1] + self.options.shift
            if at < 0:
                self.bad(record.cells[times[0][0]], f"moved by --shift, this inject would be {format_duration(-at)} before the start")
            else:
                self.put(entry, loc, "at", format_duration(at), record.cells[times[0][0]])
        if record.get("when") is not None:
            when = self.condition(record.get("when"), record.cells["when"], conditions)
            if when is not None:
                self.put(entry, loc, "when", when, record.cells["when"])
        if record.get("delay") is not None:
            try:
                self.put(entry, loc, "delay", format_duration(parse_span(record.get("delay"))), record.cells["delay"])
            except ValueError as error:
                self.bad(record.cells["delay"], str(error))

    def condition(self, value: Any, where: Position, conditions: dict[str, str]) -> dict | None:
        written = text(value) or ""
        match = re.match(r"^(.*?)\s*[:：]\s*(.*)$", written, re.S)
        word, argument = match.groups() if match else (written, "")
        kind = conditions.get(normal(word))
        if kind is None and not argument:
            for spelled in sorted(conditions, key=len, reverse=True):
                if normal(written).startswith(spelled + " "):
                    kind, argument = conditions[spelled], normal(written)[len(spelled):]
                    break
        argument = argument.strip()
        forms = "missed: TASK, submitted: TASK, heat above: LEVEL, scored below: TASK SCORE, scored at least: TASK SCORE, or manual (in English or Chinese)"
        if kind is None:
            self.bad(where, f"{shown(written)} is not a trigger: expected {forms}")
            return None
        if kind == "manual":
            return {"manual": True}
        if kind in ("missed", "submitted"):
            if not argument:
                self.bad(where, f"{shown(word.strip())} needs the task it watches, e.g. 'missed: statement'")
                return None
            return {kind: self.tasks.get(normal(argument), argument)}
        if kind == "heat_above":
            level = self.whole(argument, where, "the heat level", "a whole number, e.g. 'heat above: 70'")
            return None if level is None else {kind: level}
        task, _, score = argument.rpartition(" ")
        try:
            number = float(score)
        except ValueError:
            self.bad(where, "expected the task and the score, e.g. 'scored below: statement 50'")
            return None
        return {kind: {"task": self.tasks.get(normal(task.strip()), task.strip()), "score": number}}

    def whole(self, value: Any, where: Position, what: str, expected: str) -> int | None:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and re.fullmatch(r"\s*[-+−]?\d{1,12}\s*", value):
            value = int(value.strip().replace("−", "-"))
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self.bad(where, f"{what}: {shown(text(value))} is not {expected}")
        return None

    def opened(self, inject_id: str, value: Any, where: Position) -> None:
        """The tasks an inject opens are shown for reading; each must be a task that opens after it."""
        for name in items(value):
            task = self.tasks.get(normal(name))
            if task is None:
                self.bad(where, f"unknown task {shown(name)} in the tasks this inject opens")
            elif self.task_openers.get(task) != inject_id:
                self.bad(where, f"task {task!r} does not open after this inject; set its 'opens after' in the tasks (or the scenario file) instead")

    # ------------------------------------------------------------ the other sheets

    def scenario(self, table: Table) -> dict[str, Any]:
        labels = {normal(key): key for key, _ in SCENARIO_FIELDS}
        labels |= {spelled: key for spelled, key in words("msel.field", tuple(key for key, _ in SCENARIO_FIELDS)).items()}
        data: dict[str, Any] = {"format": "drill/scenario@1"}
        clock: dict[str, Any] = {}
        for record in table.records:
            label = text(record.get("field"))
            key = labels.get(normal(label or ""))
            where = record.cells.get("value", record.row)
            if key is None:
                self.bad(record.cells.get("field", record.row), f"unknown scenario field {shown(label)}: expected one of {', '.join(k for k, _ in SCENARIO_FIELDS)}")
                continue
            value = record.get("value")
            if value is None:
                continue
            if key == "start":
                written = value.isoformat() if isinstance(value, datetime) else text(value)
                self.put(clock, ("clock",), "start", written, where)
                try:
                    moment = datetime.fromisoformat(written)
                    self.start = moment if moment.tzinfo else None
                except ValueError:
                    pass
            elif key == "duration":
                try:
                    self.put(clock, ("clock",), "duration", format_duration(parse_span(value)), where)
                except ValueError as error:
                    self.bad(where, str(error))
            elif key == "speed":
                self.put(clock, ("clock",), "speed", value if isinstance(value, (int, float)) and not isinstance(value, bool) else text(value), where)
            elif key == "heat":
                parsed = self.yaml_cell(value, where)
                if parsed is not None:
                    self.put(data, (), "heat", parsed, where)
            else:
                self.put(data, (), key, text(value), where)
        self.put(data, (), "clock", clock, table.header)
        if self.start is None and "start" in clock:
            self.bad(self.locator.cells[("clock", "start")], f"clock start {shown(clock['start'])} is not a date-time with an offset, e.g. 2024-04-16T07:00:00+08:00")
        return data

    def yaml_cell(self, value: Any, where: Position) -> Any:
        try:
            return source.parse(text(value) or "", self.book.path).data
        except FormatError as error:
            self.bad(where, error.problems[0].message)
            return None

    def flag(self, value: Any, where: Position) -> bool | None:
        """A yes-or-no cell: yes, no (in any of the catalogs' languages), true, false, 1, 0, x."""
        written = normal(text(value) or "")
        if written in _YES or written in _NO:
            return written in _YES
        self.bad(where, f"{shown(text(value))} is not yes or no: write yes (or {Catalog('zh-CN')('msel.yes')}, {Catalog('vi')('msel.yes')}, true, x), "
                        "or no, or leave the cell empty")
        return None

    def rows(self, table: Table, kind: str, lists: tuple[str, ...] = (), spans: tuple[str, ...] = (), teams: tuple[str, ...] = (),
             structured: tuple[str, ...] = (), flags: tuple[str, ...] = (), lines: tuple[str, ...] = ()) -> list[dict]:
        """The records of a sheet as scenario entries: `lists` are cells of several items (`lines`:
        one a line only), `spans` durations, `teams` recipients, `structured` one line of YAML,
        `flags` yes or no; the rest text."""
        entries = []
        for index, record in enumerate(table.records):
            loc = (kind, index)
            self.locator.put(loc, record.cells.get("id", record.row))
            entry: dict[str, Any] = {}
            for key, value in record.values.items():
                where = record.cells[key]
                if key in lists or key in lines:
                    self.put(entry, loc, key, items(value, lines=key in lines), where)
                elif key in spans:
                    try:
                        self.put(entry, loc, key, format_duration(parse_span(value)), where)
                    except ValueError as error:
                        self.bad(where, str(error))
                elif key in teams or key in structured or key in flags:   # read, or reported at its cell (None)
                    read = self.recipients if key in teams else self.yaml_cell if key in structured else self.flag
                    found = read(value, where)
                    if found is not None:
                        self.put(entry, loc, key, found, where)
                else:
                    self.put(entry, loc, key, text(value), where)
            entries.append(entry)
        return entries


# ---------------------------------------------------------------- the whole import


def find_tables(book: Workbook, reader: Reader) -> dict[str, Table]:
    """Each kind of sheet, found by its name (in either language) or, for the injects, by its header."""
    found: dict[str, Table] = {}
    for grid in book.grids:
        for sheet in SHEETS:
            if normal(grid.name) in sheet.names() and sheet.kind not in found:
                table = find_table(grid, sheet, reader.problems, book.path, reader.options if sheet is INJECTS else None)
                if table is not None:
                    found[sheet.kind] = table
    if "injects" not in found:
        candidates = []
        for grid in book.grids:
            if grid.name and any(normal(grid.name) in s.names() for s in SHEETS if s is not INJECTS):
                continue
            table = find_table(grid, INJECTS, reader.problems, book.path, reader.options)
            if table is not None:
                candidates.append(table)
        # the first sheet with titles (or bodies); else the first with a header, to say what it lacks
        titled = [table for table in candidates if {"title", "body"} & table.columns.keys()]
        if titled or candidates:
            found["injects"] = (titled or candidates)[0]
    return found


NO_TABLE = ("no table of injects found: expected a header row naming at least a Title (or a Body) and a time (an Offset, a Clock time "
            "or a Trigger), or a map of the columns such as --map 'Script=body' --map 'T+min=offset'; `drill msel inspect FILE` shows "
            "what is read (see docs/spreadsheets.md)")


def build(path: str | Path, target: str | Path, *, into: bool = False, rubric_dirs: tuple[Path, ...] = (),
          options: Options | None = None, summary: list[str] | None = None) -> str:
    """The scenario text an import of the sheet at `path` writes to `target`: a whole scenario,
    or with `into` the target's text with its injects replaced. Rubric paths are resolved
    beside the target. Raises FormatError with every problem; `summary` receives the lines
    that say what went where."""
    book = read_msel(path)
    first = Position(1, 1, book.grids[0].name if book.grids else "")
    document = None
    if into:
        document = source.read(target)
        if format_of(document) is not Scenario:
            raise FormatError([document.problem(("format",), "expected a scenario (format: drill/scenario@1) to import the injects into")])
    locator = Locator(book.path, first, document)
    reader = Reader(book, locator, options)
    tables = find_tables(book, reader)
    if "injects" not in tables:
        reader.bad(first, NO_TABLE)
        raise FormatError(reader.problems)
    if document is not None:
        for given, flag in ((reader.options.start, "--start"), (reader.options.tasks_from_expected, "--tasks-from-expected")):
            if given:
                reader.bad(first, f"{flag} makes a new scenario's clock or tasks: use it with --out, not --into (the scenario keeps its own)")
        data = _existing(document, reader)
    else:
        data = whole_scenario(book, tables, reader)
    data["injects"], sources = reader.injects(tables["injects"])
    if document is None:
        complete(data, tables, reader)
    locator.put(("injects",), tables["injects"].header)
    locator.data = data
    _, found = Loader(rubric_dirs).scenario(locator, Path(target).parent)
    problems = reader.problems + [p for p in found if p.position not in reader.reported]
    if problems:
        raise FormatError(sorted(set(problems), key=lambda p: (p.path != book.path, p.path, p.position)))
    if summary is not None:
        table = tables["injects"]
        where = f"{table.header.sheet or Path(path).name}" + (f", rows {table.records[0].row.line}-{table.records[-1].row.line}" if table.records else "")
        summary += [Catalog(reader.language)("msel.summary.head", path=path, count=len(data["injects"]), where=where)] + reader.summary
    if document is None:
        return scenario_text(data, sources, Path(path).name)
    replaced = replace_injects(document, injects_block(data["injects"], sources))
    if replaced is None:
        raise FormatError([document.problem(("injects",), "cannot replace the injects: keep 'injects:' as a key at the left margin of the file")])
    return replaced


def _existing(document: source.Document, reader: Reader) -> dict[str, Any]:
    """The scenario the injects go into: its own problems outside the injects are reported
    as they stand; its teams, tasks and clock are what the sheet's injects refer to."""
    _, problems = model_problems(document, Scenario)
    own = [p for p in problems if not _within_injects(document, p.position)]
    if own:
        raise FormatError(own)
    data = dict(document.data)
    reader.know_teams(data.get("teams") or [])
    reader.know_tasks(data.get("tasks") or [])
    reader.start = Clock.model_validate(data["clock"]).start
    reader.language = data.get("language") or "en"
    return data


def _within_injects(document: source.Document, where: Position) -> bool:
    """Whether a position lies in the file's `injects:` entry (to be replaced, so its problems do not count)."""
    marks = document.marks.get(id(document.data), {})
    if "injects" not in marks:
        return False
    first = marks["injects"][0].line
    later = [key.line for key, _ in marks.values() if key is not None and key.line > first]
    return first <= where.line < min(later, default=10**9)


def whole_scenario(book: Workbook, tables: dict[str, Table], reader: Reader) -> dict[str, Any]:
    """A whole scenario: from the Scenario and Teams sheets `drill msel export` writes, or,
    for a sheet without them (another tool's MSEL, a CSV, a JSON file), a skeleton made
    from the injects: teams from the recipients, the clock from the times."""
    if "scenario" in tables:
        if reader.options.start is not None:
            reader.bad(reader.locator.fallback, "--start: the Scenario sheet gives the clock start; change it there")
        data = reader.scenario(tables["scenario"])
        reader.language = data.get("language") or "en"
    else:
        data = _skeleton(book, tables["injects"], reader)
    if "teams" in tables:
        data["teams"] = reader.rows(tables["teams"], "teams")
    else:
        data["teams"] = _teams(tables["injects"], reader)
    reader.know_teams(data["teams"])
    if "facts" in tables:
        data["facts"] = reader.rows(tables["facts"], "facts", lists=("keywords", "contradicted_by", "half_truths", "whole_truth"), lines=("phrasings",), flags=("pending",))
    data["tasks"] = reader.rows(tables["tasks"], "tasks", spans=("opens", "due"), teams=("teams",), structured=("fields",)) if "tasks" in tables else []
    reader.know_tasks(data["tasks"])
    return data


def _skeleton(book: Workbook, table: Table, reader: Reader) -> dict[str, Any]:
    """The head of a scenario made from an MSEL alone: named after the file (or the exercise
    a JSON file names), starting at the first inject's date or clock time unless --start says."""
    stem = Path(book.path).stem
    meta = book.meta
    specs = []
    for record in table.records:
        for key in ("offset", "clock"):
            if record.get(key) is not None:
                try:
                    specs.append(parse_time(record.get(key), table.time_column(key, reader.options)))
                except ValueError:
                    pass        # reported at its cell when the injects are read
    start, how = first_moment(specs, reader.options.start)
    reader.start = start
    reader.skeleton_start = (start, how)
    reader.language = skeleton.language_of([text(r.get("title")) or text(r.get("body")) or "" for r in table.records])
    data: dict[str, Any] = {"format": "drill/scenario@1", "id": skeleton.slug(meta.get("id") or stem, "imported-msel"),
                            "title": meta.get("title") or stem, "summary": meta.get("summary") or f"Imported from {Path(book.path).name}.",
                            "language": reader.language, "clock": {"start": start.isoformat()}}
    for key in ("id", "title", "summary", "language", "clock"):
        reader.locator.put((key,), table.header)
    return data


def _teams(table: Table, reader: Reader) -> list[dict]:
    """The teams a sheet's recipients column names (`Player`, `To`, ...), or one team, players."""
    t = Catalog(reader.language)
    cells = [text(r.get("to")) for r in table.records if r.get("to") is not None]
    names = [name for name in skeleton.team_names([c for c in cells if c], _SPLIT) if normal(name) not in _ALL]
    taken: set[str] = set()
    teams = [{"id": skeleton.unique(skeleton.slug(name, f"team-{n}"), taken), "name": name} for n, name in enumerate(names, start=1)]
    if not teams:
        teams = [{"id": skeleton.DEFAULT_TEAM[0], "name": skeleton.DEFAULT_TEAM[1]}]
        reader.summary.append(t("msel.summary.teams-default"))
    else:
        reader.summary.append(t("msel.summary.teams", teams=", ".join(f"{team['name']} ({team['id']})" for team in teams[:12])
                                + (", ..." if len(teams) > 12 else "")))
    for index, _ in enumerate(teams):
        reader.locator.put(("teams", index), table.columns.get("to", table.header))
    return teams


def complete(data: dict[str, Any], tables: dict[str, Table], reader: Reader) -> None:
    """What a new scenario gets once its injects are read: a skeleton's duration (from the
    last inject), and with --tasks-from-expected a task for each expected player action."""
    t = Catalog(reader.language)
    table = tables["injects"]
    if reader.options.tasks_from_expected:
        taken = {task.get("id") for task in data["tasks"] if isinstance(task, dict)}
        made = 0
        for entry, record in zip(data["injects"], table.records):
            if record.get("expected") is None or "id" not in entry:
                continue
            title = entry.get("title") or entry["id"]
            task = {"id": skeleton.unique(f"{entry['id']}-response", taken), "kind": "plan", "title": t("msel.task.title", title=title),
                    "prompt": t("msel.task.prompt", title=title), "teams": entry.get("to", "all"), "opens_after": entry["id"],
                    "due": "15m", "rubric": "plan"}
            reader.locator.put(("tasks", len(data["tasks"])), record.cells["expected"])
            data["tasks"].append(task)
            made += 1
        reader.summary.append(t("msel.summary.tasks", count=made))
    if reader.skeleton_start is None:
        return
    start, how = reader.skeleton_start
    last = max((parse_span(entry["at"]) for entry in data["injects"] if "at" in entry), default=0)
    duration = max(last + 1800, reader.book.meta.get("duration") or 0)
    data["clock"]["duration"] = format_duration(duration)
    reader.summary.append(t("msel.summary.start", start=start.isoformat(), how=t(f"msel.summary.start.{how}"),
                            duration=format_duration(duration), last=format_duration(last)))


def import_msel(path: str | Path, out: Path, *, into: bool = False, rubric_dirs: tuple[Path, ...] = (),
                options: Options | None = None, summary: list[str] | None = None) -> Path:
    """Import the sheet at `path` into `out` (a new scenario, or with `into` the existing one
    whose injects it replaces), written whole or not at all."""
    text_ = build(path, out, into=into, rubric_dirs=rubric_dirs, options=options, summary=summary)
    handle, temporary = tempfile.mkstemp(prefix=".msel-", suffix=".yaml", dir=Path(out).parent or ".")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:   # the line endings as built
            stream.write(text_)
        os.chmod(temporary, _mode(Path(out)))
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(out)


def _mode(path: Path) -> int:
    """The permissions the written file keeps: the replaced file's, or a new file's under the umask
    (the temporary file it is written through is private to its owner)."""
    if path.exists():
        return path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


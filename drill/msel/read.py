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
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any

from ..formats import source
from ..formats.duration import format_duration
from ..formats.load import Loader, format_of, model_problems
from ..formats.problems import FormatError, Position, Problem
from ..formats.scenario import CHANNELS, Clock, Scenario
from ..i18n import LANGUAGES, Catalog
from .columns import CONDITION_WORDS, INJECTS, SCENARIO, SCENARIO_FIELDS, SHEETS, TEAMS, Sheet, normal, words
from .times import parse_at, parse_span, shown
from .yamltext import injects_block, replace_injects, scenario_text

MAX_BYTES = 64 * 1024 * 1024
HEADER_ROWS = 20      # a header is looked for in this many rows from the top (title rows come first)
_SPLIT = re.compile(r"[,，、;；]")
# "all" as each catalog writes it (msel.all), and as people type it.
_ALL = {normal(Catalog(lang)("msel.all")) for lang in LANGUAGES} | {normal(w) for w in ("all", "全部", "所有", "全体", "所有小组", "tất cả")}


@dataclass
class Grid:
    """One sheet's rows as (row number, values); `name` is empty for a CSV, whose rows are lines."""

    name: str
    rows: list[tuple[int, list[Any]]]

    def at(self, row: int, column: int) -> Position:
        return Position(row, column, self.name)


@dataclass
class Record:
    """One data row of a table: each known column's value and cell."""

    row: Position
    values: dict[str, Any]
    cells: dict[str, Position]

    def get(self, key: str) -> Any:
        return self.values.get(key)


@dataclass
class Table:
    header: Position
    columns: dict[str, Position]
    records: list[Record]


@dataclass
class Workbook:
    path: str
    grids: list[Grid]
    is_csv: bool


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
        return Workbook(name, [_csv_grid(name)], True)
    if not name.lower().endswith(".xlsx"):
        raise FormatError([Problem(name, Position(1, 1), "expected an .xlsx workbook or a .csv file")])
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError, IndexError, EOFError) as error:
        raise FormatError([Problem(name, Position(1, 1), f"not a readable .xlsx workbook ({type(error).__name__}: {error}); save it from the spreadsheet program as Excel .xlsx")]) from None
    try:
        return Workbook(name, [
            Grid(sheet.title, [(n, list(values)) for n, values in enumerate(sheet.iter_rows(values_only=True), start=1)])
            for sheet in book.worksheets
        ], False)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError, IndexError, EOFError) as error:
        raise FormatError([Problem(name, Position(1, 1), f"a sheet of the workbook cannot be read ({type(error).__name__}: {error})")]) from None
    finally:
        book.close()


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
            rows.append((line, values))
            line = reader.line_num + 1
    except csv.Error as error:
        raise FormatError([Problem(name, Position(line, 1), f"CSV: {error}")]) from None
    return Grid("", rows)


# ---------------------------------------------------------------- tables and cells


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def find_table(grid: Grid, sheet: Sheet, problems: list[Problem], path: str) -> Table | None:
    """The table of `sheet`'s columns in `grid`: its header is the first row among the top
    ones that names at least two of them (rows above it, such as a title, are skipped)."""
    names = {name: column.key for column in sheet.columns for name in column.names()}
    for row, values in grid.rows[:HEADER_ROWS]:
        found = [(n, names.get(normal(v))) for n, v in enumerate(values, start=1) if not _blank(v)]
        if len({key for _, key in found if key}) >= 2:
            break
    else:
        return None
    columns: dict[str, Position] = {}
    index: dict[int, str] = {}
    for n, key in found:
        if key is None:
            continue      # a column of the person's own (notes, expected actions): not ours to read
        if key in columns:
            problems.append(Problem(path, grid.at(row, n), f"a second {shown(values[n - 1])} column (the first is {columns[key]}); keep one"))
            continue
        columns[key], index[n] = grid.at(row, n), key
    records = []
    for number, values in grid.rows:
        if number <= row or all(_blank(v) for v in values):
            continue
        kept = {key: values[n - 1] for n, key in index.items() if n <= len(values) and not _blank(values[n - 1])}
        if not kept:
            continue      # only the person's own columns are filled: a note row
        records.append(Record(grid.at(number, 1), kept, {key: grid.at(number, n) for n, key in index.items()}))
    return Table(grid.at(row, 1), columns, records)


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


def items(value: Any) -> list[str]:
    """A list in one cell: one a line, or on one line separated by commas (`,` `，` `、` `;`)."""
    written = text(value)
    if written is None:
        return []
    parts = written.split("\n") if "\n" in written else _SPLIT.split(written)
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

    def __init__(self, book: Workbook, locator: Locator):
        self.book, self.locator = book, locator
        self.problems: list[Problem] = []
        self.reported: set[Position] = set()
        self.teams: dict[str, str] = {}          # every spelling of a team (id, name) -> id
        self.team_names: list[str] = []
        self.tasks: dict[str, str] = {}          # task id or title -> id
        self.task_openers: dict[str, str | None] = {}
        self.start: datetime | None = None

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
        for needed, what in (("title", "a Title"), ("channel", "a Channel")):
            if needed not in table.columns:
                self.bad(table.header, f"no {what} column: the header row must name it (see docs/spreadsheets.md for the accepted headers)")
        if not {"offset", "clock", "when"} & table.columns.keys():
            self.bad(table.header, "no time column: the header row must name an Offset, a Clock time or a Trigger column")
        injects, sources, ids = [], [], set()
        for index, record in enumerate(table.records):
            loc = ("injects", index)
            self.locator.put(loc, record.cells.get("id", record.row))
            for key, where in record.cells.items():   # where a value is missing, point at its empty cell
                self.locator.put(loc + ({"offset": "at", "clock": "at"}.get(key, key),), where)
            entry: dict[str, Any] = {}
            inject_id = text(record.get("id")) or f"inject-{index + 1}"
            while record.get("id") is None and inject_id in ids:
                inject_id += "-x"
            ids.add(inject_id)
            self.put(entry, loc, "id", inject_id, record.cells.get("id", record.row))
            self.timing(entry, loc, record, conditions)
            channel = text(record.get("channel"))
            if channel is not None:
                if normal(channel) in channels:
                    self.put(entry, loc, "channel", channels[normal(channel)], record.cells["channel"])
                else:
                    spelled = ", ".join(CHANNELS)
                    self.bad(record.cells["channel"], f"unknown channel {shown(channel)}: expected one of {spelled}, by id or by name in English or Chinese")
            elif "channel" in table.columns:
                self.bad(record.cells["channel"], "missing channel: every inject needs one")
            if record.get("from") is not None:
                self.put(entry, loc, "from", text(record.get("from")), record.cells["from"])
            if record.get("to") is not None:
                to = self.recipients(record.get("to"), record.cells["to"])
                if to is not None:
                    self.put(entry, loc, "to", to, record.cells["to"])
            title = text(record.get("title"))
            if title is None and "title" in table.columns:
                self.bad(record.cells["title"], "missing title: every inject needs one")
            elif title is not None:
                self.put(entry, loc, "title", title, record.cells["title"])
            self.put(entry, loc, "body", text(record.get("body")) or "", record.cells.get("body", record.row))
            if record.get("heat") is not None:
                heat = self.whole(record.get("heat"), record.cells["heat"], "heat", "a whole number from -100 to 100")
                if heat:
                    self.put(entry, loc, "heat", heat, record.cells["heat"])
            if record.get("reveals") is not None:
                self.put(entry, loc, "reveals", items(record.get("reveals")), record.cells["reveals"])
            if record.get("opens") is not None:
                self.opened(inject_id, record.get("opens"), record.cells["opens"])
            injects.append(entry)
            sources.append(f"from {record.row.sheet}, row {record.row.line}" if record.row.sheet else f"from line {record.row.line}")
        return injects, sources

    def timing(self, entry: dict, loc: tuple, record: Record, conditions: dict[str, str]) -> None:
        """`at` from the offset and clock-time cells (which must agree when both are given),
        or `when` (with `delay`) from the trigger cell."""
        times = []
        for key in ("offset", "clock"):
            if record.get(key) is None:
                continue
            if self.start is None:
                continue   # the clock's start is wrong, and reported where it is written
            try:
                times.append((key, parse_at(record.get(key), self.start)))
            except ValueError as error:
                self.bad(record.cells[key], str(error))
        if len(times) == 2 and times[0][1] != times[1][1]:
            self.bad(record.cells["clock"], f"the clock time and the offset ({format_duration(times[0][1])} after the start) disagree; correct one, or clear the clock time")
        if times:
            self.put(entry, loc, "at", format_duration(times[0][1]), record.cells[times[0][0]])
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

    def rows(self, table: Table, kind: str, lists: tuple[str, ...] = (), spans: tuple[str, ...] = (), teams: tuple[str, ...] = (), structured: tuple[str, ...] = ()) -> list[dict]:
        entries = []
        for index, record in enumerate(table.records):
            loc = (kind, index)
            self.locator.put(loc, record.cells.get("id", record.row))
            entry: dict[str, Any] = {}
            for key, value in record.values.items():
                where = record.cells[key]
                if key in lists:
                    self.put(entry, loc, key, items(value), where)
                elif key in spans:
                    try:
                        self.put(entry, loc, key, format_duration(parse_span(value)), where)
                    except ValueError as error:
                        self.bad(where, str(error))
                elif key in teams:
                    to = self.recipients(value, where)
                    if to is not None:
                        self.put(entry, loc, key, to, where)
                elif key in structured:
                    parsed = self.yaml_cell(value, where)
                    if parsed is not None:
                        self.put(entry, loc, key, parsed, where)
                else:
                    self.put(entry, loc, key, text(value), where)
            entries.append(entry)
        return entries


# ---------------------------------------------------------------- the whole import


def _tables(book: Workbook, reader: Reader) -> dict[str, Table]:
    """Each kind of sheet, found by its name (in either language) or, for the injects, by its header."""
    found: dict[str, Table] = {}
    for grid in book.grids:
        for sheet in SHEETS:
            if normal(grid.name) in sheet.names() and sheet.kind not in found:
                table = find_table(grid, sheet, reader.problems, book.path)
                if table is not None:
                    found[sheet.kind] = table
    if "injects" not in found:
        for grid in book.grids:
            if grid.name and any(normal(grid.name) in s.names() for s in SHEETS if s is not INJECTS):
                continue
            table = find_table(grid, INJECTS, reader.problems, book.path)
            if table is not None and "title" in table.columns:
                found["injects"] = table
                break
    return found


def build(path: str | Path, target: str | Path, *, into: bool = False, rubric_dirs: tuple[Path, ...] = ()) -> str:
    """The scenario text an import of the sheet at `path` writes to `target`: a whole scenario,
    or with `into` the target's text with its injects replaced. Rubric paths are resolved
    beside the target. Raises FormatError with every problem."""
    book = read_msel(path)
    first = Position(1, 1, book.grids[0].name if book.grids else "")
    document = None
    if into:
        document = source.read(target)
        if format_of(document) is not Scenario:
            raise FormatError([document.problem(("format",), "expected a scenario (format: drill/scenario@1) to import the injects into")])
    locator = Locator(book.path, first, document)
    reader = Reader(book, locator)
    tables = _tables(book, reader)
    if "injects" not in tables:
        reader.bad(first, "no table of injects found: expected a header row naming at least Title, Channel and a time (see docs/spreadsheets.md)")
        raise FormatError(reader.problems)
    data = _existing(document, reader) if document is not None else _whole(book, tables, reader)
    data["injects"], sources = reader.injects(tables["injects"])
    locator.put(("injects",), tables["injects"].header)
    locator.data = data
    _, found = Loader(rubric_dirs).scenario(locator, Path(target).parent)
    problems = reader.problems + [p for p in found if p.position not in reader.reported]
    if problems:
        raise FormatError(sorted(set(problems), key=lambda p: (p.path != book.path, p.path, p.position)))
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
    return data


def _within_injects(document: source.Document, where: Position) -> bool:
    """Whether a position lies in the file's `injects:` entry (to be replaced, so its problems do not count)."""
    marks = document.marks.get(id(document.data), {})
    if "injects" not in marks:
        return False
    first = marks["injects"][0].line
    later = [key.line for key, _ in marks.values() if key is not None and key.line > first]
    return first <= where.line < min(later, default=10**9)


def _whole(book: Workbook, tables: dict[str, Table], reader: Reader) -> dict[str, Any]:
    missing = [sheet for sheet in (SCENARIO, TEAMS) if sheet.kind not in tables]
    if book.is_csv:
        reader.bad(Position(1, 1), "a .csv file holds only the injects: import it with --into SCENARIO.yaml, or use an .xlsx workbook with Scenario and Teams sheets")
        raise FormatError(reader.problems)
    if missing:
        names = " and ".join(f"a {sheet.kind.title()} sheet" for sheet in missing)
        reader.bad(reader.locator.fallback, f"the workbook needs {names} to make a whole scenario (as `drill msel export` writes them), or import it with --into SCENARIO.yaml")
        raise FormatError(reader.problems)
    data = reader.scenario(tables["scenario"])
    data["teams"] = reader.rows(tables["teams"], "teams")
    reader.know_teams(data["teams"])
    if "facts" in tables:
        data["facts"] = reader.rows(tables["facts"], "facts", lists=("keywords", "contradicted_by"))
    data["tasks"] = reader.rows(tables["tasks"], "tasks", spans=("opens", "due"), teams=("teams",), structured=("fields",)) if "tasks" in tables else []
    reader.know_tasks(data["tasks"])
    return data


def import_msel(path: str | Path, out: Path, *, into: bool = False, rubric_dirs: tuple[Path, ...] = ()) -> Path:
    """Import the sheet at `path` into `out` (a new scenario, or with `into` the existing one
    whose injects it replaces), written whole or not at all."""
    text_ = build(path, out, into=into, rubric_dirs=rubric_dirs)
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

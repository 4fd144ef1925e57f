"""`drill msel import` on generated sheets: random cells, wrong types, odd Unicode, huge
strings. It never raises past its error path, every problem names a cell (or a line and
column), and whatever it accepts is a scenario the loader accepts. Derandomized, so CI
runs the same examples every time."""

from __future__ import annotations

import csv
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from drill.formats import FormatError, Loader
from drill.i18n import Catalog
from drill.msel.columns import INJECTS, SCENARIO_FIELDS, TEAMS
from drill.msel.read import build

FUZZ = settings(max_examples=60, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

HEADERS = [Catalog(lang)(column.label) for lang in ("en", "zh-CN") for column in INJECTS.columns] + ["Notes", "", "备注"] + [
    "T+min", "Inject#", "Delivery", "Script", "Player", "Date", "Real Time", "Expected Actions", "Evaluation Notes/Hints", "Time (min)"]   # other tools'
ODD = st.sampled_from(["\u202e", "\u200b", "\ufeff", "𠀀", "é", "👩‍👧", "\u0301", "　", "=1+1", "+1:30", "08:45", "25:99", "1h30m", "-5", "all", "全部",
                       "T+5", "T+0:05", "Monday 9:30 AM", "D+1 09:00", "J+1 09h00", "Day 0 09:00", "0900", "31/02/2024 08:00", "12:30 AM",
                       "Email printout", "Verbal + artifact", "'=1", "'+cmd"])
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40).map(lambda s: ILLEGAL_CHARACTERS_RE.sub("", s))
CELL = st.one_of(
    st.none(), TEXT, ODD, st.integers(-10**15, 10**15), st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)), st.times(),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=30)),
    st.sampled_from(["social", "社交媒体", "Phone", "missed: statement", "热度达到：50", "manual", "得分低于：statement x"]),
    st.integers(1, 20000).map(lambda n: "长" * n),
)
START = datetime(2024, 4, 16, 7, tzinfo=timezone(timedelta(hours=8)))


def check(path: Path, target: Path, into: bool = False) -> None:
    try:
        text = build(path, target, into=into)
    except FormatError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.position.line >= 1 and problem.position.column >= 1
            assert str(problem).startswith(f"{problem.path}:") and ": error: " in str(problem)
        return
    target.write_text(text, encoding="utf-8")
    Loader().load_exercise(target)   # what the import accepts, the loader accepts


def workbook(path: Path, header: list, rows: list[list], with_sheets: bool, fields: dict | None = None) -> None:
    book = openpyxl.Workbook()
    page = book.active
    page.title = "MSEL"
    page.append(header)
    for row in rows:
        page.append(row)
    if with_sheets:
        info = book.create_sheet("Scenario")
        info.append(["Field", "Value"])
        given = {"id": "fuzz", "title": "Fuzz", "summary": "…", "language": "zh-CN", "start": START.isoformat(),
                 "duration": "6h", "speed": 60, "heat": None, **(fields or {})}
        for key, label in SCENARIO_FIELDS:
            info.append([Catalog("en")(label), given[key]])
        teams = book.create_sheet("Teams")
        teams.append([Catalog("en")(c.label) for c in TEAMS.columns])
        teams.append(["press", "宣传部", None])
        teams.append(["school", "学校", "x" * 100])
    book.save(path)


@FUZZ
@given(
    header=st.one_of(
        *(st.permutations([Catalog(lang)(column.label) for column in INJECTS.columns]) for lang in ("en", "zh-CN")),
        st.lists(st.sampled_from(HEADERS) | TEXT, min_size=1, max_size=16),
    ),
    rows=st.lists(st.lists(CELL, min_size=0, max_size=16), max_size=8),
    with_sheets=st.booleans(),
    fields=st.dictionaries(st.sampled_from([key for key, _ in SCENARIO_FIELDS]), CELL | st.sampled_from(["{start: 10, half_life: 4h}", "[1, {a: *b}]", "{: :", "1d", "2024-04-16 07:00"]), max_size=3),
)
def test_import_of_generated_workbooks_fails_only_with_positioned_problems(header, rows, with_sheets, fields):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.xlsx"
        workbook(path, header, rows, with_sheets, fields)
        check(path, Path(folder) / "out.yaml")


@FUZZ
@given(
    lines=st.lists(st.lists(st.one_of(TEXT, ODD, st.sampled_from(HEADERS)), max_size=10), max_size=8),
    raw=st.binary(max_size=200),
)
def test_import_of_generated_csv_into_a_scenario_fails_only_with_positioned_problems(lines, raw):
    data = Path(__file__).parent / "data"
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        for name in ("mini.yaml", "rubric.yaml", "statement-rubric.yaml"):
            (folder / name).write_bytes((data / name).read_bytes())
        path = folder / "fuzz.csv"
        with open(path, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([["Offset", "Channel", "To", "Title", "Body"], *lines])
        check(path, folder / "mini.yaml", into=True)
        check(path, folder / "skeleton.yaml")     # an MSEL alone: a new scenario made around it
        with open(path, "w", encoding="utf-8", newline="") as handle:     # as another tool writes it
            csv.writer(handle).writerows([["T+min", "Inject#", "Delivery", "Description", "Player", "Expected Actions", "Date"], *lines])
        check(path, folder / "foreign.yaml")
        path.write_bytes(raw)
        check(path, folder / "mini.yaml", into=True)


@FUZZ
@given(raw=st.binary(max_size=400))
def test_a_random_file_named_xlsx_is_a_positioned_problem(raw):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "junk.xlsx"
        path.write_bytes(b"PK\x03\x04" + raw)
        check(path, Path(folder) / "out.yaml")

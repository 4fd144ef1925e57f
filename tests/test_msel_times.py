"""Times in an MSEL from another tool: each form read for what it means, or refused at its
cell with the forms expected; a bare number is never silently seconds. Also the column
map (--map, --map-file, by letter), --unit, --shift and `drill msel inspect`."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import datetime, time, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest

from drill.formats import Loader
from drill.msel.times import Column, parse_at

START = datetime(2024, 4, 15, 9, 0, tzinfo=timezone(timedelta(hours=8)))   # a Monday, 09:00 +08:00
MINUTES, ELAPSED, CLOCK, EITHER = Column("elapsed", 60), Column("elapsed"), Column("clock"), Column("either")


@pytest.mark.parametrize("written, column, seconds", [
    ("T+5", MINUTES, 300),                         # under a T+min header
    ("T+0:05", EITHER, 300),
    ("+5", MINUTES, 300),
    ("5 min", EITHER, 300),
    ("1 h 30 m", EITHER, 5400),
    ("H+2", EITHER, 7200),
    ("D+1", EITHER, 86400),
    ("D+1 09:00", EITHER, 86400),
    ("J+1 09h00", EITHER, 86400),                  # French, as OpenAEV's sheets write it
    ("Day 1 09:00", EITHER, 0),
    ("Day 2 09:30", EITHER, 86400 + 1800),
    ("9:30 AM", EITHER, 1800),
    ("07:29 PM", EITHER, 10 * 3600 + 29 * 60),
    ("Monday 9:30 AM", EITHER, 1800),
    ("Tuesday 9:30 AM", EITHER, 86400 + 1800),
    ("17/04/2024 08:45", EITHER, 2 * 86400 - 900),
    ("2024-04-15T10:00:00+08:00", EITHER, 3600),   # ISO with an offset
    ("2024-04-15T02:00:00Z", EITHER, 3600),
    ("0900", EITHER, 0),                           # military time
    ("1430", EITHER, 5 * 3600 + 1800),
    ("00:05", ELAPSED, 300),                       # elapsed under an Elapsed / Offset header
    ("00:05", CLOCK, 15 * 3600 + 300),             # a clock time under Clock time: the next day's
    ("+1:30", EITHER, 5400),
    ("1h30m", EITHER, 5400),
    ("04-16 08:45", EITHER, 85500),
    ("2 hours", EITHER, 7200),
    ("5 phút", EITHER, 300),
    ("2 小时", EITHER, 7200),
    (time(9, 30), EITHER, 1800),                   # Excel's time-of-day cell
    (time(0, 5), ELAPSED, 300),                    # ... typed into an elapsed column
    (datetime(2024, 4, 15, 11, 0), EITHER, 7200),  # Excel's date-time cell, on the drill's clock
    (timedelta(minutes=3), EITHER, 180),           # Excel's duration cell
    (12, MINUTES, 720),
    (1.5, Column("elapsed", 3600), 5400),
])
def test_each_time_form_is_read_for_what_it_means(written, column, seconds):
    assert parse_at(written, START, column) == seconds


@pytest.mark.parametrize("written, column, said", [
    (12, EITHER, "a number without a unit"),
    ("12", EITHER, "a number without a unit"),
    ("T+5", EITHER, "a number without a unit"),
    ("00:05", EITHER, "earlier than the start"),   # under a plain Time header: clock or elapsed? asked, not guessed
    ("Day 2", EITHER, "needs a time of day"),
    ("-5", MINUTES, "before the drill starts"),
    ("32/04/2024 08:45", EITHER, "not a date"),
    ("13:00 PM", EITHER, "12-hour clock"),
    ("tomorrow-ish", EITHER, "is not a time: expected an offset"),
])
def test_what_cannot_be_read_is_refused_saying_what_is_expected(written, column, said):
    with pytest.raises(ValueError, match=said):
        parse_at(written, START, column)


def drill(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drill", *args], capture_output=True, text=True, encoding="utf-8")


def write_csv(path: Path, rows: list[list]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_a_bare_number_under_an_unknown_header_is_refused_at_its_cell(tmp_path):
    """The finding: a CSV whose `minute` column says 12 was put at +12 s. Under a plain
    `Time` header the number is refused; under `minute` (or with --unit) it is minutes."""
    sheet = write_csv(tmp_path / "plan.csv", [["Time", "Title", "Channel"], ["12", "First", "email"], ["30", "Second", "phone"]])
    result = drill("msel", "import", str(sheet), "--out", str(tmp_path / "a.yaml"))
    assert result.returncode == 1 and not (tmp_path / "a.yaml").exists() and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith(f"{sheet}:2:1: error: '12' is a number without a unit")
    assert "--unit minutes" in result.stderr and "never taken as seconds" in result.stderr
    result = drill("msel", "import", str(sheet), "--out", str(tmp_path / "b.yaml"), "--unit", "minutes")
    assert result.returncode == 0, result.stderr
    assert [i.at for i in Loader().load_exercise(tmp_path / "b.yaml").scenario.injects] == [720, 1800]
    minute = write_csv(tmp_path / "minute.csv", [["minute", "Title", "Channel"], ["12", "First", "email"]])
    result = drill("msel", "import", str(minute), "--out", str(tmp_path / "c.yaml"))
    assert result.returncode == 0, result.stderr
    assert Loader().load_exercise(tmp_path / "c.yaml").scenario.injects[0].at == 720


def test_shift_moves_every_inject_and_refuses_one_moved_before_the_start(tmp_path):
    sheet = write_csv(tmp_path / "plan.csv", [["T+min", "Title"], ["T+5", "First"], ["T+20", "Second"]])
    result = drill("msel", "import", str(sheet), "--out", str(tmp_path / "a.yaml"), "--shift", "1h")
    assert result.returncode == 0, result.stderr
    assert [i.at for i in Loader().load_exercise(tmp_path / "a.yaml").scenario.injects] == [3900, 4800]
    assert "every inject moved by +1h" in result.stderr
    result = drill("msel", "import", str(sheet), "--out", str(tmp_path / "b.yaml"), "--shift", "-10m")
    assert result.returncode == 1 and result.stderr.startswith(f"{sheet}:2:1: error: moved by --shift, this inject would be 5m before the start")


def test_a_headerless_sheet_maps_by_column_letter_with_a_map_file(tmp_path):
    """OpenAEV's importer maps a sheet's columns by letter; a map file, written once, does the same here."""
    book = openpyxl.Workbook()
    page = book.active
    for row in [["J+0 09h00", "Mail", "Phishing report", "A user forwards a suspicious mail.", "SOC"],
                ["J+0 09h45", "SMS", "Bank SMS", "Customers receive an SMS.", "Comms"],
                ["J+1 10h00", "Press", "Journalist calls", "A journalist asks for a statement.", "Comms"]]:
        page.append(row)
    book.save(tmp_path / "openaev.xlsx")
    mapping = tmp_path / "openaev-map.yaml"
    mapping.write_text("format: drill/msel-map@1\ncolumns: {A: clock, B: channel, C: title, D: body, E: to}\n"
                       "start: 2024-05-06T09:00:00+02:00\n", encoding="utf-8")
    shown = drill("msel", "inspect", str(tmp_path / "openaev.xlsx"), "--map-file", str(mapping))
    assert shown.returncode == 0, shown.stderr
    assert "no header row" in shown.stdout and "Sheet!B1 'B' -> Channel" in shown.stdout
    assert "row 3: T+1d1h | message | comms | Journalist calls" not in shown.stdout and "row 3: T+1d1h | news | comms" in shown.stdout
    result = drill("msel", "import", str(tmp_path / "openaev.xlsx"), "--out", str(tmp_path / "o.yaml"), "--map-file", str(mapping))
    assert result.returncode == 0, result.stderr
    scenario = Loader().load_exercise(tmp_path / "o.yaml").scenario
    assert [(i.at, i.channel, tuple(scenario.recipients(i.to))) for i in scenario.injects] == [
        (0, "email", ("soc",)), (2700, "message", ("comms",)), (86400 + 3600, "news", ("comms",))]
    assert scenario.clock.start.isoformat() == "2024-05-06T09:00:00+02:00"


def test_map_on_the_command_line_and_clear_messages_for_what_is_missing(tmp_path):
    sheet = write_csv(tmp_path / "plan.csv", [["When (min)", "Texte", "Canal"], ["5", "Un message", "Email"]])
    result = drill("msel", "import", str(sheet), "--out", str(tmp_path / "a.yaml"))
    assert result.returncode == 1 and "no table of injects found" in result.stderr and "--map" in result.stderr
    result = drill("msel", "import", str(sheet), "--out", str(tmp_path / "a.yaml"), "--map", "When (min)=offset", "--map", "Texte=body",
                   "--map", "Canal=channel")
    assert result.returncode == 0, result.stderr
    inject = Loader().load_exercise(tmp_path / "a.yaml").scenario.injects[0]
    assert (inject.at, inject.title, inject.channel) == (300, "Un message", "email")
    bad = drill("msel", "import", str(sheet), "--out", str(tmp_path / "b.yaml"), "--map", "Texte=bodyy")
    assert bad.returncode == 2 and "unknown target 'bodyy'" in bad.stderr
    no_time = write_csv(tmp_path / "no-time.csv", [["Title", "Channel"], ["A", "email"]])
    result = drill("msel", "import", str(no_time), "--out", str(tmp_path / "c.yaml"))
    assert result.returncode == 1 and result.stderr.splitlines() == [
        f"{no_time}:1:1: error: no time column: the header row must name an Offset, a Clock time or a Trigger column, or map one, e.g. --map 'T+min=offset'"]
    no_title = write_csv(tmp_path / "no-title.csv", [["Offset", "Channel", "From"], ["+0:05", "email", "x"]])
    result = drill("msel", "import", str(no_title), "--out", str(tmp_path / "d.yaml"))
    assert result.returncode == 1 and "no Title column (nor a Body to make titles from)" in result.stderr and "no a " not in result.stderr


def test_two_columns_read_as_one_are_named_by_their_own_cells(tmp_path):
    sheet = write_csv(tmp_path / "plan.csv", [["Offset", "Title", "Message", "Description"], ["+0:05", "A", "x", "y"]])
    result = drill("msel", "import", str(sheet), "--out", str(tmp_path / "a.yaml"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{sheet}:1:4: error: 'Description' and 'Message' (1:3) are both read as the body column")


def test_a_bad_map_file_is_reported_at_its_line(tmp_path):
    mapping = tmp_path / "m.yaml"
    mapping.write_text("format: drill/msel-map@1\ncolumns:\n  Script: body\n  T+min: offsett\nunit: fortnights\n", encoding="utf-8")
    sheet = write_csv(tmp_path / "plan.csv", [["T+min", "Script"], ["5", "x"]])
    result = drill("msel", "import", str(sheet), "--out", str(tmp_path / "a.yaml"), "--map-file", str(mapping))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{mapping}:4:10: error: unknown target 'offsett' in the map: expected one of "
        "number, id, offset, clock, channel, from, to, title, body, expected, evaluator, when, delay, heat, reveals, opens, notes, ignore",
        f"{mapping}:5:7: error: unknown unit 'fortnights': expected seconds, minutes, hours or days",
    ]


@pytest.mark.parametrize("header", [
    ["Event #", "Scenario Time", "Event Synopsis", "Inject", "Responsible Controller", "Intended Player", "Method",
     "Expected Player Action", "Objective/Capability", "Evaluator Notes"],                                   # HSEEP
    ["序号", "演练时间", "标题", "事件描述", "导调员", "接收对象", "方式", "预期行动", "目标能力", "评估要点"],      # Chinese
    ["STT", "Thời điểm", "Tiêu đề", "Nội dung", "Người điều phối", "Người nhận", "Phương thức", "Hành động mong đợi",
     "Mục tiêu", "Ghi chú đánh giá"],                                                                           # Vietnamese
])
def test_hseep_headers_are_recognised_in_three_languages(tmp_path, header):
    sheet = write_csv(tmp_path / "hseep.csv", [header, ["1", "+0:15", "Rumour spreads", "A post claims the rice is mouldy.", "Ctrl A",
                                                       "Press office", "Phone call", "Call the school; draft a holding line.",
                                                       "Public information", "Holding line within 30 min?"]])
    result = drill("msel", "import", str(sheet), "--out", str(tmp_path / "h.yaml"))
    assert result.returncode == 0, result.stderr
    scenario = Loader().load_exercise(tmp_path / "h.yaml").scenario
    inject = scenario.injects[0]
    assert (inject.at, inject.channel, inject.title, inject.body) == (900, "phone", "Rumour spreads", "A post claims the rice is mouldy.")
    assert [t.name for t in scenario.teams] == ["Press office"] and scenario.recipients(inject.to) == ["press-office"]
    assert "Call the school; draft a holding line." in inject.notes and "Holding line within 30 min?" in inject.notes
    assert f"{header[4]}: Ctrl A" in inject.notes and f"{header[8]}: Public information" in inject.notes   # kept, under their headers


def test_a_skeleton_takes_the_language_of_its_injects(tmp_path):
    zh = write_csv(tmp_path / "zh.csv", [["演练时间", "标题", "事件描述", "预期行动"], ["+0:10", "网帖：食堂大米发霉", "家长发帖", "核实后回应"]])
    result = drill("msel", "import", str(zh), "--out", str(tmp_path / "zh.yaml"))
    assert result.returncode == 0, result.stderr
    scenario = Loader().load_exercise(tmp_path / "zh.yaml").scenario
    assert scenario.language == "zh-CN" and scenario.injects[0].notes == "预期行动：核实后回应"
    vi = write_csv(tmp_path / "vi.csv", [["Thời điểm", "Tiêu đề", "Nội dung"], ["+0:10", "Tin đồn về gạo mốc", "Phụ huynh đăng bài"]])
    result = drill("msel", "import", str(vi), "--out", str(tmp_path / "vi.yaml"))
    assert result.returncode == 0, result.stderr
    assert Loader().load_exercise(tmp_path / "vi.yaml").scenario.language == "vi"


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_inject_notes_round_trip(tmp_path, data_dir, suffix):
    from drill.msel import export_msel

    scenario_file = data_dir / "mini.yaml"
    text = scenario_file.read_text(encoding="utf-8")
    first_id = Loader().load_exercise(scenario_file).scenario.injects[0].id
    scenario_file.write_text(text.replace(f"  - id: {first_id}\n", f"  - id: {first_id}\n    notes: |-\n      Expected: a holding line.\n      =not a formula\n", 1),
                             encoding="utf-8")
    original = Loader().load_exercise(scenario_file).scenario
    export_msel(original, tmp_path / f"m{suffix}")
    result = drill("msel", "import", str(tmp_path / f"m{suffix}"), "--into", str(scenario_file))
    assert result.returncode == 0, result.stderr
    back = Loader().load_exercise(scenario_file).scenario
    assert {i.id: i.notes for i in back.injects} == {i.id: i.notes for i in original.injects}
    assert {i.id: i.notes for i in back.injects}[first_id] == "Expected: a holding line.\n=not a formula"


def test_ids_are_made_valid_from_the_given_ones_and_said(tmp_path):
    sheet = write_csv(tmp_path / "ids.csv", [["Inject ID", "T+min", "Subject", "Method"],
                                             ["A1", "5", "First", "Email"], ["Inject 2", "10", "Second", "Fax"],
                                             ["a1", "15", "Third", "TV news"], ["ok-id", "20", "Fourth", "Phone"]])
    result = drill("msel", "import", str(sheet), "--out", str(tmp_path / "a.yaml"))
    assert result.returncode == 0, result.stderr
    scenario = Loader().load_exercise(tmp_path / "a.yaml").scenario
    assert [(i.id, i.channel) for i in scenario.injects] == [("a1-2", "email"), ("inject-2", "note"), ("a1", "video"), ("ok-id", "phone")]
    assert "ids made valid: A1 -> a1-2, Inject 2 -> inject-2" in result.stderr

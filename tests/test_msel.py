"""MSEL spreadsheets: export and import keep a scenario's meaning; every bad cell is named."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from drill.formats import FormatError, Loader
from drill.formats.library import scenario_path
from drill.msel import export_msel
from drill.msel.read import build

ROOT = Path(__file__).parent.parent
BUNDLED = ["school-food-rumour", "school-food-rumour-en", "district-hot-spot", "district-hot-spot-en"]

TRIGGERS = """\
  - id: low-score
    when: {scored_below: {task: statement, score: 50}}
    delay: 10m
    channel: directive
    from: Mayor's office
    title: Rewrite it
    body: |-
      The statement will not do.
      Rewrite it by noon — 重写。
  - id: high-score
    when: {scored_at_least: {task: statement, score: 80.5}}
    channel: message
    to: [press, school]
    title: Well done
    body: "Line one, with a comma; and a = sign"
    heat: -5
  - id: late-day
    at: 3h45m30s
    channel: note
    title: "=1+1"
    body: Not a formula.
"""


def drill(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drill", *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd)


def meaning(scenario) -> dict:
    """What an inject means: when it fires, to whom, what it says and does."""
    def recipients(inject):
        if inject.to is None and inject.when is not None and inject.when.kind == "missed":
            return None   # the teams that missed
        return tuple(scenario.recipients(inject.to))

    return {
        inject.id: (inject.at, inject.when.model_dump() if inject.when else None, inject.wait, inject.channel,
                    inject.from_, recipients(inject), inject.title, inject.body, inject.heat, tuple(inject.reveals))
        for inject in scenario.injects
    }


def everything_but_injects(scenario) -> dict:
    data = scenario.model_dump(exclude={"injects"})
    for task in data["tasks"]:
        task["opens"] = task["opens"] or 0
        task["teams"] = scenario.recipients(task["teams"])
    return data


@pytest.fixture
def triggers(data_dir: Path) -> Path:
    """The mini drill with an inject of every trigger kind (at, missed, submitted, heat_above,
    manual, scored_below, scored_at_least), a task opened by an inject, and awkward text."""
    path = data_dir / "triggers.yaml"
    text = (data_dir / "mini.yaml").read_text(encoding="utf-8").replace("tasks:\n", TRIGGERS + "tasks:\n", 1)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_drills_round_trip_through_a_workbook(tmp_path, name):
    original = Loader().load_exercise(scenario_path(name)).scenario
    sheet = export_msel(original, tmp_path / f"{name}.xlsx")
    result = drill("msel", "import", str(sheet), "--out", str(tmp_path / "back.yaml"))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "back.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert drill("validate", str(tmp_path / "back.yaml")).returncode == 0
    back = Loader().load_exercise(tmp_path / "back.yaml").scenario
    assert meaning(back) == meaning(original)
    assert everything_but_injects(back) == everything_but_injects(original)


def test_every_trigger_kind_round_trips_through_xlsx_and_csv(tmp_path, triggers):
    original = Loader().load_exercise(triggers).scenario
    assert {i.when.kind for i in original.injects if i.when} == {"missed", "submitted", "heat_above", "manual", "scored_below", "scored_at_least"}
    export_msel(original, tmp_path / "t.xlsx")
    out = triggers.parent / "from-xlsx.yaml"
    build_and_write(tmp_path / "t.xlsx", out)
    assert meaning(Loader().load_exercise(out).scenario) == meaning(original)
    export_msel(original, tmp_path / "t.csv")
    into = triggers.parent / "into.yaml"
    into.write_text(triggers.read_text(encoding="utf-8").replace("injects:\n", "# Injects follow.\ninjects:\n"), encoding="utf-8")
    result = drill("msel", "import", str(tmp_path / "t.csv"), "--into", str(into))
    assert result.returncode == 0, result.stderr
    assert meaning(Loader().load_exercise(into).scenario) == meaning(original)


def build_and_write(sheet: Path, out: Path) -> None:
    result = drill("msel", "import", str(sheet), "--out", str(out))
    assert result.returncode == 0, result.stderr


def test_workbook_rows_read_back_as_written(tmp_path):
    """The .xlsx opened back: a title row, a frozen header, and one row per inject in time order."""
    scenario = Loader().load_exercise(scenario_path("school-food-rumour")).scenario
    export_msel(scenario, tmp_path / "zh.xlsx")
    book = openpyxl.load_workbook(tmp_path / "zh.xlsx")
    assert book.sheetnames == ["情景事件清单", "演练信息", "小组", "任务", "事实"]
    page = book["情景事件清单"]
    assert scenario.title in page["A1"].value and page.freeze_panes == "A3"
    header = [cell.value for cell in page[2]]
    assert header[:4] == ["序号", "编号", "演练时间（+时:分）", "时刻"]
    rows = [[cell.value for cell in row] for row in page.iter_rows(min_row=3)]
    assert len(rows) == len(scenario.injects)
    first = rows[0]
    assert first[1:5] == ["first-post", "+0:00", "07:00", "社交媒体"]
    timed = [r[2] for r in rows if r[2]]
    minutes = [int(t[1:].split(":")[0]) * 60 + int(t.split(":")[1]) for t in timed]
    assert minutes == sorted(minutes)
    assert page.column_dimensions["I"].width >= 40 and page.cell(3, 9).alignment.wrap_text
    assert {r[1] for r in rows} == {i.id for i in scenario.injects}
    assert [c.value for c in book["小组"]["B"][1:]] == [t.name for t in scenario.teams]


def _hand_made(path: Path, rows: list[list], teams: bool = True) -> None:
    """A workbook as a person makes it: Chinese headers, a merged title row, clock times, an empty row."""
    book = openpyxl.Workbook()
    page = book.active
    page.title = "演练脚本"
    page.append(["江川市舆情演练 情景事件清单"])
    page.merge_cells("A1:G1")
    page.append(["时间", "渠道", "接收对象", "标题", "事件描述", "备注", "热度"])
    for row in rows:
        page.append(row)
    info = book.create_sheet("演练信息")
    for row in [["项目", "内容"], ["编号", "hand-made"], ["标题", "手工表格"], ["概要", "一份手工做的表格"],
                ["语言", "zh-CN"], ["开始时间", "2024-04-16T08:00:00+08:00"], ["时长", "20h"]]:
        info.append(row)
    if teams:
        squad = book.create_sheet("小组")
        for row in [["编号", "名称"], ["press", "宣传部"], ["school", "学校"]]:
            squad.append(row)
    book.save(path)


def test_a_hand_made_chinese_workbook_imports(tmp_path):
    from datetime import time, timedelta

    _hand_made(tmp_path / "hand.xlsx", [
        ["08:45", "社交媒体", "全部", "网帖：食堂大米发霉", "家长发帖称……", "真实案例改编", 20],
        [None, None, None, None, None, None, None],
        [time(9, 30), "电话", "宣传部、学校", "记者来电", "《江川晚报》记者询问", None, None],
        ["+2:00", "Email", "school", "检测结果", "留样检测合格", None, "-10"],
        [timedelta(hours=3), "新闻", "全部", "晚报", "一篇报道", None, None],   # an Excel duration cell
        ["04-17 01:00", "note", "press", "次日凌晨", "夜间情况", None, None],
    ])
    result = drill("msel", "import", str(tmp_path / "hand.xlsx"), "--out", str(tmp_path / "hand.yaml"))
    assert result.returncode == 0, result.stderr
    assert drill("validate", str(tmp_path / "hand.yaml")).returncode == 0
    scenario = Loader().load_exercise(tmp_path / "hand.yaml").scenario
    got = [(i.at, i.channel, scenario.recipients(i.to), i.title, i.heat) for i in scenario.injects]
    assert got == [
        (2700, "social", ["press", "school"], "网帖：食堂大米发霉", 20),
        (5400, "phone", ["press", "school"], "记者来电", 0),
        (7200, "email", ["school"], "检测结果", -10),
        (10800, "news", ["press", "school"], "晚报", 0),
        (17 * 3600, "note", ["press"], "次日凌晨", 0),
    ]
    assert [i.id for i in scenario.injects] == ["inject-1", "inject-2", "inject-3", "inject-4", "inject-5"]


def test_each_bad_cell_is_reported_at_its_cell_and_nothing_is_written(tmp_path):
    _hand_made(tmp_path / "bad.xlsx", [
        ["08:45", "飞鸽传书", "全部", "网帖", "……", None, None],       # row 3: unknown channel
        ["明天早上", "电话", "全部", "记者来电", "……", None, None],      # row 4: bad time
        ["09:00", "电话", "宣传部、公安局", "通报", "……", None, None],   # row 5: unknown team
        ["09:30", "电话", "全部", None, "……", None, None],               # row 6: missing title
        ["09:40", "电话", "全部", "热度", "……", None, "很高"],           # row 7: heat not a number
    ])
    out = tmp_path / "bad.yaml"
    result = drill("msel", "import", str(tmp_path / "bad.xlsx"), "--out", str(out))
    assert result.returncode == 1 and not out.exists()
    lines = result.stderr.splitlines()
    where = [line.split(": error: ")[0].removeprefix(f"{tmp_path / 'bad.xlsx'}:") for line in lines]
    assert where == ["演练脚本!B3", "演练脚本!A4", "演练脚本!C5", "演练脚本!D6", "演练脚本!G7"], result.stderr
    assert "unknown channel '飞鸽传书'" in lines[0] and "not a time" in lines[1]
    assert "unknown team '公安局'" in lines[2] and "missing title" in lines[3] and "很高" in lines[4]
    assert "Traceback" not in result.stderr


def test_csv_problems_name_line_and_column(tmp_path, data_dir):
    path = tmp_path / "bad.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Time", "Channel", "To", "Title", "Description"])
        writer.writerow(["+0:10", "social", "all", "Post", "A body\nover two lines"])
        writer.writerow(["+0:20", "pigeon", "nobody", "", ""])
    into = data_dir / "mini.yaml"
    before = into.read_text(encoding="utf-8")
    result = drill("msel", "import", str(path), "--into", str(into))
    assert result.returncode == 1 and into.read_text(encoding="utf-8") == before
    assert result.stderr.splitlines() == [
        f"{path}:4:2: error: unknown channel 'pigeon': expected one of social, news, phone, email, message, directive, video, note, by id or by name in English or Chinese",
        f"{path}:4:3: error: unknown team 'nobody': expected team ids or names (press, school), or 'all'",
        f"{path}:4:4: error: missing title: every inject needs one",
        f"{into}:87:18: error: unknown inject 'journalist' (known: inject-1, inject-2)",   # a task opens after it
    ]


def test_into_replaces_only_the_injects_and_keeps_comments(tmp_path, data_dir):
    into = data_dir / "mini.yaml"
    text = into.read_text(encoding="utf-8")
    text = "# My drill, kept.\n" + text.replace("teams:\n", "# The two teams.\nteams:\n").replace("tasks:\n", "# Tasks below, kept.\ntasks:\n")
    text = text.replace("  - id: lab\n", "  # this comment is inside the injects and goes\n  - id: lab\n")
    into.write_text(text, encoding="utf-8")
    scenario = Loader().load_exercise(into).scenario
    export_msel(scenario, tmp_path / "mini.xlsx")
    book = openpyxl.load_workbook(tmp_path / "mini.xlsx")
    page = book["MSEL"]
    page["H3"] = "Mouldy rice? (edited in the sheet)"
    book.save(tmp_path / "mini.xlsx")
    result = drill("msel", "import", str(tmp_path / "mini.xlsx"), "--into", str(into))
    assert result.returncode == 0, result.stderr
    after = into.read_text(encoding="utf-8")
    for kept in ("# My drill, kept.\n", "# The two teams.\nteams:\n", "# Tasks below, kept.\ntasks:\n"):
        assert kept in after
    assert "inside the injects" not in after
    assert after.split("injects:")[0] == text.split("injects:")[0]
    assert after.split("# Tasks below, kept.")[1] == text.split("# Tasks below, kept.")[1]
    back = Loader().load_exercise(into).scenario
    assert back.injects[0].title == "Mouldy rice? (edited in the sheet)"
    assert {k: v for k, v in meaning(back).items() if k != "post"} == {k: v for k, v in meaning(scenario).items() if k != "post"}


def test_out_refuses_to_overwrite_and_export_checks_the_suffix(tmp_path, data_dir):
    export_msel(Loader().load_exercise(data_dir / "mini.yaml").scenario, tmp_path / "m.xlsx")
    result = drill("msel", "import", str(tmp_path / "m.xlsx"), "--out", str(data_dir / "mini.yaml"))
    assert result.returncode == 1 and "use --into" in result.stderr
    assert drill("msel", "export", "mini", "--out", str(tmp_path / "m.ods")).returncode == 2


def test_a_file_that_is_not_a_workbook_is_a_positioned_error(tmp_path):
    path = tmp_path / "junk.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(FormatError) as failure:
        build(path, tmp_path / "x.yaml")
    assert str(failure.value.problems[0]).startswith(f"{path}:1:1: error: not a readable .xlsx workbook")


def test_conditions_and_times_in_chinese_words(tmp_path, data_dir):
    path = tmp_path / "zh.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["触发条件", "延迟", "渠道", "标题", "内容", "演练时间", "编号", "热度"])
        writer.writerow(["逾期未交：statement", "0:05", "电话", "催稿", "市长办公室来电", "", "", ""])
        writer.writerow(["热度达到 50", "", "视频", "视频", "……", "", "", ""])
        writer.writerow(["得分低于：Public statement 40", "1h", "指示", "重写", "……", "", "", ""])
        writer.writerow(["手动", "", "电话", "记者", "……", "", "journalist", ""])
        writer.writerow(["", "", "新闻", "早间新闻", "……", "1h30m", "", "60"])
    result = drill("msel", "import", str(path), "--into", str(data_dir / "mini.yaml"))
    assert result.returncode == 0, result.stderr
    scenario = Loader().load_exercise(data_dir / "mini.yaml").scenario
    assert [(i.when.model_dump(exclude_none=True) if i.when else i.at, i.wait) for i in scenario.injects] == [
        ({"missed": "statement"}, 300), ({"heat_above": 50}, 0),
        ({"scored_below": {"task": "statement", "score": 40.0}}, 3600), ({"manual": True}, 0), (5400, 0),
    ]


def test_no_header_spelling_names_two_columns_of_one_sheet():
    from drill.msel.columns import SHEETS

    for sheet in SHEETS:
        seen: dict[str, str] = {}
        for column in sheet.columns:
            for name in column.names():
                assert seen.setdefault(name, column.key) == column.key, (sheet.kind, name, seen[name], column.key)
    names = [name for sheet in SHEETS for name in sheet.names()]
    assert len(names) == len(set(names))


def test_into_keeps_a_file_s_windows_line_endings(tmp_path, data_dir):
    into = data_dir / "mini.yaml"
    into.write_bytes(into.read_bytes().replace(b"\n", b"\r\n"))
    export_msel(Loader().load_exercise(into).scenario, tmp_path / "m.csv")
    result = drill("msel", "import", str(tmp_path / "m.csv"), "--into", str(into))
    assert result.returncode == 0, result.stderr
    raw = into.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n") and b"injects:\r\n" in raw
    assert len(Loader().load_exercise(into).scenario.injects) == 6


# A phrasing per language, each with a comma in it: a phrasing is a sentence, and stays one.
PHRASINGS = {"zh-CN": ["批次大米已于4月15日封存，未流入食堂", "没有学生因此就医"],
             "en": ["the batch was sealed on 15 April, before any of it was served", "no pupil needed a doctor"],
             "vi": ["khoản tài trợ, do Ban đại diện tự đề ra, đã bị dừng", "không em nào phải đi khám"]}


def with_fact_fields(name: str, folder: Path) -> Path:
    """A bundled drill whose facts use `phrasings`, `pending`, `established_by`, `half_truths` and `whole_truth`."""
    import yaml

    data = yaml.safe_load(scenario_path(name).read_text(encoding="utf-8"))
    facts = data["facts"]
    facts[0].update(phrasings=PHRASINGS[data.get("language", "en")], pending=True)
    facts[1]["pending"] = True
    facts[2]["established_by"] = "gate-gathering"
    facts[3].update(pending=True, established_by="gate-gathering", phrasings=PHRASINGS[data.get("language", "en")][:1])
    facts[4].update(half_truths=PHRASINGS[data.get("language", "en")][1:], whole_truth=facts[4]["keywords"][:2])
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", BUNDLED)
def test_facts_keep_phrasings_pending_and_established_by_through_a_workbook(tmp_path, name):
    """Export then import: every fact as it was, the optional fields included, in a
    Chinese, an English and a Vietnamese drill; the bundled drills as they are, too."""
    for source in (scenario_path(name), with_fact_fields(name, tmp_path)):
        original = Loader().load_exercise(source).scenario
        sheet = export_msel(original, tmp_path / f"{name}.xlsx")
        back_path = tmp_path / f"back-{source.parent.name}.yaml"
        build_and_write(sheet, back_path)
        back = Loader().load_exercise(back_path).scenario
        assert [f.model_dump() for f in back.facts] == [f.model_dump() for f in original.facts]
    assert any(f.pending for f in back.facts) and any(f.established_by for f in back.facts) and any(f.phrasings for f in back.facts)
    # A CSV holds the injects only: imported --into the scenario, the facts are the file's own, untouched.
    export_msel(original, tmp_path / f"{name}.csv")
    result = drill("msel", "import", str(tmp_path / f"{name}.csv"), "--into", str(source))
    assert result.returncode == 0, result.stderr
    assert [f.model_dump() for f in Loader().load_exercise(source).scenario.facts] == [f.model_dump() for f in original.facts]


def test_a_drill_scores_the_same_after_a_workbook_round_trip(tmp_path):
    """The facts sheet carries what scoring reads: a rehearsal of the re-imported drill scores as
    one of the drill it came from (pending facts, facts established by an inject, phrasings),
    and the fields matter: the drill without them scores otherwise."""
    import json

    original = with_fact_fields("school-food-rumour", tmp_path)
    export_msel(Loader().load_exercise(original).scenario, tmp_path / "sheet.xlsx")
    back = tmp_path / "back.yaml"
    build_and_write(tmp_path / "sheet.xlsx", back)
    scores = []
    for scenario in (original, back, scenario_path("school-food-rumour")):
        session = tmp_path / f"{scenario.stem}-{len(scores)}.drill"
        played = drill("simulate", str(scenario), "--responses", str(ROOT / "docs/examples/school-food-rumour-good.yaml"), "--session", str(session))
        assert played.returncode == 0, played.stderr
        scores.append(json.loads(drill("score", str(session), "--json").stdout))
    assert scores[0] == scores[1]
    assert scores[0] != scores[2]


def test_a_pending_cell_reads_yes_or_no_in_any_language_and_names_a_bad_one(tmp_path, data_dir):
    scenario = Loader().load_exercise(with_fact_fields("school-food-rumour-en", tmp_path)).scenario
    export_msel(scenario, tmp_path / "f.xlsx")
    book = openpyxl.load_workbook(tmp_path / "f.xlsx")
    page = book["Facts"]
    header = [cell.value for cell in page[1]]
    assert header[4:] == ["Phrasings", "Pending (not established)", "Established by inject", "Half-truths", "Whole truth"]
    assert [c.value for c in page["F"][1:4]] == ["yes", "yes", None] and page["G4"].value == "gate-gathering"
    page["F2"], page["F3"], page["F4"] = "是", "no", True
    book.save(tmp_path / "f.xlsx")
    build_and_write(tmp_path / "f.xlsx", tmp_path / "f.yaml")
    assert [f.pending for f in Loader().load_exercise(tmp_path / "f.yaml").scenario.facts[:4]] == [True, False, True, True]
    page["F2"] = "maybe"
    book.save(tmp_path / "f.xlsx")
    result = drill("msel", "import", str(tmp_path / "f.xlsx"), "--out", str(tmp_path / "g.yaml"))
    assert result.returncode == 1 and not (tmp_path / "g.yaml").exists()
    assert result.stderr.startswith(f"{tmp_path / 'f.xlsx'}:Facts!F2: error: 'maybe' is not yes or no"), result.stderr

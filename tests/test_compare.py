"""`drill compare`: three rehearsals of the bundled drill side by side, checked against `drill score`
of each; versions of a scenario; another scenario refused; trends; Vietnamese."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from drill.formats import Loader
from drill.formats.library import scenario_path
from drill.i18n import Catalog

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "docs" / "examples"
MIXED = ROOT / "tests" / "data" / "school-food-rumour-mixed.yaml"


def drill(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drill", *args], capture_output=True, text=True, encoding="utf-8")


def simulate(folder: Path, name: str, responses: Path, scenario: str = "school-food-rumour") -> Path:
    session = folder / f"{name}.drill"
    result = drill("simulate", scenario, "--responses", str(responses), "--session", str(session))
    assert result.returncode == 0, result.stderr
    return session


@pytest.fixture(scope="module")
def rehearsals(tmp_path_factory) -> list[Path]:
    """Good, poor and mixed, in the order they were run."""
    folder = tmp_path_factory.mktemp("compare")
    return [simulate(folder, "good", EXAMPLES / "school-food-rumour-good.yaml"),
            simulate(folder, "poor", EXAMPLES / "school-food-rumour-bad.yaml"),
            simulate(folder, "mixed", MIXED)]


@pytest.fixture(scope="module")
def compared(rehearsals, tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("out")
    result = drill("compare", *map(str, rehearsals), "--out", str(out), "--format", "md", "--format", "html")
    assert result.returncode == 0, result.stderr
    assert (out / "compare.html").is_file()
    return (out / "compare.md").read_text(encoding="utf-8")


def edited_copy(session: Path, folder: Path) -> Path:
    """A copy of a run with its submissions edited behind drill's back (its chain breaks)."""
    import sqlite3

    edited = folder / "edited.drill"
    edited.write_bytes(session.read_bytes())
    db = sqlite3.connect(edited)
    db.execute("UPDATE events SET data = replace(data, '纯属谣言', '正在核查') WHERE type = 'submit'")
    db.commit()
    db.close()
    return edited


def table_after(markdown: str, heading: str) -> list[list[str]]:
    """The rows of the first table under a heading, as cells (the header row first)."""
    part = markdown.split(heading + "\n", 1)[1]
    rows = []
    for line in part.splitlines():
        if line.startswith("|"):
            cells = [cell.strip().replace("\\", "") for cell in line.strip("|").split("|")]
            if not all(set(cell) <= {"-"} for cell in cells):
                rows.append(cells)
        elif rows:
            break
    return rows


def columns(rows: list[list[str]]) -> dict[str, dict[str, str]]:
    """A table with a row per run: run label -> column heading -> cell."""
    return {row[0]: dict(zip(rows[0], row)) for row in rows[1:]}


def test_each_teams_score_per_task_is_what_drill_score_gives(rehearsals, compared):
    t = Catalog("zh-CN")
    scenario = Loader().load_exercise(scenario_path("school-food-rumour")).scenario
    short = {task.id: task.short_title or task.title for task in scenario.tasks}
    for number, session in enumerate(rehearsals, 1):
        scores = json.loads(drill("score", str(session), "--json").stdout)
        for team in scores["teams"]:
            row = columns(table_after(compared, f"### {team['name']}"))[f"{number}. {session.stem}"]
            for task in team["tasks"]:
                cell = row[short[task["task"]]]
                assert cell.startswith(f"{t.number(task['score'])} {task['rating']}"), (team["team"], task["task"], cell)
                if task["submitted_at"] is None:
                    assert "未提交" in cell
            assert row["总分"] == f"{t.number(team['total'])} {team['rating']}"


def test_heat_and_first_statement_are_read_from_each_log(rehearsals, compared):
    overview = columns(table_after(compared, "## 概览"))
    for number, session in enumerate(rehearsals, 1):
        row = overview[f"{number}. {session.stem}"]
        events = [json.loads(line) for line in drill("log", str(session), "--json").stdout.splitlines()]
        peak = max(e["value"] for e in events if e["type"] == "heat" and "team" not in e)
        assert row["热度峰值"] == f"{peak:.0f}"
        statements = [e["at"] for e in events if e["type"] == "submit" and e["task"] == "statement"]
        hours, minutes = divmod(int(min(statements)) // 60, 60)
        assert row["首次发布通稿"].endswith(f"(+{hours}:{minutes:02d})")


def test_injects_each_run_triggered_match_the_log(rehearsals, compared):
    rows = table_after(compared, "## 各次演练触发的情况")
    for column, session in enumerate(rehearsals, 1):
        events = [json.loads(line) for line in drill("log", str(session), "--json").stdout.splitlines()]
        fired = sum(1 for e in events if e["type"] == "inject")
        assert sum(1 for row in rows[1:] if row[column] != "—") == fired
    # The poor rehearsal's stonewalling statement set off the second wave of opinion; the good one did not.
    second = next(row for row in rows if row[0].startswith("二次舆情"))
    assert "（分支）" in second[0] or "(分支)" in second[0]
    assert second[1] == "—" and second[2] != "—"


def test_what_changed_most_and_trends(compared):
    changed = compared.split("## 各次演练之间变化最大的", 1)[1].split("##", 1)[0]
    assert "（good → poor）" in changed or "(good → poor)" in changed
    trends = compared.split("## 各部门的变化趋势", 1)[1]
    # From the first run to the last: the market bureau answered well in the good run, badly in the mixed one.
    market = trends.split("### 市市场监督管理局", 1)[1].split("###", 1)[0]
    assert "退步最大" in market and "进步最大" not in market
    propaganda = trends.split("### 市委宣传部（市委网信办）", 1)[1].split("###", 1)[0]
    assert "最大" not in propaganda and "| 0 | 100 |" in propaganda   # good, poor, mixed: back where it was


def test_experts_ratings_are_listed_per_team(compared):
    rows = columns(table_after(compared, "## 专家评定"))
    assert [rows[run]["市委宣传部（市委网信办）"] for run in ("1. good", "2. poor", "3. mixed")] == ["2项 · 100%", "2项 · 12%", "2项 · 100%"]


def test_a_session_of_another_scenario_is_refused(rehearsals, tmp_path):
    other = simulate(tmp_path, "phuong", EXAMPLES / "district-hot-spot-good.yaml", "district-hot-spot")
    result = drill("compare", str(rehearsals[0]), str(other), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert f"{other}: a session of another scenario (district-hot-spot), not of school-food-rumour" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_one_run_given_twice_is_refused(rehearsals, tmp_path):
    """The same file twice, two names of one file, or a copy of it (the same record) is one run
    compared with itself: refused in a line naming both files, exit 1, nothing written."""
    good, poor, _ = rehearsals
    link, copy = tmp_path / "link.drill", tmp_path / "copy.drill"
    link.symlink_to(good)
    copy.write_bytes(good.read_bytes())
    final = drill("verify", str(good)).stdout.rsplit("final digest ", 1)[1].strip()
    out = tmp_path / "out"
    for given, said in (
        ((good, poor, good), f"{good}: the same session file as {good}; compare different runs, each once"),
        ((good, poor, good.parent / ".." / good.parent.name / good.name), f"the same session file as {good}"),
        ((link, poor, good), f"{good}: the same session file as {link}"),
        ((copy, poor, good), f"{good}: a copy of the session {copy} (the same record: final digest {final}); compare different runs, each once"),
    ):
        result = drill("compare", *map(str, given), "--out", str(out), "--format", "md")
        assert result.returncode == 1 and not out.exists()
        assert len(result.stderr.strip().splitlines()) == 1 and said in result.stderr
    refused = drill("report", str(good), "--against", str(copy), "--out", str(out), "--format", "md")
    assert refused.returncode == 1 and "a copy of the session" in refused.stderr


def test_a_changed_copy_is_another_record_and_two_copies_of_it_one(rehearsals, tmp_path):
    """A session edited behind drill's back has no intact chain to tell it by: it differs from the
    run it was copied from (and compares, said to be changed), and a copy of it is the same run."""
    from drill.compare import CompareError, read_runs

    edited, twin = edited_copy(rehearsals[1], tmp_path), tmp_path / "twin.drill"
    twin.write_bytes(edited.read_bytes())
    assert len(read_runs([rehearsals[1], edited])) == 2
    with pytest.raises(CompareError, match=f"^{re.escape(str(twin))}: a copy of the session {re.escape(str(edited))} "
                                           r"\(the same record: \d+ events, the same ones\)"):
        read_runs([edited, twin])


def test_versions_of_a_scenario_are_matched_by_ids_and_what_differs_is_said(rehearsals, tmp_path):
    text = (ROOT / "scenarios" / "school-food-rumour.yaml").read_text(encoding="utf-8")
    extra = ("  - id: hotline-call\n    at: 30m\n    channel: phone\n    title: 家长热线：“米到底有没有问题？”\n"
             "    body: 一位家长打来电话询问。\n\n")
    changed = text.replace("title: 校园食品安全网络舆情应对处置演练", "title: 校园食品安全舆情演练（第二版）", 1).replace("injects:\n", "injects:\n" + extra, 1)
    version = tmp_path / "school-food-rumour.yaml"
    version.write_text(changed, encoding="utf-8")
    second = simulate(tmp_path, "v2", EXAMPLES / "school-food-rumour-good.yaml", str(version))
    out = tmp_path / "out"
    result = drill("compare", str(rehearsals[0]), str(second), "--out", str(out), "--format", "md")
    assert result.returncode == 0, result.stderr
    markdown = (out / "compare.md").read_text(encoding="utf-8")
    versions = markdown.split("## 演练脚本的版本", 1)[1].split("##", 1)[0]
    assert "v2有而good没有的情况：家长热线" in versions.replace("\\", "")
    assert "good的标题为" in versions


def test_vietnamese_runs_compare_in_vietnamese(tmp_path):
    good = simulate(tmp_path, "phường-tốt", EXAMPLES / "district-hot-spot-good.yaml", "district-hot-spot")
    bad = simulate(tmp_path, "phường-kém", EXAMPLES / "district-hot-spot-bad.yaml", "district-hot-spot")
    out = tmp_path / "out"
    result = drill("compare", str(good), str(bad), "--out", str(out), "--format", "md", "--format", "docx")
    assert result.returncode == 0, result.stderr
    markdown = (out / "compare.md").read_text(encoding="utf-8")
    assert "# So sánh các lần diễn tập" in markdown and "## Xu hướng theo đơn vị" in markdown
    assert "1. phường-tốt" in markdown and "Độ nóng cao nhất" in markdown
    assert re.search(r"\d+,\d", markdown)   # a decimal comma
    assert (out / "compare.docx").stat().st_size > 10_000


def test_the_report_sets_an_earlier_run_beside_this_one(rehearsals, tmp_path):
    good, poor, _ = rehearsals
    out = tmp_path / "out"
    result = drill("report", str(good), "--against", str(poor), "--out", str(out), "--format", "md")
    assert result.returncode == 0, result.stderr
    markdown = (out / "report.md").read_text(encoding="utf-8")
    section = markdown.split("## 与之前的一次演练对照：poor", 1)[1].split("\n## ", 1)[0]
    assert "上一组在 14:00 发布了第一份通稿；你们在 13:00。" in section
    totals = [{team["team"]: team["total"] for team in json.loads(drill("score", str(run), "--json").stdout)["teams"]} for run in (poor, good)]
    t = Catalog("zh-CN")
    before, after = (t.number(scores["propaganda"]) for scores in totals)
    assert f"市委宣传部（市委网信办）：上一次总分 {before}，这一次 {after}" in section.replace("\\", "")
    other = simulate(tmp_path, "phuong", EXAMPLES / "district-hot-spot-bad.yaml", "district-hot-spot")
    refused = drill("report", str(good), "--against", str(other), "--out", str(out), "--format", "md")
    assert refused.returncode == 1 and "a session of another scenario" in refused.stderr


async def test_the_presenter_shows_an_earlier_run_beside_this_one(tmp_path):
    from textual.widgets import Static

    from drill.compare import read
    from drill.tui.against import AgainstPane
    from drill.tui.debrief import DebriefApp
    from drill.whatif import read_run

    now = simulate(tmp_path, "lần-này", EXAMPLES / "district-hot-spot-good.yaml", "district-hot-spot")
    before = simulate(tmp_path, "lần-trước", EXAMPLES / "district-hot-spot-bad.yaml", "district-hot-spot")
    app = DebriefApp(read_run(now), "vi", None, (read(now, "vi"), read(before, "vi")))
    async with app.run_test(size=(180, 50)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(AgainstPane)
        shown = "\n".join(str(static.render()) for static in pane.query(Static))
        assert "Bên cạnh một lần diễn tập trước: lần-trước" in shown
        assert "Nhóm trước đăng thông cáo đầu tiên lúc" in shown and "các bạn lúc" in shown
        assert "Lúc 07:00: nhóm trước độ nóng" in shown   # where both runs stood at the moment shown
        await pilot.press("end")   # the presenter still steps through the timeline beside it
        await pilot.pause()
        moment = str(app.screen.query_one("#debrief-against-moment", Static).render())
        assert moment.startswith("Lúc 19:00") and moment.endswith("đã nộp 17/17 bài.")


def test_many_runs_get_a_row_each_and_summed_up_injects_and_criteria(rehearsals, tmp_path):
    """Beyond 6 runs a column per run would not fit a page: nine runs (each rehearsal played three
    times) give injects as "fired in k / 9" and criteria as first, last, lowest, highest."""
    again = [simulate(tmp_path, f"{session.stem}-{n}", responses)
             for n in (2, 3) for session, responses in zip(rehearsals, (EXAMPLES / "school-food-rumour-good.yaml", EXAMPLES / "school-food-rumour-bad.yaml", MIXED))]
    out = tmp_path / "out"
    result = drill("compare", *map(str, rehearsals + again), "--out", str(out), "--format", "md")
    assert result.returncode == 0, result.stderr
    markdown = (out / "compare.md").read_text(encoding="utf-8")
    injects = table_after(markdown, "## 各次演练触发的情况")
    assert injects[0] == ["内容", "触发次数", "触发的演练（编号）"]
    second = next(row for row in injects if row[0].startswith("二次舆情"))
    assert second[1] == "3 / 9"
    market = table_after(markdown.split("## 各部门的变化趋势", 1)[1], "### 市市场监督管理局")
    assert market[0] == ["评分项", "第一次", "最近一次", "最低", "最高"]
    assert len(columns(table_after(markdown, "## 概览"))) == 9


def test_the_browser_presenter_is_given_the_earlier_run(tmp_path):
    """`drill debrief SESSION --against EARLIER --web-port N` runs the same presenter per browser tab."""
    import shlex

    from drill.net.pages import DebriefPages

    pages = DebriefPages(tmp_path / "lần-này.drill", "127.0.0.1", 8999, language="vi", against=tmp_path / "lần-trước.drill")
    parts = shlex.split(pages.command)
    assert parts[parts.index("--against") + 1] == str((tmp_path / "lần-trước.drill").resolve())
    assert parts[parts.index("debrief") + 1] == str((tmp_path / "lần-này.drill").resolve())


def test_only_the_store_computes_or_checks_the_chain():
    """The hash chain is the store's business alone (ARCHITECTURE.md)."""
    outside = [path for path in (ROOT / "drill").rglob("*.py")
               if "store" not in path.relative_to(ROOT / "drill").parts
               and re.search(r"\bchain\.(link|genesis|check)\b|from \.+store\.chain import (link|genesis|check)", path.read_text(encoding="utf-8"))]
    assert outside == []


def test_a_run_whose_record_was_changed_says_so_in_the_runs_table(rehearsals, tmp_path):
    edited = edited_copy(rehearsals[1], tmp_path)
    out = tmp_path / "out"
    assert drill("compare", str(rehearsals[0]), str(edited), "--out", str(out), "--format", "md").returncode == 0
    runs = {row[1]: row for row in table_after((out / "compare.md").read_text(encoding="utf-8"), "## 参与对比的演练")[1:]}
    assert re.fullmatch(r"第\d+个事件被改动：本次数据不可信（见 drill verify）", runs["edited"][3])
    assert re.fullmatch(r"[0-9a-f]{64}", runs["good"][3])

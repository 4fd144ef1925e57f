"""The console's activity log and fire dialog say who things are for, once: a task opening names
its teams; a condition that fires an inject at once is not logged beside its delivery; a
conditional inject in the fire dialog names the teams it would reach, not "all teams"."""

from __future__ import annotations

from pathlib import Path

from drill.engine import Clock
from drill.formats import Loader
from drill.formats.library import bundled
from drill.sessions import create
from drill.tui.app import DrillApp


def at_minute(tmp_path: Path, scenario: str, minutes: float = 0):
    """A new session of a bundled drill, its clock started and moved to `minutes` in-world
    (a clock that moves only when told); returns the session and a function to move it on."""
    exercise = Loader().load_exercise(bundled("scenarios") / f"{scenario}.yaml")
    real = [0.0]
    session = create(exercise, tmp_path / f"{scenario}.drill", Clock(exercise.scenario.clock.speed, real=lambda: real[0]))

    def move(to: float) -> None:
        real[0] = to * 60 / session.clock.speed
        session.tick()

    if minutes:
        session.start()
        move(minutes)
    return session, move


def log_lines(app) -> list[str]:
    """The log's entries, each put back together from the rows it wraps onto (spaces left out,
    as where a row breaks depends on the width)."""
    rows = [str(line.text).rstrip() for line in app.screen.query_one("#activity").lines]
    entries: list[str] = []
    for row in rows:
        if row[:2].isdigit() and row[2:3] == ":":
            entries.append(row)
        elif entries:
            entries[-1] += row
    return ["".join(entry.split()) for entry in entries]


async def test_the_log_names_who_a_task_opens_for_and_says_each_inject_once(tmp_path: Path):
    session, move = at_minute(tmp_path, "school-food-rumour")
    app = DrillApp(session, language="zh-CN", live=False)
    async with app.run_test(size=(200, 60)) as pilot:
        session.start()
        move(95)   # 08:35: the assessment was missed, the reminder went out at once
        await pilot.pause()
        app.screen.refresh_live()
        await pilot.pause()
        lines = log_lines(app)
        assert "07:00任务开放：舆情研判与定级（08:30截止）→全部小组" in lines
        assert "08:15任务开放：快报事实：初步情况报告（09:15截止）→市教育局、江川市第三实验小学" in lines
        reminder = [line for line in lines if "催报：尚未收到你单位的研判定级意见" in line]
        assert reminder == ["08:30［指示］催报：尚未收到你单位的研判定级意见→全部小组"], reminder
        assert not any("将于08:30放出" in line for line in lines)


async def test_the_fire_dialog_names_the_teams_a_conditional_inject_would_reach(tmp_path: Path):
    session, _ = at_minute(tmp_path, "school-food-rumour", 40)
    session.submit("propaganda", "assess", "经研判为重大舆情，已报告市政府，待核实。", {"grade": "重大或较大"})
    session.pause()
    app = DrillApp(session, language="zh-CN", live=False)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        reminder = next(choice.label.plain for choice in app.screen.choices if getattr(choice, "id", None) == "assess-missed")
        assert reminder.endswith("→ 市教育局、市市场监督管理局、江川市第三实验小学、市公安局"), reminder   # 宣传部 has submitted


async def test_q_on_the_console_asks_then_leaves_keeping_the_session(tmp_path: Path):
    session, _ = at_minute(tmp_path, "school-food-rumour-en")
    app = DrillApp(session, live=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert app.screen.title_text == "Leave drill?"
        await pilot.press("escape")          # no: still on the console
        await pilot.pause()
        assert app.screen.name == "console" and app.is_running
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("ctrl+y")          # yes
        await pilot.pause(0.3)
    assert app.return_code == 0 and not app.is_running

"""What a team, a facilitator and an expert met playing the bundled drill through at
160x45 and 80x24 (issue 15): typing after opening a task reaches the draft, an expert's
override keeps its note, notices keep every character and cover nothing, and an
unattended clock raises the alarm (and pauses, if asked to)."""

from __future__ import annotations


import pytest

pytest.importorskip("textual")
pytestmark = pytest.mark.flaky(reruns=2)

from textual import events  # noqa: E402
from textual.keys import _character_to_key  # noqa: E402
from textual.widgets import DataTable, TextArea  # noqa: E402

from drill.formats.library import scenario_path  # noqa: E402
from drill.tui.app import Alerts  # noqa: E402
from drill.tui.modals import ScoreScreen  # noqa: E402
from drill.tui.notices import NoticeBar  # noqa: E402
from drill.tui.review import ReviewScreen  # noqa: E402

from test_tui import Drill, FakeTime, shown, to_team  # noqa: E402

CHINESE = scenario_path("school-food-rumour")
LINES = ["第一行：首发于微博，转发三百余次。", "第二行：家长群传播，线下聚集风险高。", "第三行：定为较大舆情，由教育局牵头。"]


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def type_text(pilot, text: str) -> None:
    """Each character as the terminal sends it (Pilot's `press` loses full-width punctuation)."""
    for char in text:
        event = events.Key(_character_to_key(char) if not char.isalnum() else char, char)
        event.set_sender(pilot.app)
        pilot.app._driver.send_message(event)
        await pilot.pause()


# ----- 1. typing after Enter on a task reaches the draft ---------------------------------------------


async def open_first_task(pilot, drill):
    """A minute into the drill, 市委宣传部's workspace with its first task opened from the list (F6, Enter)."""
    await pilot.press("s")
    await drill.advance(pilot, 60)
    screen = await to_team(pilot, drill.app, "propaganda")
    await pilot.press("f6", "enter")
    await pilot.pause()
    return screen


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_typing_after_opening_a_task_reaches_the_draft_even_after_tab(tmp_path, size):
    drill = Drill(tmp_path, CHINESE)
    async with drill.app.run_test(size=size) as pilot:
        screen = await open_first_task(pilot, drill)
        await type_text(pilot, LINES[0])
        await pilot.press("enter")
        await pilot.press("tab")  # a team member presses Tab, as in a word processor
        await type_text(pilot, LINES[1])
        await pilot.press("f6")  # back on the list, and typing on
        await type_text(pilot, LINES[2])
        await pilot.pause()
        area = screen.query_one("#draft-assess", TextArea)
        for line in LINES:
            assert line in area.text
        assert drill.app.focused is area
        await pilot.press("ctrl+s")
        await pilot.pause()
        work = drill.session.state.work[("propaganda", "assess")]
        assert all(line in work.draft for line in LINES)
        assert f"{len(area.text)} 字" in shown(screen.query_one(".task-state"))


# ----- 2. an override with a note in Chinese saves both ------------------------------------------------


async def open_review_of_submitted(pilot, drill) -> ReviewScreen:
    drill.session.start()
    drill.session.submit("propaganda", "assess", "首发于微博。", {})
    await pilot.press("f3")
    await pilot.pause()
    review = drill.app.screen
    assert isinstance(review, ReviewScreen)
    return review


def automatic_row(review: ReviewScreen) -> int:
    task = review._current()[1]
    return next(i for i, c in enumerate(task.criteria) if c.source != "expert" and c.kind != "manual")


async def open_score_dialog(pilot, drill) -> None:
    """The score dialog of an automatic criterion of 市委宣传部's submitted assessment."""
    review = await open_review_of_submitted(pilot, drill)
    table = review.query_one("#criteria", DataTable)
    await pilot.press("f7")
    table.move_cursor(row=automatic_row(review))
    await pilot.pause()
    await pilot.press("s")
    await pilot.pause()


@pytest.mark.parametrize("size,typed", [((80, 24), "0.2"), ((160, 45), "0。2"), ((160, 45), "０．２"), ((80, 24), "0,2")])
async def test_an_override_with_a_chinese_note_saves_level_and_note(tmp_path, size, typed):
    """With the input method on for the note, "0.2" comes out as 0。2 or ０．２: the same fraction;
    and 0,2 as a Vietnamese expert writes it."""
    drill = Drill(tmp_path, CHINESE)
    async with drill.app.run_test(size=size) as pilot:
        await open_score_dialog(pilot, drill)
        assert isinstance(drill.app.screen, ScoreScreen)
        await type_text(pilot, typed)
        await pilot.press("tab")
        await type_text(pilot, "来源判断不准，未提及家长群。")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(drill.app.screen, ScoreScreen)
        last = drill.session.state.reviews[-1]
        assert last["score"] == pytest.approx(0.2) and last["note"] == "来源判断不准，未提及家长群。"
        await pilot.pause()
        evidence = str(drill.app.screen.query_one("#evidence").render()).replace("\n", "")
        assert evidence.count("来源判断不准") == 1   # the note once, not as evidence and again as the note


async def test_a_refused_score_keeps_the_dialog_open_with_the_note(tmp_path):
    drill = Drill(tmp_path, CHINESE)
    async with drill.app.run_test(size=(160, 45)) as pilot:
        await open_score_dialog(pilot, drill)
        before = len(drill.session.state.reviews)
        for value in ("7", "abc"):
            dialog = drill.app.screen
            dialog.query_one("#score-value").value = value
            dialog.query_one("#score-note").load_text("请补充依据")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert drill.app.screen is dialog  # still open: nothing typed is lost
            assert dialog.query_one("#score-note").text == "请补充依据"
            assert "0 到 1" in str(dialog.query_one("#score-error").render())
        assert len(drill.session.state.reviews) == before


# ----- 3. notices keep every character and cover nothing -------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_notices_keep_every_character_and_cover_neither_editor_nor_status(tmp_path, size):
    drill = Drill(tmp_path, CHINESE)
    async with drill.app.run_test(size=size) as pilot:
        screen = await open_first_task(pilot, drill)
        messages = [f"第{n}条：请输入等级，或 0 到 1 之间的比例。已评分：首发来源与主要传播渠道" for n in range(1, 6)]
        for message in messages:
            drill.app.notify(message, title="市委宣传部（市委网信办） · 收到新信息", severity="warning")
        await pilot.pause(0.2)
        text = screen_text(drill.app).replace("\n", "")
        squeezed = text.replace(" ", "")
        for message in messages[-2:]:  # the newest ones, every character
            assert message.replace(" ", "") in squeezed
        assert messages[0].replace(" ", "") not in squeezed  # older ones give way: no pile
        bar = screen.query_one(NoticeBar).region
        for widget in (screen.query_one("#draft-assess"), screen.query_one(".task-state"), screen.query_one("#status")):
            assert not bar.overlaps(widget.region), widget
        assert bar.height <= 6



async def test_typing_into_a_submitted_task_says_so_once_and_changes_nothing(tmp_path):
    drill = Drill(tmp_path, CHINESE)
    async with drill.app.run_test(size=(160, 45)) as pilot:
        drill.session.start()
        drill.session.submit("propaganda", "assess", "首发于微博。", {})
        screen = await to_team(pilot, drill.app, "propaganda")
        await pilot.press("f6", "enter")
        await pilot.pause()
        await type_text(pilot, "再写")
        await pilot.press("f6")
        await type_text(pilot, "两字")
        await pilot.pause(0.2)
        bar = screen.query_one(NoticeBar)
        locked = drill.app.t("team.draft-locked", task="舆情研判与定级")
        assert bar.plain.count(locked) == 1, bar.plain   # four keys, one line
        assert drill.session.state.work[("propaganda", "assess")].draft == "首发于微博。"

# ----- 4. an unattended clock raises the alarm, and pauses if asked ------------------------------------


@pytest.mark.parametrize("auto_pause", [False, True])
async def test_a_missed_deadline_is_announced_wherever_the_facilitator_is(tmp_path, auto_pause):
    drill = Drill(tmp_path, CHINESE, alerts=Alerts(idle=0, auto_pause=auto_pause))
    async with drill.app.run_test(size=(160, 45)) as pilot:
        await pilot.press("s")
        await to_team(pilot, drill.app, "education")  # the facilitator is on a team's screen
        await drill.advance(pilot, 90 * 60 + 1)  # the first task (1h30m) is due
        await pilot.pause(0.2)
        alerts = [n for n in drill.notes() if "舆情研判与定级" in n and "未提交" in n]
        assert alerts, drill.notes()
        bar = drill.app.screen.query_one(NoticeBar)
        assert "舆情研判与定级" in bar.plain and "市委宣传部（市委网信办）" in bar.plain
        assert drill.session.state.running is not auto_pause
        assert ("已暂停" in alerts[0]) is auto_pause


@pytest.mark.parametrize("auto_pause", [False, True])
async def test_an_idle_facilitator_is_warned_and_the_clock_paused_if_asked(tmp_path, auto_pause):
    idle_clock = FakeTime()  # the real time the app measures idleness by; the drill clock stays put
    drill = Drill(tmp_path, CHINESE, alerts=Alerts(idle=300, auto_pause=auto_pause), real_time=idle_clock)
    async with drill.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        idle_clock.t += 200
        await pilot.pause(0.4)
        assert not [n for n in drill.notes() if "无人操作" in n]
        await pilot.press("j")  # a key: the facilitator is there
        idle_clock.t += 299
        await pilot.pause(0.4)
        assert not [n for n in drill.notes() if "无人操作" in n]
        idle_clock.t += 2
        await pilot.pause(0.4)
        idle = [n for n in drill.notes() if "无人操作" in n]
        assert len(idle) == 1 and "×12" in idle[0], drill.notes()
        assert drill.session.state.running is not auto_pause
        idle_clock.t += 600
        await pilot.pause(0.4)
        assert len([n for n in drill.notes() if "无人操作" in n]) == 1  # once, not every tick


def test_the_alert_options_are_on_run_and_serve():
    from click.testing import CliRunner

    from drill.cli import cli

    for command in ("run", "serve"):
        result = CliRunner().invoke(cli, [command, "--help"])
        assert "--idle-alert" in result.output and "--auto-pause" in result.output
    result = CliRunner().invoke(cli, ["run", "school-food-rumour", "--idle-alert", "soon"])
    assert result.exit_code == 2 and "not a duration" in result.output


# ----- 5. writing the report shows its stages on the console -------------------------------------------


async def test_the_console_shows_a_bar_while_the_report_is_written(tmp_path, monkeypatch):
    import threading

    from drill.report import write_report
    from drill.tui import console

    halfway, go_on = threading.Event(), threading.Event()

    def writer(session, out, language, progress):
        def heard(stage, done, total):
            progress(stage, done, total)
            if stage == "html":
                halfway.set()
                go_on.wait(10)
        return write_report(session, out, language, formats=("html", "md"), progress=heard)

    monkeypatch.setattr(console, "report_writer", lambda: writer)
    drill = Drill(tmp_path, CHINESE)
    async with drill.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        for _ in range(100):
            await pilot.pause(0.05)
            if halfway.is_set():
                break
        await pilot.pause(0.1)
        screen = drill.app.screen
        box = screen.query_one("#report-progress")
        assert box.display and "report.html（2/3）" in str(screen.query_one("#report-stage").render())
        assert screen.query_one("#report-bar").progress == 2
        go_on.set()
        for _ in range(100):
            await pilot.pause(0.05)
            if not box.display:
                break
        assert not box.display
        assert any("报告" in n for n in drill.notes())
        assert (tmp_path / "drill-report" / "report.md").exists()

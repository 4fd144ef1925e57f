"""What a team and an expert must see without scrolling, and typing that nothing loses
(issue 21): the task prompt whole, a warning on a too-short submission, a notice when
the drill ends, no character lost behind a dialog."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")
pytestmark = pytest.mark.flaky(reruns=2)

from textual.containers import VerticalScroll  # noqa: E402
from textual.widgets import TextArea  # noqa: E402

from drill.formats.library import bundled  # noqa: E402
from drill.tui.team import TeamScreen  # noqa: E402

from test_tui import Drill, shown  # noqa: E402


async def open_first_task(drill: Drill, pilot) -> TeamScreen:
    await pilot.press("s", "f2")
    await pilot.pause()
    screen = drill.app.screen
    assert isinstance(screen, TeamScreen)
    await pilot.press("f6", "enter")
    await pilot.pause()
    return screen


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_the_task_prompt_is_shown_whole_and_the_draft_gives_way(tmp_path, size):
    drill = Drill(tmp_path, bundled("scenarios") / "school-food-rumour.yaml")
    async with drill.app.run_test(size=size) as pilot:
        screen = await open_first_task(drill, pilot)
        await pilot.pause()
        prompt = screen.query_one(".task-editor .task-prompt", VerticalScroll)
        assert prompt.max_scroll_y == 0   # nothing hidden behind a scrollbar
        text = shown(prompt)
        assert "4. 写明向谁报告" in text and "尚未核实的要注明“待核实”" in text   # what the rubric scores
        draft = screen.query_one(TextArea)
        assert draft.size.height >= 3 and isinstance(drill.app.focused, TextArea)


async def test_a_too_short_reply_is_warned_of_in_the_submit_dialog_and_may_still_go(tmp_path):
    drill = Drill(tmp_path, bundled("scenarios") / "school-food-rumour.yaml")
    async with drill.app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_task(drill, pilot)
        screen.query_one(TextArea).insert("经研判为一般舆情，待核实。")   # 13 characters; the rubric asks for 600
        await pilot.press("ctrl+g")
        await pilot.pause()
        message = drill.app.screen.query_one(".dialog-message").content.plain
        assert "篇幅偏短：13 字，本任务评分标准要求至少 600 字。仍可提交。" in message
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert drill.session.state.work[("propaganda", "assess")].submitted_at is not None


async def test_a_long_enough_draft_gets_no_warning(tmp_path):
    drill = Drill(tmp_path, bundled("scenarios") / "school-food-rumour-en.yaml")
    async with drill.app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_task(drill, pilot)
        screen.query_one(TextArea).insert("The post appeared at 06:40 on a microblog. " * 40)
        await pilot.press("ctrl+g")
        await pilot.pause()
        message = drill.app.screen.query_one(".dialog-message").content.plain
        assert "Submit" in message and "Short" not in message and "Only" not in message


async def test_teams_are_told_when_the_drill_ends(tmp_path):
    drill = Drill(tmp_path, bundled("scenarios") / "district-hot-spot.yaml")
    async with drill.app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_task(drill, pilot)
        drill.session.end()
        screen.refresh_live()
        await pilot.pause()
        assert "Cuộc diễn tập đã kết thúc: bản nháp đã khóa" in "\n".join(drill.notes())
        screen.refresh_live()
        await pilot.pause()
        assert sum("bản nháp đã khóa" in note for note in drill.notes()) == 1   # once


def starts_of_lines(text: str) -> list[str]:
    return [line.strip()[:1] for line in text.splitlines() if line.strip()]


async def test_no_line_of_a_dialog_or_the_inject_list_begins_with_a_closing_mark(tmp_path):
    """The submit dialog at 80x24 put "。" alone on a line after the unfilled fields; a title
    in the inject list folded before "？"."""
    from drill.formats.prose import NO_LINE_START
    from textual.widgets import OptionList

    drill = Drill(tmp_path, bundled("scenarios") / "school-food-rumour.yaml")
    async with drill.app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_task(drill, pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        message = shown(drill.app.screen.query_one(".dialog-message"))
        assert "首发来源与主要传播渠道" in message.replace("\n", "").replace(" ", "")
        assert not [c for c in starts_of_lines(message) if c in NO_LINE_START], message
        await pilot.press("escape")
        for width in range(60, 81):   # the inject list at every width: its titles wrap by the rules
            await pilot.resize_terminal(width, 24)
            await pilot.pause()
            feed = shown(screen.query_one("#feed", OptionList))
            assert not [c for c in starts_of_lines(feed) if c in NO_LINE_START], feed


async def test_typing_on_while_the_submit_dialog_is_open_goes_into_the_draft(tmp_path):
    """A team typing on without seeing the dialog open over its draft: nothing vanishes."""
    drill = Drill(tmp_path, bundled("scenarios") / "school-food-rumour.yaml")
    async with drill.app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_task(drill, pilot)
        area = screen.query_one(TextArea)
        area.insert("经研判，")
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press(*"本次舆情为较大", "space", "escape")
        await pilot.pause()
        assert area.text == "经研判，本次舆情为较大 "
        assert drill.session.state.work[("propaganda", "assess")].submitted_at is None

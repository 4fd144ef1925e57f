"""The expert's review screen (issue 21): a key to the ratings, a note of several lines, a
"to review" filter, one line for work not handed in, and fields that keep what was typed
into them however fast Tab is pressed."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")
pytestmark = pytest.mark.flaky(reruns=2)

from textual import events  # noqa: E402
from textual.keys import _character_to_key  # noqa: E402
from textual.widgets import DataTable, Input, OptionList, TextArea  # noqa: E402

from drill.tui.app import DrillApp  # noqa: E402
from drill.tui.modals import ScoreScreen  # noqa: E402
from drill.tui.review import ReviewScreen  # noqa: E402

from test_tui import shown  # noqa: E402
from test_tui_snapshots import submitted  # noqa: E402


def reviewing(tmp_path, language: str = "zh-CN", by: str | None = "李教授") -> DrillApp:
    session = submitted(tmp_path, language)
    session.pause()
    return DrillApp(session, language=language, mode="review", live=False, reviewer=by)


def burst(app, keys: str | list[str]) -> None:
    """Keys as a terminal delivers them to a fast typist: all queued at once, none waited for."""
    for key in keys:
        name = key if len(key) > 1 else _character_to_key(key)
        event = events.Key(name, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)


async def open_score_dialog(app, pilot, row: int = 0) -> ScoreScreen:
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    table = screen.query_one("#criteria", DataTable)
    table.focus()
    table.move_cursor(row=row)
    await pilot.pause()
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(app.screen, ScoreScreen)
    return app.screen


async def test_a_fast_tab_never_leaves_text_in_the_field_it_leaves(tmp_path):
    app = reviewing(tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        dialog = await open_score_dialog(app, pilot, row=1)   # an automatic criterion: a fraction
        value = dialog.query_one("#score-value", Input)
        value.value = ""
        burst(app, ["0", ".", "5", "tab", *"依据不足", "tab", *"补充核实", "tab", *"王科长"])
        for _ in range(20):
            await pilot.pause(0.05)
        assert value.value == "0.5"
        assert dialog.query_one("#score-note", TextArea).text == "依据不足"
        assert dialog.query_one("#score-action", Input).value == "补充核实"
        assert dialog.query_one("#score-owner", Input).value == "王科长"


async def test_a_fields_own_keys_act_on_that_field_however_fast(tmp_path):
    """Seen at a terminal: Ctrl+A, Ctrl+K, 0.3, Tab, a note, Enter, more, Tab, Tab, a name: the
    Ctrl+A and Ctrl+K ran late, on the owner's field the focus had reached, and emptied it."""
    app = reviewing(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        dialog = await open_score_dialog(app, pilot, row=1)
        burst(app, ["ctrl+a", "ctrl+k", *"0.3", "tab", *"第一。", "enter", *"第二。", "tab", *"补充", "tab", *"王科长"])
        for _ in range(20):
            await pilot.pause(0.05)
        assert dialog.query_one("#score-value", Input).value == "0.3"
        assert dialog.query_one("#score-note", TextArea).text == "第一。\n第二。"
        assert dialog.query_one("#score-action", Input).value == "补充"
        assert dialog.query_one("#score-owner", Input).value == "王科长"


async def test_the_note_holds_several_lines(tmp_path):
    app = reviewing(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = await open_score_dialog(app, pilot, row=1)
        dialog.query_one("#score-value", Input).value = "0.5"
        note = dialog.query_one("#score-note", TextArea)
        note.focus()
        note.insert("第一，来源未写明。\n第二，“待核实”未标注。")
        await pilot.pause()
        assert note.size.height >= 2   # more than one sideways-scrolling row
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.session.state.reviews[-1]["note"] == "第一，来源未写明。\n第二，“待核实”未标注。"


@pytest.mark.parametrize("language, words", [
    ("zh-CN", ["评级：", "P ≥85", "U "]),
    ("en", ["Ratings: ", "P ≥85 Performed without challenges", "U Unable to be performed"]),
])
async def test_the_rating_letters_are_explained(tmp_path, language, words):
    app = reviewing(tmp_path, language)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        head = shown(app.screen.query_one("#review-head")).replace("\n", " ")
        for word in words:
            assert word in head, head


async def test_work_not_handed_in_takes_one_line_and_t_shows_only_what_waits_for_this_expert(tmp_path):
    app = reviewing(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        options = screen.query_one("#submissions", OptionList)
        rows = shown(options).splitlines()
        assert [row for row in rows if row.strip().startswith("未提交 · 市教育局")]   # status, team and task on one row
        assert not [row for row in rows if row.strip() == "未提交"]
        prompts = [options.get_option_at_index(i).prompt for i in range(options.option_count)]
        assert len(prompts) > 1
        await pilot.press("t")
        await pilot.pause()
        assert options.option_count == 1 and options.get_option_at_index(0).id == "propaganda/assess"
        assert "待评审（1）" in shown(screen.query_one("#submissions-title"))
        dialog = await open_score_dialog(app, pilot, row=[c.kind for c in screen._current()[1].criteria].index("manual"))
        levels = dialog.query_one("#score-value")
        levels.value = levels._options[1][1]   # the highest level
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen.refresh_live()
        await pilot.pause()
        assert options.option_count == 1 and options.get_option_at_index(0).disabled   # its one manual criterion scored
        assert "没有等待您评审的材料" in options.get_option_at_index(0).prompt.plain
        await pilot.press("t")
        await pilot.pause()
        assert options.option_count == len(prompts)

"""A team's typing survives its terminal: kept on its own disk as typed, offered back on rejoining
(drill/tui/kept.py, rejoin.py), with the cursor where it was; Ctrl+Home and Ctrl+End in the editor."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

pytest.importorskip("textual")

from textual.widgets import Button, TextArea  # noqa: E402

from drill.tui.draft import DraftArea  # noqa: E402
from drill.tui.join import JoinApp  # noqa: E402
from drill.tui.kept import KeptTyping, Typing  # noqa: E402
from drill.tui.rejoin import KeptOrStored  # noqa: E402
from drill.tui.team import TeamScreen  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from test_join import settle  # noqa: E402
from typing_worker import AT, SAVED, TYPED  # noqa: E402

WORKER = Path(__file__).parent / "typing_worker.py"


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    """Kept typing goes to the user data folder: a fresh one per test here."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    return tmp_path / "data-home"


async def open_task(app, pilot) -> TextArea:
    await settle(pilot, lambda: isinstance(app.screen, TeamScreen) and app.screen.view.tasks)
    await pilot.press("f6", "enter")
    await settle(pilot, lambda: isinstance(app.focused, TextArea))
    return app.focused


async def test_a_killed_team_terminal_loses_no_character_and_the_cursor_comes_back(served, data_home):
    served.session.start()
    code = served.codes["press"]
    env = {**os.environ, "XDG_DATA_HOME": str(data_home), "PYTHONPATH": str(Path(__file__).parent.parent)}
    worker = await asyncio.create_subprocess_exec(
        sys.executable, str(WORKER), served.url, "press", code, stdout=asyncio.subprocess.PIPE, env=env)
    typed = 0
    try:
        async with asyncio.timeout(60):
            while typed < 30:   # killed while it goes on typing
                line = (await worker.stdout.readline()).decode()
                assert line, "the worker stopped"
                if line.startswith("TYPED"):
                    typed = int(line.split()[1])
    finally:
        worker.send_signal(signal.SIGKILL)
        await worker.wait()
    assert served.session.state.work[("press", "assess")].draft == SAVED   # saved with Ctrl+S; the rest was not

    app = JoinApp(served.url, "press", code)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, KeptOrStored) and app.focused is not None)   # shown, its button focused
        dialog = app.screen
        assert dialog.stored == SAVED
        n = len(dialog.kept) - len(SAVED)
        assert n >= typed   # every character the worker had typed, and in its place
        assert dialog.kept == SAVED[:AT] + TYPED[:n] + SAVED[AT:]
        assert app.focused.id == "keep"
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, TeamScreen))
        screen = app.screen
        await pilot.press("f6", "enter")
        await settle(pilot, lambda: isinstance(app.focused, TextArea))
        area = app.focused
        assert area.text == dialog.kept
        assert area.cursor_location == (0, AT + n)   # where the typing stopped
        await settle(pilot, lambda: served.session.state.work[("press", "assess")].draft == dialog.kept)
        await pilot.press("x")
        assert area.text == SAVED[:AT] + TYPED[:n] + "x" + SAVED[AT:]
        assert screen.kept.read("assess").text == area.text


async def test_taking_the_drills_copy_replaces_the_kept_one(served):
    served.session.start()
    code = served.codes["press"]
    kept = KeptTyping.for_seat(served.url, "press", code)
    served.session.save_draft("press", "assess", "服务器上的草稿，")
    kept.write("assess", Typing("本机上更长的草稿，尚未送达。", {}, (0, 3)))
    app = JoinApp(served.url, "press", code)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, KeptOrStored) and app.focused is not None)   # shown, its button focused
        await pilot.press("tab", "enter")   # the second button: the drill's copy
        await settle(pilot, lambda: isinstance(app.screen, TeamScreen))
        area = await open_task(app, pilot)
        assert area.text == "服务器上的草稿，"
        assert area.cursor_location == (0, len("服务器上的草稿，"))   # at the end, not the start
        assert kept.read("assess").text == "服务器上的草稿，"


async def test_the_same_draft_rejoins_without_a_question_and_with_its_cursor(served):
    served.session.start()
    code = served.codes["press"]
    text = "第一段。\n第二段：涉事大米已封存。"
    served.session.save_draft("press", "assess", text)
    KeptTyping.for_seat(served.url, "press", code).write("assess", Typing(text, {}, (1, 2)))
    app = JoinApp(served.url, "press", code)
    async with app.run_test(size=(100, 30)) as pilot:
        area = await open_task(app, pilot)
        assert not app.screen_stack or not isinstance(app.screen, KeptOrStored)
        assert area.cursor_location == (1, 2)


async def test_a_submitted_task_forgets_its_kept_typing(served):
    served.session.start()
    code = served.codes["press"]
    app = JoinApp(served.url, "press", code)
    async with app.run_test(size=(100, 30)) as pilot:
        area = await open_task(app, pilot)
        area.insert("网传大米发霉，经核实已封存。")
        await pilot.pause()
        kept = app.screen.kept
        assert kept.read("assess").text == "网传大米发霉，经核实已封存。"
        await pilot.press("ctrl+g")
        await settle(pilot, lambda: app.screen.query("#confirm"))
        await pilot.press("ctrl+y")
        await settle(pilot, lambda: served.session.state.work[("press", "assess")].submitted_at is not None)
        await settle(pilot, lambda: kept.read("assess") is None)


def test_a_seat_keeps_one_folder_however_its_code_was_typed(tmp_path):
    """A team in a browser types its code by hand: "cqc-fen" is the seat of CQCFEN."""
    assert KeptTyping.for_seat("ws://h:1", "school", "cqc-fen", tmp_path).folder == \
        KeptTyping.for_seat("ws://h:1", "school", "CQCFEN", tmp_path).folder
    assert KeptTyping.for_seat("ws://h:1", "school", "CQCFEN", tmp_path).folder != \
        KeptTyping.for_seat("ws://h:1", "police", "CQCFEN", tmp_path).folder


def test_a_kept_draft_is_written_whole_or_not_at_all(tmp_path):
    kept = KeptTyping(tmp_path / "seat")
    kept.write("assess", Typing("Phường Hòa Cường Bắc — “điểm nóng”", {"level": "II"}, (0, 5)))
    assert kept.read("assess") == Typing("Phường Hòa Cường Bắc — “điểm nóng”", {"level": "II"}, (0, 5))
    (tmp_path / "seat" / next(p.name for p in (tmp_path / "seat").iterdir())).write_text("{\"text\": ", encoding="utf-8")
    assert kept.read("assess") is None   # a torn file reads as nothing kept, never as a traceback
    assert not list((tmp_path / "seat").glob("*.partial"))


async def test_ctrl_end_reaches_the_end_of_a_wrapped_paragraph_and_ctrl_home_its_start():
    from textual.app import App

    text = "网传江川市第三实验小学食堂使用发霉大米，" * 12 + "\n第二段。"

    class One(App):
        def compose(self):
            yield DraftArea(text, soft_wrap=True)

    app = One()
    async with app.run_test(size=(40, 20)) as pilot:
        area = app.query_one(DraftArea)
        area.focus()
        await pilot.press("end")
        assert area.cursor_location[0] == 0 and area.cursor_location[1] < 100   # End: the end of the row
        await pilot.press("ctrl+end")
        assert area.cursor_location == (1, 4)
        await pilot.press("ctrl+home")
        assert area.cursor_location == (0, 0)
        await pilot.press("ctrl+shift+end")
        assert area.selected_text == text


async def test_keys_that_move_the_cursor_take_effect_before_the_typing_after_them():
    """A fast typist's Ctrl+End (or arrows, End) then words: Textual runs a widget's key
    bindings after the key has gone round its parents, so the words typed next used to
    land where the cursor still was, in the middle of a sentence, and a Backspace took away
    the character typed after it."""
    from textual import events
    from textual.app import App
    from textual.keys import _character_to_key

    class One(App):
        def compose(self):
            yield DraftArea("第一句。第二句。", soft_wrap=True)

    app = One()
    async with app.run_test(size=(60, 10)) as pilot:
        area = app.query_one(DraftArea)
        area.focus()
        area.move_cursor((0, 2))
        await pilot.pause()
        for key in ["ctrl+end", *"补充。", "home", *"前", "end", "left", *"后", *"多", "backspace"]:
            event = events.Key(key if len(key) > 1 else _character_to_key(key), None if len(key) > 1 else key)
            event.set_sender(app)
            app._driver.send_message(event)   # all at once, as a terminal delivers them
        for _ in range(10):
            await pilot.pause(0.02)
        assert area.text == "前第一句。第二句。补充后。"


async def test_a_killed_drill_run_offers_back_the_typing_of_its_last_seconds(tmp_path):
    """`drill run` keeps each team's typing as `drill join` does, in a folder of its own session."""
    from drill.formats import Loader
    from drill.sessions import create, open_session
    from drill.tui.app import DrillApp

    path = tmp_path / "run.drill"
    session = create(Loader().load_exercise(Path(__file__).parent / "data" / "mini.yaml"), path)
    session.start()
    app = DrillApp(session, language="zh-CN", live=False)
    async with app.run_test(size=(100, 30)) as pilot:
        app.show_team("press")
        await pilot.pause()
        area = await open_task(app, pilot)
        area.insert("已经保存的部分。")
        await pilot.press("ctrl+s")
        await pilot.pause()
        kept = app.screen.kept
        assert kept.read("assess").text == "已经保存的部分。"
    # what the next seconds of typing would have left on disk had the process been killed then
    kept.write("assess", Typing("已经保存的部分。被杀前的最后几秒。", {}, (0, 8)))
    session.sink.close()

    resumed = DrillApp(open_session(path), language="zh-CN", live=False)
    async with resumed.run_test(size=(100, 30)) as pilot:
        resumed.show_team("press")
        await settle(pilot, lambda: isinstance(resumed.screen, KeptOrStored))
        assert resumed.screen.kept == "已经保存的部分。被杀前的最后几秒。"
        await pilot.press("enter")   # keep mine
        await settle(pilot, lambda: isinstance(resumed.screen, TeamScreen))
        area = await open_task(resumed, pilot)
        assert area.text == "已经保存的部分。被杀前的最后几秒。" and area.cursor_location == (0, 8)


async def test_the_kept_draft_dialog_answers_as_the_confirmation_does():
    """Both are one two-button dialog (drill.tui.modals.TwoWayDialog): the kept draft's keys
    (Ctrl+Y keep, Ctrl+T take, no Esc: one version goes either way, so the team says which) and
    the confirmation's (Ctrl+Y, Esc, its cancel button focused); what is typed meanwhile is held."""
    from textual.app import App

    from drill.i18n import Catalog
    from drill.tui.modals import ConfirmScreen, TwoWayDialog

    answers = []

    async def answer(dialog, *keys):
        app = App()
        async with app.run_test(size=(100, 30)) as pilot:
            app.push_screen(dialog, answers.append)
            await settle(pilot, lambda: app.screen is dialog and app.focused is not None)
            focused = app.focused.id
            await pilot.press(*keys)
            await pilot.pause()
            return focused

    t = Catalog("zh-CN")
    typing = KeptOrStored(t, "研判", "本机的草稿", "")
    for dialog, keys, focused, said in (
        (KeptOrStored(t, "研判", "本机的草稿", "服务器的草稿"), ("escape", "ctrl+t"), "keep", False),
        (typing, ("a", "b", "ctrl+y"), "keep", True),
        (ConfirmScreen(t, "提交", "提交后不能修改。", "提交"), ("escape",), "cancel", False),
        (ConfirmScreen(t, "提交", "提交后不能修改。", "提交"), ("x", "ctrl+y"), "cancel", True),
    ):
        assert isinstance(dialog, TwoWayDialog)
        assert await answer(dialog, *keys) == focused and answers.pop() is said
        assert dialog.typed == "".join(key for key in keys if len(key) == 1)
    assert typing.typed == "ab"

"""`drill join`: the team workspace at its own terminal, against a real server on loopback."""

from __future__ import annotations

from pathlib import Path

import pytest


pytest.importorskip("textual")

from textual.widgets import Input, TextArea  # noqa: E402

from drill.tui.join import JoinApp, JoinForm  # noqa: E402
from drill.tui.team import TeamScreen  # noqa: E402

DATA = Path(__file__).parent / "data"


async def settle(pilot, condition, tries: int = 100) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition never held")


async def test_join_from_the_command_line_sees_injects_and_saves_drafts(served):
    app = JoinApp(served.url, "press", served.codes["press"])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, TeamScreen))
        served.session.start()
        await settle(pilot, lambda: app.screen.view.injects)
        assert app.screen.view.injects[0].title == "Mouldy rice?"
        await pilot.press("f6")
        await pilot.press("enter")
        await settle(pilot, lambda: app.screen.query(TextArea))
        await pilot.press("f7")
        app.screen.query_one(TextArea).insert("网传大米发霉，经核实已封存。")
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: served.session.state.work[("press", "assess")].draft == "网传大米发霉，经核实已封存。")
        assert served.session.state.work[("school", "assess")].draft == ""


async def test_join_form_refuses_a_wrong_code_then_admits(served):
    app = JoinApp(served.url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, JoinForm))
        app.screen.query_one("#team", Input).value = "school"
        app.screen.query_one("#code", Input).value = "WRONG7"
        await pilot.click("#join")
        await settle(pilot, lambda: "wrong team or join code" in app.screen.error)
        await pilot.pause(0.2)
        app.screen.query_one("#code", Input).value = served.codes["school"]
        await pilot.click("#join")
        await settle(pilot, lambda: isinstance(app.screen, TeamScreen))
        assert app.screen.client.team == "school"


async def test_wrong_code_on_the_command_line_exits_with_the_reason(served):
    app = JoinApp(served.url, "press", "WRONG7")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.error is not None)
    assert "wrong team or join code" in app.error and app.return_code == 1


async def test_a_team_joining_before_the_start_reads_its_brief_and_is_one_key_from_its_task(served):
    app = JoinApp(served.url, "press", served.codes["press"])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, TeamScreen) and app.focused is not None)
        assert app.focused.id == "brief"
        screen = app.screen
        assert "appear on the left when the drill starts" in screen.query_one("#brief-text").content.plain
        served.session.start()   # the facilitator starts the clock: the first task opens
        await settle(pilot, lambda: screen.view.tasks)
        screen.refresh_live()
        await pilot.pause()
        assert app.focused.id == "brief"
        brief = screen.query_one("#brief-text").content.plain
        assert brief.splitlines()[1] == f"Enter: open your task “{screen.view.tasks[0].title}”"
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.focused, TextArea))
        assert screen.current_task == screen.view.tasks[0].id

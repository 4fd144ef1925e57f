"""The live review screen of an invited expert (`drill join --expert`), against a real server
on loopback: pilot tests, and snapshots at 80x24 and 160x45 in English and Chinese."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from textual.widgets import DataTable, Input, Select, TextArea  # noqa: E402

from drill.engine import Refused  # noqa: E402
from drill.net.serve import ServedDrill  # noqa: E402
from drill.tui.join import JoinApp, JoinForm  # noqa: E402
from drill.tui.observe import ObservationScreen, PlanScreen  # noqa: E402
from drill.tui.review import ReviewScreen  # noqa: E402
from test_join import settle  # noqa: E402
from test_tui_snapshots import submitted  # noqa: E402

EXPERTS = ("李教授", "Dr. Tran")


def head_text(screen) -> str:
    """The head of the submission on screen, as plain text (wrapped for Chinese line breaking)."""
    content = screen.query_one("#review-head").content
    return getattr(content, "plain", str(content))


@pytest.mark.parametrize("language", ["en", "zh-CN"])
@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
async def test_an_expert_reviews_live_observes_and_plans(panel, size, language):
    session = panel.session
    app = JoinApp(panel.url, code=panel.expert_codes["李教授"], expert="李教授", language=language)
    t = app.t
    async with app.run_test(size=size) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ReviewScreen))
        screen = app.screen
        await settle(pilot, lambda: screen._seen is not None)  # the list is drawn: what comes now is new
        session.start()
        await settle(pilot, lambda: t("review.not-submitted") in head_text(screen))
        head = head_text(screen)  # open and not due: when it is due, and no verdict yet
        assert t("review.due", due="09:30").replace("09:30", "").strip() in head and t("review.score", score="").strip() not in head
        table = screen.query_one("#criteria", DataTable)
        assert all(str(table.get_row_at(row)[0]).startswith("–/") for row in range(table.row_count))  # no 0/2 either
        session.submit("press", "assess", "The sealed batch was never served.", {"grade": "major"})
        # app.notify posts a message: the notice is among the app's notifications a moment after the list has it
        await settle(pilot, lambda: any(t("review.new-submission", team="Press office", task="Assess and grade") == n.message for n in app._notifications))
        session.review("press", "assess", "tone", 0, "cold", by="Dr. Tran")  # another expert, on the same criterion
        await settle(pilot, lambda: len(app.client.state.reviews) == 1)
        table = screen.query_one("#criteria", DataTable)
        screen.query_one("#submissions").highlighted = 0
        await pilot.pause()
        table.focus()
        table.move_cursor(row=4)  # the manual criterion, tone
        await pilot.pause()
        await settle(pilot, lambda: t("review.expert-word", by="Dr. Tran", level="0") + " — cold" in str(screen.query_one("#evidence").render()))
        await pilot.press("s")
        await settle(pilot, lambda: app.screen.query("#score-value"))
        assert app.screen.query_one("#score-value", Select).value is Select.NULL  # her word, not his
        app.screen.query_one("#score-value", Select).value = "4"
        app.screen.query_one("#score-note", TextArea).load_text("清楚、诚恳")
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: len(session.state.reviews) == 2)
        assert session.state.reviews[-1] | {"at": 0} == {"at": 0, "team": "press", "task": "assess", "criterion": "tone",
                                                         "score": 4.0, "note": "清楚、诚恳", "by": "李教授"}
        await settle(pilot, lambda: t("review.expert-word", by="李教授", level="4") + " — 清楚、诚恳" in str(screen.query_one("#evidence").render()))
        await pilot.press("o")
        await settle(pilot, lambda: isinstance(app.screen, ObservationScreen))
        app.screen.query_one("#observe-text", TextArea).insert("核实迅速，口径统一")
        app.screen.query_one("#observe-inject", Select).value = "post"  # among the injects the team received
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: session.state.observations)
        assert session.state.observations[0] | {"at": 0} == {"at": 0, "team": "press", "task": "assess", "inject": "post",
                                                             "kind": "strength", "text": "核实迅速，口径统一", "by": "李教授"}
        await pilot.press("i")
        await settle(pilot, lambda: isinstance(app.screen, PlanScreen))
        assert app.screen.query_one("#plan-capability", Input).value == "Assess and grade"
        assert app.screen.query_one("#plan-issue", Input).value.startswith("Tone")
        app.screen.query_one("#plan-action", Input).value = "Rehearse the sign-off"
        app.screen.query_one("#plan-element", Select).value = "training"
        app.screen.query_one("#plan-start", Input).value = "2026-13-01"
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: any(Refused("plan-date", value="2026-13-01").text(t) == n.message for n in app._notifications))
        assert session.state.plan == []
        await pilot.press("i")
        await settle(pilot, lambda: isinstance(app.screen, PlanScreen))
        app.screen.query_one("#plan-action", Input).value = "Rehearse the sign-off"
        app.screen.query_one("#plan-organization", Input).value = "宣传部"
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: session.state.plan)
        assert (session.state.plan[0]["action"], session.state.plan[0]["organization"], session.state.plan[0]["by"]) == \
            ("Rehearse the sign-off", "宣传部", "李教授")


async def test_the_join_form_asks_team_or_expert_and_refuses_across_roles_in_its_language(panel):
    app = JoinApp(panel.url, language="zh-CN")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, JoinForm))
        await pilot.click("#as-expert")
        await settle(pilot, lambda: app.screen.expert)
        await pilot.click("#join")  # nothing filled in: it says what is missing, and the cursor goes there
        await settle(pilot, lambda: "请填写：您的姓名" in app.screen.error)
        assert app.focused is app.screen.query_one("#team", Input)
        await pilot.pause(0.2)  # the button takes a new press once its last one has played out
        app.screen.query_one("#team", Input).value = "李教授"
        app.screen.query_one("#code", Input).value = panel.codes["press"]  # a team's code
        await pilot.click("#join")
        await settle(pilot, lambda: "这是小组的加入码" in app.screen.error)
        await pilot.pause(0.2)
        app.screen.query_one("#code", Input).value = panel.expert_codes["李教授"].lower()
        await pilot.click("#join")
        await settle(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert app.screen.client.by == "李教授" and app.screen.t.language == "zh-CN"


# ----- snapshots ----------------------------------------------------------------------------------

WORDS = (("Dr. Tran", 3, "Clear grade, source named"), ("李教授", 2, "研判到位，但传播趋势分析偏弱"))  # (by, level, note)


def expert_app(tmp_path, language: str) -> JoinApp:
    """The bundled drill 45 in-world minutes in, on a paused clock: one team submitted, Dr. Tran
    has levelled its expert criterion; 李教授 joins and looks at it."""
    session = submitted(tmp_path, language)
    by, level, note = WORDS[0]
    session.review("propaganda", "assess", "expert", level, note, by=by)
    session.pause()
    served = ServedDrill(session, "127.0.0.1", 0, experts=EXPERTS)
    app = JoinApp("ws://127.0.0.1:0", language=language)
    app.served_for_test = served
    return app


async def show_expert(pilot) -> None:
    app = pilot.app
    served = app.served_for_test
    await served.start()
    by, level, note = WORDS[1]
    app.url = served.url
    await app.join(by, served.expert_codes[by], True)
    await settle(pilot, lambda: isinstance(app.screen, ReviewScreen))
    served.session.review("propaganda", "assess", "expert", level, note, by=by)
    await settle(pilot, lambda: len(app.client.state.reviews) == 2)
    screen = app.screen
    screen.refresh_live()
    table = screen.query_one("#criteria", DataTable)
    table.focus()
    table.move_cursor(row=table.row_count - 1)
    await pilot.pause()
    app.clear_notifications()
    await pilot.pause()


@pytest.mark.parametrize("language", ["en", "zh-CN"])
@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_live_review_screen(snap_compare, tmp_path, size, language):
    assert snap_compare(expert_app(tmp_path, language), terminal_size=size, run_before=show_expert)


async def test_many_submissions_while_away_make_one_notice(tmp_path):
    from drill.tui.app import DrillApp

    session = submitted(tmp_path, "en")
    session.pause()
    app = DrillApp(session, language="en", live=False)
    async with app.run_test(size=(120, 36)) as pilot:
        app.action_review()
        await settle(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen._seen is not None)
        app.action_console()
        for team in ("education", "market", "school", "police"):
            session.submit(team, "assess", "Grade: major.", {})
        app.clear_notifications()
        app.action_review()
        await settle(pilot, lambda: any(n.message == "4 new submissions" for n in app._notifications))
        assert not any(n.message.startswith("New submission") for n in app._notifications)

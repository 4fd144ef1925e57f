"""The terminal interface, driven with Textual's Pilot.

Every test runs the real app on a real session file, with an engine clock that
moves only when the test says so (no test sleeps beyond Pilot's pauses).
"""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from rich.cells import cell_len

from drill.engine import Clock
from drill.formats import Loader
from drill.formats.library import bundled
from drill.sessions import create, open_session

pytest.importorskip("textual")
# Pilot drives a real event loop with timers; on a shared, busy machine a timer can lag.
pytestmark = pytest.mark.flaky(reruns=2)

from textual.widgets import ContentSwitcher, DataTable, OptionList, Select, SelectionList, TextArea  # noqa: E402
from textual.widgets._footer import FooterKey  # noqa: E402

from drill.tui.app import DrillApp  # noqa: E402
from drill.tui.console import ConsoleScreen, header_lines  # noqa: E402
from drill.tui.format import DrillInfo, clock_text, fit  # noqa: E402
from drill.tui.modals import AdhocScreen, ChooseScreen, ConfirmScreen, ScoreScreen, TextScreen  # noqa: E402
from drill.tui.review import ReviewScreen  # noqa: E402
from drill.tui.team import TeamScreen  # noqa: E402
from drill.tui.widgets import KeyBar  # noqa: E402

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
CATALOGS = ROOT / "drill" / "i18n"


class FakeTime:
    """Real time that moves only when a test says so."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


class Drill:
    """A session in a temporary file, its hand-driven clock, and the app on it."""

    def __init__(self, tmp_path: Path, scenario: Path = DATA / "mini.yaml", language: str | None = None, **app_options):
        exercise = Loader().load_exercise(scenario)
        self.real = FakeTime()
        self.session = create(exercise, tmp_path / "drill.drill", Clock(exercise.scenario.clock.speed, real=self.real))
        self.app = DrillApp(self.session, language=language, **app_options)

    async def advance(self, pilot, world_seconds: float) -> None:
        """Let `world_seconds` of in-world time pass, and let the screens catch up."""
        self.real.t += world_seconds / self.session.clock.speed
        self.session.tick()
        await pilot.pause()

    def notes(self) -> list[str]:
        return [str(n.message) for n in self.app._notifications]


def shown(widget) -> str:
    """What a widget shows on the screen now, line by line (wide characters counted as two cells)."""
    strips = widget.app.screen._compositor.render_strips()
    region = widget.region
    return "\n".join(strips[y].crop(region.x, region.right).text for y in range(region.y, region.bottom))


def plain(widget) -> str:
    """The whole text of a Static, however it is wrapped on screen."""
    return widget.content.plain


@pytest.fixture
def drill(tmp_path):
    return Drill(tmp_path)


async def to_team(pilot, app: DrillApp, team: str) -> TeamScreen:
    app.show_team(team)
    await pilot.pause()
    assert isinstance(app.screen, TeamScreen) and app.screen.client.team == team
    return app.screen


async def open_task(pilot, screen: TeamScreen, task: str) -> TextArea:
    await pilot.press("f6")
    tasks = screen.query_one("#tasks", OptionList)
    tasks.highlighted = tasks.get_option_index(task)
    await pilot.press("enter")
    await pilot.pause()
    area = screen.app.focused
    assert isinstance(area, TextArea) and area.id == f"draft-{task}"
    return area


# ----- the facilitator runs the room ----------------------------------------------------------


async def test_start_clock_from_console(drill):
    async with drill.app.run_test(size=(80, 24)) as pilot:
        assert isinstance(drill.app.screen, ConsoleScreen)
        assert not drill.session.state.running
        await pilot.press("s")
        assert drill.session.state.running
        await drill.advance(pilot, 600)
        drill.app.screen.refresh_live()
        await pilot.pause()
        status = shown(drill.app.screen.query_one("#status"))
        assert "07:40:00" in status and "running" in status
        await pilot.press("s")
        assert not drill.session.state.running


async def test_speed_and_jump_keys_command_the_engine(drill):
    async with drill.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "plus")
        assert drill.session.clock.speed == 120
        await pilot.press("minus", "minus")
        assert drill.session.clock.speed == 30
        await pilot.press("j")
        assert drill.session.now() == 30 * 60  # the lab results at 30m
        assert "lab" in drill.session.state.fired


async def test_fire_a_held_inject(drill):
    async with drill.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "f")
        chooser = drill.app.screen
        assert isinstance(chooser, ChooseScreen)
        options = chooser.query_one(OptionList)
        assert options.get_option_at_index(0).disabled  # the heading of the held ones
        assert options.get_option_at_index(1).id == "journalist"  # held injects come first
        assert options.highlighted == 1
        await pilot.press("enter")
        assert "journalist" in drill.session.state.fired
        assert ("press", "answer") in drill.session.state.work  # its task opened
        held = plain(drill.app.screen.query_one("#held"))
        assert "A journalist calls" not in held
        await pilot.press("f")  # it cannot be fired twice: it is no longer offered
        assert all(o.id != "journalist" for o in drill.app.screen.query_one(OptionList).options)


async def test_write_an_adhoc_inject_to_chosen_teams(drill):
    async with drill.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "a")
        assert isinstance(drill.app.screen, AdhocScreen)
        await pilot.press(*"热线来电")  # the title, in Chinese
        await pilot.press("tab", "tab")  # heat, then the text
        drill.app.focused.insert("Parents call the hotline.")
        await pilot.press("tab")  # the teams: all chosen; leave out the first (press)
        assert isinstance(drill.app.focused, SelectionList)
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        delivered = {team: [d.title for d in inbox] for team, inbox in drill.session.state.inbox.items()}
        assert "热线来电" in delivered["school"] and "热线来电" not in delivered["press"]
        school = await to_team(pilot, drill.app, "school")
        feed = school.query_one("#feed", OptionList)
        assert feed.get_option_at_index(0).id == "adhoc-1"  # newest first


async def test_board_shows_every_team_and_task(drill):
    async with drill.app.run_test(size=(160, 45)) as pilot:
        await pilot.press("s")
        table = drill.app.screen.query_one("#board", DataTable)
        assert table.row_count == 2 and len(table.columns) == 4
        row = [str(cell) for cell in table.get_row("press")]
        assert "not started" in row[1] and "·" in row[2]  # assess open, statement not yet


async def test_read_a_teams_current_draft(drill):
    async with drill.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        team = await to_team(pilot, drill.app, "press")
        await open_task(pilot, team, "assess")
        await pilot.press(*"draft")
        await pilot.press("f1")  # switching screens saves the draft
        assert isinstance(drill.app.screen, ConsoleScreen)
        table = drill.app.screen.query_one("#board", DataTable)
        table.cursor_coordinate = (0, 1)
        await pilot.press("d")
        reader = drill.app.screen
        assert isinstance(reader, TextScreen)
        assert reader.query_one(TextArea).text == "draft"


async def test_end_the_drill_after_confirmation(drill):
    async with drill.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "e")
        assert isinstance(drill.app.screen, ConfirmScreen)
        await pilot.press("escape")
        assert not drill.session.state.ended
        await pilot.press("e", "ctrl+y")
        assert drill.session.state.ended
        await pilot.press("s")  # the engine refuses, and says why
        assert any("ended" in note for note in drill.notes())


# ----- a team at its workspace ------------------------------------------------------------------


async def test_receive_an_inject_with_a_notice_and_read_it(drill):
    async with drill.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        school = await to_team(pilot, drill.app, "school")
        feed = school.query_one("#feed", OptionList)
        assert feed.option_count == 1
        await drill.advance(pilot, 30 * 60)  # the lab results reach the school
        assert feed.option_count == 2 and feed.get_option_at_index(0).id == "lab"
        assert any("Lab results" in note for note in drill.notes())
        assert "lab" in school.unread
        assert "2 new" in shown(school.query_one("#status"))  # the first post is unread too
        await pilot.press("f5")
        feed.highlighted = 0
        await pilot.pause()
        reader = plain(school.query_one("#reader-text"))
        assert "The sealed batch was never served." in reader and "email" in reader
        assert "lab" not in school.unread
        brief = plain(school.query_one("#brief-text"))
        assert "never served" in brief  # the fact it revealed


async def test_countdown_runs_down_to_the_due_time(drill):
    async with drill.app.run_test(size=(160, 45)) as pilot:
        await pilot.press("s")
        press = await to_team(pilot, drill.app, "press")
        await drill.advance(pilot, 10 * 60)
        drill.app.screen.refresh_live()
        await pilot.pause()
        text = shown(press.query_one("#tasks"))
        assert "0:20:00 left (due 08:00)" in text and "not started" in text
        await drill.advance(pilot, 65)
        drill.app.screen.refresh_live()
        await pilot.pause()
        assert "0:18:55 left" in shown(press.query_one("#tasks"))


async def test_draft_autosaves_every_few_seconds(tmp_path):
    drill = Drill(tmp_path, autosave=0.1)
    async with drill.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        press = await to_team(pilot, drill.app, "press")
        await open_task(pilot, press, "assess")
        await pilot.press(*"sealed")
        await pilot.pause(0.3)
        work = drill.session.state.work[("press", "assess")]
        assert work.draft == "sealed" and work.status == "drafting"
    reopened = open_session(tmp_path / "drill.drill")
    assert reopened.state.work[("press", "assess")].draft == "sealed"


async def test_draft_saved_on_task_switch_and_fields_are_inputs(drill):
    async with drill.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await drill.advance(pilot, 30 * 60)  # the statement opens
        press = await to_team(pilot, drill.app, "press")
        area = await open_task(pilot, press, "assess")
        area.insert("Major: sealed batch")
        grade = press.query_one("#task-assess #field-grade", Select)
        grade.value = "major"
        await pilot.press("f6")
        tasks = press.query_one("#tasks", OptionList)
        tasks.highlighted = tasks.get_option_index("statement")
        await pilot.pause()
        work = drill.session.state.work[("press", "assess")]
        assert (work.draft, work.fields) == ("Major: sealed batch", {"grade": "major"})


async def test_submit_is_confirmed_as_final_and_a_second_is_refused(drill):
    async with drill.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        press = await to_team(pilot, drill.app, "press")
        await open_task(pilot, press, "assess")
        area = drill.app.focused
        area.insert("Grade: major. The rice was sealed, ")
        await pilot.press(*"never")
        await pilot.press("ctrl+g")
        dialog = drill.app.screen
        assert isinstance(dialog, ConfirmScreen)
        message = dialog.query_one(".dialog-message").content.plain
        assert "final" in message and "Not filled in: Grade." in message  # the empty field, before it is too late
        await pilot.press("escape")  # not yet
        assert drill.session.state.work[("press", "assess")].submitted_at is None
        await pilot.press("ctrl+g", "ctrl+y")
        await pilot.pause()
        work = drill.session.state.work[("press", "assess")]
        assert work.submitted_at is not None and work.draft == "Grade: major. The rice was sealed, never"
        assert press.query_one("#draft-assess", TextArea).read_only
        await pilot.press("ctrl+g")  # again: no confirmation, the engine's refusal is shown
        await pilot.pause()
        assert not isinstance(drill.app.screen, ConfirmScreen)
        assert any("submitting is final" in note for note in drill.notes())
        assert sum(1 for e in drill.session.sink.events() if e.type == "submit") == 1


async def test_missed_deadline_is_shown_to_team_and_facilitator(drill):
    async with drill.app.run_test(size=(160, 45)) as pilot:
        await pilot.press("s")
        press = await to_team(pilot, drill.app, "press")
        await drill.advance(pilot, 31 * 60)  # assess was due at 30m
        drill.app.screen.refresh_live()
        await pilot.pause()
        text = shown(press.query_one("#tasks"))
        assert "missed" in text and "overdue by 0:01:00" in text
        await pilot.press("f1")
        board = drill.app.screen.query_one("#board", DataTable)
        assert "✗" in str(board.get_row("press")[1])
        activity = drill.app.screen.query_one("#activity")
        assert any("MISSED" in line.text for line in activity.lines)


async def test_unsaved_drafts_are_kept_on_quit(drill):
    async with drill.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        press = await to_team(pilot, drill.app, "press")
        await open_task(pilot, press, "assess")
        await pilot.press(*"last")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert drill.session.state.work[("press", "assess")].draft == "last"
    assert not drill.session.state.running  # quitting pauses the drill


# ----- the public feed ---------------------------------------------------------------------------


def counts_of(screen: TeamScreen, inject: str) -> str:
    from drill.tui.feed import PublicFeed

    card = screen.query_one(PublicFeed).cards[inject]
    return shown(card.counts)


async def test_public_feed_shows_posts_and_articles_and_counts_grow_with_time_and_heat(tmp_path):
    from drill.tui.feed import FeedCard, PublicFeed

    drill = Drill(tmp_path, DATA / "heat.yaml")  # per-team heat, Chinese
    async with drill.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        press = await to_team(pilot, drill.app, "press")
        await pilot.press("f8")
        assert press.query_one("#right", ContentSwitcher).current == "public"
        assert drill.app.focused.id == "posts"
        feed = press.query_one(PublicFeed)
        assert list(feed.cards) == ["post"] and "网帖" in shown(feed.cards["post"])
        assert "转发 0" in counts_of(press, "post")  # nobody has reacted yet
        await drill.advance(pilot, 5 * 60)
        press.refresh_live()
        await pilot.pause()
        early = counts_of(press, "post")
        assert "转发" in early and "评论" in early and "点赞" in early and "转发 0 " not in early
        # press stonewalls: its own heat rises, then the second wave reaches it as a news article
        drill.session.submit("press", "statement", "无可奉告。据说大米已供应给学生。", {})
        await drill.advance(pilot, 11 * 60)
        press.refresh_live()
        await pilot.pause()
        assert set(feed.cards) == {"post", "second-wave", "trending"}  # the trending video is a post too
        cards = list(feed.query(FeedCard))
        assert [c.delivery.inject for c in cards][-1] == "post"  # newest on top
        article = next(c for c in cards if c.delivery.inject == "second-wave")
        assert article.kind == "article" and "二次舆情" in shown(article)
        assert counts_of(press, "post") != early  # still spreading
        status = shown(press.query_one("#status"))
        team_heat = drill.session.state.team_heat["press"]
        assert f"热度 {drill.session.state.heat:.0f}" in status and f"本队感知 {team_heat:.0f}" in status
        # the same post, the same moment: the team that handled it badly sees it spread further
        mine = press.view
        post = next(d for d in mine.injects if d.inject == "post")
        school_view = drill.session.team_view("school")
        from drill.tui.format import engagement

        hot = engagement("post", post.at, mine.now, mine.heat_history)
        cool = engagement("post", post.at, school_view.now, school_view.heat_history)
        assert mine.team_heat > school_view.team_heat and hot.reposts > cool.reposts
        school = await to_team(pilot, drill.app, "school")
        await pilot.press("f8")
        school.refresh_live()
        await pilot.pause()
        assert "second-wave" not in school.query_one(PublicFeed).cards  # it reached press only
        assert counts_of(school, "post") != counts_of(press, "post")


async def test_heat_sparkline_marks_the_teams_own_statements(tmp_path):
    from drill.tui.widgets import HeatLine

    drill = Drill(tmp_path, DATA / "heat.yaml", language="en")
    async with drill.app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        press = await to_team(pilot, drill.app, "press")
        await pilot.press("f8")
        line = press.query_one("#team-heat", HeatLine)
        assert line.marks == () and "▲" not in shown(line)
        await drill.advance(pilot, 20 * 60)
        drill.session.submit("press", "statement", "我们理解家长的担心。照片中的大米已封存，从未供应给学生。", {})
        await drill.advance(pilot, 20 * 60)
        press.refresh_live()
        await pilot.pause()
        assert line.marks == (20 * 60,)
        assert list(line.history) == list(drill.session.state.team_heat_history["press"])  # its own curve
        spark, marks = shown(line).splitlines()
        column = marks.index("▲")
        assert marks.count("▲") == 1 and 0.4 < column / len(spark.rstrip()) < 0.6  # halfway through the 40 minutes
        legend = shown(press.query_one("#heat-legend"))
        assert "Heat as your team sees it, 07:30–08:10" in legend
        assert "▲ your statements and replies" in shown(press.query_one("#public-title"))
        school = await to_team(pilot, drill.app, "school")  # another team's statement is not school's
        await pilot.press("f8")
        assert "▲" not in shown(school.query_one("#team-heat"))


async def test_public_feed_without_a_heat_model_shows_the_public_heat(drill):
    from drill.tui.feed import PublicFeed

    async with drill.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        press = await to_team(pilot, drill.app, "press")
        await pilot.press("f8")
        await drill.advance(pilot, 31 * 60)  # the statement opens at 30m
        drill.session.submit("press", "statement", "The rice was sealed and never served.", {})
        press.refresh_live()
        await pilot.pause()
        feed = press.query_one(PublicFeed)
        assert set(feed.cards) == {"post", "thanks"}  # the email and the phone call are not public
        assert "@worried_parent" in shown(feed.cards["post"])
        assert "reposts" in counts_of(press, "post") and "likes" in counts_of(press, "post")
        assert shown(press.query_one("#heat-legend")).strip().startswith("Heat, 07:30–08:01")
        status = shown(press.query_one("#status"))
        assert "heat 10" in status and "your team" not in status
        await pilot.press("f5")  # back to the injects: the reader replaces the feed
        assert press.query_one("#right", ContentSwitcher).current == "reader"


def test_engagement_is_deterministic_and_grows_with_heat_and_time():
    from drill.tui.format import engagement

    calm, hot = [(0.0, 20.0)], [(0.0, 60.0)]
    assert engagement("first-post", 0, 3600, hot) == engagement("first-post", 0, 3600, hot)  # same session, same numbers
    assert engagement("first-post", 0, 3600, hot) != engagement("second-post", 0, 3600, hot)  # each post its own
    assert engagement("first-post", 0, 0, hot).reposts == 0  # just posted
    for a, b in ((calm, hot), ([(0.0, 0.0)], calm), (hot, [(0.0, 100.0)])):
        low, high = engagement("p", 0, 3600, a), engagement("p", 0, 3600, b)
        assert low.reposts < high.reposts and low.comments < high.comments and low.likes < high.likes
    series = [engagement("p", 600, t, hot).reposts for t in range(600, 12 * 3600, 900)]
    assert series == sorted(series) and series[1] > 0
    assert series[-1] - series[-2] < series[2] - series[1]  # it saturates as the post ages
    cooling = [(0.0, 80.0), (1800.0, 40.0), (3600.0, 5.0)]  # heat falls: counts slow down, never shrink
    counts = [engagement("p", 0, t, cooling).likes for t in range(0, 4 * 3600, 300)]
    assert counts == sorted(counts)
    before, after = engagement("p", 0, 1800, cooling), engagement("p", 0, 3600, cooling)
    assert after.reposts - before.reposts < before.reposts  # the second half hour, cooler, adds less
    assert engagement("p", 3600, 1800, hot).reposts == 0  # not posted yet


def test_counts_are_printed_the_way_feeds_print_them():
    from drill.i18n import Catalog
    from drill.tui.format import count_text

    en, zh = Catalog("en"), Catalog("zh-CN")
    assert [count_text(n, en) for n in (0, 856, 9999, 12_345, 123_456, 2_500_000)] == ["0", "856", "9999", "12.3k", "123k", "2.5M"]
    assert [count_text(n, zh) for n in (9999, 12_345, 50_000, 3_560_000, 120_000_000)] == ["9999", "1.2万", "5万", "356万", "1.2亿"]


def test_posts_wrap_chinese_between_characters_and_clip_with_an_ellipsis():
    from rich.console import Console
    from rich.text import Text

    from drill.tui.widgets import Clipped, wrap_cells

    lines = wrap_cells(Text("“#江川三小食堂# 昨天中午轮到我去学校陪餐，顺便看了一眼食堂仓库。"), 20)
    assert [cell_len(line.plain) for line in lines][:2] == [20, 18]  # no short line after the hashtag
    assert lines[1].plain == "中午轮到我去学校陪" and lines[2].plain.startswith("餐，")  # the comma stays with its character
    console = Console(width=20, record=True)
    console.print(Clipped(Text("A journalist calls: is it true that children fell ill? " * 3), 2))
    shown_lines = console.export_text().splitlines()
    assert len(shown_lines) == 2 and shown_lines[-1].endswith("…") and all(cell_len(x) <= 20 for x in shown_lines)


# ----- experts score ------------------------------------------------------------------------------


async def test_score_in_the_review_screen(drill):
    session = drill.session
    async with drill.app.run_test(size=(160, 45)) as pilot:
        await pilot.press("s")
        session.submit("press", "assess", "The rice was sealed and never served.", {"grade": "major"})
        await pilot.press("f3")
        review = drill.app.screen
        assert isinstance(review, ReviewScreen)
        answer = review.query_one("#answer", TextArea)
        assert answer.text == "The rice was sealed and never served."
        table = review.query_one("#criteria", DataTable)
        assert [str(table.get_row_at(i)[2]) for i in range(table.row_count)][:2] == ["On time", "States the facts"]
        evidence = plain(review.query_one("#evidence"))
        assert "On time" in evidence
        await pilot.press("f7")
        table.move_cursor(row=4)  # Tone: a manual criterion, pending
        await pilot.pause()
        assert "–/1" in str(table.get_row_at(4)[0])
        await pilot.press("s")
        dialog = drill.app.screen
        assert isinstance(dialog, ScoreScreen)
        dialog.query_one("#score-value", Select).value = "2"
        dialog.query_one("#score-note").load_text("Clear enough")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert session.state.reviews[-1] | {"at": 0} == {
            "at": 0, "team": "press", "task": "assess", "criterion": "tone", "score": 2.0, "note": "Clear enough",
        }
        assert str(table.get_row_at(4)[0]) == "0.5/1" and "expert" in str(table.get_row_at(4)[1])
        table.move_cursor(row=1)  # override an automatic criterion with a fraction
        await pilot.press("s")
        dialog = drill.app.screen
        dialog.query_one("#score-value").value = "7"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert drill.app.screen is dialog  # the engine's refusal, in the dialog, which stays open
        assert "fraction from 0 to 1" in str(dialog.query_one("#score-error").render())
        await pilot.press("escape", "f1")
        activity = drill.app.screen.query_one("#activity")  # the facilitator reads who scored what, by its title
        assert any("reviewer scored Press office · Assess and grade · Tone: 2" == line.text[6:] for line in activity.lines)


async def test_review_mode_shows_only_the_review_screen(drill):
    drill.session.start()
    drill.session.submit("press", "assess", "sealed", {})
    app = DrillApp(open_session(drill.session.sink.path), mode="review", live=False)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("f1", "f2")
        assert isinstance(app.screen, ReviewScreen)
        keys = {k.key for k in app.screen.query(FooterKey)}
        assert {"s", "ctrl+q"} <= keys and "f1" not in keys


# ----- keys, palette, language, layout -----------------------------------------------------------------


def shown_bindings(screen) -> dict[str, str]:
    """The keys a screen offers now (a greyed key, like the screen you are on, is left out)."""
    return {
        a.binding.action: a.binding.description
        for a in screen.active_bindings.values()
        if (a.binding.show or a.binding.action == "command_palette") and a.enabled
    }


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_every_key_is_in_the_footer_and_the_palette(drill, size):
    app = drill.app
    async with app.run_test(size=size) as pilot:
        await pilot.press("s")
        for go in ("f1", "f2", "f3"):
            await pilot.press(go)
            await pilot.pause()
            screen = app.screen
            bindings = shown_bindings(screen)
            assert len(bindings) >= 6
            footer_keys = {k.action: k for k in screen.query_one(KeyBar).query(FooterKey)}
            assert set(bindings) <= set(footer_keys)
            for key in footer_keys.values():  # every key fits on the screen
                assert key.region.right <= size[0] and key.region.bottom <= size[1]
            commands = {c.title for c in app.get_system_commands(screen)}
            assert {d for a, d in bindings.items() if a != "command_palette"} <= commands


async def test_command_palette_runs_a_screen_action(drill):
    async with drill.app.run_test(size=(80, 24)) as pilot:
        commands = {c.title: c for c in drill.app.get_system_commands(drill.app.screen)}
        for title in ("Start/pause", "Team: The school"):
            result = commands[title].callback()
            if inspect.isawaitable(result):
                await result
            await pilot.pause()
        assert drill.session.state.running
        assert isinstance(drill.app.screen, TeamScreen) and drill.app.screen.client.team == "school"


async def test_interface_language_defaults_to_the_scenario(tmp_path):
    chinese = Drill(tmp_path, bundled("scenarios") / "school-food-rumour.yaml")
    assert chinese.app.t.language == "zh-CN"
    async with chinese.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        chinese.app.screen.refresh_live()
        await pilot.pause()
        status = shown(chinese.app.screen.query_one("#status"))
        assert "运行中" in status
        assert {k.description for k in chinese.app.screen.query(FooterKey)} >= {"开始/暂停", "放出", "临时情况"}
    english = DrillApp(chinese.session, language="en")
    assert english.t.language == "en"


def test_catalogs_have_the_same_keys_and_cover_the_code():
    known = set(yaml.safe_load((CATALOGS / "en" / "common.yaml").read_text(encoding="utf-8")))
    for area in sorted(p.stem for p in (CATALOGS / "en").glob("*.yaml")):   # the screens' words may live in any area (presence, channel)
        en = yaml.safe_load((CATALOGS / "en" / f"{area}.yaml").read_text(encoding="utf-8"))
        zh = yaml.safe_load((CATALOGS / "zh-CN" / f"{area}.yaml").read_text(encoding="utf-8"))
        assert set(en) == set(zh)
        for key in en:  # the same placeholders in both languages
            assert set(re.findall(r"{(\w+)}", en[key])) == set(re.findall(r"{(\w+)}", zh[key])), key
        known |= set(en)
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "drill" / "tui").glob("*.py"))
    used = set(re.findall(r'\bt\("([a-z][a-z0-9.-]+)"', source)) | set(re.findall(r'"(key\.[a-z-]+)"', source))
    assert used and used <= known, used - known


def test_cjk_text_is_fitted_by_terminal_cells():
    assert cell_len(fit("舆情研判与定级", 7)) == 7
    assert cell_len(fit("市委宣传部（市委网信办）", 12)) == 12
    assert fit("ab", 4) == "ab  "
    info = DrillInfo("t", "s", Loader().load_exercise(DATA / "mini.yaml").scenario.clock.start, 3600)
    from drill.i18n import Catalog

    assert clock_text(info, 3600 * 20, Catalog("zh-CN")) == "第2天 03:30:00"


def test_board_headers_wrap_onto_two_lines_before_they_are_cut():
    assert header_lines("研判定级", 8) == ["研判定级"]
    assert header_lines("研判定级", 5) == ["研判", "定级"]
    assert header_lines("Đánh giá ban đầu", 7) == ["Đánh", "giá ba…"]
    assert all(cell_len(line) <= 5 for line in header_lines("舆情研判与定级工作", 5))


async def test_board_stays_aligned_with_chinese_names(tmp_path):
    drill = Drill(tmp_path, bundled("scenarios") / "school-food-rumour.yaml")
    async with drill.app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        table = drill.app.screen.query_one("#board", DataTable)
        widths = [cell_len(str(table.get_row_at(r)[0])) for r in range(table.row_count)]
        assert max(widths) <= 12  # team names fitted to their column by cells, not characters


# ----- the command line ----------------------------------------------------------------------------


def test_cli_does_not_import_textual():
    code = "import sys, drill.cli; assert 'textual' not in sys.modules, 'textual imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_run_creates_or_resumes_a_session_and_prints_its_path(tmp_path, monkeypatch):
    from drill import cli, tui

    seen = []
    monkeypatch.setattr(tui, "run_drill", lambda session, language, *alerts: seen.append((session, language, alerts)) or 0)
    path = tmp_path / "s.drill"
    result = CliRunner().invoke(cli.cli, ["run", str(DATA / "mini.yaml"), "--session", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(path) and path.exists()
    assert f"drill run {DATA / 'mini.yaml'} --session {path}" in result.stderr and f"drill report {path} --out report" in result.stderr
    seen[0][0].start()
    seen[0][0].pause()
    assert seen[0][2] == (600, False)   # --idle-alert 10m, no --auto-pause
    result = CliRunner().invoke(cli.cli, ["run", str(DATA / "mini.yaml"), "--session", str(path), "--lang", "zh-CN",
                                          "--idle-alert", "off", "--auto-pause"])
    assert result.exit_code == 0
    resumed, language, alerts = seen[1]
    assert resumed.state.started and language == "zh-CN" and alerts == (0, True)


def test_review_opens_the_screen_only_without_score_options(tmp_path, monkeypatch):
    from drill import cli, tui

    opened = []
    monkeypatch.setattr(tui, "review_session", lambda session, language, by=None: opened.append(language) or 0)
    exercise = Loader().load_exercise(DATA / "mini.yaml")
    session = create(exercise, tmp_path / "r.drill", Clock(60, real=FakeTime()))
    session.start()
    session.submit("press", "assess", "sealed", {})
    session.sink.close()
    runner = CliRunner()
    assert runner.invoke(cli.cli, ["review", str(tmp_path / "r.drill"), "--lang", "en"]).exit_code == 0
    assert opened == ["en"]
    partial = runner.invoke(cli.cli, ["review", str(tmp_path / "r.drill"), "--team", "press"])
    assert partial.exit_code == 2 and "together" in partial.output
    recorded = runner.invoke(cli.cli, ["review", str(tmp_path / "r.drill"), "--team", "press", "--task", "assess",
                                       "--criterion", "tone", "--score", "4"])
    assert recorded.exit_code == 0 and opened == ["en"]
    assert open_session(tmp_path / "r.drill").state.reviews[-1]["criterion"] == "tone"


def served_console(path: Path):
    """The mini drill served with a console (not started yet): the app and its ServedDrill."""
    from drill.net.serve import ServedDrill

    session = create(Loader().load_exercise(DATA / "mini.yaml"), path, Clock(60, real=FakeTime()))
    served = ServedDrill(session, "127.0.0.1", 0)
    return DrillApp(session, mode="serve", served=served), served


async def until_listening(pilot, served) -> None:
    for _ in range(50):
        await pilot.pause(0.02)
        if served.listening is not None:
            break


async def test_served_console_shows_join_codes(tmp_path):
    app, served = served_console(tmp_path / "served.drill")
    async with app.run_test(size=(100, 30)) as pilot:
        await until_listening(pilot, served)
        await pilot.pause()
        join = plain(app.screen.query_one("#join"))
        assert served.url in join and all(code in join for code in served.codes.values())
        await pilot.press("f2")  # no local team workspaces when teams join over the network
        assert isinstance(app.screen, ConsoleScreen)
        await pilot.press("ctrl+q")
    assert served.listening is None or not served.listening.is_serving()


async def test_served_console_tells_of_repeated_wrong_codes(tmp_path, monkeypatch):
    """Issue 22 finding 4: someone guessing a seat's code is a notice on the console."""
    import json as json_module

    from websockets.asyncio.client import connect

    import drill.net.codes as codes_module

    monkeypatch.setattr(codes_module, "FREE_TRIES", 2)
    monkeypatch.setattr(codes_module, "MAX_PENALTY", 0.1)
    app, served = served_console(tmp_path / "guessed.drill")
    async with app.run_test(size=(120, 30)) as pilot:
        await until_listening(pilot, served)
        for n in range(2):
            async with connect(served.url) as raw:
                await raw.send(json_module.dumps({"type": "hello", "team": "press", "code": f"WRONG{n}"}))
                await raw.recv()
        await pilot.pause(0.1)
        notices = [n.message for n in app._notifications]
        assert any("2 wrong join codes for team press" in message and "127.0.0.1" in message for message in notices), notices
        await pilot.press("ctrl+q")

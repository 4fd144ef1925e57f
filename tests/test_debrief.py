"""The debrief presenter: stepping, jumping and playing through a recorded drill, beside a
what-if; snapshots at 80x24 and 160x45 in English and Chinese."""

from __future__ import annotations

import re

from pathlib import Path

import pytest
import yaml

from drill.engine import events as ev
from drill.engine.events import Event
from drill.engine.whatif import Change
from drill.formats import Loader
from drill.formats.library import scenario_path
from drill.simulate import simulate
from drill.store import EventLog
from drill.tui.debrief import DebriefApp, DebriefScreen, HeatChart
from drill.tui.modals import ChooseScreen
from drill.whatif import read_run, run_whatif

EXAMPLES = Path(__file__).parents[1] / "docs" / "examples"

# A short English rehearsal: the propaganda department stonewalls, the education bureau does well.
ENGLISH = {
    "format": "drill/responses@1",
    "responses": [
        {"team": "propaganda", "task": "assess", "at": "35m", "fields": {"grade": "ordinary"},
         "text": "A few parents posting online. Ordinary incident, delete the posts and keep watching."},
        {"team": "school", "task": "reply-parents", "at": "2h10m",
         "text": "Dear parents, the online claims are a pure rumour. No comment on the canteen; please disperse."},
        {"team": "propaganda", "task": "statement", "at": "7h",
         "text": "The claim that the canteen used mouldy rice is a pure rumour. The parent who posted it has been detained."},
        {"team": "education", "task": "statement", "at": "7h10m",
         "text": "We understand parents' concern. The two bags in the photo were sealed on delivery on 15 April, never "
                 "cooked and never served; the district hospital confirms no pupil was treated for food poisoning. "
                 "Tests of the rice in use passed. The full laboratory report follows on 19 April. Enquiries: 0871-6123456."},
    ],
    "reviews": [
        {"team": "propaganda", "task": "statement", "criterion": "expert", "score": 1,
         "note": "A verdict instead of facts; 'detained' is false and set off the second wave."},
    ],
}


def played(folder: Path, scenario: str, responses: dict) -> Path:
    path = folder / "responses.yaml"
    path.write_text(yaml.safe_dump(responses, allow_unicode=True), encoding="utf-8")
    loader = Loader()
    exercise = loader.load_exercise(scenario_path(scenario))
    simulate(exercise, loader.load_responses(path, exercise), folder / "played.drill").sink.close()
    return folder / "played.drill"


@pytest.fixture(scope="module")
def sessions(tmp_path_factory) -> dict[str, Path]:
    """Per language, a played session; and for Chinese, the bad rehearsal and a what-if of it
    with 宣传部's statement from the good one."""
    zh = tmp_path_factory.mktemp("zh")
    script = yaml.safe_load((EXAMPLES / "school-food-rumour-bad.yaml").read_text(encoding="utf-8"))
    good = yaml.safe_load((EXAMPLES / "school-food-rumour-good.yaml").read_text(encoding="utf-8"))
    good_text = {(r["team"], r["task"]): r["text"] for r in good["responses"]}
    # only 宣传部's statement stonewalls: 教育局's (late, as in the bad rehearsal) has the good words
    script["responses"] = [{**r, "text": good_text[("education", "statement")]} if (r["team"], r["task"]) == ("education", "statement") else r
                           for r in script["responses"]]
    bad = played(zh, "school-food-rumour", script)
    run_whatif(bad, Change("propaganda", "statement", good_text[("propaganda", "statement")]), zh / "whatif.drill")
    en = played(tmp_path_factory.mktemp("en"), "school-food-rumour-en", ENGLISH)
    vi = played(tmp_path_factory.mktemp("vi"), "district-hot-spot",
                yaml.safe_load((EXAMPLES / "district-hot-spot-bad.yaml").read_text(encoding="utf-8")))
    return {"zh-CN": bad, "en": en, "vi": vi, "whatif": zh / "whatif.drill"}


def app_for(sessions, language: str, whatif: bool = False) -> DebriefApp:
    return DebriefApp(read_run(sessions[language]), language, read_run(sessions["whatif"]) if whatif else None)


def screen(app) -> DebriefScreen:
    return next(s for s in app.screen_stack if isinstance(s, DebriefScreen))


# ----- stepping, jumping, playing ----------------------------------------------------------------

async def test_steps_through_the_timeline_one_moment_at_a_time(sessions):
    app = app_for(sessions, "en")
    async with app.run_test(size=(160, 45)) as pilot:
        presenter = screen(app)
        timeline = presenter.timeline
        assert presenter.moment == 0 and timeline.moments[0].event.type == ev.OPEN
        await pilot.press("right", "right", "n")
        assert presenter.moment == 3 and presenter.now == timeline.moments[3].at
        await pilot.press("left")
        assert presenter.moment == 2
        await pilot.press("end")
        assert presenter.moment == len(timeline.moments) - 1
        await pilot.press("right")
        assert presenter.moment == len(timeline.moments) - 1   # stays at the last moment
        await pilot.press("home", "left")
        assert presenter.moment == 0


async def test_jumps_to_an_inject_and_to_a_task(sessions):
    app = app_for(sessions, "zh-CN")
    async with app.run_test(size=(160, 45)) as pilot:
        presenter = screen(app)
        await pilot.press("i")
        assert isinstance(app.screen, ChooseScreen)
        chooser = app.screen.query_one("OptionList")
        chooser.highlighted = next(n for n in range(chooser.option_count) if chooser.get_option_at_index(n).id == "second-wave")
        await pilot.press("enter")
        await pilot.pause()
        moment = presenter.timeline.moments[presenter.moment]
        assert moment.event.type == ev.INJECT and moment.event.data["inject"] == "second-wave"
        assert presenter.now == 7.5 * 3600
        # the moment says which submission set it off, and the team shown is the one it reached
        card = app.screen.query_one("#debrief-moment").content
        assert "由市委宣传部（市委网信办）的“形成通稿：联合工作组情况通报”引发" in _plain(card)
        await pilot.press("t")
        chooser = app.screen.query_one("OptionList")
        chooser.highlighted = next(n for n in range(chooser.option_count) if chooser.get_option_at_index(n).id == "summary")
        await pilot.press("enter")
        await pilot.pause()
        moment = presenter.timeline.moments[presenter.moment]
        assert (moment.event.type, moment.event.data["task"]) == (ev.OPEN, "summary")


async def test_plays_at_the_chosen_speed_and_stops(sessions):
    app = app_for(sessions, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        presenter = screen(app)
        await pilot.press("plus", "plus", "plus")
        assert presenter.speed == len((60, 300, 900, 1800, 3600)) - 1
        await pilot.press("minus")
        await pilot.press("space")
        assert presenter.playing
        await pilot.pause(0.6)
        await pilot.press("space")
        assert not presenter.playing
        moved = presenter.now
        assert moved >= 1800 * 0.3   # at ×1800, at least 0.3 s of play
        await pilot.pause(0.3)
        assert presenter.now == moved
        assert presenter.timeline.moments[presenter.moment].at <= presenter.now


async def test_shows_a_teams_submissions_scores_evidence_remarks_and_what_they_set_off(sessions):
    app = app_for(sessions, "zh-CN")
    async with app.run_test(size=(200, 50)) as pilot:
        presenter = screen(app)
        await pilot.press("end")
        await pilot.pause()
        while presenter.team != "propaganda":
            await pilot.press("tab")
        detail = _plain(app.screen.query_one("#team-detail").content)
        assert re.search(r"形成通稿：联合工作组情况通报  \d+ U", detail)  # the statement's score and rating
        assert "出现了“纯属谣言”" in detail                                        # evidence from the rubric
        assert "以“纯属谣言”定性代替事实说明" in detail                              # the expert's note
        assert "引发：二次舆情：#江川三小通报#冲上热搜，网友“逐句挑错”（14:30）" in detail   # what it set off
        assert "收到的情况" in detail
        board = _plain(app.screen.query_one("#team-board").content)
        assert "市委宣传部（市委网信办）" in board and "5/5" in board


async def test_beside_a_whatif_two_curves_and_the_changed_injects(sessions):
    app = app_for(sessions, "zh-CN", whatif=True)
    async with app.run_test(size=(200, 50)) as pilot:
        presenter = screen(app)
        await pilot.press("end")
        await pilot.pause()
        assert len(app.screen.query(HeatChart)) == 2
        title = _plain(app.screen.query_one("#whatif-title").content)
        assert "假如市委宣传部（市委网信办）的“形成通稿：联合工作组情况通报”换一种写法" in title
        changes = _plain(app.screen.query_one("#whatif-changes").content)
        assert "− 二次舆情：#江川三小通报#冲上热搜，网友“逐句挑错”  14:30 → —" in changes
        while presenter.team != "propaganda":
            await pilot.press("tab")
        assert "推演得分：99" in _plain(app.screen.query_one("#team-detail").content)


async def test_remarks_of_any_kind_are_shown_with_who_made_them(tmp_path, sessions):
    """Reviews by a named expert and event kinds this version does not know (an expert's
    observation) are moments of their own, shown as recorded."""
    path = tmp_path / "remarks.drill"
    path.write_bytes(sessions["en"].read_bytes())
    log = EventLog(path)
    seq = log.events()[-1].seq
    log.append(Event("observation", 3600, {"team": "school", "by": "Dr Wang", "text": "The head teacher hid in the office."}, seq + 1))
    log.append(Event(ev.REVIEW, 57600, {"team": "school", "task": "reply-parents", "criterion": "expert", "score": 0,
                                         "note": "Told parents to disperse.", "by": "Ms Li"}, seq + 2))
    log.close()
    app = DebriefApp(read_run(path), "en")
    async with app.run_test(size=(160, 45)) as pilot:
        presenter = screen(app)
        observation = next(n for n, m in enumerate(presenter.timeline.moments) if m.event.type == "observation")
        presenter.go(observation)
        await pilot.pause()
        card = _plain(app.screen.query_one("#debrief-moment").content)
        assert "observation · Dr Wang · Jiangchuan No. 3 Experimental Primary School\nThe head teacher hid in the office." in card
        await pilot.press("end")
        await pilot.pause()
        assert presenter.team == "school"
        detail = _plain(app.screen.query_one("#team-detail").content)
        assert "EXPERT · Ms Li" in detail and "Told parents to disperse." in detail and "The head teacher hid" in detail


def _plain(renderable) -> str:
    import io

    from rich.console import Console

    console = Console(width=400, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.file.getvalue()


# ----- snapshots ----------------------------------------------------------------------------

pytest.importorskip("pytest_textual_snapshot")


def at_inject(inject: str):
    async def run_before(pilot) -> None:
        presenter = screen(pilot.app)
        presenter.go(presenter.timeline.first(ev.INJECT, inject))
        await pilot.pause()
    return run_before


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_presenter_snapshots(snap_compare, sessions, language, size):
    assert snap_compare(app_for(sessions, language), terminal_size=size, run_before=at_inject("second-wave"))


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_presenter_snapshots_in_vietnamese(snap_compare, sessions, size):
    """At the first inject a team's submission set off: the right pane follows that team, and says so."""
    async def run_before(pilot) -> None:
        presenter = screen(pilot.app)
        timeline = presenter.timeline
        set_off = next(tr.inject for tr in timeline.triggered if tr.cause.kind == ev.SUBMIT)
        presenter.go(timeline.first(ev.INJECT, set_off))
        await pilot.pause()

    assert snap_compare(app_for(sessions, "vi"), terminal_size=size, run_before=run_before)


def test_presenter_beside_a_whatif_snapshot(snap_compare, sessions):
    assert snap_compare(app_for(sessions, "zh-CN", whatif=True), terminal_size=(160, 45), run_before=at_inject("second-wave"))


async def test_the_right_pane_follows_the_team_a_moment_concerns_and_says_so(sessions):
    """An inject a team's reply set off (家长直播… after 第三实验小学's answer at the gate) shows that
    team's work, not the team of the moment before, and the pane's title says why."""
    app = app_for(sessions, "zh-CN")
    async with app.run_test(size=(160, 45)) as pilot:
        presenter = screen(app)
        timeline = presenter.timeline
        triggered = next(tr for tr in timeline.triggered if tr.cause.kind == ev.SUBMIT)
        index = next(i for i, m in enumerate(timeline.moments)
                     if m.event.type == ev.INJECT and m.event.data["inject"] == triggered.inject)
        other = next(team for team in presenter.names if team != triggered.cause.team)
        presenter.team = other   # shown for the moment before
        presenter.go(index)
        await pilot.pause()
        assert presenter.team == triggered.cause.team
        title = _plain(app.screen.query_one("#team-title").content).strip()
        assert title == f"正在跟随{presenter.names[triggered.cause.team]}：此刻与该单位有关"
        await pilot.press("tab")   # the presenter picks a team: it stays, and the title is only its name
        await pilot.press("left", "right")
        await pilot.pause()
        assert _plain(app.screen.query_one("#team-title").content).strip() == presenter.names[presenter.team]


async def test_bidi_controls_never_reach_the_presenter_screen(sessions):
    """Issue 22 finding 11: an override in a team's text would reverse words on the projector."""
    from rich.segment import Segment
    from textual.color import Color

    from drill.report.bidi import CONTROLS
    from drill.tui.debrief import BidiIgnored

    app = app_for(sessions, "en")
    async with app.run_test(size=(120, 40)):
        filters = [f for f in app.get_line_filters() if isinstance(f, BidiIgnored)]
        assert len(filters) == 1
        shown = filters[0].apply([Segment("we did \u202eTON\u202c act"), Segment("".join(CONTROLS) + "x")], Color(0, 0, 0))
        assert "".join(s.text for s in shown) == "we did TON actx"

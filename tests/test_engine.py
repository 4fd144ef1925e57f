"""The engine: clock, triggers, recipients, tasks, visibility, and the session log."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from drill.engine import Clock, Refused, Session
from drill.formats import Loader
from drill.sessions import create, open_session, save_checkpoint

DATA = Path(__file__).parent / "data"


class FakeTime:
    """Real time that moves only when a test says so."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t

    def wait(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def exercise():
    return Loader().load_exercise(DATA / "mini.yaml")


@pytest.fixture
def real():
    return FakeTime()


@pytest.fixture
def session(exercise, real):
    s = Session(exercise, None, Clock(60, real=real))
    s.begin()
    return s


def fired(session: Session) -> list[str]:
    return list(session.state.fired)


def test_clock_starts_paused_and_runs_at_speed(session, real):
    real.wait(100)
    session.tick()
    assert session.now() == 0 and not session.state.running
    session.start()
    assert fired(session) == ["post"]  # the 0m inject
    real.wait(10)  # 10 real seconds at 60x = 10 in-world minutes
    assert session.now() == 600
    session.pause()
    real.wait(1000)
    assert session.now() == 600
    session.start()  # resumes
    session.set_speed(120)
    real.wait(5)
    assert session.now() == 1200
    with pytest.raises(Refused, match="speed must be from 1 to 3600"):
        session.set_speed(5000)


def test_at_injects_fire_on_time_with_default_recipients(session, real):
    session.start()
    real.wait(29.9)
    session.tick()
    assert "lab" not in fired(session)
    real.wait(0.1)
    session.tick()
    assert session.state.fired["lab"] == 1800
    assert [d.inject for d in session.state.inbox["school"]] == ["post", "lab"]
    assert [d.inject for d in session.state.inbox["press"]] == ["post"]  # lab was sent to school only


def test_heat_is_clamped_and_heat_above_triggers(session, real):
    session.start()
    assert session.state.heat == 30
    session.adhoc(channel="news", title="Viral", body="It spreads", heat=90)
    assert session.state.heat == 100
    assert "trending" in fired(session)  # heat_above: 50 held at once (no delay)
    session.adhoc(channel="news", title="Calm", body="", heat=-100)
    assert session.state.heat == 0


def test_missed_trigger_with_delay_goes_to_the_teams_that_missed(session, real):
    session.start()
    real.wait(30 + 60)  # statement opens at 30m, due 1h later
    session.tick()
    assert session.state.work[("press", "statement")].missed
    assert session.state.pending["chase"].fire_at == 5400 + 300
    assert "chase" not in fired(session)
    real.wait(5)
    session.tick()
    assert session.state.fired["chase"] == 5700
    assert "chase" in [d.inject for d in session.state.inbox["press"]]
    assert "chase" not in [d.inject for d in session.state.inbox["school"]]


def test_submitted_trigger_fires_once_on_first_submission(session, real):
    session.start()
    real.wait(40)
    session.submit("press", "statement", "Sealed batch, never served.")
    assert session.state.fired["thanks"] == 2400
    assert session.state.heat == 10


def test_double_submit_refused_and_late_submission_recorded(session, real):
    session.start()
    real.wait(40)
    session.submit("school", "assess", "Major", {"grade": "major"})
    with pytest.raises(Refused, match="already submitted task 'assess'.*submitting is final"):
        session.submit("school", "assess", "Again")
    with pytest.raises(Refused, match="already submitted"):
        session.save_draft("school", "assess", "edit")
    work = session.state.work[("school", "assess")]
    assert work.status == "late" and work.fields == {"grade": "major"}


def test_manual_inject_fires_only_by_hand_and_once(session, real):
    session.start()
    real.wait(200)
    session.tick()
    assert "journalist" not in fired(session)
    with pytest.raises(Refused, match="is not open"):
        session.save_draft("press", "answer", "x")  # opens only after the journalist calls
    session.fire("journalist")
    assert session.state.fired["journalist"] == 12000
    assert session.team_view("press").tasks[-1].id == "answer"
    with pytest.raises(Refused, match="already fired"):
        session.fire("journalist")


def test_jump_to_next_inject(session, real):
    session.start()
    assert session.jump_next() == 1800
    assert "lab" in fired(session)
    assert session.now() == 1800


def test_visibility(session, real):
    session.start()
    real.wait(30)
    session.tick()
    press, school = session.team_view("press"), session.team_view("school")
    assert [d.inject for d in school.injects] == ["lab", "post"]  # newest first
    assert [f.id for f in school.facts] == ["sealed"] and press.facts == ()
    assert {t.id for t in press.tasks} == {"assess", "statement"}
    assert {t.id for t in school.tasks} == {"assess"}
    grade = press.tasks[0].fields[0]
    assert grade.choices and not hasattr(grade, "answer")
    session.save_draft("press", "statement", "我们高度重视，正在调查。")
    assert session.team_view("press").tasks[1].draft == "我们高度重视，正在调查。"
    assert session.team_view("school").tasks[0].draft == ""
    with pytest.raises(Refused, match="not open for team 'school'"):
        session.save_draft("school", "statement", "peek")


def test_drill_ends_and_refuses_work(session, real):
    session.start()
    real.wait(10_000)
    session.tick()
    assert session.state.ended
    with pytest.raises(Refused, match="ended"):
        session.submit("press", "assess", "too late")
    board = session.board()
    assert board[("press", "assess")] == "missed"
    assert board[("press", "answer")] == "not-open"


def test_end_early(session):
    session.start()
    session.end()
    assert session.state.ended and session.state.now == 0


def test_adhoc_inject_to_chosen_teams(session):
    session.start()
    name = session.adhoc(channel="phone", title="记者来电", body="请问是否有学生住院？", to=["school"], sender="晚报记者")
    assert name == "adhoc-1"
    assert session.state.inbox["school"][-1].title == "记者来电"
    assert session.state.inbox["press"][-1].inject == "post"
    with pytest.raises(Refused, match="Unknown team"):
        session.adhoc(channel="phone", title="x", body="", to=["ghost"])


def test_log_replays_to_the_same_state(exercise, real, tmp_path):
    path = tmp_path / "s.drill"
    live = create(exercise, path, Clock(60, real=real))
    live.start()
    real.wait(40)
    live.save_draft("press", "statement", "draft one")
    live.submit("school", "assess", "Major", {"grade": "major"})
    live.fire("journalist")
    real.wait(5)
    live.tick()
    save_checkpoint(live)
    resumed = open_session(path, Clock(60, real=real))
    assert resumed.state.fired == live.state.fired
    assert resumed.state.work == live.state.work
    assert resumed.state.heat == live.state.heat
    assert resumed.now() == live.now() and not resumed.state.running
    resumed.start()
    real.wait(300)
    resumed.tick()
    assert resumed.state.ended


def test_scenario_with_same_id_for_inject_and_task(tmp_path):
    (tmp_path / "r.yaml").write_text((DATA / "statement-rubric.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "s.yaml").write_text(textwrap.dedent("""\
        format: drill/scenario@1
        id: same
        title: T
        summary: S
        clock: {start: "2026-05-12T07:30:00+08:00", duration: 2h}
        teams: [{id: a, name: A}]
        facts: [{id: sealed, text: S}]
        injects:
          - {id: statement, at: 10m, channel: news, title: T, body: B}
        tasks:
          - {id: statement, kind: statement, title: T, prompt: P, opens_after: statement, due: 30m, rubric: r.yaml}
        """), encoding="utf-8")
    session = Session(Loader().load_exercise(tmp_path / "s.yaml"), None, Clock(60, real=lambda: 0.0))
    session.begin()
    session.clock.set(3600)
    session.tick()
    assert session.state.work[("a", "statement")].missed


def test_a_conditional_inject_fired_by_hand_goes_to_the_teams_its_condition_is_about(session, real):
    """"Where is your statement?" (when the statement is missed) fired early reaches the team that
    owes it and has not handed it in, not every team; the fire dialog's recipients say the same."""
    assert session.recipients_now("chase") == ["press"]          # owed by the press office alone
    assert session.recipients_now("trending") == ["press", "school"]   # a heat condition names no team
    assert session.recipients_now("thanks") == ["press"]     # nobody has submitted: the team that owes the statement
    session.start()
    real.wait(31)   # 31 in-world minutes at x60: the statement is open
    session.tick()
    session.fire("chase")
    real.wait(6)
    session.tick()
    assert "chase" in session.state.fired
    assert [d.inject for d in session.state.inbox["school"]].count("chase") == 0
    assert [d.inject for d in session.state.inbox["press"]].count("chase") == 1

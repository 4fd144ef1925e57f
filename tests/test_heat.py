"""Opinion dynamics: heat follows the quality of the teams' work, reproducibly."""

from __future__ import annotations

from pathlib import Path


from drill.engine import heat as heat_model
from drill.formats import Loader, validate_paths
from drill.formats.responses import Responses
from drill.formats.scenario import HeatModel
from drill.simulate import simulate
from drill.store import EventLog

DATA = Path(__file__).parent / "data"
GOOD = "我们理解家长的担心。照片中的大米已封存，从未供应给学生。"
BAD = "无可奉告。据说大米已供应给学生。"


def run(tmp_path: Path, name: str, press: str, school: str | None):
    exercise = Loader().load_exercise(DATA / "heat.yaml")
    responses = [{"team": "press", "task": "statement", "at": 1200, "text": press}]
    if school is not None:
        responses.append({"team": "school", "task": "statement", "at": 1800, "text": school})
    script = Responses.model_validate({"format": "drill/responses@1", "responses": responses})
    session = simulate(exercise, script, tmp_path / name)
    lines = [event.to_json() for event in EventLog(tmp_path / name).events()]
    return session, lines


def test_formula():
    model = HeatModel(statement={"calm": 30, "backfire": 20, "pivot": 60}, half_life=3600)
    assert heat_model.statement_effect(100, model) == -30
    assert heat_model.statement_effect(60, model) == 0
    assert heat_model.statement_effect(0, model) == 20
    assert heat_model.statement_effect(30, model) == 10
    assert heat_model.decayed(80, 3600, model) == 40
    assert heat_model.decayed(80, 7200, model) == 20
    assert heat_model.clamp(130) == 100 and heat_model.clamp(-5) == 0


def test_good_and_bad_statements_play_differently(tmp_path):
    good, good_log = run(tmp_path, "good.drill", GOOD, GOOD)
    bad, bad_log = run(tmp_path, "bad.drill", BAD, None)

    assert good.state.scores[("press", "statement")] == 100
    assert bad.state.scores[("press", "statement")] < 50
    assert "praise" in good.state.fired and "second-wave" not in good.state.fired
    assert "second-wave" in bad.state.fired and "praise" not in bad.state.fired
    # the branch goes to the team whose work set it off
    assert [d.inject for d in bad.state.inbox["press"]][-1] in ("second-wave", "trending")
    assert "second-wave" not in [d.inject for d in bad.state.inbox["school"]]
    assert bad.state.fired["second-wave"] == 1200 + 600
    # a missed statement deadline raises heat, and the school's own heat shows it
    school_causes = [cause for cause in (line for line in bad_log if '"team":"school"' in line and '"type":"heat"' in line)]
    assert any("missed:statement" in line for line in school_causes)
    good_curve = [value for _, value in good.state.heat_history]
    bad_curve = [value for _, value in bad.state.heat_history]
    assert good_curve != bad_curve
    assert max(bad_curve) > max(good_curve)
    assert "trending" in bad.state.fired and "trending" not in good.state.fired


def test_a_team_view_carries_the_heat_curve_that_team_sees(tmp_path):
    session, _ = run(tmp_path, "view.drill", BAD, None)
    press, school = session.team_view("press"), session.team_view("school")
    assert press.heat_history == tuple(session.state.team_heat_history["press"])  # its own, under per_team
    assert press.heat_history != school.heat_history != tuple(session.state.heat_history)
    assert press.heat_history[-1][1] == press.team_heat
    plain = simulate(Loader().load_exercise(DATA / "mini.yaml"), Responses.model_validate(
        {"format": "drill/responses@1", "responses": []}), tmp_path / "plain.drill")
    assert plain.team_view("press").heat_history == tuple(plain.state.heat_history)  # no model: the public curve


def test_heat_decays_between_events(tmp_path):
    session, log = run(tmp_path, "decay.drill", GOOD, GOOD)
    decays = [line for line in log if '"cause":"decay"' in line]
    assert decays, "decay is recorded at each sample"
    history = session.state.heat_history
    assert history[-1][1] < 10  # cools towards 0 over the rest of the drill
    assert all(0 <= value <= 100 for _, value in history)


def test_runs_replay_identically(tmp_path):
    _, first = run(tmp_path, "a.drill", BAD, GOOD)
    _, second = run(tmp_path, "b.drill", BAD, GOOD)
    assert first == second


def test_validation_of_new_conditions(tmp_path):
    text = (DATA / "heat.yaml").read_text(encoding="utf-8")
    text = text.replace("when: {scored_below: {task: statement, score: 50}}", "when: {scored_below: {task: statment, score: 0}}")
    text = text.replace("  half_life: 2h", "  half_life: 2x")
    (tmp_path / "statement-rubric.yaml").write_text((DATA / "statement-rubric.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "heat.yaml"
    path.write_text(text, encoding="utf-8")
    found = [f"{p.position.line}:{p.position.column}: {p.message}" for p in validate_paths([path])[0]]
    assert any(p.startswith("11:14: half_life: '2x' is not a duration") for p in found), found
    assert not any("can never hold: the injects" in p for p in found), found
    text = (DATA / "heat.yaml").read_text(encoding="utf-8").replace(
        "when: {scored_below: {task: statement, score: 50}}", "when: {scored_below: {task: statment, score: 0}}"
    )
    path.write_text(text, encoding="utf-8")
    found = [f"{p.position.line}:{p.position.column}: {p.message}" for p in validate_paths([path])[0]]
    assert any(p.startswith("27:33: unknown task 'statment'") for p in found), found
    assert any(p.startswith("27:50: can never hold: scores run from 0 to 100") for p in found), found

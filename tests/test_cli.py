"""The command-line contract: simulate, log, score, review and schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from drill.formats.schema import SCHEMAS, schema_text

ROOT = Path(__file__).parent.parent


def drill(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drill", *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd)


def simulate(data_dir: Path, name: str) -> Path:
    session = data_dir / name
    result = drill("simulate", str(data_dir / "mini.yaml"), "--responses", str(data_dir / "mini-responses.yaml"), "--session", str(session))
    assert result.returncode == 0, result.stderr
    return session


def test_simulate_then_log_is_byte_identical(data_dir):
    first = drill("log", str(simulate(data_dir, "a.drill")), "--json")
    second = drill("log", str(simulate(data_dir, "b.drill")), "--json")
    assert first.returncode == 0 and first.stdout == second.stdout
    events = [json.loads(line) for line in first.stdout.splitlines()]
    assert all(isinstance(e["at"], (int, float)) and e["type"] for e in events)
    first_inject = next(e for e in events if e["type"] == "inject")
    assert (first_inject["at"], first_inject["inject"], first_inject["to"]) == (0, "post", ["press", "school"])
    submits = [(e["team"], e["task"]) for e in events if e["type"] == "submit"]
    assert submits == [("press", "assess"), ("school", "assess"), ("press", "statement")]
    assert [(e["team"], e["task"], e["criterion"]) for e in events if e["type"] == "review"] == [("press", "statement", "tone")]
    times = [e["at"] for e in events]
    assert times == sorted(times)


def test_simulate_refuses_an_existing_session(data_dir):
    session = simulate(data_dir, "a.drill")
    again = drill("simulate", str(data_dir / "mini.yaml"), "--responses", str(data_dir / "mini-responses.yaml"), "--session", str(session))
    assert again.returncode == 1 and "already exists" in again.stderr and "Traceback" not in again.stderr


def test_score_json_contract(data_dir):
    result = drill("score", str(simulate(data_dir, "a.drill")), "--json")
    scores = json.loads(result.stdout)
    assert scores["scenario"] == "mini"
    press = scores["teams"][0]
    assert press["team"] == "press" and set(press) >= {"team", "total", "rating", "tasks"}
    task = press["tasks"][0]
    assert set(task) >= {"task", "submitted_at", "score", "rating", "criteria"}
    assert set(task["criteria"][0]) >= {"id", "points", "max", "source", "evidence"}
    statement = next(t for t in press["tasks"] if t["task"] == "statement")
    tone = next(c for c in statement["criteria"] if c["id"] == "tone")
    assert tone["source"] == "expert" and tone["points"] == 1.0


def test_review_command_records_and_rescoring_follows(data_dir):
    session = simulate(data_dir, "a.drill")
    before = json.loads(drill("score", str(session), "--json").stdout)
    result = drill("review", str(session), "--team", "school", "--task", "assess", "--criterion", "on-time", "--score", "1", "--note", "交通堵塞，情有可原")
    assert result.returncode == 0, result.stderr
    after = json.loads(drill("score", str(session), "--json").stdout)
    school = lambda s: next(t for t in s["teams"] if t["team"] == "school")["tasks"][0]
    on_time = next(c for c in school(after)["criteria"] if c["id"] == "on-time")
    assert on_time["source"] == "expert" and on_time["note"] == "交通堵塞，情有可原"
    assert school(after)["score"] > school(before)["score"]
    bad = drill("review", str(session), "--team", "school", "--task", "assess", "--criterion", "on-time", "--score", "3")
    assert bad.returncode == 1 and "fraction from 0 to 1" in bad.stderr


def test_missing_session_is_a_clear_error(tmp_path):
    result = drill("log", str(tmp_path / "nope.drill"), "--json")
    assert result.returncode == 1 and "no such session file" in result.stderr and "Traceback" not in result.stderr
    (tmp_path / "junk.drill").write_text("not a database", encoding="utf-8")
    result = drill("score", str(tmp_path / "junk.drill"))
    assert result.returncode == 1 and "not a drill session file" in result.stderr


def test_committed_schemas_match_the_models():
    for name in SCHEMAS:
        committed = (ROOT / "docs" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
        assert committed == schema_text(name), f"docs/schema/{name}.schema.json is stale: run `drill schema --out docs/schema`"


def test_outline_of_bundled_drill(tmp_path):
    result = drill("outline", "school-food-rumour-en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Injects (" in result.stdout and "Tasks (" in result.stdout


def test_score_speaks_the_language_asked_for(data_dir):
    session = simulate(data_dir, "a.drill")
    english = drill("score", str(session))
    vietnamese = drill("score", str(session), "--lang", "vi")
    assert english.returncode == vietnamese.returncode == 0, vietnamese.stderr
    assert "submitted 0:10:00" in english.stdout and "nộp lúc 0:10:00" in vietnamese.stdout
    # the school's "Major incident." states nothing, so only its grade field earns (1 of 5)
    assert "20.0 U" in english.stdout and "20,0 U" in vietnamese.stdout
    scores = json.loads(drill("score", str(session), "--json", "--lang", "zh-CN").stdout)
    on_time = scores["teams"][0]["tasks"][1]["criteria"][0]  # the statement: the assessment says nothing of substance
    assert on_time["id"] == "on-time" and on_time["evidence"] == "比截止时间提前30分钟提交"
    assert isinstance(scores["teams"][0]["total"], float)   # JSON numbers stay numbers
    refused = drill("score", str(session), "--lang", "fr")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
def test_experts_by_name_observations_and_plan_rows_from_the_command_line(data_dir):
    responses = data_dir / "mini-responses.yaml"
    text = responses.read_text(encoding="utf-8")
    responses.write_text(text.replace("reviews:\n", "reviews:\n  - {team: press, task: statement, criterion: tone, score: 0, note: 太冷, by: 李教授}\n"), encoding="utf-8")
    assert drill("validate", str(data_dir / "mini.yaml"), str(responses)).returncode == 0
    session = simulate(data_dir, "experts.drill")
    recorded = drill("review", str(session), "--team", "press", "--task", "statement", "--criterion", "tone", "--score", "2",
                     "--note", "later, warmer", "--by", "李教授")
    assert recorded.returncode == 0 and "by 李教授" in recorded.stderr
    tone = next(c for t in json.loads(drill("score", str(session), "--json").stdout)["teams"] if t["team"] == "press"
                for task in t["tasks"] if task["task"] == "statement" for c in task["criteria"] if c["id"] == "tone")
    unnamed = next(r for r in tone["reviews"] if r["by"] is None)  # the script's review without a name stays
    assert [r for r in tone["reviews"] if r["by"] == "李教授"] == [{"by": "李教授", "level": 2.0, "note": "later, warmer"}]
    top = 4
    assert tone["points"] == round(tone["max"] * (unnamed["level"] + 2) / 2 / top, 3)
    assert drill("observe", str(session), "--team", "press", "--kind", "strength", "--text", "快速核实", "--inject", "post",
                 "--by", "Dr. Tran").returncode == 0
    bad = drill("observe", str(session), "--team", "ghost", "--kind", "strength", "--text", "x")
    assert bad.returncode == 1 and "no team 'ghost'" in bad.stderr
    assert drill("plan", str(session), "--team", "press", "--action", "Rehearse", "--element", "training",
                 "--start", "2026-06-01").returncode == 0
    late = drill("plan", str(session), "--team", "press", "--action", "x", "--end", "June")
    assert late.returncode == 1 and "'June' is not a date" in late.stderr
    events = [json.loads(line) for line in drill("log", str(session), "--json").stdout.splitlines()]
    assert [(e["by"], e["kind"], e["inject"]) for e in events if e["type"] == "observe"] == [("Dr. Tran", "strength", "post")]
    assert [(e["action"], e["element"], e["start"]) for e in events if e["type"] == "plan"] == [("Rehearse", "training", "2026-06-01")]


def test_outline_speaks_the_scenarios_language_or_the_one_asked_for(tmp_path):
    chinese = drill("outline", "school-food-rumour", cwd=tmp_path)
    english = drill("outline", "school-food-rumour", "--lang", "en", cwd=tmp_path)
    vietnamese = drill("outline", "district-hot-spot", cwd=tmp_path)
    assert chinese.returncode == english.returncode == vietnamese.returncode == 0, chinese.stderr
    assert "小组：" in chinese.stdout and "任务（" in chinese.stdout and "[若未按时提交：assess]" in chinese.stdout
    for word in ("Teams:", "Injects (", "Tasks (", "Starts ", "opens ", "due "):
        assert word not in chinese.stdout and word in english.stdout, word
    assert "Các tổ:" in vietnamese.stdout and "Teams:" not in vietnamese.stdout


def test_validate_reports_a_clock_error_and_every_cross_reference_error_in_one_pass(tmp_path):
    """A wrong clock does not hide the rest: unknown teams and tasks, a missing rubric, each at its place."""
    text = (Path(__file__).parent / "data" / "mini.yaml").read_text(encoding="utf-8")
    broken = text.replace("teams: all\n    due: 30m", "teams: [press, ghost]\n    due: 30m", 1).replace("when: {missed: statement}", "when: {missed: nothing}")
    start = next(line for line in broken.splitlines() if line.strip().startswith("start:"))
    broken = broken.replace(start, start.split("start:")[0] + "start: 16 April, early")
    scenario = tmp_path / "broken.yaml"
    scenario.write_text(broken, encoding="utf-8")
    for name in ("rubric.yaml", "statement-rubric.yaml"):
        (tmp_path / name).write_text((Path(__file__).parent / "data" / name).read_text(encoding="utf-8"), encoding="utf-8")
    result = drill("validate", str(scenario), cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any("start:" in line and "datetime" in line for line in lines), lines
    assert any("unknown team 'ghost'" in line for line in lines), lines
    assert any("unknown task 'nothing'" in line for line in lines), lines
    assert all(line.startswith(f"{scenario}:") for line in lines)


def test_validate_names_the_fact_whose_half_truths_have_no_whole_truth(tmp_path):
    """A half-truth stands only beside what it leaves out: without `whole_truth` it is an error at the fact."""
    text = (Path(__file__).parent / "data" / "mini.yaml").read_text(encoding="utf-8")
    scenario = tmp_path / "half.yaml"
    scenario.write_text(text.replace("    contradicted_by: [was served to pupils]\n",
                                     "    contradicted_by: [was served to pupils]\n    half_truths: [all of it was sealed]\n", 1), encoding="utf-8")
    for name in ("rubric.yaml", "statement-rubric.yaml"):
        (tmp_path / name).write_text((Path(__file__).parent / "data" / name).read_text(encoding="utf-8"), encoding="utf-8")
    result = drill("validate", str(scenario), cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stdout.startswith(f"{scenario}:17:") and "half_truths needs whole_truth" in result.stdout, result.stdout
    scenario.write_text(scenario.read_text(encoding="utf-8").replace(
        "    half_truths: [all of it was sealed]\n", "    half_truths: [all of it was sealed]\n    whole_truth: [one sack was opened]\n"), encoding="utf-8")
    assert drill("validate", str(scenario), cwd=tmp_path).returncode == 0


def test_simulate_says_which_scenario_a_responses_file_is_for(tmp_path):
    """The Chinese drill's example answers given to the English drill: one clear line naming both,
    not a page of choices that do not fit; given to their own drill, the line names it."""
    examples = Path(__file__).parents[1] / "docs" / "examples"
    wrong = drill("simulate", "school-food-rumour-en", "--responses", str(examples / "school-food-rumour-good.yaml"), "--session", str(tmp_path / "w.drill"))
    assert wrong.returncode == 1
    assert wrong.stderr.strip().splitlines() == [
        f"{examples / 'school-food-rumour-good.yaml'}:9:11: error: these responses are for scenario 'school-food-rumour', not "
        "'school-food-rumour-en': give that scenario, or change `scenario:`"]
    right = drill("simulate", "school-food-rumour", "--responses", str(examples / "school-food-rumour-good.yaml"), "--session", str(tmp_path / "r.drill"))
    assert right.returncode == 0 and "演练了 school-food-rumour" in right.stderr   # in the drill's language, as its other lines

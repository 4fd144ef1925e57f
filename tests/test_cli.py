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
    assert "53.3" in english.stdout and "53,3" in vietnamese.stdout
    scores = json.loads(drill("score", str(session), "--json", "--lang", "zh-CN").stdout)
    on_time = scores["teams"][0]["tasks"][0]["criteria"][0]
    assert on_time["id"] == "on-time" and on_time["evidence"] == "比截止时间提前20分钟提交"
    assert isinstance(scores["teams"][0]["total"], float)   # JSON numbers stay numbers
    refused = drill("score", str(session), "--lang", "fr")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr

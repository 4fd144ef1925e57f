"""Real MSELs from other tools import as they are (tests/data/msel-foreign, sources in its
SOURCES.md): every inject's time, team and channel is checked against the file itself,
and the drill made from it validates, rehearses with `drill simulate` and runs headless."""

from __future__ import annotations

import base64
import csv
import json
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drill.formats import FormatError, Loader
from drill.msel.read import build
from drill.msel.skeleton import slug

FOREIGN = Path(__file__).parent / "data" / "msel-foreign"


def drill(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drill", *args], capture_output=True, text=True, encoding="utf-8")


def imported(tmp_path: Path, name: str, *extra: str):
    out = tmp_path / f"{name}.yaml"
    result = drill("msel", "import", str(FOREIGN / name), "--out", str(out), *extra)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and result.stdout.strip() == str(out)
    assert drill("validate", str(out)).returncode == 0
    return out, Loader().load_exercise(out).scenario, result.stderr


def rehearsed(tmp_path: Path, scenario_file: Path, scenario) -> list[dict]:
    """`drill simulate` with no responses: every timed inject fires, to the teams it names."""
    responses = tmp_path / "none.yaml"
    responses.write_text(f"format: drill/responses@1\nscenario: {scenario_file.name}\nresponses: []\nreviews: []\n", encoding="utf-8")
    session = tmp_path / f"{scenario_file.stem}.drill"
    result = drill("simulate", str(scenario_file), "--responses", str(responses), "--session", str(session))
    assert result.returncode == 0, result.stderr
    log = [json.loads(line) for line in drill("log", str(session), "--json").stdout.splitlines()]
    fired = {e["inject"]: e for e in log if e["type"] == "inject"}
    assert set(fired) == {i.id for i in scenario.injects if i.at is not None}
    for inject in scenario.injects:
        if inject.at is not None:
            assert fired[inject.id]["at"] == inject.at and fired[inject.id]["to"] == scenario.recipients(inject.to)
    return log


def runs_headless(tmp_path: Path, scenario_file: Path, scenario) -> None:
    """`drill serve --headless --start`: it serves, hands out a code per inferred team, and the clock runs."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    codes, session = tmp_path / "codes.json", tmp_path / "served.drill"
    server = subprocess.Popen([sys.executable, "-m", "drill", "serve", str(scenario_file), "--headless", "--start", "--port", str(port),
                               "--session", str(session), "--codes-file", str(codes)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        line = server.stdout.readline()
        assert line.startswith("Serving"), line + server.stderr.read()
        assert set(json.loads(codes.read_text(encoding="utf-8"))) == {team.id for team in scenario.teams}
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            log = drill("log", str(session), "--json").stdout
            if '"action":"start"' in log:
                break
            time.sleep(0.2)
        assert '"action":"start"' in log
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_t3sf_msel_json_imports_as_it_is(tmp_path):
    """T3SF's example MSEL: Date (`Monday 9:30 AM`) is the in-world time, Player the team,
    Subject and Script the title and body; Real Time, Photo, Poll ... kept as notes."""
    rows = json.loads((FOREIGN / "t3sf-msel-example.json").read_text(encoding="utf-8"))
    out, scenario, summary = imported(tmp_path, "t3sf-msel-example.json")
    assert [i.id for i in scenario.injects] == [f"inject-{n}" for n in range(1, 13)]
    first = datetime.strptime(rows[0]["Date"].split(" ", 1)[1], "%I:%M %p")
    assert scenario.clock.start.strftime("%A %H:%M") == "Monday 09:30"
    for inject, row in zip(scenario.injects, rows, strict=True):
        moment = datetime.strptime(row["Date"].split(" ", 1)[1], "%I:%M %p")
        assert inject.at == (moment - first).seconds
        assert scenario.recipients(inject.to) == [slug(row["Player"], "")]
        assert inject.channel == "message"            # T3SF posts to chat: the stated fallback
        assert (inject.title, inject.body, inject.from_) == (row["Subject"], row["Script"], row["From"])
        assert f"Real Time: {row['Real Time']}" in inject.notes
        if row["Poll"]:
            assert f"Poll: {row['Poll']}" in inject.notes
    assert {t.name for t in scenario.teams} == {row["Player"] for row in rows}
    assert "'Real Time' -> notes" in summary and "channel message for 12 injects" in summary
    rehearsed(tmp_path, out, scenario)
    runs_headless(tmp_path, out, scenario)


def test_incident_response_tabletop_csv_imports_as_it_is(tmp_path):
    """An IR tabletop MSEL: `T+min` gives the unit of `T+5`, Delivery words the channel,
    Description the body (and the title); Expected Actions and Evaluation Notes/Hints land in the notes."""
    with open(FOREIGN / "ir-tabletop-msel.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out, scenario, summary = imported(tmp_path, "ir-tabletop-msel.csv")
    delivery = {"Verbal + artifact": "note", "Email printout": "email", "Chat message": "message", "Email from exec": "email", "Verbal": "note"}
    for inject, row in zip(scenario.injects, rows, strict=True):
        assert inject.at == int(row["T+min"].removeprefix("T+")) * 60
        assert inject.channel == delivery[row["Delivery"]]
        assert scenario.recipients(inject.to) == ["players"]
        assert inject.body == row["Description"] and row["Description"].startswith(inject.title.rstrip(" …"))
        assert f"Expected player action: {row['Expected Actions']}" in inject.notes
        assert f"Evaluator notes: {row['Evaluation Notes/Hints']}" in inject.notes
        assert f"Artifacts: {row['Artifacts']}" in inject.notes
    assert scenario.clock.duration == 95 * 60 + 1800
    assert "'T+min' -> offset (elapsed), a bare number in minutes" in summary
    assert "'Email printout' -> email" in summary
    rehearsed(tmp_path, out, scenario)
    report = drill("report", str(tmp_path / f"{out.stem}.drill"), "--out", str(tmp_path / "report"), "--format", "html")
    assert report.returncode == 0, report.stderr
    page = (tmp_path / "report" / "report.html").read_text(encoding="utf-8")
    assert "Expected player action: Triage identity, list recent actions &amp; regions; start scoping." in page   # beside its inject
    runs_headless(tmp_path, out, scenario)


def test_expected_actions_become_tasks_when_asked(tmp_path):
    rows = list(csv.DictReader(open(FOREIGN / "ir-tabletop-msel.csv", encoding="utf-8", newline="")))
    out, scenario, summary = imported(tmp_path, "ir-tabletop-msel.csv", "--tasks-from-expected")
    assert [t.opens_after for t in scenario.tasks] == [i.id for i in scenario.injects]
    assert all(t.rubric == "plan" and t.due == 900 for t in scenario.tasks)
    assert not any(row["Expected Actions"] in t.prompt for t, row in zip(scenario.tasks, rows))   # the answer stays with the experts
    assert "tasks made from expected player actions: 6" in summary
    rehearsed(tmp_path, out, scenario)


def _flow(name: str) -> tuple[dict, list[tuple[dict, dict]]]:
    data = json.loads((FOREIGN / name).read_text(encoding="utf-8"))
    injects = {i["uuid"]: i for i in data["injects"]}
    return data, [(flow, injects[flow["inject_uuid"]]) for flow in data["inject_flow"]]


@pytest.mark.parametrize("name", ["cexf-misp-01.json", "skillaegis-basic-event-creation.json"])
def test_misp_exercises_in_cexf_import_as_they_are(tmp_path, name):
    """MISP's CEXF sample and a SkillAegis scenario: `startex` at the start, an inject that
    follows another's resolution fired by the facilitator; evaluations go to the evaluator's notes."""
    data, flow = _flow(name)
    out, scenario, summary = imported(tmp_path, name)
    assert scenario.title == data["exercise"]["name"] and scenario.clock.duration == int(data["exercise"]["total_duration"])
    for inject, (step, source) in zip(scenario.injects, flow, strict=True):
        trigger = step["sequence"]["trigger"]
        if "startex" in trigger and not step["requirements"]:
            assert inject.at == 0 and inject.when is None
        else:
            assert inject.at is None and inject.when.kind == "manual"
        assert inject.channel == ("email" if "email" in source["action"] else "message")
        assert scenario.recipients(inject.to) == ["players"]
        assert inject.title == source["name"]
        for evaluation in source["inject_evaluation"]:
            assert evaluation["result"] in inject.notes
        if step["requirements"]:
            assert f"resolution: {step['requirements']['resolution_requirement']}" in inject.notes
    if name == "cexf-misp-01.json":   # the e-mail the players receive, from its base64 payload
        email = base64.b64decode(data["inject_payloads"][0]["parameters"]["content"]).decode("utf-8").strip()
        assert scenario.injects[0].body.endswith(email)
    rehearsed(tmp_path, out, scenario)


def test_drill_exports_cexf_and_reads_it_back(tmp_path):
    scenario = Loader().load_exercise(Path(__file__).parent / "data" / "mini.yaml").scenario
    result = drill("msel", "export", str(Path(__file__).parent / "data" / "mini.yaml"), "--format", "cexf", "--out", str(tmp_path / "mini.json"))
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "mini.json").read_text(encoding="utf-8"))
    assert {"exercise", "inject_flow", "inject_payloads", "injects"} <= data.keys()
    assert data["exercise"]["total_duration"] == str(scenario.clock.duration)
    timed = sorted((i for i in scenario.injects if i.at is not None), key=lambda i: i.at)
    assert [f["timing"]["triggered_at"] for f in data["inject_flow"][:len(timed)]] == [i.at for i in timed]
    back = tmp_path / "back.yaml"
    result = drill("msel", "import", str(tmp_path / "mini.json"), "--out", str(back))
    assert result.returncode == 0, result.stderr
    again = Loader().load_exercise(back).scenario
    assert [(i.at, i.title, i.body, i.channel) for i in again.injects if i.at is not None] == [(i.at, i.title, i.body, i.channel) for i in timed]


def test_a_json_file_of_another_shape_is_a_positioned_error(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text('{"name": "no injects here"}', encoding="utf-8")
    result = drill("msel", "import", str(bad), "--out", str(tmp_path / "x.yaml"))
    assert result.returncode == 1 and result.stderr.startswith(f"{bad}:1:1: error: expected a T3SF MSEL")
    broken = tmp_path / "broken.json"
    broken.write_text('[\n  {"Subject": "a",\n   "Date": }\n]', encoding="utf-8")
    result = drill("msel", "import", str(broken), "--out", str(tmp_path / "y.yaml"))
    assert result.returncode == 1 and result.stderr.startswith(f"{broken}:3:12: error: not JSON") and "Traceback" not in result.stderr


JSON_VALUE = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.text(max_size=12)
                          | st.sampled_from(["startex", "T+5", "Monday 9:30 AM", "email_to_participants", "manual"]),
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=12)
KEYS = st.sampled_from(["#", "Date", "Subject", "Script", "Player", "From", "T+min", "Delivery", "uuid", "inject_uuid", "name", "action",
                        "timing", "sequence", "requirements", "inject_evaluation", "triggered_at", "trigger", "score_range"])
FLAT = st.dictionaries(KEYS, JSON_VALUE, max_size=6)
SHAPES = st.one_of(
    st.lists(FLAT, max_size=4),                                            # T3SF-like
    st.fixed_dictionaries({"exercise": JSON_VALUE, "inject_flow": st.lists(FLAT | JSON_VALUE, max_size=3),
                           "injects": st.lists(FLAT | JSON_VALUE, max_size=3), "inject_payloads": JSON_VALUE}),   # CEXF-like
    JSON_VALUE,
)


@settings(max_examples=80, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(SHAPES)
def test_any_json_gives_a_positioned_error_or_a_scenario_that_loads(tmp_path, value):
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    try:
        text = build(path, tmp_path / "fuzz.yaml")
    except FormatError as error:
        assert error.problems and all(p.position.line >= 1 and p.position.column >= 1 for p in error.problems)
        return
    (tmp_path / "fuzz.yaml").write_text(text, encoding="utf-8")
    Loader().load_exercise(tmp_path / "fuzz.yaml")

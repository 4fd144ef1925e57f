"""Validation of scenario, rubric and responses files: every error at its line and column."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from drill.formats import Loader, validate_paths
from drill.formats.duration import format_duration, parse_duration
from drill.formats.library import bundled, scenario_path

HEAD = """\
format: drill/scenario@1
id: t
title: T
summary: S
clock:
  start: "2026-05-12T07:30:00+08:00"
  duration: 4h
teams:
  - id: press
    name: Press
facts:
  - id: sealed
    text: Sealed batch
    keywords: [sealed]
"""
# Lines 1-14 above; the body of each case starts on line 15.
RUBRIC = """\
format: drill/rubric@1
id: r
title: R
criteria:
  - id: c
    title: C
    check: {any_of: [rice]}
"""


def problems_of(tmp_path: Path, body: str, head: str = HEAD, name: str = "s.yaml") -> list[str]:
    (tmp_path / "r.yaml").write_text(RUBRIC, encoding="utf-8")
    path = tmp_path / name
    path.write_text(head + textwrap.dedent(body), encoding="utf-8")
    problems, unreadable = validate_paths([path])
    assert not unreadable
    return [f"{p.position.line}:{p.position.column}: {p.message}" for p in problems]


VALID = """\
injects:
  - id: post
    at: 0m
    channel: social
    title: Post
    body: Body
tasks:
  - id: assess
    kind: assessment
    title: A
    prompt: P
    due: 30m
    rubric: r.yaml
"""


def test_valid_minimal(tmp_path):
    assert problems_of(tmp_path, VALID) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a bad duration points at the value
        ("    at: 0m", "    at: 5x", "17:9: at: '5x' is not a duration"),
        # an unknown key with a near miss
        ("    title: Post", "    titel: Post", "19:5: unknown key 'titel' (did you mean 'title'?)"),
        # a wrong type
        ("    body: Body", "    body: [a, b]", "20:11: body: Input should be a valid string"),
        # a missing key points at the mapping that lacks it
        ("    due: 30m\n", "", "22:5: missing required key 'due'"),
        # an unknown channel
        ("    channel: social", "    channel: tweet", "18:14: channel: 'tweet' is not allowed here; expected 'social'"),
        # an id that is not a slug
        ("  - id: post", "  - id: Post!", "16:9: id: 'Post!' is not a valid id"),
        # a task opening after the end of the clock
        ("    due: 30m", "    opens: 5h\n    due: 30m", "26:12: opens at 5h, not before the drill ends at 4h"),
        # an inject after the end
        ("    at: 0m", "    at: 4h", "17:9: fires at 4h, not before the drill ends at 4h"),
        # an unknown rubric
        ("    rubric: r.yaml", "    rubric: nope", "27:13: rubric 'nope' not found"),
        # both at and when
        ("    at: 0m", "    at: 0m\n    when: {manual: true}", "16:5: an inject needs exactly one of 'at' or 'when'"),
    ],
)
def test_error_positions(tmp_path, old, new, expected):
    assert old in VALID
    found = problems_of(tmp_path, VALID.replace(old, new))
    assert any(line.startswith(expected) for line in found), found


def test_cross_references(tmp_path):
    body = """\
    injects:
      - id: post
        at: 0m
        channel: social
        to: [press, ghost]
        title: Post
        body: Body
        reveals: [sealed, nothing]
      - id: post
        when: {missed: nope}
        channel: news
        title: Dup
        body: Body
      - id: hot
        when: {heat_above: 150}
        channel: news
        title: Hot
        body: Body
    tasks:
      - id: assess
        kind: assessment
        title: A
        prompt: P
        teams: [press, nobody]
        opens_after: missing
        due: 30m
        rubric: r.yaml
    """
    found = problems_of(tmp_path, body)
    assert "19:17: unknown team 'ghost' (known: press)" in found
    assert "22:23: unknown fact 'nothing' (known: sealed)" in found
    assert "23:9: duplicate id 'post': ids must be unique among injects" in found
    assert "24:20: unknown task 'nope' (known: assess)" in found
    assert any(p.startswith("29:24: can never hold: the heat index runs from 0 to 100") for p in found)
    assert "38:20: unknown team 'nobody' (known: press)" in found
    assert "39:18: unknown inject 'missing' (known: hot, post)" in found


def test_conditions_that_can_never_hold(tmp_path):
    body = """\
    injects:
      - id: hot
        when: {heat_above: 50}
        channel: news
        title: Hot
        body: Body
        heat: 60
      - id: warm
        at: 1h
        channel: news
        title: Warm
        body: Body
        heat: 20
      - id: thanks
        when: {submitted: later}
        channel: news
        title: Thanks
        body: Body
      - id: chase
        when: {missed: late}
        channel: phone
        title: Chase
        body: Body
    tasks:
      - id: later
        kind: reply
        title: A
        prompt: P
        opens_after: thanks
        due: 30m
        rubric: r.yaml
      - id: late
        kind: report
        title: B
        prompt: P
        opens: 3h
        due: 2h
        rubric: r.yaml
    """
    found = problems_of(tmp_path, body)
    assert any(p.startswith("17:24: can never hold: the injects that can fire add at most 20 heat, below 50") for p in found), found
    assert any(p.startswith("29:23: can never hold: task 'later' never opens") for p in found), found
    assert any(p.startswith("34:11: can never hold: task 'late' is due at 5h") for p in found), found
    assert any(p.startswith("43:18: never opens: inject 'thanks' can never fire") for p in found), found


def test_all_problems_reported_even_with_broken_items(tmp_path):
    body = VALID.replace("    title: Post", "    titel: Post").replace("    due: 30m", "    due: 30m\n    teams: [ghost]")
    found = problems_of(tmp_path, body)
    assert any("unknown key 'titel'" in p for p in found)
    assert any("unknown team 'ghost'" in p for p in found)


def test_rubric_errors(tmp_path):
    rubric = """\
    format: drill/rubric@1
    id: r
    title: R
    scale:
      - {id: A, label: Good, min: 50}
      - {id: B, label: Bad, min: 60}
    criteria:
      - id: both
        title: Both
        check: {any_of: [x]}
        manual: {levels: {2: ok, 0: none}}
      - id: bad-regex
        title: Regex
        check: {regex: "(unclosed"}
      - id: two
        title: Two checks
        weight: 0
        check: {any_of: [x], none_of: [y]}
    """
    path = tmp_path / "bad.yaml"
    path.write_text(textwrap.dedent(rubric), encoding="utf-8")
    found = [f"{p.position.line}:{p.position.column}: {p.message}" for p in validate_paths([path])[0]]
    assert any(p.startswith("5:3: scale: list the bands highest first") for p in found), found
    assert any(p.startswith("8:5: a criterion needs exactly one of 'check' or 'manual'") for p in found), found
    assert any(p.startswith("14:20: regex: the regular expression does not compile") for p in found), found
    assert any(p.startswith("17:13: weight: Input should be greater than 0") for p in found), found
    assert any(p.startswith("18:12: check: a check needs exactly one of") for p in found), found


def test_field_check_needs_an_answer(tmp_path):
    (tmp_path / "f.yaml").write_text(RUBRIC.replace("check: {any_of: [rice]}", "check: {field: grade}"), encoding="utf-8")
    body = VALID.replace("rubric: r.yaml", "rubric: f.yaml")
    found = problems_of(tmp_path, body)
    assert any(p.startswith("27:13: rubric 'r' criterion 'c' checks field 'grade', but this task has no field 'grade' with an 'answer'") for p in found), found


def test_an_optional_field_check_is_left_out_of_a_task_without_that_field(tmp_path):
    """A library rubric can check a field that only some drills' tasks define (the bundled
    assessments' lead unit): marked `optional`, it is no error where the task lacks the field,
    and the task is judged without it."""
    optional = RUBRIC.replace("check: {any_of: [rice]}", "check: {any_of: [rice]}\n  - id: lead\n    title: Lead\n    cap: 70\n"
                              "    optional: true\n    check: {field: lead}")
    (tmp_path / "o.yaml").write_text(optional, encoding="utf-8")
    body = VALID.replace("rubric: r.yaml", "rubric: o.yaml")
    assert problems_of(tmp_path, body) == []
    exercise = Loader().load_exercise(tmp_path / "s.yaml")
    task = exercise.scenario.tasks[0]
    assert [c.id for c in exercise.rubric_for(task.id).criteria] == ["c"]
    assert [c.id for c in exercise.rubrics["o.yaml"].fitted({"lead"}).criteria] == ["c", "lead"]
    # only a field check can be left out
    (tmp_path / "o.yaml").write_text(optional.replace("check: {field: lead}", "check: {any_of: [lead]}"), encoding="utf-8")
    assert any("only a `field` check can be optional" in p for p in problems_of(tmp_path, body))


def test_responses_cross_references(data_dir):
    path = data_dir / "bad-responses.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            format: drill/responses@1
            scenario: mini.yaml
            responses:
              - {team: press, task: assess, at: 10m, text: a, fields: {grade: huge}}
              - {team: press, task: assess, at: 20m, text: again}
              - {team: school, task: statement, at: 1h, text: not theirs}
              - {team: ghost, task: assess, at: 1h}
            reviews:
              - {team: press, task: statement, criterion: tone, score: 3}
              - {team: press, task: statement, criterion: nope, score: 1}
            """
        ),
        encoding="utf-8",
    )
    found = [f"{p.position.line}:{p.position.column}: {p.message}" for p in validate_paths([path])[0]]
    assert any(p.startswith("4:67: 'huge' is not one of the choices") for p in found), found
    assert any(p.startswith("5:5: team 'press' already submitted task 'assess'") for p in found), found
    assert any(p.startswith("6:26: team 'school' does not owe task 'statement'") for p in found), found
    assert any(p.startswith("7:12: unknown team 'ghost'") for p in found), found
    assert any(p.startswith("9:60: criterion 'tone' is scored by level") for p in found), found
    assert any(p.startswith("10:47: rubric 'mini-statement' has no criterion 'nope'") for p in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: [1, 2\n", "YAML syntax"),
        ("a: 1\na: 2\n", "2:1: duplicate key 'a' (first at line 1)"),
        ("", "1:1: the file is empty"),
        ("format: drill/other@9\n", "1:9: unknown format 'drill/other@9'"),
        ("--- {a: 1}\n--- {b: 2}\n", "2:1: the file holds more than one YAML document"),
        ("a: !!python/object:os.system x\n", "unsupported tag"),
        ("[" * 200 + "]" * 200 + "\n", "nesting deeper than 64 levels"),
    ],
)
def test_yaml_level_errors(tmp_path, text, expected):
    path = tmp_path / "y.yaml"
    path.write_text(text, encoding="utf-8")
    found = [f"{p.position.line}:{p.position.column}: {p.message}" for p in validate_paths([path])[0]]
    assert any(expected in p for p in found), found


def test_not_utf8(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("title: 大米\n".encode("gbk"))
    found = validate_paths([path])[0]
    assert found and found[0].position.line == 1 and "not valid UTF-8" in found[0].message


def test_an_unquoted_value_cut_at_a_hashtag_is_refused_with_its_place(tmp_path):
    path = tmp_path / "tags.yaml"
    path.write_text(textwrap.dedent("""\
        format: drill/scenario@1
        title: 微博热搜 #江川三小# 持续发酵
        heat: 20  # a comment, as comments are written
        quoted: "话题 #江川三小# 不受影响"
        """), encoding="utf-8")
    found = validate_paths([path])[0]
    assert [(p.position.line, p.position.column) for p in found] == [(2, 13)]
    assert "'微博热搜'" in found[0].message and "quotes" in found[0].message


def test_billion_laughs_refused_fast(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 10):
        lines.append(f"a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 10) + "]")
    path = tmp_path / "laughs.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.perf_counter()
    found = validate_paths([path])[0]
    assert time.perf_counter() - started < 5  # generous: the real figure is in docs/benchmarks.md
    assert any("expands to more than" in p.message for p in found), found


def test_oversized_file_refused(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * (17 * 1024 * 1024) + b"\n")
    found = validate_paths([path])[0]
    assert "larger than 16 MiB" in found[0].message


def test_durations():
    assert parse_duration("1h30m") == 5400
    assert parse_duration("90s") == 90
    assert parse_duration(45) == 45
    assert parse_duration("1d") == 86400
    for bad in ("30m1h", "1.5h", "", "h", "-5", True):
        with pytest.raises(ValueError, match="expected a duration"):
            parse_duration(bad)
    assert format_duration(5400) == "1h30m"
    assert format_duration(0) == "0m"


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drill", *args], capture_output=True, text=True, cwd=cwd, encoding="utf-8")


def test_validate_command_exit_codes(data_dir, tmp_path):
    ok = run_cli("validate", str(data_dir / "mini.yaml"), str(data_dir / "rubric.yaml"))
    assert ok.returncode == 0, ok.stderr
    text = (data_dir / "mini.yaml").read_text(encoding="utf-8").replace("    title: Mouldy rice?", "    titel: Mouldy rice?")
    (data_dir / "mini.yaml").write_text(text, encoding="utf-8")
    bad = run_cli("validate", str(data_dir / "mini.yaml"))
    assert bad.returncode == 1
    assert f"{data_dir / 'mini.yaml'}:26:5: error: unknown key 'titel' (did you mean 'title'?)" in bad.stdout
    missing = run_cli("validate", str(tmp_path / "nowhere.yaml"))
    assert missing.returncode == 2
    assert "cannot read" in missing.stderr and "Traceback" not in missing.stderr


def test_bundled_files_validate():
    files = sorted(bundled("scenarios").glob("*.yaml")) + sorted(bundled("scoring").glob("*.yaml"))
    assert len(files) >= 12
    problems, unreadable = validate_paths(files)
    assert not unreadable
    assert [str(p) for p in problems] == []
    for path in files:
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")


def test_bundled_scenario_by_id_from_any_folder(tmp_path):
    assert scenario_path("school-food-rumour").is_file()
    result = run_cli("validate", "school-food-rumour", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_bundled_scenario_content():
    exercise = Loader().load_exercise(scenario_path("school-food-rumour"))
    scenario = exercise.scenario
    assert scenario.language == "zh-CN"
    assert len(scenario.injects) >= 15
    kinds = {inject.when.kind for inject in scenario.injects if inject.when}
    assert kinds >= {"missed", "submitted", "heat_above", "manual"}
    assert {task.kind for task in scenario.tasks} == {"assessment", "plan", "statement", "reply", "report"}
    assert len({inject.channel for inject in scenario.injects}) >= 4

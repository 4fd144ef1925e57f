"""Fuzzing with Hypothesis: whatever a file or a frame holds, drill answers with a positioned
problem or a refusal, never with a crash.

Files are mutated from real ones (bytes deleted, inserted, repeated, flipped; lines replaced),
rebuilt from real ones with values of the wrong type, nested deep, swollen with huge strings
and odd Unicode, or drawn as random bytes. The loader must stay on its error path (a
FormatError listing problems, or a list of problems from `validate_paths`), and every problem
must name a line and column inside the file. WebSocket frames get the same treatment against
the protocol's decoder, which may only answer BadMessage.

Profiles live in tests/conftest.py: the default (`ci`) is derandomized and bounded so the
whole file runs in well under a minute; `--hypothesis-profile=deep` runs far more examples.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from drill.formats import FormatError, Loader, validate_paths
from drill.net import protocol as p

DATA = Path(__file__).parent / "data"
BUNDLED = Path(__file__).parents[1] / "scenarios"
POSITIONED = re.compile(r"^.+:\d+:\d+: error: .+$", re.S)

SEEDS = {
    "scenario": [(DATA / "mini.yaml").read_bytes(), (DATA / "heat.yaml").read_bytes(), (BUNDLED / "school-food-rumour.yaml").read_bytes()],
    "rubric": [(DATA / "rubric.yaml").read_bytes(), (DATA / "statement-rubric.yaml").read_bytes()],
    "responses": [(DATA / "mini-responses.yaml").read_bytes()],
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """tests/data copied once: a mutated file sits beside the rubrics and scenario it names."""
    target = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(DATA, target)
    return target


# ----- what goes into files ------------------------------------------------------------------

odd_text = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from("\u202e\u2066\u200f\u061c\ufeff\u200b\x00\x1b\t\r\n\\\"'#:-[]{}&*!|>%@`, 中文大米霉变😀\u0301"),
    ),
    max_size=40,
)
huge_text = st.builds(lambda char, n: char * n, st.sampled_from(["x", "长", "😀", "\u202e", "a b "]), st.integers(5_000, 300_000))
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=True, allow_infinity=True),
    odd_text, st.sampled_from(["", "0m", "-5m", "99999999d", "all", "../../etc/passwd", "/etc/hosts", "r" * 300,
                               "drill/scenario@1", "drill/rubric@1", "2026-05-12T07:30:00+08:00", "x.yaml"]),
)
values = st.recursive(
    scalars, lambda children: st.lists(children, max_size=4) | st.dictionaries(st.one_of(odd_text, st.integers()), children, max_size=4),
    max_leaves=10,
)
DEEP = "NESTED-DEEP-HERE"


def deep_nesting(depth: int, mapping: bool) -> str:
    return "{a: " * depth + "1" + "}" * depth if mapping else "[" * depth + "]" * depth


@st.composite
def mutated_bytes(draw, kind: str) -> bytes:
    """A real file with a few byte-level edits."""
    data = bytearray(draw(st.sampled_from(SEEDS[kind])))
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(["delete", "insert", "repeat", "flip", "line"]))
        if edit == "delete":
            del data[at:at + draw(st.integers(1, 200))]
        elif edit == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=40) | odd_text.map(lambda s: s.encode("utf-8")))
        elif edit == "repeat":
            data[at:at] = data[at:at + draw(st.integers(1, 300))] * draw(st.integers(1, 4))
        elif edit == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        else:
            lines = data.split(b"\n")
            lines[min(at, len(lines) - 1) if lines else 0:][:1] = [draw(odd_text).encode("utf-8")]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@st.composite
def wrong_types(draw, kind: str) -> bytes:
    """A real file, parsed, with one to three values replaced by something of the wrong
    shape (or nested deep, or huge), and written back as YAML."""
    data = yaml.safe_load(draw(st.sampled_from(SEEDS[kind])).decode("utf-8"))
    for _ in range(draw(st.integers(1, 3))):
        node, key = data, None
        while True:
            keys = list(node) if isinstance(node, dict) else list(range(len(node))) if isinstance(node, list) else []
            if not keys:
                break
            key = draw(st.sampled_from(keys))
            child = node[key]
            if not isinstance(child, (dict, list)) or not child or draw(st.integers(0, 3)) == 0:
                break
            node = child
        if key is None:
            continue
        node[key] = draw(st.one_of(values, huge_text, st.just(DEEP)))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    if DEEP in text:
        text = text.replace(DEEP, deep_nesting(draw(st.integers(10, 400)), draw(st.booleans())))
    return text.encode("utf-8")


def files(kind: str):
    return st.one_of(mutated_bytes(kind), wrong_types(kind), st.binary(max_size=300))


# ----- the properties ------------------------------------------------------------------------

def assert_positioned(problems, text: bytes) -> None:
    lines = text.count(b"\n") + 2
    for problem in problems:
        assert POSITIONED.match(str(problem)), str(problem)
        assert 1 <= problem.position.line <= lines and problem.position.column >= 1, str(problem)


def check_file(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    problems, unreadable = validate_paths([path])
    assert not unreadable
    assert_positioned(problems, content)
    return path


MINI = SEEDS["scenario"][0]


# Found by the fuzzer, kept as examples so that every run tries them again.
@example(content=MINI.replace(b"teams:\n", b"teams: 1\nx:\n", 1))
@example(content=MINI.replace(b"facts:\n", b"facts: 7\nx:\n", 1))
@given(content=files("scenario"))
def test_scenario_files_never_crash_the_loader(folder, content):
    path = check_file(folder, "fuzzed-scenario.yaml", content)
    try:
        Loader().load_exercise(path)
    except FormatError as error:
        assert error.problems
        assert_positioned(error.problems, content)


@given(content=files("rubric"))
def test_rubric_files_never_crash_the_loader(folder, content):
    check_file(folder, "fuzzed-rubric.yaml", content)
    scenario = (folder / "mini.yaml").read_text(encoding="utf-8").replace("rubric: rubric.yaml", "rubric: fuzzed-rubric.yaml")
    (folder / "fuzzed-uses-rubric.yaml").write_text(scenario, encoding="utf-8")
    try:
        Loader().load_exercise(folder / "fuzzed-uses-rubric.yaml")
    except FormatError as error:
        assert_positioned(error.problems, scenario.encode("utf-8"))


@example(content=SEEDS["responses"][0].replace(b"scenario: mini.yaml", b'scenario: "nowhere\\0"'))
@example(content=SEEDS["responses"][0].replace(b"scenario: mini.yaml", b"scenario: missing-scenario"))
@given(content=files("responses"))
def test_responses_files_never_crash_the_loader(folder, content):
    path = check_file(folder, "fuzzed-responses.yaml", content)
    exercise = Loader().load_exercise(folder / "mini.yaml")
    try:
        Loader().load_responses(path, exercise)
    except FormatError as error:
        assert_positioned(error.problems, content)


# ----- frames --------------------------------------------------------------------------------

VALID = [
    {"type": "hello", "team": "press", "code": "ABC123"},
    {"type": "draft", "id": 1, "task": "assess", "text": "草稿", "fields": {"grade": "major"}},
    {"type": "submit", "id": 2, "task": "assess", "text": "final", "fields": {}},
    {"type": "ack", "id": 3},
    {"type": "error", "id": 4, "message": "no", "key": "ended", "params": {"a": 1}},
    {"type": "stored-draft", "task": "assess", "text": "x", "fields": {}, "more": True},
    {"type": "earlier-injects", "injects": [{"inject": "post", "at": 0, "channel": "social", "sender": None, "title": "t",
                                             "body": "b", "heat": 0, "reveals": [], "adhoc": False}]},
    {"type": "update", "now": 1, "running": True, "speed": 60, "ended": False, "heat": 3, "deliveries": [], "heat_points": [[1, 2]]},
    {"type": "welcome", "scenario": "s", "start": "2026-05-12T07:30:00+08:00", "duration": 60, "drafts": 0,
     "view": {"team": "press", "name": "P", "brief": "", "now": 0, "running": False, "speed": 60, "ended": False,
              "heat": 0, "team_heat": None, "injects": [], "facts": [], "tasks": [], "heat_history": []}},
]


def test_the_frames_mutated_below_start_out_valid():
    from drill.net import protocol as p

    for frame in VALID:
        p.parse(p.ClientMessage if frame["type"] in ("hello", "draft", "submit") else p.ServerMessage, json.dumps(frame))


@st.composite
def mutated_messages(draw) -> str:
    message = json.loads(json.dumps(draw(st.sampled_from(VALID))))
    for _ in range(draw(st.integers(1, 3))):
        node = message
        while True:
            key = draw(st.sampled_from(list(node))) if node else None
            if key is None or not isinstance(node[key], dict) or not node[key] or draw(st.booleans()):
                break
            node = node[key]
        if key is not None:
            node[key] = draw(st.one_of(values, st.just(DEEP)))
        else:
            node[draw(odd_text)] = draw(values)
    text = json.dumps(message, ensure_ascii=draw(st.booleans()), allow_nan=True)
    nested = deep_nesting(draw(st.integers(10, 5000)), mapping=False)
    return text.replace(json.dumps(DEEP), nested)


frames = st.one_of(
    mutated_messages(),
    st.text(max_size=200),
    st.binary(max_size=200),
    values.map(lambda v: json.dumps(v, allow_nan=True)),
    st.builds(deep_nesting, st.integers(1, 100_000), st.booleans()),
    st.builds(lambda n: "[" * n, st.integers(1, 100_000)),
)


@given(frame=frames)
def test_protocol_decoding_answers_bad_message_or_a_message(frame):
    for adapter in (p.ClientMessage, p.ServerMessage):
        try:
            message = p.parse(adapter, frame)
        except p.BadMessage as error:
            assert str(error).startswith("malformed message")
        else:
            assert isinstance(message, p.Message)

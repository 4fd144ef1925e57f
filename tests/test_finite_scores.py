"""Finite numbers wherever a score or a weight enters (issue 22 finding 9): NaN or Infinity over
the network is refused (the expert stays connected), on the command line it is an error
with exit 1, and in a responses or rubric file it is a positioned error with exit 1."""

from __future__ import annotations

import json
import math

import pytest

from drill.engine import Refused
from drill.net.expert_client import RemoteExpert
from test_cli import drill
from test_experts import press_at_work, raw_expert

NOT_FINITE = ("NaN", "Infinity", "-Infinity")


async def test_an_expert_sending_nan_or_infinity_is_refused_not_dropped(panel):
    press = await press_at_work(panel)
    await press.submit("assess", "Major incident.", {"grade": "major"})
    async with raw_expert(panel) as raw:
        for n, number in enumerate(NOT_FINITE):
            await raw.send(f'{{"type": "review", "id": {n}, "team": "press", "task": "assess", "criterion": "tone", "score": {number}, "note": ""}}')
            while (answer := json.loads(await raw.recv()))["type"] == "events":
                pass
            assert answer["type"] == "error" and answer["id"] == n, answer
    for score in (math.nan, math.inf):  # the engine refuses it too, whoever calls
        with pytest.raises(Refused) as refused:
            panel.session.review("press", "assess", "tone", score, by="李教授")
        assert refused.value.key == "not-finite"
    expert = RemoteExpert(panel.url, "李教授", panel.expert_codes["李教授"])
    await expert.start()   # still admitted; nothing was recorded
    assert not [e for e in panel.session.sink.events() if e.type == "review"]
    await expert.close()
    await press.close()


def test_review_on_the_command_line_refuses_nan(tmp_path):
    session = tmp_path / "s.drill"
    simulated = drill("simulate", "tests/data/mini.yaml", "--responses", "tests/data/mini-responses.yaml", "--session", str(session))
    assert simulated.returncode == 0, simulated.stderr
    for value in ("nan", "inf", "-inf"):
        result = drill("review", str(session), "--team", "press", "--task", "statement", "--criterion", "tone", "--score", value)
        assert result.returncode == 1 and "Traceback" not in result.stderr, (value, result.stderr)
        assert "finite" in result.stderr


@pytest.mark.parametrize("number", [".nan", ".inf", "-.inf"])
def test_a_responses_file_with_a_score_that_is_not_a_number_is_a_positioned_error(data_dir, number):
    responses = data_dir / "mini-responses.yaml"
    responses.write_text(responses.read_text(encoding="utf-8").replace("score: 4", f"score: {number}"), encoding="utf-8")
    result = drill("validate", str(data_dir / "mini.yaml"), str(responses))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result
    line = next(n for n, text in enumerate(responses.read_text(encoding="utf-8").splitlines(), 1) if "score:" in text)
    assert f"mini-responses.yaml:{line}:" in result.stdout + result.stderr


def test_a_rubric_weight_of_infinity_is_a_positioned_error(data_dir):
    rubric = data_dir / "rubric.yaml"
    text = rubric.read_text(encoding="utf-8")
    assert "weight:" in text
    rubric.write_text(text.replace("weight: ", "weight: .inf #", 1), encoding="utf-8")
    result = drill("validate", str(rubric))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result
    assert "rubric.yaml:" in result.stdout + result.stderr


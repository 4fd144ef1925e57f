"""Texts that cannot outgrow a network frame (issue 22 finding 11): the scenario format
bounds what a team is sent, and validation says where a text is too long."""

from __future__ import annotations

from drill.engine.state import Delivery
from drill.formats.scenario import MAX_BODY
from drill.net import protocol as p

from test_cli import drill


def test_an_inject_body_too_big_for_a_frame_is_a_positioned_error(data_dir):
    """Issue 22 finding 11: a 1.2 MB inject body validated, then every join failed with 1009."""
    scenario = data_dir / "mini.yaml"
    text = scenario.read_text(encoding="utf-8")
    assert "body: " in text
    scenario.write_text(text.replace("body: ", "body: " + "谣" * 400_000 + " ", 1), encoding="utf-8")
    result = drill("validate", str(scenario))
    line = next(n for n, row in enumerate(scenario.read_text(encoding="utf-8").splitlines(), 1) if "谣谣" in row)
    assert result.returncode == 1 and f"mini.yaml:{line}:" in result.stdout, result
    # and the longest body allowed travels in a frame, at the most bytes a character can take
    biggest = Delivery("x", 0, "social", None, "t" * 1000, "😀" * MAX_BODY, 0, (), False)
    assert len(p.encode(p.EarlierInjects(injects=[biggest])).encode()) < p.MAX_FRAME

"""Example responses for every bundled drill in each of its languages: a good and a bad
rehearsal that `drill simulate` plays, each naming its scenario, playing two different games."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from drill.formats import Loader
from drill.formats.library import scenario_path
from drill.simulate import simulate

ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "docs" / "examples"
SCENARIOS = sorted(path.stem for path in (ROOT / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_each_bundled_drill_has_a_good_and_a_bad_rehearsal_that_play_differently(tmp_path, scenario):
    loader = Loader()
    exercise = loader.load_exercise(scenario_path(scenario))
    played = {}
    for kind in ("good", "bad"):
        path = EXAMPLES / f"{scenario}-{kind}.yaml"
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["scenario"] == scenario
        played[kind] = simulate(exercise, loader.load_responses(path, exercise), tmp_path / f"{kind}.drill")
    good, bad = played["good"].state, played["bad"].state
    assert "statement-praised" in good.fired and "statement-praised" not in bad.fired
    assert "second-wave" in bad.fired and "second-wave" not in good.fired
    assert max(heat for _, heat in good.heat_history) < max(heat for _, heat in bad.heat_history)

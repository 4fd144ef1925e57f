"""The chaos soak, short: a served drill SIGKILLed and restarted every few seconds while teams
draft and submit, reviewers record reviews offline and invited experts review over the
network, and a hostile seat floods drafts, stops reading and sends nested frames; nothing
acknowledged may be lost.
The long run is `benchmarks/soak_chaos.py` (figures in docs/benchmarks.md)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
from soak_chaos import soak  # noqa: E402


async def test_a_drill_killed_again_and_again_loses_nothing_acknowledged(tmp_path):
    result = await soak(tmp_path, teams=10, reviewers=2, experts=2, seconds=18, kill_every=3, seed=7)
    assert result["lost"] == {"drafts": 0, "submissions": 0, "reviews": 0}, result
    acknowledged = result["acknowledged"]
    assert result["kills"] >= 2 and acknowledged["drafts"] > 20 and acknowledged["submissions"] > 0, result
    assert acknowledged["reviews"] > 0 and result["offline_reviews_refused_by_the_lock"] > 0, result
    assert 0 < acknowledged["of_which_by_experts"] < acknowledged["reviews"], result  # both kinds of reviewer got through
    hostile = result["hostile"]  # a hostile seat attacked all along, and the honest teams got through (above)
    assert hostile["flood drafts sent"] > 50 and hostile["nested hello refused"] > 0 and hostile["silent sockets opened"] > 0, result

"""Scorer speed: the clause-aware checks on real texts, one submission at a time.

Target: the new checks (clauses, substance, over-claims, labels, gates) cost under 5 ms per
submission, median. Every text of the bundled rehearsals (docs/examples, good and bad, Chinese,
English and Vietnamese) is scored alone against its task's rubric, as `drill score` and the
engine's branching do; each is timed apart, fresh (nothing cached from an earlier text).
Run: .venv/bin/python benchmarks/bench_scorer.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from drill.formats import Loader
from drill.formats.library import scenario_path
from drill.scoring import Submission, automatic_score

EXAMPLES = Path(__file__).parents[1] / "docs" / "examples"
DRILLS = {"school-food-rumour": "school-food-rumour", "school-food-rumour-en": "school-food-rumour-en",
          "district-hot-spot": "district-hot-spot", "district-hot-spot-en": "district-hot-spot-en"}


def texts() -> list[tuple[object, Submission, float]]:
    loader, out = Loader(), []
    for scenario in DRILLS:
        exercise = loader.load_exercise(scenario_path(scenario))
        for script in sorted(EXAMPLES.glob(f"{scenario}-*.yaml")):
            if script.stem.removeprefix(scenario + "-") not in ("good", "bad"):
                continue
            responses = loader.load_responses(script, exercise)
            for r in responses.responses:
                due = next(t for t in exercise.scenario.tasks if t.id == r.task).due + 10 * 3600
                out.append((exercise, Submission(r.team, r.task, r.at, r.text, dict(r.fields or {})), due))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    work = texts()
    times = []
    for _ in range(args.rounds):
        for exercise, submission, due in work:
            start = time.perf_counter()
            automatic_score(exercise, submission, due)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"Scored {len(work)} submissions of the bundled rehearsals alone, {args.rounds} rounds")
    print(f"  per submission: median {statistics.median(times):.2f} ms, 90th percentile {times[int(0.9 * len(times))]:.2f} ms, "
          f"max {times[-1]:.2f} ms (target: median < 5 ms)")


if __name__ == "__main__":
    main()

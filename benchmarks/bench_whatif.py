"""What-if speed: the 2-day drill with 2,000 injects and 50 teams, replayed with one submission changed.

Target (issue 14): `drill whatif` of that drill in under 2 s, whole process (reading the
session, replaying its 1,000 submissions and 50 reviews with one statement replaced,
writing the new session file and scoring both runs to say what changed).
Run: .venv/bin/python benchmarks/bench_whatif.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import write_responses, write_scenario  # noqa: E402

from drill.engine.whatif import Change, compare  # noqa: E402
from drill.sessions import open_session  # noqa: E402
from drill.whatif import run_whatif  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        scenario = write_scenario(folder, teams=50, injects=2000, tasks=20, duration_h=48)
        responses = write_responses(folder, scenario, teams=50, tasks=20, duration_h=48)
        drill = str(Path(sys.executable).parent / "drill")
        subprocess.run([drill, "simulate", str(scenario), "--responses", str(responses), "--session", str(folder / "played.drill")],
                       check=True, capture_output=True)
        (folder / "new.txt").write_text("无可奉告。", encoding="utf-8")
        command = [drill, "whatif", str(folder / "played.drill"), "--team", "t7", "--task", "k3", "--text", str(folder / "new.txt")]
        runs = []
        for n in range(3):
            started = time.perf_counter()
            subprocess.run([*command, "--out", str(folder / f"whatif{n}.drill")], check=True, capture_output=True)
            runs.append(time.perf_counter() - started)
        events = len(open_session(folder / "played.drill").sink.events())
        print(f"`drill whatif` 2 days, 2,000 injects, 50 teams, 1,000 responses, {events:,} events (whole process): "
              f"best {min(runs):.2f} s, median {statistics.median(runs):.2f} s (target < 2 s)")

        parts = {}
        started = time.perf_counter()
        result = run_whatif(folder / "played.drill", Change("t7", "k3", "无可奉告。"), folder / "inproc.drill")
        parts["replay into a new file"] = time.perf_counter() - started
        started = time.perf_counter()
        compare(result.original, result.session.state, "t7", "k3")
        parts["score both and compare"] = time.perf_counter() - started
        print("in one process: " + ", ".join(f"{what} {seconds:.2f} s" for what, seconds in parts.items()))


if __name__ == "__main__":
    main()

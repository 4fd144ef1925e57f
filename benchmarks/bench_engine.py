"""Engine speed: a headless 2-day drill, and how punctually injects fire in a live run.

Targets (issue 3): `drill simulate` of a 2-day scenario with 2,000 injects, 50
teams and 1,000 responses in under 3 s; in a live run at speed 60, every inject
fires within 50 ms of its due real time.
Run: .venv/bin/python benchmarks/bench_engine.py [--live-injects 300]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import write_responses, write_scenario  # noqa: E402

from drill.engine import Clock  # noqa: E402
from drill.formats import Loader  # noqa: E402
from drill.live import drive  # noqa: E402
from drill.sessions import create  # noqa: E402


def headless(folder: Path) -> None:
    scenario = write_scenario(folder, teams=50, injects=2000, tasks=20, duration_h=48)
    responses = write_responses(folder, scenario, teams=50, tasks=20, duration_h=48)
    command = [str(Path(sys.executable).parent / "drill"), "simulate", str(scenario), "--responses", str(responses)]
    runs = []
    for n in range(3):
        session = folder / f"run{n}.drill"
        started = time.perf_counter()
        subprocess.run([*command, "--session", str(session)], check=True, capture_output=True)
        runs.append(time.perf_counter() - started)
    print(f"`drill simulate` 2 days, 2,000 injects, 50 teams, 1,000 responses (whole process): best {min(runs):.2f} s, median {statistics.median(runs):.2f} s (target < 3 s)")


async def live(folder: Path, injects: int) -> None:
    scenario = write_scenario(folder / "live", teams=5, injects=injects, tasks=1, duration_h=48, spacing=6)
    exercise = Loader().load_exercise(scenario)
    session = create(exercise, folder / "live.drill", Clock(60))
    due = {inject.id: inject.at for inject in exercise.scenario.injects if inject.at is not None}
    last = max(due.values())
    lateness: list[float] = []
    start_real = 0.0

    def on_event(event) -> None:
        if event.type == "inject" and event.data["inject"] in due:
            expected = start_real + due[event.data["inject"]] / 60
            lateness.append(time.monotonic() - expected)

    session.listeners.append(on_event)
    stop = asyncio.Event()
    start_real = time.monotonic()
    session.start()
    runner = asyncio.create_task(drive(session, stop))
    while len(lateness) < len(due):
        await asyncio.sleep(0.1)
    stop.set()
    await runner
    ms = sorted(x * 1000 for x in lateness)
    print(
        f"live run at speed 60, {len(ms)} injects over {last / 60:.0f} real seconds: lateness "
        f"median {statistics.median(ms):.1f} ms, p99 {ms[int(len(ms) * 0.99) - 1]:.1f} ms, worst {ms[-1]:.1f} ms (target: worst < 50 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--live-injects", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        headless(Path(folder))
        asyncio.run(live(Path(folder), args.live_injects))


if __name__ == "__main__":
    main()

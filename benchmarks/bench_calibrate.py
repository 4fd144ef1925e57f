"""Calibration speed: `drill calibrate` over every bundled graded set.

Each example is handed in alone in a fresh headless session and scored on the automatic
criteria, so the cost grows with the number of examples and with the scorer's checks.
Prints the whole process (start-up included) and, in one process, the time per example.
Run: .venv/bin/python benchmarks/bench_calibrate.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from drill.calibrate import calibrate
from drill.formats import Loader

ROOT = Path(__file__).parent.parent
SETS = sorted((ROOT / "graded").glob("*.yaml"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    drill = str(Path(sys.executable).parent / "drill")
    whole = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([drill, "calibrate", *map(str, SETS), "--json"], check=True, capture_output=True)
        whole.append(time.perf_counter() - started)
    inside, examples = [], 0
    for _ in range(runs):
        loader = Loader()
        started = time.perf_counter()
        examples = sum(len(calibrate(path, loader).overall.pairs) for path in SETS)
        inside.append(time.perf_counter() - started)
    print(f"`drill calibrate` of the {len(SETS)} bundled sets ({examples} examples), whole process: "
          f"best {min(whole):.2f} s, median {statistics.median(whole):.2f} s")
    print(f"in one process: best {min(inside):.2f} s, {1000 * min(inside) / examples:.1f} ms per example "
          "(a fresh session, advanced to the example's time, one submission, its automatic score)")


if __name__ == "__main__":
    main()

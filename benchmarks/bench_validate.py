"""Validation speed: a 5,000-inject, 200-task scenario, and `drill validate` of the bundled drill.

Targets (issue 2): the large scenario validates in under 2 s; `drill validate
school-food-rumour` takes under 0.5 s as a whole process.
Run: .venv/bin/python benchmarks/bench_validate.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import write_scenario  # noqa: E402

from drill.formats import validate_paths  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_scenario(Path(folder), teams=10, injects=5000, tasks=200, duration_h=48)
        size = path.stat().st_size
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            problems, _ = validate_paths([path])
            runs.append(time.perf_counter() - started)
            assert not problems, problems[:3]
        print(f"validate 5,000 injects + 200 tasks ({size / 1e6:.1f} MB): best {min(runs):.2f} s, median {statistics.median(runs):.2f} s (target < 2 s)")

        laughs = Path(folder) / "laughs.yaml"
        lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        lines += [f"a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 10)]
        laughs.write_text("\n".join(lines) + "\n", encoding="utf-8")
        started = time.perf_counter()
        validate_paths([laughs])
        print(f"refuse a billion-laughs file: {(time.perf_counter() - started) * 1000:.0f} ms (target < 1 s)")

    command = [str(Path(sys.executable).parent / "drill"), "validate", "school-food-rumour"]
    runs = []
    for _ in range(7):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        runs.append(time.perf_counter() - started)
    print(f"`drill validate school-food-rumour` whole process: best {min(runs):.2f} s, median {statistics.median(runs):.2f} s (target < 0.5 s)")


if __name__ == "__main__":
    main()

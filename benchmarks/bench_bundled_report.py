"""Report speed for the bundled drill: `drill report` on the good rehearsal of
school-food-rumour (5 teams, 9 tasks, some 38 pages), stage by stage.

Target: the PDF in under 5 s, as `drill report` writes it (a fresh process: imports and
WeasyPrint's font loading included); `drill report` also writes report.html, report.md
and report.docx, each a stage of its own in the lines it prints.
Each run is a fresh `drill report` process (the stage lines are read from its
standard error); CPU seconds are given beside the wall-clock ones, since on a
shared machine the wall clock also counts other people's work.
Run: .venv/bin/python benchmarks/bench_bundled_report.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DRILL = [sys.executable, "-m", "drill"]


def rehearse(folder: Path) -> Path:
    session = folder / "good.drill"
    subprocess.run([*DRILL, "simulate", "school-food-rumour", "--responses",
                    str(ROOT / "docs/examples/school-food-rumour-good.yaml"), "--session", str(session)],
                   check=True, capture_output=True)
    return session


def one_run(session: Path, out: Path, env: dict[str, str]) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([*DRILL, "report", str(session), "--out", str(out)], check=True, capture_output=True,
                          text=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stderr


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        session = rehearse(folder)
        for label, workers in (("default processes", None), ("one process", "1")):
            env = dict(os.environ)
            if workers:
                env["DRILL_PDF_WORKERS"] = workers
            walls, cpus = [], []
            for n in range(args.runs):
                wall, cpu, stages = one_run(session, folder / f"out-{n}", env)
                walls.append(wall)
                cpus.append(cpu)
            pages = subprocess.run(["pdfinfo", str(folder / "out-0" / "report.pdf")], capture_output=True, text=True).stdout
            count = next((line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")), "?")
            print(f"drill report, {label}: wall {min(walls):.2f} s best, {statistics.median(walls):.2f} s median; "
                  f"CPU {min(cpus):.2f} s best ({count} pages, {args.runs} runs)")
            print("  stages of the last run:")
            for line in stages.splitlines():
                print("   ", line)
    print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()

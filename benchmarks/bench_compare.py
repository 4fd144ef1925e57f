"""Comparing runs: `drill compare` of 20 sessions of the bundled drill, with charts.

Target (issue 24): under 5 s without the PDF (HTML, Markdown and Word; the Word file is
written too when python-docx is here), on the 2-core development machine. The sessions
are the bundled school-food-rumour played with the good, the poor and a mixed rehearsal
in turn. The PDF is timed apart, for the record.
Run: .venv/bin/python benchmarks/bench_compare.py [--sessions 20]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
RESPONSES = [ROOT / "docs/examples/school-food-rumour-good.yaml", ROOT / "docs/examples/school-food-rumour-bad.yaml",
             ROOT / "tests/data/school-food-rumour-mixed.yaml"]


def timed(command: list[str], runs: int = 3) -> list[float]:
    spent = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        spent.append(time.perf_counter() - started)
    return spent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=20)
    args = parser.parse_args()
    drill = str(Path(sys.executable).parent / "drill")
    with tempfile.TemporaryDirectory() as folder:
        sessions = []
        for n in range(args.sessions):
            session = Path(folder) / f"group-{n + 1:02d}.drill"
            subprocess.run([drill, "simulate", "school-food-rumour", "--responses", str(RESPONSES[n % 3]), "--session", str(session)],
                           check=True, capture_output=True)
            sessions.append(str(session))
        out = str(Path(folder) / "out")
        without = timed([drill, "compare", *sessions, "--out", out, "--format", "html", "--format", "md", "--format", "docx"])
        print(f"`drill compare` of {args.sessions} sessions, HTML + Markdown + Word with charts (whole process): "
              f"best {min(without):.2f} s, median {statistics.median(without):.2f} s (target < 5 s)")
        html_md = timed([drill, "compare", *sessions, "--out", out, "--format", "html", "--format", "md"])
        print(f"  HTML + Markdown only: best {min(html_md):.2f} s, median {statistics.median(html_md):.2f} s")
        pdf = timed([drill, "compare", *sessions, "--out", out, "--format", "pdf"], runs=1)
        pages = subprocess.run(["pdfinfo", str(Path(out) / "compare.pdf")], capture_output=True, text=True).stdout
        count = next((line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")), "?")
        print(f"  the PDF alone: {pdf[0]:.2f} s, {count} pages")


if __name__ == "__main__":
    main()

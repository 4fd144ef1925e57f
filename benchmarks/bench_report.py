"""Report speed: the debrief of a big drill, 50 teams × 6 tasks, every piece of work handed in.

Targets: scoring plus report.html and report.md in under 2 s; report.pdf in under 20 s.
The session is read back from its file first, as `drill report SESSION` does; that
replay is timed apart, since it belongs to the engine. The PDF is rendered by as many
processes as drill.report would use here (one per core, see drill/report/pdf.py), or
by `--workers N` (1 = in one piece, in this process).
Run: .venv/bin/python benchmarks/bench_report.py [--runs 3] [--workers N]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import write_scenario  # noqa: E402

from drill.formats import Loader  # noqa: E402
from drill.report import pdf_unavailable, write_report  # noqa: E402
from drill.report.pdf import WORKERS_VARIABLE, workers_for  # noqa: E402
from drill.scoring import score_session  # noqa: E402
from drill.simulate import simulate  # noqa: E402
from drill.sessions import open_session  # noqa: E402

TEAMS, TASKS, HOURS = 50, 6, 12
# A statement of about 300 characters, the length a real one has, with a line to vary per team.
TEXT = (
    "关于网传第三实验小学食堂使用发霉大米的情况通报\\n"
    "我们理解家长的担心，对此高度重视。经核查，照片中的大米已封存待退，未供学生食用；"
    "市场监管部门已对在用大米和留样抽样检测，检测结果将于今晚公布。"
    "联合工作组正在进一步调查供应商资质和验收流程，如有新的进展将第一时间通报。"
    "咨询电话：12345。第{team}组，第{task}项任务，{at}秒提交。"
)


def write_responses(folder: Path, scenario: Path, seed: int = 3) -> Path:
    """A response from every team to every task, a few late, and an expert's level on
    every one; every fifth review carries a corrective action for the improvement plan."""
    rng = random.Random(seed)
    end = HOURS * 3600
    lines = ["format: drill/responses@1", f"scenario: {scenario.name}", "responses:"]
    for k in range(TASKS):
        opens = int(k * (end * 0.8) / TASKS)
        for t in range(TEAMS):
            at = min(opens + rng.randint(60, 3 * 3600), end)
            lines.append(f'  - {{team: t{t}, task: k{k}, at: {at}, text: "{TEXT.format(team=t, task=k, at=at)}"}}')
    lines.append("reviews:")
    for k in range(TASKS):
        for t in range(TEAMS):
            action = ", action: 修订通稿模板, owner: 宣传科" if (t + k) % 5 == 0 else ""
            lines.append(f"  - {{team: t{t}, task: k{k}, criterion: tone, score: {rng.choice([0, 2, 4])}, note: 语气诚恳{action}}}")
    path = folder / "bench-report-responses.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def figure(values: list[float]) -> str:
    return f"best {min(values):.2f} s, median {statistics.median(values):.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, help="processes rendering the PDF (default: one per core)")
    arguments = parser.parse_args()
    runs = arguments.runs
    if arguments.workers:
        os.environ[WORKERS_VARIABLE] = str(arguments.workers)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        scenario = write_scenario(folder, teams=TEAMS, injects=60, tasks=TASKS, duration_h=HOURS)
        loader = Loader()
        exercise = loader.load_exercise(scenario)
        simulate(exercise, loader.load_responses(write_responses(folder, scenario), exercise), folder / "big.drill").sink.close()

        opened, scored, text, word, pdf = [], [], [], [], []
        for n in range(runs):
            out = folder / f"out{n}"
            started = time.perf_counter()
            session = open_session(folder / "big.drill")
            opened.append(time.perf_counter() - started)
            started = time.perf_counter()
            score_session(session)
            scored.append(time.perf_counter() - started)
            started = time.perf_counter()
            write_report(session, out / "text", formats=("html", "md"))
            text.append(time.perf_counter() - started)
            started = time.perf_counter()
            write_report(session, out / "word", formats=("docx",))
            word.append(time.perf_counter() - started)
            if pdf_unavailable() is None:
                started = time.perf_counter()
                write_report(session, out / "pdf", formats=("pdf",))
                pdf.append(time.perf_counter() - started)
            session.sink.close()
        sizes = ", ".join(f"{p.name} {p.stat().st_size / 1024:.0f} KiB" for p in sorted((folder / "out0").glob("*/report.*")))

        print(f"Report of {TEAMS} teams × {TASKS} tasks ({TEAMS * TASKS} submissions, {TEAMS * TASKS} reviews), {runs} runs")
        print(f"  open the session file (replay):          {figure(opened)}")
        print(f"  score only:                              {figure(scored)}")
        print(f"  scoring + report.html + report.md:       {figure(text)} (target < 2 s)")
        print(f"  scoring + report.docx:                   {figure(word)}")
        if pdf:
            processes = workers_for(TEAMS)
            print(f"  scoring + report.pdf (WeasyPrint):       {figure(pdf)} (target < 20 s), "
                  f"{processes} process{'es' if processes > 1 else ''}")
        else:
            print(f"  report.pdf: {pdf_unavailable()}")
        print(f"  files: {sizes}")


if __name__ == "__main__":
    main()

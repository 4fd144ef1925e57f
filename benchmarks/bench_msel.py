"""MSEL and Word speed: export and import of 5,000 injects, and report.docx of a big drill.

Targets: `drill msel export` of 5,000 injects to .xlsx under 3 s, `drill msel import`
of that sheet under 3 s (the same for .csv), the same for 5,000-row MSELs in other
tools' layouts (a plain CSV with T+min, Delivery words and Expected Actions; T3SF's
JSON with weekday clock times and players) made into a skeleton, and report.docx of
50 teams × 6 tasks under 10 s. Each is timed in this process, as the command runs it (the loader's
checks included); the big session is the one benchmarks/bench_report.py builds.
Run: .venv/bin/python benchmarks/bench_msel.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_report import HOURS, TASKS, TEAMS  # noqa: E402
from bench_report import write_responses as write_report_responses  # noqa: E402
from synthetic import write_scenario  # noqa: E402

from drill.formats import Loader  # noqa: E402
from drill.i18n import Catalog  # noqa: E402
from drill.msel import export_msel  # noqa: E402
from drill.msel.read import build  # noqa: E402
from drill.report.content import build as report_content  # noqa: E402
from drill.report.word import docx_unavailable, write_docx  # noqa: E402
from drill.simulate import simulate  # noqa: E402
from drill.sessions import open_session  # noqa: E402

INJECTS = 5000


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def figure(values: list[float]) -> str:
    return f"best {min(values):.2f} s, median {statistics.median(values):.2f} s"


def foreign_csv(path: Path) -> Path:
    """5,000 rows as an incident-response tabletop CSV writes them (tests/data/msel-foreign)."""
    import csv

    delivery = ["Verbal + artifact", "Email printout", "Chat message", "Email from exec", "Verbal"]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["T+min", "Inject#", "Delivery", "Description", "Artifacts", "Expected Actions", "Evaluation Notes/Hints"])
        for n in range(INJECTS):
            writer.writerow([f"T+{n // 4}", n + 1, delivery[n % 5], f"Inject {n}: a post says the canteen rice is mouldy. Photos attached.",
                             f"evidence/{n}.jsonl", "Verify, then reply within the hour.", "Look for a holding statement."])
    return path


def foreign_json(path: Path) -> Path:
    """5,000 injects in T3SF's MSEL JSON: weekday clock times, six players."""
    import json

    players = ["Information Security", "SRE", "Data Governance", "Legal", "PR/Comm", "People"]

    def date(n: int) -> str:       # ten injects a minute from Monday 9:00 AM
        hour, minute = divmod(9 * 60 + n // 10, 60)
        return f"Monday {hour % 12 or 12}:{minute:02d} {'AM' if hour < 12 else 'PM'}"

    rows = [{"#": n + 1, "Real Time": "07:29 PM", "Date": date(n), "Subject": f"Inject {n}", "From": "SOC", "Player": players[n % 6],
             "Script": "We detected anomalous files.\n\nPlease check.", "Photo": "", "Poll": ""} for n in range(INJECTS)]
    path.write_text(json.dumps(rows), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        scenario_file = write_scenario(folder / "msel", teams=20, injects=INJECTS, tasks=10, duration_h=24)
        scenario = Loader().load_exercise(scenario_file).scenario
        figures: dict[str, list[float]] = {}
        for n in range(runs):
            for suffix in (".xlsx", ".csv"):
                sheet = folder / "msel" / f"msel{n}{suffix}"
                figures.setdefault(f"export {suffix}", []).append(timed(lambda: export_msel(scenario, sheet)))
                target = folder / "msel" / f"back{n}{suffix}.yaml"
                if suffix == ".xlsx":
                    figures.setdefault(f"import {suffix} --out", []).append(timed(lambda: target.write_text(build(sheet, target), encoding="utf-8")))
                else:
                    target.write_bytes(scenario_file.read_bytes())
                    figures.setdefault(f"import {suffix} --into", []).append(
                        timed(lambda: target.write_text(build(sheet, target, into=True), encoding="utf-8")))
                assert len(Loader().load_exercise(target).scenario.injects) == INJECTS + 1
        for maker, name in ((foreign_csv, "foreign.csv"), (foreign_json, "t3sf.json")):
            sheet = maker(folder / "msel" / name)
            for n in range(runs):
                target = folder / "msel" / f"skeleton{n}-{name}.yaml"
                figures.setdefault(f"import {name} --out", []).append(timed(lambda: target.write_text(build(sheet, target), encoding="utf-8")))
                assert len(Loader().load_exercise(target).scenario.injects) == INJECTS
        size = (folder / "msel" / "msel0.xlsx").stat().st_size / 1024
        print(f"MSEL of {INJECTS + 1} injects ({size:.0f} KiB as .xlsx), {runs} runs; other tools' layouts: {INJECTS} rows")
        for name, values in figures.items():
            print(f"  {name:<26} {figure(values)} (target < 3 s)")

        if docx_unavailable():
            print(f"  report.docx: {docx_unavailable()}")
            return
        big = folder / "report"
        scenario_file = write_scenario(big, teams=TEAMS, injects=60, tasks=TASKS, duration_h=HOURS)
        loader = Loader()
        exercise = loader.load_exercise(scenario_file)
        simulate(exercise, loader.load_responses(write_report_responses(big, scenario_file), exercise), big / "big.drill").sink.close()
        session = open_session(big / "big.drill")
        content, word = [], []
        for n in range(runs):
            context = {}
            content.append(timed(lambda: context.update(report_content(session, Catalog(session.scenario.language)))))
            word.append(timed(lambda: write_docx(context, big / f"report{n}.docx")))
        size = (big / "report0.docx").stat().st_size / 1024
        print(f"Word report of {TEAMS} teams × {TASKS} tasks ({size:.0f} KiB), {runs} runs")
        print(f"  content (scores, timeline, charts), shared with the HTML: {figure(content)}")
        print(f"  report.docx from it:                                      {figure(word)}")
        print(f"  together, as `drill report --format docx` runs them:      {figure([a + b for a, b in zip(content, word)])} (target < 10 s)")


if __name__ == "__main__":
    main()

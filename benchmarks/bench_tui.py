"""Terminal interface speed.

1. First screen: from the moment `drill run school-food-rumour` is typed to the moment
   the facilitator console is on the terminal. Measured like a person would see it: the
   command runs in a real terminal (tmux, 80x24) and the screen is read every 10 ms
   until the console's board heading shows. Also: the import time of the Textual app.
   Target: under 1.5 s.
2. Typing into a long draft: a 20,000-character draft in a team's editor (Chinese in
   paragraphs, Chinese as one paragraph, English as one paragraph), N keys pressed
   through Textual's Pilot (Chinese characters, Enter, Backspace). For each key, the
   process CPU time it cost (the app's own work: handling the key, redrawing) and the
   wall time of `pilot.press` (which adds Pilot's own wait for idleness, the same
   ~60 ms for any app). A bare Textual TextArea is measured the same way as the floor,
   and holding the one-paragraph draft, as the team's editor was before
   drill.tui.draft. Target: under 50 ms CPU per key (median), so typing feels immediate.

Run: .venv/bin/python benchmarks/bench_tui.py [--keys 200] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRILL = Path(sys.executable).with_name("drill")
SENTENCE = "经核查，照片中的大米为已封存待退货的批次，未供学生食用；市场监管部门已抽样检测，结果将于今晚公布。"


LATIN = ("Our checks show the rice in the photo was a sealed batch awaiting return and was never served; "
         "market regulators have taken samples and will publish the results tonight. ")


def chinese_draft(chars: int, paragraph: int = 200, sentence: str = SENTENCE) -> str:
    """`chars` characters of Chinese prose (or of `sentence`) in paragraphs of about
    `paragraph` characters (`paragraph=0`: one single paragraph, the worst case for
    soft wrapping)."""
    text = (sentence * (chars // len(sentence) + 1))[:chars]
    if not paragraph:
        return text
    return "\n".join(text[i:i + paragraph] for i in range(0, chars, paragraph))


# ----- 1. first screen ------------------------------------------------------------------------


def first_screen_tmux(runs: int) -> list[float]:
    times = []
    for run in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            session = Path(folder) / "bench.drill"
            name = f"drill-bench-{run}"
            started = time.perf_counter()
            subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "80", "-y", "24",
                            f"{DRILL} run school-food-rumour --session {session}"], check=True)
            try:
                while time.perf_counter() - started < 10:
                    screen = subprocess.run(["tmux", "capture-pane", "-t", name, "-p"], capture_output=True, text=True).stdout
                    if "进度" in screen and "07:00:00" in screen:
                        times.append(time.perf_counter() - started)
                        break
                    time.sleep(0.01)
                else:
                    raise RuntimeError("the console never appeared:\n" + screen)
            finally:
                subprocess.run(["tmux", "send-keys", "-t", name, "C-q"], check=False)
                time.sleep(0.5)
                subprocess.run(["tmux", "kill-session", "-t", name], check=False, capture_output=True)
    return times


def import_time(runs: int) -> list[float]:
    code = "import time; t = time.perf_counter(); import drill.tui.app; print(time.perf_counter() - t)"
    return [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
            for _ in range(runs)]


def first_screen_headless(runs: int) -> list[float]:
    """Where there is no tmux: the same command's work in a fresh process, headless."""
    code = (
        "import time, sys; t = time.perf_counter()\n"
        "from pathlib import Path\n"
        "from drill.formats import Loader\nfrom drill.formats.library import scenario_path\nfrom drill.sessions import create\n"
        "from drill.tui.app import DrillApp\n"
        "session = create(Loader().load_exercise(scenario_path('school-food-rumour')), Path(sys.argv[1]))\n"
        "app = DrillApp(session)\n"
        "async def pilot(p):\n    await p.pause(); print(time.perf_counter() - t); p.app.exit()\n"
        "app.run(headless=True, size=(80, 24), auto_pilot=pilot)\n"
    )
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            out = subprocess.run([sys.executable, "-c", code, str(Path(folder) / "b.drill")], capture_output=True, text=True, check=True)
            times.append(float(out.stdout.strip().splitlines()[-1]))
    return times


# ----- 2. typing -------------------------------------------------------------------------------


async def typing(keys: int, paragraph: int, sentence: str = SENTENCE) -> tuple[list[float], list[float]]:
    from drill.engine import Clock
    from drill.formats import Loader
    from drill.formats.library import bundled
    from drill.sessions import create
    from drill.tui.app import DrillApp
    from textual.widgets import TextArea

    with tempfile.TemporaryDirectory() as folder:
        exercise = Loader().load_exercise(bundled("scenarios") / "school-food-rumour.yaml")
        session = create(exercise, Path(folder) / "t.drill", Clock(12, real=lambda: 0.0))
        session.start()
        session.save_draft("education", "assess", chinese_draft(20_000, paragraph, sentence), {})
        app = DrillApp(session, live=False)
        async with app.run_test(size=(120, 40)) as pilot:
            app.show_team("education")
            await pilot.pause()
            await pilot.press("f6", "enter")
            await pilot.pause()
            area = app.focused
            assert isinstance(area, TextArea) and len(area.text) >= 20_000
            area.move_cursor((area.document.line_count // 2, 10))
            return await _press(pilot, keys)


async def bare_text_area(keys: int, text: str = "") -> tuple[list[float], list[float]]:
    """Textual's own TextArea alone, empty or holding `text` with the cursor in its middle."""
    from textual.app import App
    from textual.widgets import TextArea

    class Bare(App):
        def compose(self):
            yield TextArea(text, soft_wrap=True)

    async with Bare().run_test(size=(120, 40)) as pilot:
        area = pilot.app.query_one(TextArea)
        area.focus()
        area.move_cursor((0, len(text) // 2))
        await pilot.pause()
        return await _press(pilot, keys)


async def _press(pilot, keys: int) -> tuple[list[float], list[float]]:
    cycle = list("舆情研判定级") + ["enter", "backspace", "a"]
    cpu, wall = [], []
    for n in range(keys):
        c0, w0 = time.process_time(), time.perf_counter()
        await pilot.press(cycle[n % len(cycle)])
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
    return cpu, wall


def describe(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"mean {statistics.fmean(values):.1f} ms, median {statistics.median(values):.1f}, p95 {p95:.1f}, max {max(values):.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    imports = import_time(args.runs)
    print(f"import drill.tui.app: best {min(imports):.3f} s, median {statistics.median(imports):.3f} s")
    if shutil.which("tmux") and DRILL.exists():
        shown = first_screen_tmux(args.runs)
        print(f"first screen in a real terminal (tmux 80x24, `drill run school-food-rumour`): best {min(shown):.3f} s, "
              f"median {statistics.median(shown):.3f} s (target < 1.5 s)")
    headless = first_screen_headless(args.runs)
    print(f"first screen, headless process (after interpreter start): best {min(headless):.3f} s, median {statistics.median(headless):.3f} s")

    drafts = (
        ("20,000-char Chinese draft, 200-char paragraphs", 200, SENTENCE),
        ("20,000-char Chinese draft, one paragraph", 0, SENTENCE),
        ("20,000-char English draft, one paragraph", 0, LATIN),
    )
    for label, paragraph, sentence in drafts:
        cpu, wall = asyncio.run(typing(args.keys, paragraph, sentence))
        print(f"typing, {label}, {args.keys} keys: CPU per key {describe(cpu)}; Pilot wall per key {describe(wall)}")
    cpu, wall = asyncio.run(bare_text_area(args.keys))
    print(f"typing, bare Textual TextArea (floor), {args.keys} keys: CPU per key {describe(cpu)}; Pilot wall per key {describe(wall)}")
    keys = min(args.keys, 40)   # slow: a few keys show it
    cpu, wall = asyncio.run(bare_text_area(keys, chinese_draft(20_000, 0)))
    print(f"typing, bare Textual TextArea holding the one-paragraph Chinese draft (before drill's editor), {keys} keys: "
          f"CPU per key {describe(cpu)}; Pilot wall per key {describe(wall)}")


if __name__ == "__main__":
    main()

"""What one bad seat can cost the server (issue 22), in figures.

1. The shape check of a frame (drill.net.protocol._shape_problem), run before any frame
   is parsed: milliseconds for 1 MiB frames of the worst shapes, as a request (held to
   what a request can hold) and as a server frame (a client checking what it receives).
   Before a hello nothing is even checked past its length (4 KiB).
2. Drafts as the latest text per team and task (drill/store/drafts.py): N saves of a
   long draft, the session file's size after them, and the time and memory to open
   (replay) the session again, as a restarted server does.

Run: .venv/bin/python benchmarks/bench_hostile.py [--drafts 1000] [--chars 200000]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from drill.formats import Loader
from drill.net import protocol as p
from drill.sessions import create

DATA = Path(__file__).parents[1] / "tests" / "data"

SHAPES = {
    "1 MiB of [": "[" * p.MAX_FRAME,
    "15,000 towers 33 deep": ("[" * 33 + "]" * 33 + ",") * 15_000,
    "wide [] list": "[" + "[]," * 349_000 + "[]]",
    "escaped strings": "[" + '"\\\\\\"[",' * 100_000 + "1]",
    "a 600 KB draft": '{"type": "draft", "id": 1, "task": "t", "text": "' + "研" * 200_000 + '", "fields": {}}',
}


def shape_figures() -> None:
    print("shape check of one frame, best of 5 (ms): as a request / as a server frame")
    for name, frame in SHAPES.items():
        for_request, for_client = [], []
        for _ in range(5):
            started = time.perf_counter()
            p._shape_problem(frame, True)
            for_request.append(time.perf_counter() - started)
            started = time.perf_counter()
            p._shape_problem(frame, False)
            for_client.append(time.perf_counter() - started)
        print(f"  {name:<24} {len(frame.encode()) / 1024:>7.0f} KiB  {min(for_request) * 1000:6.1f} / {min(for_client) * 1000:6.1f}")


REOPEN = """
import resource, sys, time
started = time.perf_counter()
from drill.sessions import open_session
session = open_session(sys.argv[1])
print(f"{time.perf_counter() - started:.2f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
"""


def draft_figures(drafts: int, chars: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.drill"
        session = create(Loader().load_exercise(DATA / "mini.yaml"), path)
        session.start()
        started = time.perf_counter()
        for n in range(drafts):
            session.save_draft("press", "assess", f"{n:05d}" + "研" * chars, {})
        took = time.perf_counter() - started
        session.sink.close()
        size = sum(f.stat().st_size for f in Path(folder).iterdir() if f.name.startswith("long.drill"))
        reopened = subprocess.run([sys.executable, "-c", REOPEN, str(path)], capture_output=True, text=True, check=True).stdout.split()
        print(f"{drafts} drafts of {chars:,} characters ({chars * 3 / 1024:.0f} KB each): {took:.1f} s to save, "
              f"session file (with WAL) {size / 1024 / 1024:.1f} MB; reopening it (a restart's replay): {reopened[0]} s, "
              f"peak memory {reopened[1]} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=1000)
    parser.add_argument("--chars", type=int, default=200_000)
    args = parser.parse_args()
    shape_figures()
    draft_figures(args.drafts, args.chars)
    print(f"(this process's peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()

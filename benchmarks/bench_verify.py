"""The session record's hash chain: verifying a big session, and what chaining costs an append.

Target (issue 24): `drill verify` of a session of 100,000 events in under 2 s.
The session is written through EventLog itself (one batch; notes and drafts in Chinese
and Vietnamese, as a long drill's log holds), so its chain is the one drill writes.
Appending is measured both ways, chained and unchained (a schema-1 file), per event.
Run: .venv/bin/python benchmarks/bench_verify.py [--events 100000]
"""

from __future__ import annotations

import argparse
from contextlib import nullcontext
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_compare import timed  # noqa: E402

from drill.engine.events import Event  # noqa: E402
from drill.store import EventLog  # noqa: E402

TEXT = "市教育局已组织联合工作组进驻学校，Phòng Văn hóa - Thông tin quận đã xác minh thông tin. " * 3


def write(path: Path, events: int, chained: bool = True, batch: bool = True) -> float:
    """A session of `events` events; returns the seconds its appends took."""
    log = EventLog(path, create=True)
    log.set_meta("scenario", "format: drill/scenario@1\nid: bench\n")
    log.set_meta("rubrics", "{}")
    if not chained:   # a file as drill wrote them before the chain
        log._db.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
        log.chained = False
    started = time.perf_counter()
    with log.batch() if batch else nullcontext():   # without a batch: a transaction per event, as in a live drill
        for seq in range(1, events + 1):
            kind = ("draft", "heat", "inject", "note")[seq % 4]
            data = {"team": f"team-{seq % 50}", "task": f"task-{seq % 20}", "text": TEXT} if kind == "draft" else {"value": seq % 100, "delta": 1.5, "cause": "decay"} if kind == "heat" else {"inject": f"i{seq}", "to": ["a", "b"], "title": "Tin đồn về cơm mốc"} if kind == "inject" else {"text": TEXT[:40]}
            log.append(Event(kind, seq * 1.5, data, seq))
    spent = time.perf_counter() - started
    log.close()
    return spent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    drill = str(Path(sys.executable).parent / "drill")
    with tempfile.TemporaryDirectory() as folder:
        session = Path(folder) / "big.drill"
        chained = write(session, args.events)
        plain = write(Path(folder) / "plain.drill", args.events, chained=False)
        single = {kind: write(Path(folder) / f"single-{kind}.drill", 2000, chained=kind == "chained", batch=False) for kind in ("chained", "unchained")}
        print("append 2,000 events one transaction each (as a live drill's drafts): "
              + ", ".join(f"{kind} {spent / 2000 * 1e6:.0f} µs each" for kind, spent in single.items()))
        print(f"append {args.events:,} events in one batch: chained {chained:.2f} s ({chained / args.events * 1e6:.1f} µs each), "
              f"unchained {plain:.2f} s ({plain / args.events * 1e6:.1f} µs each)")
        runs = timed([drill, "verify", str(session)])   # each run must pass: timed checks the exit status
        print(f"`drill verify` of {args.events:,} events (whole process): best {min(runs):.2f} s, median {statistics.median(runs):.2f} s (target < 2 s)")
        db = sqlite3.connect(session)
        db.execute("UPDATE events SET data = replace(data, '联合', '单独') WHERE seq = ?", (args.events - 8,))
        db.commit()
        db.close()
        result = subprocess.run([drill, "verify", str(session)], capture_output=True, text=True)
        print(f"after editing event {args.events - 8:,} with sqlite3: exit {result.returncode}, {result.stdout.strip()[-120:]}")


if __name__ == "__main__":
    main()

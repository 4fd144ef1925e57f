"""A live session killed with SIGKILL loses no acknowledged submission and resumes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from drill.sessions import open_session

DATA = Path(__file__).parent / "data"
TEAMS = 40


def write_scenario(folder: Path) -> Path:
    teams = "\n".join(f"  - {{id: t{n}, name: 队伍{n}}}" for n in range(TEAMS))
    (folder / "r.yaml").write_text((DATA / "statement-rubric.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    path = folder / "crash.yaml"
    path.write_text(textwrap.dedent("""\
        format: drill/scenario@1
        id: crash
        title: 崩溃测试
        summary: 多队伍提交
        clock: {start: "2026-05-12T07:30:00+08:00", duration: 2d, speed: 3600}
        facts: [{id: sealed, text: 已封存, keywords: [封存]}]
        injects:
          - {id: post, at: 0m, channel: social, title: 帖子, body: 霉变大米}
        tasks:
          - {id: assess, kind: assessment, title: 研判, prompt: 请研判, due: 2d, rubric: r.yaml}
          - {id: plan, kind: plan, title: 方案, prompt: 请制定方案, due: 2d, rubric: r.yaml}
        teams:
        """) + teams + "\n", encoding="utf-8")
    return path


def test_sigkill_mid_drill_loses_no_acknowledged_submission(tmp_path):
    scenario = write_scenario(tmp_path)
    session_path = tmp_path / "live.drill"
    worker = [sys.executable, str(Path(__file__).parent / "crash_worker.py"), str(scenario), str(session_path)]
    process = subprocess.Popen(worker, stdout=subprocess.PIPE, text=True, encoding="utf-8")
    acknowledged = []
    for line in process.stdout:
        acknowledged.append(tuple(line.split()[1:]))
        if len(acknowledged) == 25:
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait()
    assert process.returncode == -signal.SIGKILL

    resumed = open_session(session_path)
    submitted = {key for key, work in resumed.state.work.items() if work.submitted_at is not None}
    assert set(acknowledged) <= submitted
    last = max(work.submitted_at for work in resumed.state.work.values() if work.submitted_at is not None)
    assert not resumed.state.running and resumed.now() >= last  # the clock resumes where it was, paused
    resumed.sink.close()

    finish = subprocess.run(worker, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert finish.returncode == 0, finish.stderr
    assert finish.stdout.strip().endswith("DONE")
    final = open_session(session_path)
    assert all(work.submitted_at is not None for work in final.state.work.values())
    assert len(final.state.work) == TEAMS * 2

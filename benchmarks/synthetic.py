"""Synthetic scenarios of a chosen size, for the benchmarks."""

from __future__ import annotations

import random
from pathlib import Path

RUBRIC = """\
format: drill/rubric@1
id: bench
title: Benchmark rubric
criteria:
  - {id: on-time, title: On time, check: {on_time: {grace: 30m}}}
  - {id: facts, title: Facts, weight: 2, check: {facts: [sealed, tested]}}
  - {id: truthful, title: Truthful, check: {no_false_claims: true}}
  - {id: empathy, title: Empathy, check: {any_of: [担心, 理解, sorry]}}
  - {id: plain, title: No stonewalling, check: {none_of: [无可奉告, no comment]}}
  - {id: tone, title: Tone, manual: {levels: {4: warm, 2: adequate, 0: cold}}}
"""


def write_scenario(
    folder: Path, *, teams: int, injects: int, tasks: int, duration_h: int, seed: int = 1, spacing: float | None = None, first_at: float = 0
) -> Path:
    """A scenario with `injects` injects spread over the clock (or `spacing` in-world seconds
    apart on average, from `first_at`), `tasks` tasks owed by every team, and a rubric beside it."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bench-rubric.yaml").write_text(RUBRIC, encoding="utf-8")
    end = duration_h * 3600
    lines = [
        "format: drill/scenario@1",
        "id: bench",
        "title: 基准测试",
        "summary: Synthetic drill for benchmarks",
        "language: zh-CN",
        "clock:",
        '  start: "2026-05-12T07:30:00+08:00"',
        f"  duration: {duration_h}h",
        "  speed: 60",
        "teams:",
        *(f"  - {{id: t{n}, name: 第{n}组}}" for n in range(teams)),
        "facts:",
        "  - {id: sealed, text: 大米已封存, keywords: [封存], contradicted_by: [食物中毒]}",
        "  - {id: tested, text: 检测合格, keywords: [检测], contradicted_by: [检测不合格]}",
        "injects:",
    ]
    at = float(first_at)
    for n in range(injects):
        at = at + rng.uniform(0.2, 1.8) * spacing if spacing else rng.uniform(0, end - 1)
        heat = rng.randint(-5, 8)
        lines.append(f"  - {{id: i{n}, at: {int(at)}, channel: social, title: 帖子{n}, body: 网传学校食堂大米发霉{n}, heat: {heat}}}")
    lines.append("  - {id: hot, when: {heat_above: 60}, channel: news, title: 热搜, body: 话题上热搜}")
    lines.append("tasks:")
    for n in range(tasks):
        opens = int(n * (end * 0.8) / max(tasks, 1))
        lines.append(f"  - {{id: k{n}, kind: statement, title: 任务{n}, prompt: 请起草, opens: {opens}, due: 2h, rubric: bench-rubric.yaml}}")
    path = folder / "bench.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_responses(folder: Path, scenario: Path, *, teams: int, tasks: int, duration_h: int, seed: int = 2) -> Path:
    """One response per team and task, at a time inside the task's window, some late."""
    rng = random.Random(seed)
    end = duration_h * 3600
    lines = ["format: drill/responses@1", f"scenario: {scenario.name}", "responses:"]
    for k in range(tasks):
        opens = int(k * (end * 0.8) / max(tasks, 1))
        for t in range(teams):
            at = opens + rng.randint(60, 3 * 3600)
            lines.append(f"  - {{team: t{t}, task: k{k}, at: {min(at, end)}, text: 我们理解家长的担心。涉事大米已封存，检测结果将于今晚公布。}}")
    lines.append("reviews:")
    for t in range(teams):
        lines.append(f"  - {{team: t{t}, task: k0, criterion: tone, score: {rng.choice([0, 2, 4])}, note: 语气}}")
    path = folder / "bench-responses.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path

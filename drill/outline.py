"""A plain-text outline of a scenario, for trainers checking a script before a drill.

Its labels are in the scenario's language (or `--lang`), as every screen is; the ids
stay as written, since they are what a trainer types and greps for. The wording of a
held or conditional inject is the console's, so one thing has one name everywhere.
"""

from __future__ import annotations

from typing import Callable

from .formats.duration import format_duration
from .formats.scenario import Scenario
from .i18n import Catalog
from .whatif import pad


def condition(when, t: Catalog, task: Callable[[str], str]) -> str:
    """A conditional or held inject's condition, in words; `task` names a task by its id."""
    if when.kind == "manual":
        return t("console.manual")
    if when.kind == "heat_above":
        return t("console.when-heat", n=when.heat_above)
    if when.kind.startswith("scored"):
        return t(f"console.when-{when.kind.replace('_', '-')}", task=task(when.task), score=f"{getattr(when, when.kind).score:g}")
    return t(f"console.when-{when.kind}", task=task(when.task))


def _when(inject, t: Catalog) -> str:
    if inject.at is not None:
        return f"+{format_duration(inject.at)}"
    return f"[{condition(inject.when, t, str)}]" + (f" +{format_duration(inject.wait)}" if inject.wait else "")


def outline_text(scenario: Scenario, t: Catalog) -> str:
    clock = scenario.clock
    lines = [
        f"{scenario.title}  ({scenario.id}, {scenario.language})",
        scenario.summary.strip(),
        "",
        t("outline.clock", start=clock.start.isoformat(), duration=format_duration(clock.duration), speed=f"{clock.speed:g}",
          minutes=f"{clock.duration / clock.speed / 60:.0f}"),
        "",
        t("outline.teams"),
        *(f"  {team.id:<14} {team.name}" for team in scenario.teams),
        "",
        t("outline.injects", n=len(scenario.injects)),
        *(
            f"  {pad(_when(inj, t), 24)} {pad(t(f'channel.{inj.channel}'), 9)} {inj.id:<20} {inj.title}"
            for inj in sorted(scenario.injects, key=lambda i: (i.at is None, i.at or 0))
        ),
        "",
        t("outline.tasks", n=len(scenario.tasks)),
    ]
    for task in scenario.tasks:
        opening = t("outline.opens-after", task=task.opens_after) if task.opens_after else t("outline.opens-at", at=format_duration(task.opens or 0))
        teams = t("console.all-teams") if task.teams == "all" else ", ".join(task.teams)
        due = t("outline.due", due=format_duration(task.due))
        lines.append(f"  {task.id:<20} {task.kind:<10} {pad(opening, 24)} {pad(due, 12)} {teams}  {task.title}")
    return "\n".join(lines)

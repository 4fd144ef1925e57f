"""A plain-text outline of a scenario, for trainers checking a script before a drill."""

from __future__ import annotations

from .formats.duration import format_duration
from .formats.scenario import Scenario


def _when(inject) -> str:
    if inject.at is not None:
        return f"+{format_duration(inject.at)}"
    kind = inject.when.kind
    value = getattr(inject.when, kind)
    if kind == "manual":
        condition = "manual"
    elif kind.startswith("scored"):
        condition = f"{kind}: {value.task} {value.score:g}"
    else:
        condition = f"{kind}: {value}"
    return f"[{condition}]" + (f" +{format_duration(inject.wait)}" if inject.wait else "")


def outline_text(scenario: Scenario) -> str:
    clock = scenario.clock
    lines = [
        f"{scenario.title}  ({scenario.id}, {scenario.language})",
        scenario.summary.strip(),
        "",
        f"Starts {clock.start.isoformat()}, lasts {format_duration(clock.duration)}, speed {clock.speed:g}x"
        f" (about {clock.duration / clock.speed / 60:.0f} real minutes)",
        "",
        "Teams:",
        *(f"  {team.id:<14} {team.name}" for team in scenario.teams),
        "",
        f"Injects ({len(scenario.injects)}):",
        *(
            f"  {_when(inj):<24} {inj.channel:<9} {inj.id:<20} {inj.title}"
            for inj in sorted(scenario.injects, key=lambda i: (i.at is None, i.at or 0))
        ),
        "",
        f"Tasks ({len(scenario.tasks)}):",
    ]
    for task in scenario.tasks:
        opening = f"after {task.opens_after}" if task.opens_after else f"+{format_duration(task.opens or 0)}"
        teams = "all" if task.teams == "all" else ", ".join(task.teams)
        lines.append(f"  {task.id:<20} {task.kind:<10} opens {opening:<22} due {format_duration(task.due):<8} {teams}  {task.title}")
    return "\n".join(lines)

"""What each participant may see: a team sees only what was addressed to it.

Views are plain data built from the session state, so the terminal UI and the
network server show exactly the same thing and can never leak more.
"""

from __future__ import annotations

from dataclasses import dataclass

from .state import Delivery, SessionState


@dataclass(frozen=True)
class FieldView:
    id: str
    label: str
    choices: tuple[str, ...] | None  # the expected answer is never shown to teams


@dataclass(frozen=True)
class TaskView:
    id: str
    kind: str
    title: str
    prompt: str
    fields: tuple[FieldView, ...]
    opened_at: float
    due_at: float
    status: str
    draft: str
    draft_fields: dict[str, str]
    submitted_at: float | None
    # the fewest characters the task's rubric counts as long enough, if it checks length:
    # the submit dialog warns below it (never refuses)
    min_length: int | None = None


@dataclass(frozen=True)
class FactView:
    id: str
    text: str


@dataclass(frozen=True)
class TeamView:
    team: str
    name: str
    brief: str
    now: float
    running: bool
    speed: float
    ended: bool
    heat: float                     # the public heat index
    team_heat: float | None         # this team's perceived heat, under a per-team heat model
    injects: tuple[Delivery, ...]   # newest first
    facts: tuple[FactView, ...]
    tasks: tuple[TaskView, ...]     # in scenario order, open tasks only
    # (in-world time, heat) as recorded, oldest first: the heat this team sees (its own under a
    # per-team model, else the public one), so its screen can draw the curve it lived through
    heat_history: tuple[tuple[float, float], ...] = ()


def heat_history(state: SessionState, team_id: str) -> list[tuple[float, float]]:
    """The recorded heat a team sees: its own perceived heat under a per-team model, else the
    public heat. One place decides, so a local screen and a networked one draw the same curve."""
    return state.team_heat_history.get(team_id, state.heat_history)


def length_floor(exercise, task_id: str) -> int | None:
    """The fewest characters a `length` check of the task's rubric asks for, if any."""
    rubric = exercise.rubrics.get(next(t.rubric for t in exercise.scenario.tasks if t.id == task_id))
    floors = [c.check.length.min for c in rubric.criteria if c.check is not None and c.check.length is not None
              and c.check.length.min] if rubric is not None else []
    return max(floors, default=None)


def team_view(state: SessionState, team_id: str, now: float) -> TeamView:
    scenario = state.exercise.scenario
    team = scenario.team(team_id)
    facts = {fact.id: fact for fact in scenario.facts}
    tasks = []
    for task in scenario.tasks:
        work = state.work.get((team_id, task.id))
        if work is None:
            continue
        fields = tuple(FieldView(f.id, f.label, tuple(f.choices) if f.choices else None) for f in task.fields)
        tasks.append(TaskView(task.id, task.kind, task.title, task.prompt, fields, work.opened_at, work.due_at,
                              work.status, work.draft, dict(work.fields), work.submitted_at,
                              length_floor(state.exercise, task.id)))
    return TeamView(
        team_id, team.name, team.brief, now, state.running, state.speed, state.ended, state.heat, state.team_heat.get(team_id),
        tuple(reversed(state.inbox[team_id])),
        tuple(FactView(fid, facts[fid].text) for fid in state.facts[team_id] if fid in facts),
        tuple(tasks),
        tuple(heat_history(state, team_id)),
    )


def board(state: SessionState) -> dict[tuple[str, str], str]:
    """Every team x task the facilitator tracks: status, or 'not-open' before the task opens."""
    scenario = state.exercise.scenario
    result = {}
    for team in scenario.teams:
        for task in scenario.tasks:
            if team.id in scenario.recipients(task.teams):
                work = state.work.get((team.id, task.id))
                result[(team.id, task.id)] = work.status if work else "not-open"
    return result

"""Graded examples, `format: drill/graded@1`: submissions an expert has scored, to
measure the automatic scorer against (`drill calibrate`).

An expert writes and scores the examples from the scenario alone, before reading the
rubrics, so that the figures say how far the scorer agrees with a person rather than
with itself.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from .duration import Duration, format_duration
from .model import Model, Slug
from .problems import Problem
from .source import Document

FORMAT = "drill/graded@1"


class Example(Model):
    id: Slug = Field(description="Names the example in the figures; unique in the file")
    task: Slug
    team: Slug | None = Field(None, description="The team that submits it; default: the first team the task is for")
    at: Duration | None = Field(
        None, description="Submitted this long after clock.start; default: shortly before the task's deadline (10 minutes, or half the time the task is open if that is less)",
    )
    kind: str = Field("", description="What sort of answer it is (excellent, hedging, stonewalling...): a label for the reader")
    score: float = Field(ge=0, le=100, allow_inf_nan=False, description="The expert's score, 0 to 100")
    note: str = Field("", description="The expert's reason, in a line")
    text: str
    fields: dict[str, str] = Field(default_factory=dict, description="The task's form fields, by id (an assessment's grade...)")


class Graded(Model):
    format: Literal["drill/graded@1"]
    scenario: str = Field(description="The scenario the examples answer: a path relative to this file, or a bundled id")
    examples: list[Example] = Field(min_length=1)


def check_graded(doc: Document, graded: Graded, exercise: Any) -> list[Problem]:
    """Every example must name a task of the scenario and a team that owes it, be
    handed in before the drill ends, and have an id of its own."""
    scenario = exercise.scenario
    tasks = {t.id: t for t in scenario.tasks}
    teams = {t.id for t in scenario.teams}
    problems: list[Problem] = []
    seen: set[str] = set()
    for n, example in enumerate(graded.examples):
        loc = ("examples", n)
        if example.id in seen:
            problems.append(doc.problem(loc + ("id",), f"example id {example.id!r} is used twice: each example needs its own"))
        seen.add(example.id)
        task = tasks.get(example.task)
        if task is None:
            problems.append(doc.problem(loc + ("task",), f"unknown task {example.task!r} (known: {', '.join(tasks)})"))
            continue
        if example.team is not None:
            if example.team not in teams:
                problems.append(doc.problem(loc + ("team",), f"unknown team {example.team!r} (known: {', '.join(sorted(teams))})"))
            elif example.team not in scenario.recipients(task.teams):
                problems.append(doc.problem(loc + ("team",), f"team {example.team!r} does not owe task {example.task!r}"))
        known = {f.id: f for f in task.fields}
        for name, value in example.fields.items():
            if name not in known:
                problems.append(doc.problem(loc + ("fields", name), f"task {example.task!r} has no field {name!r} (fields: {', '.join(known) or 'none'})"))
            elif known[name].choices is not None and value not in known[name].choices:
                problems.append(doc.problem(loc + ("fields", name), f"{value!r} is not one of the choices {known[name].choices}"))
        if example.at is not None and example.at > scenario.clock.duration:
            problems.append(doc.problem(
                loc + ("at",), f"at {format_duration(example.at)} is after the drill ends at {format_duration(scenario.clock.duration)}",
            ))
    return problems


def team_of(example: Example, exercise: Any) -> str:
    """The team that hands the example in: its own, or the first team the task's `teams:`
    names (the scenario's first team when the task is for all)."""
    if example.team is not None:
        return example.team
    task = next(t for t in exercise.scenario.tasks if t.id == example.task)
    return task.teams[0] if isinstance(task.teams, list) else exercise.scenario.recipients(task.teams)[0]

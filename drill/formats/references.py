"""Cross-reference rules: ids that must exist, be unique, and conditions that can hold.

These run on a scenario whose items are each well-formed. When some items are
not, `partial_scenario` keeps the good ones (remembering their place in the
file) so that a trainer sees every problem in one pass, not one per fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .duration import Duration, format_duration
from .problems import Problem
from .responses import Responses
from .rubric import Rubric
from .scenario import Clock, Fact, HeatModel, Inject, Scenario, Task, Team
from .source import Document

_LISTS = {"teams": Team, "facts": Fact, "injects": Inject, "tasks": Task}


@dataclass
class Partial:
    """A scenario built from its well-formed items; `index` maps item positions back to the file,
    `ids` holds every id written in the file, so a reference to a broken item is not reported twice."""

    scenario: Scenario
    index: dict[str, list[int]]
    ids: dict[str, set[str]] = field(default_factory=dict)
    complete: bool = True


def _ids(raw: Any) -> set[str]:
    return {item.get("id") for item in raw if isinstance(item, dict) and isinstance(item.get("id"), str)} if isinstance(raw, list) else set()


def partial_scenario(doc: Document) -> Partial | None:
    data = doc.data
    if not isinstance(data, dict):
        return None
    try:
        clock = Clock.model_validate(data.get("clock"))
    except ValidationError:   # its own problem is reported; the cross-references are still checked
        clock = Clock.model_construct(duration=_duration_or_endless(data.get("clock")))
    kept: dict[str, list[Any]] = {}
    index: dict[str, list[int]] = {}
    for name, model in _LISTS.items():
        adapter = TypeAdapter(model)
        kept[name], index[name] = [], []
        raw = data.get(name)
        for position, item in enumerate(raw if isinstance(raw, list) else []):
            try:
                kept[name].append(adapter.validate_python(item))
                index[name].append(position)
            except ValidationError:
                continue
    try:
        heat = HeatModel.model_validate(data["heat"]) if data.get("heat") is not None else None
        heat_ok = True
    except ValidationError:
        heat, heat_ok = None, False
    scenario = Scenario.model_construct(
        format="drill/scenario@1", id=str(data.get("id", "")), title="", summary="", language="en", clock=clock, heat=heat, **kept
    )
    complete = heat_ok and all(_whole_list(data.get(name), len(index[name])) for name in _LISTS)
    return Partial(scenario, index, {name: _ids(data.get(name)) for name in _LISTS}, complete)


def _duration_or_endless(raw: Any) -> float:
    """A broken clock's duration if that part of it is sound, else no end at all: nothing is
    then said to come after the drill's end on the strength of a clock that is wrong."""
    try:
        return float(TypeAdapter(Duration).validate_python(raw["duration"]))
    except (TypeError, KeyError, ValidationError):
        return float("inf")


def _whole_list(raw: Any, kept: int) -> bool:
    """Whether every item of a top-level list was kept (a missing list keeps nothing; anything
    but a list, `teams: 1`, is not whole)."""
    if raw is None:
        return kept == 0
    return isinstance(raw, list) and len(raw) == kept


def whole(scenario: Scenario) -> Partial:
    index = {name: list(range(len(getattr(scenario, name)))) for name in _LISTS}
    return Partial(scenario, index, {name: {item.id for item in getattr(scenario, name)} for name in _LISTS})


class _Report:
    def __init__(self, doc: Document, partial: Partial):
        self.doc, self.partial, self.problems = doc, partial, []

    def add(self, kind: str, item: int, rest: tuple, message: str, *, key: bool = False) -> None:
        loc = (kind, self.partial.index[kind][item], *rest)
        self.problems.append(self.doc.problem(loc, message, key=key))


def check_scenario(doc: Document, partial: Partial | Scenario, rubrics: dict[str, Rubric]) -> list[Problem]:
    if isinstance(partial, Scenario):
        partial = whole(partial)
    sc, ids, report = partial.scenario, partial.ids, _Report(doc, partial)
    end = sc.clock.duration

    for kind in _LISTS:
        seen: set[str] = set()
        for i, item in enumerate(getattr(sc, kind)):
            if item.id in seen:
                report.add(kind, i, ("id",), f"duplicate id {item.id!r}: ids must be unique among {kind}")
            seen.add(item.id)

    def unknown(kind: str, item: tuple[str, int], loc: tuple, value: list[str] | str, what: str) -> None:
        """Report each id in `value` (one id, or a list of them) that is not defined among `kind`."""
        listed = isinstance(value, list)
        for n, one in enumerate(value if listed else [value]):
            if one not in ids[kind]:
                known = ", ".join(sorted(ids[kind])) or "none defined"
                report.add(*item, loc + ((n,) if listed else ()), f"unknown {what} {one!r} (known: {known})")

    for i, fact in enumerate(sc.facts):
        if fact.established_by is not None:
            unknown("injects", ("facts", i), ("established_by",), fact.established_by, "inject")

    tasks = {t.id: t for t in sc.tasks}
    for i, inject in enumerate(sc.injects):
        if isinstance(inject.to, list):
            unknown("teams", ("injects", i), ("to",), inject.to, "team")
        unknown("facts", ("injects", i), ("reveals",), inject.reveals, "fact")
        if inject.at is not None and inject.at >= end:
            report.add("injects", i, ("at",), f"fires at {format_duration(inject.at)}, not before the drill ends at {format_duration(end)}")
        when = inject.when
        if when is not None and when.task is not None:
            target = when.task
            unknown("tasks", ("injects", i), when.location, target, "task")
            task = tasks.get(target)
            if task is not None and isinstance(task.teams, list) and not task.teams:
                report.add("injects", i, when.location, f"can never hold: no team owes task {target!r}")
            if when.kind == "missed" and task is not None and task.opens_after is None and (task.opens or 0) + task.due >= end:
                report.add("injects", i, ("when",), f"can never hold: task {target!r} is due at {format_duration((task.opens or 0) + task.due)}, not before the drill ends at {format_duration(end)}")
        if when is not None and when.kind == "heat_above" and not 0 < when.heat_above <= 100:
            report.add("injects", i, ("when", "heat_above"), f"can never hold: the heat index runs from 0 to 100, so heat_above must be 1 to 100 (got {when.heat_above})")
        if when is not None and when.kind == "scored_below" and not 0 < when.scored_below.score <= 100:
            report.add("injects", i, ("when", "scored_below", "score"), f"can never hold: scores run from 0 to 100, so scored_below must be above 0 and at most 100 (got {when.scored_below.score:g})")
        if when is not None and when.kind == "scored_at_least" and not 0 <= when.scored_at_least.score <= 100:
            report.add("injects", i, ("when", "scored_at_least", "score"), f"can never hold: scores run from 0 to 100, so scored_at_least must be 0 to 100 (got {when.scored_at_least.score:g})")

    for i, task in enumerate(sc.tasks):
        if isinstance(task.teams, list):
            if not task.teams:
                report.add("tasks", i, ("teams",), "no team owes this task: give 'all' or at least one team id")
            unknown("teams", ("tasks", i), ("teams",), task.teams, "team")
        if task.opens is not None and task.opens >= end:
            report.add("tasks", i, ("opens",), f"opens at {format_duration(task.opens)}, not before the drill ends at {format_duration(end)}")
        if task.opens_after is not None:
            unknown("injects", ("tasks", i), ("opens_after",), task.opens_after, "inject")
        seen_fields: set[str] = set()
        for n, entry in enumerate(task.fields):
            if entry.id in seen_fields:
                report.add("tasks", i, ("fields", n, "id"), f"duplicate field id {entry.id!r}")
            seen_fields.add(entry.id)
        rubric = rubrics.get(task.rubric)
        if rubric is not None:
            _check_rubric_fits(report, i, task, rubric, ids["facts"])

    if partial.complete:  # with items missing, what can fire is unknown
        _check_reachable(report, sc)
    return report.problems


def _check_rubric_fits(report: _Report, i: int, task: Task, rubric: Rubric, facts: set[str]) -> None:
    fields = {f.id: f for f in task.fields}
    for criterion in rubric.criteria:
        check = criterion.check
        if check is None:
            continue
        if check.field is not None and not criterion.optional and (check.field not in fields or fields[check.field].answer is None):
            report.add("tasks", i, ("rubric",), f"rubric {rubric.id!r} criterion {criterion.id!r} checks field {check.field!r}, but this task has no field {check.field!r} with an 'answer'")
        for fact in check.facts or ():
            if fact not in facts:
                report.add("tasks", i, ("rubric",), f"rubric {rubric.id!r} criterion {criterion.id!r} checks fact {fact!r}, which this scenario does not define")


def _check_reachable(report: _Report, sc: Scenario) -> None:
    """Find injects that can never fire and tasks that can never open (e.g. a cycle of
    `submitted:` and `opens_after`, or a heat level the injects cannot reach)."""
    fires: dict[str, bool] = {}
    for inj in sc.injects:  # a duplicated id (reported elsewhere) fires if any of its copies can
        fires[inj.id] = fires.get(inj.id, False) or inj.when is None or inj.when.kind == "manual"
    opens = {t.id: t.opens_after is None for t in sc.tasks}
    changed = True
    while changed:
        changed = False
        for task in sc.tasks:
            if not opens[task.id] and fires.get(task.opens_after, False):
                opens[task.id] = changed = True
        for inj in sc.injects:
            if fires[inj.id]:
                continue
            if inj.when.task is not None:
                ok = opens.get(inj.when.task, False)
            else:  # heat_above: statements and missed deadlines may also raise heat under a heat model
                ok = sc.heat is not None or _max_heat(sc, fires, inj.id) >= inj.when.heat_above
            if ok:
                fires[inj.id] = changed = True
    known_tasks = {t.id for t in sc.tasks}
    for i, inj in enumerate(sc.injects):
        if fires[inj.id]:
            continue
        if inj.when.kind == "heat_above":
            if 0 < inj.when.heat_above <= 100:
                report.add("injects", i, ("when", "heat_above"), f"can never hold: the injects that can fire add at most {_max_heat(sc, fires, inj.id):g} heat, below {inj.when.heat_above}")
        elif inj.when.task in known_tasks:
            report.add("injects", i, inj.when.location, f"can never hold: task {inj.when.task!r} never opens (it waits for an inject that never fires)")
    for i, task in enumerate(sc.tasks):
        if not opens[task.id] and task.opens_after in fires:
            report.add("tasks", i, ("opens_after",), f"never opens: inject {task.opens_after!r} can never fire")


def _max_heat(sc: Scenario, fires: dict[str, bool], besides: str) -> float:
    return sum(max(o.heat, 0) for o in sc.injects if o.id != besides and fires[o.id])


def check_responses(doc: Document, responses: Responses, exercise: Any) -> list[Problem]:
    """Scripted responses must name teams and tasks of the scenario, answer each task once,
    and review criteria that exist with scores in range."""
    sc: Scenario = exercise.scenario
    tasks = {t.id: t for t in sc.tasks}
    teams = {t.id for t in sc.teams}
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()

    def bad(loc: tuple, message: str) -> None:
        problems.append(doc.problem(loc, message))

    def owner_problem(loc: tuple, team: str, task_id: str) -> bool:
        if team not in teams:
            bad(loc + ("team",), f"unknown team {team!r} (known: {', '.join(sorted(teams))})")
        elif task_id not in tasks:
            bad(loc + ("task",), f"unknown task {task_id!r} (known: {', '.join(tasks)})")
        elif team not in sc.recipients(tasks[task_id].teams):
            bad(loc + ("task",), f"team {team!r} does not owe task {task_id!r}")
        else:
            return False
        return True

    for n, response in enumerate(responses.responses):
        loc = ("responses", n)
        if owner_problem(loc, response.team, response.task):
            continue
        if (response.team, response.task) in seen:
            bad(loc, f"team {response.team!r} already submitted task {response.task!r}: submitting is final, once per task")
        seen.add((response.team, response.task))
        if response.at > sc.clock.duration:
            bad(loc + ("at",), f"at {format_duration(response.at)} is after the drill ends at {format_duration(sc.clock.duration)}")
        fields = {f.id: f for f in tasks[response.task].fields}
        for name, value in response.fields.items():
            if name not in fields:
                bad(loc + ("fields", name), f"task {response.task!r} has no field {name!r} (fields: {', '.join(fields) or 'none'})")
            elif fields[name].choices is not None and value not in fields[name].choices:
                bad(loc + ("fields", name), f"{value!r} is not one of the choices {fields[name].choices}")

    for n, review in enumerate(responses.reviews):
        loc = ("reviews", n)
        if owner_problem(loc, review.team, review.task):
            continue
        rubric: Rubric = exercise.rubric_for(review.task)
        criterion = rubric.criterion(review.criterion)
        if criterion is None:
            bad(loc + ("criterion",), f"rubric {rubric.id!r} has no criterion {review.criterion!r} (criteria: {', '.join(c.id for c in rubric.criteria)})")
        elif criterion.manual is not None and (review.score != int(review.score) or int(review.score) not in criterion.manual.levels):
            bad(loc + ("score",), f"criterion {criterion.id!r} is scored by level: one of {sorted(criterion.manual.levels)}")
        elif criterion.check is not None and not 0 <= review.score <= 1:
            bad(loc + ("score",), f"an override of automatic criterion {criterion.id!r} is a fraction from 0 to 1")
    return problems

"""What the report says, gathered once as plain data for both templates.

The HTML and the Markdown report show the same facts; building them here keeps
the templates to layout, and keeps every number and sentence in one place.
Scores come from the scorer's `drill score --json` shape only, so this module
depends on the contract, not on the scorer's classes.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from ..engine import events as ev
from ..formats.rubric import DEFAULT_SCALE
from ..i18n import Catalog
from ..scoring import score_session
from . import charts

PLAN_BLANK_ROWS = 3   # rows left empty in each improvement plan, to fill in by hand at the debrief
_CLOCK_FORMATS = ("%H:%M", "%m-%d %H:%M")


class Clock:
    """In-world seconds after clock.start, spelled as a reader of the scenario would: 09:30 and +2:00."""

    def __init__(self, start: datetime):
        self.start = start

    def at(self, seconds: float) -> str:
        moment = self.start + timedelta(seconds=seconds)
        return moment.strftime(_CLOCK_FORMATS[moment.date() != self.start.date()])

    @staticmethod
    def offset(seconds: float) -> str:
        minutes = int(seconds // 60)
        return f"+{minutes // 60}:{minutes % 60:02d}"


def number(value: float | None, places: int = 1) -> str:
    """A score or points as printed: at most `places` decimals, no trailing zeros; a dash when there is none."""
    if value is None:
        return "—"
    return f"{value:.{places}f}".rstrip("0").rstrip(".") if places else f"{value:.0f}"


def build(session: Any, t: Catalog) -> dict[str, Any]:
    """Everything the templates show, for one session, in the catalog's language."""
    scenario = session.scenario
    clock = Clock(scenario.clock.start)
    scores = score_session(session).to_json()
    names = {team.id: team.name for team in scenario.teams}
    end = min(session.state.now, float(scenario.clock.duration)) or float(scenario.clock.duration)
    events = session.sink.events()
    tasks = [task for task in scenario.tasks if any(key[1] == task.id for key in session.state.work)]
    results = _results(scores, tasks)
    return {
        "lang": t.language,
        "t": t,
        "colon": t("report.colon"),
        "scenario": scenario,
        "ran_on": _ran_on(session.sink.first_wall_time()),
        "start": scenario.clock.start.isoformat(sep=" ", timespec="minutes"),
        "duration": _duration(t, scenario.clock.duration),
        "teams": [team.name for team in scenario.teams],
        "notes": [{"at": clock.at(at), "offset": clock.offset(at), "text": text} for at, text in session.state.notes],
        "timeline": _timeline(events, session, clock, t, names),
        "heat_chart": charts.heat_chart(
            session.state.heat_history, end, _marks(events, session), clock.at,
            {"heat": t("report.heat"), "axis": t("report.heat-axis"), "time": t("report.time-axis"),
             "submitted": t("report.marker.submitted"), "missed": t("report.marker.missed")},
        ),
        "tasks": tasks,
        "results": results,
        "bands": _bands(session.exercise, t),
        "comparison_charts": charts.comparison_charts(
            [row["name"] for row in results], [task.title for task in tasks], [row["values"] for row in results],
        ),
        "sheets": [_sheet(team, session, clock, t) for team in scores["teams"]],
    }


def _ran_on(wall: str | None) -> str | None:
    """The real date and time the drill began, in this computer's time zone."""
    if wall is None:
        return None
    return datetime.fromisoformat(wall).astimezone().strftime("%Y-%m-%d %H:%M")


def _duration(t: Catalog, seconds: float) -> str:
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return t("report.minutes", minutes=minutes)
    if minutes % 60 == 0:
        return t("report.hours", hours=minutes // 60)
    return t("report.hours-minutes", hours=minutes // 60, minutes=minutes % 60)


def _recipients(to: list[str], names: dict[str, str], t: Catalog) -> str:
    if len(to) == len(names) > 1:
        return t("report.all-teams")
    return t("report.separator").join(names.get(team, team) for team in to)


def _timeline(events: list, session: Any, clock: Clock, t: Catalog, names: dict[str, str]) -> list[dict[str, Any]]:
    """Injects with their recipients, submissions and missed deadlines, in the order they happened.

    A heat change is shown on the row of the inject that caused it."""
    titles = {task.id: task.title for task in session.scenario.tasks}
    senders = {inject.id: inject.from_ for inject in session.scenario.injects}
    rows: list[dict[str, Any]] = []
    for event in events:
        data, row = event.data, None
        if event.type == ev.INJECT:
            channel = t(f"report.channel.{data['channel']}")
            sender = data.get("from") or senders.get(data["inject"])
            row = {"kind": t("report.kind.inject"), "what": f"{channel}{t('report.colon')}{data['title']}",
                   "from": sender, "who": _recipients(data["to"], names, t)}
        elif event.type == ev.SUBMIT:
            row = {"kind": t("report.kind.late" if data.get("late") else "report.kind.submit"),
                   "what": titles.get(data["task"], data["task"]), "who": names.get(data["team"], data["team"])}
        elif event.type == ev.DEADLINE and data["missed"]:
            row = {"kind": t("report.kind.missed"), "what": titles.get(data["task"], data["task"]),
                   "who": _recipients(data["missed"], names, t)}
        elif event.type == ev.HEAT and rows and rows[-1].get("cause") == data["cause"]:
            rows[-1]["heat"] = t("report.heat-change", value=number(data["value"], 0), delta=f"{data['delta']:+g}")
        if row is not None:
            row = {"from": None, "heat": "", **row, "at": clock.at(event.at), "offset": clock.offset(event.at), "cause": data.get("inject")}
            rows.append(row)
    return rows


def _marks(events: list, session: Any) -> charts.HeatMarks:
    """Submissions of public words (statements, replies) and missed deadlines: the moments heat should answer to."""
    public = {task.id for task in session.scenario.tasks if task.kind in ("statement", "reply")}
    return charts.HeatMarks(
        submitted=[float(e.at) for e in events if e.type == ev.SUBMIT and e.data["task"] in public],
        missed=[float(e.at) for e in events if e.type == ev.DEADLINE and e.data["missed"]],
    )


def _results(scores: dict[str, Any], tasks: list) -> list[dict[str, Any]]:
    """One row per team, one cell per task (None where the team does not owe it), as printed;
    `values` keeps the scores as numbers for the comparison chart."""
    rows = []
    for team in scores["teams"]:
        owed = {task["task"]: task for task in team["tasks"]}
        cells = [owed.get(task.id) for task in tasks]
        rows.append({
            "name": team["name"],
            "total": number(team["total"]),
            "rating": team["rating"],
            "cells": [{"score": number(cell["score"]), "rating": cell["rating"]} if cell else None for cell in cells],
            "values": [cell["score"] if cell else None for cell in cells],
        })
    return rows


def _bands(exercise: Any, t: Catalog) -> str:
    """The legend of the rating bands the rubrics use, each once, in task order; HSEEP's
    default bands in the report's language.

    Team totals fall back to the default bands when a team's rubrics disagree, so
    those are listed whenever more than one scale is in use."""
    scales = list(dict.fromkeys(exercise.rubric_for(task.id).bands for task in exercise.scenario.tasks))
    if len(scales) > 1 and DEFAULT_SCALE not in scales:
        scales.append(DEFAULT_SCALE)
    legend: list[str] = []
    for scale in scales:
        for band in scale:
            label = t(f"report.band.{band.id}") if scale == DEFAULT_SCALE else band.label
            entry = t("report.band", id=band.id, label=label, min=number(band.min))
            if entry not in legend:
                legend.append(entry)
    return t("report.semicolon").join(legend)


def _status(task: dict[str, Any], clock: Clock, t: Catalog) -> str:
    due = f"{clock.at(task['due_at'])} ({clock.offset(task['due_at'])})"
    if task["submitted_at"] is None:
        return t("report.not-submitted", due=due)
    at = f"{clock.at(task['submitted_at'])} ({clock.offset(task['submitted_at'])})"
    if task["late_by"]:
        return t("report.submitted-late", at=at, due=due, late=_duration(t, task["late_by"]))
    return t("report.submitted", at=at, due=due)


def _criterion(criterion: dict[str, Any], t: Catalog) -> dict[str, Any]:
    """A criterion's row. Where an expert overrode an automatic check, the row keeps
    both: the check's suggestion and evidence, and the expert's points and word."""
    overridden = criterion["auto_points"] is not None
    return {
        "title": criterion["title"],
        "points": f"{number(criterion['points'], 2)} / {number(criterion['max'], 2)}",
        "source": t("report.pending") if criterion["points"] is None else t(f"report.source.{criterion['source']}"),
        "evidence": criterion["auto_evidence"] if overridden else criterion["evidence"],
        "suggestion": t("report.auto-suggestion", points=f"{number(criterion['auto_points'], 2)} / {number(criterion['max'], 2)}") if overridden else None,
        "note": criterion["note"],
    }


def _sheet(team: dict[str, Any], session: Any, clock: Clock, t: Catalog) -> dict[str, Any]:
    """One team's review sheet: each task's text, scores and comments, then its improvement plan."""
    tasks, plan = [], []
    for task in team["tasks"]:
        scenario_task = next(item for item in session.scenario.tasks if item.id == task["task"])
        work = session.state.work[(team["team"], task["task"])]
        submitted = task["submitted_at"] is not None
        labels = {field.id: field.label for field in scenario_task.fields}
        tasks.append({
            "title": task["title"],
            "rubric": session.exercise.rubric_for(task["task"]).title,
            "status": _status(task, clock, t),
            "score": number(task["score"]),
            "rating": task["rating"],
            "text": work.draft if submitted else None,
            "fields": [(labels.get(key, key), value) for key, value in work.fields.items()] if submitted else [],
            "criteria": [_criterion(criterion, t) for criterion in task["criteria"]],
            "strengths": task["strengths"],
            "improvements": task["improvements"],
        })
        plan += [
            {"issue": f"{task['title']} · {c['title']}" + (f"{t('report.colon')}{c['note']}" if c["note"] else ""),
             "action": c["action"], "owner": c["owner"] or ""}
            for c in task["criteria"] if c["action"]
        ]
    return {"name": team["name"], "total": number(team["total"]), "rating": team["rating"],
            "tasks": tasks, "plan": plan, "blank_rows": range(PLAN_BLANK_ROWS)}

"""What the report says, gathered once as plain data for both templates.

The HTML and the Markdown report show the same facts; building them here keeps
the templates to layout, and keeps every number and sentence in one place.
Scores come from the scorer's `drill score --json` shape only, so this module
depends on the contract, not on the scorer's classes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..engine import events as ev
from ..engine.heat import HOT
from ..engine.session import PLAN_COLUMNS
from ..engine.whatif import compare
from ..formats.rubric import DEFAULT_SCALE
from ..i18n import Catalog
from ..scoring import score_session
from ..scoring.results import STRENGTH
from ..scoring.scorer import NOTE_CLOSING
from ..scoring.wording import band_label
from ..whatif import inject_line, outcome_rows
from . import charts

PLAN_BLANK_ROWS = 3   # rows left empty in each improvement plan, to fill in by hand at the debrief


class Clock:
    """In-world seconds after clock.start, spelled as a reader of the scenario would: 09:30 and +2:00,
    with the date the catalog's way (04-17 09:30, 17/04 09:30) once the drill has crossed midnight."""

    def __init__(self, start: datetime, t: Catalog):
        self.start = start
        self.t = t

    def at(self, seconds: float) -> str:
        moment = self.start + timedelta(seconds=seconds)
        return self.t.day_time(moment) if moment.date() != self.start.date() else moment.strftime("%H:%M")

    @staticmethod
    def offset(seconds: float) -> str:
        minutes = int(seconds // 60)
        return f"+{minutes // 60}:{minutes % 60:02d}"


def number(value: float | None, t: Catalog, places: int = 1) -> str:
    """A score or points as printed: at most `places` decimals, no trailing zeros, the catalog's
    decimal mark; a dash when there is none."""
    if value is None:
        return "—"
    return t.number(value, places)


def build(session: Any, t: Catalog, whatifs: tuple = (), against: Any = None) -> dict[str, Any]:
    """Everything the templates show, for one session, in the catalog's language; `whatifs`
    are (what-if session, Change) pairs the facilitator kept, each a section of its own;
    `against` an earlier run (drill.compare.Played) to set beside this one."""
    scenario = session.scenario
    clock = Clock(scenario.clock.start, t)
    scores = score_session(session, language=t.language).to_json()
    names = {team.id: team.name for team in scenario.teams}
    titles = {task.id: task.title for task in scenario.tasks}
    end = _drill_end(session)
    events = session.sink.events()
    tasks = [task for task in scenario.tasks if any(key[1] == task.id for key in session.state.work)]
    branches = _branches(events, session)
    results = _results(scores, tasks, t)
    return {
        "lang": t.language,
        "front": True,      # the cover, timeline and results; a part of the PDF may leave them out
        "numbered": True,   # page numbers in the margin; a part of the PDF is numbered afterwards
        "t": t,
        "colon": t("report.colon"),
        "scenario": scenario,
        "ran_on": _ran_on(session.sink.first_wall_time(), t),
        "record": _record(session.sink, t),
        "start": t.date_time(scenario.clock.start) + scenario.clock.start.isoformat(timespec="minutes")[16:],
        "duration": _duration(t, scenario.clock.duration),
        "teams": [team.name for team in scenario.teams],
        "notes": [{"at": clock.at(at), "offset": clock.offset(at), "text": text} for at, text in session.state.notes],
        "timeline": _timeline(events, session, clock, t, names, branches),
        "heat_chart": charts.heat_chart(
            session.state.heat_history, end, _marks(events, session, branches), clock.at,
            {"heat": t("report.heat-public"), "axis": t("report.heat-axis"), "time": t("report.time-axis"),
             "submitted": t("report.marker.submitted"), "missed": t("report.marker.missed"),
             "branch": t("report.marker.branch"), "branch-label": t("report.marker.branch-label")},
        ),
        "heat_key": _heat_key(session, t),
        "branches": [
            {"at": clock.at(b.fired_at), "title": b.title, "set_off": _set_off(b, clock, t, names, titles)}
            for b in branches.values() if b.fired_at is not None
        ],
        "tasks": tasks,
        "results": results,
        "bands": _bands(session.exercise, t),
        "comparison_charts": charts.comparison_charts(
            [row["name"] for row in results], [task.short_title or task.title for task in tasks], [row["values"] for row in results],
        ),
        "sheets": [_sheet(team, session, clock, t) for team in scores["teams"]],
        "whatifs": [_whatif(session, other, change, clock, t) for other, change in whatifs],
        "against": _against(session, against, clock, t) if against is not None else None,
        "plan_columns": [t("report.action" if column == "action" else f"report.plan.{column}") for column in PLAN_COLUMNS],
    }


def _whatif(session: Any, other: Any, change: Any, clock: Clock, t: Catalog) -> dict[str, Any]:
    """One kept what-if: what was changed, the new words, what it changed (the same lines as
    `drill whatif` prints) and both heat curves on one chart."""
    scenario = session.scenario
    outcome = compare(session.state, other.state, change.team, change.task)
    team = scenario.team(change.team).name
    task = next(x.title for x in scenario.tasks if x.id == change.task)
    kind = "dropped" if change.drop else "changed"
    rows = outcome_rows(outcome, scenario, t, lambda seconds: _duration(t, seconds) if seconds else "0")
    names = {x.id: x.name for x in scenario.teams}
    end = max(_drill_end(session), _drill_end(other))   # a what-if replays to the same end, not the scenario's last hour
    return {
        "title": t(f"debrief.change.{kind}", team=team, task=task),
        "text": None if change.drop else change.text,
        "rows": [{"label": label, "before": before, "after": after, "changed": before != after} for label, before, after in rows],
        "injects": [inject_line(c, lambda s: "—" if s is None else clock.at(s), names, t) for c in outcome.injects],
        "chart": charts.whatif_chart(
            session.state.heat_history, other.state.heat_history, end, clock.at,
            {"before": t("whatif.before"), "after": t("whatif.after"), "axis": t("report.heat-axis"), "time": t("report.time-axis")},
            HOT,
        ),
    }


def _against(session: Any, earlier: Any, clock: Clock, t: Catalog) -> dict[str, Any]:
    """"Beside an earlier run": the sentences drill.compare says, under a title naming that run."""
    from ..compare import against, played

    this = played(session, session.sink.path, t.language)
    return {"title": t("compare.against.title", run=earlier.label), "lines": against(this, earlier, t, clock.at)}


def _record(log: Any, t: Catalog) -> str | None:
    """The session record as the cover prints it: its events and final digest, checked against
    the chain (store/chain.py), so a printed report says which record it came from."""
    if not hasattr(log, "verify"):
        return None
    verdict = log.verify()
    if not verdict.chained:
        return t("record.not-chained", events=verdict.events)
    if not verdict.intact:
        return t("record.broken", events=verdict.events, event=verdict.broken_at)
    return t("record.intact", events=verdict.events, digest=verdict.final)


def _drill_end(session: Any) -> float:
    """Where a chart's time axis ends: when the drill ended (or the clock stopped), within the
    scenario's duration; a drill never started shows the whole duration."""
    duration = float(session.scenario.clock.duration)
    return min(session.state.now, duration) or duration


def _ran_on(wall: str | None, t: Catalog) -> str | None:
    """The real date and time the drill began, in this computer's time zone."""
    if wall is None:
        return None
    return t.date_time(datetime.fromisoformat(wall).astimezone())


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


@dataclass
class _Branch:
    """A branching inject (`scored_below` / `scored_at_least`) that was triggered, and what set it off."""

    inject: str
    title: str
    team: str | None = None         # whose submission set it off
    task: str | None = None
    score: float | None = None      # its automatic score, as the log recorded it
    submitted_at: float | None = None
    fired_at: float | None = None   # None if the drill ended before it fired


def _branches(events: list, session: Any) -> dict[str, _Branch]:
    """Each branching inject that was triggered, by id, with the submission that set it off:
    the last `scored` event for the watched task before the trigger, from a team the inject
    went to (by default the one that submitted), else from any team."""
    watched = {
        inject.id: inject for inject in session.scenario.injects
        if inject.when is not None and inject.when.kind in ("scored_below", "scored_at_least")
    }
    branches: dict[str, _Branch] = {}
    scored: list = []
    for event in events:
        data = event.data
        if event.type == ev.SCORED:
            scored.append(event)
        elif event.type == ev.TRIGGER and data["inject"] in watched and data["inject"] not in branches:
            inject = watched[data["inject"]]
            candidates = [e for e in scored if e.data["task"] == inject.when.task]
            setter = next((e for e in reversed(candidates) if e.data["team"] in data["to"]), candidates[-1] if candidates else None)
            branches[inject.id] = _Branch(inject.id, inject.title)
            if setter is not None:
                branch = branches[inject.id]
                branch.team, branch.task, branch.score = setter.data["team"], setter.data["task"], setter.data["score"]
                branch.submitted_at = float(setter.at)
        elif event.type == ev.INJECT and data["inject"] in branches and branches[data["inject"]].fired_at is None:
            branches[data["inject"]].fired_at = float(event.at)
            branches[data["inject"]].title = data.get("title") or branches[data["inject"]].title
    return branches


def _set_off(branch: _Branch, clock: Clock, t: Catalog, names: dict[str, str], titles: dict[str, str]) -> str | None:
    """"set off by 宣传部's 情况通报 at 14:00 (score 32.2)", from the catalog."""
    if branch.team is None:
        return None
    return t("report.set-off-by", team=names.get(branch.team, branch.team), task=titles.get(branch.task, branch.task),
             at=clock.at(branch.submitted_at), score=number(branch.score, t))


def _timeline(events: list, session: Any, clock: Clock, t: Catalog, names: dict[str, str],
              branches: dict[str, _Branch]) -> list[dict[str, Any]]:
    """Injects with their recipients, submissions and missed deadlines, in the order they happened.

    A change of the public heat is shown on the row of what caused it (an inject, a statement
    or reply, a missed deadline); a branching inject says which team's submission set it off."""
    titles = {task.id: task.title for task in session.scenario.tasks}
    senders = {inject.id: inject.from_ for inject in session.scenario.injects}
    notes = {inject.id: inject.notes for inject in session.scenario.injects if inject.notes}   # the facilitator's, beside the inject
    rows: list[dict[str, Any]] = []
    for event in events:
        data, row = event.data, None
        if event.type == ev.INJECT:
            channel = t(f"report.channel.{data['channel']}")
            sender = data.get("from") or senders.get(data["inject"])
            branch = branches.get(data["inject"])
            row = {"kind": t("report.kind.branch") if branch else t("report.kind.inject"),
                   "what": f"{channel}{t('report.colon')}{data['title']}",
                   "from": sender, "who": _recipients(data["to"], names, t),
                   "set_off": _set_off(branch, clock, t, names, titles) if branch else None, "notes": notes.get(data["inject"])}
        elif event.type == ev.SUBMIT:
            row = {"kind": t("report.kind.late" if data.get("late") else "report.kind.submit"),
                   "what": titles.get(data["task"], data["task"]), "who": names.get(data["team"], data["team"]),
                   "cause": f"{ev.SUBMIT}:{data['team']}:{data['task']}"}
        elif event.type == ev.DEADLINE and data["missed"]:
            row = {"kind": t("report.kind.missed"), "what": titles.get(data["task"], data["task"]),
                   "who": _recipients(data["missed"], names, t), "cause": f"missed:{data['task']}"}
        elif event.type == ev.OBSERVE:
            row = {"kind": t("report.kind.observation"),
                   "what": t(f"report.observation.{data['kind']}") + t("report.colon") + data["text"],
                   "from": data.get("by"), "who": names.get(data["team"], data["team"])}
        elif event.type == ev.HEAT and "team" not in data and rows and rows[-1]["cause"] == data["cause"]:
            rows[-1]["heat"] = t("report.heat-change", value=number(data["value"], t, 0),
                                  delta=("+" if data["delta"] >= 0 else "-") + number(abs(data["delta"]), t))
        if row is not None:
            rows.append({"from": None, "heat": "", "set_off": None, "notes": None, "cause": data.get("inject"), **row,
                         "at": clock.at(event.at), "offset": clock.offset(event.at)})
    return rows


def _marks(events: list, session: Any, branches: dict[str, _Branch]) -> charts.HeatMarks:
    """Each team's public words (statements, replies), missed deadlines and the branching injects
    that fired: the moments heat should answer to. Marks sit on the public heat just after the
    change they caused, read from the log's `heat` events (public ones have no `team`)."""
    scenario = session.scenario
    index = {team.id: n for n, team in enumerate(scenario.teams)}
    public = {task.id for task in scenario.tasks if task.kind in ("statement", "reply")}
    after = {e.data["cause"]: float(e.data["value"]) for e in events if e.type == ev.HEAT and "team" not in e.data}
    level = charts.level_at(session.state.heat_history)

    def heat(cause: str, at: float) -> float:
        return after.get(cause, level(at))

    submitted = [
        charts.Submitted(float(e.at), index.get(e.data["team"], 0), heat(f"{ev.SUBMIT}:{e.data['team']}:{e.data['task']}", float(e.at)))
        for e in events if e.type == ev.SUBMIT and e.data["task"] in public and e.data["team"] in index
    ]
    fired = [
        charts.Branch(b.title, b.fired_at, heat(b.inject, b.fired_at), index.get(b.team),
                      b.submitted_at, heat(f"{ev.SUBMIT}:{b.team}:{b.task}", b.submitted_at) if b.submitted_at is not None else None)
        for b in branches.values() if b.fired_at is not None
    ]
    return charts.HeatMarks(
        teams=[team.name for team in scenario.teams],
        submitted=submitted,
        missed=[float(e.at) for e in events if e.type == ev.DEADLINE and e.data["missed"]],
        branches=fired,
        team_heat={index[team]: series for team, series in session.state.team_heat_history.items() if team in index},
    )


def _heat_key(session: Any, t: Catalog) -> str:
    """The sentence under the chart that says how to read it."""
    keys = ["report.heat-key.public", "report.heat-key.submitted"]
    if session.state.team_heat_history:
        keys.append("report.heat-key.team")
    keys.append("report.heat-key.branch")
    return " ".join(t(key) for key in keys)


def _results(scores: dict[str, Any], tasks: list, t: Catalog) -> list[dict[str, Any]]:
    """One row per team, one cell per task (None where the team does not owe it), as printed;
    `values` keeps the scores as numbers for the comparison chart."""
    rows = []
    for team in scores["teams"]:
        owed = {task["task"]: task for task in team["tasks"]}
        cells = [owed.get(task.id) for task in tasks]
        rows.append({
            "name": team["name"],
            "total": number(team["total"], t),
            "rating": team["rating"],
            "cells": [{"score": number(cell["score"], t), "rating": cell["rating"]} if cell else None for cell in cells],
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
            entry = t("report.band", id=band.id, label=band_label(band, scale, t), min=number(band.min, t))
            if entry not in legend:
                legend.append(entry)
    return t("report.semicolon").join(legend)


def _status(task: dict[str, Any], clock: Clock, t: Catalog) -> str:
    due = f"{clock.at(task['due_at'])} ({clock.offset(task['due_at'])})"
    if task["submitted_at"] is None:
        return t("report.not-submitted", due=due) if task.get("due", True) else f"{t('scoring.not-due')} ({due})"
    at = f"{clock.at(task['submitted_at'])} ({clock.offset(task['submitted_at'])})"
    if task["late_by"]:
        return t("report.submitted-late", at=at, due=due, late=_duration(t, task["late_by"]))
    return t("report.submitted", at=at, due=due)


def _criterion(criterion: dict[str, Any], t: Catalog) -> dict[str, Any]:
    """A criterion's row. Where an expert overrode an automatic check, the row keeps
    both: the check's suggestion and evidence, and the expert's points and word. Where
    named experts reviewed it, each one's name, level and note is listed (the points are
    their mean), instead of the one combined note."""
    overridden = criterion["auto_points"] is not None
    reviews = criterion["reviews"]
    named = len(reviews) > 1 or any(review["by"] for review in reviews)
    return {
        "reviews": [{"by": review["by"] or t("report.unnamed"), "level": number(review["level"], t, 2), "note": review["note"]}
                    for review in reviews] if named else [],
        "title": criterion["title"],
        "points": f"{number(criterion['points'], t, 2)} / {number(criterion['max'], t, 2)}",
        "source": t("report.pending") if criterion["points"] is None else t(f"report.source.{criterion['source']}"),
        "evidence": criterion["auto_evidence"] if overridden else criterion["evidence"],
        "suggestion": t("report.auto-suggestion", points=f"{number(criterion['auto_points'], t, 2)} / {number(criterion['max'], t, 2)}") if overridden else None,
        "note": None if named else criterion["note"],
    }


def _sheet(team: dict[str, Any], session: Any, clock: Clock, t: Catalog) -> dict[str, Any]:
    """One team's review sheet: each task's text, scores and comments, then its improvement plan."""
    tasks, plan, keep = [], [], []
    for task in team["tasks"]:
        scenario_task = next(item for item in session.scenario.tasks if item.id == task["task"])
        work = session.state.work[(team["team"], task["task"])]
        submitted = task["submitted_at"] is not None
        labels = {field.id: field.label for field in scenario_task.fields}
        tasks.append({
            "title": task["title"],
            "rubric": session.exercise.rubric_for(task["task"]).title,
            "status": _status(task, clock, t),
            "score": number(task["score"], t),
            "rating": task["rating"],
            "text": work.draft if submitted else None,
            "fields": [(labels.get(key, key), value) for key, value in work.fields.items()] if submitted else [],
            "criteria": [_criterion(criterion, t) for criterion in task["criteria"]],
            "strengths": task["strengths"],
            "improvements": task["improvements"],
            "capped_by": task.get("capped_by"),
        })
        for c in task["criteria"]:
            if not c["action"]:
                continue
            issue = c["title"] + (t("report.colon") + _notes(c, t) if _notes(c, t) else "")
            if _strength(c):   # praise with a next step ("可作为范例"): kept and shared, not an area for improvement
                keep.append(f"{task['title']} · {issue} → {c['action']}" + (f" ({c['owner']})" if c["owner"] else ""))
            else:
                plan.append(_plan_row({"capability": task["title"], "action": c["action"], "organization": c["owner"],
                                       "issue": issue}, team["name"], t))
    titles = {task.id: task.title for task in session.scenario.tasks}
    plan += [_plan_row({"capability": titles.get(row.get("task"), ""), **row}, team["name"], t)
             for row in session.state.plan if row["team"] == team["team"]]
    return {"name": team["name"], "total": number(team["total"], t), "rating": team["rating"],
            "tasks": tasks, "plan": plan, "keep": keep, "blank_rows": range(PLAN_BLANK_ROWS),
            "observations": _observations(session, team["team"], clock, t)}


def _strength(criterion: dict[str, Any]) -> bool:
    """Whether a criterion was done well (at least the share the scorer counts as a strength)."""
    return criterion["points"] is not None and criterion["points"] >= STRENGTH * criterion["max"]


def _notes(criterion: dict[str, Any], t: Catalog) -> str:
    """The experts' notes on a criterion as one phrase: each one's closing mark dropped before
    they are joined (no "。；"), each signed when several experts wrote one."""
    said = [(review["by"], review["note"].strip()) for review in criterion["reviews"] if review["note"].strip()]
    if len(said) < 2:
        return said[0][1] if said else (criterion["note"] or "").strip()
    return t("report.semicolon").join(f"{by or t('report.unnamed')}{t('report.colon')}{note.rstrip(NOTE_CLOSING)}" for by, note in said)


def _plan_row(row: dict[str, Any], team: str, t: Catalog) -> list[str]:
    """A row of the improvement plan in HSEEP's columns, as printed: from an expert's review
    (its corrective action and owner) or from a row written on its own (`plan` events). The
    responsible organisation is the team's own unless an expert named another."""
    element = row.get("element")
    row = {**row, "organization": row.get("organization") or team}
    return [(t(f"report.element.{element}") if element else "") if column == "element" else row.get(column) or ""
            for column in PLAN_COLUMNS]


def _observations(session: Any, team: str, clock: Clock, t: Catalog) -> list[dict[str, Any]]:
    """The evaluators' observations of one team, in the order they were written."""
    titles = {task.id: task.title for task in session.scenario.tasks}
    injects = {inject.id: inject.title for inject in session.scenario.injects}
    return [
        {"at": clock.at(o["at"]), "offset": clock.offset(o["at"]), "by": o.get("by") or "",
         "kind": t(f"report.observation.{o['kind']}"), "strength": o["kind"] == "strength",
         "about": t("report.separator").join(name for name in (titles.get(o.get("task")), injects.get(o.get("inject"))) if name),
         "text": o["text"]}
        for o in session.state.observations if o["team"] == team
    ]

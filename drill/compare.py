"""Across drills: several runs of one scenario read side by side, a department's trend over
runs, and one earlier run beside this one (`--against`).

Trainers run the same drill for one study group after another, and the leaders who
receive the debrief ask how this group did against the last ones and whether their
departments improved. This module reads session files into the figures those
questions need (scores as `drill score` gives them, times against deadlines, heat,
injects fired, expert ratings) and says what changed, in the catalog's language; the
report's pipeline lays them out (drill/report/comparison.py), the debrief presenter
shows the `--against` lines (drill/tui/against.py).

Runs match by scenario id; versions of a scenario match by task, team and inject ids,
and what differs between versions is stated rather than hidden.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .engine.heat import value_at
from .i18n import Catalog
from .scoring import score_session
from .sessions import open_session

STATEMENT = "statement"   # the task kind whose first submission is "the first statement"
MOST = 6                  # changes listed under "what changed most"


class CompareError(Exception):
    """A session that cannot be compared with the others (another scenario); says which and why."""


@dataclass
class Played:
    """One run of the drill, read once: its figures, as `drill score` and the log give them."""

    path: Path
    session: Any
    ran_on: datetime | None
    scores: dict[str, Any]
    heat: list[tuple[float, float]]
    peak: float
    final: float
    fired: dict[str, float]
    record: Any   # what checking its hash chain found (drill.store.chain.Verdict)
    teams: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def scenario(self):
        return self.session.scenario

    @property
    def label(self) -> str:
        return self.path.stem

    def task(self, team: str, task: str) -> dict[str, Any] | None:
        entry = self.teams.get(team)
        return next((x for x in entry["tasks"] if x["task"] == task), None) if entry else None

    def first_statement(self, team: str | None = None) -> float | None:
        """When the first statement went out: of one team, or of the whole group (any team)."""
        kinds = {task.id for task in self.scenario.tasks if task.kind == STATEMENT}
        times = [x["submitted_at"] for entry in self.teams.values() if team in (None, entry["team"])
                 for x in entry["tasks"] if x["task"] in kinds and x["submitted_at"] is not None]
        return min(times, default=None)

    def criteria(self, team: str) -> dict[tuple[str, str], tuple[str, float]]:
        """(task, criterion) -> (title, percent of its points) for each scored criterion of one team."""
        entry = self.teams.get(team)
        return {(x["task"], c["id"]): (f"{x['title']} · {c['title']}", 100 * c["points"] / c["max"])
                for x in (entry["tasks"] if entry else []) for c in x["criteria"] if c["points"] is not None and c["max"]}

    def experts(self, team: str) -> list[float]:
        """The percent of points each criterion an expert scored gave this team."""
        entry = self.teams.get(team)
        return [100 * c["points"] / c["max"] for x in (entry["tasks"] if entry else []) for c in x["criteria"]
                if c["source"] == "expert" and c["points"] is not None and c["max"]]


def read(path: Path, language: str | None = None) -> Played:
    """A session file's run: replayed once and scored once (scores in `language`'s words)."""
    return played(open_session(path), path, language)


def played(session: Any, path: Path, language: str | None = None) -> Played:
    """The figures of a session already open (the report's own, for `--against`)."""
    scenario = session.scenario
    scores = score_session(session, language=language).to_json()
    history = session.state.heat_history
    end = float(scenario.clock.duration)
    wall = session.sink.first_wall_time()
    verdict = session.sink.verify()   # a run whose record was changed must say so beside its figures
    return Played(
        path=Path(path), session=session, ran_on=datetime.fromisoformat(wall) if wall else None, scores=scores,
        heat=history, peak=max(value for _, value in history), final=value_at(history, end, scenario.heat),
        fired=dict(session.state.fired), record=verdict,
        teams={team["team"]: team for team in scores["teams"]},
    )


def read_runs(paths: list[Path], language: str | None = None) -> list[Played]:
    """The runs at `paths`, in the order they were run (real date and time); a session of
    another scenario than the first is refused with CompareError, and so is one run given
    twice (one file by two names, or a copy of it): a run compared with itself shows nothing."""
    runs: list[Played] = []
    for path in paths:
        twin = next((run for run in runs if _same_file(path, run.path)), None)
        if twin is not None:
            raise CompareError(f"{path}: the same session file as {twin.path}; compare different runs, each once")
        run = read(path, language)
        if runs and run.scenario.id != runs[0].scenario.id:
            raise CompareError(f"{path}: a session of another scenario ({run.scenario.id}), not of {runs[0].scenario.id} "
                               f"like {runs[0].path}; compare runs of one scenario")
        twin = next((earlier for earlier in runs if _same_record(earlier, run)), None)
        if twin is not None:
            said = f"final digest {run.record.final}" if run.record.intact else f"{run.record.events} events, the same ones"
            raise CompareError(f"{path}: a copy of the session {twin.path} (the same record: {said}); compare different runs, each once")
        runs.append(run)
    order = sorted(range(len(runs)), key=lambda n: (runs[n].ran_on is None, runs[n].ran_on or datetime.min, n))
    return [runs[n] for n in order]


def _same_file(path: Path, other: Path) -> bool:
    """Whether two names lead to one file (the same path, a link, another spelling of it)."""
    try:
        return Path(path).samefile(other)
    except OSError:
        return False


def _same_record(one: Played, other: Played) -> bool:
    """Whether two session files hold one run: their hash chains end in the same digest (each
    event is hashed with the real time it was recorded, so two runs never do); for a file
    without an intact chain, the same events recorded from the same moment on."""
    if not one.record.events or one.record.events != other.record.events or one.record.intact != other.record.intact:
        return False
    if one.record.intact:
        return one.record.final == other.record.final
    return (one.session.sink.first_wall_time() == other.session.sink.first_wall_time()
            and one.session.exercise.scenario_text == other.session.exercise.scenario_text
            and _events(one) == _events(other))


def _events(run: Played) -> list[tuple]:
    return [(e.seq, e.type, e.at, e.data_json()) for e in run.session.sink.events(with_drafts=False)]


def differences(runs: list[Played], t: Catalog) -> list[str]:
    """What differs between versions of the scenario the runs played: teams, tasks and injects
    one run has and another lacks, and a changed title; none when all played the same text."""
    if len({run.session.exercise.scenario_text for run in runs}) <= 1:
        return []
    lines = []
    newest = runs[-1]
    for run in runs[:-1]:
        if run.session.exercise.scenario_text == newest.session.exercise.scenario_text:
            continue
        found = []
        for kind, ids in (("teams", lambda r: {x.id: x.name for x in r.scenario.teams}),
                          ("tasks", lambda r: {x.id: x.title for x in r.scenario.tasks}),
                          ("injects", lambda r: {x.id: x.title for x in r.scenario.injects})):
            mine, theirs = ids(run), ids(newest)
            for key, names in (("compare.only-in", {k: v for k, v in mine.items() if k not in theirs}),
                               ("compare.not-in", {k: v for k, v in theirs.items() if k not in mine})):
                if names:
                    found.append(t(key, run=run.label, newest=newest.label, what=t(f"compare.{kind}"),
                                   names=t("report.separator").join(names.values())))
        if run.scenario.title != newest.scenario.title:
            found.append(t("compare.retitled", run=run.label, title=run.scenario.title, newest=newest.label))
        lines += found or [t("compare.reworded", run=run.label, newest=newest.label)]
    return lines


@dataclass(frozen=True)
class Change:
    """A figure that moved between two runs in date order, for "what changed most"."""

    size: float     # how far it moved, in points of 100 (scores, heat) or minutes / 6 (times)
    text: str


def changes(runs: list[Played], t: Catalog, clock) -> list[str]:
    """What changed most between consecutive runs: team totals and task scores, when the first
    statement went out, and the peak of the heat; the largest first."""
    found: list[Change] = []
    for before, after in zip(runs, runs[1:]):
        pair = {"before": before.label, "after": after.label}
        for team in after.scenario.teams:
            old, new = before.teams.get(team.id), after.teams.get(team.id)
            if old and new and old["total"] is not None and new["total"] is not None and old["total"] != new["total"]:
                found.append(Change(abs(new["total"] - old["total"]) + 0.01, t(
                    "compare.change.total", team=team.name, old=t.number(old["total"]), new=t.number(new["total"]), **pair)))
            for task in after.scenario.tasks:
                a, b = before.task(team.id, task.id), after.task(team.id, task.id)
                if a and b and a["score"] is not None and b["score"] is not None and a["score"] != b["score"]:
                    found.append(Change(abs(b["score"] - a["score"]), t(
                        "compare.change.score", team=team.name, task=task.title, old=t.number(a["score"]), new=t.number(b["score"]), **pair)))
        old, new = before.first_statement(), after.first_statement()
        if old is not None and new is not None and old != new:
            found.append(Change(abs(new - old) / 360, t("compare.change.statement", old=clock(old), new=clock(new), **pair)))
        if round(before.peak) != round(after.peak):
            found.append(Change(abs(after.peak - before.peak), t(
                "compare.change.peak", old=t.number(before.peak, 0), new=t.number(after.peak, 0), **pair)))
    return [change.text for change in sorted(found, key=lambda c: -c.size)[:MOST]]


@dataclass(frozen=True)
class Trend:
    """One team over the runs it played, in date order: its total and each task's score per
    run, each criterion's percent per run, and the criteria that rose or fell most."""

    team: str
    name: str
    totals: list[float | None]
    tasks: list[tuple[str, list[float | None]]]
    criteria: list[tuple[str, list[float | None]]]
    improved: list[tuple[str, float]]
    fell: list[tuple[str, float]]


def trends(runs: list[Played]) -> list[Trend]:
    """The same department (team id) across the runs, per task and per criterion."""
    out = []
    newest = runs[-1].scenario
    for team in newest.teams:
        present = [run for run in runs if team.id in run.teams]
        if not present:
            continue
        totals = [run.teams[team.id]["total"] if team.id in run.teams else None for run in runs]
        tasks = [(task.short_title or task.title, [(run.task(team.id, task.id) or {}).get("score") for run in runs]) for task in newest.tasks
                 if any(run.task(team.id, task.id) for run in runs)]
        per_run = [run.criteria(team.id) for run in runs]
        keys = list(dict.fromkeys(key for criteria in per_run for key in criteria))
        criteria = [(next(c[key][0] for c in per_run if key in c), [c[key][1] if key in c else None for c in per_run]) for key in keys]
        moved = []
        for title, values in criteria:
            known = [v for v in values if v is not None]
            if len(known) >= 2 and known[-1] != known[0]:
                moved.append((title, known[-1] - known[0]))
        improved = sorted((m for m in moved if m[1] > 0), key=lambda m: -m[1])[:3]
        fell = sorted((m for m in moved if m[1] < 0), key=lambda m: m[1])[:3]
        out.append(Trend(team.id, team.name, totals, tasks, criteria, improved, fell))
    return out


def at_moment(this: Played, earlier: Played, now: float, t: Catalog, clock) -> str:
    """Both runs at the same in-world moment, for the presenter as it steps: the public heat and
    the work handed in by then, in each."""
    def state(run: Played) -> dict[str, str]:
        owed = [x for entry in run.teams.values() for x in entry["tasks"]]
        done = sum(1 for x in owed if x["submitted_at"] is not None and x["submitted_at"] <= now)
        return {"heat": t.number(value_at(run.heat, now, run.scenario.heat), 0), "done": f"{done}/{len(owed)}"}

    then, mine = state(earlier), state(this)
    return t("compare.against.moment", at=clock(now), then_heat=then["heat"], then_done=then["done"],
             now_heat=mine["heat"], now_done=mine["done"])


def against(this: Played, earlier: Played, t: Catalog, clock) -> list[str]:
    """One earlier run beside this one, in sentences for the room: "the last group published the
    first statement at 10:40; you at 09:55", the heat, and each team's total."""
    def at(seconds: float | None) -> str:
        return t("compare.never") if seconds is None else clock(seconds)

    lines = [t("compare.against.statement", then=at(earlier.first_statement()), now=at(this.first_statement())),
             t("compare.against.heat", then=t.number(earlier.peak, 0), now=t.number(this.peak, 0),
               then_final=t.number(earlier.final, 0), now_final=t.number(this.final, 0))]
    for team in this.scenario.teams:
        old, new = earlier.teams.get(team.id), this.teams.get(team.id)
        if old is None or new is None:
            continue
        number = lambda value: "—" if value is None else t.number(value)  # noqa: E731
        then, now = earlier.first_statement(team.id), this.first_statement(team.id)
        totals = {"team": team.name, "then": number(old["total"]), "now": number(new["total"])}
        if then is None and now is None:
            lines.append(t("compare.against.team", **totals))
        else:
            lines.append(t("compare.against.team-statement", **totals, then_statement=at(then), now_statement=at(now)))
    return lines

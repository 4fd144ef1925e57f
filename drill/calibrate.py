"""`drill calibrate`: how far the automatic scorer agrees with experts.

Two sources of graded pairs (an expert's score beside the automatic one):
- a graded examples file (`format: drill/graded@1`): each example is handed in alone,
  in a fresh headless session of its scenario, at its in-world time, and scored with the
  automatic criteria only (the manual ones are left out and the rest renormalised over
  their weights, exactly the score the engine branches on);
- a session file: each submission that an expert reviewed (any review event, named or
  not) pairs the task score with the experts' levels and overrides against the score of
  the same submission without any review.

It drives the engine headless, like `drill simulate`, so it lives outside the core.
The figures (rank correlations, mean difference, band agreement) are the statistics a
trainer would quote; scipy computes them, so nobody has to trust hand-written ones.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scipy import stats

from .engine import Clock, Refused, Session
from .formats import Exercise, FormatError, Loader
from .formats.graded import Example, team_of
from .formats.library import bundled
from .formats.rubric import DEFAULT_SCALE, Band
from .i18n import Catalog
from .scoring import CriterionScore, Submission, score_exercise, score_session
from .sessions import is_session_file, open_session

WORST = 5
# An example without `at` is handed in this long before its deadline (or halfway
# through the time the task is open, if that is shorter): after the injects it answers.
BEFORE_DUE = 600.0


class NeverOpen(Exception):
    """An example's task opens only after an inject that a headless run never fires."""


@dataclass(frozen=True)
class Pair:
    """One graded submission: what the expert gave it and what the scorer gives it."""

    id: str
    team: str
    task: str
    expert: float
    auto: float
    bands: tuple[Band, ...]
    criteria: tuple[CriterionScore, ...]  # the automatic criteria, with their evidence
    kind: str = ""
    note: str = ""
    at: float | None = None  # handed in, in-world seconds after clock.start

    @property
    def expert_band(self) -> str:
        return band_of(self.bands, self.expert)

    @property
    def auto_band(self) -> str:
        return band_of(self.bands, self.auto)

    @property
    def difference(self) -> float:
        return self.auto - self.expert


@dataclass(frozen=True)
class Agreement:
    """The figures for a set of pairs (one task, or a whole file)."""

    pairs: tuple[Pair, ...]
    spearman: float | None
    kendall: float | None
    mean_abs: float
    same_band: int
    bands: tuple[str, ...]  # band ids, highest first: the confusion table's rows and columns
    confusion: dict[tuple[str, str], int]  # (expert band, automatic band) -> count

    @property
    def worst(self) -> list[Pair]:
        return sorted(self.pairs, key=lambda p: (-abs(p.difference), p.id))[:WORST]


@dataclass(frozen=True)
class Calibration:
    """One file's pairs and figures: per task in scenario order, and over all of them."""

    path: str
    scenario: str
    source: str  # "graded" or "session"
    language: str
    tasks: dict[str, Agreement]
    titles: dict[str, str]
    overall: Agreement | None


def band_of(bands: tuple[Band, ...], score: float) -> str:
    """The band a score falls in, judged as printed (one decimal), as the score sheets do."""
    shown = round(score, 1)
    return next(band.id for band in bands if shown >= band.min)


def _correlation(result: Any) -> float | None:
    value = float(result.statistic)
    return None if math.isnan(value) else value


def agreement(pairs: list[Pair]) -> Agreement:
    """Spearman's rho and Kendall's tau-b between expert and automatic scores (None when
    either side has no spread), mean absolute difference, and how often the bands agree."""
    # Tasks judged on different scales are pooled on the default one (HSEEP's P/S/M/U).
    bands = pairs[0].bands if len({p.bands for p in pairs}) == 1 else DEFAULT_SCALE
    experts, autos = [p.expert for p in pairs], [p.auto for p in pairs]
    spread = len(pairs) > 1 and len(set(experts)) > 1 and len(set(autos)) > 1
    spearman = _correlation(stats.spearmanr(experts, autos)) if spread else None
    kendall = _correlation(stats.kendalltau(experts, autos)) if spread else None
    confusion = Counter((band_of(bands, p.expert), band_of(bands, p.auto)) for p in pairs)
    return Agreement(
        tuple(pairs), spearman, kendall, sum(abs(p.difference) for p in pairs) / len(pairs),
        sum(n for (expert, auto), n in confusion.items() if expert == auto), tuple(b.id for b in bands), dict(confusion),
    )


def _summarise(path: str, exercise: Exercise, source: str, language: str, pairs: list[Pair]) -> Calibration:
    order = [t.id for t in exercise.scenario.tasks]
    by_task: dict[str, list[Pair]] = {}
    for pair in sorted(pairs, key=lambda p: order.index(p.task)):
        by_task.setdefault(pair.task, []).append(pair)
    return Calibration(
        path, exercise.scenario.id, source, language,
        {task: agreement(group) for task, group in by_task.items()},
        {t.id: t.title for t in exercise.scenario.tasks},
        agreement(pairs) if pairs else None,
    )


def by_kind(pairs: tuple[Pair, ...]) -> dict[str, tuple[int, float, float]]:
    """For each kind of answer (as the examples label them): how many, the mean expert and
    the mean automatic score; which kinds the scorer over- or under-rates shows at a glance."""
    groups: dict[str, list[Pair]] = {}
    for pair in pairs:
        if pair.kind:
            groups.setdefault(pair.kind, []).append(pair)
    return {
        kind: (len(group), sum(p.expert for p in group) / len(group), sum(p.auto for p in group) / len(group))
        for kind, group in groups.items()
    }


# ----- graded examples files ---------------------------------------------------------------


def _handed_in(exercise: Exercise, example: Example, team: str) -> tuple[float, float]:
    """Hand the example in alone, in a fresh in-memory session: the engine decides whether
    the task is open then and when it falls due. Returns (submitted at, due at)."""
    clock = Clock.headless(exercise.scenario.clock.speed)
    session = Session(exercise, None, clock)
    session.begin()
    session.start()
    at = example.at
    if at is None:
        while (team, example.task) not in session.state.work:
            upcoming = session.next_at()
            if upcoming is None:
                raise NeverOpen(
                    f"task {example.task!r} does not open for team {team!r} on its own (it waits for a facilitator's "
                    "or a conditional inject): calibrate it from a session file instead"
                )
            clock.set(upcoming)
            session.tick()
        due = session.state.work[team, example.task].due_at
        opened = due - next(t.due for t in exercise.scenario.tasks if t.id == example.task)
        at = max(opened, due - min(BEFORE_DUE, (due - opened) / 2))
    clock.set(at)
    session.submit(team, example.task, example.text, example.fields)
    work = session.state.work[team, example.task]
    return work.submitted_at, work.due_at


def calibrate_graded(path: Path, loader: Loader, language: str | None = None) -> Calibration:
    """Score every example of a graded file automatically and set it beside the expert's score.
    Raises FormatError (positioned) for a bad file or an example its task cannot take."""
    doc, graded, exercise = loader.load_graded(path)
    language = language or exercise.scenario.language
    pairs, problems = [], []
    for n, example in enumerate(graded.examples):
        team = team_of(example, exercise)
        try:
            at, due = _handed_in(exercise, example, team)
        except (Refused, NeverOpen) as refusal:
            where = ("examples", n, "at") if example.at is not None else ("examples", n)
            problems.append(doc.problem(where, f"example {example.id!r} cannot be handed in: {refusal}"))
            continue
        scores = score_exercise(exercise, [Submission(team, example.task, at, example.text, example.fields)], [], {(team, example.task): due}, language)
        scored = next(t for s in scores.teams if s.team == team for t in s.tasks)
        if scored.score is None:
            problems.append(doc.problem(("examples", n, "task"), f"task {example.task!r} has no automatic criteria: nothing to calibrate"))
            continue
        pairs.append(_pair(example.id, team, scored, example.score, exercise, example.kind, example.note))
    if problems:
        raise FormatError(problems)
    return _summarise(str(path), exercise, "graded", language, pairs)


def _pair(name: str, team: str, scored: Any, expert: float, exercise: Exercise, kind: str = "", note: str = "") -> Pair:
    automatic = tuple(c for c in scored.criteria if c.kind != "manual" and not c.pending)
    bands = exercise.rubric_for(scored.task).bands
    return Pair(name, team, scored.task, expert, scored.score, bands, automatic, kind, note, scored.submitted_at)


# ----- session files -----------------------------------------------------------------------


def calibrate_session(path: Path, language: str | None = None) -> Calibration:
    """Pair each reviewed submission's task score (with the experts' levels and overrides)
    with its automatic score (no review at all). A session nobody reviewed has no pairs."""
    session = open_session(path)
    try:
        exercise = session.exercise
        language = language or exercise.scenario.language
        reviewed = {(r["team"], r["task"]) for r in session.state.reviews}
        judged = score_session(session, language)
        automatic = score_session(session, language, with_reviews=False)
    finally:
        if session.sink is not None:
            session.sink.close()
    before = {(team.team, task.task): task for team in automatic.teams for task in team.tasks}
    t = Catalog(language)
    pairs = []
    for team in judged.teams:
        for task in team.tasks:
            auto = before[team.team, task.task]
            if (team.team, task.task) in reviewed and task.score is not None and auto.score is not None:
                reasons = [t("scoring.line", title=c.title, text=c.note) for c in task.criteria if c.source == "expert" and c.note]
                pairs.append(_pair(f"{team.team}/{task.task}", team.team, auto, task.score, exercise, note="\n".join(reasons)))
    return _summarise(str(path), exercise, "session", language, pairs)


def calibrate(path: Path, loader: Loader, language: str | None = None, task: str | None = None) -> Calibration:
    """A graded file or a session file, told apart by their first bytes; `task` keeps one task."""
    found = calibrate_session(path, language) if is_session_file(path) else calibrate_graded(path, loader, language)
    if task is None:
        return found
    kept = [p for p in found.overall.pairs if p.task == task] if found.overall else []
    tasks = {task: found.tasks[task]} if task in found.tasks else {}
    return Calibration(found.path, found.scenario, found.source, found.language, tasks, found.titles, agreement(kept) if kept else None)


# ----- JSON ----------------------------------------------------------------------------------


def _rounded(value: float | None, places: int = 3) -> float | None:
    return None if value is None else round(value, places)


def pair_json(pair: Pair) -> dict[str, Any]:
    return {
        "id": pair.id, "team": pair.team, "task": pair.task, "at": pair.at, "kind": pair.kind, "note": pair.note,
        "expert": _rounded(pair.expert, 1), "auto": _rounded(pair.auto, 1), "difference": _rounded(pair.difference, 1),
        "expert_band": pair.expert_band, "auto_band": pair.auto_band,
        "criteria": [
            {"id": c.id, "title": c.title, "kind": c.kind, "points": _rounded(c.points), "max": _rounded(c.max), "evidence": c.evidence}
            for c in pair.criteria
        ],
    }


def agreement_json(found: Agreement) -> dict[str, Any]:
    return {
        "n": len(found.pairs), "spearman": _rounded(found.spearman), "kendall": _rounded(found.kendall),
        "mean_abs_difference": _rounded(found.mean_abs, 2), "same_band": found.same_band, "bands": list(found.bands),
        "confusion": {expert: {auto: found.confusion.get((expert, auto), 0) for auto in found.bands} for expert in found.bands},
        "worst": [p.id for p in found.worst],
    }


def calibration_json(found: Calibration) -> dict[str, Any]:
    """The `drill calibrate --json` document for one file."""
    kinds = by_kind(found.overall.pairs) if found.overall else {}
    return {
        "file": found.path, "scenario": found.scenario, "source": found.source,
        "tasks": {task: agreement_json(a) for task, a in found.tasks.items()},
        "overall": agreement_json(found.overall) if found.overall else None,
        "kinds": {kind: {"n": n, "expert": _rounded(expert, 1), "auto": _rounded(auto, 1)} for kind, (n, expert, auto) in kinds.items()},
        "pairs": [pair_json(p) for p in (found.overall.pairs if found.overall else ())],
    }


# ----- text ----------------------------------------------------------------------------------


def graded_path(argument: str) -> Path:
    """A calibrate argument is a path, or the name of a bundled graded set
    (`school-food-rumour-zh` for graded/school-food-rumour-zh.yaml)."""
    path = Path(argument)
    if path.exists() or path.suffix or "/" in argument or "\\" in argument:
        return path
    candidate = bundled("graded") / f"{argument}.yaml"
    return candidate if candidate.is_file() else path


def _figure(value: float | None, t: Catalog) -> str:
    return t("calibrate.no-figure") if value is None else t.number(value, 2)


def _agreement_lines(found: Agreement, t: Catalog) -> list[str]:
    n = len(found.pairs)
    lines = ["  " + t(
        "calibrate.figures", spearman=_figure(found.spearman, t), kendall=_figure(found.kendall, t),
        mean=t.number(found.mean_abs, 1), same=found.same_band, n=n,
    ), "  " + t("calibrate.confusion")]
    width = max(4, *(len(b) + 2 for b in found.bands))
    lines.append("    " + " " * width + "".join(f"{b:>{width}}" for b in found.bands))
    for expert in found.bands:
        lines.append("    " + f"{expert:<{width}}" + "".join(f"{found.confusion.get((expert, auto), 0):>{width}}" for auto in found.bands))
    lines.append("  " + t("calibrate.worst"))
    for pair in found.worst:
        key = "calibrate.pair" if pair.kind else "calibrate.pair-plain"
        lines.append("    " + t(
            key, id=pair.id, kind=pair.kind, expert=t.number(pair.expert, 1), expert_band=pair.expert_band,
            auto=t.number(pair.auto, 1), auto_band=pair.auto_band, difference=("+" if pair.difference > 0 else "") + t.number(pair.difference, 1),
        ))
        for note in pair.note.splitlines():
            lines.append("      " + t("calibrate.expert-note", note=note))
        for c in pair.criteria:
            lines.append("      " + t("calibrate.criterion", title=c.title, points=t.number(c.points, 2), max=t.number(c.max, 2), evidence=c.evidence))
    return lines


def render(found: Calibration, t: Catalog) -> str:
    """What `drill calibrate` prints for one file: each task, then all tasks together."""
    n = len(found.overall.pairs) if found.overall else 0
    lines = [t(f"calibrate.header-{found.source}", file=found.path, scenario=found.scenario, n=n)]
    if found.overall is None:
        lines.append("  " + t(f"calibrate.no-pairs-{found.source}"))
        return "\n".join(lines)
    for task, result in found.tasks.items():
        lines += ["", t("calibrate.task", task=task, title=found.titles[task], n=len(result.pairs))]
        lines += _agreement_lines(result, t)
    if len(found.tasks) > 1:
        lines += ["", t("calibrate.overall", n=n)]
        lines += _agreement_lines(found.overall, t)
    kinds = by_kind(found.overall.pairs)
    if kinds:
        lines += ["", t("calibrate.kinds")]
        width = max(len(kind) for kind in kinds)
        for kind, (count, expert, auto) in kinds.items():
            difference = ("+" if auto > expert else "") + t.number(auto - expert, 1)
            lines.append("  " + t("calibrate.kind", kind=kind.ljust(width), n=count, expert=t.number(expert, 1), auto=t.number(auto, 1), difference=difference))
    return "\n".join(lines)

"""From a session's submissions and expert reviews to task and team scores.

Pure: the caller says which tasks each team owes and when they fell due, so the
same function scores a live drill, a finished session file, or a rehearsal.
Evidence is written in the scenario's language unless the caller names another.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from drill.formats.load import Exercise
from drill.formats.rubric import DEFAULT_SCALE, Band, Criterion, Rubric
from drill.formats.scenario import Task

from .checks import Answer, run, unearned
from .results import CriterionScore, ExpertWord, Gate, Scores, TaskScore, TeamScore
from .wording import Words, words


@dataclass(frozen=True)
class Submission:
    team: str
    task: str
    at: float  # in-world seconds after clock.start
    text: str
    fields: dict[str, str]


@dataclass(frozen=True)
class ExpertReview:
    team: str
    task: str
    criterion: str
    score: float  # a level for a manual criterion; an overriding fraction 0..1 for an automatic one
    note: str = ""
    action: str | None = None  # a corrective action for the improvement plan
    owner: str | None = None
    at: float = 0.0
    by: str | None = None  # the expert; None for a review recorded without a name


def _rate(bands: tuple[Band, ...], score: float | None) -> str | None:
    """Rates the score as printed (one decimal), so a sheet never shows 85.0 rated below 85."""
    if score is None:
        return None
    shown = round(score, 1)
    return next(band.id for band in bands if shown >= band.min)


def _unsubmitted(criterion: Criterion, w: Words, due: bool) -> CriterionScore:
    """Nobody judged this zero, so even a manual criterion's source is "auto"; before its due
    time a task is not late, so it has no points yet rather than none."""
    kind = criterion.check.kind if criterion.check is not None else "manual"
    if not due:
        return CriterionScore(criterion.id, criterion.title, kind, criterion.weight, None, "auto", w("scoring.not-due"), language=w.language)
    return CriterionScore(criterion.id, criterion.title, kind, criterion.weight, 0.0, "auto", w("scoring.not-submitted"), language=w.language)


NOTE_CLOSING = "。．.；;，,、 "   # marks that end a note, dropped where several experts' notes are joined


def _trim(note: str, joined: bool) -> str:
    return note.rstrip(NOTE_CLOSING) if joined else note


class _Panel:
    """The experts' latest words on one criterion, one per expert: the score is their mean.
    A note, action and owner are the experts' own; with several experts each note is signed."""

    def __init__(self, reviews: list[ExpertReview], w: Words):
        self.mean = fmean(r.score for r in reviews)
        self.words = tuple(ExpertWord(r.by, r.score, r.note) for r in reviews)
        signed = len(reviews) > 1
        notes = [r for r in reviews if r.note]
        joined = len(notes) > 1   # then each note's closing mark is dropped: no "。；"
        self.note = w("scoring.part-separator").join(
            w("scoring.line", title=r.by, text=_trim(r.note, joined)) if signed and r.by else _trim(r.note, joined) for r in notes
        ) or None
        planned = [r for r in reviews if r.action]
        latest = max(planned, key=lambda r: r.at) if planned else None
        self.action = latest.action if latest else None
        self.owner = latest.owner if latest else None


def _manual(criterion: Criterion, reviews: list[ExpertReview], w: Words, answer: Answer) -> CriterionScore:
    """The experts' levels (their mean); until there is one, pending. A `hint` check only
    informs the experts (its evidence, as `auto_evidence`): a keyword never earns the points itself."""
    manual = criterion.manual
    hint = w("scoring.hint", evidence=run(manual.hint, answer)[1]) if manual.hint is not None else None
    if not reviews:
        levels = w("scoring.level-separator").join(str(level) for level in sorted(manual.levels))
        awaiting = w("scoring.awaiting-expert", levels=levels)
        return CriterionScore(
            criterion.id, criterion.title, "manual", criterion.weight, None, "expert",
            awaiting if hint is None else f"{awaiting}{w('scoring.semicolon')}{hint}", auto_evidence=hint,
            language=w.language,
        )
    panel = _Panel(reviews, w)
    level = min(max(panel.mean, 0), manual.top)
    said = manual.levels.get(int(level)) if level == int(level) else None
    evidence = w("scoring.level-said" if said else "scoring.level", level=w.t.number(level, 2), top=manual.top, said=said)
    return CriterionScore(
        criterion.id, criterion.title, "manual", criterion.weight, criterion.weight * level / manual.top, "expert",
        evidence, auto_evidence=hint, note=panel.note, action=panel.action, owner=panel.owner, language=w.language,
        reviews=panel.words,
    )


def _automatic(criterion: Criterion, answer: Answer, reviews: list[ExpertReview]) -> CriterionScore:
    fraction, evidence = run(criterion.check, answer)
    auto = criterion.weight * fraction
    kind = criterion.check.kind
    w = answer.words
    empty = unearned(criterion.check, evidence, answer)
    if not reviews:
        return CriterionScore(criterion.id, criterion.title, kind, criterion.weight, auto, "auto", evidence, language=w.language, empty=empty)
    panel = _Panel(reviews, w)
    override = min(max(panel.mean, 0.0), 1.0)
    return CriterionScore(
        criterion.id, criterion.title, kind, criterion.weight, criterion.weight * override, "expert",
        panel.note or w("scoring.overridden"), auto_points=auto, auto_evidence=evidence,
        note=panel.note, action=panel.action, owner=panel.owner, language=w.language, reviews=panel.words, empty=empty,
    )


def _gates(rubric: Rubric, criteria: tuple[CriterionScore, ...], uncapped: float) -> tuple[Gate, ...]:
    """Criteria with a `cap` or a `keep` that earned nothing (or, with `cap_below`, less than that
    share of their weight), for a finding (an expert's word counts: one who overrides a gate lifts it).
    An absence check that earned nothing only because the text said nothing of substance
    found nothing to gate on. Caps come first, each with the ceiling it allows; then the gates that
    keep a share, each applied to what the caps left (late and false is judged as false, then late).
    A cap that holds a text in the band just above failing (a decision nobody made: M) keeps it at
    that band's foot when a keep also holds, if a share of its whole worth reaches it: experts mark
    a text with one major flaw and one more shortcoming at the foot of M, where a share of the cap
    alone (55 × 0.7) fails it."""
    caps, keeps = [], []
    for criterion, scored in zip(rubric.criteria, criteria):
        if (criterion.cap is None and criterion.keep is None) or scored.pending or (scored.empty and scored.source == "auto"):
            continue
        if scored.points > 0 and (criterion.cap_below is None or scored.points >= criterion.cap_below * criterion.weight - 1e-9):
            continue
        why = scored.note or (scored.auto_evidence if scored.source == "expert" and scored.auto_evidence else scored.evidence)
        if criterion.keep is not None:
            keeps.append((criterion, why))
        else:
            caps.append(Gate(criterion.id, criterion.title, criterion.cap, _held(rubric, rubric.ceiling(criterion.cap), uncapped), why))
    held = min([uncapped, *(g.ceiling for g in caps)])
    # The foot of the band just above failing, when a cap holds the text in it (a major flaw).
    bands = rubric.bands
    foot = bands[-2].min if len(bands) > 2 and held < uncapped and bands[-2].min <= held < bands[-3].min else 0.0
    gates = list(caps)
    whole = uncapped
    for criterion, why in keeps:
        if held <= 0:
            break  # nothing left to keep a share of: the sheet need not say "75% of 0"
        whole *= criterion.keep
        lifted = held * criterion.keep < foot <= whole
        ceiling = foot if lifted else held * criterion.keep
        gates.append(Gate(criterion.id, criterion.title, None, ceiling, why, keep=criterion.keep,
                          of=whole / criterion.keep if lifted else held, floor=lifted))
        held = ceiling
    return tuple(gates)


def _task(
    exercise: Exercise, task: Task, due_at: float, submission: Submission | None,
    reviews: dict[str, dict[str | None, ExpertReview]], w: Words, now: float | None = None, fired: dict[str, float] | None = None,
) -> TaskScore:
    rubric = exercise.rubric_for(task.id)
    if submission is None:
        due = now is None or now >= due_at
        criteria = tuple(_unsubmitted(c, w, due) for c in rubric.criteria)
        if not due:
            return TaskScore(task.id, task.title, None, due_at, None, None, criteria, w.language, due=False)
        return TaskScore(task.id, task.title, None, due_at, 0.0, rubric.bands[-1].id, criteria, w.language)
    answer = Answer(submission.text, submission.fields, exercise.scenario, task, submission.at, due_at, w, fired, rubric)
    criteria = tuple(
        _automatic(c, answer, list(reviews.get(c.id, {}).values())) if c.check is not None
        else _manual(c, list(reviews.get(c.id, {}).values()), w, answer)
        for c in rubric.criteria
    )
    scored = [c for c in criteria if not c.pending]
    uncapped = 100 * sum(c.points for c in scored) / sum(c.max for c in scored) if scored else None
    gates = _gates(rubric, criteria, uncapped) if uncapped is not None else ()
    score = min([uncapped, *(g.ceiling for g in gates)])
    return TaskScore(
        task.id, task.title, submission.at, due_at, score, _rate(rubric.bands, score), criteria, w.language,
        gates=gates, uncapped=uncapped,
    )


def _held(rubric: Rubric, ceiling: float, uncapped: float) -> float:
    """Where a gate holds the score. A ceiling in the bottom band fails the text, yet an expert
    does not fail alike a solid statement with one false sentence and a text of nothing but
    falsehoods: there the rest of the text still counts, in proportion, up to the ceiling."""
    bands = rubric.bands
    if len(bands) > 1 and ceiling < bands[-2].min:
        return ceiling * uncapped / 100
    return ceiling


def _team_bands(rubrics: list[Rubric]) -> tuple[Band, ...]:
    """A team's tasks may be judged on different scales; only when they agree does
    that scale mean something for the total, otherwise HSEEP's is the common ground."""
    scales = {rubric.bands for rubric in rubrics}
    return scales.pop() if len(scales) == 1 else DEFAULT_SCALE


def score_exercise(
    exercise: Exercise,
    submissions: list[Submission],
    reviews: list[ExpertReview],
    due: dict[tuple[str, str], float],
    language: str | None = None,
    now: float | None = None,
    fired: dict[str, float] | None = None,
) -> Scores:
    """Score every team on every task it owes (the keys of `due`).

    Submitting is final, so a repeated submission is ignored. Each expert's last review
    of a criterion replaces only that expert's earlier one; the criterion scores the mean
    of the experts' levels (or override fractions). Reviews of work never handed in are ignored: there is nothing to judge.
    Evidence, strengths and improvements are in `language` (a BCP 47 tag), by
    default the scenario's. With `now` (in-world seconds), a task not handed in whose due
    time is still ahead is "not due yet" and unscored, not 0; `fired` (inject id -> when it
    fired) tells which facts were established when each text was handed in.
    """
    w = words(language or exercise.scenario.language)
    first: dict[tuple[str, str], Submission] = {}
    for submission in submissions:
        first.setdefault((submission.team, submission.task), submission)
    latest: dict[tuple[str, str], dict[str, dict[str | None, ExpertReview]]] = {}
    for review in reviews:
        latest.setdefault((review.team, review.task), {}).setdefault(review.criterion, {})[review.by] = review

    teams = []
    for team in exercise.scenario.teams:
        owed = [task for task in exercise.scenario.tasks if (team.id, task.id) in due]
        tasks = tuple(
            _task(exercise, task, due[team.id, task.id], first.get((team.id, task.id)), latest.get((team.id, task.id), {}), w, now, fired)
            for task in owed
        )
        scored = [t.score for t in tasks if t.score is not None]
        total = fmean(scored) if scored else None
        bands = _team_bands([exercise.rubric_for(task.id) for task in owed])
        teams.append(TeamScore(team.id, team.name, total, _rate(bands, total), tasks))
    return Scores(exercise.scenario.id, tuple(teams))


def automatic_score(exercise: Exercise, submission: Submission, due_at: float, fired: dict[str, float] | None = None) -> float | None:
    """What a submission scores before any expert looks at it (manual criteria left out, gates
    applied): the engine branches on it the moment a team submits."""
    task = next(t for t in exercise.scenario.tasks if t.id == submission.task)
    return _task(exercise, task, due_at, submission, {}, words(exercise.scenario.language), fired=fired).score

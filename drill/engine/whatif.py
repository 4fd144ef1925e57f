"""What if a team had submitted something else? A session replayed with one submission changed.

A session is a fold over its events, and everything the engine decides (injects
firing, deadlines, heat, branching) follows from the commands in the log: the
clock, drafts, submissions, reviews, notes, the facilitator's own injects. So a
what-if takes those commands, gives them again to a fresh engine at the same
in-world times with one submission replaced, added or left out, and lets the
engine decide everything else anew. Nothing here touches the original's log.

Part of the core: it imports no UI, network or templating code.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Callable

from ..formats import Exercise
from ..scoring import score_session
from . import events as ev
from . import heat as heat_model
from .events import Event, world_time
from .session import PLAN_COLUMNS, Refused, Session
from .state import SessionState
from .timeline import Snapshot

REPLACED, ADDED, DROPPED = "replaced", "added", "dropped"


@dataclass(frozen=True)
class Change:
    """One team's submission of one task, as the what-if has it: new text (and fields),
    optionally at another in-world time, or `drop`ped altogether."""

    team: str
    task: str
    text: str = ""
    fields: dict[str, str] | None = None   # answers that differ from the original submission's
    at: float | None = None                # None: the original's time (adding: the due time)
    drop: bool = False

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "Change":
        return cls(**json.loads(text))


@dataclass(frozen=True)
class Skipped:
    """A recorded command the what-if's drill no longer allows (a draft for a task that
    never opened, an inject the engine has already fired), and why."""

    event: Event
    refusal: Refused


@dataclass
class Replay:
    session: Session
    original: SessionState           # the original session's state, folded from its log
    change: Change
    kind: str                        # REPLACED, ADDED or DROPPED
    at: float | None                 # when the changed submission went in (None when dropped)
    skipped: list[Skipped] = field(default_factory=list)
    reviews_left_out: int = 0        # expert reviews of the original submission, which judged other words


def replay(session: Session, events: list[Event], change: Change, until: float | None = None) -> Replay:
    """Give `events`' commands again to `session`, with `change` made.

    `session` is new (just begun) and its clock is `Clock.headless`: it moves only when told to,
    so a replay is as fast as the engine and always decides the same.

    `until` is where the original session's clock stood (its checkpoint); the replay
    runs to the same moment, or to the end when the original ended. Refuses (with
    `Refused`) a change that cannot be made: an unknown team or task, a team that does
    not owe the task, nothing to drop, or the new submission not allowed at its time."""
    exercise, clock = session.exercise, session.clock
    scenario = exercise.scenario
    original = SessionState(exercise)
    for event in events:
        original.apply(event)
    kind, at = _plan(exercise, original, change)
    commands = [e for e in events if _is_command(e, exercise)]
    mine = (change.team, change.task)
    reviews_left_out = sum(1 for e in commands if e.type == ev.REVIEW and _pair(e) == mine)
    commands = [e for e in commands if _pair(e) != mine or (e.type == ev.DRAFT and (at is None or e.at <= at))]
    new_submission = None
    if at is not None:
        fields = {**(original.work[mine].fields if kind == REPLACED else {}), **(change.fields or {})}
        new_submission = Event(ev.SUBMIT, world_time(at), {"team": change.team, "task": change.task, "text": change.text, "fields": fields})
        position = next((n for n, e in enumerate(commands) if e.at > at), len(commands))
        commands.insert(position, new_submission)

    result = Replay(session, original, change, kind, at, reviews_left_out=reviews_left_out)
    for event in commands:
        clock.set(float(event.at))
        try:
            _COMMANDS[event.type](session, event)
        except Refused as refusal:
            if event is new_submission:
                raise
            result.skipped.append(Skipped(event, refusal))
    end = float(scenario.clock.duration) if original.ended else max(original.now, until or 0.0)
    if not session.state.ended:
        clock.set(end)
        session.tick()
    return result


def _pair(event: Event) -> tuple[str, str] | None:
    data = event.data
    return (data["team"], data["task"]) if "team" in data and "task" in data else None


def _plan(exercise: Exercise, original: SessionState, change: Change) -> tuple[str, float | None]:
    """Whether the change replaces, adds or drops a submission, and at what in-world time."""
    scenario = exercise.scenario
    if change.team not in {t.id for t in scenario.teams}:
        raise Refused("no-team", team=change.team)
    task = next((t for t in scenario.tasks if t.id == change.task), None)
    if task is None:
        raise Refused("no-task", task=change.task)
    if change.team not in scenario.recipients(task.teams):
        raise Refused("whatif-not-owed", team=change.team, task=change.task)
    work = original.work.get((change.team, change.task))
    submitted = work is not None and work.submitted_at is not None
    if change.drop:
        if not submitted:
            raise Refused("whatif-nothing-to-drop", team=change.team, task=change.task)
        return DROPPED, None
    if change.at is not None:
        return (REPLACED if submitted else ADDED), float(change.at)
    if submitted:
        return REPLACED, work.submitted_at
    if work is None:
        raise Refused("whatif-when", team=change.team, task=change.task)
    return ADDED, work.due_at


# ----- the commands in a log, and how each is given again ------------------------------------

def _is_command(event: Event, exercise: Exercise) -> bool:
    """Whether a person (facilitator, team, expert) made this event happen; the rest the
    engine decided, and decides again."""
    data = event.data
    if event.type in (ev.DRAFT, ev.SUBMIT, ev.REVIEW, ev.OBSERVE, ev.PLAN, ev.NOTE, ev.CLOCK):
        return True
    if event.type == ev.INJECT:
        return bool(data.get("adhoc"))
    if event.type == ev.END:
        return data.get("reason") == "facilitator"
    if event.type == ev.TRIGGER:
        if data.get("by") == "facilitator":
            return True
        # Sessions recorded before fires were marked: an inject with a time, or a manual one,
        # has a trigger only when the facilitator fired it.
        inject = next((i for i in exercise.scenario.injects if i.id == data["inject"]), None)
        return inject is not None and (inject.at is not None or inject.when.kind == "manual")
    return False


def _clock(session: Session, event: Event) -> None:
    action = event.data["action"]
    if action in ("start", "resume"):
        session.start()
    elif action == "pause":
        session.pause()
    elif action == "speed":
        session.set_speed(event.data["speed"])
    elif action == "jump":
        session.jump_next(event.data["to"])


def _review(session: Session, event: Event) -> None:
    # Reviews, notes, observations and plan rows do not move the engine on by themselves; a live clock would have
    # carried out everything due by then (the end of the drill, for reviews after it).
    session.advance(float(event.at))
    data = event.data
    session.review(data["team"], data["task"], data["criterion"], data["score"], data.get("note", ""),
                   data.get("action"), data.get("owner"), data.get("by"))


def _note(session: Session, event: Event) -> None:
    session.advance(float(event.at))
    session.note(event.data["text"])


def _observe(session: Session, event: Event) -> None:
    session.advance(float(event.at))
    data = event.data
    session.observe(data["team"], data["kind"], data["text"], task=data.get("task"), inject=data.get("inject"), by=data.get("by"))


def _plan_row(session: Session, event: Event) -> None:
    session.advance(float(event.at))
    data = event.data
    columns = {name: data[name] for name in PLAN_COLUMNS if name in data}
    session.plan_item(data["team"], task=data.get("task"), by=data.get("by"), **columns)


def _adhoc(session: Session, event: Event) -> None:
    data = event.data
    session.adhoc(channel=data["channel"], title=data["title"], body=data.get("body", ""), to=data["to"],
                  sender=data.get("from"), heat=data.get("heat", 0))


_COMMANDS: dict[str, Callable[[Session, Event], Any]] = {
    ev.CLOCK: _clock,
    ev.DRAFT: lambda s, e: s.save_draft(e.data["team"], e.data["task"], e.data["text"], e.data.get("fields")),
    ev.SUBMIT: lambda s, e: s.submit(e.data["team"], e.data["task"], e.data["text"], e.data.get("fields")),
    ev.REVIEW: _review,
    ev.NOTE: _note,
    ev.OBSERVE: _observe,
    ev.PLAN: _plan_row,
    ev.INJECT: _adhoc,
    ev.TRIGGER: lambda s, e: s.fire(e.data["inject"]),
    ev.END: lambda s, e: s.end(),
}


# ----- what changed ---------------------------------------------------------------------

@dataclass(frozen=True)
class HeatSummary:
    """A heat curve in three numbers: its peak, the in-world seconds spent at or above
    `heat.HOT`, and where it finished."""

    peak: float
    above: float
    final: float

    @classmethod
    def of(cls, history: list[tuple[float, float]], end: float, model) -> "HeatSummary":
        return cls(
            max(value for _, value in history),
            round(heat_model.time_above(history, heat_model.HOT, end, model), 3),
            heat_model.value_at(history, end, model),
        )


@dataclass(frozen=True)
class InjectChange:
    """An inject that fired in one run and not the other, or at another time or to other teams."""

    inject: str
    title: str
    before: float | None   # when it fired in the original; None if it did not
    after: float | None
    to_before: tuple[str, ...] = ()
    to_after: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        """`fired` (only in the what-if), `unfired` (only in the original), `moved` (at
        another time) or `retargeted` (at the same time, to other teams)."""
        if self.before is None:
            return "fired"
        if self.after is None:
            return "unfired"
        return "moved" if self.before != self.after else "retargeted"


@dataclass(frozen=True)
class Outcome:
    """What a what-if changed, each as (original, what-if)."""

    team: str
    task: str
    score: tuple[float | None, float | None]        # the task's score, experts' word included
    auto: tuple[float | None, float | None]         # its automatic score as submitted
    total: tuple[float | None, float | None]        # the team's total
    heat: tuple[HeatSummary, HeatSummary]           # the public heat
    team_heat: tuple[HeatSummary, HeatSummary] | None   # the team's own, under a per-team model
    injects: tuple[InjectChange, ...]


def compare(original: SessionState, whatif: SessionState, team: str, task: str) -> Outcome:
    """What differs between two runs of one drill, for the team and task a what-if changed."""
    model = original.exercise.scenario.heat

    def scores(state: SessionState):
        team_score = next(t for t in score_session(Snapshot(state.exercise, state)).teams if t.team == team)
        task_score = next((t for t in team_score.tasks if t.task == task), None)
        return task_score.score if task_score else None, team_score.total

    (score_a, total_a), (score_b, total_b) = scores(original), scores(whatif)
    a, b = original, whatif
    end_a, end_b = a.now, b.now

    team_heat = None
    if team in a.team_heat_history and team in b.team_heat_history:
        team_heat = (HeatSummary.of(a.team_heat_history[team], end_a, model), HeatSummary.of(b.team_heat_history[team], end_b, model))
    return Outcome(
        team, task, (score_a, score_b), (a.scores.get((team, task)), b.scores.get((team, task))), (total_a, total_b),
        (HeatSummary.of(a.heat_history, end_a, model), HeatSummary.of(b.heat_history, end_b, model)),
        team_heat, inject_changes(a, b),
    )


def inject_changes(a: SessionState, b: SessionState) -> tuple[InjectChange, ...]:
    """Injects that fired in one state and not the other, or at another time or to other teams,
    in the order they fired (in either)."""
    def reached(state: SessionState) -> dict[str, tuple[str, ...]]:
        teams: dict[str, list[str]] = {}
        for team, deliveries in state.inbox.items():
            for delivery in deliveries:
                teams.setdefault(delivery.inject, []).append(team)
        return {inject: tuple(ts) for inject, ts in teams.items()}   # scenario order

    titles = {inject.id: inject.title for inject in a.exercise.scenario.injects}
    to_a, to_b = reached(a), reached(b)
    changes = []
    for inject in sorted(set(a.fired) | set(b.fired), key=lambda i: (min(a.fired.get(i, 1e18), b.fired.get(i, 1e18)), i)):
        before, after = a.fired.get(inject), b.fired.get(inject)
        if before != after or to_a.get(inject) != to_b.get(inject):
            title = titles.get(inject) or next((d.title for ds in [*a.inbox.values(), *b.inbox.values()] for d in ds if d.inject == inject), inject)
            changes.append(InjectChange(inject, title, before, after, to_a.get(inject, ()), to_b.get(inject, ())))
    return tuple(changes)

"""A finished (or stopped) drill looked back on: its moments, the state at each, and
what set off each branching inject. The debrief presenter steps through it.

A moment is an event a room talks about: an inject reaching teams, a task opening,
a submission, a deadline, an expert's review, a note, the end, and any event kind
this module does not know (an observation, say), shown as it was recorded. The state
at a moment is the fold of the log up to it, the same fold that resumes a session.

Part of the core: it imports no UI, network or templating code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..formats import Exercise
from ..scoring import Scores, score_session
from . import events as ev
from .events import Event
from .state import SessionState

# What the engine records for its own bookkeeping: never a moment of its own.
_BOOKKEEPING = (ev.SESSION, ev.CLOCK, ev.TRIGGER, ev.HEAT, ev.SCORED, ev.DRAFT)


@dataclass(frozen=True)
class Moment:
    index: int      # position of its event in the log
    event: Event

    @property
    def at(self) -> float:
        return float(self.event.at)

    @property
    def kind(self) -> str:
        """The event's type; a deadline nobody missed is `deadline`, one somebody missed `missed`."""
        if self.event.type == ev.DEADLINE and self.event.data.get("missed"):
            return "missed"
        return self.event.type


@dataclass(frozen=True)
class Cause:
    """What made a conditional inject's condition hold: a team's submission (`submit`), a
    missed deadline (`missed`), an inject's heat (`inject`), or the facilitator's hand."""

    kind: str
    team: str | None = None
    task: str | None = None
    inject: str | None = None


@dataclass(frozen=True)
class Triggered:
    """A conditional inject that was set off: when, when it fires, and why."""

    inject: str
    at: float
    fire_at: float
    to: tuple[str, ...]
    cause: Cause


@dataclass(frozen=True)
class Snapshot:
    """The drill as it stood at one moment: what `score_session` needs to score it then."""

    exercise: Exercise
    state: SessionState


class Timeline:
    def __init__(self, exercise: Exercise, events: list[Event]):
        self.exercise = exercise
        self.events = events
        self.moments = [Moment(n, e) for n, e in enumerate(events) if e.type not in _BOOKKEEPING]
        self.triggered = _triggered(exercise, events)
        self._state: SessionState | None = None
        self._applied = 0
        self._scores: dict[int, Scores] = {}

    @property
    def end(self) -> float:
        """Where the log stops, in in-world seconds."""
        return float(self.events[-1].at) if self.events else 0.0

    # ----- state at a moment ------------------------------------------------------------

    def state_until(self, count: int) -> SessionState:
        """The fold of the first `count` events. Going forward continues the last fold;
        going back folds again from the start (cheap next to drawing a screen)."""
        if self._state is None or count < self._applied:
            self._state, self._applied = SessionState(self.exercise), 0
        for event in self.events[self._applied:count]:
            self._state.apply(event)
        self._applied = max(self._applied, count)
        return self._state

    def final(self) -> SessionState:
        """The state at the end of the log, folded apart from the stepping one."""
        state = SessionState(self.exercise)
        for event in self.events:
            state.apply(event)
        return state

    def count_at(self, seconds: float, *, inclusive: bool = True) -> int:
        """How many events had happened by in-world time `seconds` (or, not `inclusive`, before it)."""
        return next((n for n, e in enumerate(self.events) if float(e.at) > seconds or (not inclusive and float(e.at) == seconds)),
                    len(self.events))

    def scores_until(self, count: int) -> Scores:
        """Scores as they stood after the first `count` events (experts' reviews so far included)."""
        if count not in self._scores:
            self._scores[count] = score_session(Snapshot(self.exercise, self.state_until(count)))
        return self._scores[count]

    def moment_at(self, seconds: float) -> int:
        """The last moment at or before `seconds` (0 when none is)."""
        last = 0
        for n, moment in enumerate(self.moments):
            if moment.at > seconds:
                break
            last = n
        return last

    # ----- finding moments --------------------------------------------------------------

    def first(self, kind: str, key: str) -> int | None:
        """The first moment an inject fired (`inject`) or a task opened (`open`)."""
        field = "inject" if kind == ev.INJECT else "task"
        return next((n for n, m in enumerate(self.moments) if m.event.type == kind and m.event.data.get(field) == key), None)

    def set_off_by(self, team: str, task: str) -> list[Triggered]:
        """The conditional injects a team's submission set off, directly or through the heat it moved."""
        return [t for t in self.triggered if t.cause.kind == ev.SUBMIT and (t.cause.team, t.cause.task) == (team, task)]

    def remarks(self, count: int) -> list[dict[str, Any]]:
        """What people said about the drill in the first `count` events: experts' reviews (with
        whoever recorded them, `by`, when the log names one), the facilitator's notes, and any
        event kind this module does not know (observations), as recorded."""
        known = {*_BOOKKEEPING, ev.INJECT, ev.OPEN, ev.SUBMIT, ev.DEADLINE, ev.END}
        return [{"type": e.type, "at": float(e.at), **e.data} for e in self.events[:count] if e.type not in known]


def _triggered(exercise: Exercise, events: list[Event]) -> list[Triggered]:
    """Each trigger in the log with its cause, read from what came just before it: a score
    condition from the last submission of its task, `heat_above` from the cause of the last
    change of the public heat, `missed` from the deadline."""
    injects = {inject.id: inject for inject in exercise.scenario.injects}
    last_submit: dict[str, tuple[str, str]] = {}
    heat_cause = ""
    found = []
    for event in events:
        data = event.data
        if event.type == ev.SUBMIT:
            last_submit[data["task"]] = (data["team"], data["task"])
        elif event.type == ev.HEAT and "team" not in data:
            heat_cause = data["cause"]
        elif event.type == ev.TRIGGER and data["inject"] in injects:
            when = injects[data["inject"]].when
            if data.get("by") == "facilitator" or when is None or when.kind == "manual":
                cause = Cause("facilitator")
            elif when.kind == "missed":
                cause = Cause("missed", task=when.task)
            elif when.kind == "heat_above":
                cause = _heat_cause(heat_cause)
            else:
                team, task = last_submit.get(when.task, (None, when.task))
                cause = Cause(ev.SUBMIT, team, task)
            found.append(Triggered(data["inject"], float(event.at), float(data["fire_at"]), tuple(data["to"]), cause))
    return found


def _heat_cause(cause: str) -> Cause:
    """A heat event's `cause` (`submit:TEAM:TASK`, `missed:TASK` or an inject id) as a Cause."""
    kind, _, rest = cause.partition(":")
    if kind == ev.SUBMIT:
        team, _, task = rest.partition(":")
        return Cause(ev.SUBMIT, team, task)
    if kind == "missed":
        return Cause("missed", task=rest)
    return Cause(ev.INJECT, inject=cause)

"""The drill engine: commands in, events out.

A `Session` owns the in-world clock and the schedule. It decides what happens
(an inject fires, a task opens, a deadline passes), writes each decision as an
event to its sink (the session log) and folds it into `SessionState`. Shells
(the terminal UI, the network server, headless runs) only call its commands
and read its views; no drill rule lives anywhere else.
"""

from __future__ import annotations

import heapq
import math
from datetime import date, timedelta
from dataclasses import dataclass
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Callable, Iterator, Protocol

from ..formats import Exercise, Inject
from ..i18n import Catalog
from ..scoring import Submission, automatic_score
from . import events as ev
from . import heat as heat_model
from .clock import MAX_SPEED, MIN_SPEED, Clock
from .events import Event, world_time
from .state import SessionState
from .views import TeamView, board, team_view

CHANNELS = ("social", "news", "phone", "email", "message", "directive", "video", "note")
OBSERVATION_KINDS = ("strength", "improvement")   # HSEEP: a strength, or an area for improvement
# HSEEP's improvement-plan elements: where a corrective action lands.
PLAN_ELEMENTS = ("planning", "organization", "equipment", "training", "exercise")
PLAN_COLUMNS = ("capability", "issue", "action", "element", "organization", "contact", "start", "end")
# Characters of drafts a team may hold at once over its open tasks: ten drafts of the longest
# a request may carry. The session file keeps one draft per task, so this is each team's share of it.
DRAFT_QUOTA = 2_000_000


class Refused(Exception):
    """A command the drill's rules do not allow.

    It carries a message key and its values rather than a sentence, so that each
    screen can say it in its own language (`text(catalog)`); `str()` is English,
    for the command line and logs."""

    def __init__(self, key: str, **params: object):
        self.key, self.params = key, params
        super().__init__(self.text(Catalog("en")))

    def text(self, catalog: Catalog) -> str:
        return catalog(f"refused.{self.key}", **self.params)


class Sink(Protocol):
    def append(self, event: Event, *, durable: bool = False) -> None: ...

    def events(self) -> list[Event]: ...

    def together(self) -> AbstractContextManager[None]:
        """Appends made inside are stored all together, or none of them (raising)."""


# Schedule priorities at the same instant: tasks open before injects fire,
# deadlines pass after both, then heat decay is recorded, and the drill ends last.
_OPEN, _FIRE, _DUE, _SAMPLE, _END = range(5)


@dataclass(order=True)
class _Item:
    at: float
    priority: int
    order: int
    key: str


class Session:
    def __init__(self, exercise: Exercise, sink: Sink | None = None, clock: Clock | None = None):
        self.exercise = exercise
        self.scenario = exercise.scenario
        self.state = SessionState(exercise)
        self.sink = sink
        self.clock = clock or Clock(self.scenario.clock.speed)
        self.clock.set_speed(self.scenario.clock.speed)
        self.listeners: list[Callable[[Event], None]] = []
        self._injects = {inject.id: inject for inject in self.scenario.injects}
        # Conditional injects, looked through on every heat change and submission: a few among thousands.
        self._conditional = [inject for inject in self.scenario.injects if inject.when is not None]
        self._tasks = {task.id: task for task in self.scenario.tasks}
        # Scenario order breaks ties between items of one kind due at the same instant.
        self._inject_order = {key: n for n, key in enumerate(self._injects)}
        self._task_order = {key: n for n, key in enumerate(self._tasks)}
        self._schedule: list[_Item] = []
        self._held_back: list[Event] | None = None   # events listeners hear of once stored (see _all_or_nothing)

    # ----- building and replaying -------------------------------------------------------

    def begin(self) -> None:
        """Record the start of a new session (the clock stays paused)."""
        self._emit(ev.SESSION, {"scenario": self.scenario.id})
        self._plan()

    def replay(self, events: list[Event], checkpoint: float | None = None) -> None:
        """Rebuild state from a log; the clock resumes paused where the session stopped."""
        for event in events:
            self.state.apply(event)
        now = max(self.state.now, checkpoint or 0.0)
        self.state.now = now
        self.state.running = False
        self.clock.set_speed(self.state.speed)
        self.clock.set(now)
        self._plan()

    def replan(self) -> None:
        """Put back on the schedule whatever a failed write took off it: an item whose event
        the log refused was never folded into the state, so it is still outstanding."""
        self._plan()

    def _plan(self) -> None:
        """Put every outstanding item on the schedule, from state alone."""
        s, items = self.state, []
        for inject in self.scenario.injects:
            if inject.at is not None and inject.id not in s.fired and inject.id not in s.pending:
                items.append(_Item(inject.at, _FIRE, self._inject_order[inject.id], inject.id))
        for pending in s.pending.values():
            items.append(_Item(pending.fire_at, _FIRE, self._inject_order[pending.inject], pending.inject))
        for task in self.scenario.tasks:
            if task.id not in s.opened and task.opens_after is None:
                items.append(_Item(task.opens or 0, _OPEN, self._task_order[task.id], task.id))
            elif task.id in s.opened and task.id not in s.due_done:
                items.append(_Item(self._due_at(task.id), _DUE, self._task_order[task.id], task.id))
        items.append(_Item(self.scenario.clock.duration, _END, 0, ""))
        model = self.scenario.heat
        if model is not None and model.half_life is not None:
            items.append(_Item((s.now // model.sample + 1) * model.sample, _SAMPLE, 0, ""))
        self._schedule = items
        heapq.heapify(self._schedule)

    def _due_at(self, task_id: str) -> float:
        return next(w.due_at for (_, t), w in self.state.work.items() if t == task_id)

    # ----- events -----------------------------------------------------------------------

    def _emit(self, kind: str, data: dict[str, Any], at: float | None = None, *, durable: bool = False) -> Event:
        event = Event(kind, world_time(self.state.now if at is None else at), data, self.state.seq + 1)
        if self.sink is not None:
            self.sink.append(event, durable=durable)
        self.state.apply(event)
        if self._held_back is not None:
            self._held_back.append(event)
        else:
            self._tell(event)
        return event

    def _tell(self, event: Event) -> None:
        for listener in list(self.listeners):
            listener(event)

    @contextmanager
    def _all_or_nothing(self) -> Iterator[None]:
        """The events emitted inside are stored together or not at all: a submission with its
        score, its heat and the branches it starts. If the sink refuses them, the state is
        folded again from what the sink holds, so nothing of them stays, and the error goes
        on to the caller; listeners hear of the events only once they are stored."""
        together = getattr(self.sink, "together", None)
        if together is None or self._held_back is not None:
            yield
            return
        self._held_back = []
        try:
            with together():
                yield
        except BaseException:
            self._held_back = None
            self._refold()
            raise
        stored, self._held_back = self._held_back, None
        for event in stored:
            self._tell(event)

    def _refold(self) -> None:
        """The state as the sink holds it, the clock's moment, pace and run kept."""
        now, running, speed = self.state.now, self.state.running, self.state.speed
        self.state = SessionState(self.exercise)
        for event in self.sink.events():
            self.state.apply(event)
        self.state.now, self.state.running, self.state.speed = max(self.state.now, now), running, speed
        self._plan()

    # ----- time -------------------------------------------------------------------------

    def now(self) -> float:
        return min(self.clock.now(), float(self.scenario.clock.duration))

    def tick(self) -> None:
        """Carry out everything scheduled up to the clock's present moment."""
        self.advance(self.now())

    def advance(self, until: float, *, inclusive: bool = True) -> None:
        """Process scheduled items in time order up to `until`; each event carries the
        time it was due, not the time of the tick that noticed it."""
        while self._schedule and not self.state.ended:
            item = self._schedule[0]
            if item.at > until or (not inclusive and item.at == until):
                break
            heapq.heappop(self._schedule)
            self.state.now = max(self.state.now, item.at)
            if item.priority == _OPEN:
                self._open(item.key)
            elif item.priority == _FIRE:
                self._fire(item.key)
            elif item.priority == _DUE:
                self._deadline(item.key)
            elif item.priority == _SAMPLE:
                self._decay()
                heapq.heappush(self._schedule, _Item(item.at + self.scenario.heat.sample, _SAMPLE, 0, ""))
            else:
                self.clock.pause()
                self._emit(ev.END, {"reason": "time"})
        if not self.state.ended:
            self.state.now = max(self.state.now, until)

    def next_at(self) -> float | None:
        """In-world time of the next scheduled item (for a live driver to sleep until)."""
        return self._schedule[0].at if self._schedule and not self.state.ended else None

    def _at_command(self) -> float:
        """Commands happen at the clock's present moment, after everything scheduled before it."""
        if self.state.ended:
            raise Refused("ended")
        now = self.now()
        self.advance(now, inclusive=False)
        return now

    def _after_command(self, now: float) -> None:
        self.advance(now)

    # ----- schedule actions ---------------------------------------------------------------

    def _open(self, task_id: str) -> None:
        task = self._tasks[task_id]
        if task_id in self.state.opened:
            return
        due_at = self.state.now + task.due
        self._emit(ev.OPEN, {"task": task_id, "teams": self.scenario.recipients(task.teams), "due_at": world_time(due_at)})
        heapq.heappush(self._schedule, _Item(due_at, _DUE, self._task_order[task_id], task_id))

    def _fire(self, inject_id: str) -> None:
        if inject_id in self.state.fired:
            return
        inject = self._injects[inject_id]
        pending = self.state.pending.get(inject_id)
        to = pending.to if pending else self.scenario.recipients(inject.to)
        self._emit(ev.INJECT, {"inject": inject_id, "to": to, "channel": inject.channel, "title": inject.title})
        self._feed_heat(inject.heat, inject_id, to)
        for task in self.scenario.tasks:
            if task.opens_after == inject_id:
                self._open(task.id)

    def _deadline(self, task_id: str) -> None:
        missed = [w.team for (team, t), w in self.state.work.items() if t == task_id and w.submitted_at is None]
        self._emit(ev.DEADLINE, {"task": task_id, "missed": missed})
        if missed:
            model = self.scenario.heat
            if model is not None and self._tasks[task_id].kind in heat_model.PUBLIC_KINDS:
                self._feed_heat(model.missed_statement, f"missed:{task_id}", missed)
            self._hold("missed", task_id, missed)

    # ----- heat ---------------------------------------------------------------------------

    def _feed_heat(self, delta: float, cause: str, teams: list[str]) -> None:
        """Add `delta` to the public heat and, under a per-team model, to these teams' own heat."""
        if delta == 0:
            return
        self._set_heat(None, delta, cause)
        for team in teams if self.state.team_heat else ():
            self._set_heat(team, delta, cause)

    def _set_heat(self, team: str | None, delta: float, cause: str) -> None:
        value, since = self.state.heat_of(team)
        before = heat_model.decayed(value, self.state.now - since, self.scenario.heat)
        after = heat_model.clamp(before + delta)
        if after == value and delta != 0 and before == value:
            return
        data = {"value": after, "delta": round(after - value, 1), "cause": cause}
        if team is not None:
            data["team"] = team
        self._emit(ev.HEAT, data)
        if team is None:
            for inject in self._conditional:
                if inject.when.kind == "heat_above" and heat_model.reached(after, inject.when.heat_above):
                    self._trigger(inject, None)

    def _decay(self) -> None:
        """Record how far heat has cooled, so charts and screens follow it between events."""
        for team in [None, *self.state.team_heat]:
            value, since = self.state.heat_of(team)
            cooled = heat_model.decayed(value, self.state.now - since, self.scenario.heat)
            if cooled != value:
                self._set_heat(team, 0.0, "decay")

    # ----- conditions ---------------------------------------------------------------------

    def _hold(self, kind: str, task_id: str, teams: list[str] | None) -> None:
        """A `missed:` or `submitted:` condition on `task_id` holds now."""
        for inject in self._conditional:
            if inject.when.kind == kind and inject.when.task == task_id:
                self._trigger(inject, teams)

    def _scored(self, team: str, task_id: str, score: float | None) -> None:
        """`scored_below` / `scored_at_least` conditions on the automatic score just given."""
        if score is None:
            return
        for inject in self._conditional:
            when = inject.when
            if when.task != task_id or not when.kind.startswith("scored"):
                continue
            threshold = getattr(when, when.kind).score
            if (score < threshold) if when.kind == "scored_below" else (score >= threshold):
                self._trigger(inject, [team])

    def _trigger(self, inject: Inject, default_to: list[str] | None, *, by_facilitator: bool = False) -> None:
        if inject.id in self.state.fired or inject.id in self.state.pending:
            return
        to = self.scenario.recipients(inject.to) if inject.to is not None or default_to is None else default_to
        fire_at = self.state.now + inject.wait
        data = {"inject": inject.id, "fire_at": world_time(fire_at), "to": to}
        if by_facilitator:
            data["by"] = "facilitator"   # a command, not a condition: a what-if replays it as one
        self._emit(ev.TRIGGER, data)
        heapq.heappush(self._schedule, _Item(fire_at, _FIRE, self._inject_order[inject.id], inject.id))

    # ----- facilitator commands -----------------------------------------------------------

    def start(self) -> None:
        if self.state.ended:
            raise Refused("ended")
        if self.state.running:
            raise Refused("running")
        action = "resume" if self.state.started else "start"
        self.clock.run()
        self._emit(ev.CLOCK, {"action": action, "speed": self.clock.speed}, at=self.now())
        self.tick()

    def pause(self) -> None:
        if not self.state.running:
            raise Refused("not-running")
        self.tick()
        self.clock.pause()
        self._emit(ev.CLOCK, {"action": "pause"}, at=self.now())

    def set_speed(self, speed: float) -> None:
        now = self._at_command()
        try:
            self.clock.set_speed(speed)
        except ValueError:
            raise Refused("speed", low=MIN_SPEED, high=MAX_SPEED) from None
        self._emit(ev.CLOCK, {"action": "speed", "speed": speed}, at=now)

    def jump_next(self, to: float | None = None) -> float:
        """Move the clock straight to the next inject that is due to fire (or, replaying a
        recorded jump, to the moment it went to); returns that time."""
        now = self._at_command()
        upcoming = sorted(item.at for item in self._schedule if item.priority == _FIRE and item.at >= now)
        if to is None and not upcoming:
            raise Refused("nothing-to-jump-to")
        target = upcoming[0] if to is None else max(now, float(to))
        self._emit(ev.CLOCK, {"action": "jump", "to": world_time(target)}, at=now)
        self.clock.set(target)
        self.advance(target)
        return target

    def end(self) -> None:
        now = self._at_command()
        self.clock.pause()
        self._emit(ev.END, {"reason": "facilitator"}, at=now)

    def fire(self, inject_id: str) -> None:
        """Fire a held inject (or any inject not yet sent) now, after its own delay."""
        now = self._at_command()
        inject = self._injects.get(inject_id)
        if inject is None:
            raise Refused("no-inject", inject=inject_id)
        if inject_id in self.state.fired:
            raise Refused("fired", inject=inject_id)
        if inject_id in self.state.pending:
            raise Refused("on-its-way", inject=inject_id, time=self._clock_time(self.state.pending[inject_id].fire_at))
        self._trigger(inject, self._named_by_condition(inject), by_facilitator=True)
        self._after_command(now)

    def recipients_now(self, inject_id: str) -> list[str]:
        """The teams an inject goes to if the facilitator fires it now (the fire dialog says so)."""
        inject = self._injects[inject_id]
        named = self._named_by_condition(inject)
        return self.scenario.recipients(inject.to) if inject.to is not None or named is None else named

    def _named_by_condition(self, inject: Inject) -> list[str] | None:
        """For a conditional inject with no `to`, fired by hand before its condition held: the
        teams its condition is about as things stand (a reminder for a missed task goes to
        those that have not submitted it, never to all; praise for work handed in goes to those
        whose work is in, else to those who owe it); None when it names no team."""
        when = inject.when
        if inject.to is not None or when is None or when.kind in ("manual", "heat_above"):
            return None
        owing = self.scenario.recipients(self._tasks[when.task].teams)
        submitted = {team for (team, task), work in self.state.work.items() if task == when.task and work.submitted_at is not None}
        if when.kind == "missed":   # the teams that owe the task and have not handed it in
            return [team for team in owing if team not in submitted] or None
        return [team for team in owing if team in submitted] or owing   # submitted, scored_*: whose work is in, else who owes it

    def adhoc(self, *, channel: str, title: str, body: str, to: list[str] | None = None, sender: str | None = None, heat: int = 0) -> str:
        """An inject written on the spot by the facilitator; returns its id."""
        now = self._at_command()
        if channel not in CHANNELS:
            raise Refused("channel", channels=", ".join(CHANNELS))
        if to is not None and not to:
            raise Refused("no-recipients")
        teams = self.scenario.recipients(to if to is not None else "all")
        unknown = set(to or ()) - {t.id for t in self.scenario.teams}
        if unknown:
            raise Refused("unknown-teams", teams=", ".join(sorted(unknown)))
        if not title.strip():
            raise Refused("no-title")
        if not -100 <= heat <= 100:
            raise Refused("heat-range")
        inject_id = f"adhoc-{self.state.adhoc_count + 1}"
        data = {"inject": inject_id, "to": teams, "channel": channel, "title": title, "adhoc": True, "body": body, "from": sender, "heat": heat}
        self._emit(ev.INJECT, data, at=now, durable=True)
        self._feed_heat(heat, inject_id, teams)
        self._after_command(now)
        return inject_id

    def note(self, text: str) -> None:
        self._emit(ev.NOTE, {"text": text}, at=min(self.now(), float(self.scenario.clock.duration)), durable=True)

    # ----- team commands ------------------------------------------------------------------

    def _work(self, team: str, task: str):
        if team not in self.state.inbox:
            raise Refused("no-team", team=team)
        work = self.state.work.get((team, task))
        if work is None:
            if task not in self._tasks:
                raise Refused("no-task", task=task)
            raise Refused("not-open", task=task, team=team)
        return work

    def _check_fields(self, task_id: str, fields: dict[str, str]) -> dict[str, str]:
        known = {f.id: f for f in self._tasks[task_id].fields}
        for name, value in fields.items():
            if name not in known:
                raise Refused("no-field", task=task_id, field=name)
            if known[name].choices is not None and value and value not in known[name].choices:
                raise Refused("not-a-choice", value=value, field=known[name].label)
        return {name: str(value) for name, value in fields.items()}

    def save_draft(self, team: str, task: str, text: str, fields: dict[str, str] | None = None) -> None:
        now = self._at_command()
        work = self._work(team, task)
        if work.submitted_at is not None:
            raise Refused("draft-after-submit", task=task)
        fields = self._check_fields(task, fields or {})
        if (text, fields) == (work.draft, work.fields):
            return
        held = sum(len(w.draft) for (t, k), w in self.state.work.items() if t == team and k != task and w.submitted_at is None)
        if held + len(text) > DRAFT_QUOTA:
            raise Refused("draft-quota", quota=DRAFT_QUOTA)
        self._emit(ev.DRAFT, {"team": team, "task": task, "text": text, "fields": fields}, at=now)

    def submit(self, team: str, task: str, text: str, fields: dict[str, str] | None = None) -> Event:
        """Submit a team's final answer. Once this returns, the submission is on disk."""
        now = self._at_command()
        work = self._work(team, task)
        if work.submitted_at is not None:
            raise Refused("already-submitted", team=team, task=task, time=self._clock_time(work.submitted_at))
        fields = self._check_fields(task, fields or {})
        first = not any(w.task == task and w.submitted_at is not None for w in self.state.work.values())
        data = {"team": team, "task": task, "text": text, "fields": fields, "late": now > work.due_at}
        score = automatic_score(self.exercise, Submission(team, task, now, text, fields), work.due_at, dict(self.state.fired))
        with self._all_or_nothing():  # the submission, its score, heat and branches: all stored, or none
            event = self._emit(ev.SUBMIT, data, at=now, durable=True)
            self._emit(ev.SCORED, {"team": team, "task": task, "score": None if score is None else round(score, 1)})
            model = self.scenario.heat
            if model is not None and score is not None and self._tasks[task].kind in heat_model.PUBLIC_KINDS:
                self._feed_heat(heat_model.statement_effect(score, model), f"{ev.SUBMIT}:{team}:{task}", [team])
            if first:
                self._hold("submitted", task, None)
            self._scored(team, task, score)
        self._after_command(now)
        return event

    def _clock_time(self, at: float) -> str:
        """An in-world moment as the room's wall clock shows it."""
        return (self.scenario.clock.start + timedelta(seconds=int(at))).strftime("%H:%M")

    # ----- views ------------------------------------------------------------------------

    def team_view(self, team_id: str) -> TeamView:
        if team_id not in self.state.inbox:
            raise Refused("no-team", team=team_id)
        return team_view(self.state, team_id, self.now())

    def board(self) -> dict[tuple[str, str], str]:
        return board(self.state)

    # ----- review -------------------------------------------------------------------------

    def review(self, team: str, task: str, criterion: str, score: float, note: str = "", action: str | None = None,
               owner: str | None = None, by: str | None = None) -> None:
        """An expert's score for one criterion of a submission (allowed after the drill ends).
        `by` names the expert: each expert's latest word on a criterion is kept, and the score
        is their mean; without a name it is the unnamed reviewer's (sessions before named experts)."""
        if not math.isfinite(score):  # NaN or Infinity: no level and no fraction, whatever sent it
            raise Refused("not-finite")
        work = self._work(team, task)
        if work.submitted_at is None:
            raise Refused("nothing-to-review", team=team, task=task)
        rubric = self.exercise.rubric_for(task)
        found = rubric.criterion(criterion)
        if found is None:
            raise Refused("no-criterion", rubric=rubric.id, criterion=criterion)
        if found.manual is not None and (score != int(score) or int(score) not in found.manual.levels):
            raise Refused("level", criterion=criterion, levels=", ".join(str(n) for n in sorted(found.manual.levels)))
        if found.check is not None and not 0 <= score <= 1:
            raise Refused("fraction")
        data = {"team": team, "task": task, "criterion": criterion, "score": score, "note": note}
        if action:
            data["action"] = action
        if owner:
            data["owner"] = owner
        if by:
            data["by"] = by
        self._emit(ev.REVIEW, data, at=self.now(), durable=True)

    # ----- observations and the improvement plan ---------------------------------------------------

    def _about(self, team: str, task: str | None, inject: str | None) -> dict[str, str]:
        """What an observation or a plan row is tied to: a team, and optionally a task or inject."""
        if team not in self.state.inbox:
            raise Refused("no-team", team=team)
        about = {"team": team}
        if task:
            if task not in self._tasks:
                raise Refused("no-task", task=task)
            about["task"] = task
        if inject:
            if inject not in self._injects and inject not in self.state.fired:
                raise Refused("no-inject", inject=inject)
            about["inject"] = inject
        return about

    def observe(self, team: str, kind: str, text: str, *, task: str | None = None, inject: str | None = None,
                by: str | None = None) -> None:
        """An evaluator's observation, timestamped now: what happened, a strength or an area
        for improvement (HSEEP's observation notes). Allowed before, during and after the drill."""
        about = self._about(team, task, inject)
        if kind not in OBSERVATION_KINDS:
            raise Refused("observation-kind", kinds=", ".join(OBSERVATION_KINDS))
        if not text.strip():
            raise Refused("no-text")
        data = {**about, "kind": kind, "text": text.strip()}
        if by:
            data["by"] = by
        self._emit(ev.OBSERVE, data, at=self.now(), durable=True)

    def plan_item(self, team: str, *, task: str | None = None, by: str | None = None, **columns: str) -> None:
        """One row of a team's improvement plan, in HSEEP's columns (PLAN_COLUMNS): `element`
        one of PLAN_ELEMENTS, `start` and `end` dates as YYYY-MM-DD; any column may be left blank."""
        about = self._about(team, task, None)
        unknown = set(columns) - set(PLAN_COLUMNS)
        if unknown:
            raise Refused("plan-column", column=", ".join(sorted(unknown)), columns=", ".join(PLAN_COLUMNS))
        row = {name: value.strip() for name, value in columns.items() if value and value.strip()}
        if not row.get("issue") and not row.get("action"):
            raise Refused("plan-empty")
        if row.get("element", PLAN_ELEMENTS[0]) not in PLAN_ELEMENTS:
            raise Refused("plan-element", elements=", ".join(PLAN_ELEMENTS))
        for name in ("start", "end"):
            if name in row:
                try:
                    date.fromisoformat(row[name])
                except ValueError:
                    raise Refused("plan-date", value=row[name]) from None
        data = {**about, **row}
        if by:
            data["by"] = by
        self._emit(ev.PLAN, data, at=self.now(), durable=True)

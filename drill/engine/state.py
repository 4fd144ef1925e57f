"""Session state as a fold over events.

`SessionState.apply` is the only way state changes, whether an event was just
decided by the engine or is being replayed from the log after a crash, so the
two can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..formats import Exercise
from .events import Event


@dataclass
class Delivery:
    """An inject as it reached a team."""

    inject: str
    at: float
    channel: str
    sender: str | None
    title: str
    body: str
    heat: float = 0
    reveals: tuple[str, ...] = ()
    adhoc: bool = False


@dataclass
class Work:
    """One team's work on one task."""

    team: str
    task: str
    opened_at: float
    due_at: float
    draft: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    drafted_at: float | None = None
    submitted_at: float | None = None
    missed: bool = False

    @property
    def status(self) -> str:
        """not-started, drafting, on-time, late or missed: what the facilitator's board shows."""
        if self.submitted_at is not None:
            return "late" if self.submitted_at > self.due_at else "on-time"
        if self.missed:
            return "missed"
        return "drafting" if self.drafted_at is not None else "not-started"


@dataclass
class Pending:
    inject: str
    fire_at: float
    to: list[str]


@dataclass
class SessionState:
    exercise: Exercise
    now: float = 0.0
    started: bool = False
    running: bool = False
    speed: float = 60.0
    ended: bool = False
    heat: float = 0.0
    heat_history: list[tuple[float, float]] = field(default_factory=list)
    team_heat: dict[str, float] = field(default_factory=dict)
    team_heat_history: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    scores: dict[tuple[str, str], float | None] = field(default_factory=dict)
    fired: dict[str, float] = field(default_factory=dict)
    pending: dict[str, Pending] = field(default_factory=dict)
    opened: set[str] = field(default_factory=set)
    due_done: set[str] = field(default_factory=set)
    inbox: dict[str, list[Delivery]] = field(default_factory=dict)
    facts: dict[str, list[str]] = field(default_factory=dict)
    work: dict[tuple[str, str], Work] = field(default_factory=dict)
    reviews: list[dict[str, Any]] = field(default_factory=list)
    notes: list[tuple[float, str]] = field(default_factory=list)
    observations: list[dict[str, Any]] = field(default_factory=list)
    plan: list[dict[str, Any]] = field(default_factory=list)
    adhoc_count: int = 0
    seq: int = 0

    def __post_init__(self) -> None:
        scenario = self.exercise.scenario
        self.speed = scenario.clock.speed
        self.heat = scenario.heat.start if scenario.heat else 0.0
        self.heat_history.append((0.0, self.heat))
        for team in scenario.teams:
            self.inbox[team.id] = []
            self.facts[team.id] = []
            if scenario.heat and scenario.heat.per_team:
                self.team_heat[team.id] = self.heat
                self.team_heat_history[team.id] = [(0.0, self.heat)]

    def apply(self, event: Event) -> None:
        self.seq = max(self.seq, event.seq)
        self.now = max(self.now, float(event.at))
        handler = getattr(self, f"_on_{event.type}", None)
        if handler is not None:
            handler(event.at, event.data)

    def _on_clock(self, at: float, data: dict) -> None:
        action = data["action"]
        if action in ("start", "resume"):
            self.started = self.running = True
        elif action == "pause":
            self.running = False
        elif action == "speed":
            self.speed = data["speed"]

    def _on_trigger(self, at: float, data: dict) -> None:
        self.pending[data["inject"]] = Pending(data["inject"], data["fire_at"], list(data["to"]))

    def _on_inject(self, at: float, data: dict) -> None:
        inject_id = data["inject"]
        self.pending.pop(inject_id, None)
        self.fired[inject_id] = at
        if data.get("adhoc"):
            self.adhoc_count += 1
            delivery = Delivery(inject_id, at, data["channel"], data.get("from"), data["title"], data["body"], data.get("heat", 0), (), True)
        else:
            inject = self.exercise.scenario.inject(inject_id)
            delivery = Delivery(inject_id, at, inject.channel, inject.from_, inject.title, inject.body, inject.heat, tuple(inject.reveals))
        for team in data["to"]:
            self.inbox[team].append(delivery)
            known = self.facts[team]
            known.extend(fact for fact in delivery.reveals if fact not in known)

    def _on_heat(self, at: float, data: dict) -> None:
        team = data.get("team")
        if team is None:
            self.heat = data["value"]
            self.heat_history.append((float(at), self.heat))
        else:
            self.team_heat[team] = data["value"]
            self.team_heat_history[team].append((float(at), data["value"]))

    def _on_scored(self, at: float, data: dict) -> None:
        self.scores[(data["team"], data["task"])] = data["score"]

    def heat_of(self, team: str | None = None) -> tuple[float, float]:
        """The last recorded heat (the public one, or a team's) and when it was recorded."""
        history = self.heat_history if team is None else self.team_heat_history[team]
        at, value = history[-1]
        return value, at

    def _on_open(self, at: float, data: dict) -> None:
        self.opened.add(data["task"])
        for team in data["teams"]:
            self.work[(team, data["task"])] = Work(team, data["task"], float(at), float(data["due_at"]))

    def _on_deadline(self, at: float, data: dict) -> None:
        self.due_done.add(data["task"])
        for team in data["missed"]:
            self.work[(team, data["task"])].missed = True

    def _on_draft(self, at: float, data: dict) -> None:
        work = self.work[(data["team"], data["task"])]
        work.draft, work.fields, work.drafted_at = data["text"], dict(data.get("fields", {})), float(at)

    def _on_submit(self, at: float, data: dict) -> None:
        work = self.work[(data["team"], data["task"])]
        work.draft, work.fields, work.submitted_at = data["text"], dict(data.get("fields", {})), float(at)

    def _on_review(self, at: float, data: dict) -> None:
        self.reviews.append({"at": float(at), **data})

    def _on_observe(self, at: float, data: dict) -> None:
        self.observations.append({"at": float(at), **data})

    def _on_plan(self, at: float, data: dict) -> None:
        self.plan.append({"at": float(at), **data})

    def _on_note(self, at: float, data: dict) -> None:
        self.notes.append((float(at), data["text"]))

    def _on_end(self, at: float, data: dict) -> None:
        self.ended, self.running = True, False

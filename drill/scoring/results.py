"""Scores as plain values, and their `drill score --json` shape.

Everything is kept at full precision here; only `to_json` rounds, so that a
team total is the mean of exact task scores, not of rounded ones. Each score
remembers the language its evidence was written in (`language`, a catalog
name), so the strengths and improvements built from it speak the same one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .wording import words

STRENGTH = 0.75
WEAKNESS = 0.5
# A check of these kinds failing means the team said something it must not, which
# is worth raising in the debrief even when an expert judged it leniently.
_RED_FLAGS = ("none_of", "no_false_claims", "no_overclaims")


def _round(value: float | None, places: int) -> float | None:
    return None if value is None else round(float(value), places)


@dataclass(frozen=True)
class ExpertWord:
    """One expert's word on a criterion: a level (for an automatic criterion, the overriding
    fraction 0..1) and a note. `by` is None for a review recorded without a name."""

    by: str | None
    level: float
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"by": self.by, "level": _round(self.level, 3), "note": self.note}


@dataclass(frozen=True)
class CriterionScore:
    id: str
    title: str
    kind: str  # the check kind, or "manual"
    max: float  # the criterion's weight
    points: float | None  # None while an expert has yet to score it
    source: str  # "auto" or "expert"
    evidence: str
    auto_points: float | None = None  # the automatic suggestion an expert overrode
    auto_evidence: str | None = None
    note: str | None = None
    action: str | None = None
    owner: str | None = None
    language: str = "en"
    reviews: tuple[ExpertWord, ...] = ()  # every expert's latest word, in the order they first spoke
    empty: bool = False  # an absence check given nothing because the text says nothing of substance, not for a finding

    @property
    def pending(self) -> bool:
        return self.points is None

    @property
    def red_flag(self) -> bool:
        auto = self.auto_points if self.auto_points is not None else self.points
        return self.kind in _RED_FLAGS and auto == 0 and not self.empty

    @property
    def explained(self) -> str:
        """The line a review sheet prints: the expert's word if there is one, else the evidence."""
        w = words(self.language)
        if self.red_flag and self.auto_evidence is not None:
            if self.note:
                return w("scoring.line-expert", title=self.title, text=self.auto_evidence, note=self.note)
            return w("scoring.line", title=self.title, text=self.auto_evidence)
        return w("scoring.line", title=self.title, text=self.note or self.evidence)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "points": _round(self.points, 3),
            "max": _round(self.max, 3),
            "source": self.source,
            "evidence": self.evidence,
            "title": self.title,
            "kind": self.kind,
            "auto_points": _round(self.auto_points, 3),
            "auto_evidence": self.auto_evidence,
            "note": self.note,
            "action": self.action,
            "owner": self.owner,
            "reviews": [review.to_json() for review in self.reviews],
        }


@dataclass(frozen=True)
class Gate:
    """A criterion with a `cap` or a `keep` that failed: it holds the whole task's score down, and says why."""

    criterion: str
    title: str
    cap: str | float | None  # as the rubric wrote it: a band id or a score (None for a keep)
    ceiling: float  # the highest score it allows
    evidence: str
    keep: float | None = None  # the share of its worth a text keeps when this gate holds (ceiling = keep × the score before it)
    of: float = 0.0  # for a keep, the worth it keeps a share of: the score before it, or the whole when a cap's band holds it
    floor: bool = False  # for a keep, held at the foot of the band a cap holds the text in, above its share of the cap

    def to_json(self) -> dict[str, Any]:
        return {"criterion": self.criterion, "title": self.title, "cap": self.cap, "keep": self.keep,
                "ceiling": _round(self.ceiling, 1), "evidence": self.evidence}


@dataclass(frozen=True)
class TaskScore:
    task: str
    title: str
    submitted_at: float | None
    due_at: float
    score: float | None  # None when every criterion is pending
    rating: str | None
    criteria: tuple[CriterionScore, ...]
    language: str = "en"
    gates: tuple[Gate, ...] = ()  # the gates that failed; the lowest ceiling holds the score
    uncapped: float | None = None  # what the criteria add up to before any gate
    due: bool = True  # False while the task's due time has not come (and nothing is handed in)

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def gate(self) -> Gate | None:
        """The gate that holds the score: the one with the lowest ceiling."""
        return min(self.gates, key=lambda g: g.ceiling) if self.gates else None

    @property
    def holding(self) -> list[Gate]:
        """The gates that hold the score, in the order they apply: the lowest cap, then each keep."""
        caps = [g for g in self.gates if g.keep is None]
        return ([min(caps, key=lambda g: g.ceiling)] if caps else []) + [g for g in self.gates if g.keep is not None]

    @property
    def capped_by(self) -> str | None:
        """What `drill score`, the review sheet and the review screen say at once when a gate
        holds the score: which criterion, at what, and the words that failed it."""
        if not self.holding or self.uncapped is None:
            return None
        w = words(self.language)
        return "; ".join(
            w("scoring.gate.capped", ceiling=w.t.number(gate.ceiling, 1), title=gate.title,
              uncapped=w.t.number(self.uncapped, 1), evidence=gate.evidence) if gate.keep is None else
            w("scoring.gate.scaled-within" if gate.floor else "scoring.gate.scaled", ceiling=w.t.number(gate.ceiling, 1), title=gate.title,
              uncapped=w.t.number(gate.of, 1), share=w.t.number(100 * gate.keep, 0),
              evidence=gate.evidence)
            for gate in self.holding
        )

    @property
    def late_by(self) -> float | None:
        return None if self.submitted_at is None else max(0.0, self.submitted_at - self.due_at)

    @property
    def strengths(self) -> list[str]:
        return [
            c.explained
            for c in self.criteria
            if not c.pending and not c.red_flag and c.points >= STRENGTH * c.max
        ]

    @property
    def improvements(self) -> list[str]:
        """Work never handed in is one improvement, not one per criterion; a gate comes first."""
        if not self.submitted:
            return [] if not self.due else [words(self.language)("scoring.task-not-submitted", title=self.title)]
        w = words(self.language)
        first = [w("scoring.gate.line" if gate.keep is None else "scoring.gate.line-scaled", title=gate.title, evidence=gate.evidence)
                 for gate in self.holding]
        return first + [c.explained for c in self.criteria if not c.pending and (c.red_flag or c.points < WEAKNESS * c.max)]

    def to_json(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "submitted_at": self.submitted_at,
            "score": _round(self.score, 1),
            "rating": self.rating,
            "criteria": [c.to_json() for c in self.criteria],
            "title": self.title,
            "due_at": self.due_at,
            "late_by": self.late_by,
            "strengths": self.strengths,
            "improvements": self.improvements,
            "gates": [g.to_json() for g in self.gates],
            "capped_by": self.capped_by,
            "uncapped_score": _round(self.uncapped, 1),
            "due": self.due,
        }


@dataclass(frozen=True)
class TeamScore:
    team: str
    name: str
    total: float | None  # None when no owed task has a score yet
    rating: str | None
    tasks: tuple[TaskScore, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "team": self.team,
            "total": _round(self.total, 1),
            "rating": self.rating,
            "tasks": [t.to_json() for t in self.tasks],
            "name": self.name,
        }


@dataclass(frozen=True)
class Scores:
    scenario: str
    teams: tuple[TeamScore, ...]

    def to_json(self) -> dict[str, Any]:
        """The `drill score --json` document, as data ready for `json.dumps`."""
        return {"scenario": self.scenario, "teams": [t.to_json() for t in self.teams]}

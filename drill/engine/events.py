"""Events: the one record of what happened in a session.

A session's state is a fold over its events (see state.py), so the event is
the unit of durability, of replay after a crash and of the debrief.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

# Event types. `inject`, `submit` and `review` are fixed by the command-line contract.
SESSION = "session"      # the drill was created: scenario id
CLOCK = "clock"          # start / pause / resume / speed / jump
TRIGGER = "trigger"      # a `when` condition held (or the facilitator fired it: by): inject, fire_at, to
INJECT = "inject"        # an inject reached teams: inject, to (+ content for ad-hoc ones)
HEAT = "heat"            # the heat index changed: value, delta, cause (+ team, for a team's own heat)
OPEN = "open"            # a task opened: task, teams, due_at
DEADLINE = "deadline"    # a task fell due: task, missed (teams that had not submitted)
DRAFT = "draft"          # a team saved a draft: team, task, text, fields
SUBMIT = "submit"        # a team submitted (final): team, task, text, fields, late
SCORED = "scored"        # the automatic score of a submission, as it was submitted: team, task, score
REVIEW = "review"        # an expert scored a criterion: team, task, criterion, score, note (+ by: the expert)
OBSERVE = "observe"      # an observation: team, kind (strength / improvement), text, by, + task or inject
PLAN = "plan"            # a row of the improvement plan: team, HSEEP's columns, by
NOTE = "note"            # a facilitator's note for the debrief: text
END = "end"              # the drill ended: reason


def world_time(at: float) -> float | int:
    """Times are kept to the millisecond, and whole seconds are written as integers,
    so that the same run always writes the same bytes."""
    rounded = round(float(at), 3)
    return int(rounded) if rounded.is_integer() else rounded


@dataclass(frozen=True)
class Event:
    type: str
    at: float | int
    data: dict[str, Any] = field(default_factory=dict)
    seq: int = 0

    def to_json(self) -> str:
        """One line of `drill log --json`: `at`, `type`, then the event's own keys."""
        return json.dumps({"at": self.at, "type": self.type, **self.data}, ensure_ascii=False, separators=(",", ":"))

    def data_json(self) -> str:
        return json.dumps(self.data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

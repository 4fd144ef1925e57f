"""How a team workspace, and the review screen, talk to a drill: one interface each,
two ways to reach the engine.

`drill run` uses `LocalTeam`, which calls the engine in this process; `drill join`
uses a network client with the same methods. The team workspace screens are
written against `TeamClient` only, so they serve both. Likewise the review screen
is written against `ReviewClient`: `LocalReview` for the facilitator's F3 screen
and `drill review`, and an invited expert's network client (drill.net.expert_client)
for `drill join --expert`.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator, Protocol

from .engine import Event, Refused, Session, SessionState
from .engine.views import TeamView
from .store import NotStored


class TeamClient(Protocol):
    team: str

    def view(self) -> TeamView:
        """What the team may see now."""

    async def save_draft(self, task: str, text: str, fields: dict[str, str]) -> bool:
        """Keep a draft; True once the drill has it, False while it is kept only on this
        computer (offline). Raises Refused when the rules forbid it."""

    async def submit(self, task: str, text: str, fields: dict[str, str]) -> None:
        """Submit for good; returns only once the submission is durable. Raises Refused."""

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call `callback` whenever something the team may see has changed."""


class LocalTeam:
    """A team's window onto a session running in this process."""

    def __init__(self, session: Session, team: str):
        self.session = session
        self.team = team

    def view(self) -> TeamView:
        return self.session.team_view(self.team)

    async def save_draft(self, task: str, text: str, fields: dict[str, str]) -> bool:
        with stored_or_refused():
            self.session.save_draft(self.team, task, text, fields)
        return True

    async def submit(self, task: str, text: str, fields: dict[str, str]) -> None:
        with stored_or_refused():
            self.session.submit(self.team, task, text, fields)

    def on_change(self, callback: Callable[[], None]) -> None:
        def relevant(event: Event) -> None:
            if _concerns(event, self.team):
                callback()

        self.session.listeners.append(relevant)


def _concerns(event: Event, team: str) -> bool:
    """Whether a team's view may have changed: events about other teams' drafts are not its business."""
    data = event.data
    if "team" in data:
        return data["team"] == team
    if event.type in ("inject", "trigger"):
        return team in data.get("to", ())
    return True


@contextmanager
def stored_or_refused() -> Iterator[None]:
    """A team's command whose event the session file could not take (a full or read-only
    disk) is refused like a rule, with a key the team's screen says in its language:
    nothing was recorded, and the team still has its text (kept on its computer, as when
    offline). Keys start with `disk-`, which a network client reads as 'kept here'."""
    try:
        yield
    except NotStored as error:
        raise Refused(f"disk-{error.kind}") from None


class ReviewClient(Protocol):
    """What the review screen reads and does. `state` and `exercise` are what the scorer
    reads (drill.scoring.score_session takes the client itself); `by` names the expert,
    None for the facilitator's unnamed reviews."""

    by: str | None
    state: SessionState
    exercise: Any
    scenario: Any

    def now(self) -> float:
        """In-world seconds after the start, now."""

    async def review(self, team: str, task: str, criterion: str, score: float, note: str = "",
                     action: str | None = None, owner: str | None = None) -> None:
        """Record this reviewer's level (or override) once it is on disk. Raises Refused."""

    async def observe(self, team: str, kind: str, text: str, task: str | None = None, inject: str | None = None) -> None:
        """Record a timestamped observation (a strength or an area for improvement)."""

    async def plan(self, team: str, task: str | None, columns: dict[str, str]) -> None:
        """Add a row to a team's improvement plan, in HSEEP's columns."""


class LocalReview:
    """The review screen on a session in this process (F3 in `drill run` and `drill serve`,
    and `drill review SESSION`)."""

    def __init__(self, session: Session, by: str | None = None):
        self.session, self.by = session, by
        self.exercise, self.scenario = session.exercise, session.scenario

    @property
    def state(self) -> SessionState:
        return self.session.state

    def now(self) -> float:
        return self.session.now()

    async def review(self, team: str, task: str, criterion: str, score: float, note: str = "",
                     action: str | None = None, owner: str | None = None) -> None:
        self.session.review(team, task, criterion, score, note, action, owner, by=self.by)

    async def observe(self, team: str, kind: str, text: str, task: str | None = None, inject: str | None = None) -> None:
        self.session.observe(team, kind, text, task=task, inject=inject, by=self.by)

    async def plan(self, team: str, task: str | None, columns: dict[str, str]) -> None:
        self.session.plan_item(team, task=task, by=self.by, **columns)

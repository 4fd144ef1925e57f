"""How a team workspace talks to a drill: one interface, two ways to reach the engine.

`drill run` uses `LocalTeam`, which calls the engine in this process; `drill join`
uses a network client with the same methods. The team workspace screens are
written against `TeamClient` only, so they serve both.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator, Protocol

from .engine import Event, Refused, Session
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

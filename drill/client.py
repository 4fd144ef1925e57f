"""How a team workspace talks to a drill: one interface, two ways to reach the engine.

`drill run` uses `LocalTeam`, which calls the engine in this process; `drill join`
uses a network client with the same methods. The team workspace screens are
written against `TeamClient` only, so they serve both.
"""

from __future__ import annotations

from typing import Callable, Protocol

from .engine import Event, Session
from .engine.views import TeamView


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
        self.session.save_draft(self.team, task, text, fields)
        return True

    async def submit(self, task: str, text: str, fields: dict[str, str]) -> None:
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

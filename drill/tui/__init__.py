"""The terminal interface: a facilitator console, a workspace per team and a review screen.

A thin layer over the engine: screens render engine views and send engine
commands; no drill rule lives here. Textual is imported only inside this
package, and only when a screen is about to be shown, so that the rest of the
`drill` command starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..engine import Session


def run_drill(session: "Session", language: str | None = None, idle_alert: float = 600,
              auto_pause: bool = False) -> int:
    """The whole drill in this terminal: console, team workspaces and review.
    Returns the app's exit code (non-zero after an internal error)."""
    from .app import Alerts, DrillApp

    app = DrillApp(session, language=language, alerts=Alerts(idle_alert, auto_pause))
    app.run()
    return app.return_code or 0


def review_session(session: "Session", language: str | None = None) -> int:
    """The review screen alone, for experts scoring a recorded session."""
    from .app import DrillApp

    app = DrillApp(session, language=language, mode="review", live=False)
    app.run()
    return app.return_code or 0

"""The terminal interface: a facilitator console, a workspace per team, a review screen
and the debrief presenter.

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


def review_session(session: "Session", language: str | None = None, by: str | None = None) -> int:
    """The review screen alone, for experts scoring a recorded session (as `by`, when named)."""
    from .app import DrillApp

    app = DrillApp(session, language=language, mode="review", live=False, reviewer=by)
    app.run()
    return app.return_code or 0


def run_debrief(run, whatif=None, language: str | None = None, against=None) -> int:
    """The debrief presenter for a recorded run (drill.whatif.Run), beside a what-if's if given,
    and beside an earlier run's figures (`against`: this and the earlier drill.compare.Played)."""
    from .debrief import DebriefApp

    app = DebriefApp(run, language, whatif, against)
    app.run()
    return app.return_code or 0

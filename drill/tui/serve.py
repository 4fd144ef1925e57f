"""`drill serve` with a console: the facilitator's screens, while teams join over the network.

The same app as `drill run`, without the local team workspaces: the console shows
each team's join code, and the server listens on Textual's own event loop.
"""

from __future__ import annotations

from typing import Callable

from .app import Alerts, DrillApp


def run_served_console(served, announce: Callable[[object], None] | None = None, language: str | None = None,
                       idle_alert: float = 600, auto_pause: bool = False) -> int:
    """Run the console for a `drill.net.serve.ServedDrill`; `announce` is called with it
    once the app has closed (so the address and codes stay on the terminal afterwards)."""
    app = DrillApp(served.session, language=language, mode="serve", served=served,
                   alerts=Alerts(idle_alert, auto_pause))
    app.run()
    if announce is not None and served.listening is not None:
        announce(served)
    return app.return_code or 0

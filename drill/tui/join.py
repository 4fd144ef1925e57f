"""`drill join`: one team's workspace at its own terminal, fed by a drill server.

The same TeamScreen as `drill run`, on a `RemoteTeam` client. Without a team and
code on the command line (as in a browser, through `drill web`), a form asks
for them first.
"""

from __future__ import annotations

import copy

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Input, Label, Static

from ..i18n import Catalog
from ..net.client import JoinRefused, RemoteTeam
from .format import DrillInfo
from .notices import NoticesInBar
from .team import TeamScreen
from .widgets import LocalizedScreen, localize

AUTOSAVE_SECONDS = 3.0
REFRESH_SECONDS = 0.25


class JoinForm(LocalizedScreen):
    """Team id and join code, as read out by the facilitator."""

    AUTO_FOCUS = "#team"

    def __init__(self, catalog: Catalog, url: str, team: str = "", error: str = "") -> None:
        super().__init__(catalog, name="join")
        self.url, self.team, self.error = url, team, error

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="join-form"):
            yield Label(t("join.title"), classes="pane-title")
            yield Static(t("join.server", url=self.url), classes="dim")
            yield Label(t("join.team"))
            yield Input(value=self.team, placeholder="propaganda", id="team")
            yield Label(t("join.code"))
            yield Input(placeholder="ABC123", id="code")
            yield Static(self.error, id="join-error")
            yield Button(t("join.button"), variant="primary", id="join")

    @on(Input.Submitted, "#team")
    def _next(self) -> None:
        self.query_one("#code", Input).focus()

    @on(Input.Submitted, "#code")
    @on(Button.Pressed, "#join")
    async def _join(self) -> None:
        team = self.query_one("#team", Input).value.strip()
        code = self.query_one("#code", Input).value.strip()
        if team and code:
            self.query_one("#join-error", Static).update(self.t("join.connecting"))
            await self.app.join(team, code)

    def show_error(self, message: str) -> None:
        self.error = message
        self.query_one("#join-error", Static).update(message)


class JoinApp(NoticesInBar, App):
    CSS_PATH = "drill.tcss"
    BINDINGS = [Binding("ctrl+q", "quit", "key.quit", priority=True)]

    def __init__(self, url: str, team: str | None = None, code: str | None = None, language: str | None = None) -> None:
        super().__init__()
        self.url, self.team, self.code = url, team, code
        self.language = language
        self.t = Catalog(language or "en")
        self._raw_bindings = copy.deepcopy(self._bindings)  # localize() rewrites in place
        self._bindings = localize(copy.deepcopy(self._raw_bindings), self.t)
        self.client: RemoteTeam | None = None
        self.screen_for_team: TeamScreen | None = None
        self.was_connected = True
        self.title = "drill"
        self.error: str | None = None

    def on_mount(self) -> None:
        if self.team and self.code:
            self.run_worker(self.join(self.team, self.code), exit_on_error=False)
        else:
            self.push_screen(JoinForm(self.t, self.url))

    async def join(self, team: str, code: str) -> None:
        client = RemoteTeam(self.url, team, code)
        try:
            await client.start()
        except JoinRefused as refusal:
            await client.close()
            self._refused(team, str(refusal))
            return
        self.client = client
        welcome = client.welcome
        if self.language is None:
            self.t = Catalog(welcome.language)
            self._bindings = localize(copy.deepcopy(self._raw_bindings), self.t)
        info = DrillInfo(welcome.scenario, welcome.summary, welcome.start, welcome.duration)
        self.sub_title = welcome.scenario
        self.screen_for_team = TeamScreen(client, self.t, info)
        self.install_screen(self.screen_for_team, "team")
        if self.screen_stack and isinstance(self.screen, JoinForm):
            self.switch_screen("team")
        else:
            self.push_screen("team")
        client.on_change(self._connection_changed)
        self.set_interval(REFRESH_SECONDS, self._refresh)
        self.set_interval(AUTOSAVE_SECONDS, self._autosave)

    def _refused(self, team: str, reason: str) -> None:
        if self.screen_stack and isinstance(self.screen, JoinForm):
            self.screen.show_error(self.t("join.refused", reason=reason))
        elif self.team and self.code:  # given on the command line: nothing to retry here
            self.error = reason
            self.exit(return_code=1)
        else:
            self.push_screen(JoinForm(self.t, self.url, team, self.t("join.refused", reason=reason)))

    def _connection_changed(self) -> None:
        connected = self.client is not None and self.client.connected
        if connected != self.was_connected:
            self.was_connected = connected
            if connected:
                self.notify(self.t("join.back"), timeout=4)
            else:
                self.notify(self.t("join.lost"), severity="warning", timeout=8)

    async def _refresh(self) -> None:
        if self.screen_for_team is not None and self.screen is self.screen_for_team:
            self.screen_for_team.refresh_live()

    async def _autosave(self) -> None:
        if self.screen_for_team is not None and self.screen is self.screen_for_team:
            await self.screen_for_team.autosave()

    async def action_quit(self) -> None:
        """Hand the server every draft it can take, then leave."""
        if self.screen_for_team is not None:
            await self.screen_for_team.save_all()
        if self.client is not None:
            await self.client.close()
        self.exit()


def run_join(url: str, team: str | None, code: str | None, language: str | None) -> tuple[int, str | None]:
    app = JoinApp(url, team, code, language)
    app.run()
    return app.return_code or 0, app.error

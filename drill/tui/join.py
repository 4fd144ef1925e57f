"""`drill join`: one team's workspace, or an invited expert's live review screen, at
its own terminal, fed by a drill server.

A team gets the same TeamScreen as `drill run`, on a `RemoteTeam` client; an expert
(`--expert NAME`) the same ReviewScreen as the facilitator's F3, on a `RemoteExpert`.
Without a name and code on the command line (as in a browser, through `drill web`),
a form asks whether you are a team or an expert, and for the name and code.
"""

from __future__ import annotations

import copy

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.containers import Vertical
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from ..i18n import Catalog, language_of_environment
from ..net.client import JoinRefused, RemoteTeam
from ..net.expert_client import RemoteExpert
from .format import DrillInfo
from .kept import KeptTyping
from .notices import NoticesInBar
from .review import ReviewScreen
from .team import TeamScreen
from .widgets import LocalizedScreen, localize

AUTOSAVE_SECONDS = 3.0
REFRESH_SECONDS = 0.25


class JoinForm(LocalizedScreen):
    """Team id (or an expert's name) and join code, as read out by the facilitator."""

    AUTO_FOCUS = "#team"

    def __init__(self, catalog: Catalog, url: str, team: str = "", error: str = "", expert: bool = False) -> None:
        super().__init__(catalog, name="join")
        self.url, self.team, self.error, self.expert = url, team, error, expert

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="join-form"):
            yield Label(t("join.title"), classes="pane-title")
            yield Static(t("join.server", url=self.url), classes="dim")
            with RadioSet(id="join-as"):
                yield RadioButton(t("join.as-team"), value=not self.expert, id="as-team")
                yield RadioButton(t("join.as-expert"), value=self.expert, id="as-expert")
            yield Label(t("join.expert" if self.expert else "join.team"), id="name-label")
            yield Input(value=self.team, placeholder="propaganda", id="team")
            yield Label(t("join.code"))
            yield Input(placeholder="ABC123", id="code")
            yield Static(self.error, id="join-error")
            yield Button(t("join.button"), variant="primary", id="join")

    @on(RadioSet.Changed, "#join-as")
    def _role(self, event: RadioSet.Changed) -> None:
        self.expert = event.pressed.id == "as-expert"
        self.query_one("#name-label", Label).update(self.t("join.expert" if self.expert else "join.team"))
        self.query_one("#team", Input).placeholder = "" if self.expert else "propaganda"

    @on(Input.Submitted, "#team")
    def _next(self) -> None:
        self.query_one("#code", Input).focus()

    @on(Input.Submitted, "#code")
    @on(Button.Pressed, "#join")
    async def _join(self) -> None:
        team = self.query_one("#team", Input).value.strip()
        code = self.query_one("#code", Input).value.strip()
        if not (team and code):  # say what is missing, and put the cursor there
            label, field = (("join.expert" if self.expert else "join.team"), "#team") if not team else ("join.code", "#code")
            self.show_error(self.t("join.missing", what=self.t(label)))
            self.query_one(field, Input).focus()
            return
        self.query_one("#join-error", Static).update(self.t("join.connecting"))
        await self.app.join(team, code, self.expert)

    def show_error(self, message: str) -> None:
        self.error = message
        self.query_one("#join-error", Static).update(message)


class JoinApp(NoticesInBar, App):
    CSS_PATH = "drill.tcss"
    BINDINGS = [Binding("ctrl+q", "quit", "key.quit", priority=True)]

    def __init__(self, url: str, team: str | None = None, code: str | None = None, language: str | None = None,
                 expert: str | None = None) -> None:
        super().__init__()
        self.url, self.team, self.code, self.expert = url, team or expert, code, expert is not None
        self.language = language
        self.t = Catalog(language or language_of_environment())   # the drill's own once joined (below)
        self._raw_bindings = copy.deepcopy(self._bindings)  # localize() rewrites in place
        self._bindings = localize(copy.deepcopy(self._raw_bindings), self.t)
        self.client: RemoteTeam | RemoteExpert | None = None
        self.screen_for_team: TeamScreen | None = None
        self.review_screen: ReviewScreen | None = None
        self.was_connected = True
        self.title = "drill"
        self.error: str | None = None

    def on_mount(self) -> None:
        if self.team and self.code:
            self.run_worker(self.join(self.team, self.code, self.expert), exit_on_error=False)
        else:
            self.push_screen(JoinForm(self.t, self.url, self.team or "", expert=self.expert))

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < 120, "-narrow")  # as in `drill run`: panes stack on a small terminal

    async def join(self, name: str, code: str, expert: bool = False) -> None:
        """Join as the team `name`, or as the invited expert `name`."""
        client = RemoteExpert(self.url, name, code) if expert else RemoteTeam(self.url, name, code)
        try:
            await client.start()
        except JoinRefused as refusal:
            await client.close()
            self._refused(name, client.refusal.text(self.t) if client.refusal is not None else str(refusal), expert)
            return
        self.client = client
        welcome = client.welcome
        if self.language is None:
            self.t = Catalog(client.scenario.language if expert else welcome.language)
            self._bindings = localize(copy.deepcopy(self._raw_bindings), self.t)
        if expert:
            scenario = client.scenario
            info = DrillInfo(scenario.title, scenario.summary, scenario.clock.start, float(scenario.clock.duration))
            self.sub_title = scenario.title
            self.review_screen = screen = ReviewScreen(client, self.t, info)
        else:
            info = DrillInfo(welcome.scenario, welcome.summary, welcome.start, welcome.duration)
            self.sub_title = welcome.scenario
            kept = KeptTyping.for_seat(self.url, name, code)   # the same folder for the same seat in any process
            self.screen_for_team = screen = TeamScreen(client, self.t, info, kept)
        self.install_screen(screen, "team")
        if self.screen_stack and isinstance(self.screen, JoinForm):
            self.switch_screen("team")
        else:
            self.push_screen("team")
        client.on_change(self._connection_changed)
        self.set_interval(REFRESH_SECONDS, self._refresh)
        self.set_interval(AUTOSAVE_SECONDS, self._autosave)

    def _refused(self, team: str, reason: str, expert: bool = False) -> None:
        if self.screen_stack and isinstance(self.screen, JoinForm):
            self.screen.show_error(self.t("join.refused", reason=reason))
        elif self.team and self.code:  # given on the command line: nothing to retry here
            self.error = reason
            self.exit(return_code=1)
        else:
            self.push_screen(JoinForm(self.t, self.url, team, self.t("join.refused", reason=reason), expert))

    def _connection_changed(self) -> None:
        connected = self.client is not None and self.client.connected
        if connected != self.was_connected:
            self.was_connected = connected
            if connected:
                self.notify(self.t("join.back"), timeout=4)
            else:
                self.notify(self.t("join.lost"), severity="warning", timeout=8)

    async def _refresh(self) -> None:
        for screen in (self.screen_for_team, self.review_screen):
            if screen is not None and self.screen is screen:
                screen.refresh_live()

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


def run_join(url: str, team: str | None, code: str | None, language: str | None, expert: str | None = None) -> tuple[int, str | None]:
    app = JoinApp(url, team, code, language, expert)
    app.run()
    return app.return_code or 0, app.error

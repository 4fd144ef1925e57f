"""`drill run` and `drill review` in one Textual app.

The app owns the session and the live clock (drill.live.drive, as a worker on
Textual's own event loop); screens render engine views and send engine
commands. In `run` mode the facilitator console, one workspace per team and the
review screen are switched with function keys; `review` mode shows the review
screen alone.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from functools import partial
from typing import Callable, Iterable

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.events import Resize
from textual.screen import ModalScreen, Screen
from textual.worker import Worker

from ..client import LocalReview, LocalTeam
from ..engine import Session
from ..i18n import Catalog
from ..live import drive
from .console import ConsoleScreen
from .format import DrillInfo, span_text, speed_text, team_names
from .kept import KeptTyping
from .notices import NoticesInBar
from .review import ReviewScreen
from .team import TeamScreen
from .widgets import localize

AUTOSAVE_SECONDS = 3.0
REFRESH_SECONDS = 0.25
IDLE_ALERT_SECONDS = 600


@dataclass(frozen=True)
class Alerts:
    """When the room is left unattended: after `idle` real seconds with no key pressed at
    this terminal while the clock runs (0: never), and at every missed deadline, a notice
    and a bell; with `auto_pause` the clock pauses too, so nothing more is missed."""

    idle: float = IDLE_ALERT_SECONDS
    auto_pause: bool = False


class DrillApp(NoticesInBar, App):
    CSS_PATH = "drill.tcss"
    BINDINGS = [
        Binding("f1", "console", "key.console"),
        Binding("f2", "next_team", "key.next-team"),
        Binding("f3", "review", "key.review"),
        Binding("ctrl+q", "quit", "key.quit", priority=True),
    ]

    def __init__(self, session: Session, *, language: str | None = None, mode: str = "run", live: bool = True,
                 autosave: float = AUTOSAVE_SECONDS, served=None, reviewer: str | None = None, alerts: Alerts | None = None,
                 real_time: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.reviewer = reviewer  # `drill review --by NAME`: the expert the review screen records
        self.alerts = alerts or Alerts()
        self.real_time = real_time
        self.last_input = real_time()
        self._idle_alerted = False
        self.served = served  # a drill.net ServedDrill in `serve` mode
        self.session = session
        self.t = Catalog(language or session.scenario.language)
        self.mode = mode
        self.live = live and mode in ("run", "serve")
        self.autosave_seconds = autosave
        scenario = session.scenario
        self.info = DrillInfo(scenario.title, scenario.summary, scenario.clock.start, float(scenario.clock.duration))
        self.title = "drill"
        self.sub_title = scenario.title
        self._bindings = localize(self._bindings, self.t)
        self.team_ids = [team.id for team in scenario.teams]
        self.team_screens: dict[str, TeamScreen] = {}
        self._stop = asyncio.Event()
        self._clock_worker: Worker | None = None
        self._ended = session.state.ended

    # ----- start and stop ---------------------------------------------------------------

    def _kept(self, team: str) -> KeptTyping | None:
        """A team's typing kept on disk as it is typed, as for a joined team: a `drill run` killed
        between two autosaves offers it back when the session is resumed. The folder is this
        session's (its file and the moment it began), so a new session at the same path starts afresh."""
        log = getattr(self.session, "sink", None)
        began = log.first_wall_time() if log is not None and hasattr(log, "first_wall_time") else None
        if began is None:
            return None
        return KeptTyping.for_seat(log.path.resolve().as_uri(), team, began)

    def on_mount(self) -> None:
        if self.mode == "review":
            self.install_screen(ReviewScreen(LocalReview(self.session, self.reviewer), self.t, self.info), "review")
            self.push_screen("review")
        elif self.mode == "serve":
            console = ConsoleScreen(self.session, self.t, self.info)
            self.install_screen(console, "console")
            self.install_screen(ReviewScreen(LocalReview(self.session, self.reviewer), self.t, self.info), "review")
            self.push_screen("console")
            self.session.listeners.append(self._missed_deadline)
            self.run_worker(self._serve(console), name="server", exit_on_error=False)
            self.set_interval(REFRESH_SECONDS, self._refresh)
            return
        else:
            self.install_screen(ConsoleScreen(self.session, self.t, self.info), "console")
            self.install_screen(ReviewScreen(LocalReview(self.session, self.reviewer), self.t, self.info), "review")
            for team_id in self.team_ids:
                screen = TeamScreen(LocalTeam(self.session, team_id), self.t, self.info, self._kept(team_id))
                self.team_screens[team_id] = screen
                self.install_screen(screen, f"team:{team_id}")
            self.push_screen("console")
            self.session.listeners.append(self._missed_deadline)
            if self.live:
                self._clock_worker = self.run_worker(drive(self.session, self._stop, self._unstored), name="clock", exit_on_error=False)
            self.set_interval(self.autosave_seconds, self._autosave)
        self.set_interval(REFRESH_SECONDS, self._refresh)

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < 120, "-narrow")

    async def _serve(self, console: ConsoleScreen) -> None:
        """Listen for teams, show the join codes, then run the clock."""
        try:
            await self.served.start()
        except OSError as error:
            self.notify(self.t("serve.cannot-listen", error=error.strerror or str(error)), severity="error", timeout=30)
            return
        self.served.server.on_wrong_codes = self._wrong_codes
        pages = self.served.pages
        console.show_join(self.served.url, self.served.codes, pages.url if pages is not None else None, self.served.expert_codes,
                          self.served.server.presence)
        if self.live:
            self._clock_worker = self.run_worker(drive(self.session, self._stop, self._unstored), name="clock", exit_on_error=False)

    def _wrong_codes(self, seat: str, count: int, address: str) -> None:
        """Someone may be guessing a seat's join code: the facilitator hears of it."""
        self.notify(self.t("notice.wrong-codes", seat=seat, count=count, address=address),
                    title=self.t("notice.wrong-codes-title"), severity="warning", timeout=15)

    def _unstored(self, error) -> None:
        """The session file refused a write (full or read-only disk): say so where the facilitator looks."""
        self.notify(self.t(f"notice.unstored-{error.kind}"), severity="error", timeout=30)

    async def _refresh(self) -> None:
        if not self.screen_stack or self._exit:
            return
        screen = self.screen
        if hasattr(screen, "refresh_live"):
            screen.refresh_live()
        if self.session.state.ended and not self._ended:
            self._ended = True
            self.notify(self.t("notice.drill-ended"), severity="warning", timeout=10)
        self._check_idle()

    # ----- the room left unattended: missed deadlines and an idle facilitator ------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.Paste)):
            self.last_input = self.real_time()
            self._idle_alerted = False
        await super().on_event(event)

    def _missed_deadline(self, event) -> None:
        """A deadline passed with teams that had not submitted: say so wherever the facilitator is."""
        if event.type == "deadline" and event.data.get("missed"):
            self.call_later(self._alert_missed, event.data["task"], list(event.data["missed"]))

    def _alert_missed(self, task_id: str, missed: list[str]) -> None:
        t, scenario = self.t, self.session.scenario
        task = next((k.title for k in scenario.tasks if k.id == task_id), task_id)
        self._alert(t("notice.missed", task=task, teams=team_names(scenario, missed, t, all_in_one=False)), "error", 30)

    def _check_idle(self) -> None:
        """No key pressed here for `alerts.idle` real seconds while the clock runs: warn once, pause if asked."""
        state = self.session.state
        if not self.alerts.idle or self._idle_alerted or not state.running or state.ended or self.mode == "review":
            return
        idle = self.real_time() - self.last_input
        if idle < self.alerts.idle:
            return
        self._idle_alerted = True
        self._alert(self.t("notice.idle", span=span_text(idle), speed=speed_text(self.session.clock.speed)), "warning", 60)

    def _alert(self, message: str, severity: str, timeout: float) -> None:
        """A notice and a bell; with --auto-pause the clock also stops, and the notice says so."""
        if self.alerts.auto_pause and self._pause_for_alert():
            message += " " + self.t("notice.auto-paused")
        self.notify(message, title=self.t("notice.alert"), severity=severity, timeout=timeout)
        self.bell()

    def _pause_for_alert(self) -> bool:
        state = self.session.state
        if state.running and not state.ended:
            self.session.pause()
            return True
        return False

    async def _autosave(self) -> None:
        if not self.screen_stack or self._exit:
            return
        screen = self.screen
        if isinstance(screen, TeamScreen):
            await screen.autosave()

    async def save_drafts(self) -> None:
        for screen in self.team_screens.values():
            if screen.is_mounted:
                await screen.save_all()

    async def action_quit(self) -> None:
        """Keep every draft, pause the clock, checkpoint, and leave."""
        await self.save_drafts()
        if self.session.state.running and not self.session.state.ended:
            self.session.pause()
        self._stop.set()
        if self._clock_worker is not None:
            try:
                await asyncio.wait_for(self._clock_worker.wait(), timeout=2)
            except Exception:  # noqa: BLE001 - leaving anyway
                pass
        if self.served is not None:
            await self.served.stop()
        self.exit()

    def action_help_quit(self) -> None:
        self.notify(self.t("notice.how-to-quit"), timeout=4)

    # ----- switching screens -------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("console", "next_team", "review"):
            if self.mode == "review" or (self.mode == "serve" and action == "next_team"):
                return False
            current = getattr(self.screen, "name", None) if isinstance(self.screen, Screen) else None
            if action == "console" and current == "console":
                return None  # shown, greyed: you are here
            if action == "review" and current == "review":
                return None
        return True

    def _go(self, name: str) -> None:
        while isinstance(self.screen, ModalScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        if self.screen.name != name:
            self.switch_screen(name)

    def action_console(self) -> None:
        self._go("console")

    def action_review(self) -> None:
        self._go("review")

    def action_next_team(self) -> None:
        current = self.screen
        if isinstance(current, TeamScreen):
            index = (self.team_ids.index(current.client.team) + 1) % len(self.team_ids)
        else:
            index = getattr(self, "_last_team", 0)
        self._last_team = index
        self._go(f"team:{self.team_ids[index]}")

    def show_team(self, team_id: str) -> None:
        self._last_team = self.team_ids.index(team_id)
        self._go(f"team:{team_id}")

    # ----- the command palette: every key of the screen, and every team -----------------------------

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=self.t("palette.placeholder"), id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        t = self.t
        seen: set[str] = set()
        for _key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.show or not active.enabled or binding.action in seen:
                continue
            if binding.action in ("command_palette", "app.command_palette"):
                continue
            seen.add(binding.action)
            yield SystemCommand(binding.description, t("palette.key", keys=self.get_key_display(binding)),
                                partial(self.run_action, binding.action, active.node))
        if self.mode == "run":  # teams have their own terminals when served
            for team in self.session.scenario.teams:
                yield SystemCommand(t("palette.team", name=team.name), t("palette.team-help"), partial(self.show_team, team.id))
        yield SystemCommand(t("palette.keys"), t("palette.keys-help"),
                            self.action_hide_help_panel if screen.query("HelpPanel") else self.action_show_help_panel)

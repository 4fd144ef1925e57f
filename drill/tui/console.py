"""The facilitator's console: the clock, the schedule, held injects, ad-hoc injects,
every team's progress, the heat, and what just happened."""

from __future__ import annotations

import importlib.util

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Label, ProgressBar, RichLog, Static

from ..engine import Event, Session
from ..engine.session import CHANNELS
from ..i18n import Catalog
from ..outline import condition
from .format import (
    STATUS_MARK, DrillInfo, channel_label, channel_tag, clip, clock_state, clock_text, short_clock, span_text, speed_text,
    status_label, team_names,
)
from .modals import AdhocInject, AdhocScreen, ChooseScreen, Choice, ConfirmScreen, NoteScreen, TextScreen
from .team import STATUS_STYLE, countdown
from .notices import NoticeBar
from .widgets import (
    HeatLine, KeyBar, Line, LocalizedScreen, StatusBar, Wrapped, heat_style, on_refused, while_shown, wrap_cells,
)

# Speeds offered by the faster / slower keys (in-world seconds per real second); the engine
# decides which it accepts.
SPEEDS = (1, 2, 5, 10, 12, 15, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600)
WIDE = 120  # columns from which the board spells statuses out
SEAT_MARK = {"connected": ("●", "green"), "dropped": ("○", "bold red"), "never": ("·", "dim")}


def report_available() -> bool:
    """Whether drill.report is installed; asked without importing it (charts and templates are slow to load)."""
    try:
        return importlib.util.find_spec("drill.report") is not None
    except (ImportError, ValueError):
        return False


def report_writer():
    """drill.report's `write_report`, loaded on first use."""
    try:
        from ..report import write_report
    except ImportError:
        return None
    return write_report


class ConsoleScreen(LocalizedScreen):
    AUTO_FOCUS = "#board"
    BINDINGS = [
        Binding("s", "start_pause", "key.start-pause"),
        Binding("plus", "faster", "key.faster", key_display="+"),
        Binding("minus", "slower", "key.slower", key_display="-"),
        Binding("j", "jump", "key.jump"),
        Binding("f", "fire", "key.fire"),
        Binding("a", "adhoc", "key.adhoc"),
        Binding("d", "draft", "key.read-draft"),
        Binding("n", "note", "key.note"),
        Binding("e", "end", "key.end"),
        Binding("w", "report", "key.report"),
        Binding("q", "leave", "key.quit", show=False),   # what a newcomer presses first; Ctrl+Q is shown
    ]

    def __init__(self, session: Session, catalog: Catalog, info: DrillInfo) -> None:
        super().__init__(catalog, name="console", classes="console-screen")
        self.session = session
        self.info = info
        self.teams = {team.id: team.name for team in session.scenario.teams}
        self.tasks = {task.id: task for task in session.scenario.tasks}
        self._events: list[Event] = []
        self._logged = 0  # the last event written to the activity log
        self._board: tuple | None = None
        self._schedule_seq = -1
        self._join: tuple = ()  # under `drill serve`: the address, the codes and who is here
        session.listeners.append(self._event)

    def compose(self) -> ComposeResult:
        t = self.t
        yield StatusBar(id="status")
        with Vertical(id="board-pane"):
            yield Label(t("console.board"), classes="pane-title")
            yield DataTable(id="board", cursor_type="cell", zebra_stripes=False, show_cursor=True)
            yield Line(id="cell-detail")
            yield Static(self._legend(), id="legend")
        with Horizontal(id="console-lower"):
            with Vertical(id="console-main"):
                yield Label(t("console.heat"), classes="pane-title")
                yield HeatLine(id="heat")
                yield Label(t("console.activity"), classes="pane-title")
                yield RichLog(id="activity", wrap=True, markup=False, auto_scroll=True, min_width=16)
            with VerticalScroll(id="console-side"):
                yield Label(t("presence.title"), classes="pane-title join", id="join-title")
                yield Static(id="join", classes="join")
                yield Label(t("console.upcoming"), classes="pane-title")
                yield Static(id="upcoming")
                yield Label(t("console.held"), classes="pane-title")
                yield Static(id="held")
        with Horizontal(id="report-progress"):
            yield Label("", id="report-stage")
            yield ProgressBar(total=None, show_eta=False, id="report-bar")
        yield NoticeBar()
        yield KeyBar(compact=True)

    def on_mount(self) -> None:
        history = getattr(self.session.sink, "events", None)
        if callable(history):  # the log holds everything so far, including what the listener caught
            self._events = list(history())
        self.refresh_live()

    def on_screen_resume(self) -> None:
        self._board = None
        self.refresh_live()

    def show_join(self, url: str, codes: dict[str, str], page: str | None = None, experts: dict[str, str] | None = None,
                  presence=None) -> None:
        """Under `drill serve`: where teams connect (and the browser page, if served), and each
        seat (every team, every invited expert) with its code and whether it is here: connected
        at a terminal or in a browser, dropped since when, or never joined (a drill.net
        Presence). A seat joining or dropping is said in a notice and in the activity log."""
        self._join = (url, codes, page, experts or {}, presence)
        if presence is not None:
            presence.listeners.append(self._presence_changed)
        self._show_seats()
        for widget in self.query(".join"):
            widget.display = True

    def _show_seats(self) -> None:
        """A line per seat. On a narrow console (80 columns) each keeps to one short line, the
        room at a glance: the mark (with a key above), the code, the team's id or the expert's
        name, and how it is connected or when it dropped."""
        url, codes, page, experts, presence = self._join
        t, narrow = self.t, (self.size.width or self.app.size.width) < WIDE
        text = Text()
        text.append(url + "\n", style="bold")
        if page:
            text.append(t("serve.page", url=page) + "\n", style="bold")
        if narrow and presence is not None:
            for state, (mark, style) in SEAT_MARK.items():
                text.append(f"{mark} {t(f'presence.key-{state}')}  ", style=style)
            text.append("\n")
        seats = [("team", team_id, code, team_id if narrow else f"{team_id} · {self.teams.get(team_id, team_id)}") for team_id, code in codes.items()]
        seats += [("expert", name, code, name if narrow else t("serve.expert", name=name)) for name, code in experts.items()]
        for kind, name, code, label in seats:
            seat = presence.seat(kind, name) if presence is not None else None
            if seat is not None:
                mark, style = SEAT_MARK[seat.state]
                text.append(mark + " ", style=style)
            text.append(f"{code} ", style="bold yellow" if kind == "team" else "bold cyan")
            text.append(label)
            if seat is not None and not (narrow and seat.state == "never"):
                text.append(" " * (1 if narrow else 2) + self._seat_state(seat, narrow), style=SEAT_MARK[seat.state][1])
            text.append("\n")
        text.rstrip()
        self.query_one("#join", Static).update(text)

    def _seat_state(self, seat, narrow: bool = False) -> str:
        t = self.t
        # Since when, in real time: the drill's clock may be paused or fast, and says nothing of how
        # long a team has been away (the activity log has the drill's time of the drop).
        since = seat.dropped_wall.strftime("%H:%M") if seat.dropped_wall is not None else ""
        if narrow:   # the mark says which state; the words say how, or since when
            return t("presence.list-sep").join(t(f"presence.via.{via}") for via in seat.ways) if seat.ways else since
        if seat.state == "connected":
            return t("presence.state-connected", via=t("presence.list-sep").join(t(f"presence.via.{via}") for via in seat.ways))
        if seat.state == "dropped":
            return t("presence.state-dropped", wall=since, clock=short_clock(self.info, seat.dropped_at))
        return t("presence.state-never")

    def _presence_changed(self, change) -> None:
        if not self.is_mounted:  # connections closing while the app shuts down
            return
        t, seat = self.t, change.seat
        who = self.teams.get(seat.name, seat.name) if seat.kind == "team" else t("serve.expert", name=seat.name)
        message = t(f"presence.notice-{change.what}", who=who, via=t(f"presence.via.{change.via}"))
        line = Text()
        line.append(short_clock(self.info, change.at), style="bold")
        line.append(" " + message, style="yellow" if change.what == "dropped" else "")
        self.query_one("#activity", RichLog).write(line)
        self._show_seats()
        self.notify(message, severity="warning" if change.what == "dropped" else "information", timeout=6)

    def on_resize(self) -> None:
        self._board = None
        self.call_after_refresh(self.refresh_live)
        if self._join:
            self.call_after_refresh(self._show_seats)

    # ----- keeping up ------------------------------------------------------------------

    def _event(self, event: Event) -> None:
        self._events.append(event)
        self.schedule_refresh()

    @while_shown
    def refresh_live(self) -> None:
        self._scheduled = False
        if not self.is_mounted:
            return
        state, now = self.session.state, self.session.now()
        self._show_status(now)
        self._fill_board()
        self._show_cell()
        self.query_one(HeatLine).show(state.heat_history, now)
        if state.seq != self._schedule_seq:
            self._schedule_seq = state.seq
            self.query_one("#upcoming", Static).update(Wrapped(self._upcoming(now)))
            self.query_one("#held", Static).update(Wrapped(self._held()))
        if self._events:
            log = self.query_one("#activity", RichLog)
            for event in self._events:
                if event.seq and event.seq <= self._logged:
                    continue
                self._logged = max(self._logged, event.seq)
                line = self._describe(event)
                if line is not None:
                    log.write(Wrapped(line))   # Chinese line breaking: no line begins with "，"
            self._events.clear()

    def _show_status(self, now: float) -> None:
        t, state = self.t, self.session.state
        left = Text(self.info.title, style="bold")
        middle = Text.assemble(
            (clock_text(self.info, now, t), "bold"), "  ",
            (clock_state(state.running, state.ended, t), "green" if state.running else "yellow"), " ",
            speed_text(self.session.clock.speed), "  ",
            (f"{span_text(now)} / {span_text(self.info.duration)}", "dim"),
        )
        right = Text(t("status.heat", heat=f"{state.heat:.0f}"), style=heat_style(state.heat))
        self.query_one(StatusBar).show(left, middle, right)

    # ----- the board ---------------------------------------------------------------------

    def _legend(self) -> Text:
        text = Text()
        for status, mark in STATUS_MARK.items():
            text.append(f"{mark} ", style=STATUS_STYLE.get(status, ""))
            text.append(f"{status_label(status, self.t)}  ", style="dim")
        return text

    def _fill_board(self) -> None:
        table = self.query_one("#board", DataTable)
        board = self.session.board()
        width = self.size.width or self.app.size.width
        key = (tuple(sorted(board.items())), width)
        if key == self._board:
            return
        self._board = key
        tasks = list(self.tasks.values())
        wide = width >= WIDE
        team_width = 24 if wide else 12
        cell = max(3, min(18, (width - team_width - 4) // max(1, len(tasks)) - 2))
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        labels = [header_lines(task.short_title or task.title, cell) for task in tasks]
        table.header_height = max(len(label) for label in labels) if labels else 1
        table.add_column(self.t("console.team"), key="team", width=team_width)
        for task, label in zip(tasks, labels):
            table.add_column(Text("\n".join(label)), key=task.id, width=cell)
        for team_id, name in self.teams.items():
            row = [Text(clip(name, team_width))]
            for task in tasks:
                status = board.get((team_id, task.id))
                if status is None:
                    row.append(Text(""))
                    continue
                mark = STATUS_MARK.get(status, "?")
                shown = f"{mark} {status_label(status, self.t)}" if cell >= 8 and status != "not-open" else mark
                row.append(Text(clip(shown, cell), style=STATUS_STYLE.get(status, "")))
            table.add_row(*row, key=team_id)
        if table.row_count:
            table.cursor_coordinate = Coordinate(min(cursor.row, table.row_count - 1), max(1, min(cursor.column, len(tasks))))

    def selected_cell(self) -> tuple[str, str] | None:
        table = self.query_one("#board", DataTable)
        if not table.row_count:
            return None
        coordinate = table.cursor_coordinate
        tasks = list(self.tasks)
        if coordinate.column < 1 or coordinate.column > len(tasks):
            return None
        team_id = list(self.teams)[coordinate.row]
        return team_id, tasks[coordinate.column - 1]

    def _show_cell(self) -> None:
        detail = self.query_one("#cell-detail", Line)
        selected = self.selected_cell()
        if selected is None:
            detail.show(Text(""))
            return
        team_id, task_id = selected
        t = self.t
        status = self.session.board().get(selected)
        text = Text()
        text.append(self.teams[team_id], style="bold")
        text.append(" · ")
        text.append(self.tasks[task_id].title)
        if status is None:
            text.append(" · " + t("console.not-owed"), style="dim")
        else:
            text.append(" · ")
            text.append(status_label(status, t), style=STATUS_STYLE.get(status, ""))
            if status != "not-open":
                task = next((k for k in self.session.team_view(team_id).tasks if k.id == task_id), None)
                if task is not None:
                    text.append(" · " + countdown(task, self.session.now(), self.info, t))
        detail.show(text)

    @on(DataTable.CellHighlighted)
    def _cell_highlighted(self) -> None:
        self._show_cell()

    @on(DataTable.CellSelected)
    def _cell_selected(self) -> None:
        self.action_draft()

    # ----- schedule ---------------------------------------------------------------------

    def _upcoming(self, now: float) -> Text:
        """What the schedule holds next: injects, task openings and due times, from the session state."""
        t, state, scenario = self.t, self.session.state, self.session.scenario
        items: list[tuple[float, str, str]] = []
        for inject in scenario.injects:
            if inject.id in state.fired:
                continue
            if inject.id in state.pending:
                items.append((state.pending[inject.id].fire_at, channel_label(inject.channel, t), inject.title))
            elif inject.at is not None:
                items.append((inject.at, channel_label(inject.channel, t), inject.title))
        for task in scenario.tasks:
            if task.id not in state.opened and task.opens_after is None:
                items.append((task.opens or 0, t("console.opens"), task.title))
            elif task.id in state.opened and task.id not in state.due_done:
                due = next((w.due_at for (_, k), w in state.work.items() if k == task.id), None)
                if due is not None:
                    items.append((due, t("console.due"), task.title))
        items.sort(key=lambda item: item[0])
        text = Text()
        if not items or state.ended:
            text.append(t("console.nothing"), style="dim")
            return text
        for at, kind, title in items[:8]:
            text.append(short_clock(self.info, at), style="bold")
            text.append(f" {kind} ", style="cyan")
            text.append(title + "\n")
        text.rstrip()
        return text

    def _condition(self, inject) -> str:
        if inject.when is None:
            return self.t("console.at", time=short_clock(self.info, inject.at))
        return condition(inject.when, self.t, lambda task: self.tasks[task].title if task in self.tasks else task)

    def _unfired(self) -> list:
        state = self.session.state
        return [i for i in self.session.scenario.injects if i.id not in state.fired and i.id not in state.pending]

    def _held(self) -> Text:
        text = Text()
        waiting = [i for i in self._unfired() if i.when is not None]
        if not waiting:
            text.append(self.t("console.nothing"), style="dim")
            return text
        for inject in sorted(waiting, key=lambda i: i.when.kind != "manual"):
            text.append(self._condition(inject), style="yellow" if inject.when.kind == "manual" else "dim")
            text.append(" " + inject.title + "\n")
        text.rstrip()
        return text

    # ----- the activity log -------------------------------------------------------------------

    def _names(self, teams: list[str]) -> str:
        return team_names(self.session.scenario, teams, self.t)

    def _describe(self, event: Event) -> Text | None:
        t, data = self.t, event.data
        kind = event.type
        if kind == "clock":
            action = data.get("action")
            if action == "speed":
                message = t("activity.speed", speed=speed_text(data["speed"]))
            elif action == "jump":
                message = t("activity.jump", time=short_clock(self.info, data["to"]))
            else:
                message = t(f"activity.{action}")
        elif kind == "inject":
            title = data.get("title", data["inject"])
            message = t("activity.inject", tag=channel_tag(data.get("channel", "note"), t), title=title, teams=self._names(data["to"]))
        elif kind == "trigger":
            if data["fire_at"] <= event.at:   # it goes out at once: the delivery line says so
                return None
            title = next((i.title for i in self.session.scenario.injects if i.id == data["inject"]), data["inject"])
            message = t("activity.trigger", title=title, time=short_clock(self.info, data["fire_at"]))
        elif kind == "open":
            message = t("activity.open", task=self.tasks[data["task"]].title, due=short_clock(self.info, data["due_at"]),
                        teams=self._names(data.get("teams") or []))
        elif kind == "deadline":
            if not data["missed"]:
                return None
            message = t("activity.missed", task=self.tasks[data["task"]].title, teams=self._names(data["missed"]))
        elif kind == "submit":
            key = "activity.submit-late" if data.get("late") else "activity.submit"
            message = t(key, team=self.teams.get(data["team"], data["team"]), task=self.tasks[data["task"]].title)
        elif kind == "review":
            found = self.session.exercise.rubric_for(data["task"]).criterion(data["criterion"])
            message = t("activity.review", by=data.get("by") or t("review.unnamed"), team=self.teams.get(data["team"], data["team"]),
                        task=self.tasks[data["task"]].title, criterion=found.title if found else data["criterion"],
                        score=f"{data['score']:g}")
        elif kind == "observe":
            message = t("activity.observe", by=data.get("by") or t("review.unnamed"), team=self.teams.get(data["team"], data["team"]),
                        kind=t(f"observe.kind.{data['kind']}"), text=data["text"])
        elif kind == "note":
            message = t("activity.note", text=data["text"])
        elif kind == "scored":
            if data.get("score") is None:
                return None
            message = t("activity.scored", team=self.teams.get(data["team"], data["team"]),
                        task=self.tasks[data["task"]].title, score=f"{data['score']:.0f}")
        elif kind == "end":
            message = t("activity.end")
        else:
            return None
        line = Text()
        line.append(short_clock(self.info, event.at), style="bold")
        line.append(" ")
        style = "bold red" if kind == "deadline" else "yellow" if kind == "submit" and data.get("late") else ""
        line.append(message, style=style)
        return line

    # ----- commands -----------------------------------------------------------------------

    def _done(self) -> None:
        self._schedule_seq = -1
        self.refresh_live()

    def action_start_pause(self) -> None:
        session = self.session
        on_refused(self, session.pause if session.state.running else session.start)
        self._done()

    def _speed_step(self, faster: bool) -> None:
        speed = self.session.clock.speed
        candidates = [s for s in SPEEDS if s > speed] if faster else [s for s in SPEEDS if s < speed][::-1]
        if not candidates:
            self.notify(self.t("console.no-faster" if faster else "console.no-slower"), severity="warning")
            return
        on_refused(self, lambda: self.session.set_speed(candidates[0]))
        self._done()

    def action_faster(self) -> None:
        self._speed_step(True)

    def action_slower(self) -> None:
        self._speed_step(False)

    def action_jump(self) -> None:
        on_refused(self, self.session.jump_next)
        self._done()

    def action_fire(self) -> None:
        """Held injects first (they wait for the facilitator), then conditional, then scheduled
        ones; each with who receives it, its title wrapping on with its line."""
        t = self.t
        groups: dict[str, list] = {"held": [], "conditional": [], "scheduled": []}
        for inject in sorted(self._unfired(), key=lambda i: i.at or 0):
            kind = "scheduled" if inject.when is None else "held" if inject.when.kind == "manual" else "conditional"
            groups[kind].append(inject)
        choices: list[Choice | str] = []
        for kind, injects in groups.items():
            if injects:
                choices.append(t(f"fire.group-{kind}", n=len(injects)))
            for inject in injects:
                label = Text()
                if kind != "held":
                    label.append(self._condition(inject) + " ", style="dim")
                label.append(channel_tag(inject.channel, t), style="cyan")
                label.append(inject.title, style="bold" if kind == "held" else "")
                label.append("\n→ " + self._names(self.session.recipients_now(inject.id)), style="dim")
                if inject.notes:   # for the facilitator only: the expected action, the evaluator's notes (two lines of them)
                    label.append("\n" + "\n".join(inject.notes.splitlines()[:2]), style="italic dim")
                choices.append(Choice(inject.id, label))

        def chosen(inject_id: str | None) -> None:
            if inject_id:
                on_refused(self, lambda: self.session.fire(inject_id))
            self._done()

        self.app.push_screen(ChooseScreen(t, t("fire.title"), choices, t("fire.none")), chosen)

    def action_adhoc(self) -> None:
        t = self.t

        def written(inject: AdhocInject | None) -> None:
            if inject is None:
                return
            try:
                heat = int(inject.heat.strip() or "0")
            except ValueError:
                self.notify(t("adhoc.heat-number"), severity="error")
                return
            if not inject.to:
                self.notify(t("adhoc.no-teams"), severity="error")
                return
            on_refused(self, lambda: self.session.adhoc(channel=inject.channel, title=inject.title, body=inject.body,
                                                        to=inject.to, sender=inject.sender or None, heat=heat))
            self._done()

        self.app.push_screen(AdhocScreen(t, CHANNELS, list(self.teams.items())), written)

    def action_draft(self) -> None:
        t = self.t
        selected = self.selected_cell()
        if selected is None:
            self.notify(t("console.choose-cell"), severity="warning")
            return
        team_id, task_id = selected
        task = next((k for k in self.session.team_view(team_id).tasks if k.id == task_id), None)
        if task is None:
            self.notify(t("console.not-open-for", team=self.teams[team_id], task=self.tasks[task_id].title), severity="warning")
            return
        header = Text()
        header.append(status_label(task.status, t), style=STATUS_STYLE.get(task.status, ""))
        header.append(" · " + countdown(task, self.session.now(), self.info, t))
        labels = {f.id: f.label for f in task.fields}
        for field_id, value in task.draft_fields.items():
            header.append(f"\n{labels.get(field_id, field_id)}: {value}")
        title = f"{self.teams[team_id]} · {task.title}"
        self.app.push_screen(TextScreen(t, title, header, task.draft or t("console.empty-draft")))

    def action_note(self) -> None:
        def written(text: str | None) -> None:
            if text and text.strip():
                on_refused(self, lambda: self.session.note(text.strip()))
            self._done()

        self.app.push_screen(NoteScreen(self.t), written)

    def action_end(self) -> None:
        t = self.t

        def confirmed(yes: bool | None) -> None:
            if yes:  # the app says the drill has ended, however it ended
                on_refused(self, self.session.end)
            self._done()

        self.app.push_screen(ConfirmScreen(t, t("end.title"), t("end.message"), t("end.confirm")), confirmed)

    def action_leave(self) -> None:
        """q: leave after a yes, as Ctrl+Q does without asking (drafts kept, the clock paused)."""
        t = self.t

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.call_later(self.app.action_quit)

        self.app.push_screen(ConfirmScreen(t, t("quit.title"), t("quit.message"), t("quit.confirm")), confirmed)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "report":
            return report_available()
        return True

    def action_report(self) -> None:
        path = getattr(getattr(self.session, "sink", None), "path", None)
        if path is None:
            return
        out = path.with_name(f"{path.stem}-report")
        language = self.t.language

        box, bar, stage = self.query_one("#report-progress"), self.query_one("#report-bar", ProgressBar), self.query_one("#report-stage", Label)

        def show(name: str, done: int, total: int) -> None:
            bar.update(total=total, progress=done)
            stage.update(self.t("console.report-progress", stage=self.t(f"console.report-stage.{name}"), done=done, total=total))

        def write() -> None:
            writer = report_writer()
            if writer is None:
                raise RuntimeError("drill.report is not installed")
            writer(self.session, out, language, progress=lambda *heard: self.app.call_from_thread(show, *heard))

        async def run() -> None:
            box.display = True
            stage.update(self.t("notice.report-writing"))
            bar.update(total=None, progress=0)
            worker = self.run_worker(write, thread=True, exit_on_error=False)
            try:
                await worker.wait()
            except Exception:  # noqa: BLE001 - shown to the facilitator
                error = worker.error
                said = error.text(self.t) if callable(getattr(error, "text", None)) else str(error)   # FontMissing
                self.notify(said, severity="error", timeout=12)
            else:
                self.notify(self.t("notice.report", path=str(out)), timeout=10)
            finally:
                box.display = False

        self.run_worker(run(), exit_on_error=False)


def header_lines(title: str, width: int) -> list[str]:
    """A board column's header: on one line if it fits, else wrapped onto two (Chinese between
    any two characters, other words at spaces), the second cut with an ellipsis, so that a
    narrow board reads "Đánh giá / ban đầu" instead of "Đánh g…"."""
    if cell_len(title) <= width:
        return [title]
    lines = [line.plain.strip() for line in wrap_cells(Text(title), width)]
    if len(lines) > 2:
        lines = [lines[0], clip(" ".join(lines[1:]), width)]
    return lines

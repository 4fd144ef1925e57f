"""A team's workspace: what just happened, what the team owes and by when, its drafts,
and the public feed (drill.tui.feed), where it watches the story spread.

Written against `TeamClient` only (drill.client), so the same screen serves a
team in this process (`drill run`) and one joining over the network.
"""

from __future__ import annotations

import unicodedata

from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Input, Label, OptionList, Select, Static, TextArea
from textual.message import Message
from textual.widgets.option_list import Option

from ..client import TeamClient
from ..engine import Refused
from ..engine.heat import PUBLIC_KINDS
from ..engine.views import TaskView, TeamView
from ..formats.prose import reflow
from ..i18n import Catalog
from .format import (
    STATUS_MARK, DrillInfo, channel_label, channel_tag, clock_state, clock_text, short_clock, span_text, speed_text, status_label,
)
from .draft import DraftArea
from .feed import PublicFeed
from .kept import KeptTyping, Typing
from .modals import ConfirmScreen
from .notices import NoticeBar
from .rejoin import KeptOrStored
from .widgets import FieldInput, KeyBar, Line, LocalizedScreen, StatusBar, Wrapped, heat_style, while_shown

STATUS_STYLE = {
    "not-started": "bold",
    "drafting": "cyan",
    "on-time": "green",
    "late": "yellow",
    "missed": "bold red",
    "not-open": "dim",
}


DRAFT_ROWS = 3   # the fewest rows the draft keeps beside a long prompt


SHORT = 50   # without a length floor in the rubric: fewer characters than this answer no task of a drill


def too_short(text: str, task: TaskView, t: Catalog) -> str | None:
    """A warning for the submit dialog when the text is shorter than the task's rubric asks
    (counted as the scorer counts: composed characters, the text alone), or than `SHORT`."""
    size = len(unicodedata.normalize("NFC", text.strip()))
    floor = task.min_length or SHORT
    if size >= floor:
        return None
    if task.min_length:
        return t("submit.short", chars=size, min=floor)
    return t("submit.very-short", chars=size)


def countdown(task: TaskView, now: float, info: DrillInfo, t: Catalog) -> str:
    """Time left to the due time (due_at - now), time overdue, or when it went in."""
    if task.submitted_at is not None:
        return t("task.submitted-at", time=short_clock(info, task.submitted_at))
    left = task.due_at - now
    if left >= 0:
        return t("task.left", span=span_text(left), due=short_clock(info, task.due_at))
    return t("task.overdue", span=span_text(-left))


def two_lines(mark: Text, first: Text, second: Text) -> Table:
    """A list entry: a one-cell mark, then a wrapped first line over a cropped second one."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(mark, Wrapped(first))   # Chinese line breaking, as everywhere text wraps
    grid.add_row("", second)
    return grid


class TaskEditor(Vertical):
    """The draft of one task: its prompt, its structured fields and the long text."""

    def __init__(self, task: TaskView, catalog: Catalog, kept: KeptTyping | None = None) -> None:
        super().__init__(id=f"task-{task.id}", classes="task-editor")
        self.display = False  # the content switcher shows it when chosen
        self.task_view = task
        self.t = catalog
        self.saved: tuple[str, dict[str, str]] = (task.draft, dict(task.draft_fields))
        self.refused: tuple[str, dict[str, str]] | None = None
        self.saved_at: float | None = None
        self.ready = False
        self.kept = kept
        self.keeping = False   # writing the typing to disk: only once the kept copy has been offered back

    def on_mount(self) -> None:
        self.ready = True
        self.text_area.move_cursor(self.text_area.document.end)   # to add to a draft, not to cut into it
        kept = self.kept.read(self.task_view.id) if self.kept is not None else None
        if kept is None or self.task_view.submitted_at is not None:
            self.keeping = True
        elif (kept.text, kept.fields) == self.current():
            self.put_cursor(kept.cursor)
            self.keeping = True
        else:
            self.post_message(self.KeptDiffers(self, kept))

    class KeptDiffers(Message):
        """This computer kept a draft other than the drill's: the screen asks which to keep."""

        def __init__(self, editor: TaskEditor, kept: Typing) -> None:
            super().__init__()
            self.editor, self.kept = editor, kept

    def put_cursor(self, cursor: tuple[int, int] | None) -> None:
        """Where the cursor was when the typing was kept, if it is still inside the text."""
        document = self.text_area.document
        if cursor is not None and 0 <= cursor[0] < document.line_count and 0 <= cursor[1] <= len(document[cursor[0]]):
            self.text_area.move_cursor(cursor)

    def take(self, kept: Typing) -> None:
        """Put the kept typing back: text, fields and cursor; the next save sends it."""
        self.text_area.load_text(kept.text)
        for field in self.task_view.fields:
            value = kept.fields.get(field.id, "")
            widget = self.query_one(f"#field-{field.id}")
            if isinstance(widget, Select):
                widget.value = value if value in (field.choices or ()) else Select.NULL
            else:
                widget.value = value
        self.text_area.move_cursor(self.text_area.document.end)
        self.put_cursor(kept.cursor)
        self.keeping = True
        self.keep()

    def keep(self) -> None:
        """Write the draft as it stands, with the cursor, to this computer's disk."""
        if self.kept is not None and self.keeping and self.ready and not self.text_area.read_only:
            text, fields = self.current()
            self.kept.write(self.task_view.id, Typing(text, fields, self.text_area.cursor_location))

    def on_resize(self) -> None:
        """The prompt is shown whole (what the rubric scores is in it): the draft gives way,
        down to `DRAFT_ROWS` rows; only a prompt taller than that leaves needs scrolling."""
        fixed = sum(row.outer_size.height for row in self.query(".form-row")) + 1 + DRAFT_ROWS + 2   # state line, border
        self.query_one(".task-prompt").styles.max_height = max(3, self.size.height - fixed)

    @on(TextArea.Changed)
    @on(TextArea.SelectionChanged)
    @on(Input.Changed)
    @on(Select.Changed)
    def _typed(self) -> None:
        self.keep()

    def compose(self) -> ComposeResult:
        task, t = self.task_view, self.t
        prompt = Text()
        prompt.append(task.title, style="bold")
        prompt.append(f"  ({t(f'kind.{task.kind}')})\n", style="dim")
        prompt.append(reflow(task.prompt))
        with VerticalScroll(classes="task-prompt"):
            yield Static(Wrapped(prompt))
        for field in task.fields:
            value = task.draft_fields.get(field.id, "")
            with Horizontal(classes="form-row"):
                yield Label(field.label, classes="form-label")
                if field.choices:
                    yield Select([(c, c) for c in field.choices], value=value if value in field.choices else Select.NULL,
                                 prompt=t("field.choose"), compact=True, id=f"field-{field.id}", classes="task-field")
                else:
                    yield FieldInput(value, compact=True, id=f"field-{field.id}", classes="task-field")
        draft = DraftArea(task.draft, soft_wrap=True, id=f"draft-{task.id}", classes="draft")
        draft.border_title = t("editor.draft-label")  # a framed box of its own, apart from the prompt
        yield draft
        yield Line(classes="task-state")

    @property
    def text_area(self) -> TextArea:
        return self.query_one(TextArea)

    def current(self) -> tuple[str, dict[str, str]]:
        """The draft as typed: text and the fields that have a value."""
        if not self.ready:
            return self.saved
        fields: dict[str, str] = {}
        for field in self.task_view.fields:
            widget = self.query_one(f"#field-{field.id}")
            value = widget.value
            if value is not Select.NULL and value not in (None, ""):
                fields[field.id] = str(value)
        return self.text_area.text, fields

    @property
    def unsaved(self) -> bool:
        return self.current() != self.saved

    def set_locked(self, locked: bool) -> None:
        self.text_area.read_only = locked
        for widget in self.query(".task-field"):
            widget.disabled = locked

    def show_state(self, task: TaskView, ended: bool, info: DrillInfo) -> None:
        t = self.t
        self.task_view = task
        if not self.ready:
            return
        locked = task.submitted_at is not None or ended
        if self.text_area.read_only != locked:
            self.set_locked(locked)
        text = self.text_area.text
        if task.submitted_at is not None:
            state = t("editor.submitted", time=short_clock(info, task.submitted_at), status=status_label(task.status, t))
        elif ended:
            state = t("editor.ended")
        elif self.unsaved:
            state = t("editor.unsaved")
        elif self.saved_at is not None:
            state = t("editor.saved", time=short_clock(info, self.saved_at))
        else:
            state = t("editor.ready")
        self.query_one(".task-state", Line).show(Text(t("editor.state", state=state, chars=len(text))))


class TeamScreen(LocalizedScreen):
    """One team's workspace."""

    AUTO_FOCUS = "#tasks"   # the brief instead, before the clock has started (on_mount)
    BINDINGS = [
        Binding("f4", "brief", "key.brief", priority=True),
        Binding("enter", "open_task", "key.open-task"),
        Binding("f5", "focus_feed", "key.feed", priority=True),
        Binding("f6", "focus_tasks", "key.tasks", priority=True),
        Binding("f7", "focus_draft", "key.draft", priority=True),
        Binding("f8", "public_feed", "key.public", priority=True),
        Binding("ctrl+s", "save", "key.save"),
        Binding("ctrl+g", "submit", "key.submit"),
    ]

    def __init__(self, client: TeamClient, catalog: Catalog, info: DrillInfo, kept: KeptTyping | None = None) -> None:
        super().__init__(catalog, name=f"team:{client.team}", classes="team-screen")
        self.client = client
        self.kept = kept   # a joined team's typing, kept on its own disk as it is typed
        self.info = info
        self.view: TeamView = client.view()
        self.known: set[str] = {d.inject for d in self.view.injects}  # deliveries already shown
        self.unread: list[str] = []
        self.current_task: str | None = None
        self._signature: tuple | None = None
        self._prompts: dict[str, tuple | None] = {}
        self._unannounced: list = []
        self._feed_title = ""
        self._told_ended = False   # the "drill ended" notice, given once
        self.AUTO_FOCUS = "#brief" if self._before_start() else "#tasks"
        client.on_change(self._changed)

    # ----- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        t = self.t
        yield StatusBar(id="status")
        with Horizontal(id="workspace"):
            with Vertical(id="left"):
                yield Label(t("team.injects"), classes="pane-title", id="feed-title")
                yield OptionList(id="feed")
                yield Label(t("team.tasks"), classes="pane-title", id="tasks-title")
                yield OptionList(id="tasks")
            with ContentSwitcher(id="right", initial="brief"):
                with VerticalScroll(id="brief", classes="reading"):
                    yield Static(id="brief-text")
                with VerticalScroll(id="reader", classes="reading"):
                    yield Static(id="reader-text")
                yield PublicFeed(self.t, self.info, id="public")
        yield NoticeBar()
        yield KeyBar(compact=True)

    def on_mount(self) -> None:
        """A team opens on its brief until the clock starts (Enter then opens its first
        task); once the drill is under way, on its task list."""
        self.query_one("#brief-text", Static).update(Wrapped(self._brief_text()))
        self.refresh_live()
        before = self._before_start()   # asked again: the screen may be shown long after it was made
        self.AUTO_FOCUS = "#brief" if before else "#tasks"
        self.call_after_refresh(self.action_brief if before else self.action_focus_tasks)

    def _before_start(self) -> bool:
        """The clock has not started yet: it stands at 0 and only moves once started."""
        view = self.view = self.client.view()
        return not view.running and view.now == 0

    # ----- keeping up with the drill ---------------------------------------------------------

    def _changed(self) -> None:
        """The client says something this team may see has changed."""
        self._signature = None
        self.schedule_refresh()

    @while_shown
    def refresh_live(self) -> None:
        """Redraw from a fresh view: called on every change and a few times a second."""
        self._scheduled = False
        if not self.is_mounted:
            return
        view = self.view = self.client.view()
        signature = (
            tuple(d.inject for d in view.injects), tuple((k.id, k.status) for k in view.tasks),
            len(view.facts), view.ended,
        )
        if view.ended and not self._told_ended:
            self._told_ended = True
            self.notify(self.t("notice.team-drill-ended"), title=view.name, severity="warning", timeout=30)
            self.app.bell()
        if signature != self._signature:
            self._signature = signature
            self._new_injects(view)
            self._fill_feed(view)
            self._fill_tasks(view)
            self.query_one("#brief-text", Static).update(Wrapped(self._brief_text()))
            self.refresh_bindings()   # Enter on the brief opens a task once one is open
        self._show_countdowns(view)
        self._show_status(view)
        if self.query_one("#right", ContentSwitcher).current == "public":
            self._show_public(view)
        editor = self._editor(self.current_task)
        if editor is not None:
            task = next((k for k in view.tasks if k.id == editor.task_view.id), editor.task_view)
            editor.show_state(task, view.ended, self.info)

    def _new_injects(self, view: TeamView) -> None:
        fresh = [d for d in reversed(view.injects) if d.inject not in self.known]
        for delivery in fresh:
            self.known.add(delivery.inject)
            self.unread.append(delivery.inject)
        self._unannounced.extend(fresh)
        if self._unannounced and self.is_current:
            self._announce(self._unannounced)
            self._unannounced = []

    def _announce(self, deliveries) -> None:
        t = self.t
        if len(deliveries) > 3:
            self.notify(t("notice.unread", n=len(deliveries)), title=self.view.name, severity="warning", timeout=10)
        for delivery in deliveries[-3:]:
            sender = f" — {delivery.sender}" if delivery.sender else ""
            self.notify(f"{channel_tag(delivery.channel, t)}{delivery.title}{sender}",
                        title=f"{self.view.name} · {t('notice.new-inject')}", severity="warning", timeout=10, markup=False)
        self.app.bell()

    def on_screen_resume(self) -> None:
        """Back on this team: what arrived meanwhile is announced now."""
        self._signature = None
        self.refresh_live()

    async def on_screen_suspend(self) -> None:
        await self.save_all()

    def _show_status(self, view: TeamView) -> None:
        t = self.t
        left = Text(view.name, style="bold")
        middle = Text.assemble(
            (clock_text(self.info, view.now, t), "bold"), "  ",
            (clock_state(view.running, view.ended, t), "green" if view.running else "yellow"), " ",
            speed_text(view.speed),
        )
        right = Text.assemble((t("status.heat", heat=f"{view.heat:.0f}"), heat_style(view.heat)))
        if view.team_heat is not None:  # under a per-team model: the heat this team's handling earned
            right.append(" · ", style="dim")
            right.append(t("status.team-heat", heat=f"{view.team_heat:.0f}"), style=heat_style(view.team_heat))
        if self.unread:
            right.append("  ")
            right.append(t("status.new", n=len(self.unread)), style="bold reverse yellow")
        self.query_one(StatusBar).show(left, middle, right)
        title = t("team.injects") + (f"  {t('status.new', n=len(self.unread))}" if self.unread else "")
        if title != self._feed_title:
            self._feed_title = title
            self.query_one("#feed-title", Label).update(title)

    def _feed_prompt(self, delivery) -> Table:
        """The title (wrapped) beside an unread mark, then time, channel and sender on one cropped line."""
        t = self.t
        unread = delivery.inject in self.unread
        meta = Text(no_wrap=True, overflow="ellipsis")
        meta.append(short_clock(self.info, delivery.at) + " ", style="bold")
        meta.append(channel_label(delivery.channel, t), style="cyan")
        if delivery.sender:
            meta.append(f" · {delivery.sender}", style="dim")
        return two_lines(Text("●" if unread else "", style="bold yellow"), Text(delivery.title, style="bold" if unread else ""), meta)

    def _fill_feed(self, view: TeamView) -> None:
        feed = self.query_one("#feed", OptionList)
        highlighted = feed.highlighted_option.id if feed.highlighted_option else None
        feed.set_options(Option(self._feed_prompt(d), id=d.inject) for d in view.injects)
        if highlighted is None and feed.option_count:
            feed.highlighted = 0
        elif highlighted is not None:
            try:
                feed.highlighted = feed.get_option_index(highlighted)
            except Exception:  # noqa: BLE001 - the option is gone
                pass

    def _task_prompt(self, task: TaskView, view: TeamView) -> Table:
        t = self.t
        style = STATUS_STYLE.get(task.status, "")
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(status_label(task.status, t), style=style)
        line.append(" · ", style="dim")
        line.append(countdown(task, view.now, self.info, t), style=style if task.status == "missed" else "")
        return two_lines(Text(STATUS_MARK.get(task.status, ""), style=style), Text(task.title, style="bold"), line)

    def _fill_tasks(self, view: TeamView) -> None:
        tasks = self.query_one("#tasks", OptionList)
        highlighted = tasks.highlighted_option.id if tasks.highlighted_option else None
        tasks.set_options(Option(self._task_prompt(task, view), id=task.id) for task in view.tasks)
        self._prompts = {task.id: None for task in view.tasks}
        switcher = self.query_one("#right", ContentSwitcher)
        for task in view.tasks:
            if self._editor(task.id) is None:
                switcher.mount(TaskEditor(task, self.t, self.kept))
        if highlighted is not None:
            tasks.highlighted = tasks.get_option_index(highlighted)
        elif tasks.option_count:
            tasks.highlighted = 0

    def _show_countdowns(self, view: TeamView) -> None:
        tasks = self.query_one("#tasks", OptionList)
        for index, task in enumerate(view.tasks):
            if index < tasks.option_count:
                shown = (task.status, countdown(task, view.now, self.info, self.t))
                if self._prompts.get(task.id) != shown:
                    self._prompts[task.id] = shown
                    tasks.replace_option_prompt_at_index(index, self._task_prompt(task, view))

    def _show_public(self, view: TeamView) -> None:
        """The public feed, with the team's own public texts (the kinds that move heat) marked."""
        marks = [k.submitted_at for k in view.tasks if k.kind in PUBLIC_KINDS and k.submitted_at is not None]
        self.query_one(PublicFeed).show(view, marks)

    def _brief_text(self) -> Text:
        t, view = self.t, self.view
        text = Text()
        text.append(view.name + "\n", style="bold")
        if view.tasks:
            text.append(t("team.open-task", task=self._chosen_task(view).title) + "\n", style="reverse")
        else:
            text.append(t("team.tasks-soon") + "\n", style="dim")
        text.append("\n" + (reflow(view.brief) or t("team.no-brief")) + "\n\n")
        text.append(t("team.facts") + "\n", style="bold underline")
        if view.facts:
            for fact in view.facts:
                text.append(f"• {reflow(fact.text)}\n")
        else:
            text.append(t("team.no-facts") + "\n", style="dim")
        text.append("\n" + t("team.drill") + "\n", style="bold underline")
        text.append(self.info.title + "\n", style="bold")
        text.append(reflow(self.info.summary) + "\n")
        return text

    def _chosen_task(self, view: TeamView) -> TaskView:
        """The task Enter opens from the brief: the one highlighted in the list, at first the first."""
        tasks = self.query_one("#tasks", OptionList)
        chosen = tasks.highlighted_option.id if tasks.highlighted_option else None
        return next((task for task in view.tasks if task.id == chosen), view.tasks[0])

    def _reader_text(self, inject_id: str) -> Text:
        t = self.t
        delivery = next((d for d in self.view.injects if d.inject == inject_id), None)
        text = Text()
        if delivery is None:
            return text
        text.append(delivery.title + "\n", style="bold")
        text.append(f"{clock_text(self.info, delivery.at, t)} · {channel_label(delivery.channel, t)}", style="cyan")
        if delivery.sender:
            text.append(f" · {delivery.sender}", style="dim")
        text.append("\n\n")
        text.append(reflow(delivery.body))
        return text

    # ----- showing things on the right ----------------------------------------------------------

    def _editor(self, task_id: str | None) -> TaskEditor | None:
        if task_id is None:
            return None
        found = self.query(f"#task-{task_id}")
        return found.first() if found else None

    def show_inject(self, inject_id: str) -> None:
        self.query_one("#reader-text", Static).update(Wrapped(self._reader_text(inject_id)))
        self.query_one("#right", ContentSwitcher).current = "reader"
        self.query_one("#reader", VerticalScroll).scroll_home(animate=False)
        if inject_id in self.unread:
            self.unread.remove(inject_id)
            feed = self.query_one("#feed", OptionList)
            delivery = next(d for d in self.view.injects if d.inject == inject_id)
            feed.replace_option_prompt(inject_id, self._feed_prompt(delivery))
            self._show_status(self.view)

    async def show_task(self, task_id: str) -> None:
        if task_id != self.current_task:
            await self.save_current()
        editor = self._editor(task_id)
        if editor is None:
            return
        self.current_task = task_id
        self.query_one("#right", ContentSwitcher).current = editor.id
        task = next((k for k in self.view.tasks if k.id == task_id), editor.task_view)
        editor.show_state(task, self.view.ended, self.info)

    @on(OptionList.OptionHighlighted, "#feed")
    def _feed_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.has_focus and event.option.id:
            self.show_inject(event.option.id)

    @on(OptionList.OptionSelected, "#feed")
    def _feed_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.show_inject(event.option.id)
            self.query_one("#reader").focus()

    @on(OptionList.OptionHighlighted, "#tasks")
    async def _task_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.has_focus and event.option.id:
            await self.show_task(event.option.id)

    @on(OptionList.OptionSelected, "#tasks")
    async def _task_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            await self.show_task(event.option.id)
            self.action_focus_draft()

    async def on_key(self, event: events.Key) -> None:
        """Typing that no text box took (the focus was on a list, a reading pane, or left the
        draft with Tab) goes into the draft of the chosen task, never nowhere."""
        if event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            await self._type_into_draft(event.character)

    async def on_paste(self, event: events.Paste) -> None:
        if event.text:
            event.stop()
            await self._type_into_draft(event.text)

    async def _type_into_draft(self, text: str) -> None:
        if self.current_task is None:
            tasks = self.query_one("#tasks", OptionList)
            if tasks.highlighted_option is not None and tasks.highlighted_option.id:
                await self.show_task(tasks.highlighted_option.id)
        editor = self._editor(self.current_task)
        if editor is None or not editor.ready or not editor.query(TextArea):
            self.notify(self.t("team.choose-task"), severity="warning")
            return
        if editor.text_area.read_only:
            self.notify(self.t("team.draft-locked", task=editor.task_view.title), severity="warning")
            return
        self.action_focus_draft()
        editor.text_area.insert(text)

    def on_descendant_focus(self, event) -> None:
        widget = event.widget
        if isinstance(widget, OptionList) and widget.highlighted_option is not None:
            option_id = widget.highlighted_option.id
            if widget.id == "feed":
                self.show_inject(option_id)
            elif widget.id == "tasks":
                self.run_worker(self.show_task(option_id), group="show-task")

    # ----- drafts -----------------------------------------------------------------------

    @on(TaskEditor.KeptDiffers)
    def _kept_differs(self, message: TaskEditor.KeptDiffers) -> None:
        """Offer back the typing this computer kept; the drill's copy is on screen meanwhile."""
        editor, kept = message.editor, message.kept

        dialog = KeptOrStored(self.t, editor.task_view.title, kept.text, editor.current()[0])

        def chosen(keep: bool | None) -> None:
            if keep:
                editor.take(kept)
                self.run_worker(self.save_editor(editor), group="kept")
            else:
                editor.keeping = True
                editor.keep()
            if dialog.typed:   # typed while the dialog was open: into the draft chosen, at its cursor
                editor.text_area.insert(dialog.typed)

        self.app.push_screen(dialog, chosen)

    async def save_editor(self, editor: TaskEditor) -> bool | None:
        """Keep the editor's draft in the session if it changed; a refusal is shown once.
        True when the drill has it, None when it is kept only on this computer, False if refused."""
        if not editor.ready or not editor.query(TextArea) or editor.text_area.read_only:
            return True  # not drawn yet (an autosave tick can come first), or locked
        draft = editor.current()
        if draft == editor.saved:
            return True
        try:
            stored = await self.client.save_draft(editor.task_view.id, draft[0], draft[1])
        except Refused as refusal:
            if draft != editor.refused:
                editor.refused = draft
                self.notify(refusal.text(self.t), severity="error", timeout=6)
            return False
        if not stored:
            return None
        editor.saved = draft
        editor.saved_at = self.client.view().now
        return True

    async def save_current(self) -> None:
        editor = self._editor(self.current_task)
        if editor is not None and editor.is_mounted:
            await self.save_editor(editor)

    async def save_all(self) -> None:
        for editor in self.query(TaskEditor):
            await self.save_editor(editor)

    async def autosave(self) -> None:
        await self.save_current()
        self.refresh_live()

    async def action_save(self) -> None:
        editor = self._editor(self.current_task)
        if editor is None:
            self.notify(self.t("team.choose-task"), severity="warning")
            return
        saved = await self.save_editor(editor)
        if saved:
            self.notify(self.t("notice.saved", task=editor.task_view.title), timeout=3)
        elif saved is None:
            self.notify(self.t("notice.kept-locally", task=editor.task_view.title), severity="warning", timeout=6)
        self.refresh_live()

    async def action_submit(self) -> None:
        editor = self._editor(self.current_task)
        if editor is None:
            self.notify(self.t("team.choose-task"), severity="warning")
            return
        task = next((k for k in self.view.tasks if k.id == editor.task_view.id), editor.task_view)
        if task.submitted_at is not None:
            # Already in: ask the engine anyway, so the team reads its reason.
            await self._send(editor)
            return
        await self.save_editor(editor)
        text, fields = editor.current()
        message = self.t("submit.confirm", task=task.title, chars=len(text))
        blank = [f.label for f in editor.task_view.fields if not fields.get(f.id, "").strip()]
        if blank:  # a field left empty scores nothing, and after submitting it cannot be filled
            message += "\n\n" + self.t("submit.blank-fields", fields=self.t("console.list-sep").join(blank))
        short = too_short(text, task, self.t)
        if short is not None:  # a warning, never a refusal: the team may have its reasons
            message += "\n\n" + short

        dialog = ConfirmScreen(self.t, self.t("submit.title"), message, self.t("submit.confirm-button"))

        async def confirmed(yes: bool | None) -> None:
            if yes:
                await self._send(editor)
            if dialog.typed:   # typed on while the dialog was open: back into the draft, or said if it is locked
                await self._type_into_draft(dialog.typed)

        self.app.push_screen(dialog, confirmed)

    async def _send(self, editor: TaskEditor) -> None:
        text, fields = editor.current()
        try:
            await self.client.submit(editor.task_view.id, text, fields)
        except Refused as refusal:
            self.notify(refusal.text(self.t), title=self.t("notice.refused"), severity="error", timeout=8)
            return
        editor.saved = (text, fields)
        if self.kept is not None:
            self.kept.forget(editor.task_view.id)
        self.notify(self.t("notice.submitted", task=editor.task_view.title), severity="information", timeout=6)
        self._signature = None
        self.refresh_live()

    # ----- keys -------------------------------------------------------------------------------

    def action_brief(self) -> None:
        self.query_one("#brief-text", Static).update(Wrapped(self._brief_text()))
        self.query_one("#right", ContentSwitcher).current = "brief"
        self.query_one("#brief").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_task":   # Enter on the brief; elsewhere Enter is the focused widget's
            return self.focused is not None and self.focused.id == "brief" and bool(self.view.tasks)
        return True

    async def action_open_task(self) -> None:
        """From the brief, straight into the draft of the task it names."""
        task = self._chosen_task(self.view)
        tasks = self.query_one("#tasks", OptionList)
        tasks.highlighted = tasks.get_option_index(task.id)
        await self.show_task(task.id)
        self.action_focus_draft()

    def action_focus_feed(self) -> None:
        self.query_one("#feed").focus()

    def action_focus_tasks(self) -> None:
        self.query_one("#tasks").focus()

    def action_public_feed(self) -> None:
        self._show_public(self.view)
        self.query_one("#right", ContentSwitcher).current = "public"
        self.query_one("#posts").focus()

    def action_focus_draft(self) -> None:
        editor = self._editor(self.current_task)
        if editor is None:
            self.notify(self.t("team.choose-task"), severity="warning")
            return
        self.query_one("#right", ContentSwitcher).current = editor.id
        editor.text_area.focus()

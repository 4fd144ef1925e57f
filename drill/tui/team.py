"""A team's workspace: what just happened, what the team owes and by when, and its drafts.

Written against `TeamClient` only (drill.client), so the same screen serves a
team in this process (`drill run`) and one joining over the network.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from ..client import TeamClient
from ..engine import Refused
from ..engine.views import TaskView, TeamView
from ..i18n import Catalog
from .format import (
    STATUS_MARK, DrillInfo, channel_label, clock_state, clock_text, short_clock, span_text, speed_text, status_label,
)
from .modals import ConfirmScreen
from .widgets import KeyBar, LocalizedScreen, StatusBar, heat_style

STATUS_STYLE = {
    "not-started": "bold",
    "drafting": "cyan",
    "on-time": "green",
    "late": "yellow",
    "missed": "bold red",
    "not-open": "dim",
}


def countdown(task: TaskView, now: float, info: DrillInfo, t: Catalog) -> str:
    """Time left to the due time (due_at - now), time overdue, or when it went in."""
    if task.submitted_at is not None:
        return t("task.submitted-at", time=short_clock(info, task.submitted_at))
    left = task.due_at - now
    if left >= 0:
        return t("task.left", span=span_text(left), due=short_clock(info, task.due_at))
    return t("task.overdue", span=span_text(-left))


class TaskEditor(Vertical):
    """The draft of one task: its prompt, its structured fields and the long text."""

    def __init__(self, task: TaskView, catalog: Catalog) -> None:
        super().__init__(id=f"task-{task.id}", classes="task-editor")
        self.task = task
        self.t = catalog
        self.saved: tuple[str, dict[str, str]] = (task.draft, dict(task.draft_fields))
        self.refused: tuple[str, dict[str, str]] | None = None
        self.saved_at: float | None = None

    def compose(self) -> ComposeResult:
        task, t = self.task, self.t
        prompt = Text()
        prompt.append(task.title, style="bold")
        prompt.append(f"  ({t(f'kind.{task.kind}')})\n", style="dim")
        prompt.append(task.prompt)
        with VerticalScroll(classes="task-prompt"):
            yield Static(prompt)
        for field in task.fields:
            value = task.draft_fields.get(field.id, "")
            with Horizontal(classes="form-row"):
                yield Label(field.label, classes="form-label")
                if field.choices:
                    yield Select([(c, c) for c in field.choices], value=value if value in field.choices else Select.NULL,
                                 prompt=t("field.choose"), compact=True, id=f"field-{field.id}", classes="task-field")
                else:
                    yield Input(value, compact=True, id=f"field-{field.id}", classes="task-field")
        yield TextArea(task.draft, soft_wrap=True, id=f"draft-{task.id}", classes="draft")
        yield Static("", classes="task-state")

    @property
    def text_area(self) -> TextArea:
        return self.query_one(TextArea)

    def current(self) -> tuple[str, dict[str, str]]:
        """The draft as typed: text and the fields that have a value."""
        fields: dict[str, str] = {}
        for field in self.task.fields:
            widget = self.query_one(f"#field-{field.id}")
            value = widget.value
            if value is not Select.NULL and value not in (None, ""):
                fields[field.id] = str(value)
        return self.text_area.text, fields

    @property
    def unsaved(self) -> bool:
        return self.current() != self.saved

    def lock(self, locked: bool) -> None:
        self.text_area.read_only = locked
        for widget in self.query(".task-field"):
            widget.disabled = locked

    def show_state(self, task: TaskView, ended: bool, info: DrillInfo) -> None:
        t = self.t
        self.task = task
        locked = task.submitted_at is not None or ended
        if self.text_area.read_only != locked:
            self.lock(locked)
        text = self.text_area.text
        if task.submitted_at is not None:
            state = t("editor.submitted", time=short_clock(info, task.submitted_at), status=status_label(task.status, t))
        elif ended:
            state = t("editor.ended")
        elif self.current() != self.saved:
            state = t("editor.unsaved")
        elif self.saved_at is not None:
            state = t("editor.saved", time=short_clock(info, self.saved_at))
        else:
            state = t("editor.ready")
        self.query_one(".task-state", Static).update(t("editor.state", state=state, chars=len(text)))


class TeamScreen(LocalizedScreen):
    """One team's workspace."""

    AUTO_FOCUS = "#tasks"
    BINDINGS = [
        Binding("f4", "brief", "key.brief"),
        Binding("f5", "focus_feed", "key.feed"),
        Binding("f6", "focus_tasks", "key.tasks"),
        Binding("f7", "focus_draft", "key.draft"),
        Binding("ctrl+s", "save", "key.save"),
        Binding("ctrl+g", "submit", "key.submit"),
    ]

    def __init__(self, client: TeamClient, catalog: Catalog, info: DrillInfo) -> None:
        super().__init__(catalog, name=f"team:{client.team}", classes="team-screen")
        self.client = client
        self.info = info
        self.view: TeamView = client.view()
        self.known: set[str] = {d.inject for d in self.view.injects}  # deliveries already shown
        self.unread: list[str] = []
        self.current_task: str | None = None
        self._signature: tuple | None = None
        self._scheduled = False
        self._prompts: dict[str, str | None] = {}
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
        yield KeyBar(compact=True)

    def on_mount(self) -> None:
        self.query_one("#brief-text", Static).update(self._brief_text())
        self.refresh_live()

    # ----- keeping up with the drill ---------------------------------------------------------

    def _changed(self) -> None:
        """The client says something this team may see has changed."""
        self._signature = None
        if self.is_mounted and not self._scheduled:
            self._scheduled = True
            self.call_later(self.refresh_live)

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
        if signature != self._signature:
            self._signature = signature
            self._new_injects(view)
            self._fill_feed(view)
            self._fill_tasks(view)
            self.query_one("#brief-text", Static).update(self._brief_text())
        self._show_countdowns(view)
        self._show_status(view)
        editor = self._editor(self.current_task)
        if editor is not None:
            task = next((k for k in view.tasks if k.id == editor.task.id), editor.task)
            editor.show_state(task, view.ended, self.info)

    def _new_injects(self, view: TeamView) -> None:
        fresh = [d for d in reversed(view.injects) if d.inject not in self.known]
        for delivery in fresh:
            self.known.add(delivery.inject)
            self.unread.append(delivery.inject)
        if fresh and self.is_current:
            self._announce(fresh)

    def _announce(self, deliveries) -> None:
        t = self.t
        for delivery in deliveries[-3:]:
            sender = f" — {delivery.sender}" if delivery.sender else ""
            self.notify(f"[{channel_label(delivery.channel, t)}] {delivery.title}{sender}",
                        title=t("notice.new-inject"), severity="warning", timeout=10, markup=False)
        self.app.bell()

    def on_screen_resume(self) -> None:
        self._signature = None
        self.refresh_live()
        if self.unread:
            self.notify(self.t("notice.unread", n=len(self.unread)), title=self.view.name, severity="warning", timeout=6)

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
        right = Text.assemble((t("status.heat", heat=view.heat), heat_style(view.heat)))
        if self.unread:
            right.append("  ")
            right.append(t("status.new", n=len(self.unread)), style="bold reverse yellow")
        self.query_one(StatusBar).show(left, middle, right)
        title = t("team.injects") + (f"  {t('status.new', n=len(self.unread))}" if self.unread else "")
        self.query_one("#feed-title", Label).update(title)

    def _feed_prompt(self, delivery) -> Text:
        t = self.t
        unread = delivery.inject in self.unread
        line = Text()
        line.append("● " if unread else "  ", style="bold yellow")
        line.append(short_clock(self.info, delivery.at), style="bold")
        line.append(f" {channel_label(delivery.channel, t)}", style="cyan")
        if delivery.sender:
            line.append(f" {delivery.sender}", style="dim")
        line.append("\n  ")
        line.append(delivery.title, style="bold" if unread else "")
        return line

    def _fill_feed(self, view: TeamView) -> None:
        feed = self.query_one("#feed", OptionList)
        highlighted = feed.highlighted_option.id if feed.highlighted_option else None
        feed.set_options(Option(self._feed_prompt(d), id=d.inject) for d in view.injects)
        if highlighted is not None:
            try:
                feed.highlighted = feed.get_option_index(highlighted)
            except Exception:  # noqa: BLE001 - the option is gone
                pass

    def _task_prompt(self, task: TaskView, view: TeamView) -> Text:
        t = self.t
        style = STATUS_STYLE.get(task.status, "")
        line = Text()
        line.append(task.title, style="bold")
        line.append("\n  ")
        line.append(f"{STATUS_MARK.get(task.status, '')} {status_label(task.status, t)}", style=style)
        line.append(" · ", style="dim")
        line.append(countdown(task, view.now, self.info, t), style=style if task.status == "missed" else "")
        return line

    def _fill_tasks(self, view: TeamView) -> None:
        tasks = self.query_one("#tasks", OptionList)
        highlighted = tasks.highlighted_option.id if tasks.highlighted_option else None
        tasks.set_options(Option(self._task_prompt(task, view), id=task.id) for task in view.tasks)
        self._prompts = {task.id: None for task in view.tasks}
        switcher = self.query_one("#right", ContentSwitcher)
        for task in view.tasks:
            if self._editor(task.id) is None:
                switcher.mount(TaskEditor(task, self.t))
        if highlighted is not None:
            tasks.highlighted = tasks.get_option_index(highlighted)

    def _show_countdowns(self, view: TeamView) -> None:
        tasks = self.query_one("#tasks", OptionList)
        for index, task in enumerate(view.tasks):
            if index < tasks.option_count:
                prompt = self._task_prompt(task, view)
                if self._prompts.get(task.id) != prompt.plain:
                    self._prompts[task.id] = prompt.plain
                    tasks.replace_option_prompt_at_index(index, prompt)

    def _brief_text(self) -> Text:
        t, view = self.t, self.view
        text = Text()
        text.append(view.name + "\n", style="bold")
        text.append((view.brief or t("team.no-brief")) + "\n\n")
        text.append(t("team.facts") + "\n", style="bold underline")
        if view.facts:
            for fact in view.facts:
                text.append(f"• {fact.text}\n")
        else:
            text.append(t("team.no-facts") + "\n", style="dim")
        text.append("\n" + t("team.drill") + "\n", style="bold underline")
        text.append(self.info.title + "\n", style="bold")
        text.append(self.info.summary + "\n")
        return text

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
        text.append(delivery.body)
        return text

    # ----- showing things on the right ----------------------------------------------------------

    def _editor(self, task_id: str | None) -> TaskEditor | None:
        if task_id is None:
            return None
        found = self.query(f"#task-{task_id}")
        return found.first() if found else None

    def show_inject(self, inject_id: str) -> None:
        self.query_one("#reader-text", Static).update(self._reader_text(inject_id))
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
        task = next((k for k in self.view.tasks if k.id == task_id), editor.task)
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

    def on_descendant_focus(self, event) -> None:
        widget = event.widget
        if isinstance(widget, OptionList) and widget.highlighted_option is not None:
            option_id = widget.highlighted_option.id
            if widget.id == "feed":
                self.show_inject(option_id)
            elif widget.id == "tasks":
                self.run_worker(self.show_task(option_id), group="show-task")

    # ----- drafts -----------------------------------------------------------------------

    async def save_editor(self, editor: TaskEditor) -> bool:
        """Keep the editor's draft in the session if it changed; a refusal is shown once."""
        if editor.text_area.read_only:
            return True
        draft = editor.current()
        if draft == editor.saved:
            return True
        try:
            await self.client.save_draft(editor.task.id, draft[0], draft[1])
        except Refused as refusal:
            if draft != editor.refused:
                editor.refused = draft
                self.notify(str(refusal), severity="error", timeout=6)
            return False
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
        if await self.save_editor(editor):
            self.notify(self.t("notice.saved", task=editor.task.title), timeout=3)
        self.refresh_live()

    async def action_submit(self) -> None:
        editor = self._editor(self.current_task)
        if editor is None:
            self.notify(self.t("team.choose-task"), severity="warning")
            return
        task = next((k for k in self.view.tasks if k.id == editor.task.id), editor.task)
        if task.submitted_at is not None:
            # Already in: ask the engine anyway, so the team reads its reason.
            await self._send(editor)
            return
        await self.save_editor(editor)
        text, fields = editor.current()
        message = self.t("submit.confirm", task=task.title, chars=len(text))

        async def confirmed(yes: bool | None) -> None:
            if yes:
                await self._send(editor)

        self.app.push_screen(ConfirmScreen(self.t, self.t("submit.title"), message, self.t("submit.confirm-button")), confirmed)

    async def _send(self, editor: TaskEditor) -> None:
        text, fields = editor.current()
        try:
            await self.client.submit(editor.task.id, text, fields)
        except Refused as refusal:
            self.notify(str(refusal), title=self.t("notice.refused"), severity="error", timeout=8)
            return
        editor.saved = (text, fields)
        self.notify(self.t("notice.submitted", task=editor.task.title), severity="information", timeout=6)
        self._signature = None
        self.refresh_live()

    # ----- keys -------------------------------------------------------------------------------

    def action_brief(self) -> None:
        self.query_one("#brief-text", Static).update(self._brief_text())
        self.query_one("#right", ContentSwitcher).current = "brief"
        self.query_one("#brief").focus()

    def action_focus_feed(self) -> None:
        self.query_one("#feed").focus()

    def action_focus_tasks(self) -> None:
        self.query_one("#tasks").focus()

    def action_focus_draft(self) -> None:
        editor = self._editor(self.current_task)
        if editor is None:
            self.notify(self.t("team.choose-task"), severity="warning")
            return
        self.query_one("#right", ContentSwitcher).current = editor.id
        editor.text_area.focus()

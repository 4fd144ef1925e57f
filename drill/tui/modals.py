"""Dialogs: confirmations, firing a held inject, writing an ad-hoc inject or a note,
reading a team's draft and scoring a criterion. Each returns what the user chose;
the screen that opened it sends the engine command."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Awaitable, Callable

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, OptionList, Select, SelectionList, Static, TextArea
from textual.widgets.option_list import Option

from ..i18n import Catalog
from .draft import DraftArea
from .notices import NoticeBar
from .widgets import Clipped, FieldInput, HeldTyping, KeyBar, LocalizedModal, Wrapped


class TwoWayDialog(HeldTyping, LocalizedModal):
    """A question with two answers, a button each: the first (`YES`) dismisses it with True,
    the second (`NO`) with False; a subclass binds its keys to the actions `yes` and `no`.
    What is typed meanwhile is held (HeldTyping)."""

    YES, NO = "yes", "no"                    # the buttons' ids
    YES_VARIANT = "primary"
    FOCUS: str | None = None                 # the button focused first; None: the first
    BOX = "dialog-box"                       # its classes in drill.tcss

    def __init__(self, catalog: Catalog, title: str, message: str | Text, yes: str, no: str) -> None:
        super().__init__(catalog, classes="dialog")
        self.title_text, self.message, self.labels = title, message, (yes, no)

    def compose(self) -> ComposeResult:
        with Vertical(classes=self.BOX):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(Wrapped(self.message), classes="dialog-message")   # no line begins with "。"
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.labels[0], variant=self.YES_VARIANT, id=self.YES)
                yield Button(self.labels[1], id=self.NO)
        yield NoticeBar()
        yield KeyBar(compact=True)

    def on_mount(self) -> None:
        self.query_one(f"#{self.FOCUS or self.YES}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id in (self.YES, self.NO):
            self.dismiss(event.button.id == self.YES)

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)


class ConfirmScreen(TwoWayDialog):
    """Yes or no, with the consequence spelled out; Esc or the focused button says no."""

    BINDINGS = [
        Binding("escape", "no", "key.cancel"),
        Binding("ctrl+y", "yes", "key.confirm"),
    ]
    YES, NO, YES_VARIANT, FOCUS = "confirm", "cancel", "warning", "cancel"

    def __init__(self, catalog: Catalog, title: str, message: str, confirm: str) -> None:
        super().__init__(catalog, title, message, confirm, catalog("dialog.cancel"))


@dataclass(frozen=True)
class Choice:
    id: str
    label: Text | str


class ChooseScreen(LocalizedModal):
    """Pick one item from a list (an inject to fire); a plain string in the list heads a group.
    Labels wrap like the rest of drill's Chinese text, between characters, so a long title
    goes on after what precedes it rather than alone on the next line."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel"), Binding("enter", "choose", "key.choose", priority=True)]

    def __init__(self, catalog: Catalog, title: str, choices: list[Choice | str], empty: str) -> None:
        super().__init__(catalog, classes="dialog")
        self.title_text, self.choices, self.empty = title, choices, empty

    def _option(self, choice: Choice | str) -> Option:
        if isinstance(choice, str):
            return Option(Text(choice, style="bold underline"), disabled=True)
        label = Text(choice.label) if isinstance(choice.label, str) else choice.label
        return Option(Group(*(Clipped(line, lines=4) for line in label.split("\n"))), id=choice.id)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Label(self.title_text, classes="dialog-title")
            if any(isinstance(c, Choice) for c in self.choices):
                yield OptionList(*(self._option(c) for c in self.choices), id="choices")
            else:
                yield Static(self.empty, classes="dialog-message")
        yield NoticeBar()
        yield KeyBar(compact=True)

    def action_choose(self) -> None:
        options = self.query(OptionList)
        if options and options.first().highlighted_option is not None:
            self.dismiss(options.first().highlighted_option.id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class AdhocInject:
    channel: str
    sender: str
    title: str
    body: str
    heat: str
    to: list[str]


class AdhocScreen(LocalizedModal):
    """Write an inject on the spot and choose the teams it reaches."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel"), Binding("ctrl+s", "send", "key.send")]

    def __init__(self, catalog: Catalog, channels: tuple[str, ...], teams: list[tuple[str, str]]) -> None:
        super().__init__(catalog, classes="dialog")
        self.channels, self.teams = channels, teams

    def compose(self) -> ComposeResult:
        t = self.t
        with VerticalScroll(classes="dialog-box wide tall"):
            yield Label(t("adhoc.title"), classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Label(t("adhoc.channel"), classes="form-label")
                yield Select([(t(f"channel.{c}"), c) for c in self.channels], value="message", allow_blank=False,
                             compact=True, id="adhoc-channel")
            with Horizontal(classes="form-row"):
                yield Label(t("adhoc.from"), classes="form-label")
                yield FieldInput(compact=True, id="adhoc-from")
            with Horizontal(classes="form-row"):
                yield Label(t("adhoc.subject"), classes="form-label")
                yield FieldInput(compact=True, id="adhoc-title")
            with Horizontal(classes="form-row"):
                yield Label(t("adhoc.heat"), classes="form-label")
                yield FieldInput("0", compact=True, id="adhoc-heat")
            yield Label(t("adhoc.body"), classes="form-label")
            yield TextArea(soft_wrap=True, id="adhoc-body", classes="adhoc-body")
            yield Label(t("adhoc.to"), classes="form-label")
            yield SelectionList(*((name, team_id, True) for team_id, name in self.teams), id="adhoc-to")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("adhoc.send"), variant="primary", id="send")
                yield Button(t("dialog.cancel"), id="cancel")
        yield NoticeBar()
        yield KeyBar(compact=True)

    def on_mount(self) -> None:
        self.query_one("#adhoc-title", Input).focus()

    @on(Button.Pressed, "#send")
    def action_send(self) -> None:
        self.dismiss(AdhocInject(
            channel=str(self.query_one("#adhoc-channel", Select).value),
            sender=self.query_one("#adhoc-from", Input).value,
            title=self.query_one("#adhoc-title", Input).value,
            body=self.query_one("#adhoc-body", TextArea).text,
            heat=self.query_one("#adhoc-heat", Input).value,
            to=list(self.query_one("#adhoc-to", SelectionList).selected),
        ))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class TextScreen(LocalizedModal):
    """Read a long text (a team's draft) without changing it."""

    BINDINGS = [Binding("escape", "close", "key.close")]

    def __init__(self, catalog: Catalog, title: str, header: str, text: str) -> None:
        super().__init__(catalog, classes="dialog")
        self.title_text, self.header, self.text = title, header, text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide tall"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(Wrapped(self.header), classes="dialog-message")
            yield DraftArea(self.text, read_only=True, soft_wrap=True, id="read-text")
        yield NoticeBar()
        yield KeyBar(compact=True)

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_close(self) -> None:
        self.dismiss(None)


class NoteScreen(LocalizedModal):
    """One line for the debrief."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, catalog: Catalog) -> None:
        super().__init__(catalog, classes="dialog")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Label(self.t("note.title"), classes="dialog-title")
            yield FieldInput(placeholder=self.t("note.placeholder"), id="note-text")
        yield NoticeBar()
        yield KeyBar(compact=True)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class ScoreEntry:
    score: str
    note: str
    action: str
    owner: str


class ScoreScreen(LocalizedModal):
    """An expert's level for a manual criterion, or an override of an automatic one."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel"), Binding("ctrl+s", "save", "key.save-score")]

    def __init__(self, catalog: Catalog, title: str, details: str, levels: dict[int, str] | None, current: str,
                 note: str = "", action: str = "", owner: str = "",
                 record: Callable[[ScoreEntry], Awaitable[str | None]] | None = None) -> None:
        super().__init__(catalog, classes="dialog")
        self.title_text, self.details, self.levels = title, details, levels
        self.current, self.note, self.action, self.owner = current, note, action, owner
        self.record = record  # keeps the score; returns why not, and the dialog stays open with all typed

    def compose(self) -> ComposeResult:
        t = self.t
        with VerticalScroll(classes="dialog-box wide tall"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(Wrapped(self.details), classes="dialog-message")
            with Horizontal(classes="form-row"):
                if self.levels is not None:
                    yield Label(t("score.level"), classes="form-label")
                    options = [(f"{level} — {text}", str(level)) for level, text in sorted(self.levels.items(), reverse=True)]
                    yield Select(options, value=self.current if self.current in dict((v, v) for _, v in options) else Select.NULL,
                                 prompt=t("field.choose"), compact=True, id="score-value")
                else:
                    yield Label(t("score.fraction"), classes="form-label")
                    yield FieldInput(self.current, placeholder="0 … 1", compact=True, id="score-value")
            with Horizontal(classes="form-row"):
                yield Label(t("score.note"), classes="form-label")
                yield DraftArea(self.note, soft_wrap=True, id="score-note", classes="score-note")   # lines, not one sideways-scrolling row
            with Horizontal(classes="form-row"):
                yield Label(t("score.action"), classes="form-label")
                yield FieldInput(self.action, compact=True, id="score-action")
            with Horizontal(classes="form-row"):
                yield Label(t("score.owner"), classes="form-label")
                yield FieldInput(self.owner, compact=True, id="score-owner")
            yield Static("", id="score-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("score.save"), variant="primary", id="save")
                yield Button(t("dialog.cancel"), id="cancel")
        yield NoticeBar()
        yield KeyBar(compact=True)

    def on_mount(self) -> None:
        note = self.query_one("#score-note", TextArea)
        note.move_cursor(note.document.end)   # to add to one's earlier note, not to cut into it
        self.query_one("#score-value").focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    async def action_save(self) -> None:
        value = self.query_one("#score-value")
        score = "" if isinstance(value, Select) and value.value is Select.NULL else str(value.value).strip()
        entry = ScoreEntry(score, self.query_one("#score-note", TextArea).text,
                           self.query_one("#score-action", Input).value, self.query_one("#score-owner", Input).value)
        problem = await self.record(entry) if self.record is not None else None
        if problem:
            error = self.query_one("#score-error", Static)
            error.update(problem)
            error.display = True
            value.focus()
            return
        self.dismiss(entry)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

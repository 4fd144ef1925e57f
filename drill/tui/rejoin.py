"""When a team rejoins and its computer kept a draft the drill does not hold: which to keep.

The kept typing (drill.tui.kept) is usually the server's draft plus the last seconds
typed before the terminal died; it can also be older, or another seat of the same
team may have written meanwhile. Neither is spliced into the other or dropped
without a word: the team sees the end of both and chooses.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from ..i18n import Catalog
from .notices import NoticeBar
from .widgets import HeldTyping, KeyBar, LocalizedModal, Wrapped

TAIL = 80   # characters of each version shown: where they differ is nearly always the end


def tail(text: str) -> str:
    """The last characters of a draft, as the team last saw them."""
    text = text.rstrip()
    return text if len(text) <= TAIL else "…" + text[-TAIL:]


class KeptOrStored(HeldTyping, LocalizedModal):
    """Keep what this computer kept (True) or take the drill's copy (False). No Esc: either
    way one version goes, so the team says which. What is typed meanwhile is held (HeldTyping)."""

    BINDINGS = [Binding("ctrl+y", "keep", "key.kept-keep"), Binding("ctrl+t", "take", "key.kept-take")]

    def __init__(self, catalog: Catalog, task: str, kept: str, stored: str) -> None:
        super().__init__(catalog, classes="dialog")
        self.task_title, self.kept, self.stored = task, kept, stored

    def compose(self) -> ComposeResult:
        t = self.t
        message = Text(t("kept.message", task=self.task_title) + "\n\n")
        message.append(t("kept.here", chars=len(self.kept)) + "\n", style="bold")
        message.append(tail(self.kept) + "\n\n")
        message.append(t("kept.server", chars=len(self.stored)) + "\n", style="bold")
        message.append((tail(self.stored) or t("kept.empty")) + "\n")
        with Vertical(classes="dialog-box wide"):
            yield Label(t("kept.title"), classes="dialog-title")
            yield Static(Wrapped(message), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("kept.keep"), variant="primary", id="keep")
                yield Button(t("kept.take"), id="take")
        yield NoticeBar()
        yield KeyBar(compact=True)

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#take")
    def action_take(self) -> None:
        self.dismiss(False)

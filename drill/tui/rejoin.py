"""When a team rejoins and its computer kept a draft the drill does not hold: which to keep.

The kept typing (drill.tui.kept) is usually the server's draft plus the last seconds
typed before the terminal died; it can also be older, or another seat of the same
team may have written meanwhile. Neither is spliced into the other or dropped
without a word: the team sees the end of both and chooses.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from ..i18n import Catalog
from .modals import TwoWayDialog

TAIL = 80   # characters of each version shown: where they differ is nearly always the end


def tail(text: str) -> str:
    """The last characters of a draft, as the team last saw them."""
    text = text.rstrip()
    return text if len(text) <= TAIL else "…" + text[-TAIL:]


class KeptOrStored(TwoWayDialog):
    """Keep what this computer kept (True) or take the drill's copy (False). No Esc: either
    way one version goes, so the team says which. What is typed meanwhile is held (HeldTyping)."""

    BINDINGS = [Binding("ctrl+y", "yes", "key.kept-keep"), Binding("ctrl+t", "no", "key.kept-take")]
    YES, NO, BOX = "keep", "take", "dialog-box wide"

    def __init__(self, catalog: Catalog, task: str, kept: str, stored: str) -> None:
        t = catalog
        message = Text(t("kept.message", task=task) + "\n\n")
        message.append(t("kept.here", chars=len(kept)) + "\n", style="bold")
        message.append(tail(kept) + "\n\n")
        message.append(t("kept.server", chars=len(stored)) + "\n", style="bold")
        message.append((tail(stored) or t("kept.empty")) + "\n")
        super().__init__(catalog, t("kept.title"), message, t("kept.keep"), t("kept.take"))
        self.task_title, self.kept, self.stored = task, kept, stored

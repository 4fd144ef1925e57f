"""The debrief presenter beside one earlier run (`drill debrief SESSION --against EARLIER`).

The leaders in the room ask how this group did against the last one; this pane says it in
a few sentences from drill.compare ("the last group published the first statement at 10:40;
you at 09:55"), under the teams' board, and as the presenter steps, where both runs stood at
the moment shown (heat, work handed in).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from ..compare import Played, against, at_moment
from ..i18n import Catalog
from .format import DrillInfo, short_clock


class AgainstPane(Vertical):
    """A title naming the earlier run, both runs at the present moment, and the sentences that
    set this run beside the earlier one."""

    def __init__(self, this: Played, earlier: Played, t: Catalog) -> None:
        super().__init__(id="debrief-against")
        scenario = this.scenario
        info = DrillInfo(scenario.title, scenario.summary, scenario.clock.start, float(scenario.clock.duration))
        self.this, self.earlier, self.t = this, earlier, t
        self.clock = lambda seconds: short_clock(info, seconds)
        self.title = t("compare.against.title", run=earlier.label)
        self.lines = against(this, earlier, t, self.clock)

    def compose(self) -> ComposeResult:
        yield Static(self.title, classes="pane-title")
        with VerticalScroll(id="debrief-against-lines"):
            yield Static(id="debrief-against-moment")
            text = Text()
            for n, line in enumerate(self.lines):
                text.append(("\n" if n else "") + "• " + line, style="bold" if n == 0 else "")
            yield Static(text)

    def show(self, now: float) -> None:
        """Where both runs stood at the moment the presenter shows."""
        self.query_one("#debrief-against-moment", Static).update(
            Text(at_moment(self.this, self.earlier, now, self.t, self.clock), style="bold cyan"))

"""The public feed of a team's workspace: the incident as the public sees it.

The `social` and `news` injects the team has received, laid out like posts and
article cards, newest first, with reposts, comments and likes that grow while the
story is hot (drill.tui.format.engagement); above them, the heat this team
perceives over in-world time, with its own public statements and replies marked.
The room watches the story spread, and sees what its own texts did to it.

Only presentation lives here: which heat a team perceives, and which of its texts
move heat, come from the engine through the team's view.
"""

from __future__ import annotations

from typing import Sequence

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from ..engine.state import Delivery
from ..engine.views import TeamView
from ..formats.prose import reflow
from ..i18n import Catalog
from .format import DrillInfo, Engagement, count_text, engagement, short_clock
from .widgets import Clipped, Flow, HeatLine, Line

# Channels shown in the feed, and how: a post or an article card.
FEED_CHANNELS = {"social": "post", "video": "post", "news": "article"}
POST_LINES = 3     # lines of a post's text before "…" (the whole text is under F5)
LEAD_LINES = 2     # lines of an article's lead


def in_feed(delivery: Delivery) -> bool:
    return delivery.channel in FEED_CHANNELS


class FeedCard(Vertical):
    """One post or article: who, when, what, and a line of counts that changes as it spreads."""

    def __init__(self, delivery: Delivery, catalog: Catalog, info: DrillInfo) -> None:
        self.kind = FEED_CHANNELS[delivery.channel]
        super().__init__(classes=f"feed-card {self.kind}")
        self.delivery = delivery
        self.t = catalog
        self.info = info
        self.counts = Static(classes="feed-counts")  # made here, so counts can be shown before mounting
        self._shown: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(self._content(), classes="feed-text")
        yield self.counts

    def _content(self) -> Group:
        delivery, t = self.delivery, self.t
        head = Table.grid(expand=True, padding=(0, 1, 0, 0))
        head.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        head.add_column(justify="right", no_wrap=True)
        who = delivery.sender or t(f"channel.{delivery.channel}")
        head.add_row(Text(who, style="bold cyan" if self.kind == "post" else "bold yellow"),
                     Text(short_clock(self.info, delivery.at), style="dim"))
        body = " ".join(part for part in reflow(delivery.body).split("\n") if part)
        if self.kind == "post":
            return Group(head, Text(delivery.title, style="bold"), Clipped(Text(body), POST_LINES))
        return Group(head, Text(delivery.title, style="bold"), Clipped(Text(body, style="italic"), LEAD_LINES))

    def show_counts(self, counts: Engagement) -> None:
        """The counts line, redrawn only when a number shown changes (a count can grow by
        hundreds while the short form "1.2万" stays the same)."""
        t = self.t
        parts = []
        for key, n in (("feed.reposts", counts.reposts), ("feed.comments", counts.comments), ("feed.likes", counts.likes)):
            number = count_text(n, t)
            part = Text(t(key, n=number))
            part.highlight_words([number], "bold")
            parts.append(part)
        shown = tuple(part.plain for part in parts)
        if shown != self._shown:
            self._shown = shown
            self.counts.update(Flow(parts))


class PublicFeed(Vertical):
    """The feed pane: the team's heat curve with its statements marked, then the cards."""

    def __init__(self, catalog: Catalog, info: DrillInfo, **kwargs) -> None:
        super().__init__(**kwargs)
        self.t = catalog
        self.info = info
        self.cards: dict[str, FeedCard] = {}

    def compose(self) -> ComposeResult:
        title = Table.grid(expand=True)
        title.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        title.add_column(justify="right", no_wrap=True)
        title.add_row(self.t("feed.title"), Text(self.t("feed.marks"), style="magenta"))
        yield Static(title, classes="pane-title", id="public-title")
        yield Line(id="heat-legend")
        yield HeatLine(id="team-heat")
        with VerticalScroll(id="posts"):
            yield Static(self.t("feed.empty"), id="feed-empty")

    def show(self, view: TeamView, marks: Sequence[float]) -> None:
        """Bring the pane up to `view`: new cards on top, every card's counts at `view.now`.
        `marks` are the in-world times of the team's own public texts."""
        t = self.t
        key = "feed.heat-team" if view.team_heat is not None else "feed.heat-public"
        span = t(key, start=short_clock(self.info, 0), now=short_clock(self.info, view.now))
        self.query_one("#heat-legend", Line).show(Text(span, style="dim", no_wrap=True, overflow="ellipsis"))
        history = view.heat_history or ((0.0, view.team_heat if view.team_heat is not None else view.heat),)
        self.query_one("#team-heat", HeatLine).show(history, view.now, marks)
        posts = [d for d in view.injects if in_feed(d)]  # newest first
        fresh = [d for d in posts if d.inject not in self.cards]
        if fresh:
            scroll = self.query_one("#posts", VerticalScroll)
            for delivery in reversed(fresh):  # the oldest first, each on top of the last
                card = self.cards[delivery.inject] = FeedCard(delivery, t, self.info)
                scroll.mount(card, before=0)
            self.query_one("#feed-empty").display = False
        for delivery in posts:
            self.cards[delivery.inject].show_counts(engagement(delivery.inject, delivery.at, view.now, history))

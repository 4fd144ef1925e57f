"""Notices in a band of their own, above the keys, instead of Textual's floating toasts.

Textual draws toasts on a layer over the screen, and its compositor cuts every line at
the edges of the widgets underneath; a Chinese character that straddles such an edge is
replaced by two spaces (Textualize/textual#6357), so a toast read "请输  等级". Toasts
also stack up over a team's editor and the status line. Here a notice is a line of the
screen itself: nothing lies under it to cut it, it never covers the editor (the editor
gives up the lines it takes), and only the newest few are shown.

`app.notify` works as before (the messages are still the app's notifications); an app
takes `NoticesInBar` before `App` in its bases to show them in each screen's `NoticeBar`.
"""

from __future__ import annotations

from rich.text import Text
from textual.notifications import Notification, Notifications
from textual.widget import Widget

from .widgets import Wrapped

SHOWN = 2  # notices on screen at once: the newest ones; older ones give way
MARK = {"information": ("●", "green"), "warning": ("▲", "yellow"), "error": ("✖", "bold red")}


def notice_text(notification: Notification) -> Text:
    """A notice as one text: its mark, its title in bold and the message, every character kept."""
    mark, style = MARK.get(notification.severity, MARK["information"])
    text = Text()
    text.append(mark + " ", style=style)
    if notification.title:
        text.append(notification.title, style="bold")
        text.append(" · ", style="dim")
    message = notification.message
    if notification.markup:
        try:
            text.append_text(Text.from_markup(message))
        except Exception:  # noqa: BLE001 - not valid markup: the words as written
            text.append(message)
    else:
        text.append(message)
    return text


class NoticeBar(Widget):
    """The newest notices, each wrapped to the width (Chinese between any two characters),
    never cut. Hidden when there is none, so it takes no line from the screen then."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.display = False
        self.notices: list[Notification] = []
        self._timer = None

    def show(self, notifications: Notifications) -> None:
        live = [n for n in notifications if not n.has_expired]
        # The same words twice (a key typed twice into a locked draft) take one line: the newest.
        newest = {(n.severity, n.title, n.message): n for n in live}
        self.notices = [n for n in live if newest[(n.severity, n.title, n.message)] is n][-SHOWN:]
        self.display = bool(self.notices)
        self.refresh(layout=True)
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.notices:
            # Come back when the first one shown runs out, to let it go.
            first = min(self.notices, key=lambda n: n.time_left)
            self._timer = self.set_timer(max(0.05, first.time_left), self._expire)

    def _expire(self) -> None:
        self._timer = None
        for notification in list(self.app._notifications):
            if notification.has_expired:
                self.app._unnotify(notification, refresh=False)
        self.show(self.app._notifications)

    @property
    def plain(self) -> str:
        return "\n".join(notice_text(n).plain for n in reversed(self.notices))

    def render(self) -> Wrapped:
        return Wrapped(Text("\n").join(notice_text(n) for n in reversed(self.notices)))  # the newest on top


class NoticesInBar:
    """App mixin: notifications go to the current screen's NoticeBar, when it has one."""

    def _refresh_notifications(self) -> None:
        try:
            bars = self.screen.query(NoticeBar)
        except Exception:  # noqa: BLE001 - no screen yet
            return
        if bars:
            self.call_later(bars.first().show, self._notifications)
        else:
            super()._refresh_notifications()

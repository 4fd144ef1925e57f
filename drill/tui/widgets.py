"""Small widgets shared by the screens: the status bar, the heat sparkline and the key bar."""

from __future__ import annotations

import functools
import math
import re
from dataclasses import replace
from typing import Awaitable, Callable, Sequence

from rich.cells import cell_len
from rich.console import RenderableType
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingsMap
from textual.containers import HorizontalGroup
from textual.css.query import NoMatches
from textual.events import Resize
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Footer, Input
from textual.widgets._footer import FooterKey

from ..formats.prose import NO_LINE_END, NO_LINE_START
from ..i18n import Catalog

BLOCKS = "▁▂▃▄▅▆▇█"


def localize(bindings: BindingsMap, catalog: Catalog) -> BindingsMap:
    """Bindings are declared with catalog keys (`key.save`) as descriptions; show them translated."""
    for key, items in bindings.key_to_bindings.items():
        bindings.key_to_bindings[key] = [_translated(binding, catalog) for binding in items]
    return bindings


def _translated(binding: Binding, catalog: Catalog) -> Binding:
    if binding.description.startswith("key."):
        return replace(binding, description=catalog(binding.description))
    if binding.action in ("command_palette", "app.command_palette"):
        return replace(binding, description=catalog("key.palette"), show=True)
    return binding


# Tab and Shift+Tab move the focus at once, as the key arrives (priority bindings): otherwise
# Textual hands the keys typed right after a Tab to the field the Tab is leaving, and a fast
# typist's next words land there (an owner's name in the corrective action).
FOCUS_KEYS = [
    Binding("tab", "app.focus_next", show=False, priority=True),
    Binding("shift+tab", "app.focus_previous", show=False, priority=True),
]


class KeysInOrder:
    """A text box whose own keys (arrows, Home, End, Ctrl+K, Ctrl+End …) act as they arrive.
    Textual runs a widget's bindings only once the key has gone round its parents, after the
    characters typed next have been inserted, and against whatever has the focus by then: a
    fast "Ctrl+A, Ctrl+K, 0.3, Tab …, Tab, 王科长" emptied the owner's field it had reached."""

    async def _on_key(self, event) -> None:
        bindings = [b for b in self._bindings.key_to_bindings.get(event.key, ()) if not b.priority]
        if bindings:
            event.stop()
            event.prevent_default()
            await self.run_action(bindings[0].action)
            return
        await super()._on_key(event)


class FieldInput(KeysInOrder, Input):
    """A one-line field of a form or a dialog, its keys in order (KeysInOrder)."""


class HeldTyping:
    """A dialog of buttons only: what is typed while it is open (a team typing on, not having
    seen it open over its draft) is held in `typed`, for the screen below to put back where
    it was going when the dialog closes; no character typed vanishes behind a dialog."""

    typed = ""

    def on_key(self, event) -> None:
        if event.is_printable and event.character:
            self.typed += event.character
            event.stop()
            event.prevent_default()

    def on_paste(self, event) -> None:
        self.typed += event.text
        event.stop()


class LocalizedScreen(Screen):
    """A screen whose key descriptions come from the message catalog."""

    BINDINGS = FOCUS_KEYS

    def __init__(self, catalog: Catalog, **kwargs) -> None:
        super().__init__(**kwargs)
        self.t = catalog
        self._bindings = localize(self._bindings, catalog)
        self._scheduled = False

    def schedule_refresh(self) -> None:
        """Many engine events in one burst become one redraw (the screen's `refresh_live`), after the burst."""
        if self.is_mounted and not self._scheduled:
            self._scheduled = True
            self.call_later(self.refresh_live)


class LocalizedModal(ModalScreen):
    """A dialog in the catalog's language; Tab as on every screen (FOCUS_KEYS)."""

    BINDINGS = FOCUS_KEYS

    def __init__(self, catalog: Catalog, **kwargs) -> None:
        super().__init__(**kwargs)
        self.t = catalog
        self._bindings = localize(self._bindings, catalog)


class Line(Widget):
    """One line of text that changes often (a clock, a counter). Redrawing it never
    asks for a new layout, and nothing is redrawn when the text is unchanged."""

    DEFAULT_CSS = "Line { height: 1; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: RenderableType = ""
        self._key: object = None

    def show(self, renderable: RenderableType, key: object = None) -> None:
        key = key if key is not None else (str(renderable), getattr(renderable, "spans", None) and repr(renderable.spans))
        if key != self._key:
            self._key, self._shown = key, renderable
            self.refresh()

    @property
    def plain(self) -> str:
        return str(self._shown)

    def render(self) -> RenderableType:
        return self._shown


class StatusBar(Line):
    """One line at the top: who or what this screen is, the in-world clock, and the heat."""

    def show(self, left: Text, middle: Text, right: Text, yielding: str = "left") -> None:  # type: ignore[override]
        """`yielding` ("left" or "middle") is the part cut short when the line is narrow."""
        super().show(_Status(left, middle, right, yielding), key=(yielding,) + tuple((t.plain, repr(t.spans)) for t in (left, middle, right)))


class _Status:
    """Left, middle and right parts of a status line. When the line is short, one part gives
    way, cut with an ellipsis or, with under 8 cells left, dropped: on most screens the left
    (a long drill title), on the review screen the middle, so that an expert's own name stays
    whole and "Review · …" never hides whose seat this is. The right part stays whole."""

    GAP = 2

    def __init__(self, left: Text, middle: Text, right: Text, yielding: str) -> None:
        self.left, self.middle, self.right, self.yielding = left, middle, right, yielding

    def __rich_console__(self, console, options):
        width = options.max_width
        right_w = min(cell_len(self.right.plain), width)
        kept, given = (self.left, self.middle) if self.yielding == "middle" else (self.middle, self.left)
        kept_w = min(cell_len(kept.plain), max(0, width - right_w - self.GAP))
        room = width - kept_w - right_w - 2 * self.GAP
        given_w = min(cell_len(given.plain), room) if room >= 8 else 0
        left_w, middle_w = (kept_w, given_w) if self.yielding == "middle" else (given_w, kept_w)
        left, tail = _fit(self.left, left_w), Text.assemble(_fit(self.middle, middle_w), " " * self.GAP if middle_w else "", _fit(self.right, right_w))
        yield Text.assemble(left, " " * max(0, width - left.cell_len - tail.cell_len), tail, no_wrap=True, end="")


def _fit(text: Text, width: int) -> Text:
    """`text` cut to `width` cells, with an ellipsis where it was cut."""
    if width <= 0:
        return Text()
    fitted = text.copy()
    fitted.truncate(width, overflow="ellipsis")
    return fitted


_WIDE = "\u2e80-\u2fff\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
# Line-breaking rules for CJK (kinsoku): drill.formats.prose, the one place that says them.
_OPENING, _CLOSING = NO_LINE_END, NO_LINE_START
# A break may come before any Chinese character (with the punctuation that must stay
# with it) or at a space; a run of Latin letters is one word, with the marks closing it.
_OPEN, _CLOSE = re.escape(_OPENING), re.escape(_CLOSING)
_TOKEN = re.compile(rf"\s+|[{_OPEN}]*[^\s{_WIDE}{_OPEN}{_CLOSE}]+[{_CLOSE}]*|[{_OPEN}]*[{_WIDE}][{_CLOSE}]*|[{_CLOSE}]+|\S")


def wrap_cells(text: Text, width: int) -> list[Text]:
    """`text` cut into lines of at most `width` cells. Unlike Rich's wrapping, which breaks
    only at spaces, Chinese may break between any two characters, so a Chinese line after
    a space is not pushed whole onto the next line, leaving a short one above it. A closing
    mark that would begin a line after a space takes the word before it along ("push-out")."""
    plain = text.plain
    breaks: list[int] = []
    used = 0
    line_start = 0
    last_word = None   # where the line's last word starts, if it is not the line's first
    for match in _TOKEN.finditer(plain):
        token = match.group()
        size = cell_len(token)
        if token.isspace() or used + size <= width:
            if not token.isspace():
                last_word = match.start() if match.start() > line_start else None
            used += size
            continue
        if size <= width:
            start = match.start()
            if token[0] in _CLOSING and last_word is not None and cell_len(plain[last_word:match.end()]) <= width:
                start = last_word
            breaks.append(start)
            line_start, last_word = start, None
            used = cell_len(plain[start:match.end()])
            continue
        offset = match.start()  # a word wider than the line: fold it
        for char in token:
            char_size = cell_len(char)
            if used + char_size > width and offset:
                breaks.append(offset)
                line_start, last_word = offset, None
                used = 0
            used += char_size
            offset += 1
    lines = list(text.divide(b for b in breaks if b > 0))
    for line in lines:
        line.rstrip()
    return [line for line in lines if line.plain] or lines[:1]   # no line of the spaces before a long word


class Wrapped:
    """Text wrapped to the width it is given by `wrap_cells`, each of its own lines apart:
    prose (a brief, an inject's body) where Chinese breaks between characters and no
    closing mark begins a line. Rich's own wrapping folds a Chinese paragraph anywhere."""

    def __init__(self, text: Text | str) -> None:
        self.text = Text(text) if isinstance(text, str) else text

    @property
    def plain(self) -> str:
        return self.text.plain

    def wrapped(self, width: int) -> list[Text]:
        return [row for line in self.text.split("\n", allow_blank=True) for row in (wrap_cells(line, width) or [line])]

    def __rich_console__(self, console, options):
        yield Text("\n").join(self.wrapped(max(2, options.max_width)))

    def __rich_measure__(self, console, options):
        return Measurement(1, options.max_width)


class Clipped(Wrapped):
    """Text wrapped to the width it is given and cut to `lines` lines, the last ending in "…":
    a feed shows the start of a long post, whatever the terminal's width."""

    def __init__(self, text: Text, lines: int) -> None:
        super().__init__(text)
        self.lines = lines

    def __rich_console__(self, console, options):
        width = max(2, options.max_width)
        lines = self.wrapped(width)
        if len(lines) > self.lines:
            lines = lines[: self.lines]
            last = lines[-1]
            if cell_len(last.plain) > width - 1:
                last.truncate(width - 1)
                last.rstrip()
            last.append("…")
        yield Text("\n").join(lines)


class Flow:
    """Short parts on one line if they fit, else on as many lines as the width needs,
    breaking only between parts: "24.3k reposts · 11.2k comments" never splits a count
    from its word."""

    def __init__(self, parts: Sequence[Text], separator: str = " · ") -> None:
        self.parts, self.separator = list(parts), separator

    def __rich_console__(self, console, options):
        width = max(1, options.max_width)
        lines: list[Text] = [Text()]
        for part in self.parts:
            line = lines[-1]
            if line and cell_len(line.plain) + cell_len(self.separator) + cell_len(part.plain) > width:
                line = Text()
                lines.append(line)
            if line:
                line.append(self.separator, style="dim")
            line.append_text(part)
        yield Text("\n").join(lines)

    def __rich_measure__(self, console, options):
        return Measurement(1, options.max_width)


def heat_style(value: float) -> str:
    return "green" if value < 40 else "yellow" if value < 70 else "bold red"


class HeatLine(Widget):
    """The public-opinion heat index over in-world time, on an absolute 0..100 scale.

    Given `marks` (in-world times), a second line puts a ▲ under the moments they fall in:
    a team sees where its own statements went out on the curve they moved."""

    MARK = "▲"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.history: Sequence[tuple[float, float]] = [(0.0, 0.0)]
        self.now = 0.0
        self.marks: tuple[float, ...] | None = None

    def show(self, history: Sequence[tuple[float, float]], now: float, marks: Sequence[float] | None = None) -> None:
        marks = tuple(marks) if marks is not None else None
        if (list(history), now, marks) != (list(self.history), self.now, self.marks):
            self.history, self.now, self.marks = list(history), now, marks
            self.refresh()

    def value_at(self, moment: float) -> float:
        value = self.history[0][1] if self.history else 0.0
        for at, heat in self.history:
            if at > moment:
                break
            value = heat
        return value

    def render(self) -> Text:
        current = self.value_at(self.now)
        label = f" {current:>3.0f}"
        bins = max(1, self.size.width - len(label))
        text = Text()
        for n in range(bins):
            moment = self.now * (n + 1) / bins
            value = self.value_at(moment)
            block = BLOCKS[max(0, min(len(BLOCKS) - 1, int(value * len(BLOCKS) / 100.01)))]
            text.append(block, style=heat_style(value))
        text.append(label, style=heat_style(current))
        if self.marks is not None:
            # bin n shows the heat at the end of (now·n/bins, now·(n+1)/bins]: mark it there
            marked = {max(0, min(bins - 1, math.ceil(at * bins / self.now) - 1)) if self.now > 0 else 0
                      for at in self.marks if at <= self.now}
            text.append("\n")
            text.append("".join(self.MARK if n in marked else " " for n in range(bins)), style="bold magenta")
        return text


class KeyBar(Footer):
    """The footer, wrapped onto as many lines as it takes so that every key stays listed,
    even at 80 columns; on a wide screen it is one line."""

    DEFAULT_CSS = """
    KeyBar {
        layout: vertical;
        height: auto;
        max-height: 4;
    }
    KeyBar HorizontalGroup.keyrow {
        height: 1;
        width: 100%;
    }
    """

    _signature: tuple | None = None

    def _items(self) -> list[tuple[Binding, bool, str]]:
        """The keys to list, in the order their screen and the app declare them."""
        def declared(active) -> tuple[bool, int]:
            node = active.node
            order = [b.action for _, b in node._bindings]
            index = order.index(active.binding.action) if active.binding.action in order else len(order)
            return node is self.app, index

        seen: set[str] = set()
        items: list[tuple[Binding, bool, str]] = []
        palette = None
        for _node, binding, enabled, tooltip in sorted(self.screen.active_bindings.values(), key=declared):
            if binding.action in ("command_palette", "app.command_palette"):
                palette = (binding, enabled, tooltip)
                continue
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                items.append((binding, enabled, tooltip))
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            items.append(palette)
        return items

    def bindings_changed(self, screen) -> None:
        """Typing changes which editing keys are live many times a second; the keys listed
        here rarely change, so only a real change lays the bar out again."""
        if self.is_attached and screen is self.screen and self._bindings_ready:
            signature = tuple((b.key, b.description, enabled) for b, enabled, _ in self._items())
            if signature == self._signature:
                return
        super().bindings_changed(screen)

    def compose(self):
        if not self._bindings_ready:
            return
        items = self._items()
        self._signature = tuple((b.key, b.description, enabled) for b, enabled, _ in items)
        width = max(20, self.size.width or self.app.size.width)
        rows: list[list[tuple[Binding, bool, str]]] = [[]]
        used = 0
        for item in items:
            binding = item[0]
            need = cell_len(self.app.get_key_display(binding)) + cell_len(binding.description) + 2
            if rows[-1] and used + need > width:
                rows.append([])
                used = 0
            rows[-1].append(item)
            used += need
        for row in rows:
            with HorizontalGroup(classes="keyrow"):
                for binding, enabled, tooltip in row:
                    yield FooterKey(
                        binding.key, self.app.get_key_display(binding), binding.description, binding.action,
                        disabled=not enabled, tooltip=tooltip or binding.description,
                    ).data_bind(compact=KeyBar.compact)

    def on_resize(self, event: Resize) -> None:
        if event.size.width != getattr(self, "_laid_width", None):
            self._laid_width = event.size.width
            self.call_after_refresh(self.recompose)


def while_shown(method):
    """For redraws run by timers and listeners: a screen being torn down (the app is
    closing) has lost its widgets, and then there is nothing to redraw."""

    @functools.wraps(method)
    def redraw(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except NoMatches:
            if self.is_attached and not self.app._exit and self.app.is_running:
                raise
            return None

    return redraw


def on_refused(widget: Widget, action: Callable[[], object]) -> bool:
    """Run an engine command; a refusal, or a session file that cannot take the command's
    event (a full disk), becomes a notification. True when it went through."""
    from ..engine import Refused
    from ..store import NotStored

    try:
        action()
    except (Refused, NotStored) as error:
        _say_refused(widget, error)
        return False
    return True


async def on_refused_async(widget: Widget, action: Callable[[], Awaitable[object]]) -> bool:
    """`on_refused` for a command that may go over the network (a review client's)."""
    from ..engine import Refused
    from ..store import NotStored

    try:
        await action()
    except (Refused, NotStored) as error:
        _say_refused(widget, error)
        return False
    return True


def refusal_text(error, catalog: Catalog | None) -> str:
    """A refusal, or a command the session file could not take, in the screen's language."""
    from ..store import NotStored

    if catalog is None:
        return str(error)
    return catalog(f"notice.unstored-{error.kind}") if isinstance(error, NotStored) else error.text(catalog)


def _say_refused(widget: Widget, error) -> None:
    """A refusal in the screen's language; an unstored command stays up longer, since the
    facilitator has to free the disk before anything more is recorded."""
    from ..store import NotStored

    catalog = getattr(widget, "t", None) or getattr(widget.screen, "t", None)
    widget.notify(refusal_text(error, catalog), severity="error", timeout=12 if isinstance(error, NotStored) else 6)

"""Small widgets shared by the screens: the status bar, the heat sparkline and the key bar."""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import Callable, Sequence

from rich.cells import cell_len
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingsMap
from textual.containers import HorizontalGroup
from textual.css.query import NoMatches
from textual.events import Resize
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

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


class LocalizedScreen(Screen):
    """A screen whose key descriptions come from the message catalog."""

    def __init__(self, catalog: Catalog, **kwargs) -> None:
        super().__init__(**kwargs)
        self.t = catalog
        self._bindings = localize(self._bindings, catalog)


class LocalizedModal(ModalScreen):
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

    def show(self, left: Text, middle: Text, right: Text) -> None:  # type: ignore[override]
        grid = Table.grid(expand=True, padding=(0, 2))
        grid.add_column(justify="left", ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="center", no_wrap=True)
        grid.add_column(justify="right", no_wrap=True)
        grid.add_row(left, middle, right)
        super().show(grid, key=tuple((t.plain, repr(t.spans)) for t in (left, middle, right)))


def heat_style(value: float) -> str:
    return "green" if value < 40 else "yellow" if value < 70 else "bold red"


class HeatLine(Widget):
    """The public-opinion heat index over in-world time, on an absolute 0..100 scale."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.history: Sequence[tuple[float, float]] = [(0.0, 0.0)]
        self.now = 0.0

    def show(self, history: Sequence[tuple[float, float]], now: float) -> None:
        if (list(history), now) != (list(self.history), self.now):
            self.history, self.now = list(history), now
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
    """Run an engine command; a refusal becomes a notification. True when it went through."""
    from ..engine import Refused

    try:
        action()
    except Refused as refusal:
        widget.notify(str(refusal), severity="error", timeout=6)
        return False
    return True

"""Small widgets shared by the screens: the status bar, the heat sparkline and the key bar."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Sequence

from rich.cells import cell_len
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingsMap
from textual.containers import HorizontalGroup
from textual.events import Resize
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Footer, Static
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


class StatusBar(Static):
    """One line at the top: who or what this screen is, the in-world clock, and the heat."""

    def show(self, left: RenderableType, middle: RenderableType, right: RenderableType) -> None:
        grid = Table.grid(expand=True, padding=(0, 1))
        grid.add_column(justify="left", ratio=3, no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="center", ratio=3, no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="right", ratio=2, no_wrap=True, overflow="ellipsis")
        grid.add_row(left, middle, right)
        self.update(grid)


def heat_style(value: int) -> str:
    return "green" if value < 40 else "yellow" if value < 70 else "bold red"


class HeatLine(Widget):
    """The public-opinion heat index over in-world time, on an absolute 0..100 scale."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.history: Sequence[tuple[float, int]] = [(0.0, 0)]
        self.now = 0.0

    def show(self, history: Sequence[tuple[float, int]], now: float) -> None:
        if (list(history), now) != (list(self.history), self.now):
            self.history, self.now = list(history), now
            self.refresh()

    def value_at(self, moment: float) -> int:
        value = self.history[0][1] if self.history else 0
        for at, heat in self.history:
            if at > moment:
                break
            value = heat
        return value

    def render(self) -> Text:
        current = self.value_at(self.now)
        label = f" {current:>3}"
        bins = max(1, self.size.width - len(label))
        text = Text()
        for n in range(bins):
            moment = self.now * (n + 1) / bins
            value = self.value_at(moment)
            block = BLOCKS[min(len(BLOCKS) - 1, value * len(BLOCKS) // 101)]
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

    def compose(self):
        if not self._bindings_ready:
            return
        seen: set[str] = set()
        items: list[tuple[Binding, bool, str]] = []
        palette = None
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.action in ("command_palette", "app.command_palette"):
                palette = (binding, enabled, tooltip)
                continue
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                items.append((binding, enabled, tooltip))
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            items.append(palette)
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


def on_refused(widget: Widget, action: Callable[[], object]) -> bool:
    """Run an engine command; a refusal becomes a notification. True when it went through."""
    from ..engine import Refused

    try:
        action()
    except Refused as refusal:
        widget.notify(str(refusal), severity="error", timeout=6)
        return False
    return True

"""The editor a team writes its drafts in: Textual's TextArea, kept fast on one long paragraph.

A draft is often written as one paragraph: a 20,000-character statement without a
line break is one document line of some 350 wrapped rows. Textual's TextArea (8.x)
handles that line as a whole for every key and every row it draws:

- wrapping: `compute_wrap_offsets` walks the paragraph character by character in
  Python after each edit (about 20 ms for 20,000 Chinese characters);
- drawing: each visible row rebuilds the whole paragraph as a Rich `Text`, styles it
  and divides it into all of its rows, to keep one (about 6 ms a row, so 40 rows cost
  some 230 ms a key);
- moving the cursor divides the paragraph again to find the cursor's row.

`DraftArea` keeps TextArea's behaviour and changes only those costs. `wrap_offsets`
gives the same line breaks as Textual's greedy wrap, measuring the characters of a
long unbroken run (Chinese has no spaces) at C speed and finding each row's end by
bisection; `DraftWrap` uses it and cuts rows by slicing strings; and a visible row of
a wrapped paragraph is drawn from its own characters only. What is not the plain case
(tabs, syntax highlighting, line numbers, a suggestion) is drawn by TextArea itself.
The tests compare every row both ways, and the wrap against Textual's on random text.
"""

from __future__ import annotations

import re
from collections import deque
from bisect import bisect_right
from itertools import accumulate

from rich.cells import get_character_cell_size
from rich.style import Style
from rich.text import Text
from textual._cells import cell_len
from textual._wrap import compute_wrap_offsets
from textual.document._document_navigator import DocumentNavigator
from textual.document._wrapped_document import WrappedDocument
from textual.binding import Binding
from textual.strip import Strip
from textual.widgets import TextArea

from ..formats.prose import NO_LINE_END, NO_LINE_START, kept_break
from .widgets import KeysInOrder

# Textual's chunks: a word with the spaces after it, or a run of spaces.
_CHUNK = re.compile(r"\S+\s*|\s+")


def wrap_offsets(line: str, width: int, tab_width: int = 4) -> list[int]:
    """Where `line` breaks into rows of at most `width` cells: the same offsets as
    Textual's `compute_wrap_offsets` (words move whole to the next row; a word wider
    than a row, such as a run of Chinese, is folded character by character).

    Lines with tabs, and widths too narrow for a wide character, go to Textual's own."""
    if width < 2 or "\t" in line:
        return compute_wrap_offsets(line, width, tab_width)
    breaks: list[int] = []
    used = 0
    for match in _CHUNK.finditer(line):
        start = match.start()
        chunk = match.group()
        size = cell_len(chunk)
        if used + size <= width:
            used += size
        elif size <= width:
            breaks.append(start)
            used = size
        else:   # fold: each row takes characters while they fit
            ends = list(accumulate(map(get_character_cell_size, chunk)))
            if start:
                breaks.append(start)
            base = 0
            while True:
                stop = bisect_right(ends, base + width)
                if stop >= len(chunk):
                    used = ends[-1] - base
                    break
                breaks.append(start + stop)
                base = ends[stop - 1]
    return breaks


def kept_offsets(line: str, width: int, tab_width: int = 4) -> list[int]:
    """`wrap_offsets`, with Chinese line-breaking rules: no row begins with a closing mark
    (，。、；：？！）」…) nor ends with an opening one (（「“…), as the team's text reads
    everywhere else (drill.formats.prose.kept_break). Where a break has to move back, the
    rows after it are wrapped again a few rows at a time, so a long paragraph costs little more."""
    offsets = wrap_offsets(line, width, tab_width)
    if "\t" in line or not any(line[b] in NO_LINE_START or line[b - 1] in NO_LINE_END for b in offsets):
        return offsets
    window = 4 * width + 8   # characters enough for a few rows of any text, words moving whole
    kept: list[int] = []
    start, pending, whole = 0, deque(offsets), True   # whole: `pending` runs to the end of the line
    while pending or not whole:
        if not pending:   # wrap the next few rows after a moved break
            ahead = wrap_offsets(line[start:start + window], width, tab_width)
            if start + window < len(line) and len(ahead) > 1:
                ahead, whole = ahead[:-1], False   # the window's last row may be cut short: wrapped again next
            else:
                ahead, whole = wrap_offsets(line[start:], width, tab_width), True
            pending = deque(start + b for b in ahead)
            continue
        planned = pending.popleft()
        start = kept_break(line, start, planned)
        kept.append(start)
        if start != planned:   # moved back: the rows after it are no longer the plain wrap's
            pending.clear()
            whole = False
    return kept


class DraftWrap(WrappedDocument):
    """TextArea's wrapped view of the document, computed with `kept_offsets`."""

    def _wrap_line(self, line: str) -> tuple[list[int], list[int]]:
        """A line's wrap offsets and the widths its tabs expand to (as Textual keeps them)."""
        offsets = kept_offsets(line, self._width, self._tab_width) if self._width else []
        if "\t" in line:
            from textual.expand_tabs import get_tab_widths

            return offsets, [width for _, width in get_tab_widths(line, self._tab_width)]
        return offsets, [0] if line else []

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        self._width = width
        if tab_width:
            self._tab_width = tab_width
        self._wrap_offsets, self._tab_width_cache = [], []
        self._offset_to_line_info, self._line_index_to_offsets = [], []
        for index, line in enumerate(self.document.lines):
            offsets, tabs = self._wrap_line(line)
            self._wrap_offsets.append(offsets)
            self._tab_width_cache.append(tabs)
            first = len(self._offset_to_line_info)
            self._line_index_to_offsets.append(list(range(first, first + len(offsets) + 1)))
            self._offset_to_line_info.extend((index, row) for row in range(len(offsets) + 1))

    def wrap_range(self, start, old_end, new_end) -> None:
        """Re-wrap the lines an edit touched; the rows below only move."""
        old_last = len(self._line_index_to_offsets) - 1
        new_last = self.document.line_count - 1
        first = max(0, min(start[0], old_last, new_last))
        old_bottom = max(first, min(max(start[0], old_end[0]), old_last))
        new_bottom = max(first, min(max(start[0], new_end[0]), new_last))
        top_y = self._line_index_to_offsets[first][0]
        old_rows = self._line_index_to_offsets[old_bottom][-1] + 1 - top_y

        wraps = [self._wrap_line(line) for line in self.document.lines[first:new_bottom + 1]]
        infos, offsets_by_line, y = [], [], top_y
        for index, (offsets, _) in enumerate(wraps, first):
            offsets_by_line.append(list(range(y, y + len(offsets) + 1)))
            infos.extend((index, row) for row in range(len(offsets) + 1))
            y += len(offsets) + 1
        row_shift, line_shift = len(infos) - old_rows, new_bottom - old_bottom

        self._offset_to_line_info[top_y:top_y + old_rows] = infos
        self._line_index_to_offsets[first:old_bottom + 1] = offsets_by_line
        self._wrap_offsets[first:old_bottom + 1] = [offsets for offsets, _ in wraps]
        self._tab_width_cache[first:old_bottom + 1] = [tabs for _, tabs in wraps]
        if line_shift:
            below = range(top_y + len(infos), len(self._offset_to_line_info))
            for at in below:
                index, row = self._offset_to_line_info[at]
                self._offset_to_line_info[at] = (index + line_shift, row)
        if row_shift:
            for index in range(new_bottom + 1, len(self._line_index_to_offsets)):
                self._line_index_to_offsets[index] = [y + row_shift for y in self._line_index_to_offsets[index]]

    def get_sections(self, line_index: int) -> list[str]:
        """A line's rows as strings, by slicing (Textual builds and divides a Rich Text)."""
        line = self.document[line_index]
        bounds = [0, *self._wrap_offsets[line_index], len(line)]
        return [line[a:b] for a, b in zip(bounds, bounds[1:])]


class DraftArea(KeysInOrder, TextArea):
    """A TextArea that stays quick to type in when a paragraph runs to thousands of characters.

    Ctrl+Home and Ctrl+End go to the start and the end of the whole draft (End goes to
    the end of the row, as in Textual: a team that pressed End to add to a wrapped
    paragraph wrote into the middle of it); the editor's keys act as they arrive (KeysInOrder)."""

    BINDINGS = [
        Binding("ctrl+home", "cursor_text_start", show=False),
        Binding("ctrl+end", "cursor_text_end", show=False),
        Binding("ctrl+shift+home", "cursor_text_start(True)", show=False),
        Binding("ctrl+shift+end", "cursor_text_end(True)", show=False),
    ]

    def action_cursor_text_start(self, select: bool = False) -> None:
        self.move_cursor((0, 0), select=select)

    def action_cursor_text_end(self, select: bool = False) -> None:
        self.move_cursor(self.document.end, select=select)

    def _set_document(self, text: str, language: str | None) -> None:
        super()._set_document(text, language)
        self.wrapped_document = DraftWrap(self.document, tab_width=self.indent_width)
        self.navigator = DocumentNavigator(self.wrapped_document)
        self._rewrap_and_refresh_virtual_size()

    def _render_line(self, y: int) -> Strip:
        """One row of a wrapped paragraph from its own characters; anything else as TextArea draws it."""
        wrapped = self.wrapped_document
        row_y = y + self.scroll_offset[1]
        theme = self._theme
        if (not self.soft_wrap or self.show_line_numbers or self.suggestion or self._highlights
                or theme is None or row_y >= len(wrapped._offset_to_line_info)):
            return super()._render_line(y)
        line_index, row = wrapped._offset_to_line_info[row_y]
        offsets = wrapped.get_offsets(line_index)
        line = self.document[line_index]
        if not offsets or "\t" in line:
            return super()._render_line(y)
        start = 0 if row == 0 else offsets[row - 1]
        last = row == len(offsets)
        end = len(line) if last else offsets[row]
        # The last row carries the one-cell space where the cursor rests after the text.
        text = Text(line[start:end] + (" " if last else ""), end="", no_wrap=True)
        stop = len(text)

        def stylize(style: Style | None, a: int, b: int) -> None:
            """Style columns [a, b) of the whole line, as far as they fall in this row."""
            if style is not None and b > start and a < start + stop:
                text.stylize(style, max(0, a - start), min(stop, b - start))

        selection = self.selection
        (top_row, top_column), (bottom_row, bottom_column) = sorted(selection)
        cursor_row, cursor_column = selection.end
        cursor_line_style = theme.cursor_line_style if self.highlight_cursor_line and self._has_cursor else None
        on_cursor_line = cursor_row == line_index
        if on_cursor_line:
            stylize(cursor_line_style, 0, len(line) + 1)
        if selection.start != selection.end and top_row <= line_index <= bottom_row:
            stylize(theme.selection_style, top_column if line_index == top_row else 0,
                    bottom_column if line_index == bottom_row else len(line))
        bracket = self._matching_bracket_location
        brackets = self._has_cursor and self.match_cursor_bracket and bracket is not None and selection.start == selection.end
        if cursor_row == line_index:
            if brackets:
                stylize(theme.bracket_matching_style, cursor_column, cursor_column + 1)
            if self._draw_cursor:
                stylize(theme.cursor_style, cursor_column, cursor_column + 1)
        if brackets and bracket[0] == line_index:
            stylize(theme.bracket_matching_style, bracket[1], bracket[1] + 1)

        strip = Strip(text.render(self.app.console), cell_length=text.cell_len)
        width = self.scrollable_content_region.size.width - self.gutter_width
        strip = strip.extend_cell_length(width, cursor_line_style if on_cursor_line and self.highlight_cursor_line else theme.base_style)
        base = theme.base_style if theme.base_style is not None else self.rich_style
        return strip.apply_style(base)

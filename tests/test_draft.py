"""The team's draft editor (drill.tui.draft): as TextArea behaves, only faster on long paragraphs.

The fast paths are checked against Textual's own: the wrap against `compute_wrap_offsets`
on generated text, the wrapped view after edits against a fresh `WrappedDocument`, and
every drawn row against the row TextArea itself draws."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings, strategies as st
from textual._wrap import compute_wrap_offsets
from textual.app import App
from textual.document._document import Document
from textual.document._wrapped_document import WrappedDocument
from textual.widgets import TextArea

from drill.formats.prose import NO_LINE_END, NO_LINE_START
from drill.tui.draft import DraftArea, DraftWrap, kept_offsets, wrap_offsets
from rich.cells import cell_len

# Latin, spaces, Chinese and its punctuation, a combining mark (no width), an ideographic space, an emoji.
PIECES = ["a", "b", "Word", " ", "  ", "经", "核查", "，", "。", "“", "”", "\u0301", "\u3000", "😀", "-", "1."]
text_strategy = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(text_strategy, st.integers(min_value=2, max_value=40))
def test_wrap_offsets_are_textuals(text, width):
    assert wrap_offsets(text, width) == compute_wrap_offsets(text, width, 4)


def test_wrap_offsets_of_a_long_chinese_paragraph():
    text = "经核查，照片中的大米为已封存待退货的批次，未供学生食用。" * 700
    assert wrap_offsets(text, 117) == compute_wrap_offsets(text, 117, 4)


@settings(max_examples=300, deadline=None)
@given(text_strategy, st.integers(min_value=2, max_value=40))
def test_no_row_of_the_editor_begins_with_a_closing_mark(text, width):
    """Chinese line breaking in the draft as displayed: no row begins with ，。、；：？！）」
    nor ends with （「“, unless a row made only of such marks leaves no choice; rows stay
    within the width, the text whole, and a text that needs no such care wraps as Textual's."""
    offsets = kept_offsets(text, width)
    plain = wrap_offsets(text, width)
    bounds = [0, *offsets, len(text)]
    rows = [text[a:b] for a, b in zip(bounds, bounds[1:])]
    assert "".join(rows) == text and all(a < b for a, b in zip(bounds, bounds[1:-1]))
    assert all(cell_len(row) <= width for row in rows) or rows == [text[a:b] for a, b in zip([0, *plain], [*plain, len(text)])]
    for before, after in zip(rows, rows[1:]):
        if after[0] in NO_LINE_START or before[-1] in NO_LINE_END:   # only where nothing else fits
            assert all(c in NO_LINE_START + NO_LINE_END for c in before[-1:] + after[:1]) or len(before) == 1 or offsets == plain
    if not any(text[b] in NO_LINE_START or text[b - 1] in NO_LINE_END for b in plain):
        assert offsets == plain


def test_a_line_that_would_start_with_a_full_stop_takes_the_character_before_along():
    text = "网传江川市第三实验小学食堂使用发霉大米。家长聚集。"   # 19 characters then 。
    assert wrap_offsets(text, 38)[0] == 19          # Textual: "。" alone at the start of row 2
    rows = kept_offsets(text, 38)
    assert text[rows[0]] == "米" and text[rows[0] - 1] == "大"   # "米。" go to the next row together


def _same_view(mine: DraftWrap, width: int) -> None:
    """The view kept up to date edit by edit is the view wrapped afresh: Textual's own
    WrappedDocument, with the breaks `kept_offsets` moves for Chinese punctuation."""
    theirs = WrappedDocument(mine.document, width)
    theirs._wrap_offsets = [kept_offsets(line, width) if "\t" not in line else offsets
                            for line, offsets in zip(mine.document.lines, theirs._wrap_offsets)]
    theirs._offset_to_line_info, theirs._line_index_to_offsets = [], []
    for index, offsets in enumerate(theirs._wrap_offsets):
        first = len(theirs._offset_to_line_info)
        theirs._line_index_to_offsets.append(list(range(first, first + len(offsets) + 1)))
        theirs._offset_to_line_info.extend((index, row) for row in range(len(offsets) + 1))
    assert mine._wrap_offsets == theirs._wrap_offsets
    assert mine._offset_to_line_info == theirs._offset_to_line_info
    assert mine._line_index_to_offsets == theirs._line_index_to_offsets
    assert mine._tab_width_cache == theirs._tab_width_cache
    assert mine.height == theirs.height
    for index in range(mine.document.line_count):
        assert mine.get_sections(index) == theirs.get_sections(index)


@settings(max_examples=60, deadline=None)
@given(st.lists(text_strategy, min_size=1, max_size=6), st.integers(min_value=4, max_value=30), st.randoms(use_true_random=False))
def test_wrapped_view_after_edits_is_a_fresh_wrap(lines, width, rng):
    document = Document("\n".join(lines))
    wrap = DraftWrap(document, width)
    _same_view(wrap, width)
    for _ in range(8):
        rows = document.line_count
        start_row = rng.randrange(rows)
        end_row = rng.randrange(start_row, rows)
        start = (start_row, rng.randint(0, len(document[start_row])))
        end = (end_row, rng.randint(0 if end_row > start_row else start[1], len(document[end_row])))
        inserted = rng.choice(["", "经", "a b", "\n", "核查\n新的一段 ", "\t"])
        result = document.replace_range(start, end, inserted)
        wrap.wrap_range(start, end, result.end_location)
        _same_view(wrap, width)


class _Editor(App):
    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def compose(self):
        yield DraftArea(self.text, soft_wrap=True)


def _rows_agree(area: DraftArea) -> None:
    for y in range(area.size.height):
        assert area._render_line(y) == TextArea._render_line(area, y), f"row {y}"


@pytest.mark.parametrize("text", [
    "经核查，照片中的大米为已封存待退货的批次（未供学生食用）。" * 40 + "\n\n短的一段\n" + "The rice in the photo [sealed] was never served. " * 20,
])
async def test_rows_are_drawn_as_textarea_draws_them(text):
    app = _Editor(text)
    async with app.run_test(size=(60, 24)) as pilot:
        area = app.query_one(DraftArea)
        area.focus()
        await pilot.pause()
        rng = random.Random(12)
        for _ in range(12):
            row = rng.randrange(area.document.line_count)
            column = rng.randint(0, len(area.document[row]))
            area.move_cursor((row, column), select=rng.random() < 0.4)
            area.scroll_cursor_visible()
            await pilot.pause()
            _rows_agree(area)
        area.move_cursor((0, text.index("（")))   # a bracket and its partner
        await pilot.pause()
        _rows_agree(area)
        area.blur()
        await pilot.pause()
        _rows_agree(area)


async def test_typing_into_a_long_paragraph_keeps_the_text():
    paragraph = "经核查，照片中的大米为已封存待退货的批次。" * 300
    app = _Editor(paragraph)
    async with app.run_test(size=(80, 24)) as pilot:
        area = app.query_one(DraftArea)
        area.focus()
        area.move_cursor((0, 3000))
        await pilot.press(*"舆情", "enter", "backspace", "a")
        assert area.text == paragraph[:3000] + "舆情a" + paragraph[3000:]
        _same_view(area.wrapped_document, area.wrap_width)
        _rows_agree(area)

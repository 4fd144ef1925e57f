"""How the prose of a scenario is read: its line breaks are the author's, not the reader's.

Scenario texts meant to be read as paragraphs (a summary, a team's brief, an inject's
body, a task's prompt, a fact's text) are often written in YAML block style
(`summary: |`), broken wherever the author's editor wrapped. Shown as written, they
wrap raggedly on a screen of another width. `reflow` reads them as Markdown reads a
paragraph:

- a single line break is a space, except between two CJK characters (Chinese and
  Japanese do not put spaces between words) or beside a full-width punctuation mark
  (which carries its own space), where it is nothing;
- a blank line starts a new paragraph;
- a line that starts a list item (`-`, `*`, `+`, `•`, `1.`, `2)`, `（1）`, `一、` …) stays
  a line of its own; the lines after it, up to a blank line or the next item, belong to it.

The result has one line per paragraph or list item, paragraphs separated by a blank
line: every screen and report wraps it to its own width. Pure text, no UI: the terminal
screens, the web page (the same screens) and the HTML, Markdown and PDF reports all use
it. Team text (drafts, submissions, notes) is never reflowed: it is shown as typed.
"""

from __future__ import annotations

import re

# Han, kana, bopomofo, CJK punctuation and full-width forms: scripts written without spaces.
# (Hangul is written with spaces and is left out.)
CJK = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f"
)
_CJK = re.compile(f"[{CJK}]")
# Full-width punctuation carries its own space: no space is added next to it either.
_WIDE_MARK = re.compile("[\u3000-\u303f\ufe30-\ufe4f\uff01-\uff0f\uff1a-\uff1f\uff3b-\uff3d\uff5b-\uff65]")
_ITEM = re.compile(
    r"\s*(?:[-*+•·▪‣]\s|\d{1,3}[.)]\s|\d{1,3}[．、]|[（(]\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[)）]"
    r"|[一二三四五六七八九十]{1,3}、|[a-zA-Z][.)]\s)"
)


def reflow(text: str) -> str:
    """`text` as paragraphs and list items, one per line, paragraphs apart by a blank line."""
    blocks: list[list[str]] = []   # each block: its paragraphs and items, each as a list of lines
    block: list[list[str]] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            if block:
                blocks.append(block)
                block = []
        elif _ITEM.match(line + " ") or not block:   # the space: "-" alone is an (empty) item too
            block.append([line])
        else:
            block[-1].append(line)
    if block:
        blocks.append(block)
    return "\n\n".join("\n".join(_joined(lines) for lines in block) for block in blocks)


def _joined(lines: list[str]) -> str:
    """One paragraph's lines as one line: a space between them, nothing between two CJK characters."""
    joined = lines[0]
    for line in lines[1:]:
        tight = (_CJK.match(joined[-1]) and _CJK.match(line[0])) or _WIDE_MARK.match(joined[-1]) or _WIDE_MARK.match(line[0])
        if _ITEM.fullmatch(joined + " "):   # a bare list marker keeps its space, so it stays a marker
            tight = False
        joined += line if tight else " " + line
    return joined


# Line-breaking rules for CJK (kinsoku; GB/T 15834, JIS X 4051): a closing mark, a pause or
# stop, an ellipsis never begins a line, and an opening mark never ends one. Every place
# that wraps text on a screen (drill.tui.widgets.wrap_cells for prose, lists and dialogs;
# drill.tui.draft for the editor) asks these two sets.
NO_LINE_START = "”’）》〉」』】〕〗〙〛］｝，。、；：！？…‥·・ー々〜～％‰)]},.;:!?%"
NO_LINE_END = "“‘（《〈「『【〔〖〘〚［｛(["


def kept_break(text: str, start: int, at: int) -> int:
    """Where a line that starts at `start` and would break before `at` breaks instead, so that
    the next line does not begin with a closing mark nor this one end with an opening mark:
    the break moves back, taking the character before along. A line made only of marks
    breaks where it would have."""
    at_ = at
    while at_ - 1 > start and (text[at_] in NO_LINE_START or text[at_ - 1] in NO_LINE_END):
        at_ -= 1
    if text[at_] in NO_LINE_START or text[at_ - 1] in NO_LINE_END:
        return at
    return at_

"""Tables typed into a text, read as a reader reads them.

Teams paste tables from their word processor or type them in Markdown ("| Rumour | What we
found |"). A reader takes each cell as said under its column's heading: under "Thông tin lan
truyền" (what is circulating) a cell retells the rumour, under "Still being checked" it is not
yet settled, as the items of a list take the stance of the label a colon opened it with
("Still to be confirmed: A; B"). A row of two cells is a label and its value, as "Severity:
SERIOUS" would be. Read as one line, the rumour in a first cell would be the team's own claim,
a term could run on from one cell into the next, and a label would answer no form field.
"""

from __future__ import annotations

import re

_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")  # the line under a table's heading row


def headings(text: str) -> dict[int, list[str]]:
    """Where each line of a Markdown table starts in the text, and the headings of its table's
    columns (none for the heading row and the rule under it). A line of pipes with no rule under
    a heading row is no table ("| sealed | never served |" is a heap of keywords all the same)."""
    found: dict[int, list[str]] = {}
    if "|" not in text:
        return found
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    at = 0
    while at + 1 < len(lines):
        if "|" in lines[at] and _RULE.match(lines[at + 1]):
            heading = _cells(lines[at])
            found[starts[at]] = found[starts[at + 1]] = []
            at += 2
            while at < len(lines) and "|" in lines[at] and lines[at].strip():
                found[starts[at]] = heading
                at += 1
        else:
            at += 1
    return found


def column(text: str, row: int, at: int) -> int:
    """Which column of the row starting at `row` the text at `at` stands in."""
    return text.count("|", row, at) - text[row:at].lstrip().startswith("|")


def field(line: str) -> str | None:
    """A row of two cells as the "label: value" it stands for ("| Severity | SERIOUS |"), else None."""
    if not line.lstrip().startswith("|"):
        return None
    cells = _cells(line)
    return f"{cells[0]}: {cells[1]}" if len(cells) == 2 and all(cells) else None


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().removeprefix("|").removesuffix("|").split("|")]

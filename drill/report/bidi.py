"""Bidirectional control characters, made visible instead of obeyed.

A team's text (or a scenario's) may carry the invisible characters that steer
right-to-left layout: embeddings and overrides (U+202A-U+202E), isolates
(U+2066-U+2069) and the marks (U+200E, U+200F, U+061C). Obeyed in a debrief,
an override reverses what follows it ("we did NOT act" displays as "we did
TCA TON"...), so a report could say something other than what was written.
Every report output (HTML, Markdown, and the PDF made from that HTML) passes
through `neutralise`, which writes each one as its code point, `[U+202E]`:
the reader sees that it was there and the text keeps its order.
"""

from __future__ import annotations

import re

CONTROLS = tuple(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C))
_CONTROL = re.compile("[" + "".join(CONTROLS) + "]")


def neutralise(text: str) -> str:
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda found: f"[U+{ord(found.group()):04X}]", text)

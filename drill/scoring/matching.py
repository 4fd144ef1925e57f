"""How a rubric's terms are found in a team's text.

Teams type on whatever keyboard and input method they have: full-width Latin
letters and digits from a Chinese IME, decomposed Vietnamese accents, a phrase
broken across lines. A trainer's term should match all of these, so both sides
are folded the same way before a plain substring test.
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """NFKC and casefold (then NFKC again, since casefolding can undo composition),
    with every run of whitespace made one space."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(folded.split())


def found(terms: list[str], folded_text: str) -> list[str]:
    """The terms, as the trainer wrote them, that occur in already-folded text."""
    return [term for term in terms if fold(term) in folded_text]


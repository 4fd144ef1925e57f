"""How a rubric's terms are found in a team's text.

Teams type on whatever keyboard and input method they have: full-width Latin
letters and digits from a Chinese IME, decomposed Vietnamese accents, a phrase
broken across lines. A trainer's term should match all of these, so both sides
are folded the same way before they are compared.

This module folds text and decides where a term may begin and end; clauses.py reads
a text clause by clause with it. Terms match as substrings (the file-format contract), with one refinement for
languages that write every syllable apart: in Vietnamese a term is whole
syllables, so "tin" (news) is not found in "tinh thần" or "tính", nor "phí"
(fee) in "phía" (side). Word boundaries are checked only at an end of the term
that is a letter or digit of a script written with spaces (Latin, Cyrillic,
Greek, ...); an end in Chinese or Japanese characters, or in punctuation, is
matched as a substring, as before. English terms may end inside a word, so that
stems work ("hospitali" finds "hospitalised"), but start one (clauses.py); Chinese has
no spaces to find.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Languages (BCP 47 primary subtags) whose terms match whole words: each Vietnamese
# syllable is a word of its own, so a shorter syllable inside a longer one is another word.
WHOLE_WORD_LANGUAGES = frozenset({"vi"})

# Scripts written without spaces between words: a term's end in one of these is never a boundary.
_UNSPACED = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x2E80, 0xA4CF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))


def fold(text: str) -> str:
    """NFKC and casefold (then NFKC again, since casefolding can undo composition),
    with every run of whitespace made one space and a typographic apostrophe a plain one
    ("don’t" is "don't")."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(folded.replace("\u2019", "'").split())


def spaced(text: str) -> str:
    """NFKC text with every run of whitespace (line breaks included) made one space: what a
    regex check searches, so a pattern with a space matches a phrase broken across lines.
    Case is kept: a pattern's author decides about case with `(?i)`."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def whole_words(language: str | None) -> bool:
    """Whether terms in text of this language (a BCP 47 tag) match whole words only."""
    return bool(language) and language.lower().split("-")[0] in WHOLE_WORD_LANGUAGES


@lru_cache(maxsize=8192)
def wordlike(char: str) -> bool:
    """A letter, digit or combining mark of a script written with spaces between words."""
    if not char or unicodedata.category(char)[0] not in "LNM":
        return False
    code = ord(char)
    return not any(low <= code <= high for low, high in _UNSPACED)


def occurs(term: str, text: str, words: bool) -> bool:
    if not term:
        return False
    if not words:
        return term in text
    start_needs, end_needs = wordlike(term[0]), wordlike(term[-1])
    at = text.find(term)
    while at != -1:
        end = at + len(term)
        if not (start_needs and at > 0 and wordlike(text[at - 1])) and not (end_needs and end < len(text) and wordlike(text[end])):
            return True
        at = text.find(term, at + 1)
    return False


def place(term: str, text: str) -> int:
    """Where the term first stands in the text as whole words (in a script written with spaces), or
    -1: occurs, with the place. Kept apart from occurs, which the reader calls most often."""
    at = text.find(term)
    while at != -1:
        if occurs(term, text[max(0, at - 1):at + len(term) + 1], True):
            return at
        at = text.find(term, at + 1)
    return -1

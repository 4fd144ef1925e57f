"""Reading a team's text clause by clause: where a term stands and what the clause does with it.

A term found in a text is not yet a statement. "We cannot yet confirm whether the
batch was sealed" contains "sealed" but states nothing; "it is not true that pupils
were hospitalised" contains a false claim and rejects it; "sealed, no illness, flu" is
a list of keywords with no sentence around them. So the text is split into sentences
and clauses (by the punctuation of Chinese, English and Vietnamese, and by joining
words such as "but" / 但 / nhưng; a sentence quoted ends none of the team's), and each
place a term is found gets a stance:

- `stated`: asserted by the writer;
- `hedged`: in a question, or beside a hedge (whether, 是否, liệu, ...) in its clause, or
  after a clause of its sentence opened by a condition (if, 若, nếu: a case planned for);
- `negated`: after a negation (not, 并非, không phải, ...) close before it in its clause,
  or right after an "or" that follows one ("no food poisoning or admitted to hospital"), or
  further on in a clause that a prohibition opens or a negation of all there is governs
  ("do not describe the parents as spreading rumours", "no pupil from the school has been
  admitted to hospital", 没有任何, không có ... nào);
- `rejected`: in a sentence that calls it untrue (不属实, is false, sai sự thật, ...).

A hit is bare (asked only where a check wants a clause of its own) when its clause holds
nothing but rubric keywords: a fragment in a list, not a sentence. The items of a list take
the stance of the short label a colon opened it with ("Still to be confirmed: ..."), and the
cells of a Markdown table that of their column's heading (tables.py).
Beyond its stance, the claim checks ask whether a hit is the rumour quoted (between
quotation marks) or retold (after "circulating", lan truyền, 网传 in its sentence, or right
after a verb of saying: "a video claimed ..."), a promise (will, sẽ), an action asked for
("asked to return", yêu cầu, 要求), or bounded by what has been seen so far (so far no ...,
截至目前未发现); the stonewalling check asks whether the team owns it as a failing (we
apologise that we did not answer) or puts it in the past. The words of each language are
data (lexicon.py).

Terms are found as before (folded substrings, whole syllables in Vietnamese, English from
the start of a word), and
also in the writer's own words: the language's variants made one (已经 = 已, 全部 = 均),
English words compared by a light stem (sealed / seals / sealing), helper words
ignored (was / has been), and a few words allowed between a term's parts
("已于4月15日封存" says 已封存; "the rice has now been sealed" says "rice sealed").
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache

from . import tables
from .lexicon import Lexicon
from .matching import fold, occurs, whole_words, wordlike

STATED, HEDGED, NEGATED, REJECTED = "stated", "hedged", "negated", "rejected"
LOOSE, ORDERED, TENSE, EXACT = "loose", "ordered", "tense", "exact"  # how closely a term's words must be matched
_CLAIM_GAP = 2  # words that may stand among a brush-off's or a label's (ORDERED): a false match costs a team its score
_PAST_REACH = 2  # words before a brush-off that may put it in the past
_LIST_HEAD = "list"  # the kind of an unnumbered heading over a list (_sections)
_HEADING_WORDS, _HEADING_CHARS = 6, 12  # a line no longer than this, alone before a line break, is a heading
_CONTINUES = ",;:，；：、-–—("  # a line ending in one of these runs on into the next
_BULLETS = ("-", "•", "*", "·", "–")  # a line starting with one of these is an item of a list
_ITEM = re.compile(r"[-•*·–]|\(?[0-9a-zA-Z]{1,2}[.)）、]|[一二三四五六七八九十]+、")  # a line that starts an item
_LEADERS = " " + "".join(_BULLETS) + "0123456789.)、"  # what may stand before a clause's first word: a bullet, a number
_SENTENCE_END = "。！？!?；;\n"  # a semicolon parts statements that stand on their own
_CLAUSE_BREAK = "，,：:、（）()「」《》—…|"  # read before NFKC, which would make ， a ,; | parts the cells of a table
# ASCII marks between two digits belong to a number (1.650.000, 1,65, 10:30), not to the sentence.
_ASCII_NEEDS_SPACE = ".,;:"
_FOLDED_COMMA = re.compile(r"(?<!\d),|,(?!\d)")  # a comma as a term holds it once folded, not one in "1,650,000"
_WORD = re.compile(r"\w+(?:[.,']\w+)*")
# How close before a term a negation must stand to deny it: characters for Chinese, else words.
_STEM_MIN = 4  # letters of a rubric's English stem ("test", "sampl") that match the words it begins
_LEAD_WORDS, _LEAD_CHARS = 4, 6  # how close before a claim a verb of saying stands to bear on it
_ITEM_WORDS = 6  # a clause this short (words; characters in Chinese), after others in its sentence, is an item of a list
_SUBJECT_WORDS, _SUBJECT_CHARS = 3, 6  # at most this before a passive sanction that opens its clause
# A request reaches past whom it asks ("yêu cầu Ban đại diện lớp 3A dừng thu", "asked the class 3A
# parents' committee to stop collecting"): the action asked for may stand further off.
_ASKED_WORDS, _ASKED_CHARS = 8, 12
_WARNED_GAP = 3  # words (characters in Chinese) between "not to" and "by": "not to be misled by bad actors"
_NEGATION_REACH_CHARS = 6
_NEGATION_REACH_WORDS = 4
# A prohibition among a clause's first words ("please do not", 请不要, "tuyệt đối không"), or a negation
# of all there is ("no pupil", "never", 没有任何), governs this much of the clause after it.
_OPENING_LEAD_WORDS, _OPENING_LEAD_CHARS = 5, 3
_GOVERNED_WORDS, _GOVERNED_CHARS = 12, 20
_ALTERNATIVES_MAX = 2  # "no A or B or C": how many alternatives one negation reaches back across
_QUOTE = 48  # characters of a clause quoted as evidence
_OPENING, _CLOSING = ('"', "“", "‘", "'"), ('"', "”", "’", "'")  # quotation marks around a word named (「」 split clauses)
_BARE_MIN = 1
# A sentence of at least _LIST_MIN pieces, most no longer than this, is a list of keywords.
_LIST_MIN = 5
_NOTES_LINES = 4  # a text that reads as a list on this many lines is notes, not a heap of keywords
# Bullet notes: at least this many items, this share of the text's lines, and this share of them
# short (no more words, or Chinese characters, than these).
_BULLETED_ITEMS, _BULLETED_SHARE, _BULLETED_SHORT = 5, 0.75, 0.85
_BULLET_WORDS, _BULLET_CHARS = 12, 30
# A label and its value with no full stop, where every syllable is written apart (Vietnamese: a word is one
# to three of them), may run longer and still be jotted: "ĐH 2,5 tr: sai TT55 / dừng / 14 hộ – 35 tr / hoàn trước 20/9";
# so may one in Chinese characters: "快检（市监局）：7份样品；在用米+近3天米饭留样 合格，AFB1未检出".
# Past the ordinary limit, only a value of short pieces is jotted ("合格，AFB1未检出"), not a sentence without
# its full stop ("区教育局今天18时前在官方微博发布情况通报，说明封存大米的去向和抽检结果").
_JOTTED_SYLLABLES, _JOTTED_CHARS, _JOTTED_PIECE = 18, 40, 15
_PIECES = re.compile(r"[，,；;、/+（）() ]")
# An item of a list: a bullet, a number or a Chinese numeral (not "Mr." or "No. 3"); and the label an
# item of notes opens with ("Điều hòa 2,5tr: sai QĐ", "快检：合格", "Verification - ongoing").
_BULLET_ITEM = re.compile(r"(?:[-•*·–]|\(?\d{1,2}[.)）、]|[一二三四五六七八九十]+、)\s*")
_RANK = re.compile(r"#{1,4}\s|\*\*|(?:\d{1,2}|[IVX]{1,4})[.)）、]\s*|[一二三四五六七八九十]+、")  # a heading's mark of rank
_LABEL = re.compile(r"^[^.。!?！？;；]{1,24}?(?:[:：]|\s[-–—]\s)")
_WRITTEN_FIELD = re.compile(r"^(?P<head>[^:]{2,30}):\s*(?P<value>\S.*)$")  # "Severity: serious", folded
_NAMED_AFTER = re.compile(r"(?P<value>[^:()（）]{2,120}?)\s*[(（](?P<head>[^()（）]{2,30})[)）]")  # "the ward People's Committee (lead unit)", folded
_LABEL_COLON = re.compile(r"[:：](?!\d)")  # a label's colon, not a clock's ("10:00")
_VERDICT_PARTS = re.compile(r"[/／?？|,，\s]+|\b(?:or|hay|hoặc)\b|或|是否")  # "True/False", "Đúng hay sai?", "是否属实"
_LAST_NAMED = re.compile(r",|，|;| and | to | và | với |、|和")  # what stands before the bracket names one thing: the last of a list
_NUMBERING = re.compile(r"^(?:[\W\d_一二三四五六七八九十]|[IVXivx]+(?=[.)）、]))*")  # "（四）", "4.", "IV." before a heading's words
_LINE_PIECE = re.compile(r"[。；;!?！？]|\.(?:\s|$)")  # where a sentence ends in folded text (not in "6.200"), and a "label: value" on a line
_RUN_ON_WORDS = 8  # a clause of this many words nearly always holds a grammar word, unless it is a list
_LIST_ITEM_WORDS = 3
_LIST_ITEM_CHARS = 6  # characters (Chinese) or words besides keywords that make a clause more than a fragment
_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ied", "ies", "ed", "es", "s", "ly")


def stem(word: str, forms: Mapping[str, str] | None = None) -> str:
    """A light English stem: enough that tenses and plurals of a keyword meet
    (sealed / seals / sealing -> seal; hospitalized -> hospitalis); with the lexicon's
    `forms`, the words it would get wrong are read as the word they are a form of first
    (went / gone -> go, moved -> move)."""
    if forms:
        word = forms.get(word, word)
    word = word.replace("iz", "is")
    if len(word) <= 4:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + ("y" if suffix in ("ied", "ies") else "")
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # stopped -> stopp -> stop
    return word


@dataclass(frozen=True)
class Clause:
    """A clause as the team wrote it (`text`) and as terms are compared with it (`read`)."""

    text: str
    read: str
    sentence: int
    question: bool  # its sentence ends with a question mark
    intro: str = ""  # read: the label of the list the clause is an item of ("Still unconfirmed: A; B")
    section: str = ""  # read: the heading of the part of the text the clause stands in ("三、尚未核实的情况")
    aside: str = ""  # read: what the clause, an aside in brackets, is said of ("tin sai sự thật (hiệu trưởng bị bắt, ...)")
    column: int = 0  # in a table's row ("| Severity | SERIOUS |"), its column from 1; terse by its form, not a list


@dataclass(frozen=True)
class Hit:
    term: str  # as the rubric or scenario wrote it
    clause: Clause
    start: int  # in clause.read
    end: int
    stance: str

    @property
    def quote(self) -> str:
        """The team's own words around the term: its clause, or of a long clause the stretch
        around the term (placed by proportion: folding may change a clause's length)."""
        text, read = self.clause.text, self.clause.read
        if len(text) <= _QUOTE:
            return text
        scale = len(text) / max(len(read), 1)
        middle = int((self.start + self.end) / 2 * scale)
        low = max(0, min(middle - _QUOTE // 2, len(text) - _QUOTE))
        high = low + _QUOTE
        return ("…" if low else "") + text[low:high].strip() + ("…" if high < len(text) else "")


def _split(text: str, abbreviations: frozenset[str] = frozenset(), numbered: frozenset[str] = frozenset()
           ) -> list[tuple[str, int, bool, str, str, str, int]]:
    """(clause text, sentence index, sentence is a question, intro, section, aside, column of a table or 0) in order, punctuation dropped.
    A full stop after an abbreviation ("No. 3 Primary", "Ms. Trang") ends no sentence, except after
    one of the `numbered` (abbreviations that are also negations) before a capital letter: "A: No.
    Fenghe supplies ..." answers no, then says something else (in a table's cell, "| No. Ms Hanh
    is at work |", the row stays one sentence, its verdict read as such). A clause's
    intro is the short label a colon opened its list with ("Still to be confirmed: (a) ...; (b)
    ..."); the list runs to the full stop, or to a line break not followed by another item, and
    an aside in brackets is no item. A long clause before a colon ("we can confirm the following:")
    opens no list. A clause's section is the heading of the part of the text it stands in (_sections);
    a clause in brackets is an aside, said of the short clause just before them."""
    out: list[tuple[str, int, bool, str, str, str, int]] = []
    sentence: list[tuple[str, str, str, str, int]] = []
    sections = _sections(text)
    columns = tables.headings(text)
    current: list[str] = []
    index = 0
    quoted = False  # inside quotation marks, which a line break closes
    intro = ""  # the label of the list now open
    bracketed = False
    aside = ""  # what an aside in brackets is said of: the short clause just before it ("false news (...)")
    dashes = _lone_dashes(text)

    def close_clause(end: int) -> None:
        """Ends the clause now open, at `end` in the text (which places it in its section)."""
        piece = "".join(current).strip()
        if piece:
            section = next((heading for start, stop, heading in sections if start <= end <= stop), "")
            row = text.rfind("\n", 0, end) + 1
            heads = columns.get(row)
            at = tables.column(text, row, end) if heads is not None else -1
            label = heads[at] if heads and 0 <= at < len(heads) and heads[at] else intro  # a cell is said under its column's heading
            sentence.append((piece, "" if bracketed else label, section, aside if bracketed else "", at + 1))
        current.clear()

    def close_sentence(question: bool, end: int) -> None:
        nonlocal index
        close_clause(end)
        out.extend((piece, index, question, *parts) for piece, *parts in sentence)
        sentence.clear()
        index += 1

    for at, char in enumerate(text):
        before = text[at - 1] if at else " "
        following = text[at + 1] if at + 1 < len(text) else " "
        closing = quoted and char in '"”'
        quoted = _quote_state(quoted, text, at)
        ends = char in _SENTENCE_END or (char == "." and (following.isspace() or not wordlike(following) and not following.isdigit())
                                         and not _abbreviated(current, abbreviations, frozenset() if text.rfind("\n", 0, at) + 1 in columns else numbered,
                                                              text[at + 1:at + 8]))
        if quoted and ends and char != "\n":
            close_clause(at)  # 'under "Haven't paid? Sit at the back!" and "..."': a quoted sentence ends none of the team's
        elif closing and before in ".?!。！？" and _starts_sentence(text, at + 1):
            current.append(char)  # 'A post claimed "the rice is mouldy." Several pupils ...': the quote and its sentence end
            close_sentence(False, at)
            intro = ""
        elif char.isspace() and _han(before) and _han(following):
            close_clause(at)  # Chinese puts no spaces in a sentence: words spaced apart are a list
        elif char == "\n" and following != "\n" and before != "\n":
            nxt = text.find("\n", at + 1)
            below = text[at + 1:nxt if nxt != -1 else len(text)].strip()
            if intro and not _ITEM.match(below):
                close_clause(at)
                intro = ""  # a line that is no further item ends the list
            line = text[text.rfind("\n", 0, at) + 1:at]
            if _heading(line) and not _heading(below) and not below.startswith(_BULLETS) or at - len(line) in columns:
                close_sentence(False, at)  # "3. The children's health" above a paragraph is a heading; a table's row ends
            else:
                current.append(" ")  # one line break wraps a line; a blank line ends a paragraph
        elif ends:
            close_sentence(char in "？?", at)
            if char not in ";；":  # a semicolon leaves the list open for its next item
                intro = ""
        elif char in _CLAUSE_BREAK and not (char in _ASCII_NEEDS_SPACE and before.isdigit() and following.isdigit()) or at in dashes:
            close_clause(at)
            label = sentence[-1][0] if sentence and _heading(sentence[-1][0]) else ""  # the short clause just closed
            if char in ":：" and not quoted and not bracketed:
                intro = label
            if char in "(（" and not bracketed:
                aside = label
            bracketed = char in "(（" or bracketed and char not in ")）"
        else:
            current.append(char)
    close_sentence(False, len(text))
    return out


def _sections(text: str) -> list[tuple[int, int, str]]:
    """The parts of a report under its headings: (start, end, heading). A heading here is a short
    line with no colon and not the text's first line (a title speaks of the whole text, "Statement
    on unverified posts"): with a mark of its rank ("3.", "三、", "III.", "## ", "**") and no full
    stop, its part runs over the lines below it to a blank line after them or to the next heading
    of the same mark ("三、尚未核实的情况" over "1. 是否有学生……", up to "四、"); with no mark, above
    a list ("What is not yet confirmed." over "- Whether any pupil ..."), its part is that list's
    items, up to the first line that is no item. So what the heading says of its items is read
    with each of them (Reading._stance)."""
    spans: list[tuple[int, int, str]] = []
    heading, kind, start, filled = "", "", 0, False
    at, first = 0, True
    lines = text.split("\n")
    for index, raw in enumerate(lines):
        line = raw.strip()
        mark = _RANK.match(line)
        rank = _rank(mark.group(0)) if mark else ""
        if heading and (not line and filled or rank and rank == kind or kind == _LIST_HEAD and line and not _ITEM.match(line)):
            spans.append((start, at, heading))
            heading = ""
        titled = line and not first and _heading(line) and not any(c in line for c in ":：")
        below = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if titled and rank and line[-1] not in _SENTENCE_END + ".":
            heading, kind, start, filled = line, rank, at + len(raw) + 1, False
        elif titled and not rank and not _ITEM.match(line) and line[-1] not in _SENTENCE_END and _ITEM.match(below):
            heading, kind, start, filled = line, _LIST_HEAD, at + len(raw) + 1, False
        elif line and heading:
            filled = True
        first = first and not line
        at += len(raw) + 1
    if heading:
        spans.append((start, len(text), heading))
    return spans


def _rank(mark: str) -> str:
    """The kind of a heading's mark: headings of one kind are of one rank ("3." ends "2."'s part;
    "1." under "三、" does not)."""
    head = mark.lstrip()[0]
    return "1" if head.isdigit() else "I" if head in "IVX" else head if head in "#*" else "一"


def _lone_dashes(text: str) -> set[int]:
    """Where a spaced dash (a hyphen or an en dash, as Vietnamese and many keyboards type it) or
    plus parts a case from what to do ("A pupil falls ill - hospital + report within 30 min"), or a
    question from what follows it ("hiệu trưởng có bị bắt không – CTV ghi nhận ..."): the only one
    in its sentence, not between digits ("7:30 - 9:00"); a pair sets an aside apart ("No pupils -
    whether or not their family paid - were moved")."""
    found = [m.start() + 1 for m in re.finditer(r" [-+–] ", text)]
    ends = [m.start() for m in re.finditer(r"[.!?。！？\n]", text)]
    out = set()
    for at in found:
        low = max((e for e in ends if e < at), default=-1)
        high = min((e for e in ends if e > at), default=len(text))
        pair = [d for d in found if low < d < high and d != at and text[d] == text[at] != "+"]
        if not pair and not (text[at - 2:at - 1].isdigit() and text[at + 2:at + 3].isdigit()):
            out.add(at)
    return out


def _heading(line: str) -> bool:
    """A short line with no closing punctuation: above a longer line of prose, a title that ends
    its sentence at the line break ("3. The children's health", "一、关于验收"), not the first part
    of a wrapped sentence; above other short lines or bullets, the head of a list, read as before."""
    line = line.strip()
    if not line or line[-1] in _CONTINUES:
        return False
    if any(_han(ch) for ch in line):
        return len(line) <= _HEADING_CHARS
    return len(line.split()) <= _HEADING_WORDS


def _abbreviated(current: list[str], abbreviations: frozenset[str], numbered: frozenset[str] = frozenset(), after: str = "") -> bool:
    """Whether the word just before a full stop is an abbreviation of the language ("No", "Mr",
    '"No. 3 Primary"'); one of the `numbered` not when a capital letter comes `after` it ("A: No.
    Fenghe supplies ...", not "No. 3", "No. of pupils")."""
    words = "".join(current).split() if abbreviations else []
    word = words[-1].lstrip('"“(').casefold() if words else ""
    return word in abbreviations and (word not in numbered or not after.lstrip(' "“(')[:1].isupper())


def _quote_state(quoted: bool, text: str, at: int) -> bool:
    """Whether the text is inside quotation marks after the character at `at`. A straight quote
    opens only when another closes it on the same line (an inch mark or a stray quote opens
    nothing); “ opens, ” closes, and a line break closes whatever is open."""
    char = text[at]
    if char == '"':
        if quoted:
            return False
        line_end = text.find("\n", at + 1)
        return text.find('"', at + 1, line_end if line_end != -1 else len(text)) != -1
    if char == "“":
        return True
    if char in "”\n":
        return False
    return quoted


def _starts_sentence(text: str, at: int) -> bool:
    """Whether a new sentence starts at `at` (after spaces): a capital letter, a Chinese
    character, a line break or the end of the text."""
    rest = text[at:].lstrip(" \t")
    return not rest or rest[0] == "\n" or rest[0].isupper() or _han(rest[0])


def _near(read: str, start: int, end: int) -> list[str]:
    """The words of a found term and the few just before it, where "will" or "đã" say when."""
    return _WORD.findall(read[:start])[-_NEGATION_REACH_WORDS:] + _WORD.findall(read[start:end])


def _word_end(read: str, end: int) -> int:
    """Where the word a hit ends in ends: the rest of its word in a script with spaces."""
    while end < len(read) and wordlike(read[end]):
        end += 1
    return end


def _han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


class Reading:
    """A text read once for all of a rubric's checks."""

    def __init__(self, text: str, lexicon: Lexicon, keywords: tuple[str, ...] = (), fields: tuple[str, ...] = ()):
        self.lexicon = lexicon
        self.whole = whole_words(lexicon.language)
        self.keywords = keywords  # every fact keyword of the scenario: what a bare fragment is made of
        self._token_cache: dict[str, _Tokens] = {}
        self._word_cache: dict[str, list[tuple[int, int, str, str]]] = {}
        self._unaided_cache: dict[str, list[tuple[int, int, str, str]]] = {}
        self._keywords_cache: dict[str, bool] = {}
        self._held_cache: dict[str, bool] = {}
        self._own_lines = [line.strip() for line in text.splitlines() if line.strip()]  # a form's fields are no notes
        self._lines = len(self._own_lines)
        # A form's fields are read after the text; a Windows line ending is one line break.
        text = "\n".join([text, *fields]).replace("\r\n", "\n").replace("\r", "\n")
        pieces = [(unicodedata.normalize("NFKC", piece), s, q, intro, section, aside, column)
                  for piece, s, q, intro, section, aside, column in _split(text, lexicon.abbreviations, lexicon.numbered)]
        self.clauses = [Clause(" ".join(piece.split()), lexicon.canon(fold(piece)), s, q, lexicon.canon(fold(intro)),
                               lexicon.canon(fold(section)), lexicon.canon(fold(aside)), column)
                        for piece, s, q, intro, section, aside, column in pieces]
        self.whole_read = lexicon.canon(fold(text))

    # -- finding terms ------------------------------------------------------------------

    def hits(self, term: str, match: str = LOOSE) -> list[Hit]:
        """Every clause in which the term is found (first place in each), with its stance.
        `match` says how close to the term the words must be: LOOSE (the writer's own words, see
        the module's docstring); ORDERED, a brush-off or a label: all its words, helper words too,
        in order, at most two others among them; TENSE, a claim: its words in order and saying the
        same about when (see _same_time: "we are checking all classes" does not claim "all classes
        have been checked"); EXACT, the term's words as written (an idiom: "nothing wrong at all"
        is not "nothing wrong")."""
        return list(self._hits(term, match))

    def _hits(self, term: str, match: str) -> Iterator[Hit]:
        """The hits one at a time, each stance read only when asked for: `find` stops at the
        first it keeps, and reading a stance is the costly part."""
        wanted = _prepared(term, self.lexicon)
        if not wanted:
            return
        if _spans_clauses(wanted, self.lexicon.abbreviations):
            # A term that spans clauses is looked for in the whole text, as it always was.
            if occurs(wanted, self.whole_read, self.whole):
                yield Hit(term, Clause(term, wanted, -1, False), 0, len(wanted), STATED)
            return
        if not self._may_hold(wanted):
            return
        for clause in self.clauses:
            span = self._locate(wanted, clause.read, match)
            if span is not None and not (match == TENSE and self._subject_elsewhere(wanted, clause.read, span[0])):
                yield Hit(term, clause, *span, self._stance(term, clause, *span))

    def _subject_elsewhere(self, wanted: str, read: str, start: int) -> bool:
        """Whether a claim that opens on its subject ("supplier is suspended") is found where that
        noun is the object of a preposition (the lexicon's `prepositions`, helper words between):
        "collection by the supplier is suspended" says the collection is, not the supplier."""
        lex = self.lexicon
        words = _WORD.findall(wanted)
        content = [word for word in words if word not in lex.fillers]
        if not lex.prepositions or not content or content[0] in lex.auxiliaries or not any(
                word in lex.auxiliaries for word in words[words.index(content[0]) + 1:]):
            return False
        before = _WORD.findall(read[:start])
        while before and before[-1] in lex.fillers and before[-1] not in lex.prepositions:
            before.pop()
        return bool(before) and before[-1] in lex.prepositions

    def find(self, terms: list[str], stances: tuple[str, ...] = (STATED, HEDGED), solid: bool = False, match: str = LOOSE,
             unless: Callable[[Hit], bool] | None = None) -> list[Hit]:
        """The first hit of each term with one of `stances` (and, with `solid`, in a clause
        of its own rather than a bare fragment; and not one `unless` passes over), found as
        `match` says (see hits)."""
        out: list[Hit] = []
        if solid and self.listed:
            return out
        for term in terms:
            for hit in self._hits(term, match):
                if (hit.stance in stances and not (solid and hit.clause.sentence >= 0 and self._bare(hit.clause, hit.start, hit.end))
                        and not (unless and unless(hit))):
                    out.append(hit)
                    break
        return out

    def _may_hold(self, wanted: str) -> bool:
        """A quick look at the whole text: can the term be anywhere in it at all? Asked once per
        term: the checks of one rubric look for the same facts and lists again and again."""
        held = self._held_cache.get(wanted)
        if held is None:
            held = self._held_cache[wanted] = self._looks_held(wanted)
        return held

    def _looks_held(self, wanted: str) -> bool:
        if wanted in self.whole_read:
            return True
        if self.lexicon.spaced:
            present = self._tokens(self.whole_read).present
            english = self.lexicon.language == "en"
            return all(
                want in present or (english and len(want) >= _STEM_MIN and self._begins(want))
                for want in _term_words(wanted, self.lexicon)
            ) and bool(_term_words(wanted, self.lexicon))
        return len(wanted) >= 3 and self.lexicon.gap > 0 and set(wanted) <= self._characters

    def _begins(self, stem_: str) -> bool:
        """Whether some word of the text begins with a stem ("investigat"): one look in the sorted words."""
        ordered = self._sorted_words
        at = bisect_left(ordered, stem_)
        return at < len(ordered) and ordered[at].startswith(stem_)

    @cached_property
    def _sorted_words(self) -> list[str]:
        return sorted(self._tokens(self.whole_read).present)

    @cached_property
    def _characters(self) -> set[str]:
        return set(self.whole_read)

    def _locate(self, wanted: str, read: str, match: str = LOOSE) -> tuple[int, int] | None:
        if self.whole:
            at = _find_whole(wanted, read)
        elif self.lexicon.language == "en":
            at = _find_word_start(wanted, read)
        else:
            at = read.find(wanted)
        if at != -1:
            span: tuple[int, int] | None = (at, at + len(wanted))
        elif match == EXACT:
            return None
        elif match == ORDERED and self.lexicon.spaced:
            span = _words_in_order(wanted, self._words(read), self.lexicon)
        elif self.lexicon.spaced and (core := _core(wanted, self.lexicon)):
            span = _in_order(core, self._unaided(read), _STEM_MIN + 1 if self.lexicon.language == "en" else 0)
        elif self.lexicon.spaced:
            span = _words_apart(wanted, self._tokens(read), self.lexicon, ordered=match == TENSE)
        else:
            span = _chars_apart(wanted, read, self.lexicon.gap, self.lexicon.unnegated)
        if span is not None and match == TENSE and self.lexicon.spaced and not self._same_time(wanted, read, span):
            return None
        return span

    def promised(self, hit: Hit) -> bool:
        """Whether the clause puts the hit in the future ("will be paid back", "sẽ hoàn trả"): a
        commitment, not a claim that it has happened. What is going on now is claimed: "cô Hạnh
        đang làm việc với công an quận" says where she is (the lexicon's `underway`). Only the
        words before the hit say so: a term's own words are what it claims ("sẽ xử phạt phụ huynh"
        is a claim about a decision; "sắp xếp lại chỗ ngồi" is no "sắp", about to). A term that ends on
        its tense ("no child was") leaves the verb to the text: where the words found stop short of it,
        the word after them is the text's, and "no child will be treated differently" commits. ("The
        pupils hospitalised will be discharged" still claims the term "pupils were hospitali".)"""
        read, lex = hit.clause.read, self.lexicon
        low, _ = self._scope(read, hit.start, hit.end)  # "will now set it apart and return it": one "will" for both
        said = _WORD.findall(read[hit.start:hit.end])
        if any(word in lex.done or word in lex.past for word in said):
            return False  # "will hold a meeting and two pupils were hospitalised": the hit says it happened
        own = _WORD.findall(_prepared(hit.term, lex))
        if own and own[-1] in lex.auxiliaries and own[-1] not in said:
            following = _WORD.findall(read[hit.end:])[:1]  # the verb the text wrote in place of the term's closing "was"
            if any(word in lex.ongoing and word not in lex.underway for word in following):
                return True
        before = _WORD.findall(read[low:hit.start]) + _near(read, hit.start, hit.start)  # the few words before, none of the hit's
        return any(word in lex.ongoing and word not in lex.underway for word in before)

    def required(self, hit: Hit, done_only: bool = False) -> bool:
        """Whether a word that requires an action stands before the hit or in it ("Phòng GD&ĐT đã
        yêu cầu trả lại đủ", "the school has been asked to return the money"): the action is asked
        for, not claimed done. With `done_only`, only a term that says a thing is done is excused:
        a request is no refund made, but it is a decision ("已要求三小终止合作" decides). (What is
        asked for may still presuppose a falsehood: "asked the teacher to move the pupils back to
        the front" is judged as a claim, by no_false_claims.)"""
        lex = self.lexicon
        term = _prepared(hit.term, lex)
        if done_only and not any(word in lex.done for word in _WORD.findall(term)):
            return False
        return self._just_before("directives", hit, _ASKED_WORDS, _ASKED_CHARS) and not self._any("directives", term)

    def _just_before(self, markers: str, hit: Hit, words: int = 0, chars: int = 0,
                     skip: Callable[[str, str, str], bool] | None = None) -> bool:
        """Whether a word of the list stands in the hit or at most a few words before it (by
        default _LEAD_WORDS, _LEAD_CHARS), in its scope: "a video claimed several pupils ..."
        reports the claim; "we asked to meet the parents and the head teacher has been
        suspended" asks for nothing that was claimed. A word of the list that the term itself is
        written with, found among the words the term matched, is the term's own and stands for
        nothing before it: "网传图片与三小无关" is the team's own denial of the photos, not a report.
        A word that `skip` (given the word, the words between it and the hit, and the hit's own words)
        passes over stands for nothing either."""
        pattern = _markers(self.lexicon, markers)
        if pattern is None:
            return False
        read, term = hit.clause.read, _prepared(hit.term, self.lexicon)
        low, _ = self._scope(read, hit.start, hit.end)
        for match in pattern.finditer(read, low):
            if match.start() >= hit.end:
                break
            if match.start() >= hit.start and self._has(match.group(0).strip(), term):
                continue
            between = read[match.end():hit.start]
            if skip is not None and skip(match.group(0).strip(), between, read[hit.start:hit.end]):
                continue
            size = self._extent(between)
            if size <= (_LEAD_WORDS if self.lexicon.spaced else _LEAD_CHARS):
                return True
            if size <= (words if self.lexicon.spaced else chars) and not self._any("coordinators", between) and not self._any("asked", between):
                return True  # further off, only without a new statement ("asked to meet the parents and ...") or question ("... why") between
        return False

    def _same_time(self, term: str, read: str, span: tuple[int, int]) -> bool:
        """Whether the words found say what the term says about when: a term that says a thing
        is done (has been, đã, xong: the lexicon's `done`) needs those words found with it, and
        none of a thing under way or to come (will, đang, sẽ: `ongoing`); a term that says a thing
        happened (was: `past`) is not said by words that put it to come ("will be collected"); an
        English -ing is no -ed. So "we are checking all 32 classes" and "the money will be refunded" claim neither
        "all 32 classes have been checked" nor "has been refunded"; a promise still matches a
        promise ("will be fined", "sẽ tạm dừng đứng lớp")."""
        lex = self.lexicon
        near = _near(read, *span)
        term_words = _WORD.findall(term)
        claims_done = [word for word in term_words if word in lex.done]
        if any(word not in near for word in claims_done):
            return False
        if claims_done and any(word in lex.ongoing for word in near):
            return False  # a promise ("will be refunded") is judged as one, not as a thing done
        # A term that says a thing happened (was), found without any word of the past near it:
        unsaid_past = any(word in lex.past for word in term_words) and not any(word in lex.past for word in near)
        if (unsaid_past and not any(word in lex.done for word in near)
                and any(word in lex.ongoing and word not in lex.underway for word in _WORD.findall(read[span[0]:span[1]]))):
            return False  # "not a single dong will be collected" promises; "we will stress that not a single dong has been collected" does not
        if lex.language != "en":
            return True
        if unsaid_past and any(word.endswith("ing") and word in lex.auxiliaries for word in near):
            return False  # "about children being moved to the back" tells of no move that happened
        done = {stem(word) for word in term_words if word.endswith("ed")}
        if any(word.endswith("ing") and stem(word) in done for word in near):
            return False
        return self._past_said(term_words, read, span, near)

    def _past_said(self, term_words: list[str], read: str, span: tuple[int, int], near: list[str]) -> bool:
        """Whether a term's verb in the past ("sent back", "paid") is found in the past too, not
        as the bare word ("asking schools to ... send it back the same day", "no family has to
        pay") unless "did" stands just before it ("the teacher did move pupils"). A promise
        ("will return it the same day") is found, and judged as one (see promised)."""
        lex = self.lexicon
        low, _ = self._scope(read, *span)
        if any(word in lex.ongoing for word in near + _WORD.findall(read[low:span[0]])):
            return True
        past = {stem(word, lex.forms) for word in term_words if word.endswith("ed") or lex.forms.get(word, word) != word}
        words = self._words(read)
        for at, (start, end, word, form) in enumerate(words):
            if start < span[0] or end > span[1] or form not in past:
                continue
            # "pass" is bare; "passes" and "passed" are not
            bare = word == lex.forms.get(word, word) and not word.endswith("ed") and (not word.endswith("s") or word.endswith("ss"))
            if bare and not any(w[2] in lex.past for w in words[max(0, at - 2):at]):
                return False
        return True

    def _words(self, read: str) -> list[tuple[int, int, str, str]]:
        """A clause's every word (helper words too) as (start, end, word, form), English by its
        stem as its form, read once for all the terms and phrases looked for."""
        found = self._word_cache.get(read)
        if found is None:
            english = self.lexicon.language == "en"
            found = self._word_cache[read] = [(m.start(), m.end(), m.group(0), stem(m.group(0), self.lexicon.forms) if english else m.group(0))
                                              for m in _WORD.finditer(read)]
        return found

    def _unaided(self, read: str) -> list[tuple[int, int, str, str]]:
        """A clause's words without the auxiliaries ("has been", "đã"), which say when, not what."""
        found = self._unaided_cache.get(read)
        if found is None:
            found = self._unaided_cache[read] = [word for word in self._words(read) if word[2] not in self.lexicon.auxiliaries]
        return found

    def _tokens(self, read: str) -> _Tokens:
        """A clause's words, helper words left out, for the terms looked for in the writer's own words."""
        tokens = self._token_cache.get(read)
        if tokens is None:
            kept = [word for word in self._words(read) if word[2] not in self.lexicon.fillers]
            forms = [form for *_, form in kept]
            tokens = self._token_cache[read] = _Tokens([(start, end, raw) for start, end, raw, _ in kept], forms, frozenset(forms))
        return tokens

    # -- what the clause does with it ------------------------------------------------------

    def _stance(self, term: str, clause: Clause, start: int, end: int) -> str:
        lex = self.lexicon
        # The clause and the next one of its sentence ("网传已有学生住院，经核实不属实"), the hit
        # itself left out: "đây là tin giả" does not reject "tin".
        earlier, later = self._sentence(clause)
        following = later[0].read if later else ""
        # An item's own label under a list's ("What we have not confirmed yet: - Illness: no pupil has
        # been reported to us ...") stands under both when the outer one leaves its items open or
        # unsaid; not one that pairs them with what is so ("Rumours and the facts:", "Tin đồn và sự thật:").
        intros = [clause.intro, *(label.intro for label in earlier[-1:] if clause.intro and label.read == clause.intro
                                  and label.intro and not self._any("coordinators", label.intro))]
        # A table's row is one sentence, its verdict in any later cell ("| Hiệu trưởng bị bắt | Trang Hóng Biến | Sai sự thật |").
        verdict = " | ".join(c.read for c in later) if clause.column else following if self._judges(clause, following) else ""
        rest = f"{clause.read[:start]} | {clause.read[end:]} | {verdict}"
        labels = f"{clause.intro} | {clause.aside} | {self._row_labels.get(id(clause), '')}"
        if self._any("rejections", rest) or self._any("falsehoods", labels):
            return REJECTED  # also the items of false news named: "False claims: ...", "| False claims | ... |", "tin sai sự thật (hiệu trưởng bị bắt, ...)"
        if any(intro and self._unsaid(intro) for intro in intros):
            return NEGATED  # "Do not say: that anyone has been disciplined; that the first post was a rumour"
        if any(intro and (self._any("hedges", intro) or self._unsettling(intro)) for intro in intros):
            return HEDGED  # "Still being checked: the payments of all 32 classes; who is responsible", "Still open: ..."
        if later and self._only("hedges", following) and self._labels(clause, later[0]):
            return HEDGED  # "Pupils in hospital: NOT CONFIRMED", "| Pupils in hospital | NOT CONFIRMED |"
        if len(later) == 1 and not clause.question and self._only("negations", following, exactly=True) and (
                not clause.column or not later[0].intro or self._verdict(later[0].intro)):
            return REJECTED  # "Việc Hiệu trưởng bị công an mời làm việc: không có", "| Claim | True? |…| No |"
        if clause.column and later and later[0].column == clause.column + 1 and self._flat_no(later[0].read):
            return REJECTED  # "| The head teacher was called in by the police | No. Ms Hanh was not arrested or called in. |"
        if clause.column == 1 and later and later[0].column == 2 and self._only("untrue", later[0].read, exactly=True):
            return REJECTED  # "| The head teacher was called in by the police | False. Ms Hanh is at work as usual. |"
        low, high = self._scope(clause.read, start, end)
        scope = clause.read[low:high]
        before, after = clause.read[low:start], clause.read[end:high]
        inside = clause.read[start:end]
        own_inside = self._outside_relatives(inside)
        wanted = _prepared(term, lex)
        # A term up to its reason word: "seated at the back because they had not paid" claims the seating,
        # and its "not" is the reason's, so the term is no denial that a negation before it leaves standing.
        denied_by, denial = before, self._any("negations", self._until("reasons", wanted))
        if denial:
            # A term that is itself a denial ("no family has paid") is not denied by a negation
            # across an "and": "never put into practice and no family has paid" says it.
            denied_by = self._since("coordinators", before)
        if (self._negation_near(denied_by) or not denial and self._negation_governs(before)
                or not lex.spaced and before.endswith(lex.negators)  # 对发帖家长不传唤: 不, 未 right before a verb deny it
                or any(self._has(m, own_inside) and not self._has(m, wanted) for m in lex.negations)
                or _negated_inside(inside, wanted, lex)
                or not denial and self._listed_after_negation(clause, start)
                or self._listed_after_unsaid(clause)):
            return NEGATED
        if self._asks(clause, scope):
            return HEDGED
        earlier, _ = self._sentence(clause)
        if any(self._opens("conditions", c.read) for c in (*earlier, clause)):
            return HEDGED  # "若有学生出现不适，立即联系家长，送医治疗": a case planned for
        if clause.section in self._open_sections:
            return HEDGED  # an item under "3. Still to be verified" that no negation or question already reads
        own_after = self._until("subordinators", after)
        if self._any("criteria", own_after):
            words = _WORD.findall(clause.read)
            if any(word in lex.past or word in lex.done for word in words) and not any(word in lex.ongoing for word in words):
                own_after = self._until("criteria", own_after)  # "has been seated according to whether the family paid"
        # A report word names what the team then rules on: "网传视频系拼接旧视频" says the video was spliced.
        lead = self._ruled(before, inside)
        if self._verified(clause):
            lead = self._since("reports", lead)
        if (self._any("hedges", self._granted(lead)) or self._any("hedges", own_after) or self._straddled("hedges", clause.read, start, end)
                or self._wished(before)
                or self._among("hedges", inside, wanted)
                or (self._among("wishes", inside, wanted) or self._among("norms", inside, wanted) or self._verb_after("norms", wanted, after))
                and not self._any("relatives", inside)):
            # A hedge among the term's own parts asks, too ("在用大米是否合格"); a wish there says nothing
            # ("no parent wants their child treated ..."), unless in a relative clause ("pupils who wanted lunch ate ...");
            # so does a rule there, or one standing for the verb a term leaves to helper words ("no child was" in
            # "no child should ever be treated ..."), unless in a relative clause ("pupils who ought to pay were moved ...").
            return HEDGED
        return STATED

    def _ruled(self, before: str, inside: str) -> str:
        """The words before a term after the last ruling on what is going round (the lexicon's
        `corrections`: "网传视频系拼接", "in fact"), where a report word no longer hedges; a ruling
        the term opens with, or that runs into it, leaves none ("网传……视频系造谣"). One in the
        middle of the term is the term's own word: "whether the list is actually the school's" asks."""
        pattern = _markers(self.lexicon, "corrections")
        ends = [m.end() for m in pattern.finditer(before + inside) if m.start() <= len(before)] if pattern is not None else []
        return before[ends[-1]:] if ends else before

    def _verified(self, clause: Clause) -> bool:
        """Whether the clause before it in its sentence says only that the team checked (the
        lexicon's `verifications`: "经核实，网传照片中的大米是4月15日到货的2袋"): what it then retells
        from the rumour it rules on, as "视频系" does after it (`corrections`)."""
        if not self.lexicon.verifications:
            return False
        earlier, _ = self._sentence(clause)
        return bool(earlier) and self._only("verifications", earlier[-1].read, exactly=True)

    def _granted(self, text: str) -> str:
        """The text with each "may" that grants blanked out (the lexicon's `permissions`, a "may"
        and a verb of what a person may do: "parents may visit the canteen at any time" promises the
        visits); any other still guesses ("parents may think", "you may hear that ...")."""
        pattern = _markers(self.lexicon, "permissions")
        return pattern.sub(lambda found: " " * len(found.group(0)), text) if pattern is not None else text

    def _flat_no(self, read: str) -> bool:
        """Whether a table's cell opens on a bare "No." (a negation that ends its own sentence) before
        it says more: the answer to the claim in the cell before."""
        found = self._opening("negations", read)
        return found is not None and read[found.end():found.end() + 1] in (".", "。", "!", "！")

    def _wished(self, before: str) -> bool:
        """Whether the words just before a term end in a wish (the lexicon's `wishes`, helper words
        after it at most): "many of you would like to be able to visit at any time" wishes for the
        visits; "the teacher who wanted the money moved the children" claims the move."""
        return self._ending("wishes", self._unhelped(before)) is not None

    def _judges(self, clause: Clause, following: str) -> bool:
        """Whether the next clause of a sentence is a verdict on this one ("网传已有学生住院，经核实不属实",
        "..., and this is untrue"): not a reason ("because its records are inconsistent with the facts"),
        nor, after a denial, news of its own that it rejects ("没有学生住院，网传“多名学生送医”不实")."""
        if self._opens("reasons", following):
            return False
        return not (self._opens("reports", following) and self._any("negations", clause.read) and self._own_news(following))

    def _own_news(self, read: str) -> bool:
        """Whether a clause that opens with news names news of its own: quoted ("网传“多名学生送医”不实"), or
        more than a few words of it and no word that points back (the lexicon's `pointers`: "网传这一说法
        与事实不符", "tin đồn này là sai"); "claims that are untrue" and 传言不实 are too short to name any."""
        found = self._opening("reports", read)
        rest = read[found.end():] if found is not None else read
        return not self._any("pointers", rest) and (
            any(mark in read for mark in _OPENING) or self._size(rest) > (_ITEM_WORDS // 2 if self.lexicon.spaced else _ITEM_WORDS))

    def _outside_relatives(self, inside: str) -> str:
        """The words among a term's parts without a relative clause there (the lexicon's
        `relatives`, up to the auxiliary that follows its own verb, the main verb's): "children | who had
        not paid | were moved to the back" claims the move, and its "not" is the relative clause's;
        "pupils | who were unwell | have never been admitted" keeps its "never"."""
        pattern = _markers(self.lexicon, "relatives")
        found = pattern.search(inside) if pattern is not None else None
        if found is None:
            return inside
        own_verb = False
        for word in _WORD.finditer(inside, found.end()):
            text = word.group(0)
            if own_verb and text in self.lexicon.auxiliaries:
                return inside[:found.start()] + inside[word.start():]
            own_verb = own_verb or (text not in self.lexicon.auxiliaries and text not in self.lexicon.negations)
        return inside

    def _unsaid(self, intro: str) -> bool:
        """Whether a list's label says its items are not to be said: "Do not say: ...", 不要说：, or a
        bare prohibition and nothing else ("Do not: call the parent a rumour-monger; ..."); "Do not
        worry: ..." or "不要回避：确有学生……" goes on to say its items."""
        found = self._opening("unsaid", intro)
        return found is not None and (found.group(0) not in self.lexicon.prohibitions or not intro[found.end():].strip(_LEADERS))

    def _labels(self, clause: Clause, value: Clause) -> bool:
        """Whether a clause is the label of the next one, its value: a short clause before a colon
        that opens a list (the value's intro), or the first cell of a table's row and the second: as
        long as a jotted label where every syllable is written apart ("| Hiệu trưởng bị công an mời làm
        việc | ĐANG XÁC MINH: ... |"); a long English cell is a claim, and "Unknown" under "How many
        pupils" answers the column."""
        if clause.column or value.column:
            limit = _JOTTED_SYLLABLES if self.whole else _ITEM_WORDS
            return clause.column == 1 and value.column == 2 and not self._sentence(clause)[0] and self._extent(clause.read) <= limit
        return value.intro == clause.read and self._extent(clause.read) <= _ITEM_WORDS

    def _verdict(self, heading: str) -> bool:
        """Whether a table column's heading asks only whether its row is so: words of the lexicon's
        `verdicts` and nothing else ("True/False", "Đúng hay sai?", "是否属实"); not "Answer sent to
        parents" or "Đã có kết luận?", whose "No" answers the column."""
        parts = [part for part in _VERDICT_PARTS.split(heading) if part]
        return bool(parts) and all(part in self.lexicon.verdicts for part in parts)

    def _only(self, markers: str, read: str, exactly: bool = False) -> bool:
        """Whether a clause is a word of the list and next to nothing else ("NOT CONFIRMED", "待核实";
        not "unclear for how long", "chưa rõ lý do", which leave something else open); `exactly`,
        nothing else at all ("không có", "None"; not "không phải chờ", which says something of its own)."""
        found = self._opening(markers, read)
        if found is None:
            return False
        return not read[found.end():].strip(_LEADERS) if exactly else self._size(read[found.end():]) <= (1 if self.lexicon.spaced else 2)

    def refused(self, hit: Hit) -> bool:
        """Whether a label follows a refusal to name the public so, among its clause's first words
        ("we will not describe her or other parents as spreading rumours", 我们不会把家长说成造谣者:
        the lexicon's `refusals`, then a word of `namings` where the language has them). Not a
        general negation: "我们不把造谣者的名字公开" still calls people rumour-mongers. A label
        that stands alone after an aside completes its sentence's first clause, which is then the
        one that must refuse: "Nobody calls her, or any parent, a rumour-monger"."""
        before = hit.clause.read[:hit.start]
        earlier, _ = self._sentence(hit.clause)
        if earlier and all(word in self.lexicon.fillers for word in _WORD.findall(before)):
            before = earlier[0].read
        pattern = _markers(self.lexicon, "refusals")
        found = pattern.search(before) if pattern is not None else None
        if found is None:
            return False
        lead_max = _OPENING_LEAD_WORDS if self.lexicon.spaced else _OPENING_LEAD_CHARS
        return self._extent(before[:found.start()]) < lead_max and (not self.lexicon.namings or self._any("namings", before[found.end():]))

    def exploited(self, hit: Hit) -> bool:
        """Whether the hit's clause says something is exploited (the lexicon's `exploits`: "may be
        exploited by hostile forces", "bị thế lực thù địch lợi dụng"), the risk official texts weigh."""
        return self._any("exploits", hit.clause.read)

    def risked(self, hit: Hit) -> bool:
        """Whether the hit's clause names what it says as a risk (the lexicon's `risks`: "a risk
        that bad actors exploit it", *nguy cơ*, 风险), or it is an item of a list of risks (the whole
        label is one of the lexicon's `risk_lists`: "风险点：……；外地账号借机炒作") that names no member of
        the public (the lexicon's `public`: "风险点：部分家长借机起哄" labels parents): weighed, not said
        to have happened. A label that rates the risks ("风险等级：", "Risk of escalation:") lists findings."""
        return self._any("risks", hit.clause.read) or (
            hit.clause.intro.strip(_LEADERS) in self.lexicon.risk_lists and not self._any("public", hit.clause.read))  # "- Risks:", a bullet's label

    def described(self, hit: Hit) -> bool:
        """Whether a label stands a few words after an audience new to the story (the lexicon's
        `audiences`): "a general audience that knows nothing about the school" says how far the
        story reaches, while "commentators who know nothing about food safety" belittles them."""
        return self._just_before("audiences", hit, _LEAD_WORDS, _LEAD_CHARS)

    def singled_out(self, hit: Hit) -> bool:
        """Whether the hit's sentence names one member of the public (the lexicon's `targets`:
        "the parent who posted", 发帖人, *người đăng*): what it says there falls on her."""
        earlier, later = self._sentence(hit.clause)
        return any(self._any("targets", clause.read) for clause in (*earlier, hit.clause, *later))

    def left_open(self, hit: Hit) -> bool:
        """Whether the words beside a measure leave it undecided (the lexicon's `open_decisions`:
        "open visits at any time have not been decided", "no decision on a free health check"),
        read only up to a joining word ("and", "but", và, nhưng, 并且, 但): "the supplier has been
        suspended and further penalties are under consideration" still announces the suspension.
        A measure that is its clause's subject may find its verb in a later clause, past short
        asides: "Visits at any time, without arrangement, | are not possible"; a measure that labels
        a list (or is one item of its label), in the list, when that says nothing else:
        "Suspensions or free health checks: | none has been decided"."""
        read = hit.clause.read
        low, high = self._scope(read, hit.start, hit.end)
        before, after = self._since("coordinators", read[low:hit.start]), read[hit.end:high]
        if self._any("open_decisions", before) or self._any("open_decisions", self._until("coordinators", after)):
            return True
        if read[_word_end(read, hit.end):high].strip(_LEADERS):
            return False
        label = hit.clause
        for later in self._sentence(hit.clause)[1]:
            if later.intro and later.intro == label.read:
                # The list's value says only that nothing was decided ("Free health checks: none has been
                # decided", "免费体检、停职：均未决定"); "Supplier suspended: no decision yet on a fine" decided it.
                return self._only("open_decisions", later.read)
            label = later
            if self._opens("coordinators", later.read) or self._opens("joiners", later.read):
                return False  # "..., and reinstatement, at this stage, is ruled out": another measure
            if self._opens("auxiliaries", later.read):
                return self._any("open_decisions", self._until("coordinators", later.read))
            if self._extent(later.read) > _ITEM_WORDS:
                return False
        return False

    def _until(self, markers: str, text: str) -> str:
        """The text before the first word of the list in it (all of it if none): "has been
        suspended | and further penalties are under consideration"."""
        pattern = _markers(self.lexicon, markers)
        found = pattern.search(text) if pattern is not None else None
        return text[:found.start()] if found else text

    def _since(self, markers: str, text: str) -> str:
        """The text after the last word of the list in it (all of it if none): "never put into
        practice and | no family has paid"."""
        pattern = _markers(self.lexicon, markers)
        found = [m.end() for m in pattern.finditer(text)] if pattern is not None else []
        return text[found[-1]:] if found else text

    def told(self, hit: Hit) -> bool:
        """Whether the hit is a piece of news its clause names: the lexicon's `news` and nothing else
        before it ("- tin hiệu trưởng bị công an mời làm việc", "the claim that the head teacher was
        arrested"), and after it nothing that affirms it (the lexicon's `affirmations`, unless a
        rejection: "... là sai", "... lan rất nhanh"): an item in a list of what is going round, not
        the team's claim. "Tin ... là chính xác" affirms it, and "Thông tin từ Công an quận cho biết
        ..." is the team's own news. Narrower in use than `reports` (Reading.retold): only a
        contradiction is excused so, not a threat or a promise."""
        read, end = hit.clause.read, _word_end(hit.clause.read, hit.end)
        before, after = read[:hit.start].lstrip(_LEADERS).strip(), read[end:].strip()
        if topic := self._opening("topics", before):
            before = before[topic.end():].strip()  # "Về tin Hiệu trưởng bị bắt: ...", "As for the claim that ..."
        news = _markers(self.lexicon, "news")
        return (news is not None and news.fullmatch(before) is not None
                and (self._any("rejections", after) or not self._any("affirmations", after)))

    def questioned(self, hit: Hit) -> bool:
        """Whether the hit is what a question asks: "Will the parent who posted first be dealt
        with?" asks what the public asks (a Q&A's heading), and threatens nobody. The question
        mark ends the hit's own clause, and no negation stands before it: a tag ("..., is that
        clear?", "..., phải không?") or a rhetorical question with a negation ("Shouldn't the poster
        be punished?") still threatens. (难道……吗 has no negation of the lexicon: not caught.)"""
        _, later = self._sentence(hit.clause)
        return hit.clause.question and not later and not self._any("negations", hit.clause.read[:hit.start])

    def _asks(self, clause: Clause, scope: str) -> bool:
        """A question: marked, ended by a question word (吗, *không*) in the term's scope, or asked
        without its mark (_asks_unmarked)."""
        return (clause.question or any(scope.rstrip().endswith(q) and self._has(q, scope) for q in self.lexicon.questions)
                or self._asks_unmarked(clause))

    def _asks_unmarked(self, clause: Clause) -> bool:
        """Whether a clause is a question written without its question mark, as in a list of what
        people ask ("the questions people ask: is the list the school's, and is money already paid
        coming back"): it opens, after any joining word, with a verb before its subject (the
        lexicon's `inversions`), and it opens its sentence, or the items after a label that names
        what is to be found out ("establish the facts quickly: was any mouldy rice served, is any
        child ill"; not "Police: did the trace this afternoon"), or follows a clause that names the
        questions (`askers`) or asks so too, or opens its sentence or its items with a word that asks (`asked`:
        "answering directly: whose list, was the head teacher arrested"; not "Ms Trang, who posted
        first, is the list the school's"). "The list, shared on Zalo, is the parents' draft" opens
        a clause with "is the" after none of these: it says what the list is. A question answered in
        brackets right after it (the lexicon's `replies`: "has the money been returned (yes, in full
        this morning)") is a claim. (A language whose questions keep their order has no `inversions`:
        吗, *không* end its questions instead.)"""
        if not self.lexicon.inversions or not self._opens("inversions", self._unjoined(clause.read)):
            return False
        earlier, later = self._sentence(clause)
        if later and later[0].aside == clause.read and self._opens("replies", later[0].read):
            return False  # answered in brackets: "has the money been returned (yes, in full)" claims it
        if not earlier:
            return True
        prior = earlier[-1]
        return (self._first_item(clause) and self._any("askers", clause.intro)
                or self._ending("askers", prior.read.rstrip()) is not None or self._asks_unmarked(prior)
                or self._first_item(prior) and self._opens("asked", self._unjoined(prior.read)))

    def _verb_after(self, markers: str, wanted: str, after: str) -> bool:
        """Whether a word of the list opens what follows a term that ends in a helper word the
        text did not give ("no child was" found as "no child" in "no child should ever be ..."):
        the word stands where the term's verb would. A term ending in its own verb is whole: "the
        pupils with a cold" in "the three pupils with a cold should be back on Monday"."""
        words = _WORD.findall(wanted)
        return bool(words) and words[-1] in self.lexicon.fillers and self._opens(markers, after.lstrip())

    def _first_item(self, clause: Clause) -> bool:
        """Whether a clause opens its sentence, or the items after its sentence's colon."""
        earlier, _ = self._sentence(clause)
        return not earlier or bool(clause.intro) and all(c.intro != clause.intro for c in earlier)

    def _unjoined(self, read: str) -> str:
        """A clause's words after any bullet or number and any joining word that opens it ("and",
        "or", 并且): where its own first word stands."""
        head = read.lstrip(_LEADERS)
        for name in ("coordinators", "alternatives"):
            pattern = _markers(self.lexicon, name)
            if pattern is not None and (opening := pattern.match(head)):
                return head[opening.end():].lstrip()
        return head

    def _opens(self, markers: str, read: str) -> bool:
        """Whether a clause begins (after any bullet or number) with a word of the list."""
        return self._opening(markers, read) is not None

    def _opening(self, markers: str, read: str) -> re.Match[str] | None:
        """The word of the list a clause begins with (after any bullet or number), if any."""
        pattern = _markers(self.lexicon, markers)
        return pattern.match(read, len(read) - len(read.lstrip(_LEADERS))) if pattern is not None else None

    def _straddled(self, markers: str, read: str, start: int, end: int) -> bool:
        """Whether a word of the list runs into the start of a hit, not over all of it:
        "到底有没有孩子身体不舒服" asks; it does not say "没有孩子不舒服". ("đang kiểm tra" holds
        the whole of "kiểm tra": a check under way, which is said.)"""
        pattern = _markers(self.lexicon, markers)
        if pattern is None:
            return False
        reach = _longest(self.lexicon, markers)
        # Only a word that starts before the hit and ends inside it counts, so the search may stop
        # well past the hit's end (where cutting the text short can no longer fake a word's end).
        for match in pattern.finditer(read, max(0, start - reach), min(len(read), end + reach)):
            if match.start() >= start:
                return False
            if start < match.end() < end:
                return True
        return False

    def _sentence(self, clause: Clause) -> tuple[list[Clause], list[Clause]]:
        """The clauses of the clause's sentence before it and after it (none for a term found
        across clauses, which stands in no clause of the text)."""
        return self._neighbours.get(id(clause), ([], []))

    @cached_property
    def _neighbours(self) -> dict[int, tuple[list[Clause], list[Clause]]]:
        sentences: dict[int, list[Clause]] = {}
        for clause in self.clauses:
            sentences.setdefault(clause.sentence, []).append(clause)
        return {id(c): (same[:i], same[i + 1:]) for same in sentences.values() for i, c in enumerate(same)}

    def conditional(self, hit: Hit) -> bool:
        """Whether a hit stands in the condition of a case planned for: its clause opens with one
        ("nếu có người lợi dụng gây rối thì lập biên bản", "if troublemakers gather at the gate,
        ..."), or one stands among the few words before it ("chỉ can thiệp khi có hành vi gây rối":
        step in only when there is disorder), or names it as a case before a consequent ("có người
        quá khích thì nhờ Công an hỗ trợ"; not "những kẻ xấu thì phải xử lý", where "thì" only marks the topic) or as the label
        of what to do then ("Tụ tập đông, có dấu hiệu quá khích: tăng lực lượng, ưu tiên vận động";
        "có dấu hiệu ... kích động phụ huynh." with no answer after it observes, and is said), or
        as a short case that goes on the condition just before it, with what to do after it ("nếu
        tụ tập đông, có người quá khích — ưu tiên đối thoại"). What the case then calls for is said
        ("if parents keep asking, tell them those spreading it are troublemakers"; "nếu tin đồn tiếp
        tục lan, ai cố tình chia sẻ sẽ bị xử lý nghiêm", where nothing follows the threat; "nếu phụ
        huynh hỏi, khi trả lời cần nói rõ đây là do bị kẻ xấu kích động, ...", too long for a case)."""
        read = hit.clause.read
        before, after = self._sentence(hit.clause)
        # Before the hit only, not among its parts (_just_before would take "giải tán nếu phụ huynh": a threat).
        lead = _WORD.findall(read[:hit.start])[-_LEAD_WORDS:] if self.lexicon.spaced else [read[max(0, hit.start - _LEAD_CHARS):hit.start]]
        return self._opens("conditions", read) or self._any("conditions", " ".join(lead)) or (
            self._any("cases", read[:hit.start]) and (self._any("consequents", read[hit.end:]) or read in self._intros)) or (
            self._opens("cases", read) and self._size(read) <= (_LEAD_WORDS if self.lexicon.spaced else _LEAD_CHARS)
            and bool(before) and bool(after) and self._opens("conditions", before[-1].read))

    def in_case(self, hit: Hit) -> bool:
        """Whether the hit is what to do in a case a text plans for, the case named as its label
        ("出现新的学生不适报告：立即送医", "If a pupil falls ill: hospital"): no claim that it
        happened. (What it tells staff to say or do is still judged as said: see conditional.)"""
        intro = hit.clause.intro
        return self.conditional(hit) or bool(intro) and (self._opens("conditions", intro) or self._opens("cases", intro))

    def apart(self, hit: Hit) -> bool:
        """Whether a refusal to speak is a refusal to speak alone: its clause says so, and it, the
        clause before it or the next two say where the questions go instead ("the school does not
        answer the press separately; reporters are referred to the working group", 学校不单独接受采访，
        统一由工作组回应, 媒体采访由网信办统一安排，各单位不单独接受采访): one voice, not silence.
        The clause before may be the list item before, when it or the list's label speaks of the
        press (the lexicon's `press`: "媒体：记者来电统一转宣传部；我局不单独接受采访"), not when it is
        about something else ("工作安排：家长来电统一转至12345热线；学校不单独接受采访"). A refusal of
        the press with no word for "alone" is one voice too when its next clause opens on the referral
        (Reading._redirected). Without the referral ("不单独接受采访，也不再发布任何说明") it is silence."""
        at = next((i for i, clause in enumerate(self.clauses) if clause is hit.clause), None)
        if not self._any("apart", hit.clause.read):
            return at is not None and self._redirected(hit, at)
        if at is None:  # a term that spans clauses: its own words are all there is to read
            return self._any("referrals", hit.clause.read)
        before = [c for c in self.clauses[max(at - 1, 0):at] if c.sentence == hit.clause.sentence
                  or (c.intro and c.intro == hit.clause.intro and self._any("press", f"{c.intro} {c.read}"))]
        return any(self._any("referrals", clause.read) for clause in (*before, *self.clauses[at:at + 3]))

    def _redirected(self, hit: Hit, at: int) -> bool:
        """Whether a unit's refusal to answer the press goes straight on, in its sentence, to whom
        the questions go ("Văn phòng không trả lời báo chí, chuyển về đầu mối thống nhất"): one voice,
        though it says no "separately". The next clause opens on a referral and names where (the
        lexicon's `focal_points`: a spokesperson, the working group, đầu mối, 宣传部), not a wait
        ("…, chuyển sang tuần sau", "…, chuyển về phường khi có kết luận": the lexicon's `waits`) nor a line
        ("…, 统一口径前不作任何表态"). Some words stand before the
        refusal, and none of them the press: a refusal that names only the press it turns away
        ("对媒体采访一律不予回应，统一由宣传部门答复") speaks for every unit, and is silence. The unit
        may be its list item's label ("- Cán bộ văn phòng: không trả lời báo chí, chuyển về phường")."""
        clause, following = hit.clause, self.clauses[at + 1:at + 2]
        lead = (clause.read[:hit.start] or clause.intro).strip(_LEADERS).strip()
        return (bool(lead) and not self._any("press", lead) and self._any("press", clause.read)
                and bool(following) and following[0].sentence == clause.sentence
                and self._opens("referrals", following[0].read) and self._any("focal_points", following[0].read)
                and not self._any("waits", following[0].read))

    def retold(self, hit: Hit) -> bool:
        """Whether a claim is the rumour retold rather than the team's own: quoted, or reported
        earlier in its sentence. Only the claim checks ask: a fact or a measure in quotation marks
        ("we have sealed the rice," said the head) is still stated."""
        return self._quoted(hit) or self._reported(hit)

    def recounted(self, hit: Hit) -> bool:
        """Whether a claim stands in a sentence that recounts what is going round: a word of saying
        (the lexicon's `reports`, `recounts`) anywhere before it in its sentence or its lead-in,
        however far ("8 giờ có video trên TikTok nói học sinh chưa đóng tiền bị ngồi cuối lớp và hiệu
        trưởng bị công an mời làm việc"; "a video added two claims: that ..., and that the head teacher
        was called in by the police"; "31 (36%) say the head teacher was arrested"), unless rejected
        first; a word of news right before it ("phụ huynh còn băn khoăn về khoản tiền đã nộp và thông
        tin hiệu trưởng bị bắt", unless affirmed); a short item listed, after others, under what is not
        settled ("phần chưa rõ hoặc sai (ngồi cuối lớp, hiệu trưởng bị bắt)"); or one side of a question
        (the lexicon's `either` right after it: "bảng kê là của nhà trường hay của Ban đại diện lớp").
        Looser than `retold`, for the texts that weigh the rumours they retell (`no_false_claims:
        retold`: an assessment, an opinion survey); a statement to the public claims what it says after
        "and". What follows a joining word ("but"), a correction (the lexicon's `corrections`:
        "actually", thực tế, 实际上) or a clause opening on the team's check (`verifications`:
        "网上流传的照片，经核实并非……，学校从未……") is the team's own. A table's cell is read with its
        row's first cell before it ("| Claims | ...; head teacher called in by police |")."""
        read = hit.clause.read
        if self.retold(hit):
            return True
        low, _ = self._scope(read, hit.start, hit.end)
        own = read[low:hit.start]
        if self._any("affirmations", own) or self._any("corrections", own):
            return False  # "chúng tôi xác nhận thông tin ...", "posts claim she was arrested, but actually ..."
        if (self._ending("news", self._unhelped(own)) is not None and not self._any("affirmations", read[hit.end:])
                or self._opens("either", read[_word_end(read, hit.end):].lstrip())):
            return True
        said_here = self._any("recounts", own) or self._reports_before(own, read[hit.start:hit.end])
        if low:  # "parents say the rice was served, but the school ...": what follows "but" is the team's own
            return said_here
        earlier, _ = self._sentence(hit.clause)
        if (len(earlier) >= 2 and self._extent(read) <= _ITEM_WORDS and self._extent(earlier[-1].read) <= _ITEM_WORDS
                and any(self._any("unsettled", c.read) for c in earlier[:-1])):
            return True  # an item of a list after what is not settled: "phần chưa rõ hoặc sai (ngồi cuối lớp, hiệu trưởng bị bắt)"
        before = [c.read for c in earlier] + [hit.clause.intro, hit.clause.aside, self._row_labels.get(id(hit.clause), "")]
        return ((said_here or any(self._any("reports", part) or self._any("recounts", part) for part in before))
                and not any(self._any("rejections", part) or self._any("corrections", part) or self._opens("verifications", part)
                            for part in (*before, own)))

    def _reports_before(self, own: str, claim: str) -> bool:
        """Whether a word of saying stands in the claim's clause before it, other than one that
        describes the subject ("the photos circulating online were not taken ...": _attributive)."""
        pattern = _markers(self.lexicon, "reports")
        return pattern is not None and any(not self._attributive(m.group(0).strip(), own[m.end():], claim)
                                           for m in pattern.finditer(own))

    @cached_property
    def _row_labels(self) -> dict[int, str]:
        """The first cell of the table row each later cell of it stands in: what the row is about,
        over every statement of its cells ("| Claims | the list is the school's; the head teacher
        was called in by police |" retells both)."""
        labels: dict[int, str] = {}
        label, row = "", None
        for clause in self.clauses:
            if clause.column == 1:
                label = f"{label} | {clause.read}" if clause.sentence == row else clause.read
                row = clause.sentence
            elif clause.column > 1:
                labels[id(clause)] = label
        return labels

    def voiced(self, hit: Hit) -> bool:
        """Whether the words before the hit in its clause, or the label over it, name a member of
        the public (the lexicon's `public`) and what they want (`demands`): "Parents at the gate want
        free health checks", "What parents want most: ...", 家长的主要诉求是……, "Phụ huynh yêu cầu kỷ
        luật ...": a demand, not what the team decided ("Parents will get free health checks this
        week", "the ward will tell parents today that the committee head will be removed")."""
        lead = f"{hit.clause.intro} | {hit.clause.read[:hit.start]}"
        return self._any("public", lead) and self._any("demands", lead)

    def _unhelped(self, before: str) -> str:
        """The words before a hit without the helper words it ends in ("the report that the | head
        teacher ...": a term found from its first content word leaves its "the" behind)."""
        words = before.split()
        while words and words[-1] in self.lexicon.fillers:
            words.pop()
        return " ".join(words)

    def forbidden(self, hit: Hit) -> bool:
        """Whether the hit is quoted after a prohibition in its clause (the lexicon's `prohibitions`:
        严禁对记者说“无可奉告”, 杜绝“不予置评”等消极回应, 'never answer "no comment"'): the phrase is
        named to be avoided, not used."""
        return self._quoted(hit) and self._any("prohibitions", hit.clause.read[:hit.start])

    def _quoted(self, hit: Hit) -> bool:
        """Whether a claim stands between quotation marks opened before it in its sentence and
        closed after it ('a post said "the head teacher was arrested." This is false.': a quote
        and the full stop inside it end their sentence together, see _split): the rumour quoted,
        not said by the team."""
        earlier, later = self._sentence(hit.clause)
        before = "".join(c.read for c in earlier) + hit.clause.read[:hit.start]
        after = hit.clause.read[hit.end:] + "".join(c.read for c in later)
        within = hit.clause.read[hit.start:hit.end]  # 'the head teacher "called in by police"': the quote opens inside
        if before.count("“") > before.count("”") or within.count("“") > within.count("”"):
            return "”" in after
        return (before.count('"') % 2 == 1 or within.count('"') % 2 == 1) and '"' in after

    def flatly_rejected(self, hit: Hit) -> bool:
        """Whether a rejected hit is rejected in its own clause, with no hedge there ("the
        information that the head teacher was arrested is untrue"; not "we cannot yet say
        whether the claim that she was arrested is false")."""
        read = hit.clause.read
        rest = f"{read[:hit.start]} | {read[hit.end:]}"
        hedges = _markers(self.lexicon, "hedges")
        reports = set(self.lexicon.reports)  # "thông tin cho rằng ... là sai sự thật" retells, then rejects
        hedged = hedges is not None and any(m.group(0) not in reports for m in hedges.finditer(read))
        return hit.stance == REJECTED and self._any("rejections", rest) and not hedged

    def aimed(self, hit: Hit) -> bool:
        """Whether a sanction falls on a member of the public (the lexicon's `targets`: "anyone who
        posts ... will be dealt with", "mời người đăng bài lên làm việc"): a threat, not a measure
        against the page that faked the video. The target stands in the sanction's own clause; or,
        when the sanction is passive and opens its clause, in the clauses before it, its subject
        ("những tài khoản tiếp tục chia sẻ, bình luận sai sự thật, sẽ bị xử lý nghiêm"); a clause
        that itself opens on its verb ("have been recorded and will be handled") has its subject
        there too. So "we thank the parent who posted; the page will be prosecuted" threatens
        nobody, nor "..., and the page's operator has been identified and will be handled": a
        sanction on whoever made the fake (the lexicon's `fabricators`) named in its own clause.
        Nor does a sanction the text calls false after it ("tin người đăng bị phạt là sai sự thật")
        or gives as an example ("new false claims (e.g. that the poster was fined)"). A target the
        clause just before names as what the sanction is for (opening with the lexicon's `objects`:
        对, 对于) is its object: "对恶意传谣人员，公安机关将依法处理" threatens them, where
        "对拼接视频的营销号等传谣人员，……" names the account that made the fake."""
        read = hit.clause.read
        if self._any("rejections", read[hit.end:]) or self._opens("examples", read):
            return False
        if self._any("targets", read):
            return True
        if self._any("fabricators", read):
            return False
        earlier, later = self._sentence(hit.clause)
        if self._object_after(hit, later):
            return True  # an active sanction that ends its clause, its object after a comma: "strictly handle, under Decree 15, all those who posted"
        if (earlier and self._opens("objects", earlier[-1].read) and self._any("targets", earlier[-1].read)
                and not self._any("fabricators", earlier[-1].read)):
            return True  # the target named just before, as what the sanction is for: "对恶意传谣人员，公安机关将依法处理"
        lead = read[:hit.start]
        passive = self._passive(hit)
        subjectless = self._opens("auxiliaries", lead) or self._opens("agents", lead)
        own = self._since("coordinators", lead) if subjectless else lead
        short = self._size(own) <= (_SUBJECT_WORDS if self.lexicon.spaced else _SUBJECT_CHARS)
        return passive and short and any(self._any("targets", clause.read) for clause in earlier)

    def _passive(self, hit: Hit) -> bool:
        """Whether a sanction is passive: an agent word opens it or stands just before it (bị, 被), or,
        in English, a helper verb does ("be dealt with")."""
        read, lead = hit.clause.read, hit.clause.read[:hit.start]
        return self._opens("agents", read[hit.start:]) or bool(self._ending("agents", lead.rstrip())) or (
            self.lexicon.language == "en" and bool(lead.split()) and lead.split()[-1] in self.lexicon.auxiliaries)

    def _object_after(self, hit: Hit, later: list[Clause]) -> bool:
        """Whether an active sanction that ends its clause, not denied, has its object in the next
        clause or the one after, which opens on a target (a determiner or two before it at most):
        "strictly handle, under Decree 15/2020, all those who posted and shared it". Not a passive
        one ("staff at fault will be dealt with, and parents who gather will be welcomed"), nor one whose
        clause names its object first (对供应商的违规行为将依法查处), nor a next clause that does something
        else to them ("…, đồng thời cảm ơn những phụ huynh đã đăng bài")."""
        read = hit.clause.read
        # Its own clause names no object before it either ("对供应商的违规行为将依法查处，发帖人……不会被追究").
        if read[hit.end:].strip() or self._any("negations", read) or self._passive(hit) or self._opens("objects", read):
            return False
        pattern = _markers(self.lexicon, "targets")
        for clause in later[:2]:
            found = pattern.search(clause.read) if pattern is not None else None
            if found is not None and self._size(clause.read[:found.start()]) <= 2 and not self._any("fabricators", clause.read):
                return True
        return False

    def exemplified(self, hit: Hit) -> bool:
        """Whether the hit's clause opens on an example of what is said about something ("ví dụ
        về", "e.g. about", 例如关于: the lexicon's `examples`, then its `topics`): "Tin mới sai sự thật
        (ví dụ về xử phạt phụ huynh)" names a claim to watch for and labels no one, where "e.g. the
        troublemakers in the groups", 例如个别别有用心的人 give people as the example, and label them."""
        example = self._opening("examples", hit.clause.read)
        return example is not None and self._opens("topics", hit.clause.read[example.end():].lstrip())

    def disowned(self, hit: Hit) -> bool:
        """Whether its own clause calls a label untrue after it ("tin phụ huynh là kẻ xấu là sai sự
        thật"): the label is rejected. One the false news is pinned on ("fabricated by people with bad
        motives", "đối tượng xấu … chia sẻ thông tin sai sự thật") is a label all the same."""
        return self._any("rejections", hit.clause.read[hit.end:])

    def fabricated(self, hit: Hit) -> bool:
        """Whether a label falls on whoever made the fake: named in its own clause, or in the label
        its list item opens with when the label's clause is the item's first ("Marketing account: open
        a case ... on fabricating and spreading false information", not the "..., to deter others"
        after it; the lexicon's `fabricators`: the page, the marketing account, 营销号, fanpage), with no member of
        the public (`public`, `targets`) named anywhere in its sentence. "A case against the account's
        operator for fabricating and spreading false information" is the police's work against the
        spliced video, not a label of the parents who shared it; "the page and those sharing it are
        rumour-mongers" labels them, and so does "对营销号依法处理，以儆效尤" (a warning to all, in a
        clause of its own). A term that spans clauses ("编造、传播") is read in its sentence of the
        whole text, every time it stands there."""
        if hit.clause.sentence >= 0:
            earlier, later = self._sentence(hit.clause)
            own = f"{hit.clause.intro} {hit.clause.read}" if hit.clause.intro and self._first_item(hit.clause) else hit.clause.read
            spans = [(own, [clause.read for clause in (*earlier, hit.clause, *later)])]
        else:
            spans = []
            for found in re.finditer(re.escape(hit.clause.read), self.whole_read):
                low = max((m.end() for m in _LINE_PIECE.finditer(self.whole_read, 0, found.start())), default=0)
                high = next((m.start() for m in _LINE_PIECE.finditer(self.whole_read, found.end())), len(self.whole_read))
                spans.append((self.whole_read[low:high], [self.whole_read[low:high]]))
        return all(self._any("fabricators", own) and not any(self._any("public", part) or self._any("targets", part) for part in parts)
                   for own, parts in spans)

    def deferred(self, hit: Hit) -> bool:
        """Whether the hit names a topic only to put it off: its clause opens with a topic word (the
        lexicon's `topics`: "on", 关于, "về") and it, or the clause after it in its sentence, defers
        (`deferrals`: "on the supplier, we will say more later", 关于供应商的处理，另行通报, "về nhà
        cung cấp, chúng tôi sẽ thông tin sau"). A fact stated before a deferral of something else
        ("the rice was sealed, and the lab results will follow in due course") is still stated."""
        if not self._opens("topics", hit.clause.read):
            return False
        later = self._sentence(hit.clause)[1]
        return any(self._any("deferrals", clause.read) for clause in (hit.clause, *later[:1]))

    def asked_within(self, hit: Hit) -> bool:
        """Whether a word that asks (the lexicon's `asked`) stands among the term's own parts
        ("学校各环节有没有责任" asks what "学校没有责任" would plead): a question under investigation,
        not a claim. A hedge is no question: "学校可能没有责任" still pleads."""
        inside, wanted = hit.clause.read[hit.start:hit.end], _prepared(hit.term, self.lexicon)
        return any(self._has(m, inside) and not self._has(m, wanted) for m in self.lexicon.asked)

    def named(self, hit: Hit) -> bool:
        """Whether the hit is all there is between a pair of quotation marks: a word named, not
        used ('do not use the words "rumour", "bad elements"')."""
        read, end = hit.clause.read, _word_end(hit.clause.read, hit.end)  # '"troublemakers"' names "troublemaker"
        return read[:hit.start].rstrip().endswith(_OPENING) and read[end:].lstrip().startswith(_CLOSING)

    def _region(self, hit: Hit) -> str:
        """The words that bear on a hit: its scope (up to the nearest joining word), with the clause
        before and the clause after in its sentence when no joining word cuts them off
        ("未能及时回应，对此深表歉意"; "we are sorry, but this is purely a rumour" is cut by "but")."""
        read = hit.clause.read
        low, high = self._scope(read, hit.start, hit.end)
        earlier, later = self._sentence(hit.clause)
        parts = [read[low:high]]
        if low == 0 and earlier:
            parts.insert(0, earlier[-1].read)
        if high == len(read) and later and self._scope(later[0].read, 0, 0)[0] == 0:
            parts.append(later[0].read)
        return " | ".join(parts)

    def bounded(self, hit: Hit) -> bool:
        """Whether the words around a claim limit it to what has been seen so far, and deny
        ("so far no pupil has shown symptoms", "截至目前，学校未发现学生出现食物中毒症状"): an
        observation, not a claim of the finding still to come. A finding said "so far" is still a
        finding ("截至目前，调查结果显示原因是大米变质")."""
        region = self._region(hit)
        return self._any("bounded", region) and self._any("negations", region)

    def _reported(self, hit: Hit) -> bool:
        """Whether an earlier clause of the claim's sentence reports what is said online ("trên
        mạng xã hội lan truyền ảnh chụp ..., kèm theo thông tin ... hiệu trưởng bị công an mời làm
        việc"; "posts circulating since this morning say ..., and that pupils were hospitalised"):
        the rumour retold, unless a joining word ("but") or a correction (实为, "actually") starts the
        claim as the team's own, a clause opening on the team's check stands between (经核实, the
        lexicon's `verifications`: "网上流传的照片，经核实并非……，学校从未……"), or the report is rejected first ("网传说法完全不实，大米没有任何问题": what follows is the team's answer).
        A verb of saying just before the claim in its own clause reports it too ("a short video
        claimed several pupils were hospitalised", "chat groups are saying children are in hospital"),
        and so does one the report goes on to with "and that" (_reported_too). A list opened by a colon is the team's own account ("关于网传……一事，经核查，情况如下：……"): a
        report before the colon does not reach into it."""
        if self._just_before("reports", hit, skip=self._attributive) or hit.clause.intro and self._any("reports", hit.clause.intro):
            return True
        if self._reported_too(hit):
            return True
        low, _ = self._scope(hit.clause.read, hit.start, hit.end)
        earlier = [c for c in self._sentence(hit.clause)[0] if c.intro == hit.clause.intro]
        return (low == 0 and any(self._any("reports", c.read) for c in earlier)
                and not any(self._any("rejections", c.read) or self._opens("verifications", c.read) for c in earlier)
                and not self._opens("corrections", hit.clause.read))  # "网传所谓“发霉”，实为受潮结块": the team's own account

    def _attributive(self, word: str, between: str, claim: str) -> bool:
        """Whether a word of saying describes the subject rather than reports the claim: one that may
        stand after a noun (the lexicon's `attributive`: "circulating") when the claim opens right after
        a helper verb, perhaps denied, that the subject's own predicate begins with ("the photos
        circulating online **were** not taken in the school's storeroom", "the list circulating online
        **is** the school's"). A verb of showing or telling, or a new subject, between them leaves it a
        report ("the clip circulating shows pupils being taken to hospital": "being" opens no predicate;
        "a video circulating has told parents the head teacher was called in"), and so does a claim with
        a helper of its own, a clause the helper introduces ("the version circulating is the head
        teacher was arrested")."""
        if word not in self.lexicon.attributive:
            return False
        words = _WORD.findall(between)
        while words and words[-1] in self.lexicon.negations:  # "were not taken"
            words.pop()
        finite = self.lexicon.auxiliaries - {"be", "been", "being"}
        return (bool(words) and words[-1] in finite and not any(w in self.lexicon.auxiliaries for w in words[:-1])
                and not any(w in finite for w in _WORD.findall(claim)[1:]))

    def _reported_too(self, hit: Hit) -> bool:
        """Whether a claim is the next thing a report says, a few words after "and that" (the
        lexicon's `reported_too`) when the "that" before it follows a verb of saying: "posts saying
        that the canteen served mouldy rice and that pupils were hospitalised", not "we have seen the
        posts and can confirm that the rice was sealed and that two pupils were hospitalised"."""
        pattern = _markers(self.lexicon, "reported_too")
        said_before = hit.clause.read[:hit.start]
        more = list(pattern.finditer(said_before)) if pattern is not None else []
        if not more or self._extent(said_before[more[-1].end():]) > _LEAD_WORDS:
            return False
        head = said_before[:more[-1].start()]
        link = more[-1].group(0).split()[-1]  # "that", "rằng"
        opener = list(re.finditer(rf"(?<!\w){re.escape(link)}(?!\w)", head))
        if not opener or self._any("rejections", head):
            return False
        before_link = head[:opener[-1].start()].rstrip()
        return (self._ending("reports", before_link) is not None
                or self._ending("reports", head[:opener[-1].end()]) is not None)

    def proposed(self, hit: Hit) -> bool:
        """Whether a word that puts the hit to someone to decide stands just before it (the
        lexicon's `proposals`: "we propose that the committee head be removed", 建议暂停供货,
        "đề nghị xem xét kỷ luật"), or one that asks who or whether right before it ("publish who
        has been repaid"; not "families who paid have been refunded"): no decision announced."""
        return self._just_before("proposals", hit) or self._ending("asked", hit.clause.read[:hit.start].rstrip()) is not None

    def warned_against(self, hit: Hit) -> bool:
        """Whether a denied hit is the one a prohibition warns against ("we ask parents not to be
        misled by bad actors", 不要被别有用心的人利用, "không để bị kẻ xấu lợi dụng"): the words
        forbid being led by it, and so say it is there. The label stands right after an agent
        word (by, 被, bị) a few words after the prohibition; "do not call parents troublemakers"
        names it, "do not suggest that parents were stirred up by bad actors" (不要把担心说成是被……
        利用) forbids saying it, and "the post was not written by troublemakers", with no
        prohibition, denies it."""
        before = hit.clause.read[:hit.start].rstrip()
        agent, prohibitions = self._ending("agents", before), _markers(self.lexicon, "prohibitions")
        if agent is None or prohibitions is None:
            return False
        return any(self._extent(before[m.end():agent.start()]) <= _WARNED_GAP for m in prohibitions.finditer(before, 0, agent.start()))

    def _ending(self, markers: str, before: str) -> re.Match[str] | None:
        """The word of the list that the text before a hit ends with ("publish who | has been
        repaid", "not to be misled by | bad actors"), if any."""
        pattern = _markers(self.lexicon, markers)
        return next((m for m in pattern.finditer(before) if m.end() == len(before)), None) if pattern is not None else None

    def past(self, hit: Hit) -> bool:
        """Whether the words just before a hit put it in the past ("nhà trường đã không trả lời kịp
        thời", "we did not answer"): what happened, owned or reported, not the team's answer now."""
        before = _WORD.findall(hit.clause.read[: hit.start])[-_PAST_REACH:]
        return any(word in self.lexicon.done or word in self.lexicon.past for word in before)

    def owned(self, hit: Hit) -> bool:
        """Whether the words around a stonewalling phrase own it as a failing ("we apologise that we
        did not answer in time", "nhà trường xin lỗi vì đã không trả lời kịp thời"): an admission, not
        the act. An apology cut off by "but" ("we are sorry, but this is purely a rumour") owns nothing."""
        return self._any("owning", self._region(hit))

    def _negation_near(self, before: str) -> bool:
        """A negation denies a term only close before it ("not sealed"), not across a long clause;
        but it denies each of its alternatives ("no pupil has had food poisoning or been admitted
        to hospital", "không bị bắt hay bị tạm giữ"), so the reach starts again before an "or"."""
        lex = self.lexicon
        alternatives = _markers(lex, "alternatives")
        for crossed in range(_ALTERNATIVES_MAX + 1):
            before = before.rstrip()  # read text is single-spaced: the window below is its tail
            reach = 2 if crossed else 1  # past an "or", the first alternative stands between
            if lex.spaced:
                words = before.split()[-_NEGATION_REACH_WORDS * reach - 1:]
                near = " ".join(words)
            else:
                near = before[-_NEGATION_REACH_CHARS * reach - 2:]
            if self._any("negations", near):
                return True
            found = list(alternatives.finditer(near)) if alternatives is not None else []
            if not found or not self._right_after(near[found[-1].end():]):
                return False
            before = before[: len(before) - len(near) + found[-1].start()]
        return False

    def _listed_after_negation(self, clause: Clause, start: int) -> bool:
        """Whether the clause goes on with the verbs of a list the clause before denied ("the police
        have not called in, questioned or arrested the head teacher"): it opens with a past form
        (the lexicon's `past_endings`, "questioned", or an irregular form it knows) and an "or"
        before the hit, and the
        clause before ends in a negation and its verb. "并没有隐瞒，校长或副校长已被停职" opens with a
        subject, and says it."""
        earlier, _ = self._sentence(clause)
        alternatives = _markers(self.lexicon, "alternatives")
        words = _WORD.findall(clause.read[:start])
        if not earlier or alternatives is None or not words or not alternatives.search(clause.read, 0, start):
            return False
        if not (words[0].endswith(self.lexicon.past_endings) or words[0] in self.lexicon.forms):
            return False
        tail = earlier[-1].read.split()[-_LIST_ITEM_WORDS:]
        return self._any("negations", " ".join(tail)) and not self._any("prohibitions", earlier[-1].read)

    def _listed_after_unsaid(self, clause: Clause) -> bool:
        """Whether the clause is a later item of a list of things not to be announced or promised
        that a clause before it opened ("Do not announce penalties, | suspensions or free health
        checks"; the lexicon's `withheld`: not "Avoid panic, | all pupils are well" nor "Do not worry,
        ..."): items, short and with no verb of their own (an auxiliary: "Do not mention names, |
        the sacks were sealed" says it), up to an "or" or a list's closing "etc.", 等 in this clause
        or the next ("不承诺体检、| 停供、| 停职等未经研究的措施")."""
        if not self._withholds:
            return False  # asked of nearly every hit, and most texts withhold nothing
        earlier, later = self._sentence(clause)
        for before in reversed(earlier):
            if self._opens("withheld", before.read):
                break
            if not self._item(before.read):
                return False
        else:
            return False
        return self._item(clause.read) and any(
            self._item(item.read) and (self._any("alternatives", item.read) or self._any("closers", item.read))
            for item in [clause, *later[:1]])

    def _item(self, read: str) -> bool:
        """Whether a clause reads as a bare item of a list: short, and no auxiliary or word of a
        thing done in it ("suspensions of staff", not "the sacks were sealed")."""
        return (self._size(read) <= 2 * _ITEM_WORDS
                and not any(word in self.lexicon.auxiliaries or word in self.lexicon.done for word in _WORD.findall(read)))

    def _negation_governs(self, before: str) -> bool:
        """Whether a negation denies the whole of the hit's clause up to the hit, further than one in
        mid-clause reaches: a prohibition among the clause's first words ("do not describe Ms Trang
        or the parents as spreading rumours", 请不要, "tuyệt đối không"), or a negation of all there
        is wherever it stands (no pupil, nobody, never, no evidence; 没有任何; "không có ... nào": "the
        hospital confirms that no pupil from the school has been admitted to hospital"). An "and"
        ends its reach ("no pupil was hospitalised and the three absent had a seasonal cold"), and a
        hedge before the hit makes it a hedge ("we cannot confirm that no pupil ..."). A term that is
        itself a denial is not asked about (see _stance: "the rice never left the storeroom so it
        was never served" says it was never served)."""
        lex = self.lexicon
        if self._any("hedges", before):
            return False
        head = self._unjoined(before)
        coordinators = _markers(lex, "coordinators")
        lead_max, reach = (_OPENING_LEAD_WORDS, _GOVERNED_WORDS) if lex.spaced else (_OPENING_LEAD_CHARS, _GOVERNED_CHARS)
        for name, opens in (("prohibitions", True), ("quantified", False)):
            pattern = _markers(lex, name)
            for found in pattern.finditer(head) if pattern is not None else ():
                lead, governed = head[:found.start()], head[found.end():]
                if (not (coordinators and coordinators.search(governed))
                        and (not opens or self._extent(lead) < lead_max) and self._extent(governed) <= reach):
                    return True
        return False

    def _right_after(self, between: str) -> bool:
        """Whether a hit follows an "or" at once (helper words aside): "no food poisoning or been
        admitted", not "no need to worry or panic as the rice has been sealed"; 或许 is no 或."""
        if self.lexicon.spaced:
            return sum(1 for word in _WORD.findall(between) if word not in self.lexicon.fillers) <= 1
        return not between.startswith("许") and len(between.strip()) <= 1

    def _scope(self, read: str, start: int, end: int) -> tuple[int, int]:
        """The stretch of the clause around a hit up to the nearest joining words ("but", 但)."""
        low, high = 0, len(read)
        for joiner in self.lexicon.joiners:
            for match in _all(joiner, read, self.lexicon.spaced):
                if match[1] <= start:
                    low = max(low, match[1])
                elif match[0] >= end:
                    high = min(high, match[0])
        return low, high

    def _has(self, marker: str, text: str) -> bool:
        return occurs(marker, text, self.lexicon.spaced)

    def _among(self, markers: str, inside: str, wanted: str) -> bool:
        """Whether a word of the list stands among a term's own parts (`inside`, the words matched)
        without being one of the term's words (`wanted`)."""
        return self._any(markers, inside) and any(self._has(m, inside) and not self._has(m, wanted) for m in getattr(self.lexicon, markers))

    def _any(self, markers: str, text: str) -> bool:
        """Whether any word of one of the lexicon's lists (by name) is in the text: `_has` for
        each, in one search."""
        pattern = _markers(self.lexicon, markers)
        return pattern is not None and pattern.search(text) is not None

    def _bare(self, clause: Clause, start: int, end: int) -> bool:
        """A keyword alone in its clause, in a sentence made mostly of such clauses: a list of
        keywords ("sealed, no illness, flu"), not a sentence that happens to end in one."""
        read = clause.read
        if self.lexicon.spaced:  # a stem found inside a word takes the whole word ("seal" in "sealed")
            while start > 0 and wordlike(read[start - 1]):
                start -= 1
            while end < len(read) and wordlike(read[end]):
                end += 1
        earlier, later = self._sentence(clause)
        siblings = earlier + later
        if self._keywords_only(read[:start] + " " + read[end:]) or self._keywords_only(read):
            return sum(self._keywords_only(c.read) for c in siblings) * 2 >= len(siblings) or self._list(siblings)
        return self._short(read[:start] + " " + read[end:]) and self._list(siblings)

    def alone(self, hit: Hit) -> bool:
        """Whether a term stands next to nothing in its clause ("Hotline", "调查"): a heading or
        a label, not a sentence that says something is done."""
        return self._size(hit.clause.read[: hit.start] + " " + hit.clause.read[hit.end:]) < (1 if self.lexicon.spaced else 2)

    def stray(self, hit: Hit) -> bool:
        """A term alone in its clause and in no "label: value" pair: "正在核查" on its own is a
        stall, while "Trend: rising" names a trend."""
        clause = hit.clause
        return self.alone(hit) and not clause.intro and clause.read not in self._intros

    @cached_property
    def _intros(self) -> set[str]:
        return {clause.intro for clause in self.clauses if clause.intro}

    def _extent(self, text: str) -> int:
        """How far a stretch of text reaches: its words in a script with spaces, else its characters
        (punctuation included, unlike _size)."""
        return len(_WORD.findall(text)) if self.lexicon.spaced else len(text)

    def _size(self, read: str) -> int:
        if self.lexicon.spaced:
            return len(_WORD.findall(read))
        return sum(1 for ch in read if unicodedata.category(ch)[0] in "LN")

    def _short(self, rest: str) -> bool:
        """Next to nothing beside the term: a word or two, a few characters."""
        return self._size(rest) <= (_LIST_ITEM_WORDS if self.lexicon.spaced else _LIST_ITEM_CHARS) - 1

    def _list(self, siblings: list[Clause]) -> bool:
        """A sentence of many short pieces ("sealed, no illness, flu, spliced, refund, ...")."""
        if len(siblings) < _LIST_MIN - 1:
            return False
        sizes = sorted(self._size(c.read) for c in siblings)
        limit = _LIST_ITEM_WORDS if self.lexicon.spaced else _LIST_ITEM_CHARS
        return sizes[len(sizes) // 2] <= limit

    def _keywords_only(self, read: str) -> bool:
        known = self._keywords_cache.get(read)
        if known is None:
            rest = read
            for prepared in self._prepared_keywords:
                if prepared in rest:
                    rest = rest.replace(prepared, " ")
            known = self._keywords_cache[read] = self._size(rest) < _BARE_MIN
        return known

    @cached_property
    def _prepared_keywords(self) -> list[str]:
        return [prepared for keyword in self.keywords if (prepared := _prepared(keyword, self.lexicon))]

    # -- the text as a whole ----------------------------------------------------------------

    @cached_property
    def _withholds(self) -> bool:
        """Whether the text opens any list of what is not to be announced (the lexicon's `withheld`):
        asked once, so that the items of such lists are looked for only where there can be some."""
        return self._any("withheld", self.whole_read)

    @cached_property
    def _open_sections(self) -> set[str]:
        """The headings over what is not yet settled (the lexicon's `unsettled`: "3. Still to be
        verified"), unless they name the rumours their part answers ("2. Claims circulating online")
        or what is settled before it ("Confirmed facts and open questions", "Facts and open questions":
        a word of the lexicon's `affirmations`, or an "and", before the unsettled words;
        "二、待核实确认的情况" is still open)."""
        return {heading for heading in {clause.section for clause in self.clauses if clause.section} if self._unsettling(heading)}

    def _unsettling(self, label: str) -> bool:
        """Whether a heading or a list's label says that what it stands over is not yet settled
        (see _open_sections; "Still open: the tests; how staff will be dealt with")."""
        unsettled = _markers(self.lexicon, "unsettled")
        found = unsettled.search(label) if unsettled is not None else None
        before = label[:found.start()] if found else ""
        return (found is not None and not self._any("reports", label) and not self._any("affirmations", before)
                and not self._any("coordinators", before))

    def written(self, names: tuple[str, ...], whole: bool = False) -> list[str]:
        """What the team wrote after a form field's name in its own text, folded: teams type the
        form into their text ("4. Severity: serious", "舆情等级：重大或较大。处置牵头单位：市教育局")
        and leave the form blank. The head before the colon names the field when it is one of
        `names` or ends with one, in whole words ("Lead" for the id `lead`, "Incident grade" for
        `grade`, "二、舆情等级" for "舆情等级"), or one that only adds how firm the answer is ("Mức độ đề
        xuất", "Grade (provisional)"); a head that is only part of a name ("Unit:", "Mức độ
        lan truyền:", "Grade 3 parents:") is some other line. With `whole`, the head is one of `names`
        after any numbering only ("（四）等级" for 等级; not "风险等级", "Risk level")."""
        wanted = [fold(name) for name in names if name.strip()]
        values = []
        for line in self._own_lines:
            line = tables.field(line) or line  # "| Severity | SERIOUS |", a row of a table
            for piece in _LINE_PIECE.split(fold(line)):
                found = _WRITTEN_FIELD.match(_BULLET_ITEM.sub("", piece.strip(), count=1))
                head = found["head"].strip(" *#_") if found else ""
                if whole:
                    head = _NUMBERING.sub("", head)
                if any(head == name or not whole and (head.endswith(name) and occurs(name, head[-len(name) - 1:], True)
                                                      or head.startswith(name + " ") and self._qualified(head[len(name):]))
                       for name in wanted):
                    values.append(found["value"])
        return values

    def bracketed(self, names: tuple[str, ...]) -> list[str]:
        """What the team named with a field's name in brackets after it, where no label answers the
        field: "report to the deputy mayor and the Education Bureau (lead unit).", "UBND phường Đông
        Giang (đơn vị chủ trì)." The bracket ends its sentence and follows no colon: "Tracing the
        video: District Police (lead unit)" and "the police (lead unit) trace the video" name who
        leads a task, not the response. Of a list before it, the last item."""
        wanted = [fold(name) for name in names if name.strip()]
        values = []
        for line in self._own_lines:
            for piece in _LINE_PIECE.split(fold(line)):
                colon = _LABEL_COLON.search(piece)
                for found in _NAMED_AFTER.finditer(piece):
                    if (found["head"].strip() in wanted and not (colon and colon.start() < found.start())
                            and not piece[found.end():].strip(" .,;，。；")):
                        values.append(_LAST_NAMED.split(found["value"])[-1])
        return values

    def _qualified(self, rest: str) -> bool:
        """Whether what follows a field's name in a label only says how firm the answer is ("Mức độ
        đề xuất", "Grade (provisional)"; the lexicon's `provisional`), not what else it grades
        ("Mức độ lan truyền")."""
        rest = rest.strip(" ()[]")
        return bool(rest) and rest in self.lexicon.provisional

    @cached_property
    def listed(self) -> bool:
        """A heap of keywords, not sentences: the text reads as a list (see _as_list) and is not
        written as notes. Such a text states nothing, however many of a rubric's words it holds."""
        return self._as_list and not self.notes

    @cached_property
    def notes(self) -> bool:
        """Notes, not sentences: the text reads as a list and its own text (not a form's fields)
        stands on _NOTES_LINES non-blank lines or more ("- ac money: stopped, refund", "SOURCE: FB
        group, 06:30"). Unlike a heap of keywords on a line or three, notes say something, and
        experts rate them by what they say; but no reader can act on them, so experts rate them low
        all the same (12 to 45 in the graded sets, against 8 to 10 for a heap). Short bullet lines
        are notes too (_bulleted)."""
        return self._as_list and self._lines >= _NOTES_LINES or self._bulleted

    @cached_property
    def _bulleted(self) -> bool:
        """Bullet notes: nearly every line an item, nearly every item a few words jotted, a label
        and its value or a fragment with no full stop ("- Điều hòa 2,5tr: sai QĐ, dừng, trả trước
        20/9.", "- 无学生中毒住院；3人感冒"). Such lines may each end in a full stop, so no sentence
        of them reads as a list; the lines do. A numbered plan of short sentences ("1. The joint
        statement goes out by 14:00.") is no notes."""
        items = [_BULLET_ITEM.sub("", line, count=1).strip() for line in self._own_lines if _BULLET_ITEM.match(line)]
        if len(items) < _BULLETED_ITEMS or len(items) < _BULLETED_SHARE * self._lines:
            return False
        stops = tuple(_SENTENCE_END + ".")
        jotted = [item for item in items if (_LABEL.match(item) or not item.endswith(stops))
                  and self._size(item) <= self._jotted_limit(item, stops)]
        return len(jotted) >= _BULLETED_SHORT * len(items)

    def _jotted_limit(self, item: str, stops: tuple[str, ...]) -> int:
        """How long a bullet item may run and still be jotted: a few words (_BULLET_WORDS, or
        _BULLET_CHARS in Chinese); a label and its value with no full stop longer, where a word is
        one to three written syllables (_JOTTED_SYLLABLES), or in Chinese when the value is short
        pieces, none over _JOTTED_PIECE characters (_JOTTED_CHARS), not a sentence without its stop."""
        most = _BULLET_WORDS if self.lexicon.spaced else _BULLET_CHARS
        label = _LABEL.match(item)
        if label is None or item.endswith(stops):
            return most
        if self.lexicon.spaced:
            return _JOTTED_SYLLABLES if self.whole else most
        pieces = (self._size(piece) for piece in _PIECES.split(item[label.end():]) if piece)
        return _JOTTED_CHARS if max(pieces, default=0) <= _JOTTED_PIECE else most

    @cached_property
    def _as_list(self) -> bool:
        """At least half the text stands in sentences of many short pieces ("sealed, never served,
        flu, spliced, ...", "通报：三小 大米 已封存 ...") or in runs of words with next to no grammar
        words ("first source microblog channels trend risks")."""
        sentences: dict[int, list[Clause]] = {}
        total = listed = 0
        for clause in self.clauses:
            if clause.column:  # a table's rows are terse by form; what they say is read, as sentences are
                total += self._size(clause.read)
            else:
                sentences.setdefault(clause.sentence, []).append(clause)
        for clauses in sentences.values():
            sizes = [self._size(c.read) for c in clauses]
            total += sum(sizes)
            if len(clauses) >= _LIST_MIN and self._list(clauses[1:]):
                listed += sum(sizes)
            else:
                listed += sum(size for clause, size in zip(clauses, sizes) if self._run_on(clause.read))
        return total > 0 and 2 * listed >= total

    def _run_on(self, read: str) -> bool:
        if not self.lexicon.grammar:
            return False
        words = _WORD.findall(read)
        grammar = sum(1 for word in words if word in self.lexicon.grammar)
        return len(words) >= _RUN_ON_WORDS and grammar < self.lexicon.grammar_share * len(words)

    @cached_property
    def hedged(self) -> list[Clause]:
        """Clauses that ask or hedge: a question, or a hedge anywhere in them."""
        return [c for c in self.clauses if c.question or self._any("hedges", c.read)]

    @cached_property
    def stock(self) -> list[Hit]:
        return self.find(list(self.lexicon.stock), (STATED, HEDGED, NEGATED, REJECTED))

    @cached_property
    def stock_clauses(self) -> set[int]:
        """Every clause that holds a stock phrase (by id), not only the first of each phrase."""
        return {id(hit.clause) for term in self.lexicon.stock for hit in self.hits(term)}


@lru_cache(maxsize=64)
def _markers(lexicon: Lexicon, name: str) -> re.Pattern[str] | None:
    """One pattern for a list of the lexicon, bounded as `occurs` bounds each word: in a spaced
    language an end that is a letter or digit must not run on into another."""
    words = sorted(getattr(lexicon, name), key=len, reverse=True)
    if not words:
        return None
    if not lexicon.spaced:
        return re.compile("|".join(re.escape(word) for word in words))
    # "n't" ends a word ("don't"): no boundary before it. A negation that is also an abbreviation
    # is not one before a full stop and a number: "No. 3 Primary sealed the rice" denies nothing
    # ("No 3A pupils were moved" still does).
    # The words bounded on both sides share one pair of lookarounds: a long list (the blame words,
    # the reports) is searched several times faster than with a lookbehind tried for every word at
    # every place. Longest first within each group, so a match keeps the longest word there.
    numbered = lexicon.numbered if name == "negations" else frozenset()
    plain = [w for w in words if wordlike(w[0]) and wordlike(w[-1]) and not w.startswith("n'") and w not in numbered]
    parts = ["(?<![^\\W_])(?:" + "|".join(re.escape(w) for w in plain) + ")(?![^\\W_])"] if plain else []
    parts += [("(?<![^\\W_])" if wordlike(word[0]) and not word.startswith("n'") else "") + re.escape(word)
              + ("(?![^\\W_])" if wordlike(word[-1]) else "") + (r"(?!\.\s*\d)" if word in numbered else "")
              for word in words if word not in plain]
    return re.compile("|".join(parts))


@lru_cache(maxsize=64)
def _longest(lexicon: Lexicon, name: str) -> int:
    """The length of the longest word of one of the lexicon's lists."""
    return max((len(word) for word in getattr(lexicon, name)), default=0)


@lru_cache(maxsize=8192)
def _spans_clauses(wanted: str, abbreviations: frozenset[str] = frozenset()) -> bool:
    """Whether a term holds a clause break, so that it can only be looked for in the whole text.
    A full stop after an abbreviation breaks nothing, as in the text (_split): "video was filmed
    at no. 3" is looked for clause by clause, where "whether" before it still asks. A comma
    not between digits breaks one too: folding made "样品，全部合格" "样品,全部合格"."""
    if (any(c in wanted for c in _SENTENCE_END + "，；、") or any(f"{c} " in wanted for c in _ASCII_NEEDS_SPACE if c not in ".,")
            or _FOLDED_COMMA.search(wanted)):
        return True
    return any(not _abbreviated([wanted[:at]], abbreviations) for at in range(len(wanted) - 1) if wanted.startswith(". ", at))


@lru_cache(maxsize=8192)
def _prepared(term: str, lexicon: Lexicon) -> str:
    return lexicon.canon(fold(term))


def _all(marker: str, text: str, spaced: bool) -> list[tuple[int, int]]:
    out, at = [], text.find(marker)
    while at != -1:
        end = at + len(marker)
        if not spaced or _bounded(text, at, end, marker):
            out.append((at, end))
        at = text.find(marker, at + 1)
    return out


def _bounded(text: str, at: int, end: int, term: str) -> bool:
    starts_word, ends_word = wordlike(term[0]), wordlike(term[-1])
    return not (starts_word and at > 0 and wordlike(text[at - 1])) and not (ends_word and end < len(text) and wordlike(text[end]))


def _find_word_start(term: str, text: str) -> int:
    """Where a term starts a word of the text: English terms are stems that may end inside a
    word ("hospitali", "investigat") but never start inside one: "test" is not in "latest" or
    "protest", "review" not in "preview", "responsib" not in "irresponsible"."""
    at = text.find(term)
    if term and wordlike(term[0]):
        while at > 0 and wordlike(text[at - 1]):
            at = text.find(term, at + 1)
    return at


def _find_whole(term: str, text: str) -> int:
    at = text.find(term)
    while at != -1:
        if _bounded(text, at, at + len(term), term):
            return at
        at = text.find(term, at + 1)
    return -1


@lru_cache(maxsize=8192)
def _term_words(term: str, lexicon: Lexicon, helpers: bool = False) -> tuple[str, ...]:
    """A term's words as they are compared (English by its stem), helper words left out unless asked for."""
    words = [w for w in _WORD.findall(term) if helpers or w not in lexicon.fillers]
    return tuple(stem(w, lexicon.forms) if lexicon.language == "en" else w for w in words)


@dataclass(frozen=True)
class _Tokens:
    spans: list[tuple[int, int, str]]
    forms: list[str]  # English words by their stem
    present: frozenset[str]


def _words_apart(term: str, tokens: _Tokens, lexicon: Lexicon, ordered: bool = False) -> tuple[int, int] | None:
    """The term's words close together in the clause, in any order ("nhà trường chưa duyệt"
    says "chưa được nhà trường duyệt"), helper words ignored, at most `gap` other words among
    them; English words compared by stem, and a stem written in the rubric ("investigat")
    also matches the words it begins. A negation among the inserted words denies the term
    (see Reading._stance). A claim (`ordered`) keeps its words in order: "pupils are in
    hospital" is not said by "the district hospital is checking the pupils off sick"."""
    wanted = _term_words(term, lexicon)
    if not wanted:
        return None
    begins = _STEM_MIN if lexicon.language == "en" else 0
    # Most terms are not in most clauses: a word missing altogether settles it at once.
    for want in wanted:
        if want not in tokens.present and not (begins and len(want) >= begins and any(f.startswith(want) for f in tokens.present)):
            return None
    forms, reach = tokens.forms, len(wanted) + lexicon.gap
    for first in range(len(forms)):
        if not any(_same(forms[first], want, begins) for want in wanted[:1 if ordered else None]):
            continue
        open_ = list(range(len(wanted)))
        for position in range(first, min(len(forms), first + reach)):
            match = next((i for i in open_[:1 if ordered else None] if _same(forms[position], wanted[i], begins)), None)
            if match is not None:
                open_.remove(match)
                if not open_:
                    return tokens.spans[first][0], tokens.spans[position][1]
    return None


def _same(form: str, want: str, begins: int) -> bool:
    """Whether a word of the text is a wanted word: the same form, or, with `begins`, one that a
    stem of at least that many letters written in a rubric begins ("investigat", "hospitali")."""
    return form == want or (0 < begins <= len(want) and form.startswith(want))


def _words_in_order(term: str, words: list[tuple[int, int, str, str]], lexicon: Lexicon) -> tuple[int, int] | None:
    """A phrase that costs points (a brush-off, a label): all its words, helper words too, in
    order, with at most `_CLAIM_GAP` others among them ("no further comment" says "no comment").
    Its helper words carry its sense: "có thể là" (may be) is not any "có thể" (can)."""
    return _in_order(_term_words(term, lexicon, helpers=True), words, 0)


@lru_cache(maxsize=8192)
def _core(term: str, lexicon: Lexicon) -> tuple[str, ...]:
    """The words of a term that helper words would bring down to one word, auxiliaries left out:
    "posted by" is not any "post", "with the" not any "with", "be returned to" not any "return"
    (and "has been returned to" still says it). Empty for any other term."""
    every = _WORD.findall(term)
    if len(every) < 2 or len([w for w in every if w not in lexicon.fillers]) != 1:
        return ()
    return tuple(stem(w, lexicon.forms) if lexicon.language == "en" else w for w in every if w not in lexicon.auxiliaries)


def _in_order(wanted: tuple[str, ...], words: list[tuple[int, int, str, str]], begins: int) -> tuple[int, int] | None:
    """The wanted words in order among `words`, at most `_CLAIM_GAP` others among them; with
    `begins`, a stem of that many letters or more written in a rubric ("investigat") matches the
    words it begins (a one-word term asks five: not "with" in "without", nor "post" in "postponed")."""
    if not wanted:
        return None
    for first, (start, stop, _, form) in enumerate(words):
        if not _same(form, wanted[0], begins):
            continue
        at, extra = 1, 0
        for _, end, _, form in words[first + 1:]:
            if at == len(wanted) or extra > _CLAIM_GAP:
                break
            if _same(form, wanted[at], begins):
                at, stop = at + 1, end
            else:
                extra += 1
        if at == len(wanted):
            return start, stop
    return None


def _negated_inside(inside: str, wanted: str, lexicon: Lexicon) -> bool:
    """Whether a Chinese term found with characters inserted (`inside`, the term's folded text
    as long as the term when nothing was) has them deny it: a negation put right before one of its
    parts (封存大米均不合格 is no 封存大米均合格, 学生未食用 no 学生食用), or an exclusion right after
    one (除封存的2袋大米外均合格 is no 封存大米均合格). Only right before a part, so that 非常 in
    家长非常担心 denies nothing; and not the term's own negation said again (未开封未供给学生食用
    still says 未供学生食用)."""
    if len(inside) == len(wanted) or not (lexicon.negators or lexicon.exclusions):
        return False
    parts = _parts(wanted, inside, 0)
    if parts is None:
        return False
    for i in range(1, len(parts)):
        inserted = inside[parts[i - 1] + 1:parts[i]]
        if inserted and (inserted[-1] in lexicon.negators and inserted[-1] not in wanted[:i]
                         or inserted.startswith(lexicon.exclusions)):
            return True
    return False


def _parts(term: str, read: str, at: int) -> list[int] | None:
    """Where each character of a term stands in the text, the first at `at` and each next one the
    first after it (None when one is missing)."""
    positions = [at]
    for char in term[1:]:
        found = read.find(char, positions[-1] + 1)
        if found == -1:
            return None
        positions.append(found)
    return positions


def _chars_apart(term: str, read: str, gap: int, unnegated: tuple[str, ...] = ()) -> tuple[int, int] | None:
    """A Chinese term of three or more characters found with a few characters inserted
    (已于4月15日封存 for 已封存): at most `gap` in all, and never more than three times the term's length.
    Its first character does not stand where the text opens another word with it (`unnegated`:
    未进入仓库 is not in 未经学校同意进入仓库, "entered without leave"; 非恶意 is not in 非常恶意)."""
    if len(term) < 3 or gap <= 0:
        return None
    allowed = min(gap, 3 * len(term))
    at = read.find(term[0])
    while at != -1:
        parts = _parts(term, read, at)
        other_word = any(read.startswith(word, at) and not term.startswith(word) for word in unnegated)
        if parts is not None and not other_word and parts[-1] - at + 1 - len(term) <= allowed:
            return at, parts[-1] + 1
        at = read.find(term[0], at + 1)
    return None

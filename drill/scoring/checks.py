"""The automatic check kinds of a rubric criterion.

Each kind gives a fraction of the criterion's weight and evidence in words, so
that an expert reviewing a team's work can see why a suggestion was made and
overrule it where the words fit but the meaning does not. The words come from
the message catalogs (see wording.py), in the language the caller asks for.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import Callable

from drill.formats.rubric import Check, Length, OnTime, Rubric, StockPhrases, Substance
from drill.formats.scenario import Fact, Scenario, Task

from .clauses import EXACT, HEDGED, NEGATED, ORDERED, REJECTED, STATED, TENSE, Hit, Reading
from .lexicon import Lexicon, lexicon
from .matching import fold, occurs, place, spaced, wordlike
from .wording import Words, words

Result = tuple[float, str]
# Checks that reward what a text does not say: they earn nothing until it says something.
_ANALYSED = 2  # criteria of a rubric without facts whose words a text must state before it has said something
_MEASURES_ALONE = 2  # clauses of measures that count as substance when no fact is stated
_PADDED = 2  # clauses of stock phrases alone (and no fewer than of substance) that pad a text
ABSENCE_KINDS = ("on_time", "none_of", "no_false_claims", "no_overclaims", "no_blame", "no_lecturing", "no_undecided", "sentences", "padding")
_SNIPPET = 60
_PATTERN_SHOWN = 40  # characters of a pattern worth printing as evidence


@dataclass(frozen=True)
class Answer:
    """One submission with what the checks need to judge it; the text is read clause by
    clause once (clauses.py), so that a rubric's many checks share the reading. `words`
    speak the evidence; `fired` says when each inject fired (for facts not yet established)."""

    text: str
    fields: dict[str, str]
    scenario: Scenario
    task: Task
    submitted_at: float
    due_at: float
    words: Words
    fired: dict[str, float] | None = None
    rubric: Rubric | None = None  # the task's rubric, when the whole of it is being scored

    @cached_property
    def asks_facts(self) -> bool:
        """Whether the task's rubric checks the scenario's facts (a public statement, a reply)."""
        return self.rubric is not None and any(c.check is not None and c.check.kind == "facts" for c in self.rubric.criteria)

    @cached_property
    def internal(self) -> bool:
        """Whether the whole rubric is known and is an internal one (an assessment, a plan, a report
        up): no facts check, so a text speaks to the leaders, not to the public."""
        return self.rubric is not None and not self.asks_facts

    @cached_property
    def asks(self) -> tuple[tuple[str, ...], ...]:
        """What a task that does not check the facts asks for, in its rubric's terms, one tuple per
        criterion (an assessment's source, trend and risks; a plan's roles and deadlines)."""
        if self.rubric is None or self.asks_facts:
            return ()
        checks = [c.check for c in self.rubric.criteria if c.check is not None]
        asked = [(*(check.any_of or check.contact or []), *(term for group in check.all_of or [] for term in group)) for check in checks]
        return tuple(terms for terms in asked if terms)

    @cached_property
    def combined(self) -> str:
        """Structured answers count as text too: a grade picked from a list should
        satisfy a check for that word as if it had been typed."""
        return unicodedata.normalize("NFKC", "\n".join([self.text, *self.fields.values()]))

    @cached_property
    def lexicon(self) -> Lexicon:
        """The scenario's language's words, unless the text is written in Chinese characters
        (a Chinese team in an English drill is read with the Chinese words)."""
        letters = [ch for ch in self.combined if ch.isalpha()]
        han = sum(1 for ch in letters if "\u4e00" <= ch <= "\u9fff")
        return lexicon("zh-CN" if letters and han * 3 > len(letters) else self.scenario.language)

    @cached_property
    def reading(self) -> Reading:
        keywords = tuple(term for fact in self.scenario.facts for term in (*fact.keywords, *fact.phrasings))
        return Reading(self.text, self.lexicon, keywords, fields=tuple(self.fields.values()))

    def given(self, field_id: str) -> tuple[str, bool]:
        """A form field's answer, and whether it was read from the text: the form's own when filled
        in; else, for a field with choices, the choice the team wrote after the field's name in
        the text ("Severity: serious"), as an expert reading the text would take it."""
        given = self.fields.get(field_id, "").strip()
        field = next((f for f in self.task.fields if f.id == field_id), None)
        if given or field is None or not field.choices:
            return given, False
        # Its other names (aliases) only as a whole label, and only where its own name answers nothing:
        # "等级" is the grade, "风险等级" is not.
        for names, whole in (((field.label, field.id), False), (tuple(field.aliases), True)):
            for value in self.reading.written(names, whole):
                # Without its asides first, whose commas would part them ("市教育局（宣传部统筹，市场监管局
                # 配合）"); then each aside, for a choice named only in one ("联合工作组（市教育局牵头）").
                for read in (_ASIDE.sub(" ", value), *(aside[1:-1] for aside in _ASIDE.findall(value))):
                    for part in re.split(r"[,，]|\s[-–—]\s", read):
                        named = _named(part, field.choices, self.lexicon.negations)
                        if named is not None:
                            return named, True
        for value in self.reading.bracketed((field.label, *field.aliases)):
            named = _named(value, field.choices, self.lexicon.negations)
            if named is not None:
                return named, True
        return "", False

    def find(self, terms: list[str], unless: Callable[[Hit], bool] | None = None) -> list[str]:
        """Terms the text uses other than to deny them ("we did not test" has no test), as the rubric wrote them."""
        return [hit.term for hit in self.reading.find(terms, (STATED, HEDGED, REJECTED), unless=unless)]

    def established(self, fact: Fact) -> bool:
        """A fact marked `pending` never is; one with `established_by` is once that inject has
        fired before this submission (a timed inject's time when no session says otherwise)."""
        if fact.pending:
            return False
        if fact.established_by is None:
            return True
        fired = self.fired
        if fired is None:
            inject = next((i for i in self.scenario.injects if i.id == fact.established_by), None)
            at = inject.at if inject is not None and inject.at is not None else None
        else:
            at = fired.get(fact.established_by)
        return at is not None and at <= self.submitted_at

    def stated(self, fact: Fact) -> list[Hit]:
        """Where the text states the fact: in a clause of its own, asserted; or by rejecting, flatly
        and in the same clause, what contradicts it ("the information that the head teacher was
        arrested is untrue"), unless it says the contradiction too."""
        said = self.reading.find([*fact.keywords, *fact.phrasings], (STATED,), solid=True)
        if said or not fact.contradicted_by:
            return said
        rejected = [hit for hit in self.reading.find(list(fact.contradicted_by), (REJECTED,), solid=True)
                    if self.reading.flatly_rejected(hit)]
        if rejected and self.reading.find(list(fact.contradicted_by), (STATED,), match=TENSE):
            return []  # "she was called in by the police, but the story that she was arrested is untrue"
        return rejected

    @cached_property
    def substance(self) -> list[Hit]:
        """Clauses that state a fact or a measure: what a text must have before checks that
        reward what it does not say give anything. Empty for a language without a lexicon."""
        facts = [hit for fact in self.scenario.facts if self.established(fact) for hit in self.stated(fact)]
        measures = [hit for hit in self.reading.find(list(self.lexicon.measures), (STATED,), solid=True) if not self.reading.alone(hit)]
        seen, out = set(), []
        for hit in facts + measures:
            if id(hit.clause) not in seen:
                seen.add(id(hit.clause))
                out.append(hit)
        # One measure word alone (a heading, "as officially published") is not yet substance.
        return out if facts or len(out) >= _MEASURES_ALONE else []

    @cached_property
    def stock(self) -> list[Hit]:
        """Stock phrases in clauses that state nothing of substance: padding, which the checks
        for substance, padding and stock phrases each weigh."""
        substantive = {id(hit.clause) for hit in self.substance}
        return [hit for hit in self.reading.stock if id(hit.clause) not in substantive]

    @cached_property
    def stock_clauses(self) -> frozenset[int]:
        """The clauses (by identity) that hold nothing but stock phrases."""
        return frozenset(id(hit.clause) for hit in self.stock)

    @cached_property
    def positions(self) -> list[Hit]:
        """Clauses that answer the incident without stating a confirmed fact: a fact asked about
        or hedged, a rumour rejected, an absolute ("there is no problem at all"), each in a
        sentence (not a bare keyword). Evasive or sweeping, but an answer, which the checks for
        hedging and over-claims then judge. A fact denied or a rumour repeated is no answer to the
        public; in an internal text (a rubric that does not check the facts) it is an assessment,
        a wrong one ("the head teacher has been called in by the police; this is especially
        serious"), which the claim checks then judge: it is on time, and it has said something."""
        facts = self.scenario.facts
        contradictions = [t for f in facts for t in f.contradicted_by]
        hedged = self.reading.find([t for f in facts for t in (*f.keywords, *f.phrasings)], (HEDGED,), solid=True)
        rejected = self.reading.find(contradictions, (REJECTED,), solid=True)
        claimed = []
        if self.internal and not self.reading.listed:
            claimed = self.reading.find(contradictions, (STATED,), match=TENSE, unless=self.reading.retold)
        return hedged + rejected + claimed + self.reading.find(list(self.lexicon.absolutes), (STATED,), solid=True, match=EXACT)

    @cached_property
    def empty(self) -> bool:
        """Nothing said about the incident, in a language whose substance the scorer can recognise.
        Where the task asks for the facts and some are established by now, measures alone ("the
        investigation is proceeding in an orderly way") say nothing: they are what a stall says."""
        if not self.lexicon.known or self.positions:
            return False
        if self.asks_facts and any(self.established(fact) for fact in self.scenario.facts):
            return not any(self.stated(fact) for fact in self.scenario.facts if self.established(fact))
        return not self.substance and not self._analyses

    @property
    def _analyses(self) -> bool:
        """Whether the text states, in sentences, what two or more of its rubric's criteria look
        for (a source and a trend; roles and a deadline): an assessment written before any fact
        is established has said something. One criterion's words ("We have nothing new today")
        are not enough, nor words in a clause of stock phrases ("follow the principles of
        coordination, responsibility at each level and correct guidance"), nor a few such words
        among more clauses of slogans than of them."""
        stock = self.reading.stock_clauses
        found, analysed = 0, set()
        for terms in self.asks:
            clauses = {id(hit.clause) for hit in self.reading.find(list(terms), (STATED,), solid=True)
                       if not self.reading.stray(hit)} - stock
            found += bool(clauses)
            analysed |= clauses
        return found >= _ANALYSED and len(analysed) > len(stock)


def _quotes(w: Words, hits: list[Hit]) -> str:
    """The team's own words where each hit stands."""
    return w.terms(list(dict.fromkeys(hit.quote for hit in hits)))


def _nothing_yet(answer: Answer) -> Result:
    return 0.0, answer.words("scoring.substance.none-yet")


def _absence(answer: Answer, findings: list[str], clean: str) -> Result:
    """The verdict of a check that rewards what is not said: 0 naming each finding; else
    nothing until the text says something of substance; else full marks, saying `clean`."""
    if findings:
        return 0.0, answer.words.parts(findings)
    if answer.empty:
        return _nothing_yet(answer)
    return 1.0, clean


def unearned(check: Check, evidence: str, answer: Answer) -> bool:
    """Whether an absence check gave nothing only because the text says nothing of substance, or
    is a heap of keywords in which nothing is said; or a form field was left blank, or picked above
    a heap of keywords (no finding: not a red flag, not a gate; the criterion still earns nothing)."""
    if check.field is not None:
        return not answer.given(check.field)[0] or answer.reading.listed
    return check.kind in ABSENCE_KINDS and evidence in (answer.words("scoring.substance.none-yet"), answer.words("scoring.listed"))


def _on_time(rule: OnTime, answer: Answer) -> Result:
    w = answer.words
    if answer.empty:
        return _nothing_yet(answer)
    late = answer.submitted_at - answer.due_at
    if late <= 0:
        early = math.floor(-late)
        return 1.0, w("scoring.on-time.early", early=w.duration(early)) if early else w("scoring.on-time.at-due")
    # Round lateness up, so a team one second late is never told "0m after".
    spelled = w.duration(math.ceil(late))
    if rule.grace == 0:
        return 0.0, w("scoring.on-time.late-no-grace", late=spelled)
    fraction = max(0.0, 1 - late / rule.grace)
    grace = w.duration(rule.grace)
    if fraction == 0:
        return 0.0, w("scoring.on-time.late-past-grace", late=spelled, grace=grace)
    return fraction, w("scoring.on-time.late", late=spelled, grace=grace)


def _all_of(groups: list[list[str]], answer: Answer) -> Result:
    w = answer.words
    if answer.reading.listed:
        return 0.0, w("scoring.listed")
    # A topic named only to put it off ("on the supplier, we will say more later") answers nothing.
    hits = [answer.find(group, unless=answer.reading.deferred) for group in groups]
    said = [term for group_hits in hits for term in group_hits]
    missing = [group for group, group_hits in zip(groups, hits) if not group_hits]
    parts = [w("scoring.found", terms=w.terms(said))] if said else []
    parts += [
        w("scoring.missing", term=w.quote(group[0])) if len(group) == 1 else w("scoring.missing-any", terms=w.alternatives(group))
        for group in missing
    ]
    return (len(groups) - len(missing)) / len(groups), w.parts(parts)


def _any_of(terms: list[str], answer: Answer) -> Result:
    w = answer.words
    if answer.reading.listed:
        return 0.0, w("scoring.listed")
    hits = answer.find(terms)
    if hits:
        return 1.0, w("scoring.found", terms=w.terms(hits))
    return 0.0, w("scoring.none-of", terms=w.alternatives(terms))


def _none_of(terms: list[str], answer: Answer) -> Result:
    """A term the text denies ("we will never say 'no comment'") is not said, nor one it quotes
    after a prohibition (严禁对记者说“无可奉告”: Reading.forbidden), owns up to as a failing ("we
    apologise that we did not answer in time") or puts in the past, nor a refusal to speak alone
    that says where the questions go instead (one voice: Reading.apart)."""
    w = answer.words
    reading = answer.reading
    hits = reading.find(terms, (STATED, HEDGED), match=ORDERED, unless=lambda hit: (
        reading.owned(hit) or reading.past(hit) or reading.apart(hit) or reading.forbidden(hit)))
    said = [w("scoring.says-in", terms=w.terms([hit.term for hit in hits]), quotes=_quotes(w, hits))] if hits else []
    return _absence(answer, said, w("scoring.avoids", terms=w.alternatives(terms)))


# A run of digits that may be a phone number: digits in groups split by spaces, dots, dashes or
# brackets, perhaps after a country code ("024 3868 1515", "(0812)6601234", "+84 912 345 678").
_NUMBER = re.compile(r"(?<![\w.,/])(?:\(?\+\d{1,3}\)?[\s.\-–—]*)?\(?\d[\d\s.\-–—()]{3,18}\d(?![\w]|[.,/]\d)")


# A Chinese landline with a four-digit area code set off by a dash or brackets: 0832-6123 4567,
# (0832)61234567 (twelve digits; "0601 2345 6789" is grouped as an account number).
_AREA_AND_EIGHT = re.compile(r"(\(0\d{3}\)|0\d{3}[\-–—])\s*\d{4}\s?\d{4}")


# A city number without its area code, as a local release prints it: two groups of four digits
# ("Education Bureau 6218 3300", "6257-1102"); a span of years (2024-2025) or a range counting up
# with a dash ("shared 5000-6000 times", receipts 2401-2432) is none.
_LOCAL = re.compile(r"([2-9]\d{3})([ \-–])(\d{4})")
_YEARS = re.compile(r"(?:19|20)\d\d\D+(?:19|20)\d\d")


def _city_number(written: str) -> bool:
    local = _LOCAL.fullmatch(written)
    if local is None or _YEARS.fullmatch(written):
        return False
    first, dash, second = local.groups()
    return dash == " " or int(second) < int(first)


def _phone(text: str) -> str | None:
    """The first phone number written out in the text, by the shapes phone numbers take in the
    drills' countries: a country code and 8 to 13 digits; a trunk 0 and 9 to 11 digits (024 3868
    1515, 0831-2260117, 0912 345 678), or a four-digit area code and 8 digits (0832-6123 4567); a
    city number of two groups of four (6218 3300); a Chinese mobile (1[3-9] and 11 digits); a hotline 1800/1900
    and 8 digits, 400 and 10, or a five-digit public line 123xx (12345, 12315). Amounts (10 000 000,
    1.650.000), dates (2024-2025), ranges (5000-6000), times and most account or ID numbers are not
    shaped like one; an eight-digit number in two groups of four is read as a city number."""
    for match in _NUMBER.finditer(text):
        written = match.group(0).strip()
        digits = re.sub(r"\D", "", written)
        if (written.lstrip("(").startswith("+") and 8 <= len(digits) <= 13
                or digits[0] == "0" and digits[1:2] != "0" and (9 <= len(digits) <= 11 or _AREA_AND_EIGHT.fullmatch(written))
                or re.fullmatch(r"1[3-9]\d{9}|1[89]00\d{4}|400\d{7}|123\d\d", digits)
                or _city_number(written)):
            return written
    return None


def _contact(terms: list[str], answer: Answer) -> Result:
    """Where to ask: a channel the rubric names, or a phone number written out, which needs no word
    for "phone" beside it ("Questions: ward office, 024 3868 1515")."""
    points, evidence = _any_of(terms, answer)
    if points or answer.reading.listed:
        return points, evidence
    number = _phone(answer.combined)
    if number:
        return 1.0, answer.words("scoring.contact.number", number=answer.words.quote(number))
    return points, evidence


def _regex(pattern: str, answer: Answer) -> Result:
    """Searched in NFKC text without casefolding (the pattern's author decides about case, with
    `(?i)`), every run of whitespace made one space, so that a phrase broken across lines matches
    a pattern written with a space."""
    w = answer.words
    match = re.search(pattern, spaced(answer.combined))
    # A short pattern (a time, a phone number) tells the reader what was looked for; a long one
    # (the bundled "reports to whom" alternation runs to 150 characters) is noise on a printed
    # sheet, so the evidence then gives only what matched, or says nothing did.
    shown = len(pattern) <= _PATTERN_SHOWN
    if match is None:
        return 0.0, w("scoring.regex.no-match" if shown else "scoring.regex.no-match-long", pattern=pattern)
    snippet = " ".join(match.group(0).split())
    if len(snippet) > _SNIPPET:
        snippet = snippet[: _SNIPPET - 1] + "…"
    return 1.0, w("scoring.regex.match" if shown else "scoring.regex.match-long", pattern=pattern, snippet=w.quote(snippet))


def _length(bounds: Length, answer: Answer) -> Result:
    """Counts composed characters of the text alone (not the fields), so Vietnamese typed with
    combining accents counts the same as precomposed; outside the bounds the fraction shrinks
    in proportion rather than dropping to 0 for one character too many."""
    w = answer.words
    size = len(unicodedata.normalize("NFC", answer.text.strip()))
    if bounds.min is not None and size < bounds.min:
        return size / bounds.min, w("scoring.length.short", size=size, short=bounds.min - size, min=bounds.min)
    if bounds.max is not None and size > bounds.max:
        return bounds.max / size, w("scoring.length.over", size=size, over=size - bounds.max, max=bounds.max)
    if bounds.min is None:
        return 1.0, w("scoring.length.within-max", size=size, max=bounds.max)
    if bounds.max is None:
        return 1.0, w("scoring.length.within-min", size=size, min=bounds.min)
    return 1.0, w("scoring.length.within", size=size, min=bounds.min, max=bounds.max)


def _facts(fact_ids: list[str], answer: Answer) -> Result:
    """A fact counts when a clause of the team's asserts it; the evidence quotes that clause.
    One only asked, hedged or denied, or a bare keyword in a list, is named as such."""
    w = answer.words
    facts = {fact.id: fact for fact in answer.scenario.facts}
    stated, missing = [], []
    for fact_id in fact_ids:
        fact = facts.get(fact_id)
        if fact is None:  # validation forbids this, but a session rebuilt from its texts skips validation
            missing.append(w("scoring.fact.unknown", fact=w.quote(fact_id)))
            continue
        said = answer.stated(fact)
        if said:
            stated.append(w("scoring.fact.states", fact=w.fact(fact.text), terms=_quotes(w, said[:1])))
            continue
        near = answer.reading.find([*fact.keywords, *fact.phrasings], (STATED, HEDGED, NEGATED, REJECTED))
        if near and near[0].stance == STATED:
            missing.append(w("scoring.fact.bare", fact=w.fact(fact.text), terms=_quotes(w, near[:1])))
        elif near:
            missing.append(w("scoring.fact.hedged", fact=w.fact(fact.text), terms=_quotes(w, near[:1])))
        else:
            missing.append(w("scoring.fact.missing", fact=w.fact(fact.text)))
    return len(stated) / len(fact_ids), w.parts(stated + missing)


def _no_false_claims(how: bool | str, answer: Answer) -> Result:
    """A contradiction counts only when asserted: quoting a rumour to reject it, naming it as news
    going round or asking about it contradicts nothing, nor the case an internal text plans for
    ("出现新的学生不适报告：立即送医")."""
    w = answer.words
    claims = []
    reading = answer.reading

    def excused(hit: Hit) -> bool:
        return bool(reading.promised(hit) or (reading.recounted(hit) if how == "retold" else reading.retold(hit)) or reading.told(hit)
                    or answer.internal and reading.in_case(hit))

    for fact in answer.scenario.facts:
        if not answer.established(fact):
            continue  # an unverified claim, not a false one: no_overclaims judges it
        # What happened is contradicted by a claim, not by a promise ("we will return them the same
        # day") nor by the rumour retold ('posts saying "pupils were taken to hospital"').
        # A half-truth ("all samples passed", when the sealed rice failed) is one unless the text
        # also says what it leaves out, anywhere, as its own; a half-truth is matched as written:
        # "all retained samples passed" is no "all samples passed".
        said = reading.find(fact.contradicted_by, (STATED,), match=TENSE, unless=excused)
        if fact.half_truths and not reading.find(list(fact.whole_truth), (STATED,), unless=reading.retold):
            said += reading.find(fact.half_truths, (STATED,), match=EXACT, unless=excused)
        if said:
            claims.append(w("scoring.claim.contradicts", fact=w.fact(fact.text), terms=_quotes(w, said)))
    return _absence(answer, claims, w("scoring.claim.none"))


def _no_overclaims(_: bool, answer: Answer) -> Result:
    """Absolutes and guarantees (the language's list) that no fact supports, and facts not
    yet established asserted either way: the words of a text that promises what nobody knows."""
    w = answer.words
    claims = []
    reading = answer.reading
    absolutes = reading.find(list(answer.lexicon.absolutes), (STATED,), match=EXACT, unless=reading.retold)
    if absolutes:
        claims.append(w("scoring.overclaim.absolute", quotes=_quotes(w, absolutes)))
    # Words that also state an established fact ("found damp at the delivery check" says what the
    # canteen knew at once, and what the supplier check confirms later) claim nothing unverified.
    known = {term for fact in answer.scenario.facts if answer.established(fact) for term in (*fact.keywords, *fact.phrasings)}
    for fact in answer.scenario.facts:
        if answer.established(fact):
            continue
        terms = [term for term in (*fact.keywords, *fact.phrasings) if term not in known]
        # An action asked for ("asked to return the money") is not claimed done; where nothing was
        # decided (a pending fact), a request is itself a decision unless it names a thing done. A
        # finding still to come may be promised ("will be paid back"), not claimed, and what is seen
        # so far may be said ("so far no pupil has shown symptoms").
        said = reading.find([*terms, *fact.contradicted_by], (STATED,), match=TENSE, unless=lambda hit: (
            reading.retold(hit) or reading.required(hit, done_only=fact.pending)
            or not fact.pending and (reading.promised(hit) or reading.bounded(hit)) or fact.pending and reading.left_open(hit)))
        if said:
            claims.append(w("scoring.overclaim.unverified", fact=w.fact(fact.text), quotes=_quotes(w, said)))
    return _absence(answer, claims, w("scoring.overclaim.none"))


def _no_undecided(how: bool | str, answer: Answer) -> Result:
    """Decisions nobody made (a pending fact's `contradicted_by`: the supplier suspended, staff
    disciplined, refunds in cash today, free health checks) announced as made or to come. A plan
    is a proposal to the leaders, so what it proposes ("propose that the supplier be suspended
    pending the findings", 建议依调查结果处理, "đề nghị xem xét kỷ luật"), plans for a case ("if the
    lab confirms ..."), asks about or retells is none; an order is a decision (已责令暂停供货, "the
    supplier has been ordered to stop", as in no_overclaims), and a plan that tells the public a
    sanction nobody decided has promised it. (no_overclaims also asks about findings not yet
    in, which a plan written early must name as what it waits for.) With `retold` (an
    assessment, which weighs what the public says and wants), what a member of the public
    demands ("Parents at the gate want free health checks", 家长的主要诉求是免费体检) is none
    either."""
    w = answer.words
    reading = answer.reading
    claims = []
    for fact in answer.scenario.facts:
        if not fact.pending:
            continue
        said = reading.find(list(fact.contradicted_by), (STATED,), match=TENSE, unless=lambda hit: (
            reading.retold(hit) or reading.required(hit, done_only=True) or reading.conditional(hit) or reading.proposed(hit)
            or reading.left_open(hit) or how == "retold" and reading.voiced(hit)))
        if said:
            claims.append(w("scoring.overclaim.unverified", fact=w.fact(fact.text), quotes=_quotes(w, said)))
    return _absence(answer, claims, w("scoring.overclaim.none"))


def _no_blame(_: bool, answer: Answer) -> Result:
    """Labels that blame or belittle the public (the language's list): a text that calls the
    people asking questions rumour-mongers turns worry into anger. A label the text denies
    ("the parent had no ulterior motive") is not one, nor a label named in quotation marks
    (a plan's "do not use the words 'rumour', 'bad elements' about parents"). An internal text (one
    whose rubric does not check the facts) may name, in a condition, the case it plans for ("if
    troublemakers gather at the gate, ..."); said to the public, the same words are a threat, and
    what a plan then tells its staff to say or do is judged as said; it may also weigh, as a risk,
    those who may exploit the matter (the enemies official texts name, the lexicon's `forces`: "may
    be exploited by hostile forces"; "a risk that bad actors exploit it"). A label said of an
    audience new to the story describes its reach ("an audience that knows nothing about the
    school": Reading.described), and one in an example of what is said about something names a claim
    to watch for ("new false claims (e.g. about the parent being fined)": Reading.exemplified). A
    refusal to name the public so denies the label (Reading.refused). Warning the public against
    the labelled ("do not be misled by bad actors") labels them too (Reading.warned_against). A
    sanction that falls on a member of the public ("anyone who shares it will be dealt with",
    "summon the person who posted") threatens the public without a label (Reading.aimed); one
    the text rules out ("she will not be fined") or asks about ("will the parent who posted be dealt
    with?", a Q&A's heading) does not."""
    w = answer.words
    reading = answer.reading

    forces = set(answer.lexicon.forces)

    def weighed(hit: Hit) -> bool:
        """A label weighed as a risk, hedged or said to be one (the lexicon's `risks`: "a risk that
        bad actors exploit it"; an item of a list of risks: Reading.risked), of the ones who may
        exploit the matter ("may be exploited by hostile forces": the lexicon's `exploits` in the
        clause), with no sanction called down and no member of the public singled out in the
        sentence ("những kẻ xấu thì phải xử lý nghiêm", "... Đề nghị công an xử lý nghiêm" threaten;
        "the parent who posted may be one of the bad actors exploiting it" labels her). "Chị Trang có
        thể là phần tử xấu" calls a parent so: a label."""
        return ((hit.stance == HEDGED or reading.risked(hit)) and reading.exploited(hit) and not reading.singled_out(hit)
                and not any(other.clause.sentence == hit.clause.sentence
                            for term in answer.lexicon.sanctions for other in reading.hits(term, ORDERED)))

    def excused(hit: Hit) -> bool:
        return (reading.named(hit) or reading.refused(hit) or reading.described(hit) or reading.exemplified(hit)
                or hit.term not in forces and reading.fabricated(hit)
                or (answer.internal and (reading.conditional(hit) or weighed(hit)))
                or hit.stance == NEGATED and not reading.warned_against(hit))

    labels = reading.find([*answer.lexicon.blame, *answer.lexicon.forces], (STATED, HEDGED, NEGATED, REJECTED), match=ORDERED,
                          unless=lambda hit: excused(hit) or hit.stance == REJECTED and reading.disowned(hit))
    threats = reading.find(list(answer.lexicon.sanctions), (STATED, HEDGED, REJECTED), match=ORDERED,
                           unless=lambda hit: not reading.aimed(hit) or reading.named(hit) or reading.retold(hit) or reading.questioned(hit))
    found = [w("scoring.blame.found", quotes=_quotes(w, labels + threats))] if labels or threats else []
    return _absence(answer, found, w("scoring.blame.none"))


def _no_lecturing(_: bool, answer: Answer) -> Result:
    """Lecturing the public or pleading the sender's own case (the language's list): "the system
    worked exactly as designed", "had the photos been checked before being shared...", 事实证明验收
    是严格的, "đề nghị phụ huynh tỉnh táo". Experts mark a correct answer down a band for it: it
    defends the office instead of meeting the worry. Milder than a label (no_blame), so a rubric
    keeps a share of the score rather than failing the text. Named in quotation marks, owned, put
    in the past or asked about among its own words, it is not said (as for none_of)."""
    w = answer.words
    reading = answer.reading
    hits = reading.find(list(answer.lexicon.lecturing), (STATED, HEDGED), match=ORDERED, unless=lambda hit: (
        reading.named(hit) or reading.owned(hit) or reading.past(hit) or reading.asked_within(hit)))
    found = [w("scoring.lecturing.found", quotes=_quotes(w, hits))] if hits else []
    return _absence(answer, found, w("scoring.lecturing.none"))


def _sentences(_: bool, answer: Answer) -> Result:
    """Written in sentences: notes ("- ac money: stopped, refund", an item a line) or a heap of
    keywords is no text a reader can act on, however right its items. Experts fail notes but rate
    them by what they say, so a rubric caps them (in the bottom band, where the rest of the text
    still counts in proportion) rather than scoring them as nothing, as a heap is."""
    w = answer.words
    reading = answer.reading
    if reading.listed:
        return 0.0, w("scoring.listed")
    return _absence(answer, [w("scoring.sentences.notes")] if reading.notes else [], w("scoring.sentences.written"))


def _padding(_: bool, answer: Answer) -> Result:
    """Not padded: a text whose clauses of stock phrases alone are two or more, and no fewer than
    its clauses of substance, is a page of slogans around a fact or two ("strengthen organisation
    and leadership ... release authoritative information at the earliest moment"). Experts put
    such internal texts at 41 to 55 in the graded sets, whatever headings they tick; the bundled
    internal rubrics cap them (the substance check weighs the same padding, but only in proportion)."""
    w = answer.words
    clauses = len(answer.stock_clauses)
    padded = clauses >= _PADDED and clauses >= len(answer.substance)
    found = [w("scoring.padding.found", count=clauses, quotes=_quotes(w, answer.stock[:3]))] if padded else []
    return _absence(answer, found, w("scoring.padding.none"))


def _stock_phrases(rule: StockPhrases, answer: Answer) -> Result:
    """Few stock phrases: a public text with more than `max` clauses of stock phrases alone reads
    as boilerplate, however much it also says. Experts rate such statements and replies S at best:
    in the graded sets, all 20 that the scorer put in P with four or more were an expert's S, and no
    expert P held four. `padding` weighs stock phrases against substance instead (internal texts)."""
    w = answer.words
    clauses = len(answer.stock_clauses)
    found = [w("scoring.stock.found", count=clauses, max=rule.max, quotes=_quotes(w, answer.stock[:3]))] if clauses > rule.max else []
    return _absence(answer, found, w("scoring.stock.none", max=rule.max))


def _substance(rule: Substance, answer: Answer) -> Result:
    """Clauses of substance (a fact or a measure stated) against padding (clauses of stock
    phrases, clauses that only ask or hedge): full marks for `min` clauses of substance, times
    the share of substance among them and the padding."""
    w = answer.words
    substance = answer.substance
    substantive = {id(hit.clause) for hit in substance}
    stock = answer.stock
    hedged = [clause for clause in answer.reading.hedged if id(clause) not in substantive]
    count, padding = len(substance), len(answer.stock_clauses | {id(clause) for clause in hedged})
    fraction = min(1.0, count / rule.min) * (count / (count + padding) if count + padding else 0.0)
    parts = [w("scoring.substance.count", count=count, min=rule.min, quotes=_quotes(w, substance[:3])) if count
             else w("scoring.substance.none", min=rule.min)]
    if stock:
        parts.append(w("scoring.substance.stock", count=len(answer.stock_clauses), quotes=_quotes(w, stock[:3])))
    if hedged:
        parts.append(w("scoring.substance.hedged", count=len(hedged), quotes=w.terms([clause.text for clause in hedged[:3]])))
    return fraction, w.parts(parts)


_ASIDE = re.compile(r"[(（][^)）]*[)）]")  # a bracketed aside in a written field


def _named(part: str, choices: list[str], negations: tuple[str, ...]) -> str | None:
    """The one choice a part of a written field names ("serious" in "but serious"), or None: none
    named, two named ("District Police and Dong Giang Ward People's Committee jointly") or a
    negation before it ("not especially serious", 不属于特别重大). A choice is named in full, without
    a bracketed part ("市委宣传部"), or, at the start of the part, by a tail of two words or more
    (three characters without spaces) that no other choice holds ("Ward People's Committee", not
    "Đông Giang", which two choices end in; "District People's Committee" names none)."""
    part = _ASIDE.sub(" ", part).strip()  # an aside: "serious (not especially serious)"
    opening = part.removeprefix("the ")
    spans = []
    for choice in choices:
        others = [fold(other) for other in choices if other != choice]
        for name in {fold(choice), fold(re.sub(r"[(（].*?[)）]", " ", choice))}:
            at = place(name, part)
            if at >= 0:
                spans.append((at, at + len(name), choice))
            elif any(place(tail, opening) == 0 for tail in _tails(name, others)):
                spans.append((len(part) - len(opening), len(part), choice))
    # "serious" inside "especially serious" is not named on its own
    named = {choice for at, end, choice in spans
             if not any(o_at <= at and end <= o_end and o_end - o_at > end - at for o_at, o_end, _ in spans)}
    if len(named) != 1:
        return None
    [choice] = named
    at = min(at for at, _, named_choice in spans if named_choice == choice)
    return None if any(occurs(fold(word), part[:at], True) for word in negations) else choice


def _tails(name: str, others: list[str]) -> list[str]:
    """A choice's tails that no other choice holds, of two words or more, or of three characters or
    more in a script without spaces ("教育局" of "市教育局")."""
    words = name.split(" ")
    if len(words) > 2:
        tails = [" ".join(words[i:]) for i in range(1, len(words) - 1)]
    elif not any(map(wordlike, name)):
        tails = [name[i:] for i in range(1, len(name) - 2)]
    else:
        tails = []
    return [tail for tail in tails if not any(tail in other for other in others)]


def _field(field_id: str, answer: Answer) -> Result:
    """Compared folded, like terms, so 'Major' or full-width digits still equal the expected answer.

    Validation guarantees the field and its answer, but a session rebuilt from its
    recorded texts skips validation, so a mismatch scores 0 instead of crashing."""
    w = answer.words
    field = next((f for f in answer.task.fields if f.id == field_id), None)
    if field is None or field.answer is None:
        return 0.0, w("scoring.field.unknown", task=w.quote(answer.task.id), field=w.quote(field_id))
    given, written = answer.given(field_id)
    expected = w.quote(field.answer)
    if not given:
        return 0.0, w("scoring.field.blank", label=field.label, answer=expected)
    label = w("scoring.field.written", label=field.label) if written else field.label
    if fold(given) == fold(field.answer):
        # A grade picked from the list above a list of keywords ("right grade with sound
        # reasons", the experts' top level) has no reasons: it earns nothing.
        if answer.reading.listed:
            return 0.0, w("scoring.field.unbacked", label=label, given=w.quote(given), why=w("scoring.listed"))
        return 1.0, w("scoring.field.right", label=label, given=w.quote(given))
    return 0.0, w("scoring.field.wrong", label=label, given=w.quote(given), answer=expected)


_KINDS: dict[str, Callable[..., Result]] = {
    "on_time": _on_time,
    "all_of": _all_of,
    "any_of": _any_of,
    "none_of": _none_of,
    "regex": _regex,
    "length": _length,
    "facts": _facts,
    "no_false_claims": _no_false_claims,
    "field": _field,
    "no_overclaims": _no_overclaims,
    "no_blame": _no_blame,
    "no_lecturing": _no_lecturing,
    "sentences": _sentences,
    "padding": _padding,
    "stock_phrases": _stock_phrases,
    "no_undecided": _no_undecided,
    "substance": _substance,
    "contact": _contact,
}


def run(check: Check, answer: Answer) -> Result:
    return _KINDS[check.kind](getattr(check, check.kind), answer)


def check_text(
    check: Check,
    text: str,
    fields: dict[str, str],
    scenario: Scenario,
    task: Task,
    submitted_at: float,
    due_at: float,
    language: str | None = None,
    fired: dict[str, float] | None = None,
) -> Result:
    """One check on one piece of work: the fraction of the weight it earns and why.

    Public so that a workspace can show live suggestions on a draft, passing the
    current in-world time as `submitted_at`. The evidence is in `language` (a BCP 47
    tag), by default the scenario's; `fired` gives when injects fired (see Answer.established).
    The check is judged alone, without its rubric: what the rest of a rubric asks for, which
    tells an internal text that has said something from one that has not (Answer.asks), is
    not known here, so an absence check on such a text may read "nothing to credit yet"
    where the scorer, which passes the rubric, credits it.
    """
    spoken = words(language or scenario.language)
    return run(check, Answer(text, fields, scenario, task, submitted_at, due_at, spoken, fired))

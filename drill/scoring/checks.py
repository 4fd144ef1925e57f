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

from drill.formats.rubric import Check, Length, OnTime
from drill.formats.scenario import Scenario, Task

from .matching import fold, found, spaced, whole_words
from .wording import Words, words

Result = tuple[float, str]
_SNIPPET = 60
_PATTERN_SHOWN = 40  # characters of a pattern worth printing as evidence


@dataclass(frozen=True)
class Answer:
    """One submission with what the checks need to judge it; the folded text is
    kept so that a rubric's many checks fold it once. `words` speak the evidence."""

    text: str
    fields: dict[str, str]
    scenario: Scenario
    task: Task
    submitted_at: float
    due_at: float
    words: Words

    @cached_property
    def combined(self) -> str:
        """Structured answers count as text too: a grade picked from a list should
        satisfy a check for that word as if it had been typed."""
        return unicodedata.normalize("NFKC", "\n".join([self.text, *self.fields.values()]))

    @cached_property
    def read(self) -> str:
        return fold(self.combined)

    @cached_property
    def whole(self) -> bool:
        """Whether terms match whole words only, as in Vietnamese (see matching.py)."""
        return whole_words(self.scenario.language)

    def find(self, terms: list[str]) -> list[str]:
        return found(terms, self.read, self.whole)


def _on_time(rule: OnTime, answer: Answer) -> Result:
    w = answer.words
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
    hits = [answer.find(group) for group in groups]
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
    hits = answer.find(terms)
    if hits:
        return 1.0, w("scoring.found", terms=w.terms(hits))
    return 0.0, w("scoring.none-of", terms=w.alternatives(terms))


def _none_of(terms: list[str], answer: Answer) -> Result:
    w = answer.words
    hits = answer.find(terms)
    return (0.0, w("scoring.says", terms=w.terms(hits))) if hits else (1.0, w("scoring.avoids", terms=w.terms(terms)))


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
    w = answer.words
    facts = {fact.id: fact for fact in answer.scenario.facts}
    stated, missing = [], []
    for fact_id in fact_ids:
        fact = facts.get(fact_id)
        if fact is None:  # validation forbids this, but a session rebuilt from its texts skips validation
            missing.append(w("scoring.fact.unknown", fact=w.quote(fact_id)))
            continue
        said = answer.find(fact.keywords)
        if said:
            stated.append(w("scoring.fact.states", fact=w.fact(fact.text), terms=w.terms(said)))
        else:
            missing.append(w("scoring.fact.missing", fact=w.fact(fact.text)))
    return len(stated) / len(fact_ids), w.parts(stated + missing)


def _no_false_claims(_: bool, answer: Answer) -> Result:
    w = answer.words
    claims = []
    for fact in answer.scenario.facts:
        said = answer.find(fact.contradicted_by)
        if said:
            claims.append(w("scoring.claim.contradicts", fact=w.fact(fact.text), terms=w.terms(said)))
    return (0.0, w.parts(claims)) if claims else (1.0, w("scoring.claim.none"))


def _field(field_id: str, answer: Answer) -> Result:
    """Compared folded, like terms, so 'Major' or full-width digits still equal the expected answer.

    Validation guarantees the field and its answer, but a session rebuilt from its
    recorded texts skips validation, so a mismatch scores 0 instead of crashing."""
    w = answer.words
    field = next((f for f in answer.task.fields if f.id == field_id), None)
    if field is None or field.answer is None:
        return 0.0, w("scoring.field.unknown", task=w.quote(answer.task.id), field=w.quote(field_id))
    given = answer.fields.get(field_id, "").strip()
    expected = w.quote(field.answer)
    if not given:
        return 0.0, w("scoring.field.blank", label=field.label, answer=expected)
    if fold(given) == fold(field.answer):
        return 1.0, w("scoring.field.right", label=field.label, given=w.quote(given))
    return 0.0, w("scoring.field.wrong", label=field.label, given=w.quote(given), answer=expected)


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
) -> Result:
    """One check on one piece of work: the fraction of the weight it earns and why.

    Public so that a workspace can show live suggestions on a draft, passing the
    current in-world time as `submitted_at`. The evidence is in `language` (a BCP 47
    tag), by default the scenario's.
    """
    spoken = words(language or scenario.language)
    return run(check, Answer(text, fields, scenario, task, submitted_at, due_at, spoken))

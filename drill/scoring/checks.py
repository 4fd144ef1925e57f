"""The automatic check kinds of a rubric criterion.

Each kind gives a fraction of the criterion's weight and evidence in words, so
that an expert reviewing a team's work can see why a suggestion was made and
overrule it where the words fit but the meaning does not.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import Callable

from drill.formats.duration import format_duration
from drill.formats.rubric import Check, Length, OnTime
from drill.formats.scenario import Scenario, Task

from .matching import fold, found, quoted

Result = tuple[float, str]
_SNIPPET = 60


@dataclass(frozen=True)
class Answer:
    """One submission with what the checks need to judge it; the folded text is
    kept so that a rubric's many checks fold it once."""

    text: str
    fields: dict[str, str]
    scenario: Scenario
    task: Task
    submitted_at: float
    due_at: float

    @cached_property
    def combined(self) -> str:
        """Structured answers count as text too: a grade picked from a list should
        satisfy a check for that word as if it had been typed."""
        return unicodedata.normalize("NFKC", "\n".join([self.text, *self.fields.values()]))

    @cached_property
    def read(self) -> str:
        return fold(self.combined)


def _on_time(rule: OnTime, answer: Answer) -> Result:
    late = answer.submitted_at - answer.due_at
    if late <= 0:
        early = math.floor(-late)
        return 1.0, f"submitted {format_duration(early)} before the due time" if early else "submitted at the due time"
    # Round lateness up, so a team one second late is never told "0m after".
    spelled = format_duration(math.ceil(late))
    if rule.grace == 0:
        return 0.0, f"submitted {spelled} after the due time (no grace)"
    fraction = max(0.0, 1 - late / rule.grace)
    grace = format_duration(rule.grace)
    if fraction == 0:
        return 0.0, f"submitted {spelled} after the due time, past the {grace} grace"
    return fraction, f"submitted {spelled} after the due time (grace {grace})"


def _all_of(groups: list[list[str]], answer: Answer) -> Result:
    hits = [found(group, answer.read) for group in groups]
    said = [term for group_hits in hits for term in group_hits]
    missing = [group for group, group_hits in zip(groups, hits) if not group_hits]
    parts = [f"found {quoted(said)}"] if said else []
    parts += [f"missing {quoted(group) if len(group) == 1 else 'any of ' + quoted(group)}" for group in missing]
    return (len(groups) - len(missing)) / len(groups), "; ".join(parts)


def _any_of(terms: list[str], answer: Answer) -> Result:
    hits = found(terms, answer.read)
    return (1.0, f"found {quoted(hits)}") if hits else (0.0, f"none of {quoted(terms)}")


def _none_of(terms: list[str], answer: Answer) -> Result:
    hits = found(terms, answer.read)
    return (0.0, f"says {quoted(hits)}") if hits else (1.0, f"avoids {quoted(terms)}")


def _regex(pattern: str, answer: Answer) -> Result:
    """Searched in NFKC text without casefolding: the pattern's author decides about case (with `(?i)`)."""
    match = re.search(pattern, answer.combined)
    if match is None:
        return 0.0, f"no match for /{pattern}/"
    snippet = " ".join(match.group(0).split())
    if len(snippet) > _SNIPPET:
        snippet = snippet[: _SNIPPET - 1] + "…"
    return 1.0, f"matches /{pattern}/: '{snippet}'"


def _length(bounds: Length, answer: Answer) -> Result:
    """Counts composed characters of the text alone (not the fields), so Vietnamese typed with
    combining accents counts the same as precomposed; outside the bounds the fraction shrinks
    in proportion rather than dropping to 0 for one character too many."""
    size = len(unicodedata.normalize("NFC", answer.text.strip()))
    if bounds.min is not None and size < bounds.min:
        return size / bounds.min, f"{size} characters, {bounds.min - size} short of the minimum {bounds.min}"
    if bounds.max is not None and size > bounds.max:
        return bounds.max / size, f"{size} characters, {size - bounds.max} over the maximum {bounds.max}"
    return 1.0, f"{size} characters, within {_bounds(bounds)}"


def _bounds(bounds: Length) -> str:
    if bounds.min is None:
        return f"the maximum {bounds.max}"
    if bounds.max is None:
        return f"the minimum {bounds.min}"
    return f"{bounds.min}–{bounds.max}"


def _facts(fact_ids: list[str], answer: Answer) -> Result:
    facts = {fact.id: fact for fact in answer.scenario.facts}
    stated, missing = [], []
    for fact_id in fact_ids:
        fact = facts.get(fact_id)
        if fact is None:  # validation forbids this, but a session rebuilt from its texts skips validation
            missing.append(f"unknown fact '{fact_id}'")
            continue
        said = found(fact.keywords, answer.read)
        if said:
            stated.append(f"states '{fact.text}' (said {quoted(said)})")
        else:
            missing.append(f"missing '{fact.text}'")
    return len(stated) / len(fact_ids), "; ".join(stated + missing)


def _no_false_claims(_: bool, answer: Answer) -> Result:
    claims = []
    for fact in answer.scenario.facts:
        said = found(fact.contradicted_by, answer.read)
        if said:
            claims.append(f"contradicts '{fact.text}' by saying {quoted(said)}")
    return (0.0, "; ".join(claims)) if claims else (1.0, "says nothing the facts contradict")


def _field(field_id: str, answer: Answer) -> Result:
    """Compared folded, like terms, so 'Major' or full-width digits still equal the expected answer.

    Validation guarantees the field and its answer, but a session rebuilt from its
    recorded texts skips validation, so a mismatch scores 0 instead of crashing."""
    field = next((f for f in answer.task.fields if f.id == field_id), None)
    if field is None or field.answer is None:
        return 0.0, f"task '{answer.task.id}' has no field '{field_id}' with an expected answer"
    given = answer.fields.get(field_id, "").strip()
    if not given:
        return 0.0, f"{field.label}: not answered (expected '{field.answer}')"
    if fold(given) == fold(field.answer):
        return 1.0, f"{field.label}: '{given}'"
    return 0.0, f"{field.label}: '{given}', expected '{field.answer}'"


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
) -> Result:
    """One check on one piece of work: the fraction of the weight it earns and why.

    Public so that a workspace can show live suggestions on a draft, passing the
    current in-world time as `submitted_at`.
    """
    return run(check, Answer(text, fields, scenario, task, submitted_at, due_at))

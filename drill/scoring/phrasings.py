"""Advice on a scenario's facts: phrasings too narrow to find the fact in its own words.

A fact's `text` is the fact as the trainer would say it. If none of its keywords or
phrasings is found in that text by the same matcher that reads the teams' work, a
team that writes the fact the way the trainer did is not credited: the phrasings are
too narrow. `drill validate` prints this as a warning at the fact's text.
"""

from __future__ import annotations

from typing import Any

from .clauses import Reading
from .lexicon import lexicon


def narrow_facts(exercise: Any) -> list[tuple[tuple, str]]:
    """(location in the scenario, message) for each fact whose own text none of its terms finds."""
    scenario = exercise.scenario
    words = lexicon(scenario.language)
    advice = []
    for index, fact in enumerate(scenario.facts):
        terms = [*fact.keywords, *fact.phrasings]
        if not terms:
            continue
        reading = Reading(fact.text, words)
        if not any(reading.hits(term) for term in terms):
            advice.append((
                ("facts", index, "text"),
                f"fact {fact.id!r}: none of its keywords or phrasings is found in its own text, so a team that "
                "states it in these words would not be credited; add a phrasing taken from the text",
            ))
    return advice

"""The scorer's words: evidence and review comments from the message catalogs.

Evidence is read by the trainers and teams of one drill, in a report or on a
review screen beside the teams' own text, so it speaks the scenario's language
(or whichever a caller asks for): `drill/i18n/*/scoring.yaml`. Terms, facts and
answers are quoted the way that language quotes (English 'x', Chinese “x”), and
durations spelled the way it counts time (12m / 12分钟, 1h30m / 1小时30分).
"""

from __future__ import annotations

from functools import cache

from drill.formats.rubric import DEFAULT_SCALE, Band
from drill.i18n import Catalog, language_for

_UNITS = (("d", 86400), ("h", 3600), ("m", 60), ("s", 1))
_SHOWN = 8  # wordings of a list shown in evidence before "N more"


class Words:
    """A catalog for the scorer, with the quoting and spelling its messages share."""

    def __init__(self, language: str):
        self.t = Catalog(language)
        self.language = self.t.language
        self._quote = self.t("scoring.quote")
        self._list = self.t("scoring.list-separator")

    def __call__(self, key: str, **params: object) -> str:
        return self.t(key, **params)

    def quote(self, text: str) -> str:
        return self._quote.format(text=text)

    def fact(self, text: str) -> str:
        """A fact's text quoted inside a sentence: a full-width full stop that ends it is
        dropped (与“大米已封存”不符), as Chinese typography does for an embedded quote."""
        return self._quote.format(text=text.strip().rstrip("。！？；"))

    def terms(self, terms: list[str]) -> str:
        """Terms as the trainer wrote them, each quoted, in one list."""
        return self._list.join(self._quote.format(text=term) for term in terms)

    def alternatives(self, terms: list[str]) -> str:
        """Terms of which any one would do: 'a', 'b', 'c' in English, “a”、“b”或“c” in Chinese.
        A long list of wordings shows its first few and how many more (the rubric has them all):
        evidence is read on a review screen and a printed sheet."""
        shown = terms if len(terms) <= _SHOWN + 2 else terms[:_SHOWN]  # "1 more" would hide a word for nothing
        quoted = [self._quote.format(text=term) for term in shown]
        if len(shown) < len(terms):
            quoted.append(self.t("scoring.more", count=len(terms) - len(shown)))
        if len(quoted) < 2:
            return "".join(quoted)
        return self.t("scoring.or-separator").join(quoted[:-1]) + self.t("scoring.or-last") + quoted[-1]

    def parts(self, parts: list[str]) -> str:
        return self.t("scoring.part-separator").join(parts)

    def duration(self, seconds: float) -> str:
        """A whole number of seconds in the language's units, largest first."""
        seconds = int(seconds)
        if seconds <= 0:
            return self.t("scoring.duration.zero")
        counts = []
        for unit, size in _UNITS:
            if seconds >= size:
                counts.append((unit, seconds // size))
                seconds %= size
        # Minutes and seconds beside another unit may be spelled shorter (1小时30分, 1分1秒).
        compound = "-compound" if len(counts) > 1 else ""
        parts = [self.t(f"scoring.duration.{unit}{compound if unit in 'ms' else ''}", n=n) for unit, n in counts]
        return self.t("scoring.duration.joiner").join(parts)


@cache
def words(tag: str | None) -> Words:
    """The words for a BCP 47 tag (any Chinese tag gives zh-CN, anything else English)."""
    return Words(language_for(tag))


def band_label(band: Band, scale: tuple[Band, ...], t: Catalog) -> str:
    """A rating's words: HSEEP's default bands in the catalog's language (report.band.*),
    a rubric's own scale as its author wrote it."""
    return t(f"report.band.{band.id}") if scale == DEFAULT_SCALE else band.label

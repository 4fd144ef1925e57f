"""The rubric file, `format: drill/rubric@1`: rating bands and weighted criteria."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from .duration import Duration
from .model import Model, Slug, exactly_one

FORMAT = "drill/rubric@1"


class Band(Model):
    id: str
    label: str
    min: float = Field(ge=0, le=100)


# HSEEP's ratings, the default when a rubric gives no scale.
DEFAULT_SCALE = (
    Band(id="P", label="Performed without challenges", min=85),
    Band(id="S", label="Performed with some challenges", min=65),
    Band(id="M", label="Performed with major challenges", min=40),
    Band(id="U", label="Unable to be performed", min=0),
)


class OnTime(Model):
    grace: Duration = Field(0, description="Points fall linearly to 0 at due + grace")


class Length(Model):
    min: int | None = Field(None, ge=0)
    max: int | None = Field(None, ge=0)

    @model_validator(mode="after")
    def _bounds(self) -> "Length":
        if self.min is None and self.max is None:
            raise ValueError("'length' needs 'min', 'max' or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"length min {self.min} is greater than max {self.max}")
        return self


class Substance(Model):
    min: int = Field(3, ge=1, description="Clauses stating a fact or a measure needed for full marks")


class StockPhrases(Model):
    max: int = Field(3, ge=0, description="Most clauses of stock phrases alone the text may hold")


CHECK_KINDS = (
    "on_time", "all_of", "any_of", "none_of", "regex", "length", "facts", "no_false_claims", "field", "no_overclaims", "no_blame", "substance",
    "contact", "no_lecturing", "no_undecided", "sentences", "padding", "stock_phrases",
)


class Check(Model):
    """An automatic check: exactly one key."""

    on_time: OnTime | None = None
    all_of: list[list[str]] | None = Field(None, min_length=1)
    any_of: list[str] | None = Field(None, min_length=1)
    none_of: list[str] | None = Field(None, min_length=1)
    regex: str | None = None
    length: Length | None = None
    facts: list[Slug] | None = Field(None, min_length=1)
    no_false_claims: Literal[True, "retold"] | None = Field(
        None, description='Nothing the facts contradict is claimed; "retold" for a text that weighs the rumours it retells (an assessment, '
        'an opinion survey): a claim after a word of saying anywhere earlier in its sentence, or news named right before it, is retold')
    field: Slug | None = None
    no_overclaims: Literal[True] | None = Field(
        None, description="No absolutes or guarantees, and no fact not yet established asserted either way"
    )
    no_blame: Literal[True] | None = Field(None, description="No label that blames or belittles the public (the language's word list)")
    substance: Substance | None = Field(
        None, description="Clauses that state a fact or a measure, against stock phrases that only fill the text"
    )
    contact: list[str] | None = Field(
        None, min_length=1, description="Where to ask: any of these channels named, or a phone number written out"
    )
    no_undecided: Literal[True, "retold"] | None = Field(
        None, description="No decision nobody made announced as made or to come (a pending fact's contradicted_by); a proposal is none; "
        '"retold" for a text that weighs what the public says and wants (an assessment): what a member of the public is said to want '
        "is none"
    )
    no_lecturing: Literal[True] | None = Field(
        None, description="No lecturing of the public or pleading the sender's own case (the language's word list)"
    )
    sentences: Literal[True] | None = Field(
        None, description="Written in sentences, not as notes or a heap of keywords"
    )
    padding: Literal[True] | None = Field(
        None, description="Not padded: fewer clauses of stock phrases alone than of substance (fails at two or more, and no fewer)"
    )
    stock_phrases: StockPhrases | None = Field(
        None, description="Few stock phrases: fails when the clauses of stock phrases alone are more than `max`, whatever else the text says"
    )

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as error:
                raise ValueError(f"the regular expression does not compile: {error}") from None
        return value

    @field_validator("all_of")
    @classmethod
    def _groups(cls, value: list[list[str]] | None) -> list[list[str]] | None:
        if value is not None and any(not group for group in value):
            raise ValueError("every group of 'all_of' needs at least one term")
        return value

    @model_validator(mode="after")
    def _one(self) -> "Check":
        exactly_one(self, CHECK_KINDS, "a check")
        return self

    @property
    def kind(self) -> str:
        return next(name for name in CHECK_KINDS if getattr(self, name) is not None)


class Manual(Model):
    levels: dict[int, str] = Field(min_length=1, description="Level -> what earns it; scored by an expert")
    hint: Check | None = Field(None, description="An automatic check whose evidence the expert sees beside the levels; it never counts toward the score")

    @field_validator("levels")
    @classmethod
    def _levels(cls, value: dict[int, str]) -> dict[int, str]:
        if any(level < 0 for level in value):
            raise ValueError("levels are whole numbers from 0 up")
        if max(value) <= 0:
            raise ValueError("the highest level must be above 0")
        return value

    @property
    def top(self) -> int:
        return max(self.levels)


class Criterion(Model):
    id: Slug
    title: str
    weight: float = Field(1, gt=0, allow_inf_nan=False)
    check: Check | None = None
    manual: Manual | None = None
    cap: str | float | None = Field(
        None,
        description="A gate: when this criterion fails, the whole task's score is held down to at most this "
        "band (its id, e.g. U) or score (0-100)",
    )
    keep: float | None = Field(
        None, gt=0, lt=1,
        description="A gate that scales rather than caps: when this criterion fails, the whole task keeps this share "
        "of what it earned (0-1; e.g. 0.8 on `on_time`: late work keeps 80% of its worth)",
    )
    cap_below: float | None = Field(
        None, gt=0, le=1,
        description="With `cap` or `keep`: the gate also holds when this criterion earns less than this share of its weight "
        "(0-1; e.g. 0.5 on a length check holds a text under half the minimum length); without it, only when it earns nothing",
    )
    optional: bool = Field(
        False,
        description="Leave this criterion out of a task that cannot take it: a `field` check whose field the task does not "
        "define with an `answer` (a library rubric's lead-unit check, in a drill whose task asks only for a grade)",
    )

    @field_validator("cap")
    @classmethod
    def _cap(cls, value: str | float | None) -> str | float | None:
        if isinstance(value, (int, float)) and not 0 <= value <= 100:
            raise ValueError("a cap is a band id or a score from 0 to 100")
        return value

    def fits(self, answered: set[str]) -> bool:
        """Whether the criterion applies to a task whose fields with an answer are `answered`."""
        return not (self.optional and self.check is not None and self.check.field is not None and self.check.field not in answered)

    @model_validator(mode="after")
    def _one(self) -> "Criterion":
        exactly_one(self, ("check", "manual"), "a criterion")
        if self.optional and (self.check is None or self.check.field is None):
            raise ValueError("only a `field` check can be optional: it is left out of a task that does not define the field")
        if self.cap is not None and self.keep is not None:
            raise ValueError("a gate either caps or scales the score: give `cap` or `keep`, not both")
        if self.cap_below is not None and self.cap is None and self.keep is None:
            raise ValueError("cap_below needs a cap or a keep: it says when the gate holds")
        return self


class Rubric(Model):
    format: Literal["drill/rubric@1"]
    id: Slug
    title: str
    scale: list[Band] | None = Field(None, min_length=1, description="Rating bands, highest first")
    criteria: list[Criterion] = Field(min_length=1)

    @field_validator("scale")
    @classmethod
    def _descending(cls, value: list[Band] | None) -> list[Band] | None:
        if value is None:
            return value
        mins = [band.min for band in value]
        if any(a <= b for a, b in zip(mins, mins[1:])):
            raise ValueError("list the bands highest first, each 'min' lower than the one before")
        if mins[-1] != 0:
            raise ValueError("the lowest band needs 'min: 0' so that every score has a rating")
        return value

    def fitted(self, answered: set[str]) -> "Rubric":
        """The rubric as it applies to a task whose fields with an answer are `answered`: its
        optional criteria that the task cannot take left out (the same rubric when all apply)."""
        kept = [c for c in self.criteria if c.fits(answered)]
        return self if len(kept) == len(self.criteria) else self.model_copy(update={"criteria": kept})

    @model_validator(mode="after")
    def _caps(self) -> "Rubric":
        ids = [band.id for band in self.bands]
        for criterion in self.criteria:
            if isinstance(criterion.cap, str) and criterion.cap not in ids:
                raise ValueError(f"criterion {criterion.id!r} caps at band {criterion.cap!r}, which the scale lacks (bands: {', '.join(ids)})")
        return self

    @property
    def bands(self) -> tuple[Band, ...]:
        return tuple(self.scale) if self.scale else DEFAULT_SCALE

    def ceiling(self, cap: str | float) -> float:
        """The highest score a cap allows: a number itself; a band, just under the band above it."""
        if not isinstance(cap, str):
            return float(cap)
        bands = self.bands
        at = next(i for i, band in enumerate(bands) if band.id == cap)
        return 100.0 if at == 0 else bands[at - 1].min - 0.1

    def rating(self, score: float) -> str:
        return next(band.id for band in self.bands if score >= band.min)

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

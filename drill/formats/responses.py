"""Scripted responses, `format: drill/responses@1`: for rehearsals and tests."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .duration import Duration
from .model import Model, Slug

FORMAT = "drill/responses@1"


class Response(Model):
    team: Slug
    task: Slug
    at: Duration = Field(description="Submitted this long after clock.start")
    text: str = ""
    fields: dict[str, str] = Field(default_factory=dict)


class Review(Model):
    team: Slug
    task: Slug
    criterion: Slug
    score: float = Field(allow_inf_nan=False, description="A level for a manual criterion; for an automatic one, the overriding fraction 0..1")
    note: str = ""
    action: str | None = Field(None, description="A corrective action for the improvement plan")
    owner: str | None = None
    by: str | None = Field(None, description="The expert: each expert's word is kept and the criterion scores their mean")


class Responses(Model):
    format: Literal["drill/responses@1"]
    scenario: str | None = Field(None, description="The scenario these answer: a path relative to this file, or a bundled id")
    responses: list[Response] = Field(default_factory=list)
    reviews: list[Review] = Field(default_factory=list)

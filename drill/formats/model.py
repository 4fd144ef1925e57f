"""Shared building blocks of the file models: strict base model, ids, text."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, WithJsonSchema

_SLUG = re.compile(r"^[a-z0-9-]+$")


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(f"{value!r} is not a valid id: use lowercase letters a-z, digits and '-'")
    return value


Slug = Annotated[str, AfterValidator(_slug), WithJsonSchema({"type": "string", "pattern": "^[a-z0-9-]+$"})]


class Model(BaseModel):
    """Strict, immutable: unknown keys are errors, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def exactly_one(model: BaseModel, names: tuple[str, ...], what: str) -> None:
    """Raise a ValueError unless exactly one of `names` is set on `model`."""
    given = [name for name in names if getattr(model, name) is not None]
    if len(given) != 1:
        spelled = ", ".join(f"'{n}'" for n in names[:-1]) + f" or '{names[-1]}'"
        found = f" (found {', '.join(repr(g) for g in given)})" if given else ""
        raise ValueError(f"{what} needs exactly one of {spelled}{found}")


def field_names(root: type[BaseModel]) -> set[str]:
    """Every key (by alias) that any model reachable from `root` accepts; used for 'did you mean'."""
    seen: set[type] = set()
    names: set[str] = set()

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation in seen:
                return
            seen.add(annotation)
            for name, info in annotation.model_fields.items():
                names.add(info.alias or name)
                visit(info.annotation)
        for arg in getattr(annotation, "__args__", ()) or ():
            visit(arg)

    visit(root)
    return names

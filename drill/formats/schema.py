"""JSON Schema for the file kinds, so editors can autocomplete and check keys."""

from __future__ import annotations

import json
from pathlib import Path

from .graded import Graded
from .responses import Responses
from .rubric import Rubric
from .scenario import Scenario

SCHEMAS = {"scenario": Scenario, "rubric": Rubric, "responses": Responses, "graded": Graded}


def schema_text(name: str) -> str:
    model = SCHEMAS[name]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"drill {name} file",
        **model.model_json_schema(by_alias=True, mode="validation"),
    }
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written

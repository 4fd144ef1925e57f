"""The scenario file an import writes: whole and commented, or only its `injects:` block
spliced into an existing file, so the trainer's comments everywhere else survive."""

from __future__ import annotations

from typing import Any

import yaml

from ..formats.source import Document

SCHEMA_LINE = "# yaml-language-server: $schema=../docs/schema/scenario.schema.json"
ORDER = ("format", "id", "title", "summary", "language", "clock", "heat", "teams", "facts", "injects", "tasks")


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):   # libyaml's emitter when present: 5,000 injects in well under a second
    """Block style as the bundled scenarios are written: text of several lines as a literal
    block, short lists and conditions in flow style. The items of each section are dumped
    one by one and indented under their key here (see `section`)."""


class _Flow(list):
    """A list the dumper writes in flow style: `[a, b]`, as short lists are in the bundled files."""


class _FlowMap(dict):
    """A mapping the dumper writes in flow style: `{missed: assess}`, as conditions are."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(_Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
_Dumper.add_representer(_FlowMap, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=True))


def _scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list)) and not (isinstance(value, str) and "\n" in value)


def _styled(value: Any, depth: int = 0, item: bool = False) -> Any:
    """Sections and the items of lists in block style; short lists, and small mappings
    inside an item (a condition, heat's statement effect), on one line."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        if value and all(_scalar(v) for v in value):
            return _Flow(_styled(v) for v in value)
        return [_styled(v, depth + 1, item=True) for v in value]
    if isinstance(value, dict):
        if depth >= 2 and not item and all(_scalar(v) for v in value.values()):
            return _FlowMap({k: _styled(v) for k, v in value.items()})
        return {k: _styled(v, depth + 1) for k, v in value.items()}
    return value


def dump(value: Any) -> str:
    return yaml.dump(_styled(value), Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)


def section(key: str, items: list[Any], notes: list[str] | None = None, *, spaced: bool = False) -> str:
    """`key:` and its list, each item indented under it (after a comment from `notes`, if given)."""
    if not items:
        return f"{key}: []\n"
    lines = [f"{key}:"]
    for n, value in enumerate(items):
        item = dump([value]).rstrip("\n").split("\n")
        lines += ([""] if spaced else []) + ([f"  # {notes[n]}"] if notes else []) + ["  " + line for line in item]
    return "\n".join(lines) + "\n"


def injects_block(injects: list[dict[str, Any]], sources: list[str]) -> str:
    """`injects:` and one item per inject, each under a comment naming the row it came from."""
    return section("injects", injects, sources, spaced=True)


def scenario_text(data: dict[str, Any], sources: list[str], origin: str) -> str:
    """A whole scenario file: the schema line, a note of where it came from, then each section."""
    parts = [SCHEMA_LINE, f"# Imported from {origin} by `drill msel import`; check it with `drill validate`."]
    for key in ORDER:
        if key not in data:
            continue
        if key == "injects":
            parts.append("\n" + injects_block(data["injects"], sources).rstrip("\n"))
        elif key in ("teams", "facts", "tasks"):
            parts.append("\n" + section(key, data[key]).rstrip("\n"))
        elif key in ("heat", "clock"):
            parts.append("\n" + dump({key: data[key]}).rstrip("\n"))
        else:
            parts.append(dump({key: data[key]}).rstrip("\n"))
    return "\n".join(parts) + "\n"


def replace_injects(doc: Document, block: str) -> str:
    """`doc`'s text with its top-level `injects:` entry replaced by `block`.

    The entry runs from its key to the next top-level key; comment and blank lines
    just before that key are the next section's and stay. Returns None when the file
    does not keep `injects:` as a block key at the left margin."""
    marks = doc.marks.get(id(doc.data), {})
    if "injects" not in marks or marks["injects"][0] is None or marks["injects"][0].column != 1:
        return None
    first = marks["injects"][0].line - 1
    later = sorted(key.line - 1 for key, _ in marks.values() if key is not None and key.line - 1 > first)
    lines = doc.text.splitlines(keepends=True)
    end = later[0] if later else len(lines)
    while end > first + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    after = "".join(lines[end:])
    newline = "\r\n" if "\r\n" in doc.text else "\n"   # the file's own line endings
    block = block.replace("\n", newline) + (newline if after and not after.startswith(("\n", "\r\n")) else "")
    return "".join(lines[:first]) + block + after

"""Exercise files other tools write as JSON, read as a sheet: T3SF's MSEL and MISP's
Common Exercise Format (CEXF, as SkillAegis writes it).

Each becomes a `Grid` of the same shape a spreadsheet gives, so one reader (column
recognition, times, channels, notes, the summary) serves every kind of file, and
each cell keeps the line and column of its JSON value for error messages.

- **T3SF** (`MSEL_EXAMPLE.json`): a list of objects, one per inject, whose keys are
  the columns of T3SF's MSEL sheet (`#`, `Real Time`, `Date`, `Subject`, `From`,
  `Player`, `Script`, `Photo`, `Poll`, ...). Any list of flat objects reads the same.
- **CEXF**: `exercise` (name, description, total_duration in seconds), `injects`
  (name, action, evaluations) and `inject_flow` (each inject's trigger and timing:
  `startex` is the start, `timing.triggered_at` a time after it; an inject that
  follows another's resolution is fired by the facilitator, `manual`). Each
  evaluation's result and score range go to the evaluator's notes; a text payload
  (an e-mail, base64 or not) becomes the body.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from ..formats import source
from ..formats.duration import format_duration
from ..formats.problems import FormatError, Position, Problem
from . import skeleton

CEXF_COLUMNS = ("ID", "Offset", "Trigger", "Channel", "Title", "Body", "Evaluator notes", "Notes")
_PAYLOAD_CHARS = 20_000


def read_json(name: str, text: str):
    """The grid of a T3SF or CEXF file, and what a CEXF exercise says of itself."""
    from .read import Grid, Workbook

    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError([Problem(name, Position(error.lineno, error.colno), f"not JSON: {error.msg}")]) from None
    except RecursionError:
        raise FormatError([Problem(name, Position(1, 1), "not JSON drill reads: nested too deeply")]) from None
    document = source.parse(text.replace("\t", " "), name)     # the same values, with their positions
    data = document.data
    if isinstance(data, list) and data and all(isinstance(item, dict) for item in data):
        return Workbook(name, [_rows(data, document, Grid)])
    if isinstance(data, dict) and isinstance(data.get("inject_flow"), list) and isinstance(data.get("injects"), list):
        grid, meta = _cexf(data, document, Grid)
        return Workbook(name, [grid], meta)
    raise FormatError([Problem(name, document.root, "expected a T3SF MSEL (a list of injects, one object each) or a MISP exercise "
                                                   "(CEXF: an object with exercise, inject_flow and injects)")])


def _cell(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _rows(items: list[dict], document: source.Document, grid_type):
    """A list of objects as a sheet: the keys (in order of first use) are the header row."""
    header: dict[str, int] = {}
    for item in items:
        for key in item:
            header.setdefault(str(key), len(header) + 1)
    positions = {(1, column): document.locate((0, key), key=True) for key, column in header.items()}
    rows = [(1, list(header))]
    for index, item in enumerate(items):
        row = index + 2
        values = [None] * len(header)
        for key, value in item.items():
            values[header[str(key)] - 1] = _cell(value)
            positions[(row, header[str(key)])] = document.locate((index, key))
        positions[(row, 0)] = document.locate((index,))
        rows.append((row, values))
    return grid_type("", rows, positions)


def _cexf(data: dict, document: source.Document, grid_type):
    exercise = data.get("exercise") if isinstance(data.get("exercise"), dict) else {}
    injects = {item["uuid"]: (n, item) for n, item in enumerate(data["injects"]) if isinstance(item, dict) and isinstance(item.get("uuid"), str)}
    listed = data.get("inject_payloads") if isinstance(data.get("inject_payloads"), list) else []
    payloads = {item["uuid"]: item for item in listed if isinstance(item, dict) and isinstance(item.get("uuid"), str)}
    names = {uuid: str(item.get("name") or uuid) for uuid, (_, item) in injects.items()}
    problems: list[Problem] = []
    positions: dict[tuple[int, int], Position] = {(1, n): document.locate(("inject_flow",), key=True) for n in range(1, len(CEXF_COLUMNS) + 1)}
    rows: list[tuple[int, list[Any]]] = [(1, list(CEXF_COLUMNS))]
    for index, flow in enumerate(data["inject_flow"]):
        if not isinstance(flow, dict):
            problems.append(document.problem(("inject_flow", index), "expected an object with inject_uuid, sequence and timing"))
            continue
        found = injects.get(flow.get("inject_uuid")) if isinstance(flow.get("inject_uuid"), str) else None
        if found is None:
            problems.append(document.problem(("inject_flow", index, "inject_uuid"), f"{flow.get('inject_uuid')!r} names no inject in 'injects'"))
            continue
        number, inject = found
        row = len(rows) + 1
        offset, trigger, notes = _timing(flow, names)
        evaluations = [f"{e.get('result')} ({'–'.join(str(s) for s in _listed(e.get('score_range')))})".replace(" ()", "")
                       for e in _listed(inject.get("inject_evaluation")) if isinstance(e, dict)]
        action = str(inject.get("action") or "")
        notes += [f"action: {action}" if action else "", f"target tool: {inject['target_tool']}" if inject.get("target_tool") else ""]
        described = str(flow.get("description") or "")
        described = "" if described == str(inject.get("name") or "") else described    # a label repeating the name
        payload = payloads.get(inject.get("action_payload_resource_uuid")) if isinstance(inject.get("action_payload_resource_uuid"), str) else None
        body = "\n\n".join(part for part in (described, _payload(payload)) if part)
        values = [skeleton.slug(str(inject.get("name") or ""), f"inject-{index + 1}"), offset, trigger,
                  action if skeleton.channel_in_words(action) else None, str(inject.get("name") or ""), body,
                  "\n".join(evaluations) or None, "\n".join(n for n in notes if n) or None]
        where = {1: ("injects", number, "name"), 2: ("inject_flow", index, "timing"), 3: ("inject_flow", index, "sequence"),
                 4: ("injects", number, "action"), 5: ("injects", number, "name"), 6: ("inject_flow", index, "description"),
                 7: ("injects", number, "inject_evaluation"), 8: ("inject_flow", index)}
        positions |= {(row, column): document.locate(loc) for column, loc in where.items()}
        positions[(row, 0)] = document.locate(("inject_flow", index))
        rows.append((row, values))
    if problems:
        raise FormatError(problems)
    duration = str(exercise.get("total_duration") or "")
    meta = {"id": str(exercise.get("name") or exercise.get("uuid") or ""), "title": exercise.get("name"),
            "summary": exercise.get("description"), "duration": int(duration) if duration.isdigit() else None}
    return grid_type("", rows, positions), {k: v for k, v in meta.items() if v}


def _timing(flow: dict, names: dict) -> tuple[str | None, str | None, list[str]]:
    """A flow entry's time (`T+...`, or at the start for `startex`) or trigger (`manual`, for
    an inject that follows another's resolution), and a note of what it follows."""
    sequence = flow.get("sequence") if isinstance(flow.get("sequence"), dict) else {}
    timing = flow.get("timing") if isinstance(flow.get("timing"), dict) else {}
    triggers = sequence.get("trigger") or []
    triggers = [triggers] if isinstance(triggers, str) else _listed(triggers)
    requirement = flow.get("requirements") if isinstance(flow.get("requirements"), dict) else {}
    notes = []
    if requirement.get("inject_uuid"):
        after = names.get(str(requirement["inject_uuid"]), requirement["inject_uuid"])
        resolution = f" (resolution: {requirement['resolution_requirement']})" if requirement.get("resolution_requirement") else ""
        notes.append(f"follows: {after}{resolution}")
    at = timing.get("triggered_at")
    if isinstance(at, (int, float)) and not isinstance(at, bool) and at >= 0:
        return "T+" + format_duration(round(at)), None, notes
    if isinstance(at, str) and at.strip():
        return at, None, notes
    if "startex" in triggers and not requirement.get("inject_uuid"):
        return "T+0m", None, notes
    return None, "manual", notes


def _listed(value: Any) -> list:
    """A value the format says is a list, or nothing when a file has something else there."""
    return value if isinstance(value, list) else []


def _payload(payload: dict | None) -> str:
    """The text an inject delivers, when its payload is text (an e-mail, base64 or not)."""
    if not payload or not isinstance(payload.get("parameters"), dict):
        return ""
    parameters = payload["parameters"]
    content = parameters.get("content")
    if not isinstance(content, str):
        return ""
    if str(parameters.get("content-type", "")).casefold() == "base64":
        try:
            content = base64.b64decode(content, validate=False).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            return ""
    return content.strip()[:_PAYLOAD_CHARS]

"""How a trainer tells the import what a sheet from another tool means: a column map.

`--map "Script=body"` says that the column headed Script holds an inject's body;
`--map "C=offset"` that column C does, for a sheet without a header row (OpenAEV's
importer maps columns by letter the same way). The same, with the unit of bare
numbers, the channel for unknown delivery methods and the drill's start, can be
written once in a small YAML file and reused for every sheet of that tool:

    format: drill/msel-map@1
    columns: {T+min: offset, Inject#: number, Script: body, Artifacts: notes}
    unit: minutes
    channel: note
    start: 2024-04-17T09:00:00+08:00

A map's targets are the import's own column keys, plus `notes` (kept in the
inject's notes under the header) and `ignore` (read by nobody, said in the summary).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..formats import source
from ..formats.problems import FormatError, Problem
from ..formats.scenario import CHANNELS
from .columns import INJECTS, header_key
from .times import signed_span, unit_named

FORMAT = "drill/msel-map@1"
TARGETS = tuple(column.key for column in INJECTS.columns) + ("ignore",)
_LETTERS = re.compile(r"^[A-Z]{1,3}$")


@dataclass
class Options:
    """Everything the trainer said about a sheet, from the command line and a map file."""

    headers: dict[str, str] = field(default_factory=dict)     # header_key(header) -> target
    letters: dict[int, str] = field(default_factory=dict)     # 1-based column -> target
    unit: int | None = None
    channel: str | None = None
    start: datetime | None = None
    shift: int = 0
    tasks_from_expected: bool = False

    def given(self, written: str, target: str) -> None:
        """One `HEADER=target` (or `LETTER=target`); ValueError names what is accepted."""
        target = target.strip().casefold()
        if target not in TARGETS:
            raise ValueError(f"unknown target {target!r} in the map: expected one of {', '.join(TARGETS)}")
        written = written.strip()
        if not written:
            raise ValueError("a map entry needs the column's header or letter before '='")
        if _LETTERS.match(written):
            self.letters[letter_number(written)] = target
        else:
            self.headers[header_key(written)] = target


def letter_number(letters: str) -> int:
    """A spreadsheet's column letters as a 1-based number: A -> 1, AA -> 27."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def options(maps: tuple[str, ...] = (), map_file: Path | None = None, *, unit: str | None = None, channel: str | None = None,
            start: str | None = None, shift: str | None = None, tasks_from_expected: bool = False) -> Options:
    """The options of one import: the map file first, then `--map` entries and flags over it.
    A bad map file raises FormatError at its line; a bad flag ValueError (a usage error)."""
    chosen = Options(tasks_from_expected=tasks_from_expected)
    if map_file is not None:
        _read_file(map_file, chosen)
    for entry in maps:
        header, equals, target = entry.rpartition("=")
        if not equals:
            raise ValueError(f"--map {entry!r}: expected HEADER=TARGET, e.g. --map 'Script=body' or --map 'C=offset'")
        chosen.given(header, target)
    if unit is not None:
        chosen.unit = unit_named(unit)
    if channel is not None:
        chosen.channel = _channel(channel)
    if start is not None:
        chosen.start = _start(start)
    if shift is not None:
        chosen.shift = signed_span(shift)
    return chosen


def _channel(word: str) -> str:
    if word not in CHANNELS:
        raise ValueError(f"unknown channel {word!r}: expected one of {', '.join(CHANNELS)}")
    return word


def _start(written: str) -> datetime:
    try:
        moment = datetime.fromisoformat(written.strip().replace("Z", "+00:00"))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ValueError(f"start {written!r} is not a date-time with an offset, e.g. 2024-04-16T07:00:00+08:00")
    return moment


def _read_file(path: Path, chosen: Options) -> None:
    document = source.read(path)
    data = document.data
    problems: list[Problem] = []
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise FormatError([document.problem(("format",), f"expected a column map (format: {FORMAT})")])
    for key in data:
        if key not in ("format", "columns", "unit", "channel", "start"):
            problems.append(document.problem((key,), f"unknown key {key!r}: expected columns, unit, channel or start", key=True))
    columns = data.get("columns") or {}
    if not isinstance(columns, dict):
        problems.append(document.problem(("columns",), "columns: expected a mapping of header (or column letter) to target"))
        columns = {}
    for header, target in columns.items():
        try:
            chosen.given(str(header), str(target))
        except ValueError as error:
            problems.append(document.problem(("columns", header), str(error)))
    for key, read in (("unit", lambda v: setattr(chosen, "unit", unit_named(v))),
                      ("channel", lambda v: setattr(chosen, "channel", _channel(v))),
                      ("start", lambda v: setattr(chosen, "start", _start(v)))):
        if data.get(key) is not None:
            try:
                read(str(data[key]))
            except ValueError as error:
                problems.append(document.problem((key,), str(error)))
    if problems:
        raise FormatError(problems)

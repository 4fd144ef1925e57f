"""`drill msel inspect`: what an import of a sheet would read, before anything is written.

A trainer with a sheet from another tool sees which column goes where, which are kept
as notes, and the first rows as the import reads them, with their problems; then maps
what was not recognised (`--map`, `--map-file`) and looks again.
"""

from __future__ import annotations

from pathlib import Path

from ..formats.problems import FormatError, Position, Problem
from ..i18n import Catalog
from .mapping import Options
from .read import NO_TABLE, Locator, Reader, complete, find_tables, read_msel, whole_scenario
from .times import shown

def inspect(path: str | Path, options: Options | None = None, rows: int = 5) -> list[str]:
    """What an import of the sheet would do, before it does it: which column goes where,
    which are kept as notes, and the first rows as read (with their problems). Raises
    FormatError only when no table of injects is found."""
    book = read_msel(path)
    first = Position(1, 1, book.grids[0].name if book.grids else "")
    reader = Reader(book, Locator(book.path, first), options)
    tables = find_tables(book, reader)
    if "injects" not in tables:
        raise FormatError(reader.problems + [Problem(book.path, first, NO_TABLE)])
    table = tables["injects"]
    t = Catalog("en")
    data = whole_scenario(book, tables, reader)
    injects, _ = reader.injects(table)
    if reader.skeleton_start is not None:
        complete(data | {"injects": injects, "tasks": []}, tables, reader)
    sheet = table.header.sheet or Path(path).name
    head = (t("msel.inspect.sheet", path=path, sheet=sheet, row=table.header_row) if table.header_row
            else t("msel.inspect.headerless", path=path, sheet=sheet))
    lines = [head] + reader.summary + [t("msel.inspect.rows")]
    problems = sorted(set(reader.problems), key=lambda p: p.position)
    for entry, record in list(zip(injects, table.records))[:rows]:
        when = entry.get("when")
        at = ("T+" + entry["at"]) if "at" in entry else (", ".join(f"{k}: {v}" for k, v in when.items()) if isinstance(when, dict) else "?")
        to = entry.get("to", "all")
        lines.append(t("msel.inspect.row", row=record.row.line, at=at, channel=entry.get("channel", "?"),
                       to=", ".join(to) if isinstance(to, list) else to, title=shown(entry.get("title", "?")).strip("'\"")))
        lines += [t("msel.inspect.problem", row=record.row.line, problem=f"{p.position}: {p.message}")
                  for p in problems if p.position.line == record.row.line and p.position.sheet == record.row.sheet]
    return lines

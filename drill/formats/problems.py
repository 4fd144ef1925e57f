"""Problems found in a user's file, always tied to a file, line and column.

Every error a trainer sees names the place to fix, in the form compilers use
(`FILE:LINE:COL: error: MESSAGE`) so that editors can jump to it. A cell of a
spreadsheet is named as spreadsheets name it: `FILE:SHEET!B7: error: MESSAGE`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and column in a source file; in a workbook, a row and column of `sheet`."""

    line: int
    column: int
    sheet: str = ""

    def __str__(self) -> str:
        if not self.sheet:
            return f"{self.line}:{self.column}"
        sheet = self.sheet if all(c.isalnum() or c == "_" for c in self.sheet) else "'" + self.sheet.replace("'", "''") + "'"
        return f"{sheet}!{column_letter(self.column)}{self.line}"


def column_letter(column: int) -> str:
    """A spreadsheet's name for a 1-based column: 1 -> A, 27 -> AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True)
class Problem:
    path: str
    position: Position
    message: str
    severity: str = "error"  # or "warning": worth fixing, but the file works

    def __str__(self) -> str:
        return f"{self.path}:{self.position}: {self.severity}: {self.message}"


class FormatError(Exception):
    """One or more problems make a file unusable; `problems` lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

"""Problems found in a user's file, always tied to a file, line and column.

Every error a trainer sees names the place to fix, in the form compilers use
(`FILE:LINE:COL: error: MESSAGE`) so that editors can jump to it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int
    column: int


@dataclass(frozen=True)
class Problem:
    path: str
    position: Position
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.position.line}:{self.position.column}: error: {self.message}"


class FormatError(Exception):
    """One or more problems make a file unusable; `problems` lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

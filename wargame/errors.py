"""Errors meant for people: one line naming the file, line and column.

Bad input (a broken scenario, a corrupt save, a wrong argument) must never end in
a traceback. Everything the loaders find wrong becomes a `Problem`; the command
line prints them one per line and exits with status 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file. `line` and `column` are 1-based; 0 when unknown."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}: {self.message}"
        return f"{self.file}: {self.message}"


class InputError(Exception):
    """Raised with every problem found in one input; never for a bug of ours."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, file: str, message: str, line: int = 0, column: int = 0) -> InputError:
        return cls([Problem(file, line, column, message)])

"""Live validation: the problems of `wargame validate`, each tied to a path and a hex.

The loader and its checks report a problem by file, line and column. The editor
needs more: the *path* of the value (so the screen opens the right form) and,
where the value is about a place on the map, the *hex* (so the board can mark
it). The path comes from inverting the loader's own marks (path -> position);
the hex from what the path names: a piece's hex (or its base's), a place's, a
river's hex, the letter of a map row.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from ..errors import Problem
from ..yamlsafe import Document
from .spans import Path_, dotted

_HEX_NAME = re.compile(r"^[0-9]{4}$")


@dataclass(frozen=True, slots=True)
class EditorProblem:
    """One problem of the scenario being edited.

    `line`/`column` are 1-based (0 when the problem has no place in the text);
    `path` is the loader's path of the value it is about, or None; `hex` is the
    CCRR name of the hex it concerns, or None."""

    message: str
    line: int
    column: int
    path: Path_ | None
    hex: str | None

    @property
    def where(self) -> str:
        return dotted(self.path) if self.path is not None else ""

    def __str__(self) -> str:
        at = f"{self.line}:{self.column}: " if self.line else ""
        return at + self.message


class ProblemLocator:
    """Maps positions in one text back to paths (the inverse of `Document.marks`)."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.at: dict[tuple[int, int], Path_] = {}
        for path, pos in doc.key_marks.items():
            self.at.setdefault(pos, path)
        for path, pos in doc.marks.items():  # a value wins over a key at the same place
            old = self.at.get(pos)
            if old is None or old not in doc.marks or len(path) > len(old):
                self.at[pos] = path
        self.by_line: dict[int, list[tuple[int, Path_]]] = {}
        for (line, col), path in sorted(self.at.items()):
            self.by_line.setdefault(line, []).append((col, path))

    def path_at(self, line: int, column: int) -> tuple[Path_ | None, int]:
        """The path written at a position, and how far into that value the position is."""
        exact = self.at.get((line, column))
        if exact is not None:
            return exact, 0
        marks = self.by_line.get(line)
        if not marks:
            return None, 0
        i = bisect_right([c for c, _ in marks], column) - 1
        if i < 0:
            return None, 0
        col, path = marks[i]
        return path, column - col

    def locate(self, problem: Problem) -> EditorProblem:
        path, into = self.path_at(problem.line, problem.column) if problem.line else (None, 0)
        return EditorProblem(problem.message, problem.line, problem.column, path, self.hex_of(path, into))

    def hex_of(self, path: Path_ | None, into: int = 0) -> str | None:
        """The hex a value is about, where it is about one."""
        if not path:
            return None
        data = self.doc.data
        if path[:2] in (("map", "terrain"), ("map", "country")) and len(path) >= 3 and isinstance(path[2], int):
            line, col = self.doc.marks.get(path[:3], (0, 0))
            quoted = self.doc.line_text(line)[col - 1 : col] in ("'", '"')
            column = into - (1 if quoted else 0)
            return _name(column, path[2]) if column >= 0 else None
        if path[:2] == ("map", "rivers") and len(path) >= 5 and path[3] == "hexes":
            return _hex_value(_get(data, path[:5]))
        if path[:2] == ("map", "places") and len(path) >= 3:
            return _hex_value(_get(data, path[:3] + ("hex",)))
        if path[0] == "pieces" and len(path) >= 2:
            return piece_hex(data, _get(data, path[:2]))
        if path[:3] == ("rules", "supply", "crossings") and len(path) >= 4:
            place = _by_id(_get(data, ("map", "places")), _get(data, path[:4]))
            return _hex_value(place.get("hex")) if place else None
        if path[:2] == ("victory", "objectives") and len(path) >= 6 and isinstance(path[-1], int):
            piece = _by_id(_get(data, ("pieces",)), _get(data, path))
            return piece_hex(data, piece) if piece else None
        return None


def piece_hex(data: Any, piece: Any) -> str | None:
    """Where a piece stands: its hex, or its base's for a flight or ISR drone."""
    if not isinstance(piece, dict):
        return None
    if "hex" in piece:
        return _hex_value(piece["hex"])
    base = _by_id(_get(data, ("pieces",)), piece.get("base"))
    if base is not None and base is not piece and "hex" in base:
        return _hex_value(base["hex"])
    return None


def _name(col: int, row: int) -> str | None:
    return f"{col + 1:02d}{row + 1:02d}" if 0 <= col < 99 and 0 <= row < 99 else None


def _hex_value(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 9999:
        value = f"{value:04d}"
    return value if isinstance(value, str) and _HEX_NAME.match(value) else None


def _get(data: Any, path: Path_) -> Any:
    for seg in path:
        if isinstance(data, dict):
            data = data.get(seg)
        elif isinstance(data, list) and isinstance(seg, int) and 0 <= seg < len(data):
            data = data[seg]
        else:
            return None
    return data


def _by_id(items: Any, wanted: Any) -> dict | None:
    if not isinstance(items, list) or wanted is None:
        return None
    return next((x for x in items if isinstance(x, dict) and x.get("id") == wanted), None)

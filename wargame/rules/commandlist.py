"""The legal commands as one sequence over the acting pieces' groups of commands.

The engine keeps each acting piece's commands as the rulebook's shared tuples
(legality.py); a player is handed them as one sequence without their being
copied into one list, and may read them piece by piece and group by group.
"""

from __future__ import annotations

import operator
from bisect import bisect_right
from itertools import accumulate, chain
from typing import Iterator, Sequence

from .commands import Command


class CommandList(Sequence[Command]):
    """The legal commands as one sequence over the pieces' cached groups,
    without copying them into one list (random.choice and indexing work as on
    a list, in the same order)."""

    __slots__ = ("_groups", "_len", "_by_piece", "_ends")

    def __init__(self, groups: list[tuple[Command, ...]], by_piece: dict[str, list[tuple[Command, ...]]] | None = None):
        self._groups = groups
        self._len = sum(map(len, groups))
        self._by_piece = by_piece or {}
        self._ends: list[int] | None = None  # where each group ends, for indexing by bisection (made when first indexed)

    def of_piece(self, piece_id: str) -> Sequence[Command]:
        """The commands of one acting piece (a team, a drone, a flight), in order, without a scan."""
        parts = self._by_piece.get(piece_id, ())
        return parts[0] if len(parts) == 1 else CommandList(list(parts))

    def parts_of(self, piece_id: str) -> list[tuple[Command, ...]]:
        """The groups of one acting piece's commands, in order: each holds commands of one
        kind (a team's going to ground, its moves, its attacks on one site)."""
        return self._by_piece.get(piece_id, [])

    def pieces(self) -> list[str]:
        """The pieces that have commands, in the order of their commands."""
        return [pid for pid, parts in self._by_piece.items() if any(parts)]

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, i):  # type: ignore[override]
        if type(i) is not int or not 0 <= i < self._len:  # the common case (random.choice) passes at once
            if isinstance(i, slice):
                return list(self)[i]
            i = operator.index(i)
            if i < 0:
                i += self._len
            if not 0 <= i < self._len:
                raise IndexError("command index out of range")
        ends = self._ends
        if ends is None:
            ends = self._ends = list(accumulate(map(len, self._groups)))
        k = bisect_right(ends, i)
        return self._groups[k][i - ends[k - 1] if k else i]

    def __iter__(self) -> Iterator[Command]:
        return chain.from_iterable(self._groups)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"CommandList({list(self)!r})"

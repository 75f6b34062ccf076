"""Dice tables: which rows a modified roll lands on, and the exact odds of each.

A table is compiled once per scenario into, for each column, an array that maps
every modified total the table can meet to the index of its result row. The odds
shown before a player commits and the lookup of a real roll both read that same
array, so what the bar chart promises is exactly what the dice can deliver.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from ..dice import Dice, parse_dice
from ..grammar import parse_roll_range

if TYPE_CHECKING:
    from ..scenario.model import ResultRow, Table

# --- compiled tables --------------------------------------------------------------


@dataclass(frozen=True)
class Odds:
    """The exact chance of each result row for one column and modifier total."""

    rows: tuple[ResultRow, ...]
    chances: tuple[Fraction, ...]
    natural: tuple[tuple[int | None, int | None], ...]  # dice totals (unmodified) giving each row

    def chance_of(self, result: str) -> Fraction:
        return sum((c for r, c in zip(self.rows, self.chances) if r.result == result), Fraction(0))


class CompiledTable:
    """A table ready for play: its dice, its columns, and a row lookup per column."""

    def __init__(self, table_id: str, spec: Table, low: int, high: int):
        self.id = table_id
        self.spec = spec
        self.dice: Dice = parse_dice(spec.dice)
        self.sides: tuple[int, ...] = tuple(self.dice.dice)  # the sides of each die, in rolling order
        self.columns: tuple[str | None, ...] = tuple(spec.columns) if spec.columns else (None,)
        self.low, self.high = low, high
        self.rows: list[tuple[ResultRow, ...]] = []
        # each row's modified totals as the table writes them ('11+' is (11, None))
        self.bands: list[tuple[tuple[int | None, int | None], ...]] = []
        self._at: list[np.ndarray] = []
        self._index: list[list[int]] = []  # the same arrays as plain lists, for a roll's single lookup
        for col in self.columns:
            rows = tuple(spec.results[col] if col is not None else spec.results)  # type: ignore[index]
            at = np.full(high - low + 1, -1, dtype=np.int64)
            bands = []
            for i, row in enumerate(rows):
                lo, hi = parse_roll_range(row.roll)
                bands.append((lo, hi))
                a = low if lo is None else max(lo, low)
                b = high if hi is None else min(hi, high)
                if a <= b:
                    at[a - low : b - low + 1] = i
            self.rows.append(rows)
            self.bands.append(tuple(bands))
            self._at.append(at)
            self._index.append(at.tolist())
        self._odds: dict[tuple[int, int], Odds] = {}
        self.outcomes: dict[tuple[int, int], tuple] = {}  # Chance.outcomes, kept as the odds are

    def column_index(self, name: str | None) -> int:
        return self.columns.index(name) if name in self.columns else 0

    def index_at(self, column: int, total: int) -> int:
        """The index of the row a modified total lands on (totals past the ends read the end rows)."""
        total = self.low if total < self.low else self.high if total > self.high else total
        return self._index[column][total - self.low]

    def row_at(self, column: int, total: int) -> ResultRow:
        return self.rows[column][self.index_at(column, total)]

    def odds(self, column: int, modifier: int) -> Odds:
        """Exact odds of each row for a column and modifier total (cached: it is called per hover)."""
        dice = self.dice
        # a total past either end reads the end row: a modifier beyond the table's span is the
        # span's (so any whole number is exact, and numpy's 64-bit totals never wrap)
        modifier = max(self.low - dice.high - 1, min(self.high - dice.low + 1, modifier))
        key = (column, modifier)
        cached = self._odds.get(key)
        if cached is not None:
            return cached
        totals = np.arange(dice.low, dice.high + 1) + modifier
        idx = self._at[column][np.clip(totals, self.low, self.high) - self.low]
        rows = self.rows[column]
        chances = []
        natural = []
        for i in range(len(rows)):
            hit = idx == i
            n = int(dice.counts[hit].sum())
            chances.append(Fraction(n, dice.denominator))
            where = np.nonzero(hit)[0]
            natural.append((int(where[0]) + dice.low, int(where[-1]) + dice.low) if len(where) else (None, None))
        odds = Odds(rows, tuple(chances), tuple(natural))
        self._odds[key] = odds
        return odds

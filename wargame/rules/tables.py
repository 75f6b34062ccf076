"""Dice tables: which rows a modified roll lands on, and the exact odds of each.

A table is compiled once per scenario into, for each column, an array that maps
every modified total the table can meet to the index of its result row. The odds
shown before a player commits and the lookup of a real roll both read that same
array, so what the bar chart promises is exactly what the dice can deliver.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Iterable

import numpy as np

from .dice import Dice, DiceSource, parse_dice

if TYPE_CHECKING:
    from ..scenario.model import Effect, ResultRow, Scenario, Table

US_SITE_KINDS = ("base", "consulate")
RED_KINDS = ("facility", "depot", "launch_team", "rocket_team")

# Who acts and who is acted upon in each table the rules roll themselves.
# A table reached only through another table's `roll:` effect takes its caller's roles.
TABLE_ROLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "isr_detection": (("isr_drone",), RED_KINDS),
    "counter_drone": (("launch_team",), US_SITE_KINDS),
    "drone_attack": (("launch_team",), US_SITE_KINDS),
    "rocket_attack": (("rocket_team",), US_SITE_KINDS),
    "air_defence": (("strike_flight",), RED_KINDS),
    "strike": (("strike_flight",), RED_KINDS),
    "collateral_harm": (("strike_flight",), RED_KINDS),
    "damage_assessment": (("strike_flight",), RED_KINDS),
    "iran_reaction": ((), ()),
}
REQUIRED_TABLES = tuple(TABLE_ROLES)

_EXACT = re.compile(r"^\s*(-?\d+)\s*$")
_PLUS = re.compile(r"^\s*(-?\d+)\s*\+\s*$")
_MINUS = re.compile(r"^\s*(-?\d+)\s*-\s*$")
_SPAN = re.compile(r"^\s*(-?\d+)\s*-\s*(-?\d+)\s*$")


def parse_roll_range(value: int | str) -> tuple[int | None, int | None]:
    """`7` -> (7, 7); `"2-6"` -> (2, 6); `"10+"` -> (10, None); `"0-"` -> (None, 0)."""
    if isinstance(value, bool):
        raise ValueError("a roll range is a number or text such as '2-6', '10+' or '0-'")
    if isinstance(value, int):
        return value, value
    for pattern, make in (
        (_EXACT, lambda m: (int(m[1]), int(m[1]))),
        (_PLUS, lambda m: (int(m[1]), None)),
        (_MINUS, lambda m: (None, int(m[1]))),
        (_SPAN, lambda m: (int(m[1]), int(m[2]))),
    ):
        m = pattern.match(value)
        if m:
            lo, hi = make(m)
            if lo is not None and hi is not None and lo > hi:
                raise ValueError(f"roll range {value!r} runs backwards")
            return lo, hi
    raise ValueError(f"roll range {value!r} is not a number, 'A-B', 'N+' (N or more) or 'N-' (N or less)")


def describe_range(lo: int | None, hi: int | None) -> str:
    if lo is None:
        return f"{hi} or less"
    if hi is None:
        return f"{lo} or more"
    return str(lo) if lo == hi else f"{lo}-{hi}"


Roles = tuple[tuple[str, ...], tuple[str, ...]]


def table_effects(table: Table) -> Iterable[Effect]:
    groups = table.results.values() if isinstance(table.results, dict) else [table.results]
    for rows in groups:
        for row in rows:
            yield from row.effects


def table_roles(scenario: Scenario) -> dict[str, Roles]:
    """Who acts and who is acted upon in every table: the rules' own tables by
    TABLE_ROLES, and a table rolled by another's `roll:` effect as its callers."""
    roles: dict[str, Roles] = dict(TABLE_ROLES)
    changed = True
    while changed:
        changed = False
        for tid, table in scenario.tables.items():
            if tid not in roles:
                continue
            for eff in table_effects(table):
                if eff.roll is None or eff.roll not in scenario.tables:
                    continue
                a, t = roles[tid]
                old = roles.get(eff.roll, ((), ()))
                new = (tuple(sorted(set(old[0]) | set(a))), tuple(sorted(set(old[1]) | set(t))))
                if new != old:
                    roles[eff.roll] = new
                    changed = True
    return roles


# --- what values a modifier can take ---------------------------------------------


def piece_values(scenario: Scenario, kinds: Iterable[str], name: str) -> set[int]:
    """Every value `name` can have on a piece of these kinds, damaged or not (0 where absent)."""
    out: set[int] = set()
    kinds = set(kinds)
    for pt in scenario.piece_types.values():
        if pt.kind not in kinds:
            continue
        base = getattr(pt, name, None)
        if not isinstance(base, int) or isinstance(base, bool):
            out.add(0)
            continue
        out.add(base)
        if name in pt.damaged:
            out.add(base + pt.damaged[name])
    return out


def modifier_values(scenario: Scenario, roles: tuple[tuple[str, ...], tuple[str, ...]], value_from: str) -> set[int]:
    """Every value a `value_from` reference can produce in a table with these roles."""
    head, _, name = value_from.partition(".")
    if head == "hex":
        return set(range(0, 5))
    if head == "track":
        track = scenario.tracks.get(name)
        return set(range(track.min, track.max + 1)) if track else set()
    kinds = roles[0] if head == "attacker" else roles[1]
    return piece_values(scenario, kinds, name)


def modifier_bounds(scenario: Scenario, table: Table, roles: tuple[tuple[str, ...], tuple[str, ...]]) -> tuple[int, int]:
    """Lowest and highest total of the modifiers; a conditional one may also add nothing."""
    lo = hi = 0
    for mod in table.modifiers:
        if mod.value is not None:
            values = {mod.value * mod.times}
        else:
            values = {v * mod.times for v in modifier_values(scenario, roles, mod.value_from or "")} or {0}
        if mod.when.model_fields_set:
            values.add(0)
        lo += min(values)
        hi += max(values)
    return lo, hi


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
        self.columns: tuple[str | None, ...] = tuple(spec.columns) if spec.columns else (None,)
        self.low, self.high = low, high
        self.rows: list[tuple[ResultRow, ...]] = []
        self._at: list[np.ndarray] = []
        for col in self.columns:
            rows = tuple(spec.results[col] if col is not None else spec.results)  # type: ignore[index]
            at = np.full(high - low + 1, -1, dtype=np.int64)
            for i, row in enumerate(rows):
                lo, hi = parse_roll_range(row.roll)
                a = low if lo is None else max(lo, low)
                b = high if hi is None else min(hi, high)
                if a <= b:
                    at[a - low : b - low + 1] = i
            self.rows.append(rows)
            self._at.append(at)
        self._odds: dict[tuple[int, int], Odds] = {}

    def column_index(self, name: str | None) -> int:
        return self.columns.index(name) if name in self.columns else 0

    def row_at(self, column: int, total: int) -> ResultRow:
        """The row a modified total lands on (totals past the ends read the end rows)."""
        total = self.low if total < self.low else self.high if total > self.high else total
        return self.rows[column][int(self._at[column][total - self.low])]

    def odds(self, column: int, modifier: int) -> Odds:
        """Exact odds of each row for a column and modifier total (cached: it is called per hover)."""
        key = (column, modifier)
        cached = self._odds.get(key)
        if cached is not None:
            return cached
        dice = self.dice
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

    def roll(self, source: DiceSource) -> tuple[list[int], int]:
        """Roll this table's dice: the faces, in order, and their total."""
        faces = [source.die(s) for s in self.dice.dice]
        return faces, self.dice.total(faces)

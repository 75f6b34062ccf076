"""The exact odds of a dice table, for `wargame odds`: every result of every column.

A designer asks "what does this table do with these modifiers?" without playing
a game to the right moment. The modifiers are named as the scenario names them:
a fixed one is switched on by its name, one whose value comes from the game
(a site's defence, a hex's population) is given its value. The odds come from
the rulebook's compiled table, the same arrays the dice are read from in play,
so they are exact fractions that sum to one.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

from ..errors import InputError
from ..grammar import describe_range
from ..rules.rulebook import Rulebook

BAR = 40  # characters of the longest possible bar (a certainty)


@dataclass(frozen=True)
class ResultChance:
    result: str
    text: str
    roll: str  # the modified totals the table writes for the row ('10+')
    natural: str  # the dice totals that give it with these modifiers ('8 or more'), or '' if none
    chance: Fraction


@dataclass(frozen=True)
class ColumnChances:
    column: str | None
    results: tuple[ResultChance, ...]
    read_as: str | None = None  # the column whose rows a roll reads, when column shifts move it


@dataclass(frozen=True)
class TableChances:
    table: str
    title: str
    dice: str
    modifiers: tuple[tuple[str, int], ...]  # each applied modifier and what it adds
    total: int
    columns: tuple[ColumnChances, ...]
    shifts: tuple[tuple[str, int], ...] = ()  # each applied column shift and how far it moves the column

    def as_data(self) -> dict[str, Any]:
        """Plain data for --json: each chance as an exact fraction and as a number."""
        return {
            "table": self.table, "title": self.title, "dice": self.dice,
            "modifiers": [{"name": n, "value": v} for n, v in self.modifiers], "modifier_total": self.total,
            "shifts": [{"name": n, "shift": v} for n, v in self.shifts],
            "columns": [{"column": c.column, "read_as": c.read_as or c.column, "results": [
                {"result": r.result, "text": r.text, "roll": r.roll, "natural": r.natural,
                 "chance": f"{r.chance.numerator}/{r.chance.denominator}", "probability": float(r.chance)}
                for r in c.results]} for c in self.columns],
        }  # fmt: skip


def parse_modifiers(rules: Rulebook, table_id: str, asked: Sequence[str],
                    where: str = "--modifier") -> list[tuple[str, int]]:  # fmt: skip
    """`NAME` or `NAME=VALUE` for each modifier asked for, checked against the table's own:
    a fixed modifier takes no value, one read from the game must be given its value."""
    table = rules.scenario.tables[table_id]
    by_name = {m.name.casefold(): m for m in table.modifiers}
    shifts = {c.name.casefold() for c in table.column_shifts}
    out = []
    for text in asked:
        name, eq, value = text.partition("=")
        if name.strip().casefold() in shifts:
            if eq:
                raise InputError.single(where, f"{name.strip()!r} is a column shift: name it without a value")
            continue  # a column shift, not a modifier (`parse_shifts`)
        m = by_name.get(name.strip().casefold())
        if m is None:
            known = "; ".join([x.name for x in table.modifiers] + [c.name for c in table.column_shifts]) or "none"
            raise InputError.single(where, f"table {table_id} has no modifier {name.strip()!r} (its modifiers: {known})")
        if m.value_from is None:
            if eq:
                raise InputError.single(where, f"{m.name!r} is a fixed modifier ({(m.value or 0) * m.times:+d}): name it without a value")
            out.append((m.name, (m.value or 0) * m.times))
            continue
        if not eq:
            raise InputError.single(where, f"{m.name!r} takes its value from {m.value_from}: give it as {m.name!r}=VALUE")
        try:
            n = int(value)
        except ValueError:
            raise InputError.single(where, f"{m.name!r}: {value!r} is not a whole number") from None
        out.append((m.name, n * m.times))
    return out


def parse_shifts(rules: Rulebook, table_id: str, asked: Sequence[str]) -> list[tuple[str, int]]:
    """The table's column shifts among the names asked for (`parse_modifiers` checks the rest)."""
    table = rules.scenario.tables[table_id]
    by_name = {c.name.casefold(): c for c in table.column_shifts}
    got = [by_name.get(text.partition("=")[0].strip().casefold()) for text in asked]
    return [(c.name, c.shift) for c in got if c is not None]


def table_chances(rules: Rulebook, table_id: str, modifiers: Sequence[tuple[str, int]] = (),
                  shifts: Sequence[tuple[str, int]] = ()) -> TableChances:  # fmt: skip
    """The exact chance of every result row of every column, with these modifiers applied
    and the column moved by these shifts (as a roll moves it: no further than the last)."""
    if table_id not in rules.tables:
        known = ", ".join(rules.tables)
        raise InputError.single(table_id, f"no such table in {rules.scenario.id} (tables: {known})")
    compiled = rules.tables[table_id]
    total = sum(v for _, v in modifiers)
    moved = sum(v for _, v in shifts)
    columns = []
    for c, name in enumerate(compiled.columns):
        read = max(0, min(len(compiled.columns) - 1, c + moved)) if name is not None else c
        odds = compiled.odds(read, total)
        rows = []
        for i, (row, chance, nat) in enumerate(zip(odds.rows, odds.chances, odds.natural)):
            natural = describe_range(*nat) if nat[0] is not None else ""
            rows.append(ResultChance(row.result, row.text, str(row.roll), natural, chance))
        columns.append(ColumnChances(name, tuple(rows), compiled.columns[read] if read != c else None))
    return TableChances(table_id, compiled.spec.title, compiled.dice.text, tuple(modifiers), total, tuple(columns),
                        tuple(shifts))  # fmt: skip


def format_chances(t: TableChances) -> str:
    """The odds as a table with a text bar chart, one block per column."""
    lines = [f"{t.title} ({t.table}), {t.dice}"]
    if t.modifiers:
        lines.append("modifiers: " + ", ".join(f"{n} {v:+d}" for n, v in t.modifiers) + f" = {t.total:+d}")
    else:
        lines.append("modifiers: none")
    if t.shifts:
        lines.append("column shifts: " + ", ".join(f"{n} {v:+d}" for n, v in t.shifts))
    for col in t.columns:
        lines.append("")
        if col.column is not None:
            lines.append(f"column {col.column}" + (f", read as {col.read_as}" if col.read_as else ""))
        width = max(len(r.text) for r in col.results)
        for r in col.results:
            bar = "█" * round(float(r.chance) * BAR)
            nat = f"(dice {r.natural})" if r.natural else "(impossible)"
            lines.append(f"  {r.text:<{width}}  {r.roll:>6}  {nat:<18} {str(r.chance):>7}  {float(r.chance):7.2%}  {bar}")
    return "\n".join(lines)

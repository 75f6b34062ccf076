"""Exact odds of a table as it stands in the editor, for every modifier total it can meet.

The play screen's odds card reads one situation's column and modifier; the
editor shows the whole table: for each column and for each modifier total the
table's modifiers can add up to (with the values the scenario's pieces, hexes
and tracks can give them), the exact chance of each result, merged by result as
the card merges them, and the share of rolls no row covers (a gap the designer
is mid-way through closing). It compiles the table with the rules' own
`CompiledTable` and `grammar.modifier_choices`, so these numbers are the ones a
game on this text would roll.

While the scenario has problems elsewhere, the table is checked alone and the
values of pieces and tracks come from the last valid text. Redrawing as the
designer types costs well under a millisecond per table (see the tests).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from pydantic import ValidationError

from ..dice import parse_dice
from ..grammar import NO_ROLES, modifier_choices, parse_roll_range, table_roles
from ..rules.tables import CompiledTable
from ..scenario.checks_tables import MAX_SPAN
from ..scenario.model import Scenario, Table
from .document import EditingDocument


@dataclass(frozen=True)
class ResultOdds:
    result: str
    text: str
    chance: Fraction


@dataclass(frozen=True)
class TotalOdds:
    """The odds at one modifier total: each result's chance, and the chance of no row."""

    modifier: int
    results: tuple[ResultOdds, ...]
    gap: Fraction

    def chance_of(self, result: str) -> Fraction:
        return sum((r.chance for r in self.results if r.result == result), Fraction(0))


@dataclass(frozen=True)
class ColumnOdds:
    column: str | None
    totals: tuple[TotalOdds, ...]


@dataclass(frozen=True)
class TableOdds:
    table_id: str
    title: str
    dice: str
    modifiers: tuple[int, ...]  # every modifier total the table can meet, lowest first
    columns: tuple[ColumnOdds, ...]
    problems: tuple[str, ...]  # why there are no odds, or what is wrong with them

    def at(self, modifier: int, column: str | None = None) -> TotalOdds:
        col = next(c for c in self.columns if c.column == column or column is None)
        return next(t for t in col.totals if t.modifier == modifier)


def table_odds(doc: EditingDocument | Scenario, table_id: str) -> TableOdds:
    """The exact odds of one table of the document (or of a valid scenario)."""
    if isinstance(doc, Scenario):
        return _odds(doc, table_id, doc.tables[table_id])
    if doc.scenario is not None:
        if table_id not in doc.scenario.tables:
            return _none(table_id, f"there is no table {table_id!r}")
        return _odds(doc.scenario, table_id, doc.scenario.tables[table_id])
    raw = (doc.data.get("tables") or {}).get(table_id) if isinstance(doc.data, dict) else None
    if raw is None:
        return _none(table_id, f"there is no table {table_id!r}")
    try:
        spec = Table.model_validate(raw)
    except ValidationError:
        mine = [str(p) for p in doc.problems if p.path and p.path[:2] == ("tables", table_id)]
        return _none(table_id, *(mine or [f"table {table_id} has problems to fix first"]))
    base = doc.last_valid.scenario if doc.last_valid is not None else None
    if base is None:
        return _none(table_id, "the scenario has problems to fix before the odds can be shown")
    scenario = base.model_copy(update={"tables": {**base.tables, table_id: spec}})
    return _odds(scenario, table_id, spec)


def _none(table_id: str, *problems: str) -> TableOdds:
    return TableOdds(table_id, "", "", (), (), tuple(problems))


def modifier_totals(scenario: Scenario, table: Table, roles=NO_ROLES) -> list[int]:
    """Every total the table's modifiers can add up to (a conditional one may add nothing)."""
    totals = {0}
    for mod in table.modifiers:
        values = modifier_choices(scenario, mod, roles)
        totals = {t + v for t in totals for v in values}
        if max(totals) - min(totals) > MAX_SPAN:
            raise ValueError(f"the modifiers can make more than {MAX_SPAN} totals")
    return sorted(totals)


def _odds(scenario: Scenario, table_id: str, spec: Table) -> TableOdds:
    roles = table_roles(scenario).get(table_id, NO_ROLES)
    try:
        dice = parse_dice(spec.dice)
        totals = modifier_totals(scenario, spec, roles)
        for rows in (spec.results.values() if isinstance(spec.results, dict) else [spec.results]):
            for row in rows:
                parse_roll_range(row.roll)
        if isinstance(spec.results, dict) and not spec.columns:
            raise ValueError("results are given by column, but the table has no 'columns'")
        if spec.columns and not isinstance(spec.results, dict):
            raise ValueError("the table has columns, so give results per column")
        if spec.columns and any(c not in spec.results for c in spec.columns):  # type: ignore[operator]
            raise ValueError("a column has no results")
    except ValueError as e:
        return _none(table_id, f"table {table_id}: {e}")
    compiled = CompiledTable(table_id, spec, dice.low + totals[0], dice.high + totals[-1])
    columns = []
    for c, name in enumerate(compiled.columns):
        out = []
        for m in totals:
            odds = compiled.odds(c, m)
            merged: dict[str, list] = {}
            for row, chance in zip(odds.rows, odds.chances):
                entry = merged.setdefault(row.result, [row.text, Fraction(0)])
                entry[1] += chance
            results = tuple(ResultOdds(r, text, p) for r, (text, p) in merged.items())
            gap = 1 - sum((r.chance for r in results), Fraction(0))
            out.append(TotalOdds(m, results, gap))
        columns.append(ColumnOdds(name, tuple(out)))
    problems = tuple(
        f"column {col.column}: " * (col.column is not None) + f"no row for some rolls at modifier {t.modifier:+d}"
        for col in columns for t in col.totals if t.gap
    )  # fmt: skip
    return TableOdds(table_id, spec.title, spec.dice, tuple(totals), tuple(columns), problems)

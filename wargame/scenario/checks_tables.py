"""Cross-checks of the dice tables: every total the dice and modifiers can make
gives exactly one row, modifiers read values the table's pieces have, conditions
and effects name what exists, and no table rolls itself through others.

Called by `checks._Checker.run`, with the same located problems.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ..dice import parse_dice
from ..errors import Problem
from ..grammar import (
    NO_ROLES,
    REQUIRED_TABLES,
    Roles,
    ValueRef,
    modifier_bounds,
    modifier_values,
    parse_roll_range,
    table_effects,
    table_roles,
)
from .model import Table

if TYPE_CHECKING:
    from .checks import _Checker

# Most modified totals a table, or values a track, may span. Valid dice span at most
# a few thousand; a slip such as `value: 1000000000` must be an error, not a check
# that runs for hours or a game that allocates a row lookup of a billion totals.
MAX_SPAN = 10_000

INF = float("inf")


def check_tables(c: _Checker) -> Iterator[Problem]:
    tables = c.s.tables
    for name in REQUIRED_TABLES:
        if name not in tables:
            yield c.p(("tables",), f"tables: missing the {name!r} table, which the rules roll", at_key=True)
    roles = table_roles(c.s)
    for tid, table in tables.items():
        yield from _table(c, tid, table, roles.get(tid, NO_ROLES))
    yield from _roll_cycles(c)

def _table(c: _Checker, tid: str, table: Table, roles: Roles) -> Iterator[Problem]:
    path = ("tables", tid)
    try:
        dice = parse_dice(table.dice)
    except ValueError as e:
        yield c.p(path + ("dice",), f"table {tid}: {e}")
        return
    for j, mod in enumerate(table.modifiers):
        mpath = path + ("modifiers", j)
        if mod.value_from is not None:
            yield from _value_ref(c, mpath + ("value_from",), tid, mod.value_from, roles)
        yield from c.condition(mpath + ("when",), mod.when, roles)
    for j, shift in enumerate(table.column_shifts):
        yield from c.condition(path + ("column_shifts", j, "when"), shift.when, roles)
    if isinstance(table.results, dict):
        if not table.columns:
            yield c.p(path + ("results",), f"table {tid}: results are given by column, but the table has no 'columns'")
            return
        for col in table.columns:
            if col not in table.results:
                yield c.p(path + ("results",), f"table {tid}: no results for column {col!r}")
        for col in table.results:
            if col not in table.columns:
                yield c.p(path + ("results", col), f"table {tid}: results for {col!r}, which is not a column", at_key=True)
        if table.column_from is None:
            yield c.p(path, f"table {tid}: a table with columns needs 'column_from'")
        groups = [(path + ("results", col), rows) for col, rows in table.results.items()]
    else:
        if table.columns:
            yield c.p(path + ("results",), f"table {tid}: the table has columns, so give results per column")
            return
        if table.column_shifts:
            yield c.p(path + ("column_shifts",), f"table {tid}: column shifts need columns")
        groups = [(path + ("results",), table.results)]
    if _long_track_modifier(c, table):  # reported at the track; listing its every value would not end
        return
    lo_mod, hi_mod = modifier_bounds(c.s, table, roles)
    need_lo, need_hi = dice.low + lo_mod, dice.high + hi_mod
    if need_hi - need_lo > MAX_SPAN:
        yield c.p(
            path + ("modifiers",),
            f"table {tid}: dice and modifiers can make {need_lo} to {need_hi}, more than {MAX_SPAN} totals",
            at_key=True,
        )
        return
    for gpath, rows in groups:
        yield from _coverage(c, tid, gpath, rows, need_lo, need_hi)
        for j, row in enumerate(rows):
            yield from c.effects(gpath + (j, "effects"), row.effects, roles, tid)

def _coverage(c: _Checker, tid: str, gpath: tuple, rows: list, need_lo: int, need_hi: int) -> Iterator[Problem]:
    """Exactly one row for every modified total the dice and modifiers can make."""
    spans = []
    for j, row in enumerate(rows):
        try:
            lo, hi = parse_roll_range(row.roll)
        except ValueError as e:
            yield c.p(gpath + (j, "roll"), f"table {tid}: {e}")
            return
        spans.append((j, -INF if lo is None else lo, INF if hi is None else hi))
    for x, (i, a1, b1) in enumerate(spans):
        for j, a2, b2 in spans[x + 1 :]:
            lo, hi = max(a1, a2), min(b1, b2)
            if lo <= hi:
                at = lo if lo != -INF else hi
                yield c.p(
                    gpath + (j, "roll"),
                    f"table {tid}: rows {rows[i].roll!r} and {rows[j].roll!r} overlap at a modified total of {at}",
                )
    # The lowest total no row covers: walk the rows in order, not every total.
    total: float = need_lo
    for _, a, b in sorted(spans, key=lambda span: (span[1], span[2])):
        if a > total:
            break
        total = max(total, b + 1)
    if total <= need_hi:
        yield c.p(
            gpath,
            f"table {tid}: no row for a modified total of {int(total)}"
            f" (dice and modifiers can make {need_lo} to {need_hi})",
        )

def _long_track_modifier(c: _Checker, table: Table) -> bool:
    """A modifier takes its value from a track too long to list (see MAX_SPAN)."""
    for mod in table.modifiers:
        ref = mod.value_from
        track = c.s.tracks.get(ref.name) if ref is not None and ref.source == "track" else None
        if track is not None and track.max - track.min > MAX_SPAN:
            return True
    return False

def _value_ref(c: _Checker, path: tuple, tid: str, ref: ValueRef, roles: Roles) -> Iterator[Problem]:
    from .checks import _known

    if ref.source == "track":
        if ref.name not in c.s.tracks:
            yield c.p(path, f"table {tid}: unknown track {ref.name!r}" + _known(c.s.tracks))
        return
    if ref.source == "hex":
        return
    kinds = roles[0] if ref.source == "attacker" else roles[1]
    if not kinds:
        yield c.p(path, f"table {tid}: this table has no {ref.source}, so {str(ref)!r} means nothing here")
        return
    if modifier_values(c.s, roles, ref) <= {0} and not any(
        isinstance(getattr(pt, ref.name, None), int) for pt in c.s.piece_types.values() if pt.kind in kinds
    ):
        yield c.p(path, f"table {tid}: no {ref.source} of kind {', '.join(kinds)} has a value {ref.name!r}")

def _roll_cycles(c: _Checker) -> Iterator[Problem]:
    graph = {tid: [e.roll for e in table_effects(t) if e.roll] for tid, t in c.s.tables.items()}
    state: dict[str, int] = {}

    def visit(tid: str, trail: list[str]) -> list[str] | None:
        state[tid] = 1
        for nxt in graph.get(tid, ()):
            if state.get(nxt) == 1:
                return trail + [nxt]
            if nxt in graph and state.get(nxt) is None:
                found = visit(nxt, trail + [nxt])
                if found:
                    return found
        state[tid] = 2
        return None

    for tid in graph:
        if state.get(tid) is None:
            cycle = visit(tid, [tid])
            if cycle:
                yield c.p(("tables", cycle[0]), "tables roll each other in a loop: " + " -> ".join(cycle), at_key=True)
                return

"""Dice-table operations: rows, modifiers, the table's own values, and new tables.

A table's rows are `tables.T.results` (a list), or `tables.T.results.COLUMN` for a
table with columns (the strike table); every function takes `column=None` for
the first kind and the column's name for the second. Each is one undoable edit
of an `EditingDocument`; a row range that leaves a gap or overlaps another is
let in and reported by the same checks as `wargame validate` (and shows as a
"no row" share in `odds.table_odds`).
"""

from __future__ import annotations

from typing import Any

from ..dice import parse_dice
from ..scenario.model import ColumnShift, Modifier, ResultRow, Table
from .document import Change, EditingDocument, EditRefused

ROW_FIELDS = tuple(ResultRow.model_fields)  # roll, result, text, effects
MODIFIER_FIELDS = tuple(Modifier.model_fields)  # name, value, value_from, times, when
SHIFT_FIELDS = tuple(ColumnShift.model_fields)
TABLE_FIELDS = tuple(Table.model_fields)


def _table(e: Any, table: str) -> tuple:
    if not isinstance(e.get(("tables", table)), dict):
        raise EditRefused(f"there is no table {table!r}")
    return ("tables", table)


def rows_path(e: Any, table: str, column: str | None = None) -> tuple:
    """The path of a table's rows (of one column, for a table with columns)."""
    path = _table(e, table) + ("results",)
    results = e.get(path)
    if column is None:
        if isinstance(results, dict):
            raise EditRefused(f"table {table} has columns ({', '.join(map(str, results))}): say which")
        return path
    if not isinstance(results, dict) or column not in results:
        raise EditRefused(f"table {table} has no column {column!r}")
    return path + (column,)


def _set_fields(e: Any, path: tuple, fields: dict[str, Any], allowed: tuple[str, ...], what: str) -> None:
    for key, value in fields.items():
        if key not in allowed:
            raise EditRefused(f"a {what} has no {key!r} (it has {', '.join(allowed)})")
        if value is None:
            e.remove(path + (key,))
        else:
            e.set(path + (key,), value, order=allowed)


# --- rows -----------------------------------------------------------------------------------


def edit_row(doc: EditingDocument, table: str, index: int, column: str | None = None, **fields: Any) -> Change | None:
    """A row's roll range ("2-6", "10+", "0-"), result id, text, effects (None removes effects)."""
    with doc.edit(f"Edit row {index + 1} of {table}") as e:
        path = rows_path(e, table, column) + (index,)
        if not isinstance(e.get(path), dict):
            raise EditRefused(f"table {table} has no row {index + 1}")
        _set_fields(e, path, fields, ROW_FIELDS, "row")
    return e.change


def add_row(doc: EditingDocument, table: str, roll: str, result: str, text: str, effects: list | None = None,
            index: int | None = None, column: str | None = None) -> Change | None:  # fmt: skip
    """A new row (at the end, or at `index`)."""
    row: dict[str, Any] = {"roll": roll, "result": result, "text": text}
    if effects:
        row["effects"] = effects
    with doc.edit(f"Add row to {table}") as e:
        path = rows_path(e, table, column)
        rows = e.get(path)
        e.insert(path, len(rows) if index is None else index, row)
    return e.change


def remove_row(doc: EditingDocument, table: str, index: int, column: str | None = None) -> Change | None:
    with doc.edit(f"Remove row {index + 1} of {table}") as e:
        path = rows_path(e, table, column) + (index,)
        if e.get(path) is None:
            raise EditRefused(f"table {table} has no row {index + 1}")
        e.remove(path)
    return e.change


# --- modifiers --------------------------------------------------------------------------------


def _modifier(e: Any, table: str, index: int) -> tuple:
    path = _table(e, table) + ("modifiers", index)
    if not isinstance(e.get(path), dict):
        raise EditRefused(f"table {table} has no modifier {index + 1}")
    return path


def edit_modifier(doc: EditingDocument, table: str, index: int, **fields: Any) -> Change | None:
    """A modifier's name, value or value_from (giving one removes the other), times, when."""
    with doc.edit(f"Edit modifier of {table}") as e:
        path = _modifier(e, table, index)
        if fields.get("value") is not None:
            fields.setdefault("value_from", None)
        if fields.get("value_from") is not None:
            fields.setdefault("value", None)
        _set_fields(e, path, fields, MODIFIER_FIELDS, "modifier")
    return e.change


def add_modifier(doc: EditingDocument, table: str, name: str, value: int | None = None, value_from: str | None = None,
                 when: dict | None = None, times: int | None = None, index: int | None = None) -> Change | None:  # fmt: skip
    """A modifier: a fixed `value`, or one taken `value_from` (attacker.strike, track.escalation...)."""
    spec: dict[str, Any] = {"name": name}
    if value_from is not None:
        spec["value_from"] = value_from
    else:
        spec["value"] = 0 if value is None else value
    if times is not None:
        spec["times"] = times
    if when:
        spec["when"] = when
    with doc.edit(f"Add modifier to {table}") as e:
        path = _table(e, table) + ("modifiers",)
        mods = e.get(path)
        if isinstance(mods, list):
            e.insert(path, len(mods) if index is None else index, spec)
        else:
            e.set(path, [spec], order=TABLE_FIELDS)
    return e.change


def remove_modifier(doc: EditingDocument, table: str, index: int) -> Change | None:
    with doc.edit(f"Remove modifier of {table}") as e:
        path = _modifier(e, table, index)
        e.remove(path)
    return e.change


# --- tables --------------------------------------------------------------------------------------


def edit_table(doc: EditingDocument, table: str, **fields: Any) -> Change | None:
    """A table's title, description, dice, columns, column_from, column_shifts (None removes)."""
    with doc.edit(f"Edit table {table}") as e:
        _set_fields(e, _table(e, table), fields, TABLE_FIELDS, "table")
    return e.change


def default_rows(dice: str) -> list[dict[str, Any]]:
    """Two rows splitting the dice's totals at the middle: a table that covers every roll."""
    d = parse_dice(dice)
    middle = (d.low + d.high) // 2
    return [
        {"roll": f"{middle}-", "result": "no_effect", "text": "No effect"},
        {"roll": f"{middle + 1}+", "result": "effect", "text": "Effect"},
    ]


def add_table(doc: EditingDocument, table: str, title: str, dice: str = "2d6", rows: list[dict] | None = None,
              modifiers: list[dict] | None = None, description: str | None = None) -> Change | None:  # fmt: skip
    """A new table from nothing: its dice, and rows that cover every roll unless given.
    A table of the designer's own is rolled by a `{roll: TABLE}` effect of another."""
    try:
        spec: dict[str, Any] = {"title": title}
        if description:
            spec["description"] = description
        spec["dice"] = dice
        if modifiers:
            spec["modifiers"] = modifiers
        spec["results"] = rows if rows is not None else default_rows(dice)
    except ValueError as e:
        raise EditRefused(str(e)) from None
    with doc.edit(f"Add table {title}") as e:
        if table in (e.data.get("tables") or {}):
            raise EditRefused(f"there is a table {table!r} already")
        e.set(("tables", table), spec)
    return e.change


def delete_table(doc: EditingDocument, table: str) -> Change | None:
    """Delete a table (effects that roll it, and a rule that needs it, are then reported)."""
    with doc.edit(f"Delete table {table}") as e:
        e.remove(_table(e, table))
    return e.change


def rename_table(doc: EditingDocument, table: str, new_id: str) -> Change | None:
    """Rename a table and every `{roll: ...}` effect that rolls it."""
    with doc.edit(f"Rename table {table}") as e:
        _table(e, table)
        e.rename(("tables", table), new_id)
        for path in list(_roll_effects(e.data, (), table)):
            e.set(path, new_id)
    return e.change


def _roll_effects(node: Any, path: tuple, table: str):
    if isinstance(node, dict):
        if node.get("roll") == table and set(node) <= {"roll"}:
            yield path + ("roll",)
        for k, v in node.items():
            yield from _roll_effects(v, path + (k,), table)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _roll_effects(v, path + (i,), table)

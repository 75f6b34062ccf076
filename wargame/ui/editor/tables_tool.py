"""The Tables tool: each dice table's rows and modifiers in a form, its exact odds on a card
over the map, redrawn as the designer types; new tables from nothing.

A row is its roll range ("7-", "8-10", "11+"), its result id, the words players
read, and its effects (one line of YAML). A modifier is its name and its value:
a whole number, or where it is taken from (`attacker.strike`, `track.escalation`).
The odds card shows, for every modifier total the table can meet, the chance of
each result, and the share of rolls no row covers while there is a gap.
"""

from __future__ import annotations

from typing import Any

import pygame

from ...editing import odds, tables
from .. import style
from ..widgets import Button
from .forms import Field
from .odds_view import draw_odds
from .tool import Tool


class TablesTool(Tool):
    name = "Tables"
    title = "Dice tables: rows, modifiers and their exact odds"

    def __init__(self, editor):
        super().__init__(editor)
        self.table: str | None = None
        self.column: str | None = None
        self.card_rect: pygame.Rect | None = None
        self._odds_key: tuple | None = None
        self._odds = None
        self._buttons()

    # --- reading ---------------------------------------------------------------------------

    @property
    def tables(self) -> dict[str, dict]:
        t = self.data.get("tables")
        return {k: v for k, v in t.items() if isinstance(v, dict)} if isinstance(t, dict) else {}

    def chosen(self) -> str | None:
        if self.table not in self.tables:
            self.table = next(iter(self.tables), None)
        return self.table

    def columns(self) -> list[str]:
        results = self.tables.get(self.chosen() or "", {}).get("results")
        return [str(c) for c in results] if isinstance(results, dict) else []

    def chosen_column(self) -> str | None:
        cols = self.columns()
        if not cols:
            return None
        if self.column not in cols:
            self.column = cols[0]
        return self.column

    def rows(self) -> list[dict]:
        results = self.tables.get(self.chosen() or "", {}).get("results")
        if isinstance(results, dict):
            results = results.get(self.chosen_column())
        return [r for r in results if isinstance(r, dict)] if isinstance(results, list) else []

    def modifiers(self) -> list[dict]:
        mods = self.tables.get(self.chosen() or "", {}).get("modifiers")
        return [m for m in mods if isinstance(m, dict)] if isinstance(mods, list) else []

    # --- buttons ---------------------------------------------------------------------------

    def _buttons(self) -> None:
        have = self.chosen() is not None
        row = [Button("New table", "new_table", tip="A table from nothing: its dice and two rows covering every roll"),
               Button("Add row", "add_row", enabled=have), Button("Remove last row", "remove_row", enabled=len(self.rows()) > 1),
               Button("Add modifier", "add_modifier", enabled=have),
               Button("Remove last modifier", "remove_modifier", enabled=bool(self.modifiers()))]  # fmt: skip
        row += [Button(c, ("column", c), kind="go" if c == self.chosen_column() else "plain") for c in self.columns()]
        self.set_buttons(row)

    def press(self, action) -> None:
        what, arg = action if isinstance(action, tuple) else (action, None)
        table, column = self.chosen(), self.chosen_column()
        if what == "new_table":
            n = 1
            while f"table_{n}" in self.tables:
                n += 1
            tid = f"table_{n}"
            if self.run(lambda: tables.add_table(self.doc, tid, f"New table {n}", "2d6")) is not None:
                self.table = tid
                self.say(f"Added {tid}: roll it with the effect {{roll: {tid}}} in another table's row or a threshold")
        elif table is None:
            return
        elif what == "add_row":
            last = self.rows()[-1] if self.rows() else {}
            roll = str(last.get("roll", "12+"))
            self.run(lambda: tables.add_row(self.doc, table, roll, "new_result", "New result", column=column))
        elif what == "remove_row" and len(self.rows()) > 1:
            self.run(lambda: tables.remove_row(self.doc, table, len(self.rows()) - 1, column=column))
        elif what == "add_modifier":
            self.run(lambda: tables.add_modifier(self.doc, table, "New modifier", value=1))
        elif what == "remove_modifier" and self.modifiers():
            self.run(lambda: tables.remove_modifier(self.doc, table, len(self.modifiers()) - 1))
        elif what == "column":
            self.column = arg
        self._buttons()
        self.refresh()

    # --- the form ----------------------------------------------------------------------------

    def refresh(self) -> None:
        if not self.shown:
            return
        self._buttons()
        table = self.chosen()
        if table is None:
            self.close_form()
            return
        t = self.tables[table]
        choices = tuple((str(v.get("title", k)), k) for k, v in self.tables.items())
        fields = [Field(("table", None), "Table", table, "choice", choices),
                  Field(("title", None), "Title", t.get("title")), Field(("dice", None), "Dice", t.get("dice"))]  # fmt: skip
        for i, r in enumerate(self.rows()):
            fields += [Field(("roll", i), f"Row {i + 1} roll", r.get("roll")),
                       Field(("result", i), f"Row {i + 1} result", r.get("result")),
                       Field(("text", i), f"Row {i + 1} reads", r.get("text")),
                       Field(("effects", i), f"Row {i + 1} effects", r.get("effects"), "yaml", optional=True)]  # fmt: skip
        for j, m in enumerate(self.modifiers()):
            value = m.get("value_from") if m.get("value_from") is not None else m.get("value")
            fields += [Field(("mod_name", j), f"Modifier {j + 1}", m.get("name")),
                       Field(("mod_value", j), f"Mod. {j + 1} value", value,
                             tip="a whole number, or where it comes from: attacker.strike"),
                       Field(("mod_when", j), f"Mod. {j + 1} when", m.get("when"), "yaml", optional=True)]  # fmt: skip
        column = self.chosen_column()
        self.open_form(f"Table {table}" + (f", column {column}" if column else ""), fields,
                       lambda f, v: self._change(table, column, f, v))  # fmt: skip

    def _change(self, table: str, column: str | None, f: Field, value: Any) -> str | None:
        what, i = f.key
        key = ("table", table, column, what, i)
        if what == "table":
            self.table, self.column = value, None
            self.refresh()
            return None
        if what in ("title", "dice"):
            return self.refuse_reason(lambda: tables.edit_table(self.doc, table, **{what: value}), key)
        if what in ("roll", "result", "text", "effects"):
            return self.refuse_reason(lambda: tables.edit_row(self.doc, table, i, column, **{what: value}), key)
        if what == "mod_name":
            return self.refuse_reason(lambda: tables.edit_modifier(self.doc, table, i, name=value), key)
        if what == "mod_value":
            try:
                number = int(value)
            except ValueError:
                return self.refuse_reason(lambda: tables.edit_modifier(self.doc, table, i, value_from=value), key)
            return self.refuse_reason(lambda: tables.edit_modifier(self.doc, table, i, value=number), key)
        return self.refuse_reason(lambda: tables.edit_modifier(self.doc, table, i, when=value), key)

    def handles(self, path: tuple) -> bool:
        return bool(path) and path[0] == "tables"

    def open(self, path: tuple) -> None:
        if len(path) >= 2:
            self.table = str(path[1])
            if len(path) >= 4 and path[2] == "results" and isinstance(path[3], str):
                self.column = path[3]
        self.refresh()
        if self.form is not None and len(path) >= 4:
            rows = [k for k, f in enumerate(self.form.fields) if self._about(f.key, path)]
            if rows:
                self.form.scroll = max(0, min(rows[0], len(self.form.fields) - self.form.rows_shown))
                self.form._place()

    @staticmethod
    def _about(key: tuple, path: tuple) -> bool:
        what, i = key
        index = next((p for p in path[3:] if isinstance(p, int)), None)
        if path[2] == "modifiers":
            return what.startswith("mod_") and i == index
        return path[2] == "results" and what in ("roll", "result", "text", "effects") and i == index

    # --- the odds card --------------------------------------------------------------------------

    def current_odds(self):
        table = self.chosen()
        if table is None:
            return None
        key = (self.doc.text, table)
        if key != self._odds_key:
            self._odds_key, self._odds = key, odds.table_odds(self.doc, table)
        return self._odds

    def draw_board(self, surface: pygame.Surface) -> None:
        self.card_rect = None
        table_odds = self.current_odds()
        if table_odds is None or not self.shown:
            return
        old = surface.get_clip()
        area = self.editor.board.viewport
        surface.set_clip(area)
        self.card_rect = draw_odds(surface, table_odds, self.chosen_column(), area)
        surface.set_clip(old)

    def hide(self) -> None:
        super().hide()
        self.card_rect = None

    def draw_info(self, surface: pygame.Surface) -> None:
        if self.chosen() is None:
            self.line(surface, "No table yet: press New table", self.buttons_bottom + 8, style.PANEL_TEXT)

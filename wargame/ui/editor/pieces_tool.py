"""The Pieces tool: put pieces on the map, drag them, delete them, edit them in a form;
edit the piece types and the sides.

Pieces: choose a piece type in the palette and click a hex to add one (a flight
or an ISR drone goes to the base in that hex, or its side's first base); click
a counter to select it (again to go down its stack) and edit it in the form;
drag it to another hex to move it. A piece's side is its type's: the form's
Type list names each type's side. Types: every value of a piece type, and new
types of any kind. Sides: names, stocks and where their mobile pieces may go.
"""

from __future__ import annotations

import re
from typing import Any

import pygame

from ...editing import pieces
from ...hexgrid import Hex, ccrr
from ...kinds import AIRCRAFT, KIND_NAMES, SIDE_KINDS
from ...present.scene import Mark, Shade, Slide
from .. import style
from ..text import fit_text
from ..widgets import Button
from .forms import Field
from .tool import Tool

PAGES = (("pieces", "Pieces"), ("types", "Piece types"), ("sides", "Sides"))
CHIP_H = 22
YES_NO = (("no", False), ("yes", True))
HARDNESS = ("hard", "soft", "dispersed")


class PiecesTool(Tool):
    name = "Pieces"
    title = "Pieces on the map, piece types, the sides"

    def __init__(self, editor):
        super().__init__(editor)
        self.page = "pieces"
        self.adding: str | None = None  # the piece type a click on the map adds
        self.type_id: str | None = None  # the type chosen on the types page
        self.selected: str | None = None
        self.dragging: str | None = None
        self.drag_from: Hex | None = None
        self.drag_to: Hex | None = None
        self.side = "blue"
        self.new_type: dict[str, Any] | None = None
        self.chips: list[tuple[pygame.Rect, str]] = []
        self._buttons()

    # --- reading ---------------------------------------------------------------------------

    @property
    def types(self) -> dict[str, dict]:
        t = self.data.get("piece_types")
        return {k: v for k, v in t.items() if isinstance(v, dict)} if isinstance(t, dict) else {}

    @property
    def pieces(self) -> list[dict]:
        p = self.data.get("pieces")
        return [x for x in p if isinstance(x, dict)] if isinstance(p, list) else []

    def piece(self, pid: str | None) -> dict | None:
        return next((p for p in self.pieces if p.get("id") == pid), None)

    # --- buttons -------------------------------------------------------------------------

    def _buttons(self) -> None:
        row = [Button(label, ("page", page), kind="go" if page == self.page else "plain") for page, label in PAGES]
        if self.page == "pieces":
            row.append(Button("Delete piece", "delete", kind="red", enabled=self.selected is not None,
                              tip="Delete the selected piece (Delete)"))  # fmt: skip
        elif self.page == "types":
            row.append(Button("New type…", "new_type", kind="go" if self.new_type is not None else "plain"))
            if self.new_type is not None:
                row.append(Button("Add this type", "add_type", kind="go"))
        else:
            row += [Button("Blue", ("side", "blue"), kind="blue" if self.side == "blue" else "plain"),
                    Button("Red", ("side", "red"), kind="red" if self.side == "red" else "plain")]  # fmt: skip
        self.set_buttons(row)

    def press(self, action) -> None:
        what, arg = action if isinstance(action, tuple) else (action, None)
        if what == "page":
            self.page, self.adding, self.new_type = arg, None, None
            self.close_form()
        elif what == "delete" and self.selected is not None:
            pid = self.selected
            if self.run(lambda: pieces.delete_piece(self.doc, pid)) is not None:
                self.selected = None
        elif what == "new_type":
            self.new_type = None if self.new_type is not None else {"kind": "launch_team", "side": "red", "name": "New team"}
            self.close_form()
        elif what == "add_type" and self.new_type is not None:
            self._add_type()
        elif what == "side":
            self.side = arg
        self._buttons()
        self.refresh()

    def key(self, action: str, event) -> bool:
        if action == "edit_delete" and self.selected is not None and self.page == "pieces":
            self.press("delete")
            return True
        if action == "edit_back" and (self.selected is not None or self.adding is not None):
            self.selected, self.adding = None, None
            self.close_form()
            self._buttons()
            return True
        return False

    # --- the palette -----------------------------------------------------------------------

    def info_height(self) -> int:
        if self.page == "sides":
            return 0
        return 18 + ((len(self.types) + 1) // 2) * CHIP_H

    def click_panel(self, pos) -> bool:
        for r, tid in self.chips:
            if r.collidepoint(pos):
                if self.page == "pieces":
                    self.adding = None if self.adding == tid else tid
                    if self.adding:
                        self.say(f"Click a hex to add a {self.types[tid].get('name', tid)}")
                else:
                    self.type_id, self.new_type = tid, None
                    self._buttons()
                    self.refresh()
                return True
        return False

    def draw_info(self, surface: pygame.Surface) -> None:
        self.chips = []
        if self.page == "sides":
            return
        top = (self.buttons[-1].rect.bottom if self.buttons else self.rect.y) + 6
        hint = "Choose a type, then click a hex to add a piece:" if self.page == "pieces" else "Choose a type to edit:"
        self.line(surface, hint, top)
        f = style.font(12)
        w = (self.rect.w - 6) // 2
        chosen = self.adding if self.page == "pieces" else self.type_id
        for i, (tid, t) in enumerate(self.types.items()):
            r = pygame.Rect(self.rect.x + (i % 2) * (w + 6), top + 18 + (i // 2) * CHIP_H, w, CHIP_H - 3)
            if r.bottom > self.rect.bottom:
                break
            pygame.draw.rect(surface, style.PANEL_LIGHT if tid == chosen else (46, 50, 57), r, border_radius=3)
            if tid == chosen:
                pygame.draw.rect(surface, style.HIGHLIGHT, r, 1, border_radius=3)
            pygame.draw.rect(surface, style.SIDE_COLOUR.get(str(t.get("side")), (150, 150, 150)), (r.x + 3, r.y + 3, 8, r.h - 6))
            label = fit_text(str(t.get("name", tid)), f, r.w - 18)
            surface.blit(f.render(label, True, style.PANEL_TEXT), (r.x + 15, r.y + 2))
            self.chips.append((r, tid))

    # --- forms -------------------------------------------------------------------------------

    def refresh(self) -> None:
        if not self.shown:
            return
        if self.selected is not None and self.piece(self.selected) is None:
            self.selected = None
            self._buttons()
        if self.page == "pieces" and self.selected is not None:
            self._piece_form(self.selected)
        elif self.page == "types" and self.new_type is not None:
            self._new_type_form()
        elif self.page == "types" and self.type_id in self.types:
            self._type_form(self.type_id)
        elif self.page == "sides":
            self._side_form(self.side)
        else:
            self.close_form()

    def _piece_form(self, pid: str) -> None:
        p = self.piece(pid) or {}
        types = tuple((f"{t.get('name', tid)} ({t.get('side')})", tid) for tid, t in self.types.items())
        kind = (self.types.get(str(p.get("type"))) or {}).get("kind")
        fields = [Field("name", "Name", p.get("name")), Field("type", "Type (side)", p.get("type"), "choice", types)]
        if kind in AIRCRAFT:
            side = (self.types.get(str(p.get("type"))) or {}).get("side")
            bases = tuple((str(b.get("name", b.get("id"))), b.get("id")) for b in self.pieces
                          if (self.types.get(str(b.get("type"))) or {}).get("kind") == "base"
                          and (self.types.get(str(b.get("type"))) or {}).get("side") == side)  # fmt: skip
            fields.append(Field("base", "Base", p.get("base"), "choice", bases))
        else:
            fields.append(Field("hex", "Hex", p.get("hex")))
        fields += [Field("hidden", "Hidden", bool(p.get("hidden", False)), "choice", YES_NO),
                   Field("label", "Counter label", p.get("label"), optional=True),
                   Field("faction", "Faction", p.get("faction"), optional=True)]  # fmt: skip

        def change(f: Field, value: Any) -> str | None:
            return self.refuse_reason(lambda: pieces.edit_piece(self.doc, pid, **{f.key: value}), ("piece", pid, f.key))

        self.open_form(f"Piece {pid}", fields, change)

    def _type_form(self, tid: str) -> None:
        t = self.types[tid]
        kind = str(t.get("kind"))
        sides = tuple((s.capitalize(), s) for s, kinds in SIDE_KINDS.items() if kind in kinds)
        fields = [Field("name", "Name", t.get("name")), Field("side", "Side", t.get("side"), "choice", sides),
                  Field("symbol", "Symbol", t.get("symbol")),
                  Field("hardness", "Hardness", t.get("hardness"), "choice", tuple((h, h) for h in HARDNESS)),
                  Field("vp", "Victory points", t.get("vp"), "int", optional=True)]  # fmt: skip
        fields += [Field(v, v.replace("_", " ").capitalize(), t.get(v), "int") for v in pieces.kind_values(kind)]
        fields += [Field("traits", "Traits", t.get("traits"), "yaml", optional=True),
                   Field("damaged", "When damaged", t.get("damaged"), "yaml", optional=True)]  # fmt: skip

        def change(f: Field, value: Any) -> str | None:
            return self.refuse_reason(lambda: pieces.edit_piece_type(self.doc, tid, **{f.key: value}), ("type", tid, f.key))

        self.open_form(f"{KIND_NAMES.get(kind, kind)}: {tid}", fields, change)

    def _new_type_form(self) -> None:
        nt = self.new_type or {}
        kinds = tuple((KIND_NAMES[k], k) for k in pieces.TYPE_DEFAULTS)
        fields = [Field("kind", "Kind", nt.get("kind"), "choice", kinds),
                  Field("side", "Side", nt.get("side"), "choice", (("Blue", "blue"), ("Red", "red"))),
                  Field("name", "Name", nt.get("name"))]  # fmt: skip

        def change(f: Field, value: Any) -> str | None:
            assert self.new_type is not None
            self.new_type[f.key] = value
            if f.key == "kind":
                self.new_type["side"] = next(s for s, kinds in SIDE_KINDS.items() if value in kinds)
                self.refresh()
            return None

        self.open_form("A new piece type", fields, change)

    def _add_type(self) -> None:
        nt = self.new_type or {}
        stem = re.sub(r"[^a-z0-9]+", "_", str(nt.get("name") or nt.get("kind")).lower()).strip("_") or "type"
        tid = stem if stem[0].isalpha() else f"type_{stem}"
        n = 1
        while tid in self.types:
            n += 1
            tid = f"{stem}_{n}"
        if self.run(lambda: pieces.add_piece_type(self.doc, tid, nt["kind"], nt["side"], nt["name"])) is not None:
            self.new_type, self.type_id = None, tid
            self.say(f"Added the piece type {tid}")

    def _side_form(self, side: str) -> None:
        s = (self.data.get("sides") or {}).get(side)
        s = s if isinstance(s, dict) else {}
        fields = [Field("name", "Name", s.get("name")), Field("short", "Short name", s.get("short")),
                  Field("description", "Description", s.get("description"), optional=True),
                  Field("stocks", "Stocks", s.get("stocks"), "yaml", optional=True),
                  Field("stock_max", "Most stocks", s.get("stock_max"), "yaml", optional=True),
                  Field("move_countries", "May move in", s.get("move_countries"), "yaml", optional=True),
                  Field("factions", "Factions", s.get("factions"), "yaml", optional=True)]  # fmt: skip

        def change(f: Field, value: Any) -> str | None:
            return self.refuse_reason(lambda: pieces.edit_side(self.doc, side, **{f.key: value}), ("side", side, f.key))

        self.open_form(f"Side: {side}", fields, change)

    def handles(self, path: tuple) -> bool:
        return bool(path) and path[0] in ("pieces", "piece_types", "sides")

    def open(self, path: tuple) -> None:
        if path[0] == "pieces" and len(path) >= 2 and isinstance(path[1], int) and path[1] < len(self.pieces):
            self.page, self.selected = "pieces", self.pieces[path[1]].get("id")
        elif path[0] == "piece_types" and len(path) >= 2:
            self.page, self.type_id, self.new_type = "types", str(path[1]), None
        elif path[0] == "sides" and len(path) >= 2 and path[1] in ("blue", "red"):
            self.page, self.side = "sides", path[1]
        self._buttons()
        self.refresh()

    # --- the map -------------------------------------------------------------------------------

    def press_hex(self, h: Hex) -> bool:
        if self.page != "pieces" or self.adding is not None:
            return False
        here = self.editor.board.pieces_at(h)
        if not here:
            return False
        if self.selected not in here:
            self.select(here[0])
        self.dragging, self.drag_from, self.drag_to = self.selected, h, h
        return True

    def drag_hex(self, h: Hex) -> None:
        if self.dragging is not None:
            self.drag_to = h

    def release_hex(self, h: Hex | None) -> None:
        pid, start = self.dragging, self.drag_from
        self.dragging = self.drag_from = self.drag_to = None
        if pid is None or h is None:
            return
        if h == start:  # a click, not a drag: the next piece down the stack
            here = self.editor.board.pieces_at(h)
            if len(here) > 1 and getattr(self, "_clicked", None) == pid:
                self.select(here[(here.index(pid) + 1) % len(here)])
            self._clicked = self.selected
            return
        self.run(lambda: pieces.move_piece(self.doc, pid, ccrr(h)))

    def click_hex(self, h: Hex) -> None:
        if self.page != "pieces":
            return
        if self.adding is None:
            self.select(None)
            return
        tid = self.adding
        kind = self.types.get(tid, {}).get("kind")
        base = None
        if kind in AIRCRAFT:
            side = self.types[tid].get("side")
            base = next((pid for pid in self.editor.board.pieces_at(h)
                         if (self.types.get(str((self.piece(pid) or {}).get("type"))) or {}).get("kind") == "base"
                         and (self.types.get(str((self.piece(pid) or {}).get("type"))) or {}).get("side") == side), None)  # fmt: skip
        pid = self.run(lambda: pieces.add_piece(self.doc, tid, ccrr(h), base=base))
        if pid is not None:
            self.adding = None
            self.select(pid)

    def select(self, pid: str | None) -> None:
        self.selected = pid
        self._clicked = pid
        self._buttons()
        self.refresh()

    @property
    def selected_piece(self) -> str | None:
        return self.selected if self.page == "pieces" else None

    @property
    def dragged_piece(self) -> str | None:
        return self.dragging if self.drag_to is not None and self.drag_to != self.drag_from else None

    def overlay(self) -> tuple[tuple[Shade, ...], tuple[Mark, ...]]:
        if self.dragged_piece is not None and self.drag_from is not None and self.drag_to is not None:
            return (), (Mark("arrow", self.drag_from, style.HIGHLIGHT, 3, to=self.drag_to),)
        return (), ()

    def slides(self) -> tuple[Slide, ...]:
        pid = self.dragged_piece
        counter = self.editor.board.counter(pid) if pid is not None else None
        if counter is None or self.drag_from is None or self.drag_to is None:
            return ()
        return (Slide(counter, self.drag_from, self.drag_to, 1.0),)

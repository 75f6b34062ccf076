"""The Map tool: paint terrain and country, fill, rivers hex by hex, named places, the map's size.

Painting: choose a terrain (or a country: borders are where countries meet, so
painting the country layer draws them) in the palette and a brush of 1 to 3; a
drag paints, shown as a wash over the hexes, and is one edit when the button
comes up. Fill gives a whole connected region the chosen code. Rivers: click a
hex touching a river's end (or two hexes that follow each other) to lengthen it,
click one of its hexes to take it out. Places: click a place to edit it, drag it
to move it, click an empty hex to add one. Size: say how many columns and rows
each edge gains (or loses, negative); the hexes whose pieces, places or rivers
would be lost are washed red before the resize is applied.
"""

from __future__ import annotations

import typing
from typing import Any

import pygame

from ...editing import mapedit
from ...hexgrid import Hex, ccrr, parse_ccrr
from ...present.scene import Mark, Shade
from ...scenario.model import PlaceKind
from .. import style
from ..text import fit_text
from ..widgets import Button
from . import legend, map_size
from .forms import Field
from .tool import Tool

MODES = ("terrain", "country", "rivers", "places", "size")
MODE_KEYS = {pygame.K_t: "terrain", pygame.K_c: "country", pygame.K_r: "rivers", pygame.K_p: "places", pygame.K_z: "size"}
COUNTRY_COLOURS = ((214, 190, 150), (170, 200, 160), (200, 170, 200), (160, 190, 220), (230, 200, 120), (190, 160, 140))
CHIP_H = 22
LOST = (220, 60, 50, 110)
RIVER_MARK = (40, 110, 220)
PLACE_KINDS = typing.get_args(PlaceKind)


def _colour(text: Any, fallback=(200, 200, 200)) -> tuple[int, int, int]:
    try:
        return tuple(pygame.Color(str(text)))[:3]  # type: ignore[return-value]
    except ValueError:
        return fallback


class MapTool(Tool):
    name = "Map"
    title = "Paint terrain and country, rivers, places, the map's size"

    def __init__(self, editor):
        super().__init__(editor)
        self.mode = "terrain"
        self.brush = 1  # 1-3, or 0 for the flood fill
        self.codes = {"terrain": None, "country": None}
        self.stroke: list[str] = []
        self.chips: list[tuple[pygame.Rect, Any]] = []
        self.river = 0
        self.new_river: str | None = None  # the first hex of a river being started
        self.place: str | None = None  # the place chosen
        self.dragging_place: str | None = None
        self.drag_to: Hex | None = None
        self.resize = {"left": 0, "right": 0, "top": 0, "bottom": 0}
        self._buttons()

    # --- buttons -------------------------------------------------------------------------

    def _buttons(self) -> None:
        row = [Button(m.capitalize() if m != "size" else "Size", ("mode", m), kind="go" if m == self.mode else "plain")
               for m in MODES]  # fmt: skip
        if self.mode in ("terrain", "country"):
            row += [Button(f"Brush {n}", ("brush", n), kind="go" if self.brush == n else "plain") for n in (1, 2, 3)]
            row.append(Button("Fill", ("brush", 0), kind="go" if self.brush == 0 else "plain", tip="Flood fill (F)"))
            row.append(Button("New terrain" if self.mode == "terrain" else "New country", "new_entry",
                              tip="Add one to the legend, with the next free letter"))  # fmt: skip
        elif self.mode == "rivers":
            row += [Button("New river", "new_river", kind="go" if self.new_river == "" else "plain"),
                    Button("Delete river", "delete_river", enabled=bool(self.rivers))]  # fmt: skip
        elif self.mode == "places":
            row.append(Button("Delete place", "delete_place", enabled=self.place is not None))
        elif self.mode == "size":
            row.append(Button("Apply resize", "resize", kind="go", enabled=any(self.resize.values())))
        self.set_buttons(row)

    def press(self, action) -> None:
        what, arg = action if isinstance(action, tuple) else (action, None)
        if what == "mode":
            self.set_mode(arg)
        elif what == "brush":
            self.brush = arg
        elif what == "new_river":
            self.new_river = "" if self.new_river is None else None
            self.say("New river: click its first hex, then a hex beside it" if self.new_river == "" else "")
        elif what == "delete_river" and self.rivers:
            self.run(lambda: mapedit.delete_river(self.doc, self.river))
            self.river = 0
        elif what == "delete_place" and self.place is not None:
            self.run(lambda: mapedit.delete_place(self.doc, self.place))
            self.place = None
        elif what == "resize":
            self.apply_resize()
        elif what == "new_entry":
            legend.add_entry(self)
        self._buttons()
        self.refresh()

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.new_river = None
        self.close_form()
        self._buttons()
        self.refresh()

    def key(self, action: str, event) -> bool:
        if action == "edit_mode":
            if event.key == pygame.K_f:
                if self.mode not in ("terrain", "country"):
                    self.set_mode("terrain")
                self.brush = 0
            else:
                self.set_mode(MODE_KEYS[event.key])
            self._buttons()
            return True
        if action == "edit_brush" and self.mode in ("terrain", "country"):
            step = 1 if event.key == pygame.K_RIGHTBRACKET else -1
            self.brush = max(1, min(3, (self.brush or 1) + step))
            self._buttons()
            return True
        if action == "edit_delete" and self.mode == "places" and self.place is not None:
            self.press("delete_place")
            return True
        if action == "edit_back" and (self.place is not None or self.new_river is not None):
            self.place, self.new_river = None, None
            self.close_form()
            self._buttons()
            return True
        return False

    # --- what the map holds ----------------------------------------------------------------

    @property
    def map(self) -> dict:
        m = self.data.get("map")
        return m if isinstance(m, dict) else {}

    @property
    def rivers(self) -> list:
        r = self.map.get("rivers")
        return [x for x in r if isinstance(x, dict)] if isinstance(r, list) else []

    @property
    def places(self) -> list[dict]:
        p = self.map.get("places")
        return [x for x in p if isinstance(x, dict)] if isinstance(p, list) else []

    def palette(self) -> list[tuple[str, str, tuple[int, int, int]]]:
        """(code, name, colour) of every terrain type, or of every country."""
        if self.mode == "terrain":
            items = self.map.get("terrain_types") or {}
            return [(str(t.get("code")), str(t.get("name", tid)), _colour(t.get("colour")))
                    for tid, t in items.items() if isinstance(t, dict)]  # fmt: skip
        items = self.map.get("countries") or {}
        return [(str(c.get("code")), str(c.get("name", cid)), COUNTRY_COLOURS[i % len(COUNTRY_COLOURS)])
                for i, (cid, c) in enumerate(items.items()) if isinstance(c, dict)]  # fmt: skip

    def code(self) -> str | None:
        pal = self.palette()
        chosen = self.codes.get(self.mode)
        if chosen in [c for c, _, _ in pal]:
            return chosen
        return pal[0][0] if pal else None

    def size(self) -> tuple[int, int]:
        """The map's columns and rows as the file says them (0 while not whole numbers)."""
        c, r = self.map.get("columns"), self.map.get("rows")
        return (c if isinstance(c, int) else 0), (r if isinstance(r, int) else 0)

    def place_at(self, h: Hex) -> str | None:
        return next((p.get("id") for p in self.places if str(p.get("hex")) == ccrr(h)), None)

    # --- the panel -------------------------------------------------------------------------

    def chip_rows(self) -> list[tuple[str, Any, tuple[int, int, int] | None]]:
        if self.mode in ("terrain", "country"):
            return [(f"{name} ({code})", code, colour) for code, name, colour in self.palette()]
        if self.mode == "rivers":
            return [(str(r.get("name", f"River {i + 1}")), i, RIVER_MARK) for i, r in enumerate(self.rivers)]
        return []

    def info_height(self) -> int:
        rows = self.chip_rows()
        return 18 + ((len(rows) + 1) // 2) * CHIP_H if rows or self.mode in ("places", "size") else 0

    def layout(self, rect: pygame.Rect) -> None:
        super().layout(rect)

    def click_panel(self, pos) -> bool:
        for r, value in self.chips:
            if r.collidepoint(pos):
                if self.mode == "rivers":
                    self.river = value
                else:
                    self.codes[self.mode] = value
                    self.refresh()
                return True
        return False

    def draw_info(self, surface: pygame.Surface) -> None:
        rows = self.chip_rows()
        top = (self.buttons[-1].rect.bottom if self.buttons else self.rect.y) + 6
        hint = {"terrain": "Drag to paint; choose the terrain:", "country": "Drag to paint borders; the country:",
                "rivers": "Click to lengthen or to cut the river:", "places": "Click: edit or add a place; drag: move it",
                "size": "Hexes each edge gains (negative: loses)"}[self.mode]  # fmt: skip
        self.line(surface, hint, top)
        f = style.font(12)
        w = (self.rect.w - 6) // 2
        self.chips = []
        chosen = self.code() if self.mode in ("terrain", "country") else self.river
        for i, (label, value, colour) in enumerate(rows):
            r = pygame.Rect(self.rect.x + (i % 2) * (w + 6), top + 18 + (i // 2) * CHIP_H, w, CHIP_H - 3)
            if r.bottom > self.rect.bottom:
                break
            pygame.draw.rect(surface, style.PANEL_LIGHT if value == chosen else (46, 50, 57), r, border_radius=3)
            if value == chosen:
                pygame.draw.rect(surface, style.HIGHLIGHT, r, 1, border_radius=3)
            pygame.draw.rect(surface, colour, (r.x + 3, r.y + 3, 14, r.h - 6))
            surface.blit(f.render(fit_text(label, f, r.w - 24), True, style.PANEL_TEXT), (r.x + 21, r.y + 2))
            self.chips.append((r, value))

    # --- forms -------------------------------------------------------------------------------

    def refresh(self) -> None:
        if not self.shown:
            return
        if self.mode == "size":
            self._size_form()
        elif self.mode == "places" and self.place is not None:
            self._place_form()
        elif self.mode in ("terrain", "country"):
            legend.legend_form(self)
        else:
            self.close_form()

    def _size_form(self) -> None:
        map_size.size_form(self)

    def losses(self) -> list[str]:
        return map_size.losses(self)

    def apply_resize(self) -> None:
        map_size.apply_resize(self)

    def _place_form(self) -> None:
        place = next((p for p in self.places if p.get("id") == self.place), None)
        if place is None:
            self.place = None
            self.close_form()
            return
        countries = tuple((str(c.get("name", cid)), cid) for cid, c in (self.map.get("countries") or {}).items()
                          if isinstance(c, dict))  # fmt: skip
        fields = [Field("name", "Name", place.get("name")), Field("hex", "Hex", place.get("hex")),
                  Field("kind", "Kind", place.get("kind"), "choice", tuple((k, k) for k in PLACE_KINDS)),
                  Field("country", "Country", place.get("country"), "choice", countries),
                  Field("population", "Population", place.get("population"), "int")]  # fmt: skip
        pid = self.place

        def change(f: Field, value: Any) -> str | None:
            if f.key == "name":
                return self.refuse_reason(lambda: mapedit.rename_place(self.doc, pid, value), ("place", pid, "name"))
            return self.refuse_reason(lambda: mapedit.set_place(self.doc, pid, **{f.key: value}), ("place", pid, f.key))

        self.open_form(f"Place {pid}", fields, change)

    def handles(self, path: tuple) -> bool:
        return len(path) >= 2 and path[0] == "map"

    def open(self, path: tuple) -> None:
        if path[1] == "places" and len(path) >= 3 and isinstance(path[2], int) and path[2] < len(self.places):
            self.set_mode("places")
            self.place = self.places[path[2]].get("id")
        elif path[1] == "rivers":
            self.set_mode("rivers")
            if len(path) >= 3 and isinstance(path[2], int):
                self.river = path[2]
        elif path[1] == "country":
            self.set_mode("country")
        elif path[1] in ("terrain", "terrain_types"):
            self.set_mode("terrain")
        elif path[1] in ("columns", "rows"):
            self.set_mode("size")
        self._buttons()
        self.refresh()

    # --- the map ------------------------------------------------------------------------------

    def press_hex(self, h: Hex) -> bool:
        if self.mode in ("terrain", "country") and self.brush:
            self.stroke = []
            self.drag_hex(h)
            return True
        if self.mode == "places":
            pid = self.place_at(h)
            if pid is not None:
                self.place, self.dragging_place, self.drag_to = pid, pid, h
                self._buttons()
                self.refresh()
                return True
        return False

    def drag_hex(self, h: Hex) -> None:
        if self.dragging_place is not None:
            self.drag_to = h
            return
        try:
            columns, rows = self.size()
            for name in mapedit.brush(ccrr(h), self.brush, columns, rows):
                if name not in self.stroke:
                    self.stroke.append(name)
        except mapedit.EditRefused as e:
            self.say(str(e))

    def release_hex(self, h: Hex | None) -> None:
        if self.dragging_place is not None:
            pid, to = self.dragging_place, h or self.drag_to
            self.dragging_place, self.drag_to = None, None
            if to is not None and to != self._place_hex(pid):
                self.run(lambda: mapedit.move_place(self.doc, pid, ccrr(to)))
            return
        stroke, self.stroke = self.stroke, []
        code = self.code()
        if stroke and code is not None:
            self.run(lambda: mapedit.paint_hexes(self.doc, stroke, code, self.mode))

    def _place_hex(self, pid: str) -> Hex | None:
        p = next((p for p in self.places if p.get("id") == pid), None)
        try:
            return parse_ccrr(str(p.get("hex"))) if p else None
        except ValueError:
            return None

    def click_hex(self, h: Hex) -> None:
        name = ccrr(h)
        if self.mode in ("terrain", "country") and self.brush == 0:
            code = self.code()
            if code is not None and self.run(lambda: mapedit.flood_fill(self.doc, name, code, self.mode)) is None:
                self.say(f"{name} is {code} already: nothing to fill")
        elif self.mode == "rivers":
            self._river_click(name)
        elif self.mode == "places":
            self._add_place(name)

    def _river_click(self, name: str) -> None:
        if self.new_river is not None:
            if self.new_river == "":
                self.new_river = name
                self.say(f"The river starts at {name}: click a hex beside it")
                return
            title = f"River {len(self.rivers) + 1}"
            if self.run(lambda: mapedit.add_river(self.doc, title, [self.new_river, name])) is not None:
                self.river = len(self.rivers) - 1
            self.new_river = None
            self._buttons()
            return
        if not self.rivers:
            self.say("No river yet: press New river")
            return
        river = self.rivers[min(self.river, len(self.rivers) - 1)]
        if name in [str(x) for x in river.get("hexes") or []]:
            self.run(lambda: mapedit.remove_river_hex(self.doc, self.river, name))
        else:
            self.run(lambda: mapedit.add_river_hex(self.doc, self.river, name))

    def _add_place(self, name: str) -> None:
        used = {p.get("id") for p in self.places}
        n = 1
        while f"place_{n}" in used:
            n += 1
        pid = f"place_{n}"
        if self.run(lambda: mapedit.add_place(self.doc, pid, f"Place {n}", name)) is not None:
            self.place = pid
            self._buttons()
            self.refresh()

    def overlay(self) -> tuple[tuple[Shade, ...], tuple[Mark, ...]]:
        shades: list[Shade] = []
        marks: list[Mark] = []
        if self.stroke:
            colour = next((c for code, _, c in self.palette() if code == self.code()), (255, 255, 255))
            shades.append(Shade(frozenset(parse_ccrr(n) for n in self.stroke), (*colour, 170), (255, 255, 255, 200)))
        if self.mode == "size":
            lost = self.losses()
            if lost:
                shades.append(Shade(frozenset(parse_ccrr(n) for n in lost), LOST, (220, 60, 50, 230)))
        if self.mode == "rivers" and self.rivers:
            river = self.rivers[min(self.river, len(self.rivers) - 1)]
            for x in river.get("hexes") or []:
                try:
                    marks.append(Mark("outline", parse_ccrr(str(x)), RIVER_MARK, 2))
                except ValueError:
                    continue
        if self.new_river:
            marks.append(Mark("outline", parse_ccrr(self.new_river), RIVER_MARK, 4))
        if self.mode == "places":
            for p in self.places:
                h = self._place_hex(p.get("id"))
                if h is not None:
                    chosen = p.get("id") == self.place
                    marks.append(Mark("circle" if chosen else "outline", h, style.HIGHLIGHT if chosen else (250, 250, 250),
                                      3 if chosen else 1, radius=0.6))  # fmt: skip
            if self.dragging_place is not None and self.drag_to is not None:
                marks.append(Mark("arrow", self._place_hex(self.dragging_place) or self.drag_to, style.HIGHLIGHT, 3,
                                  to=self.drag_to))  # fmt: skip
        return tuple(shades), tuple(marks)

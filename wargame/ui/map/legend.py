"""The legend: each terrain with its symbol, the lines, the kinds of place.

It must fit whatever viewport it is shown in without hiding the map: it is laid
out in two columns (terrain | lines and places), folded into three (shorter) or
one (narrower) when that fits better, and shrunk only when no fold fits.
"""

from __future__ import annotations

import math

import pygame

from .. import style
from .colours import FIELDS, HALO, PLACE_NAMES, PLACE_PRIORITY, RIVER, RIVER_BANK
from .geometry import CORNERS, hex_rgb, shade
from .places import draw_place_symbol
from .symbols import draw_symbol

Row = tuple[str, str, object]


class Legend:
    def __init__(self, rules, types, has_rivers: bool, has_border: bool):
        self.rows = self._rows(rules, types, has_rivers, has_border)
        self._folds: dict[int, pygame.Surface] = {}
        self._fitted: tuple[tuple[int, int], pygame.Surface] | None = None

    @staticmethod
    def _rows(rules, types, has_rivers: bool, has_border: bool) -> list[list[Row]]:
        """The legend's groups: terrain, lines, places (each a heading and its rows)."""
        groups: list[list[Row]] = [[("head", "TERRAIN", None)] + [("terrain", t.name, t) for t in types]]
        lines: list[Row] = []
        if has_rivers:
            lines.append(("river", "River", None))
        if has_border:
            lines.append(("border", "International border", None))
        if lines:
            groups.append([("head", "LINES", None)] + lines)
        kinds: list[str] = []
        for p in rules.scenario.map.places:
            if p.kind not in kinds:
                kinds.append(p.kind)
        if kinds:
            kinds.sort(key=lambda k: PLACE_PRIORITY.get(k, 9))
            groups.append([("head", "PLACES", None)] + [("place", PLACE_NAMES.get(k, k), k) for k in kinds])
        return groups

    def folded(self, columns: int) -> pygame.Surface:
        """The legend in 1, 2 or 3 columns (2: terrain | the rest)."""
        columns = max(1, min(columns, len(self.rows)))
        img = self._folds.get(columns)
        if img is None:
            if columns == 1:
                cols = [[r for g in self.rows for r in g]]
            elif columns == 2:
                cols = [self.rows[0], [r for g in self.rows[1:] for r in g]]
            else:
                cols = [list(g) for g in self.rows]
            img = self._folds[columns] = _draw(cols)
        return img

    def fitted(self, max_w: int, max_h: int) -> pygame.Surface:
        """The legend as it is shown in a box of at most max_w x max_h."""
        if self._fitted is not None and self._fitted[0] == (max_w, max_h):
            return self._fitted[1]
        options = [self.folded(n) for n in (2, 3, 1)]
        img = next((o for o in options if o.get_width() <= max_w and o.get_height() <= max_h), None)
        if img is None:
            best = max(options, key=lambda o: min(max_w / o.get_width(), max_h / o.get_height()))
            k = min(max_w / best.get_width(), max_h / best.get_height())
            size = (max(1, int(best.get_width() * k)), max(1, int(best.get_height() * k)))
            img = pygame.transform.smoothscale(best, size)
        self._fitted = ((max_w, max_h), img)
        return img


def _draw(columns: list[list[Row]]) -> pygame.Surface:
    f = style.font(12)
    fh = style.font(11, bold=True)
    icon_w, row_h, head_h, pad, gap = 30, 19, 17, 8, 14
    widths = [icon_w + 6 + max((f.size(r[1])[0] for r in col if r[0] != "head"), default=0) for col in columns]
    w = pad * 2 + sum(widths) + gap * (len(columns) - 1)
    h = pad + max(sum(head_h if r[0] == "head" else row_h for r in col) for col in columns) + pad - 2
    img = pygame.Surface((w, h), pygame.SRCALPHA)
    img.fill((*style.PAPER, 238))
    pygame.draw.rect(img, style.INK_SOFT, img.get_rect(), 1)
    pygame.draw.rect(img, (*style.INK_SOFT, 90), img.get_rect().inflate(-4, -4), 1)
    x0 = pad
    for col, col_w in zip(columns, widths):
        y = pad
        for kind, label, data in col:
            if kind == "head":
                img.blit(fh.render(label, True, style.INK_SOFT), (x0, y + 2))
                y += head_h
                continue
            cy = y + row_h // 2
            cx = x0 + icon_w // 2
            if kind == "terrain":
                _terrain(img, cx, cy, data)
            elif kind == "river":
                pts = [(cx - 14 + i, cy + 3 * math.sin(i / 5.0)) for i in range(29)]
                pygame.draw.lines(img, RIVER_BANK, False, pts, 4)
                pygame.draw.lines(img, RIVER, False, pts, 2)
            elif kind == "border":
                pygame.draw.line(img, HALO, (cx - 14, cy), (cx + 14, cy), 7)
                for a, b in ((-14, -5), (-2, 1), (4, 14)):
                    pygame.draw.line(img, style.BORDER_LINE, (cx + a, cy), (cx + b, cy), 3)
            else:
                draw_place_symbol(img, data, cx, cy, 26.0, 3 if data == "city" else 1, 0.0)
            img.blit(f.render(label, True, style.INK), (x0 + icon_w + 6, cy - f.get_height() // 2))
            y += row_h
        x0 += col_w + gap
    return img


def _terrain(img: pygame.Surface, cx: int, cy: int, t) -> None:
    """A small hex of a terrain with its symbol, for the legend."""
    s = 10.0
    pts = [(cx + s * c, cy + s * sn) for c, sn in CORNERS]
    colour = hex_rgb(t.colour)
    pygame.draw.polygon(img, colour, pts)
    clip = img.get_clip()
    img.set_clip(pygame.Rect(cx - 8, cy - 8, 17, 17))
    if t.style == "desert":
        for dx, dy in ((-5, -3), (-1, -5), (3, -2), (-3, 1), (1, 2), (5, 1), (-1, 5), (4, 5), (-6, 4)):
            img.set_at((cx + dx, cy + dy), shade(colour, 0.74))
    elif t.style == "farmland":
        fields = (((-7, -6, 7, 4), 2), ((1, -5, 6, 4), 0), ((-6, -1, 6, 4), 4), ((1, 0, 7, 4), 5), ((-4, 4, 8, 3), 1))
        for (dx, dy, w, h), k in fields:
            pygame.draw.rect(img, FIELDS[k], (cx + dx, cy + dy, w, h))
    else:
        spots = {
            "steppe": [(-3, -1), (3, 4), (2, -4)],
            "urban": [(-3, -3), (1, -3), (-3, 1), (1, 1), (5, 1), (-1, 5)],
            "hills": [(-3, 0), (3, 5)],
            "mountains": [(-1, 5)],
            "water": [(0, -2), (0, 3)],
            "marsh": [(0, 2)],
            "forest": [(-3, 0), (3, 0), (0, -4)],
        }.get(t.style, [])
        size = {"urban": 22.0, "forest": 22.0, "hills": 24.0, "mountains": 24.0, "steppe": 30.0}.get(t.style, 30.0)
        for dx, dy in spots:
            draw_symbol(img, (t.style, cx + dx, cy + dy, 0.5, 0.5, 0.5, 0.3), size)
    img.set_clip(clip)
    pygame.draw.aalines(img, style.INK_SOFT, True, pts)

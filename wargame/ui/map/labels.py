"""Labels: what text and place symbols each level shows, and where.

Two kinds. Baked into the tiles (pass 4): hex numbers, place symbols, river and
country names; they are laid out once per level, each clear of the others and
wholly on the map (a name half over the map table is a name cut off). Drawn over
the tiles every frame: place names, whose spots depend on where the scene's
counters stand (see places.py); blitting a few dozen small images costs nothing
next to the tiles.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from ... import hexgrid
from .. import style
from .colours import HEX_NUMBER, PLACE_PRIORITY
from .countries import CountryNames
from .geometry import APOTHEM
from .level import Level
from .places import PlaceName, crossing_spot, draw_place_symbol, place_names, place_radius, shows_place
from .rivers import River, river_labels


class Labels:
    """Lays out the labels of each level, and the place names of each scene."""

    def __init__(self, rules, rivers: Callable[[], list[River]], tables: Callable[[], object]):
        """`rivers` and `tables` give the map's rivers and tables when first needed: only
        laying out a level's baked labels needs them, not choosing a scene's place names
        on a level whose layout was shipped (use_shipped)."""
        self.rules = rules
        self._rivers = rivers
        self._tables = tables
        self._countries: CountryNames | None = None
        self._names_cache: dict[int, tuple[tuple, list]] = {}

    @property
    def countries(self) -> CountryNames:
        if self._countries is None:
            self._countries = CountryNames(self.rules, self._tables())
        return self._countries

    def inside_map(self, L: Level, r: pygame.Rect) -> bool:
        """Is every part of the rectangle (layer px) over a hex of the map?"""
        if not L.map_rect.contains(r):
            return False
        lay = L.layout
        terrain = self.rules.terrain
        x0, y0, x1, y1 = r.left + 1, r.top + 1, r.right - 2, r.bottom - 2
        xm, ym = (x0 + x1) / 2, (y0 + y1) / 2
        for x, y in ((x0, y0), (xm, y0), (x1, y0), (x1, ym), (x1, y1), (xm, y1), (x0, y1), (x0, ym)):
            if lay.pixel_to_hex(x, y) not in terrain:
                return False
        return True

    def prepare(self, L: Level) -> None:
        """The level's baked items, filed by tile, and its place names with their spots."""
        s = L.size
        items: list[tuple] = []
        taken: list[pygame.Rect] = []
        lay = L.layout

        def free(r: pygame.Rect) -> bool:
            return r.collidelist(taken) < 0 and self.inside_map(L, r)

        if s >= 26 and L.text:  # hex numbers: drawn when their tile is, from the name alone
            for h in self.rules.terrain:
                cx, cy = lay.hex_to_pixel(h)
                items.append(("hexnum", hexgrid.ccrr(h), _hexnum_rect(cx, cy, s)))
        # place symbols are obstacles for every label
        places = [p for p in self.rules.scenario.map.places if shows_place(p, s)]
        places.sort(key=lambda p: (PLACE_PRIORITY.get(p.kind, 9), -p.population, p.name))
        for p in places:
            h = hexgrid.parse_ccrr(p.hex)
            pos, angle = lay.hex_to_pixel(h), 0.0
            if p.kind == "crossing":
                pos, angle = crossing_spot(self.rules, h, lay)
            rad = place_radius(p, s)
            r = pygame.Rect(0, 0, int(2 * rad + 2), int(2 * rad + 2))
            r.center = (int(round(pos[0])), int(round(pos[1])))
            taken.append(r)
            items.append(("place", (p.kind, pos[0], pos[1], p.population, angle), r))
        L.obstacles = list(taken)
        L.place_rects = list(taken)
        if not L.text:
            L.items, L.item_tiles = items, {}
            for i, (_, _, r) in enumerate(items):
                L.bucket((r.left - 1, r.top - 1, r.right + 1, r.bottom + 1), i, L.item_tiles)
            return
        # place names: where each would go on an empty map, so the baked names keep out
        L.labels = place_names(self.rules, L)
        for name in L.labels:
            spot = next((r for r in name.spots if free(r)), None)
            if spot is not None:
                taken.append(spot.inflate(-2, -2))
        if s >= 16:
            for river in self._rivers():
                for img, r in river_labels(river, L, free, taken):
                    taken.append(r.inflate(-4, -4))
                    items.append(("img", img, r))
                    L.obstacles.append(r.inflate(-4, -4))
        countries = self.countries.labels(L, free, taken)
        L.obstacles.extend(r for _, _, r in countries)
        # country names go under everything else
        items = countries + items
        L.items = items
        L.item_tiles = {}
        for i, (_, _, r) in enumerate(items):
            L.bucket((r.left - 1, r.top - 1, r.right + 1, r.bottom + 1), i, L.item_tiles)

    def use_shipped(self, L: Level, obstacles: list[pygame.Rect], place_rects: list[pygame.Rect]) -> None:
        """The level's labels from a shipped layout (shipped.py): the baked labels' and place
        symbols' rects as `prepare` found them; only the place names are laid out here."""
        L.obstacles = list(obstacles)
        L.place_rects = list(place_rects)
        L.labels = place_names(self.rules, L)

    def place_names(self, L: Level, covers: list[pygame.Rect]) -> list[tuple[str, pygame.Surface, pygame.Rect]]:
        """Where each place name goes (layer px) with the scene's counters covering
        `covers`: the first spot clear of counters, baked labels and other names;
        (name, image, rect) for each name shown."""
        key = tuple(sorted((r.x, r.y, r.w, r.h) for r in covers))
        got = self._names_cache.get(L.level)
        if got is not None and got[0] == key:
            return got[1]
        taken = list(L.obstacles) + list(covers)
        out = []
        for name in L.labels:
            best, best_cost = None, None
            for i, r in enumerate(name.spots):
                if not self.inside_map(L, r):
                    continue
                hit = r.collidelistall(taken)
                if not hit:
                    best = r
                    break
                cost = sum(_overlap(r, taken[j]) for j in hit) + i
                if best_cost is None or cost < best_cost:
                    best, best_cost = r, cost
            else:
                if not name.must:
                    best = None
            if best is not None:
                taken.append(best.inflate(-2, -2))
                out.append((name.name, name.img, best))
        self._names_cache[L.level] = (key, out)
        return out

    def forget(self) -> None:
        self._names_cache.clear()


def _overlap(a: pygame.Rect, b: pygame.Rect) -> int:
    c = a.clip(b)
    return c.w * c.h


def _hexnum_font(s: float) -> pygame.font.Font:
    return style.font(max(8, int(round(0.2 * s))), condensed=True)


def _hexnum_rect(cx: float, cy: float, s: float) -> pygame.Rect:
    f = _hexnum_font(s)
    w, h = f.size("0000")
    r = pygame.Rect(0, 0, w, h)
    r.midtop = (round(cx), round(cy - s * APOTHEM + max(1.0, 0.05 * s)))
    return r


def draw_tile_items(surf: pygame.Surface, L: Level, tile: tuple[int, int], dx: int, dy: int) -> None:
    """Pass 4 of a tile: its baked text and place symbols, moved by (dx, dy) into the tile."""
    s = L.size
    for i in L.item_tiles.get(tile, ()):
        kind, payload, rect = L.items[i]
        if kind == "place":
            k, x, y, pop, angle = payload
            draw_place_symbol(surf, k, x + dx, y + dy, s, pop, angle)
        elif kind == "hexnum":
            img = _hexnum_font(s).render(payload, True, HEX_NUMBER)
            img.set_alpha(190)
            surf.blit(img, img.get_rect(midtop=rect.midtop).move(dx, dy))
        else:
            surf.blit(payload, rect.move(dx, dy))


__all__ = ["Labels", "PlaceName", "draw_tile_items"]

"""The tile cache: rendered tiles of every level, least recently used first out,
under a budget in bytes.

Whole-level layers (the old design) made memory a step function of zoom: the
closest level alone is 73 MB, and zooming in and out evicted and redrew whole
levels. Tiles of 256 px are the unit instead: what is on screen, what is just
beside it and the same place one zoom step either way fit easily in the budget,
and a level seen once long ago costs nothing. Evicted tiles' surfaces are reused
for the next tiles rendered, so the C heap does not fragment as tiles come and go.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict

import pygame

from .geometry import TILE
from .labels import Labels
from .level import Level
from .passes import prepare_stipple, render_tile
from .rivers import build_rivers, prepare_rivers, river_angles
from .shipped import ShippedTiles
from .symbols import SymbolPlacer
from .tables import MapTables

Key = tuple[int, int, int]  # level, tile x, tile y


class TileCache:
    """Rendered tiles by (level, tx, ty), at most `budget` bytes of pixels."""

    def __init__(self, budget: int):
        self.budget = budget
        self._tiles: OrderedDict[Key, pygame.Surface] = OrderedDict()
        self._spare: list[pygame.Surface] = []  # evicted full-size tiles, to draw the next ones on
        self.bytes = 0

    def __contains__(self, key: Key) -> bool:
        return key in self._tiles

    def __len__(self) -> int:
        return len(self._tiles)

    def get(self, key: Key) -> pygame.Surface | None:
        surf = self._tiles.get(key)
        if surf is not None:
            self._tiles.move_to_end(key)
        return surf

    def peek(self, key: Key) -> pygame.Surface | None:
        """The tile without marking it used (for stand-ins, which must not keep tiles alive)."""
        return self._tiles.get(key)

    def new_surface(self, size: tuple[int, int]) -> pygame.Surface:
        if size == (TILE, TILE) and self._spare:
            return self._spare.pop()
        display = pygame.display.get_surface() if pygame.display.get_init() else None
        if display is not None and display.get_bitsize() == 32:
            return pygame.Surface(size, 0, display)  # the screen's pixel format: the fastest blits
        return pygame.Surface(size)

    def put(self, key: Key, surf: pygame.Surface, keep: set[Key] | frozenset = frozenset()) -> None:
        """Add a tile, then drop the least recently used tiles while over budget (never
        those in `keep`: the tiles of the frame being drawn)."""
        old = self._tiles.pop(key, None)
        if old is not None:
            self.bytes -= _bytes(old)
        self._tiles[key] = surf
        self.bytes += _bytes(surf)
        if self.bytes <= self.budget:
            return
        for k in list(self._tiles):
            if self.bytes <= self.budget:
                break
            if k in keep or k == key:
                continue
            dropped = self._tiles.pop(k)
            self.bytes -= _bytes(dropped)
            if dropped.get_size() == (TILE, TILE) and len(self._spare) < 8:
                self._spare.append(dropped)

    def clear(self) -> None:
        self._tiles.clear()
        self._spare.clear()
        self.bytes = 0


def _bytes(surf: pygame.Surface) -> int:
    return surf.get_pitch() * surf.get_height()


class Renderer:
    """The map's levels and their tiles: lays a level out when it is first needed and
    renders tiles into the cache on demand, or takes a whole level's tiles from the
    shipped pictures (shipped.py) when there is one for it: `shipped=False` never does
    (what the tool that makes them, and the tests of rendering, use)."""

    def __init__(self, rules, sizes: tuple[int, ...], budget: int, shipped: bool = True):
        self.rules = rules
        self.sizes = sizes
        self.cache = TileCache(budget)
        self.shipped = ShippedTiles(rules) if shipped else None
        self.tiles_rendered = 0  # for tests and profiling
        self._tables: MapTables | None = None
        self._levels: dict[int, Level] = {}
        self._rivers = None
        self._symbols: SymbolPlacer | None = None
        self._labels: Labels | None = None
        self._unshipped: set[int] = set()  # levels with no shipped picture (asked once)

    # --- lazily built parts ---------------------------------------------------------------

    @property
    def tables(self) -> MapTables:
        if self._tables is None:
            self._tables = MapTables(self.rules)
        return self._tables

    @property
    def rivers(self):
        if self._rivers is None:
            self._rivers = build_rivers(self.rules)
        return self._rivers

    @property
    def labels(self) -> Labels:
        if self._labels is None:
            self._labels = Labels(self.rules, lambda: self.rivers, lambda: self.tables)
        return self._labels

    def level(self, i: int) -> Level:
        L = self._levels.get(i)
        if L is None:
            L = self._levels[i] = Level(i, self.sizes[i], self.rules.columns, self.rules.rows)
        return L

    def prepare(self, L: Level) -> None:
        """Lay the level out for rendering its tiles: symbols, river segments, baked
        labels, stipple."""
        if L.prepared:
            return
        t = self.tables
        if self._symbols is None:
            self._symbols = SymbolPlacer(t, lambda xs, ys: river_angles(self.rivers, t.mottle, xs, ys))
        self._symbols.prepare(L)
        prepare_rivers(self.rivers, L)
        self.labels.prepare(L)  # in full, even if prepare_text took a shipped layout: the baked items
        L.text_prepared = True
        prepare_stipple(L)
        L.prepared = True

    def prepare_text(self, L: Level) -> None:
        """Lay out only the level's labels: what a scene's place names need (their spots,
        and the baked labels and place symbols they keep clear of), when the tiles
        themselves came from the shipped pictures."""
        if L.text_prepared:
            return
        layout = self.shipped.layout(L) if self.shipped is not None and not L.prepared else None
        if layout is not None:
            self.labels.use_shipped(L, *layout)
        else:
            self.labels.prepare(L)
        L.text_prepared = True

    def place_names(self, L: Level, covers: list[pygame.Rect]) -> list[tuple[str, pygame.Surface, pygame.Rect]]:
        self.prepare_text(L)
        return self.labels.place_names(L, covers)

    # --- tiles ------------------------------------------------------------------------------

    def has(self, L: Level, tile: tuple[int, int]) -> bool:
        return (L.level, *tile) in self.cache

    def tile(self, L: Level, tile: tuple[int, int], keep: set[Key] | frozenset = frozenset()) -> pygame.Surface:
        key = (L.level, *tile)
        surf = self.cache.get(key)
        if surf is None and self._load_shipped(L, keep):
            surf = self.cache.get(key)
        if surf is None:
            self.prepare(L)
            surf = self.cache.new_surface(L.tile_rect(*tile).size)
            render_tile(self.tables, L, tile[0], tile[1], surf)
            self.tiles_rendered += 1
            self.cache.put(key, surf, keep)
        return surf

    def ensure(self, L: Level, rect: pygame.Rect, budget_ms: float | None,
               keep: set[Key] | frozenset = frozenset()) -> list[tuple[int, int]]:  # fmt: skip
        """Render the tiles under `rect` (layer px), nearest its middle first; return those
        left when the budget ran out (at least one tile is always rendered)."""
        todo = [t for t in L.tiles_of(rect) if not self.has(L, t)]
        if todo and self._load_shipped(L, keep):
            todo = [t for t in todo if not self.has(L, t)]
        if not todo:
            return []
        start = time.perf_counter()
        mx, my = rect.centerx / TILE, rect.centery / TILE
        todo.sort(key=lambda t: (t[0] + 0.5 - mx) ** 2 + (t[1] + 0.5 - my) ** 2)
        for n, t in enumerate(todo):
            if budget_ms is not None and n and (time.perf_counter() - start) * 1000 >= budget_ms:
                return todo[n:]
            self.tile(L, t, keep)
        return []

    def _load_shipped(self, L: Level, keep: set[Key] | frozenset) -> bool:
        """Put the level's shipped tiles that are not in the cache into it; False if the
        level has no shipped picture. (All at once: one picture is one load, and a
        level a window opens at is wholly in view.)"""
        if self.shipped is None or L.level in self._unshipped:
            return False
        tiles = self.shipped.tiles(L)
        if tiles is None:
            self._unshipped.add(L.level)
            return False
        keep = set(keep) | {(L.level, *t) for t in tiles}
        for t, surf in tiles.items():
            if (L.level, *t) not in self.cache:
                self.cache.put((L.level, *t), surf, keep)
        return True

    def stand_in(self, surface: pygame.Surface, L: Level, dest: pygame.Rect, bx: int, by: int) -> bool:
        """Fill a screen area whose tile is not rendered yet from another level's tiles,
        scaled; levels nearest in size first. False (nothing drawn) if no level has that
        area: the caller renders the tile instead (a player never sees blank paper)."""
        if not dest.w or not dest.h:
            return True
        others = sorted((i for i in self._levels if i != L.level), key=lambda i: abs(i - L.level))
        for i in others:
            other = self._levels[i]
            k = other.size / L.size
            sx = other.ox + (dest.x - bx - L.ox) * k
            sy = other.oy + (dest.y - by - L.oy) * k
            sw, sh = max(1, int(math.ceil(dest.w * k))), max(1, int(math.ceil(dest.h * k)))
            src = pygame.Rect(int(math.floor(sx)), int(math.floor(sy)), sw, sh).clip(0, 0, other.w, other.h)
            if not src.w or not src.h:
                continue
            tiles = list(other.tiles_of(src))
            got = [self.cache.peek((i, *t)) for t in tiles]
            if any(g is None for g in got):
                continue
            patch = pygame.Surface(src.size)
            for t, img in zip(tiles, got):
                tr = other.tile_rect(*t)
                patch.blit(img, (tr.x - src.x, tr.y - src.y))
            surface.blit(pygame.transform.scale(patch, dest.size), dest)
            return True
        return False

    def picture(self, size: float) -> tuple[pygame.Surface, Level]:
        """The whole map drawn at hex radius `size` as one surface (the minimap), outside
        the cache: its own level, laid out and rendered tile by tile, then dropped."""
        L = Level(-1, size, self.rules.columns, self.rules.rows, text=False)
        self.prepare(L)
        out = pygame.Surface((L.w, L.h))
        for tx in range(L.tiles_x):
            for ty in range(L.tiles_y):
                tr = L.tile_rect(tx, ty)
                tile = pygame.Surface(tr.size)
                render_tile(self.tables, L, tx, ty, tile)
                out.blit(tile, tr)
        return out, L

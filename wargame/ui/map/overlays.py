"""Shades and marks over the map: translucent hex areas, outlines, rings and arrows.

A shade (the hexes a team may move to, an ISR drone's reach) is drawn per pixel,
so its outline follows the area's own edge, never the edges between its hexes.
It is rendered per map tile, only for the tiles on screen, and cached by tile
under a byte budget: the old cache held one surface the size of the shade's
bounding box per shade and zoom level (a reach ring across the map at the
closest zoom is 48 MB), 48 of them. A tile far from the area's edge is one
uniform colour: it shares one surface with every such tile of that colour, so a
shade that fills the view costs a few tiles of memory, not the view's worth.
Marks are a few pygame strokes each, drawn fresh every frame.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable

import numpy as np
import pygame

from ...hexgrid import SQRT3, Hex
from ...present.scene import Shade
from .geometry import APOTHEM, CORNERS, TILE, axial, nearest_edge
from .level import Level
from .tables import MapTables


class _Area:
    """A shade as a mask over the flat hex index."""

    def __init__(self, t: MapTables, L: Level, hexes: frozenset[Hex], terrain) -> None:
        hexes_on = [h for h in hexes if h in terrain]
        self.sel = np.zeros(len(t.terr), dtype=bool)
        idx = np.array([t.hex_flat(h) for h in hexes_on], dtype=np.int64)
        if len(idx):
            self.sel[idx] = True
        self.empty = not len(idx)


class ShadeTiles:
    """Per-tile pictures of shades, least recently used out, under `budget` bytes."""

    def __init__(self, tables: Callable[[], MapTables], terrain, budget: int):
        """`tables` gives the map's tables when first needed: a frame with no shade (a
        window's first) never builds them for the shades."""
        self._tables = tables
        self._t: MapTables | None = None
        self.terrain = terrain
        self.budget = budget
        self.bytes = 0
        self._tiles: OrderedDict[tuple, tuple[pygame.Surface, int, int] | None] = OrderedDict()
        self._own: dict[tuple, int] = {}  # bytes of the tiles that do not share a uniform surface
        self._areas: OrderedDict[tuple, _Area] = OrderedDict()
        self._uniform: dict[tuple, pygame.Surface] = {}
        self._shared: set[pygame.Surface] = set()  # the uniform surfaces, counted once
        self._ids: OrderedDict[Shade, int] = OrderedDict()
        self._next_id = 0
        self.rendered = 0

    @property
    def t(self) -> MapTables:
        if self._t is None:
            self._t = self._tables()
        return self._t

    def _area(self, shade: Shade, L: Level) -> _Area:
        key = (shade.hexes, L.level, L.size)
        a = self._areas.get(key)
        if a is None:
            a = self._areas[key] = _Area(self.t, L, shade.hexes, self.terrain)
            while len(self._areas) > 64:
                self._areas.popitem(last=False)
        else:
            self._areas.move_to_end(key)
        return a

    def ident(self, shade: Shade) -> int:
        """A small number for a shade (its tiles' key): hashing a shade of a thousand hexes
        once a frame, not once a tile. The least recently used shades are forgotten, and
        their tiles with them."""
        sid = self._ids.get(shade)
        if sid is None:
            sid = self._ids[shade] = self._next_id
            self._next_id += 1
            if len(self._ids) > 256:
                _, old = self._ids.popitem(last=False)
                for k in [k for k in self._tiles if k[0] == old]:
                    self._tiles.pop(k)
                    self.bytes -= self._own.pop(k, 0)
        else:
            self._ids.move_to_end(shade)
        return sid

    def has(self, shade: Shade, L: Level, tile: tuple[int, int]) -> bool:
        return (self.ident(shade), L.level, tile) in self._tiles

    def cached(self, sid: int, L: Level, tile: tuple[int, int]):
        """The tile's picture, None if the shade does not reach it, False if not drawn yet."""
        key = (sid, L.level, tile)
        got = self._tiles.get(key, False)
        if got is not False:
            self._tiles.move_to_end(key)
        return got

    def get(self, shade: Shade, L: Level, tile: tuple[int, int], keep=frozenset()):
        """The shade's picture over a tile: (surface, x, y in layer px), or None if the
        shade does not reach the tile."""
        sid = self.ident(shade)
        got = self.cached(sid, L, tile)
        return self.render(shade, sid, L, tile, keep) if got is False else got

    def render(self, shade: Shade, sid: int, L: Level, tile: tuple[int, int], keep=frozenset()):
        key = (sid, L.level, tile)
        got = self._render(shade, L, tile)
        self.rendered += 1
        self._tiles[key] = got
        if got is not None and got[0] not in self._shared:
            n = got[0].get_pitch() * got[0].get_height()
            self._own[key] = n
            self.bytes += n
        self._evict(keep)
        return got

    def _evict(self, keep) -> None:
        for k in list(self._tiles):
            if self.bytes <= self.budget and len(self._tiles) <= 4096:
                break
            if k in keep:
                continue
            self._tiles.pop(k)
            self.bytes -= self._own.pop(k, 0)

    def clear(self) -> None:
        self._tiles.clear()
        self._own.clear()
        self._ids.clear()
        self._areas.clear()
        self._uniform.clear()
        self._shared.clear()
        self.bytes = 0

    def _render(self, shade: Shade, L: Level, tile: tuple[int, int]):
        a = self._area(shade, L)
        if a.empty:
            return None
        s = L.size
        rect = L.tile_rect(*tile)
        # every hex that can touch the tile has its centre within a hex radius of it
        near = self._hexes_near(L, rect)
        inside_near = a.sel[near]
        if not inside_near.any():
            return None
        fill = shade.fill
        if inside_near.all() and (shade.edge is None or a.sel[self.t.nb.reshape(-1, 6)[near]].all()):
            return self._uniform_tile(fill, rect.size), rect.x, rect.y
        X = (np.arange(rect.left, rect.right, dtype=np.float64)[:, None] - L.ox) / s
        Y = (np.arange(rect.top, rect.bottom, dtype=np.float64)[None, :] - L.oy) / s
        X, Y = np.broadcast_arrays(X, Y)
        q, r, lx, ly = axial(X, Y)
        fi = self.t.flat(q, r)
        inside = a.sel[fi]
        if not inside.any():
            return None
        w, h = rect.size
        alpha = inside * np.float32(fill[3])
        rgb = np.empty((w, h, 3), np.float32)
        rgb[...] = np.array(fill[:3], np.float32)
        if shade.edge is not None:
            k, d, _ = nearest_edge(lx, ly)
            edge = inside & ~a.sel[self.t.nb[fi * 6 + k]]
            ow = max(1.5, 0.06 * s)
            oa = np.where(edge, np.clip(np.float32(ow + 0.5) - d * np.float32(s), 0.0, 1.0), np.float32(0.0))
            o_alpha = np.float32(shade.edge[3])
            a_out = oa * o_alpha + (1 - oa) * alpha
            tt = np.where(a_out > 0, oa * o_alpha / np.maximum(a_out, 1e-6), np.float32(0.0))[:, :, None]
            rgb = rgb * (1 - tt) + np.array(shade.edge[:3], np.float32) * tt
            alpha = a_out
        # only the part of the tile the shade covers (a ring's tile is mostly clear)
        xs, ys = np.nonzero(alpha > 0.5)
        if not len(xs):
            return None
        bx0, bx1, by0, by1 = int(xs.min()), int(xs.max()) + 1, int(ys.min()), int(ys.max()) + 1
        img = pygame.Surface((bx1 - bx0, by1 - by0), pygame.SRCALPHA)
        p3 = pygame.surfarray.pixels3d(img)
        p3[...] = np.clip(rgb[bx0:bx1, by0:by1], 0, 255).astype(np.uint8)
        del p3
        pa = pygame.surfarray.pixels_alpha(img)
        pa[...] = np.clip(alpha[bx0:bx1, by0:by1], 0, 255).astype(np.uint8)
        del pa
        return _fast(img), rect.x + bx0, rect.y + by0

    def _hexes_near(self, L: Level, rect: pygame.Rect) -> np.ndarray:
        """Flat indices of the hexes whose centres lie within a hex radius of the rect
        (every hex that can touch it; off-map hexes map to the padding, never shaded)."""
        s = L.size
        x0, x1 = (rect.left - s - L.ox) / s, (rect.right + s - L.ox) / s
        y0, y1 = (rect.top - s - L.oy) / s, (rect.bottom + s - L.oy) / s
        qs = np.arange(math.floor(x0 / 1.5), math.ceil(x1 / 1.5) + 1)
        r_lo = math.floor(y0 / SQRT3 - qs.max() * 0.5) - 1
        r_hi = math.ceil(y1 / SQRT3 - qs.min() * 0.5) + 1
        q, r = np.meshgrid(qs, np.arange(r_lo, r_hi + 1), indexing="ij")
        cx = 1.5 * q
        cy = SQRT3 * (r + q * 0.5)
        ok = (cx >= x0) & (cx <= x1) & (cy >= y0) & (cy <= y1)
        return self.t.flat(q[ok].astype(np.int32), r[ok].astype(np.int32))

    def _uniform_tile(self, fill, size) -> pygame.Surface:
        key = (tuple(fill), size)
        img = self._uniform.get(key)
        if img is None:
            img = pygame.Surface(size, pygame.SRCALPHA)
            img.fill(fill)
            img = self._uniform[key] = _fast(img)
            self._shared.add(img)
        return img


def _fast(img: pygame.Surface) -> pygame.Surface:
    """In the screen's own alpha format when there is a screen: a quarter faster to blit."""
    if pygame.display.get_init() and pygame.display.get_surface() is not None:
        return img.convert_alpha()
    return img


# --- marks ----------------------------------------------------------------------------------


def outline_hex(surface: pygame.Surface, centre: tuple[float, float], s: float, colour, width: int = 2) -> None:
    """A hex's outline, drawn as six mitred quads (clean corners at any width)."""
    cx, cy = centre
    if width <= 1:
        pygame.draw.aalines(surface, colour, True, [(cx + s * c, cy + s * sn) for c, sn in CORNERS])
        return
    grow = width / 2.0 / APOTHEM  # the ring straddles the edge
    outer = [(cx + (s + grow) * c, cy + (s + grow) * sn) for c, sn in CORNERS]
    inner = [(cx + (s - grow) * c, cy + (s - grow) * sn) for c, sn in CORNERS]
    for i in range(6):
        j = (i + 1) % 6
        pygame.draw.polygon(surface, colour, [outer[i], outer[j], inner[j], inner[i]])


def target_ring(surface: pygame.Surface, centre: tuple[float, float], s: float, colour, width: int = 3) -> None:
    """What may be attacked: a ring with four ticks, like a gun sight."""
    cx, cy = centre
    r = s * 0.95
    pygame.draw.circle(surface, colour, (cx, cy), r, width)
    for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        pygame.draw.line(surface, colour, (cx + dx * r * 0.7, cy + dy * r * 0.7),
                         (cx + dx * r * 1.25, cy + dy * r * 1.25), width)  # fmt: skip


def search_circle(surface: pygame.Surface, centre, s: float, radius: float, colour, width: int = 2) -> None:
    """A ring around the hexes within `radius` steps (an ISR search)."""
    pygame.draw.circle(surface, colour, centre, s * (SQRT3 * radius + 0.2), width)


def arrow(surface: pygame.Surface, a, b, colour, width: int = 3) -> None:
    """A dashed arrow from a to b (a declared attack)."""
    ax, ay = a
    bx, by = b
    d = math.hypot(bx - ax, by - ay)
    if d < 4:
        return
    ux, uy = (bx - ax) / d, (by - ay) / d
    for i in range(int(d // 12)):
        if i % 2 == 0:
            s0, e0 = i * 12, min(d, i * 12 + 12)
            pygame.draw.line(surface, colour, (ax + ux * s0, ay + uy * s0), (ax + ux * e0, ay + uy * e0), width)
    tip = (bx - ux * 6, by - uy * 6)
    left = (tip[0] - ux * 12 - uy * 7, tip[1] - uy * 12 + ux * 7)
    right = (tip[0] - ux * 12 + uy * 7, tip[1] - uy * 12 - ux * 7)
    pygame.draw.polygon(surface, colour, [tip, left, right])


def flash(surface: pygame.Surface, centre, s: float, colour, strength: float) -> None:
    """A hex lit up (a strike landing), fading as `strength` goes from 1 to 0."""
    k = max(0.0, min(1.0, strength))
    if k <= 0:
        return
    cx, cy = centre
    w, h = int(2 * s + 4), int(2 * s * APOTHEM + 4)
    img = pygame.Surface((w, h), pygame.SRCALPHA)
    pts = [(w / 2 + s * c, h / 2 + s * sn) for c, sn in CORNERS]
    pygame.draw.polygon(img, (*colour, int(170 * k)), pts)
    pygame.draw.polygon(img, (255, 255, 255, int(230 * k)), pts, max(2, int(s * 0.12)))
    surface.blit(img, (round(cx - w / 2), round(cy - h / 2)))


__all__ = ["ShadeTiles", "outline_hex", "target_ring", "search_circle", "arrow", "flash", "TILE"]

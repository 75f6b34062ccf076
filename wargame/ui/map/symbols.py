"""Terrain symbols: grass tufts, fields along the rivers, street blocks, hill humps,
mountain peaks, waves, reeds and trees.

Placed on jittered grids in map units and kept only where the (wobbled) terrain
under them matches, seeded from their grid cell, so the same symbols come back at
every render and on both sides of a tile seam. Placement is per style and cell
size, shared by every level that uses that cell size.
"""

from __future__ import annotations

import math

import numpy as np
import pygame
import pygame.gfxdraw

from .colours import FIELDS, STYLES
from .geometry import axial, shade
from .level import Level, bucket_boxes
from .tables import MapTables

# Jittered grid cell (map units: hex radius = 1), the smallest spacing in pixels, the
# chance a cell holds a symbol, the smallest hex radius at which the style is drawn,
# and the clearance from the region's edge.
SPECS = {
    "steppe": dict(cell=0.42, min_px=8, keep=0.45, min_size=14, clear=0.10),
    "farmland": dict(cell=0.38, min_px=7, keep=0.95, min_size=12, clear=0.14, jitter=0.3),
    "urban": dict(cell=0.15, min_px=4, keep=0.78, min_size=9, clear=0.07, jitter=0.0),
    "hills": dict(cell=0.50, min_px=9, keep=0.85, min_size=7, clear=0.14),
    "mountains": dict(cell=0.52, min_px=9, keep=0.92, min_size=7, clear=0.16, jitter=0.7),
    "water": dict(cell=0.42, min_px=11, keep=0.45, min_size=16, clear=0.16),
    "marsh": dict(cell=0.34, min_px=8, keep=0.70, min_size=12, clear=0.10),
    "forest": dict(cell=0.26, min_px=6, keep=0.90, min_size=9, clear=0.08),
}

# how far each symbol reaches (map units): up, down and sideways from its anchor point
_BOX = {
    "steppe": (0.1, 0.05, 0.08),
    "farmland": (0.2, 0.2, 0.2),
    "urban": (0.07, 0.07, 0.07),
    "hills": (0.18, 0.0, 0.22),
    "mountains": (0.38, 0.0, 0.28),
    "water": (0.05, 0.05, 0.15),
    "marsh": (0.1, 0.02, 0.13),
    "forest": (0.08, 0.08, 0.08),
}

_EXTENT = {"steppe": 0.12, "farmland": 0.28, "urban": 0.1, "hills": 0.24, "mountains": 0.34, "water": 0.16,
           "marsh": 0.16, "forest": 0.1}  # fmt: skip


def extent(st: str, s: float) -> float:
    """How far a symbol may reach from its anchor, in pixels at hex radius s."""
    return _EXTENT.get(st, 0.3) * s + 2


class SymbolPlacer:
    """Where each style's symbols go, cached per (style, cell size)."""

    def __init__(self, tables: MapTables, river_angles):
        self.t = tables
        self.river_angles = river_angles  # (xs, ys) -> angles of the nearest river
        self._candidates: dict[tuple, tuple] = {}

    def candidates(self, st: str, cell: float):
        """A jittered grid over the map, kept where the (wobbled) terrain is that style
        and far enough from the region's edge."""
        key = (st, round(cell, 4))
        got = self._candidates.get(key)
        if got is not None:
            return got
        t = self.t
        spec = SPECS[st]
        sid = STYLES.index(st)
        nx = int((t.x1 - t.x0) / cell) + 2
        ny = int((t.y1 - t.y0) / cell) + 2
        rng = np.random.default_rng(1000 + sid * 97 + int(round(cell * 1000)))
        jit = spec.get("jitter", 0.8)
        gx = t.x0 + (np.arange(nx)[:, None] + 0.5 + jit * (rng.random((nx, ny)) - 0.5)) * cell
        gy = t.y0 + (np.arange(ny)[None, :] + 0.5 + jit * (rng.random((nx, ny)) - 0.5)) * cell
        keep = rng.random((nx, ny)) < spec["keep"]
        params = rng.random((nx, ny, 3))
        # only cells in or next to a hex of this style can hold its symbols
        q, r, _, _ = axial(gx, gy)
        fl = t.flat(q, r)
        near = t.style_of_type[t.terr[fl]] == sid
        for k in range(6):
            near |= t.style_of_type[t.terr[t.nb[fl * 6 + k]]] == sid
        cand = keep & near
        gx, gy, params = gx[cand], gy[cand], params[cand]
        tt, on, dist, _, (_, _, lx, ly) = t.terrain_field(gx, gy)
        ok = on & (t.style_of_type[tt] == sid) & (dist >= spec["clear"])
        xs, ys, ps = gx[ok], gy[ok], params[ok]
        # room for the hex number at the top of each hex: no symbol reaches into the box
        # |x| < 0.3, y < -0.58 (map units, from the hex centre)
        up, _down, half = _BOX.get(st, (0.15, 0.15, 0.15))
        lxo, lyo = lx[ok], ly[ok]
        free_top = ~((lyo - up < -0.58) & (np.abs(lxo) - half < 0.3))
        angles = self.river_angles(xs, ys) if st == "farmland" else np.zeros(len(xs))
        got = (xs, ys, ps, angles, free_top)
        self._candidates[key] = got
        return got

    def prepare(self, L: Level) -> None:
        """The level's symbols, back to front, filed by tile."""
        s = L.size
        present = {tt.style for tt in self.t.types}
        parts = []
        for st, spec in SPECS.items():
            if st not in present or s < spec["min_size"]:
                continue
            cell = max(spec["cell"], spec["min_px"] / s)
            xs, ys, ps, angles, free_top = self.candidates(st, cell)
            if s >= 26:
                xs, ys, ps, angles = xs[free_top], ys[free_top], ps[free_top], angles[free_top]
            rec = np.empty((len(xs), 7))
            rec[:, 0] = STYLES.index(st)
            rec[:, 1] = L.ox + xs * s
            rec[:, 2] = L.oy + ys * s
            rec[:, 3:6] = ps
            rec[:, 6] = angles
            parts.append(rec)
        recs = np.vstack(parts) if parts else np.zeros((0, 7))
        # back to front, so peaks and humps overlap the way they should
        recs = recs[np.lexsort((recs[:, 1], recs[:, 2]))]
        L.symbols = recs
        ext = np.array([extent(st, s) + 2 for st in STYLES])[recs[:, 0].astype(int)]
        x, y = recs[:, 1], recs[:, 2]
        L.symbol_tiles = bucket_boxes(L, x - ext, y - ext, x + ext, y + ext)


def rot(x: float, y: float, c: float, sn: float) -> tuple[float, float]:
    return x * c - y * sn, x * sn + y * c


def poly(surf: pygame.Surface, colour, pts) -> None:
    """A filled antialiased polygon. gfxdraw truncates coordinates toward zero, so they
    are floored here first: a shape that starts left of a tile comes out the same as
    on the tile beside it."""
    if len(pts) >= 3:
        ipts = [(math.floor(x), math.floor(y)) for x, y in pts]
        pygame.gfxdraw.filled_polygon(surf, ipts, colour)
        pygame.gfxdraw.aapolygon(surf, ipts, colour)


def draw_symbol(surf: pygame.Surface, rec: tuple, s: float) -> None:
    """One terrain symbol: (style, x, y, three random numbers, angle) at hex radius s."""
    st, x, y, a, b, c, ang = rec
    if st == "steppe":
        u = max(2.2, 0.1 * s) * (0.8 + 0.4 * a)
        col = (132, 140, 84)
        y0 = y + u * 0.45
        pygame.draw.aaline(surf, col, (x, y0), (x - u * 0.55, y0 - u * 0.55))
        pygame.draw.aaline(surf, col, (x, y0), (x + 0.05 * u, y0 - u * 0.9))
        pygame.draw.aaline(surf, col, (x, y0), (x + u * 0.6, y0 - u * 0.5))
    elif st == "farmland":
        lw = (0.30 + 0.08 * a) * s
        lh = (0.17 + 0.05 * b) * s
        co, sn = math.cos(ang), math.sin(ang)
        fill = FIELDS[int(c * len(FIELDS)) % len(FIELDS)]
        hw, hh = lw / 2, lh / 2
        corners = [rot(dx, dy, co, sn) for dx, dy in ((-hw, -hh), (hw, -hh), (hw, hh), (-hw, hh))]
        poly(surf, fill, [(x + px, y + py) for px, py in corners])
        if s >= 22:
            rows = 3 if s >= 40 else 2
            dark = shade(fill, 0.9)
            for i in range(1, rows + 1):
                f = -0.5 + i / (rows + 1)
                p0 = rot(-lw / 2 + 1.5, f * lh, co, sn)
                p1 = rot(lw / 2 - 1.5, f * lh, co, sn)
                pygame.draw.aaline(surf, dark, (x + p0[0], y + p0[1]), (x + p1[0], y + p1[1]))
    elif st == "urban":
        if a > 0.9:
            return
        bw = 0.1 * s * (0.8 + 0.35 * b)
        bh = 0.1 * s * (0.8 + 0.35 * c)
        r = pygame.Rect(0, 0, max(2, int(round(bw))), max(2, int(round(bh))))
        r.center = (int(round(x)), int(round(y)))
        pygame.draw.rect(surf, (128, 118, 110) if a < 0.55 else (150, 140, 130), r)
        if s >= 30:
            pygame.draw.rect(surf, (104, 96, 90), r, 1)
    elif st == "hills":
        hw = max(3.0, 0.2 * s) * (0.8 + 0.4 * a)
        hh = hw * (0.5 + 0.15 * b)
        n = 9
        arc = [(x - hw * math.cos(math.pi * i / (n - 1)), y - hh * math.sin(math.pi * i / (n - 1))) for i in range(n)]
        light, dark, ink = (222, 196, 150), (176, 140, 96), (132, 96, 58)
        mid = n // 2
        poly(surf, light, arc[: mid + 1] + [(x, y)])
        poly(surf, dark, arc[mid:] + [(x, y)])
        pygame.draw.aalines(surf, ink, False, arc)
        if s >= 30:
            pygame.draw.aalines(surf, ink, False, arc)
    elif st == "mountains":
        hw = max(3.5, 0.25 * s) * (0.8 + 0.4 * a)
        hh = hw * (0.95 + 0.35 * b)
        apex = (x + (c - 0.5) * hw * 0.3, y - hh)
        left, right = (x - hw, y), (x + hw, y)
        foot = (x + (c - 0.2) * hw * 0.3, y)
        poly(surf, (206, 190, 164), [left, apex, foot])
        poly(surf, (134, 114, 92), [apex, right, foot])
        pygame.draw.aalines(surf, (88, 68, 50), False, [left, apex, right])
        if s >= 22:  # a spur on the shaded side
            sx, sy = apex[0] + (right[0] - apex[0]) * 0.45, apex[1] + (right[1] - apex[1]) * 0.45
            pygame.draw.aaline(surf, (112, 92, 72), (sx, sy), (sx - hw * 0.15, y - hh * 0.12))
    elif st == "water":
        u = max(4.0, 0.14 * s) * (0.8 + 0.4 * a)
        amp = u * 0.22
        pts = [(x - u + 2 * u * i / 10, y + amp * math.sin(math.pi * 2 * i / 10)) for i in range(11)]
        pygame.draw.aalines(surf, (196, 222, 240), False, pts)
    elif st == "marsh":
        u = max(3.0, 0.13 * s)
        col = (82, 120, 110)
        pygame.draw.aaline(surf, col, (x - u, y), (x + u, y))
        for dx in (-0.5, 0.0, 0.5):
            pygame.draw.aaline(surf, col, (x + dx * u, y), (x + dx * u * 1.3, y - u * 0.7))
    elif st == "forest":
        rr = max(2.0, 0.075 * s) * (0.8 + 0.4 * a)
        pygame.draw.circle(surf, (96, 136, 82), (x, y), rr)
        pygame.draw.aacircle(surf, (62, 96, 56), (x, y), rr)


def draw_tile_symbols(surf: pygame.Surface, L: Level, tile: tuple[int, int], dx: float, dy: float) -> None:
    """Pass 2 of a tile: its symbols, moved by (dx, dy) from layer to tile pixels."""
    idx = L.symbol_tiles.get(tile)
    if idx is None or L.symbols is None:
        return
    s = L.size
    for row in L.symbols[idx].tolist():
        st, x, y, a, b, c, ang = row
        draw_symbol(surf, (STYLES[int(st)], x + dx, y + dy, a, b, c, ang), s)

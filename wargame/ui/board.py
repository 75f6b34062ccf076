"""The map, drawn like a printed wargame map, and the camera over it.

`Board` owns a picture of the whole map per zoom level (a "layer") and a camera
(`layout`, a `hexgrid.Layout` in screen coordinates). Drawing a frame is one
blit of the current layer; nothing is redrawn while panning.

A layer is rendered lazily in square tiles, the first time a tile comes into
view (or ahead of time with `prerender`), so the first frame only pays for what
is on the screen. Each tile is rendered in four passes, all in layer pixels
with the surface's clip rectangle set to the tile, so features that cross tiles
(rivers, labels, symbols) come out identical on both sides of a tile seam:

1. terrain, per pixel with numpy: each pixel takes the terrain of the hex under
   a slightly wobbled position, and region corners are rounded by letting the
   three hexes around a corner vote, so same-terrain hexes merge into regions
   with natural, hand-drawn looking edges (a lone lake hex is a round pond; the
   centre and most of every hex always show the hex's own terrain); then paper
   grain, large-scale mottling, desert stipple and a fine darker line along
   region edges;
2. terrain symbols with pygame (grass tufts, fields along the rivers, street
   blocks, hill humps, mountain peaks, waves), placed on jittered grids in map
   units and kept only where the terrain under them matches, seeded from their
   grid cell, so the same symbols come back at every render;
3. per pixel again: rivers as antialiased distance fields of a smoothed
   Catmull-Rom curve through their hexes, the low-contrast hex grid, the map's
   neat line and the dash-dot international border with its halo, computed from
   each pixel's distance to the nearest hex edge;
4. text and place symbols with pygame: hex numbers, country names, places and
   river names, laid out once per level so labels avoid each other.

No game rules here: the board only reads the rulebook's map.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from typing import Iterable

import numpy as np
import pygame
import pygame.gfxdraw

from .. import hexgrid
from ..hexgrid import SQRT3, Hex, Layout
from ..rules.rulebook import Rulebook
from . import style

# --- colours of the board -------------------------------------------------------------

TABLE = (54, 58, 60)  # the map table around the map
HALO = (250, 246, 236)  # text halos and the light edge of the border
GRID_DARK = 0.5  # a grid line at full strength multiplies the paper by this (it is drawn at 22-40 %)
NEATLINE = (70, 62, 52)
HEX_NUMBER = (112, 104, 92)
RIVER = (88, 146, 204)
RIVER_BANK = (44, 92, 150)
RIVER_TEXT = (28, 64, 120)
PLACE_INK = style.INK
LANDMARK = (112, 74, 44)
COUNTRY_TEXT = (92, 60, 88)

_TILE = 256  # layer tiles; the paper grain texture has the same period

# Directions of the hex edges: edge k faces neighbour hexgrid.DIRECTIONS[k]; its
# outward normal points at -30 + 60k degrees on screen.
_NORMALS = [(math.cos(math.radians(-30 + 60 * k)), math.sin(math.radians(-30 + 60 * k))) for k in range(6)]
_APOTHEM = SQRT3 / 2

# neighbour centres (map units), by direction
_NB_X = np.array([SQRT3 * n[0] for n in _NORMALS], dtype=np.float32)
_NB_Y = np.array([SQRT3 * n[1] for n in _NORMALS], dtype=np.float32)
_ROUND_SIGMA = 0.62  # how much region corners are rounded (see Board._terrain_field)

# edge kinds, per hex and direction
_E_NONE, _E_GRID, _E_BORDER, _E_MAPEDGE = 0, 1, 2, 3

_STYLES = ("desert", "steppe", "farmland", "urban", "hills", "mountains", "water", "marsh", "forest")

# Terrain symbols: jittered grid cell (map units: hex radius = 1), the smallest
# spacing in pixels, the chance a cell holds a symbol, the smallest hex radius
# at which the style is drawn, and the clearance from the region's edge.
_SYMBOLS = {
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
_SYMBOL_BOX = {
    "steppe": (0.1, 0.05, 0.08),
    "farmland": (0.2, 0.2, 0.2),
    "urban": (0.07, 0.07, 0.07),
    "hills": (0.18, 0.0, 0.22),
    "mountains": (0.38, 0.0, 0.28),
    "water": (0.05, 0.05, 0.15),
    "marsh": (0.1, 0.02, 0.13),
    "forest": (0.08, 0.08, 0.08),
}

# how much a terrain already fills a hex, when placing the big country names
_BUSY = {"water": 3, "urban": 3, "mountains": 1, "hills": 1, "farmland": 1, "marsh": 1, "forest": 1}
_PLACE_NAMES = {
    "city": "City", "town": "Town", "air_base": "Air base", "crossing": "Border crossing", "landmark": "Landmark"
}

PLACE_PRIORITY = {"city": 0, "air_base": 1, "town": 2, "crossing": 3, "landmark": 4}


def _hex_rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _shade(rgb, k: float) -> tuple[int, int, int]:
    return tuple(max(0, min(255, int(round(c * k)))) for c in rgb)  # type: ignore[return-value]


# --- vectorised hex geometry (map units: hex radius 1, hex (0,0) at the origin) ---------


def _axial(x: np.ndarray, y: np.ndarray):
    """Hex under each point, as (q, r) int arrays, and the point relative to its centre
    (float32). The same cube rounding as `hexgrid.cube_round` (numpy's rint also rounds
    halves to even), so pixels agree with `Layout.pixel_to_hex`."""
    fq = x * (2.0 / 3.0)
    fr = y * (SQRT3 / 3.0) - x * (1.0 / 3.0)
    fs = -fq - fr
    rq, rr, rs = np.rint(fq), np.rint(fr), np.rint(fs)
    dq, dr, ds = np.abs(rq - fq), np.abs(rr - fr), np.abs(rs - fs)
    c1 = (dq > dr) & (dq > ds)
    c2 = (dr > ds) & ~c1
    # (arithmetic blends: much faster than np.where on these masks)
    rq = rq + c1 * (-rr - rs - rq)
    rr = rr + c2 * (-rq - rs - rr)
    lx = (x - 1.5 * rq).astype(np.float32)
    ly = (y - SQRT3 * rr - (SQRT3 / 2) * rq).astype(np.float32)
    return rq.astype(np.int32), rr.astype(np.int32), lx, ly


_N0X, _N0Y = np.float32(_NORMALS[0][0]), np.float32(_NORMALS[0][1])
_N1X, _N1Y = np.float32(_NORMALS[1][0]), np.float32(_NORMALS[1][1])


def _nearest_edge(lx: np.ndarray, ly: np.ndarray):
    """For points relative to their hex centre (float32): the nearest edge's direction
    (0-5), the distance to it (map units) and |position along it| (0 at the middle of
    the edge, 0.5 at a corner)."""
    a0 = lx * _N0X + ly * _N0Y
    a1 = lx * _N1X + ly * _N1Y
    a2 = ly
    b0, b1, b2 = np.abs(a0), np.abs(a1), np.abs(a2)
    m01 = b0 >= b1
    n01 = ~m01
    best = np.maximum(b0, b1)
    m = best >= b2
    nm = ~m
    np.maximum(best, b2, out=best)
    j = (n01 * m).astype(np.int32) + 2 * nm
    a01 = a0 * m01 + a1 * n01
    a = a01 * m + a2 * nm
    k = j + 3 * (a < 0)
    # tangent of axis j is (-ny, nx); the sign does not matter, we keep |t|
    t01 = (ly * _N0X - lx * _N0Y) * m01 + (ly * _N1X - lx * _N1Y) * n01
    t = np.abs(t01 * m + lx * nm)
    return k, np.float32(_APOTHEM) - best, t


def _hash_noise(shape: tuple[int, int], seed: int) -> np.ndarray:
    return np.random.default_rng(seed).random(shape, dtype=np.float64) * 2.0 - 1.0


class _ValueNoise:
    """Smooth value noise on a lattice over the map (map units), precomputed."""

    def __init__(self, x0: float, y0: float, x1: float, y1: float, spacing: float, seed: int):
        self.x0, self.y0, self.spacing = x0 - 2 * spacing, y0 - 2 * spacing, spacing
        nx = int((x1 - self.x0) / spacing) + 4
        ny = int((y1 - self.y0) / spacing) + 4
        self.lat = _hash_noise((nx, ny), seed)
        self.nx, self.ny = nx, ny

    def __call__(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        fx = (x - self.x0) / self.spacing
        fy = (y - self.y0) / self.spacing
        ix = np.clip(np.floor(fx).astype(np.int32), 0, self.nx - 2)
        iy = np.clip(np.floor(fy).astype(np.int32), 0, self.ny - 2)
        tx = np.clip(fx - ix, 0.0, 1.0)
        ty = np.clip(fy - iy, 0.0, 1.0)
        tx = tx * tx * (3 - 2 * tx)
        ty = ty * ty * (3 - 2 * ty)
        lat = self.lat
        v00 = lat[ix, iy]
        v10 = lat[ix + 1, iy]
        v01 = lat[ix, iy + 1]
        v11 = lat[ix + 1, iy + 1]
        a = v00 + (v10 - v00) * tx
        b = v01 + (v11 - v01) * tx
        return a + (b - a) * ty

    def _axis(self, v: np.ndarray, origin: float, n: int):
        f = (v - origin) / self.spacing
        i = np.clip(np.floor(f).astype(np.int64), 0, n - 2)
        t = np.clip(f - i, 0.0, 1.0)
        return i, t * t * (3 - 2 * t)

    def grid(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """The noise on the axis-aligned grid xs x ys (1-D arrays), shape (len(xs), len(ys)).
        Interpolates along x on the few lattice rows needed, then along y."""
        ix, tx = self._axis(xs, self.x0, self.nx)
        iy, ty = self._axis(ys, self.y0, self.ny)
        y0, y1 = int(iy.min()), int(iy.max()) + 2
        sub = self.lat[:, y0:y1]
        a = sub[ix] * (1.0 - tx)[:, None] + sub[ix + 1] * tx[:, None]  # (len(xs), rows)
        j = iy - y0
        return a[:, j] * (1.0 - ty)[None, :] + a[:, j + 1] * ty[None, :]


def _paper_grain(n: int, seed: int) -> np.ndarray:
    """A tileable n x n paper texture in about [-1, 1]: fine grain plus soft fibres."""
    rng = np.random.default_rng(seed)
    white = rng.standard_normal((n, n))
    f = np.fft.fft2(white)
    kx = np.fft.fftfreq(n)[:, None]
    ky = np.fft.fftfreq(n)[None, :]
    k2 = kx * kx + ky * ky
    soft = np.real(np.fft.ifft2(f * np.exp(-k2 * (n / 9.0) ** 2)))
    soft /= soft.std() + 1e-9
    fine = np.real(np.fft.ifft2(f * np.exp(-k2 * (n / 90.0) ** 2)))
    fine /= fine.std() + 1e-9
    out = 0.55 * soft + 0.45 * fine
    return (out / 2.5).astype(np.float32)


# --- the catmull-rom river curves ---------------------------------------------------------


def _catmull_rom(points: np.ndarray, samples: int) -> np.ndarray:
    """A smooth curve through every point (uniform Catmull-Rom), `samples` per span."""
    if len(points) < 2:
        return points.copy()
    p = np.vstack([2 * points[0] - points[1], points, 2 * points[-1] - points[-2]])
    t = np.linspace(0.0, 1.0, samples, endpoint=False)[:, None]
    t2, t3 = t * t, t * t * t
    out = []
    for i in range(1, len(p) - 2):
        p0, p1, p2, p3 = p[i - 1], p[i], p[i + 1], p[i + 2]
        out.append(
            0.5
            * (
                2 * p1
                + (-p0 + p2) * t
                + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2
                + (-p0 + 3 * p1 - 3 * p2 + p3) * t3
            )
        )
    out.append(points[-1:])
    return np.vstack(out)


class _River:
    def __init__(self, name: str, curve: np.ndarray, width: np.ndarray):
        self.name = name
        self.curve = curve  # (n, 2) map units
        self.width = width  # (n,) relative width


# --- one zoom level's picture ----------------------------------------------------------------


class _Level:
    def __init__(self, level: int, size: int, columns: int, rows: int):
        self.level = level
        self.size = s = float(size)
        self.pad = pad = int(max(6, round(s * 0.35)))
        self.map_w = s * (1.5 * (columns - 1) + 2.0)
        self.map_h = s * SQRT3 * (rows + (0.5 if columns > 1 else 0.0))
        self.w = int(math.ceil(self.map_w)) + 2 * pad
        self.h = int(math.ceil(self.map_h)) + 2 * pad
        # layer pixel of hex (0, 0)'s centre
        self.ox = pad + s
        self.oy = pad + s * _APOTHEM
        self.map_rect = pygame.Rect(pad, pad, int(math.ceil(self.map_w)), int(math.ceil(self.map_h)))
        self.tiles_x = (self.w + _TILE - 1) // _TILE
        self.tiles_y = (self.h + _TILE - 1) // _TILE
        self.done = np.zeros((self.tiles_x, self.tiles_y), dtype=bool)
        self.surface: pygame.Surface | None = None
        self.prepared = False
        # filled by Board._prepare
        self.symbols: list[tuple] = []
        self.symbol_tiles: dict[tuple[int, int], list[int]] = {}
        self.river_tiles: dict[tuple[int, int], np.ndarray] = {}
        self.items: list[tuple] = []  # (kind, payload, rect) drawn in pass 4
        self.item_tiles: dict[tuple[int, int], list[int]] = {}
        self.stipple: tuple | None = None

    def tiles_of(self, rect: pygame.Rect):
        tx0 = max(0, rect.left // _TILE)
        ty0 = max(0, rect.top // _TILE)
        tx1 = min(self.tiles_x - 1, (rect.right - 1) // _TILE)
        ty1 = min(self.tiles_y - 1, (rect.bottom - 1) // _TILE)
        for tx in range(tx0, tx1 + 1):
            for ty in range(ty0, ty1 + 1):
                yield tx, ty

    def tile_rect(self, tx: int, ty: int) -> pygame.Rect:
        x, y = tx * _TILE, ty * _TILE
        return pygame.Rect(x, y, min(_TILE, self.w - x), min(_TILE, self.h - y))

    @property
    def pixels(self) -> int:
        return self.w * self.h


class Board:
    """The map on screen: a cached picture per zoom level and a camera over it."""

    ZOOM_SIZES: tuple[int, ...] = (7, 9, 12, 16, 22, 30, 40, 54)
    # the layers kept in memory, in pixels (4 bytes each); the current one is always kept
    CACHE_PIXELS = 40_000_000
    HIGHLIGHT_CACHE = 48
    # None: draw() renders every tile it needs before showing the frame. A number: it
    # renders for at most about that many ms a frame and shows the rest scaled from
    # another level until later frames catch up (keeps zooming smooth).
    frame_budget_ms: float | None = None

    def __init__(self, rules: Rulebook, viewport: pygame.Rect):
        self.rules = rules
        self.viewport = pygame.Rect(viewport)
        self.columns, self.rows = rules.columns, rules.rows
        self.level = 0
        self._cam = [0.0, 0.0]  # screen position of the layer's top-left corner
        self._levels: OrderedDict[int, _Level] = OrderedDict()
        self._highlights: OrderedDict[tuple, tuple[pygame.Surface, int, int]] = OrderedDict()
        self._legend: pygame.Surface | None = None
        self.tiles_rendered = 0  # how many layer tiles have been rendered (for tests and profiling)
        self._build_map_tables()
        self.fit()

    # --- the map as arrays ----------------------------------------------------------------

    def _build_map_tables(self) -> None:
        rules = self.rules
        C, R = self.columns, self.rows
        self._pr = R + 2  # padded rows: flat index = (col + 1) * _pr + (row + 1)
        n = (C + 2) * (R + 2)
        types = list(rules.scenario.map.terrain_types.values())
        self._types = types
        code_index = {t.code: i for i, t in enumerate(types)}
        self._colours = np.array([_hex_rgb(t.colour) for t in types] + [TABLE], dtype=np.float32)
        self._style_of_type = np.array([_STYLES.index(t.style) for t in types] + [-1], dtype=np.int16)
        countries = list(rules.scenario.map.countries)
        self._countries = countries
        terr = np.full(n, len(types), dtype=np.int16)  # the last "type" is off the map
        ctry = np.full(n, -1, dtype=np.int16)
        for h, t in rules.terrain.items():
            c, r = hexgrid.to_offset(h)
            i = (c + 1) * self._pr + (r + 1)
            terr[i] = code_index[t.code]
            ctry[i] = countries.index(rules.country[h])
        self._terr = terr
        self._ctry = ctry
        self._offmap = len(types)
        # neighbour index and kind of each edge
        nb = np.zeros((n, 6), dtype=np.int32)
        kind = np.zeros((n, 6), dtype=np.int8)
        for ci in range(C + 2):
            for ri in range(R + 2):
                i = ci * self._pr + ri
                h = hexgrid.from_offset(ci - 1, ri - 1)
                for k, (dq, dr) in enumerate(hexgrid.DIRECTIONS):
                    c2, r2 = hexgrid.to_offset(Hex(h.q + dq, h.r + dr))
                    c2 = min(max(c2 + 1, 0), C + 1)
                    r2 = min(max(r2 + 1, 0), R + 1)
                    j = c2 * self._pr + r2
                    nb[i, k] = j
                    if terr[i] == self._offmap:
                        kind[i, k] = _E_NONE
                    elif terr[j] == self._offmap:
                        kind[i, k] = _E_MAPEDGE
                    elif ctry[i] != ctry[j]:
                        kind[i, k] = _E_BORDER
                    else:
                        kind[i, k] = _E_GRID
        self._nb = nb.reshape(-1)
        self._edge_kind = kind.reshape(-1)
        # map extents in map units
        self._x0, self._y0 = -1.0, -_APOTHEM
        self._x1 = 1.5 * (C - 1) + 1.0
        self._y1 = SQRT3 * (R + 0.5)
        ext = (self._x0 - 2, self._y0 - 2, self._x1 + 2, self._y1 + 2)
        self._wob = [
            (_ValueNoise(*ext, 0.7, 11), _ValueNoise(*ext, 0.7, 12), 0.18),
            (_ValueNoise(*ext, 0.3, 13), _ValueNoise(*ext, 0.3, 14), 0.06),
        ]
        self._mottle = _ValueNoise(*ext, 2.2, 21)
        self._mottle2 = _ValueNoise(*ext, 0.7, 22)
        self._grain = _paper_grain(_TILE, 31)
        self._rivers = self._build_rivers()
        self._candidates: dict[tuple, tuple] = {}
        self._cdist: dict[Hex, int] | None = None
        self._has_border = bool((self._edge_kind == _E_BORDER).any())
        # "calm" hexes: everything within two steps is on the map and of the same terrain,
        # so no region edge can reach them and the per-pixel rounding can skip them
        calm = np.zeros(n, dtype=bool)
        for h, t in rules.terrain.items():
            if all(rules.terrain.get(o) is t for o in hexgrid.hex_range(h, 2)):
                c, r = hexgrid.to_offset(h)
                calm[(c + 1) * self._pr + (r + 1)] = True
        self._calm = calm

    def _flat(self, q: np.ndarray, r: np.ndarray) -> np.ndarray:
        col = q
        row = r + ((q - (q & 1)) >> 1)
        ci = np.clip(col + 1, 0, self.columns + 1)
        ri = np.clip(row + 1, 0, self.rows + 1)
        return ci * self._pr + ri

    def _terrain_field(self, x: np.ndarray, y: np.ndarray, grid=None):
        """Terrain type drawn at map points (wobbled, rounded regions), whether the point
        is on the map, its distance to the region's edge (map units), the true hex's flat
        index and the true hex with the point's position in it (q, r, lx, ly).
        `grid`: the 1-D coordinates when x, y is an axis-aligned grid (faster noise)."""
        q, r, lx, ly = _axial(x, y)
        fi = self._flat(q, r)
        t_true = self._terr[fi]
        on = t_true != self._offmap
        dist = np.full(x.shape, 9.0, np.float32)
        # only points near another terrain need the wobble and the rounding
        busy = (on & ~self._calm[fi]).reshape(-1)
        count = int(np.count_nonzero(busy))
        if not count:
            return t_true, on, dist, fi, (q, r, lx, ly)
        sel = None if count > busy.size // 2 else np.flatnonzero(busy)

        def pick(a):
            a = np.ascontiguousarray(a).reshape(-1)
            return a if sel is None else a[sel]

        t = t_true.copy()
        px, py = pick(x), pick(y)
        wx, wy = px, py
        for nx, ny, amp in self._wob:
            if grid is not None:
                wx = wx + amp * pick(nx.grid(*grid))
                wy = wy + amp * pick(ny.grid(*grid))
            else:
                wx = wx + amp * nx(px, py)
                wy = wy + amp * ny(px, py)
        qw, rw, lxw, lyw = _axial(wx.astype(np.float32), wy.astype(np.float32))
        fw = self._flat(qw, rw)
        t0 = self._terr[fw]
        off = self._offmap
        # Round the regions' corners: near a corner, the hex and the two hexes that share
        # the corner vote with weights falling off with distance; if both neighbours are
        # of another terrain and together outweigh the hex, the corner is theirs. A lone
        # hex becomes a rounded blob, still clearly inside its own hex.
        c = np.rint(np.arctan2(lyw, lxw) * np.float32(3.0 / math.pi)).astype(np.int32) % 6
        c2 = (c + 1) % 6
        t1 = self._terr[self._nb[fw * 6 + c]]
        t2 = self._terr[self._nb[fw * 6 + c2]]
        inv = np.float32(-0.5 / _ROUND_SIGMA**2)
        w0 = np.exp((lxw * lxw + lyw * lyw) * inv)
        ex = lxw - _NB_X[c]
        ey = lyw - _NB_Y[c]
        w1 = np.exp((ex * ex + ey * ey) * inv) * (t1 != off)
        ex = lxw - _NB_X[c2]
        ey = lyw - _NB_Y[c2]
        w2 = np.exp((ex * ex + ey * ey) * inv) * (t2 != off)
        s1_same = t1 == t0
        s2_same = t2 == t0
        n1, n2 = ~s1_same, ~s2_same
        own = w0 + w1 * s1_same + w2 * s2_same
        pair = (t1 == t2) & n1
        other = (w1 + w2) * pair + np.maximum(w1 * n1, w2 * n2) * ~pair
        pick1 = n1 & ((w1 >= w2) | s2_same)
        other_t = t2 + (t1 - t2) * pick1
        flip = (other > own) & (t0 != off)
        tt = pick(t_true)
        new_t = t0 + (other_t - t0) * flip
        new_t = tt + (new_t - tt) * (t0 != off)
        # distance to the region's edge, from the log ratio of the votes (exact for two hexes)
        ratio = np.abs(np.log(np.maximum(own, 1e-30)) - np.log(np.maximum(other, 1e-30)))
        has = (other > 0) & (t0 != off)
        new_d = ratio * np.float32(_ROUND_SIGMA**2 / SQRT3) * has + np.float32(9.0) * ~has
        tf, df = t.reshape(-1), dist.reshape(-1)
        if sel is None:
            tf[:] = tt + (new_t - tt) * busy
            df[:] = df + (new_d - df) * busy
        else:
            tf[sel] = new_t
            df[sel] = new_d
        return t, on, dist, fi, (q, r, lx, ly)

    def _build_rivers(self) -> list[_River]:
        C, R = self.columns, self.rows
        unit = Layout(1.0)
        specs = self.rules.scenario.map.rivers
        all_hexes = [[hexgrid.parse_ccrr(n) for n in river.hexes] for river in specs]
        all_pts = []
        for hexes in all_hexes:
            pts = np.array([unit.hex_to_pixel(h) for h in hexes], dtype=np.float64)
            if len(pts) >= 3:  # a light smoothing keeps the curve inside its hexes
                sm = pts.copy()
                sm[1:-1] = pts[1:-1] * 0.6 + (pts[:-2] + pts[2:]) * 0.2
                pts = sm
            all_pts.append(pts)
        # a tributary ends exactly on the river it flows into
        for i, hexes in enumerate(all_hexes):
            for j, other in enumerate(all_hexes):
                if i != j and hexes[-1] in other:
                    all_pts[i] = all_pts[i].copy()
                    all_pts[i][-1] = all_pts[j][other.index(hexes[-1])]
                    break
        out = []
        for river, hexes, pts in zip(specs, all_hexes, all_pts):
            # rivers that enter or leave at the map edge run off it
            ends = []
            for idx in (0, -1):
                c, r = hexgrid.to_offset(hexes[idx])
                d = None
                if c == 0:
                    d = (-1.6, 0.0)
                elif c == C - 1:
                    d = (1.6, 0.0)
                elif r == 0:
                    d = (0.0, -1.6)
                elif r == R - 1:
                    d = (0.0, 1.6)
                ends.append(None if d is None else pts[idx] + np.array(d))
            if ends[0] is not None:
                pts = np.vstack([ends[0], pts])
            if ends[1] is not None:
                pts = np.vstack([pts, ends[1]])
            curve = _catmull_rom(pts, 6)
            main = len(hexes) >= 30
            seg = np.hypot(*np.diff(curve, axis=0).T)
            along = np.concatenate([[0.0], np.cumsum(seg)])
            width = np.full(len(curve), 1.0 if main else 0.72)
            if ends[0] is None:  # the source is on the map: the river grows from it
                width *= 0.55 + 0.45 * np.clip(along / 8.0, 0.0, 1.0)
            out.append(_River(river.name, curve, width))
        return out

    # --- camera -------------------------------------------------------------------------

    def _lvl(self, level: int | None = None) -> _Level:
        level = self.level if level is None else level
        L = self._levels.get(level)
        if L is None:
            L = _Level(level, self.ZOOM_SIZES[level], self.columns, self.rows)
            self._levels[level] = L
        self._levels.move_to_end(level)
        return L

    @property
    def size(self) -> float:
        return float(self.ZOOM_SIZES[self.level])

    def _blit_pos(self) -> tuple[int, int]:
        return int(round(self._cam[0])), int(round(self._cam[1]))

    @property
    def layout(self) -> Layout:
        L = self._lvl()
        bx, by = self._blit_pos()
        return Layout(L.size, (bx + L.ox, by + L.oy))

    def set_viewport(self, rect) -> None:
        rect = pygame.Rect(rect)
        old = self.viewport
        fx, fy = self.layout.pixel_to_fractional(*old.center) if old.w and old.h else (0.0, 0.0)
        self.viewport = rect
        self._place(fx, fy, rect.center)
        self._clamp()

    def _place(self, fq: float, fr: float, screen: tuple[float, float]) -> None:
        """Move the camera so the fractional hex (fq, fr) is at the screen point."""
        L = self._lvl()
        s = L.size
        mx = s * 1.5 * fq
        my = s * SQRT3 * (fr + fq * 0.5)
        self._cam[0] = screen[0] - mx - L.ox
        self._cam[1] = screen[1] - my - L.oy

    def fit(self) -> None:
        vp = self.viewport
        best = 0
        for i in range(len(self.ZOOM_SIZES)):
            L = _Level(i, self.ZOOM_SIZES[i], self.columns, self.rows)
            if L.map_w <= vp.w and L.map_h <= vp.h:
                best = i
        self.level = best
        L = self._lvl()
        self._cam[0] = vp.centerx - (L.pad + L.map_w / 2)
        self._cam[1] = vp.centery - (L.pad + L.map_h / 2)

    def zoom(self, steps: int, about: tuple[int, int]) -> bool:
        new = max(0, min(len(self.ZOOM_SIZES) - 1, self.level + int(steps)))
        if new == self.level:
            return False
        fq, fr = self.layout.pixel_to_fractional(*about)
        self.level = new
        self._place(fq, fr, about)
        self._clamp()
        return True

    def pan(self, dx: float, dy: float) -> None:
        self._cam[0] += dx
        self._cam[1] += dy
        self._clamp()

    def _clamp(self) -> None:
        """Keep at least a third of the viewport (or the whole map, if smaller) on the map."""
        L = self._lvl()
        vp = self.viewport
        for axis, (lo, extent, length) in enumerate(((vp.left, L.map_w, vp.w), (vp.top, L.map_h, vp.h))):
            need = min(length / 3.0, extent)
            left = self._cam[axis] + L.pad  # screen position of the map's left (top) edge
            # map right edge >= lo + need  and  map left edge <= lo + length - need
            left = max(left, lo + need - extent)
            left = min(left, lo + length - need)
            self._cam[axis] = left - L.pad

    def centre_on(self, h: Hex) -> None:
        self._place(h[0], h[1], self.viewport.center)
        self._clamp()

    def hex_at(self, pos) -> Hex | None:
        x, y = pos
        if not self.viewport.collidepoint(x, y):
            return None
        h = self.layout.pixel_to_hex(x, y)
        return h if h in self.rules.terrain else None

    def centre(self, h: Hex) -> tuple[float, float]:
        return self.layout.hex_to_pixel(h)

    def hex_polygon(self, h: Hex) -> list[tuple[float, float]]:
        return self.layout.corners(h)

    # --- drawing ----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        """Blit the current level's layer into the viewport (the map table around the
        map). Tiles not rendered yet are rendered first; with `frame_budget_ms` set, only
        for about that long, the rest shown from another level, scaled, until later frames
        finish them."""
        L = self._lvl()
        vp = self.viewport.clip(surface.get_rect())
        if not vp.w or not vp.h:
            return
        bx, by = self._blit_pos()
        src = pygame.Rect(vp.x - bx, vp.y - by, vp.w, vp.h).clip(pygame.Rect(0, 0, L.w, L.h))
        missing = self._ensure(L, src, self.frame_budget_ms)
        old = surface.get_clip()
        surface.set_clip(vp)
        if src.w < vp.w or src.h < vp.h:
            surface.fill(TABLE, vp)
        if src.w and src.h:
            surface.blit(L.surface, (bx + src.x, by + src.y), src)
        for tx, ty in missing:
            self._stand_in(surface, L, L.tile_rect(tx, ty).move(bx, by).clip(vp), bx, by)
        surface.set_clip(old)

    def prerender(self, level: int, budget_ms: float | None = None) -> bool:
        """Render a level's whole layer now (for idle time). With `budget_ms`, stop after
        about that long; returns True once the level is complete."""
        L = self._lvl(level)
        self._levels.move_to_end(self.level)
        start = time.perf_counter()
        self._prepare(L)
        for tx in range(L.tiles_x):
            for ty in range(L.tiles_y):
                if not L.done[tx, ty]:
                    if budget_ms is not None and (time.perf_counter() - start) * 1000 >= budget_ms:
                        return False
                    self._render_tile(L, tx, ty)
        return True

    def _ensure(self, L: _Level, rect: pygame.Rect, budget_ms: float | None = None) -> list[tuple[int, int]]:
        """Render the tiles under `rect`, nearest the middle first; return those left over
        when the budget ran out."""
        if not rect.w or not rect.h:
            return []
        todo = [t for t in L.tiles_of(rect) if not L.done[t]]
        if not todo:
            return []
        start = time.perf_counter()
        self._prepare(L)
        mx, my = rect.centerx / _TILE, rect.centery / _TILE
        todo.sort(key=lambda t: (t[0] + 0.5 - mx) ** 2 + (t[1] + 0.5 - my) ** 2)
        for n, (tx, ty) in enumerate(todo):
            if budget_ms is not None and n and (time.perf_counter() - start) * 1000 >= budget_ms:
                return todo[n:]
            self._render_tile(L, tx, ty)
        return []

    def _stand_in(self, surface: pygame.Surface, L: _Level, dest: pygame.Rect, bx: int, by: int) -> None:
        """Fill a screen area whose tile is not rendered yet from another level's layer."""
        if not dest.w or not dest.h:
            return
        for other in reversed(list(self._levels.values())):
            if other is L or other.surface is None:
                continue
            k = other.size / L.size
            sx = other.ox + (dest.x - bx - L.ox) * k
            sy = other.oy + (dest.y - by - L.oy) * k
            sw, sh = max(1, int(math.ceil(dest.w * k))), max(1, int(math.ceil(dest.h * k)))
            src = pygame.Rect(int(math.floor(sx)), int(math.floor(sy)), sw, sh)
            src = src.clip(pygame.Rect(0, 0, other.w, other.h))
            if not src.w or not src.h or not all(other.done[t] for t in other.tiles_of(src)):
                continue
            surface.blit(pygame.transform.scale(other.surface.subsurface(src), dest.size), dest)
            return
        surface.fill(style.PAPER, dest)

    def _evict(self, keep: int) -> None:
        """Drop the least recently used layers while over CACHE_PIXELS (never the
        current level nor `keep`)."""
        total = sum(L.pixels for L in self._levels.values() if L.surface is not None)
        for lv in list(self._levels):
            if total <= self.CACHE_PIXELS:
                break
            if lv in (self.level, keep):
                continue
            L = self._levels.pop(lv)
            if L.surface is not None:
                total -= L.pixels

    def _prepare(self, L: _Level) -> None:
        if L.surface is None:
            surf = pygame.Surface((L.w, L.h))
            display = pygame.display.get_surface() if pygame.display.get_init() else None
            if display is not None and display.get_bitsize() == 32:
                surf = surf.convert()  # the screen's pixel format: the fastest blits
            L.surface = surf
            L.done[:] = False
            self._evict(L.level)
        if L.prepared:
            return
        self._prepare_symbols(L)
        self._prepare_rivers(L)
        self._prepare_items(L)
        self._prepare_stipple(L)
        L.prepared = True

    # --- pass 1: terrain per pixel ----------------------------------------------------------

    def _prepare_stipple(self, L: _Level) -> None:
        s = L.size
        if s < 9:
            L.stipple = None
            return
        cell = max(4.2, 0.135 * s)
        nx = int(L.w / cell) + 2
        ny = int(L.h / cell) + 2
        rng = np.random.default_rng(41 + L.level)
        radius = float(np.clip(0.021 * s, 0.6, 1.15))
        margin = radius + 0.6
        span = max(0.0, cell - 2 * margin)
        ox = margin + rng.random((nx, ny)) * span
        oy = margin + rng.random((nx, ny)) * span
        present = rng.random((nx, ny)) < 0.5
        strength = np.where(present, 0.16 + 0.12 * rng.random((nx, ny)), 0.0)
        L.stipple = (cell, ox, oy, strength, radius)

    def _render_tile(self, L: _Level, tx: int, ty: int) -> None:
        rect = L.tile_rect(tx, ty)
        s = L.size
        x0, y0, w, h = rect
        px = np.arange(x0, x0 + w, dtype=np.float64)[:, None]
        py = np.arange(y0, y0 + h, dtype=np.float64)[None, :]
        xs = (px[:, 0] - L.ox) / s
        ys = (py[0, :] - L.oy) / s
        X = np.broadcast_to(xs[:, None], (w, h))
        Y = np.broadcast_to(ys[None, :], (w, h))
        t, on, dist, fi, (q, r, lx, ly) = self._terrain_field(X, Y, (xs, ys))
        ek, ed, et = _nearest_edge(lx, ly)  # the true hex's nearest edge, for grid and border
        style_idx = self._style_of_type[t]

        rgb = self._colours[t]  # (w, h, 3) float32
        mott = 0.045 * self._mottle.grid(xs, ys) + 0.018 * self._mottle2.grid(xs, ys)
        light = 1.0 + 0.032 * self._grain[:w, :h] + mott.astype(np.float32)
        light = np.where(on, light, np.float32(1.0))
        # desert stipple
        if L.stipple is not None:
            cell, sox, soy, strength, radius = L.stipple
            cx = np.floor(px / cell).astype(np.int32)
            cy = np.floor(py / cell).astype(np.int32)
            dx = px - (cx * cell + sox[cx, cy])
            dy = py - (cy * cell + soy[cx, cy])
            a = np.clip(radius + 0.5 - np.sqrt(dx * dx + dy * dy), 0.0, 1.0) * strength[cx, cy]
            desert = style_idx == 0
            # stay off region edges so stipple does not spill into the next terrain
            a = np.where(desert & (dist * s > 1.5), a, 0.0)
            light = light * (1.0 - a).astype(np.float32)
        # soft darker line along region edges, and a faint inner tint
        dpx = dist * s
        line = np.clip(0.75 - dpx, 0.0, 1.0) * 0.16 + np.clip(1.0 - dpx / max(3.0, 0.1 * s), 0.0, 1.0) * 0.05
        light = light * (1.0 - line).astype(np.float32)
        rgb = rgb * light[:, :, None]
        # the table around the map: a soft shadow under the map edge
        if not on.all():
            near_map = self._terr[self._nb[fi * 6 + ek]] != self._offmap
            sh = np.where(near_map, np.clip(1.0 - ed * s / max(4.0, L.pad * 0.9), 0.0, 1.0), 0.0)
            shade = (1.0 - 0.3 * sh * sh).astype(np.float32)
            rgb = np.where(on[:, :, None], rgb, np.array(TABLE, np.float32) * shade[:, :, None])
        sub = L.surface.subsurface(rect)
        pix = pygame.surfarray.pixels3d(sub)
        pix[...] = np.clip(rgb, 0, 255).astype(np.uint8)
        del pix

        # --- pass 2: terrain symbols ---
        surf = L.surface
        surf.set_clip(rect)
        for i in L.symbol_tiles.get((tx, ty), ()):
            _draw_symbol(surf, L.symbols[i], s)

        # --- pass 3: rivers, grid, border ---
        pix = pygame.surfarray.pixels3d(sub)
        arr = pix.astype(np.float32, order="C")
        segs = L.river_tiles.get((tx, ty))
        if segs is not None:
            self._river_pass(arr, segs, x0, y0, w, h, s, on & (style_idx != _STYLES.index("water")))
        self._edge_pass(arr, fi, ek, ed, et, s)
        pix[...] = np.clip(arr, 0, 255).astype(np.uint8)
        del pix

        # --- pass 4: text and places ---
        for i in L.item_tiles.get((tx, ty), ()):
            _draw_item(surf, L.items[i], s)
        surf.set_clip(None)
        L.done[tx, ty] = True
        self.tiles_rendered += 1

    def _river_pass(self, arr, segs, x0, y0, w, h, s, mask) -> None:
        clear = np.full((w, h), 1e6, dtype=np.float32)
        for sx0, sy0, sx1, sy1, w0, w1 in segs:
            reach = max(w0, w1) * 0.5 + 1.5
            ax0 = max(0, int(math.floor(min(sx0, sx1) - reach)) - x0)
            ax1 = min(w, int(math.ceil(max(sx0, sx1) + reach)) - x0 + 1)
            ay0 = max(0, int(math.floor(min(sy0, sy1) - reach)) - y0)
            ay1 = min(h, int(math.ceil(max(sy0, sy1) + reach)) - y0 + 1)
            if ax0 >= ax1 or ay0 >= ay1:
                continue
            gx = np.arange(ax0 + x0, ax1 + x0, dtype=np.float32)[:, None] - sx0
            gy = np.arange(ay0 + y0, ay1 + y0, dtype=np.float32)[None, :] - sy0
            dx, dy = sx1 - sx0, sy1 - sy0
            ll = dx * dx + dy * dy
            if ll > 1e-9:
                tt = np.clip((gx * dx + gy * dy) / ll, 0.0, 1.0)
            else:
                tt = np.zeros((ax1 - ax0, ay1 - ay0), np.float32)
            ex = gx - tt * dx
            ey = gy - tt * dy
            d = np.sqrt(ex * ex + ey * ey) - (w0 + (w1 - w0) * tt) * 0.5
            win = clear[ax0:ax1, ay0:ay1]
            np.minimum(win, d, out=win)
        alpha = np.clip(0.5 - clear, 0.0, 1.0) * mask
        if not alpha.any():
            return
        bank = max(0.6, 0.028 * s)
        inner = np.clip(-clear - bank + 0.5, 0.0, 1.0)[:, :, None]
        bank_rgb = np.array(RIVER_BANK, np.float32)
        col = bank_rgb + (np.array(RIVER, np.float32) - bank_rgb) * inner
        a = alpha[:, :, None]
        arr *= 1.0 - a
        arr += col * a

    def _edge_pass(self, arr, fi, k, d, tpos, s) -> None:
        """Grid, neat line and border, composited onto `arr` (w, h, 3) where they reach."""
        gw = 0.35 if s < 14 else (0.45 if s < 30 else 0.6)
        galpha = 0.22 if s < 12 else (0.32 if s < 20 else 0.40)
        core = float(np.clip(0.055 * s, 1.0, 2.6))
        halo = core + max(1.3, 0.04 * s)
        band = max(halo + 1.0, 0.16 * s)
        kind_all = self._edge_kind[fi * 6 + k]
        dpx_all = d * np.float32(s)
        reach = np.where(kind_all == _E_BORDER, band + 0.5, np.where(kind_all == _E_MAPEDGE, 1.3, gw + 0.5))
        sel = np.nonzero((dpx_all < reach).reshape(-1))[0]
        if not len(sel):
            return
        flat = arr.reshape(-1, 3)
        px = flat[sel]
        kind = kind_all.reshape(-1)[sel]
        dpx = dpx_all.reshape(-1)[sel]
        # the hex grid: thin and low-contrast
        g = np.clip(gw + 0.5 - dpx, 0.0, 1.0) * galpha
        g = np.where((kind == _E_GRID) | (kind == _E_BORDER), g, 0.0)
        px *= (1.0 - g * (1.0 - GRID_DARK))[:, None]
        # the neat line around the map
        nl = np.where(kind == _E_MAPEDGE, np.clip(1.3 - dpx, 0.0, 1.0), 0.0)[:, None]
        px *= 1.0 - nl
        px += np.array(NEATLINE, np.float32) * nl
        # the international border: a faint purple band, a light halo, a bold dash-dot line
        isb = kind == _E_BORDER
        if isb.any():
            tp = tpos.reshape(-1)[sel]
            if s < 14:
                dash = np.clip((0.32 - tp) * s + 0.5, 0.0, 1.0)
            else:
                dot = 0.5 - max(0.045, 1.4 / s)
                dash = np.maximum(np.clip((0.28 - tp) * s + 0.5, 0.0, 1.0), np.clip((tp - dot) * s + 0.5, 0.0, 1.0))
            purple = np.array(style.BORDER_LINE, np.float32)
            light = np.array(HALO, np.float32)
            for width, alpha, colour in ((band, 0.16, purple), (halo, 0.72, light), (core, dash, purple)):
                a = np.where(isb, np.clip(width + 0.5 - dpx, 0.0, 1.0) * alpha, 0.0)[:, None]
                px *= 1.0 - a
                px += colour * a
        flat[sel] = px

    # --- per-level layout: symbols, rivers, labels ---------------------------------------------

    def _bucket(self, L: _Level, bbox: tuple[float, float, float, float], index: int, into: dict) -> None:
        x0, y0, x1, y1 = bbox
        tx0 = max(0, int(x0 // _TILE))
        ty0 = max(0, int(y0 // _TILE))
        tx1 = min(L.tiles_x - 1, int(x1 // _TILE))
        ty1 = min(L.tiles_y - 1, int(y1 // _TILE))
        for tx in range(tx0, tx1 + 1):
            for ty in range(ty0, ty1 + 1):
                into.setdefault((tx, ty), []).append(index)

    def _symbol_candidates(self, st: str, cell: float):
        """Where a style's symbols go, in map units, with their random parameters: a
        jittered grid over the map, kept where the (wobbled) terrain is that style and
        far enough from the region's edge. Cached: the same for every level that uses
        this cell size."""
        key = (st, round(cell, 4))
        got = self._candidates.get(key)
        if got is not None:
            return got
        spec = _SYMBOLS[st]
        sid = _STYLES.index(st)
        nx = int((self._x1 - self._x0) / cell) + 2
        ny = int((self._y1 - self._y0) / cell) + 2
        rng = np.random.default_rng(1000 + sid * 97 + int(round(cell * 1000)))
        jit = spec.get("jitter", 0.8)
        gx = self._x0 + (np.arange(nx)[:, None] + 0.5 + jit * (rng.random((nx, ny)) - 0.5)) * cell
        gy = self._y0 + (np.arange(ny)[None, :] + 0.5 + jit * (rng.random((nx, ny)) - 0.5)) * cell
        keep = rng.random((nx, ny)) < spec["keep"]
        params = rng.random((nx, ny, 3))
        # only cells in or next to a hex of this style can hold its symbols
        q, r, _, _ = _axial(gx, gy)
        near = self._style_of_type[self._terr[self._flat(q, r)]] == sid
        for k in range(6):
            near |= self._style_of_type[self._terr[self._nb[self._flat(q, r) * 6 + k]]] == sid
        cand = keep & near
        gx, gy, params = gx[cand], gy[cand], params[cand]
        t, on, dist, _, (_, _, lx, ly) = self._terrain_field(gx, gy)
        ok = on & (self._style_of_type[t] == sid) & (dist >= spec["clear"])
        xs, ys, ps = gx[ok], gy[ok], params[ok]
        # room for the hex number at the top of each hex: no symbol reaches into the box
        # |x| < 0.3, y < -0.58 (map units, from the hex centre)
        up, down, half = _SYMBOL_BOX.get(st, (0.15, 0.15, 0.15))
        lxo, lyo = lx[ok], ly[ok]
        free_top = ~((lyo - up < -0.58) & (np.abs(lxo) - half < 0.3))
        if st == "farmland":
            angles = self._river_angles(xs, ys)
        else:
            angles = np.zeros(len(xs))
        got = (xs, ys, ps, angles, free_top)
        self._candidates[key] = got
        return got

    def _prepare_symbols(self, L: _Level) -> None:
        s = L.size
        present = {t.style for t in self._types}
        records: list[tuple] = []
        for st, spec in _SYMBOLS.items():
            if st not in present or s < spec["min_size"]:
                continue
            cell = max(spec["cell"], spec["min_px"] / s)
            xs, ys, ps, angles, free_top = self._symbol_candidates(st, cell)
            if s >= 26:
                xs, ys, ps, angles = xs[free_top], ys[free_top], ps[free_top], angles[free_top]
            X = (L.ox + xs * s).tolist()
            Y = (L.oy + ys * s).tolist()
            P = ps.tolist()
            A = angles.tolist()
            records.extend((st, X[n], Y[n], P[n][0], P[n][1], P[n][2], A[n]) for n in range(len(X)))
        # back to front, so peaks and humps overlap the way they should
        records.sort(key=lambda r: (r[2], r[1]))
        L.symbols = records
        L.symbol_tiles = {}
        for i, rec in enumerate(records):
            e = _symbol_extent(rec[0], s) + 2
            self._bucket(L, (rec[1] - e, rec[2] - e, rec[1] + e, rec[2] + e), i, L.symbol_tiles)

    def _river_angles(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """Fields run along the nearest river; far from rivers, along a slowly turning
        direction, so neighbouring fields line up."""
        drift = self._mottle(xs, ys) * 1.4 + 0.3
        if not self._rivers or not len(xs):
            return drift
        pts = np.vstack([r.curve for r in self._rivers])
        tan = np.vstack([np.gradient(r.curve, axis=0) for r in self._rivers])
        out = np.empty(len(xs))
        for i0 in range(0, len(xs), 256):
            bx = xs[i0 : i0 + 256, None] - pts[None, :, 0]
            by = ys[i0 : i0 + 256, None] - pts[None, :, 1]
            d2 = bx * bx + by * by
            j = np.argmin(d2, axis=1)
            dmin = np.sqrt(d2[np.arange(len(j)), j])
            ang = np.arctan2(tan[j, 1], tan[j, 0])
            out[i0 : i0 + 256] = np.where(dmin > 5.0, drift[i0 : i0 + 256], ang)
        return out

    def _river_width(self, s: float) -> float:
        return 1.1 + 0.14 * s

    def _prepare_rivers(self, L: _Level) -> None:
        s = L.size
        base = self._river_width(s)
        tiles: dict[tuple[int, int], list] = {}
        for river in self._rivers:
            P = np.column_stack([L.ox + river.curve[:, 0] * s, L.oy + river.curve[:, 1] * s])
            W = river.width * base
            for i in range(len(P) - 1):
                x0, y0 = P[i]
                x1, y1 = P[i + 1]
                seg = (x0, y0, x1, y1, W[i], W[i + 1])
                e = max(W[i], W[i + 1]) / 2 + 2
                bx0, by0 = min(x0, x1) - e, min(y0, y1) - e
                bx1, by1 = max(x0, x1) + e, max(y0, y1) + e
                for tx in range(max(0, int(bx0 // _TILE)), min(L.tiles_x - 1, int(bx1 // _TILE)) + 1):
                    for ty in range(max(0, int(by0 // _TILE)), min(L.tiles_y - 1, int(by1 // _TILE)) + 1):
                        tiles.setdefault((tx, ty), []).append(seg)
        L.river_tiles = {k: np.array(v, dtype=np.float64) for k, v in tiles.items()}

    def _prepare_items(self, L: _Level) -> None:
        """Lay out the text and place symbols of a level: hex numbers, places, rivers'
        and countries' names, each placed clear of the others."""
        s = L.size
        items: list[tuple] = []
        taken: list[pygame.Rect] = []
        lay = Layout(s, (L.ox, L.oy))
        bounds = pygame.Rect(L.map_rect)

        def free(r: pygame.Rect) -> bool:
            return bounds.contains(r) and r.collidelist(taken) < 0

        # hex numbers
        if s >= 26:
            f = style.font(max(8, int(round(0.2 * s))), condensed=True)
            cache: dict[str, pygame.Surface] = {}
            for h in self.rules.terrain:
                name = hexgrid.ccrr(h)
                img = cache.get(name)
                if img is None:
                    img = f.render(name, True, HEX_NUMBER)
                    img.set_alpha(190)
                    cache[name] = img
                cx, cy = lay.hex_to_pixel(h)
                r = img.get_rect(midtop=(round(cx), round(cy - s * _APOTHEM + max(1.0, 0.05 * s))))
                items.append(("img", img, r))

        # places: symbols first (they are obstacles for every label), then names by priority
        places = [p for p in self.rules.scenario.map.places if self._shows_place(p, s)]
        places.sort(key=lambda p: (PLACE_PRIORITY.get(p.kind, 9), -p.population, p.name))
        symbol_rects = []
        for p in places:
            h = hexgrid.parse_ccrr(p.hex)
            cx, cy = lay.hex_to_pixel(h)
            pos, angle = (cx, cy), 0.0
            if p.kind == "crossing":
                pos, angle = self._crossing_spot(h, lay)
            rad = _place_radius(p, s)
            r = pygame.Rect(0, 0, int(2 * rad + 2), int(2 * rad + 2))
            r.center = (int(round(pos[0])), int(round(pos[1])))
            symbol_rects.append(r)
            items.append(("place", (p.kind, pos[0], pos[1], p.population, angle), r))
        taken.extend(symbol_rects)
        for p in places:
            if not self._names_place(p, s):
                continue
            h = hexgrid.parse_ccrr(p.hex)
            cx, cy = lay.hex_to_pixel(h)
            img = _place_label(p, s)
            rad = _place_radius(p, s)
            cands = self._label_spots(cx, cy, s, rad, img.get_size())
            chosen = None
            for r in cands:
                if free(r):
                    chosen = r
                    break
            if chosen is None and p.kind == "city":
                chosen = cands[0]
            if chosen is not None:
                taken.append(chosen.inflate(-2, -2))
                items.append(("img", img, chosen))

        # river names, along the river
        if s >= 16:
            for river in self._rivers:
                for img, r in self._river_labels(river, L, s, free, taken):
                    taken.append(r.inflate(-4, -4))
                    items.append(("img", img, r))

        # country names
        if len(self._countries) > 1:
            if s <= 16:
                items.extend(self._country_labels(L, s, free, taken))
            else:
                items.extend(self._border_labels(L, s, free, taken))

        # country names go under everything else
        order = sorted(range(len(items)), key=lambda i: 0 if items[i][0] == "country" else 1)
        items = [items[i] for i in order]
        L.items = items
        L.item_tiles = {}
        for i, (_, _, r) in enumerate(items):
            self._bucket(L, (r.left - 1, r.top - 1, r.right + 1, r.bottom + 1), i, L.item_tiles)

    @staticmethod
    def _shows_place(p, s: float) -> bool:
        if s < 12:
            return p.kind == "city"
        if s < 22:
            return p.kind in ("city", "town", "air_base")
        return True

    @staticmethod
    def _names_place(p, s: float) -> bool:
        if s < 9:
            return p.kind == "city" and p.population >= 3
        return True

    def _label_spots(self, cx: float, cy: float, s: float, rad: float, size: tuple[int, int]) -> list[pygame.Rect]:
        w, h = size
        out = []
        if s >= 22:
            # below-right of the centre, where counters leave room; then the other corners
            dx, dy = 0.08 * s, 0.36 * s
            spots = [("topleft", cx + dx, cy + dy), ("topright", cx - dx, cy + dy),
                     ("bottomleft", cx + dx, cy - dy), ("bottomright", cx - dx, cy - dy),
                     ("midtop", cx, cy + dy), ("midleft", cx + 0.62 * s, cy)]
        else:
            g = rad + 2
            spots = [("midleft", cx + g, cy), ("midright", cx - g, cy), ("midbottom", cx, cy - g + 1),
                     ("midtop", cx, cy + g - 1), ("bottomleft", cx + g * 0.7, cy - g * 0.5),
                     ("topleft", cx + g * 0.7, cy + g * 0.5), ("bottomright", cx - g * 0.7, cy - g * 0.5),
                     ("topright", cx - g * 0.7, cy + g * 0.5)]
        for anchor, x, y in spots:
            r = pygame.Rect(0, 0, w, h)
            setattr(r, anchor, (int(round(x)), int(round(y))))
            out.append(r)
        return out

    def _crossing_spot(self, h: Hex, lay: Layout) -> tuple[tuple[float, float], float]:
        """A border crossing sits on the hex's border edge, across the border."""
        mine = self.rules.country.get(h)
        cx, cy = lay.hex_to_pixel(h)
        edges = []
        for k, n in enumerate(h.neighbours()):
            other = self.rules.country.get(n)
            if other is not None and other != mine:
                edges.append(k)
        if not edges:
            return (cx, cy), 0.0
        # prefer the edge toward a neighbouring place (the town across the border)
        k = edges[0]
        for e in edges:
            if self.rules.places_at.get(h.neighbours()[e]):
                k = e
                break
        nx, ny = _NORMALS[k]
        return (cx + nx * _APOTHEM * lay.size, cy + ny * _APOTHEM * lay.size), math.atan2(ny, nx)

    def _river_labels(self, river: _River, L: _Level, s: float, free, taken):
        size = int(np.clip(0.24 * s + 5, 11, 18))
        f = style.italic_font(size)
        base = style.text_with_halo(river.name, f, RIVER_TEXT, HALO, 2 if size >= 13 else 1)
        P = np.column_stack([L.ox + river.curve[:, 0] * s, L.oy + river.curve[:, 1] * s])
        seg = np.hypot(*np.diff(P, axis=0).T)
        along = np.concatenate([[0.0], np.cumsum(seg)])
        total = along[-1]
        length = base.get_width() + 6
        if total < length * 1.4:
            return []
        spacing = max(900.0, 16 * s)
        out = []
        a = length * 0.6 + 2.2 * s
        last = -1e9
        rw = self._river_width(s) * 0.5
        while a < total - length * 0.6:
            if a - last < spacing:
                a += 0.4 * s
                continue
            i0 = int(np.searchsorted(along, a - length / 2))
            i1 = int(np.searchsorted(along, a + length / 2))
            i1 = min(i1, len(P) - 1)
            chord = P[i1] - P[i0]
            cl = float(np.hypot(*chord))
            if cl < 1e-6:
                a += 0.4 * s
                continue
            nrm = np.array([-chord[1], chord[0]]) / cl
            dev = np.abs((P[i0 : i1 + 1] - P[i0]) @ nrm)
            if dev.max() > 0.35 * base.get_height() or cl < 0.9 * length:
                a += 0.4 * s
                continue
            ang = math.degrees(math.atan2(chord[1], chord[0]))
            if ang > 90:
                ang -= 180
            elif ang < -90:
                ang += 180
            rad = math.radians(ang)
            up = np.array([math.sin(rad), -math.cos(rad)])  # the text's "up" on screen
            mid = (P[i0] + P[i1]) / 2
            img = pygame.transform.rotozoom(base, -ang, 1.0)
            placed = False
            for side in (1.0, -1.0):
                off = side * (rw + base.get_height() * 0.5 + 1)
                c = mid + up * off
                # the curve's sag at the middle: keep clear of it
                r = img.get_rect(center=(int(round(c[0])), int(round(c[1]))))
                # clear of other labels by a hex or so: a river's name is not a town's
                if free(r.inflate(-6, -6)) and r.inflate(int(2 * s), int(s)).collidelist(taken) < 0:
                    out.append((img, r))
                    last = a
                    placed = True
                    break
            a += (length if placed else 0.4 * s)
        return out

    def _country_distance(self) -> dict[Hex, int]:
        """Steps from each hex to the nearest hex of another country or off the map."""
        if self._cdist is not None:
            return self._cdist
        dist: dict[Hex, int] = {}
        frontier = []
        for h, c in self.rules.country.items():
            for n in h.neighbours():
                if self.rules.country.get(n) != c:
                    dist[h] = 1
                    frontier.append(h)
                    break
        while frontier:
            nxt = []
            for h in frontier:
                c = self.rules.country[h]
                for n in h.neighbours():
                    if n in self.rules.country and n not in dist and self.rules.country[n] == c:
                        dist[n] = dist[h] + 1
                        nxt.append(n)
            frontier = nxt
        self._cdist = dist
        return dist

    def _busy_hexes(self) -> dict[Hex, int]:
        """How much each hex already carries on the map (rivers, lakes, towns, relief), so
        the big country names go where the map is empty."""
        busy: dict[Hex, int] = {}
        for h, t in self.rules.terrain.items():
            w = _BUSY.get(t.style, 0)
            if w:
                busy[h] = w
        for river in self.rules.scenario.map.rivers:
            for n in river.hexes:
                h = hexgrid.parse_ccrr(n)
                busy[h] = busy.get(h, 0) + 3
        for p in self.rules.scenario.map.places:
            h = hexgrid.parse_ccrr(p.hex)
            busy[h] = busy.get(h, 0) + 4
        return busy

    def _country_labels(self, L: _Level, s: float, free, taken) -> list[tuple]:
        lay = Layout(s, (L.ox, L.oy))
        dist = self._country_distance()
        busy = self._busy_hexes()
        out = []
        countries = self.rules.scenario.map.countries
        for cid in self._countries:
            hexes = [h for h, c in self.rules.country.items() if c == cid]
            if not hexes:
                continue
            n = len(hexes)
            deep = max(dist.get(h, 0) for h in hexes)
            small = n < 60
            if small:
                size, alpha = int(np.clip(1.1 * s, 9, 12)), 150
            else:
                size, alpha = int(np.clip(math.sqrt(n) * s * 0.13, 10, 56)), 84
                size = int(min(size, max(10, deep * s * 0.9)))
            img = _spaced_caps(countries[cid].name.upper(), size, COUNTRY_TEXT, alpha)
            cx0 = sum(lay.hex_to_pixel(h)[0] for h in hexes) / n
            cy0 = sum(lay.hex_to_pixel(h)[1] for h in hexes) / n
            need = min(deep, 3 if not small else 1)
            # clutter under a label: summed over a block of columns and rows (integral image)
            grid = np.zeros((self.columns + 1, self.rows + 1))
            for h, c in self.rules.country.items():
                col, row = hexgrid.to_offset(h)
                grid[col + 1, row + 1] = busy.get(h, 0) + (6 if c != cid else 0)
            integral = grid.cumsum(0).cumsum(1)
            half_c = int(math.ceil((img.get_width() / 2 + s) / (1.5 * s)))
            half_r = int(math.ceil((img.get_height() / 2 + s) / (SQRT3 * s)))
            best = None
            for h in hexes:
                if dist.get(h, 0) < need:
                    continue
                cx, cy = lay.hex_to_pixel(h)
                r = img.get_rect(center=(int(cx), int(cy)))
                if not free(r):
                    continue
                col, row = hexgrid.to_offset(h)
                c0, c1 = max(0, col - half_c), min(self.columns, col + half_c + 1)
                r0, r1 = max(0, row - half_r), min(self.rows, row + half_r + 1)
                clutter = integral[c1, r1] - integral[c0, r1] - integral[c1, r0] + integral[c0, r0]
                score = (clutter, math.hypot(cx - cx0, cy - cy0))
                if best is None or score < best[0]:
                    best = (score, r)
            if best is None:
                continue
            taken.append(best[1])
            out.append(("country", img, best[1]))
        return out

    def _border_labels(self, L: _Level, s: float, free, taken) -> list[tuple]:
        """At close zooms, small country names in pairs on both sides of the border."""
        lay = Layout(s, (L.ox, L.oy))
        countries = self.rules.scenario.map.countries
        size = int(np.clip(0.2 * s + 3, 9, 15))
        imgs = {c: _spaced_caps(countries[c].name.upper(), size, COUNTRY_TEXT, alpha=150) for c in self._countries}
        pairs = []
        for h in sorted(self.rules.country, key=lambda h: hexgrid.to_offset(h)[::-1]):
            c = self.rules.country[h]
            for k, n in enumerate(h.neighbours()):
                c2 = self.rules.country.get(n)
                if c2 is not None and c2 != c and k in (0, 1, 2):
                    pairs.append((h, n, k))
        out = []
        chosen: list[Hex] = []
        spacing = max(6, int(round(620 / s)))
        for h, n, k in pairs:
            if any(hexgrid.distance(h, o) < spacing for o in chosen):
                continue
            ax, ay = lay.hex_to_pixel(h)
            bx, by = lay.hex_to_pixel(n)
            mx, my = (ax + bx) / 2, (ay + by) / 2
            ux, uy = (ax - bx) / (SQRT3 * s), (ay - by) / (SQRT3 * s)
            rects = []
            for cid, sign in ((self.rules.country[h], 1), (self.rules.country[n], -1)):
                img = imgs[cid]
                off = 0.32 * s + img.get_height() * 0.6 + abs(ux) * img.get_width() * 0.5
                r = img.get_rect(center=(int(mx + sign * ux * off), int(my + sign * uy * off)))
                rects.append((img, r))
            if all(free(r) for _, r in rects):
                for img, r in rects:
                    out.append(("country", img, r))
                    taken.append(r)
                chosen.append(h)
        return out

    # --- highlights ---------------------------------------------------------------------------

    def fill_hexes(self, surface: pygame.Surface, hexes: Iterable[Hex], rgba, outline_rgba=None) -> None:
        key_hexes = hexes if isinstance(hexes, frozenset) else frozenset(hexes)
        key = (key_hexes, tuple(rgba), tuple(outline_rgba) if outline_rgba is not None else None, self.level)
        got = self._highlights.get(key)
        if got is None:
            got = self._build_highlight(key_hexes, tuple(rgba), outline_rgba)
            self._highlights[key] = got
            while len(self._highlights) > self.HIGHLIGHT_CACHE:
                self._highlights.popitem(last=False)
        else:
            self._highlights.move_to_end(key)
        img, lx, ly = got
        if img is None:
            return
        bx, by = self._blit_pos()
        old = surface.get_clip()
        surface.set_clip(self.viewport.clip(old))
        surface.blit(img, (bx + lx, by + ly))
        surface.set_clip(old)

    def _build_highlight(self, hexes: frozenset, rgba, outline_rgba):
        L = self._lvl()
        s = L.size
        hexes = [h for h in hexes if h in self.rules.terrain]
        if not hexes:
            return (None, 0, 0)
        lay = Layout(s, (L.ox, L.oy))
        cs = [lay.hex_to_pixel(h) for h in hexes]
        x0 = int(math.floor(min(c[0] for c in cs) - s)) - 1
        x1 = int(math.ceil(max(c[0] for c in cs) + s)) + 2
        y0 = int(math.floor(min(c[1] for c in cs) - s * _APOTHEM)) - 1
        y1 = int(math.ceil(max(c[1] for c in cs) + s * _APOTHEM)) + 2
        w, h = x1 - x0, y1 - y0
        sel = np.zeros(len(self._terr), dtype=bool)
        for hx in hexes:
            sel[int(self._flat(np.array(hx[0]), np.array(hx[1])))] = True
        X = (np.arange(x0, x1, dtype=np.float64)[:, None] - L.ox) / s
        Y = (np.arange(y0, y1, dtype=np.float64)[None, :] - L.oy) / s
        X, Y = np.broadcast_arrays(X, Y)
        q, r, lx, ly = _axial(X, Y)
        fi = self._flat(q, r)
        inside = sel[fi]
        alpha = np.where(inside, float(rgba[3] if len(rgba) > 3 else 255), 0.0)
        rgb = np.zeros((w, h, 3), np.float32)
        rgb[...] = np.array(rgba[:3], np.float32)
        if outline_rgba is not None:
            k, d, _ = _nearest_edge(lx, ly)
            edge = inside & ~sel[self._nb[fi * 6 + k]]
            ow = max(1.5, 0.06 * s)
            oa = np.where(edge, np.clip(ow + 0.5 - d * s, 0.0, 1.0), 0.0)
            o_alpha = float(outline_rgba[3] if len(outline_rgba) > 3 else 255)
            a_out = oa * o_alpha + (1 - oa) * alpha
            t = np.where(a_out > 0, oa * o_alpha / np.maximum(a_out, 1e-6), 0.0)[:, :, None]
            rgb = rgb * (1 - t) + np.array(outline_rgba[:3], np.float32) * t
            alpha = a_out
        img = pygame.Surface((w, h), pygame.SRCALPHA)
        p3 = pygame.surfarray.pixels3d(img)
        p3[...] = np.clip(rgb, 0, 255).astype(np.uint8)
        del p3
        pa = pygame.surfarray.pixels_alpha(img)
        pa[...] = np.clip(alpha, 0, 255).astype(np.uint8)
        del pa
        return (img, x0, y0)

    def outline_hex(self, surface: pygame.Surface, h: Hex, colour, width: int = 2) -> None:
        """A hex's outline, drawn as six mitred quads (clean corners at any width)."""
        cx, cy = self.centre(h)
        s = self.size
        # the ring straddles the edge: its apothem grows and shrinks by width / 2
        grow = width / 2.0 / _APOTHEM
        outer = [(cx + (s + grow) * c, cy + (s + grow) * sn) for c, sn in _CORNERS]
        inner = [(cx + (s - grow) * c, cy + (s - grow) * sn) for c, sn in _CORNERS]
        old = surface.get_clip()
        surface.set_clip(self.viewport.clip(old))
        if width <= 1:
            pygame.draw.aalines(surface, colour, True, self.hex_polygon(h))
        else:
            for i in range(6):
                j = (i + 1) % 6
                pygame.draw.polygon(surface, colour, [outer[i], outer[j], inner[j], inner[i]])
        surface.set_clip(old)

    # --- legend ------------------------------------------------------------------------------

    def legend_surface(self) -> pygame.Surface:
        if self._legend is None:
            self._legend = self._build_legend()
        return self._legend

    def _build_legend(self) -> pygame.Surface:
        f = style.font(12)
        fh = style.font(11, bold=True)
        rows: list[tuple[str, str, object]] = [("head", "TERRAIN", None)]
        for t in self._types:
            rows.append(("terrain", t.name, t))
        lines = []
        if self._rivers:
            lines.append(("river", "River", None))
        if self._has_border:
            lines.append(("border", "International border", None))
        if lines:
            rows.append(("head", "LINES", None))
            rows.extend(lines)
        kinds = []
        for p in self.rules.scenario.map.places:
            if p.kind not in kinds:
                kinds.append(p.kind)
        if kinds:
            rows.append(("head", "PLACES", None))
        for k in sorted(kinds, key=lambda k: PLACE_PRIORITY.get(k, 9)):
            rows.append(("place", _PLACE_NAMES.get(k, k), k))
        # two columns (terrain | lines and places), so the legend stays short enough
        # to leave most of a 720-pixel board visible
        split = next(i for i, r in enumerate(rows) if i and r[0] == "head")
        columns = [rows[:split], rows[split:]]
        icon_w, row_h, head_h, pad, gap = 30, 19, 17, 8, 14
        widths = [icon_w + 6 + max(f.size(r[1])[0] for r in col if r[0] != "head") for col in columns]
        w = pad * 2 + sum(widths) + gap
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
                    text = fh.render(label, True, style.INK_SOFT)
                    img.blit(text, (x0, y + 2))
                    y += head_h
                    continue
                cy = y + row_h // 2
                cx = x0 + icon_w // 2
                if kind == "terrain":
                    _legend_terrain(img, cx, cy, data)
                elif kind == "river":
                    pts = [(cx - 14 + i, cy + 3 * math.sin(i / 5.0)) for i in range(29)]
                    pygame.draw.lines(img, RIVER_BANK, False, pts, 4)
                    pygame.draw.lines(img, RIVER, False, pts, 2)
                elif kind == "border":
                    pygame.draw.line(img, HALO, (cx - 14, cy), (cx + 14, cy), 7)
                    for a, b in ((-14, -5), (-2, 1), (4, 14)):
                        pygame.draw.line(img, style.BORDER_LINE, (cx + a, cy), (cx + b, cy), 3)
                else:
                    _draw_place_symbol(img, data, cx, cy, 26.0, 3 if data == "city" else 1, 0.0)
                img.blit(f.render(label, True, style.INK), (x0 + icon_w + 6, cy - f.get_height() // 2))
                y += row_h
            x0 += col_w + gap
        return img


# --- drawing helpers -----------------------------------------------------------------------------

_CORNERS = [(math.cos(math.radians(60 * i)), math.sin(math.radians(60 * i))) for i in range(6)]


def _symbol_extent(st: str, s: float) -> float:
    return {
        "steppe": 0.12,
        "farmland": 0.28,
        "urban": 0.1,
        "hills": 0.24,
        "mountains": 0.34,
        "water": 0.16,
        "marsh": 0.16,
        "forest": 0.1,
    }.get(st, 0.3) * s + 2


def _rot(x: float, y: float, c: float, sn: float) -> tuple[float, float]:
    return x * c - y * sn, x * sn + y * c


def _poly(surf, colour, pts) -> None:
    if len(pts) >= 3:
        pygame.gfxdraw.filled_polygon(surf, pts, colour)
        pygame.gfxdraw.aapolygon(surf, pts, colour)


def _draw_symbol(surf: pygame.Surface, rec: tuple, s: float) -> None:
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
        fill = _FIELDS[int(c * len(_FIELDS)) % len(_FIELDS)]
        hw, hh = lw / 2, lh / 2
        corners = [_rot(dx, dy, co, sn) for dx, dy in ((-hw, -hh), (hw, -hh), (hw, hh), (-hw, hh))]
        pts = [(x + px, y + py) for px, py in corners]
        _poly(surf, fill, pts)
        if s >= 22:
            rows = 3 if s >= 40 else 2
            dark = _shade(fill, 0.9)
            for i in range(1, rows + 1):
                f = -0.5 + i / (rows + 1)
                p0 = _rot(-lw / 2 + 1.5, f * lh, co, sn)
                p1 = _rot(lw / 2 - 1.5, f * lh, co, sn)
                pygame.draw.aaline(surf, dark, (x + p0[0], y + p0[1]), (x + p1[0], y + p1[1]))
    elif st == "urban":
        if a > 0.9:
            return
        bw = 0.1 * s * (0.8 + 0.35 * b)
        bh = 0.1 * s * (0.8 + 0.35 * c)
        r = pygame.Rect(0, 0, max(2, int(round(bw))), max(2, int(round(bh))))
        r.center = (int(round(x)), int(round(y)))
        col = (128, 118, 110) if a < 0.55 else (150, 140, 130)
        pygame.draw.rect(surf, col, r)
        if s >= 30:
            pygame.draw.rect(surf, (104, 96, 90), r, 1)
    elif st == "hills":
        hw = max(3.0, 0.2 * s) * (0.8 + 0.4 * a)
        hh = hw * (0.5 + 0.15 * b)
        n = 9
        arc = [(x - hw * math.cos(math.pi * i / (n - 1)), y - hh * math.sin(math.pi * i / (n - 1))) for i in range(n)]
        light, dark, ink = (222, 196, 150), (176, 140, 96), (132, 96, 58)
        mid = n // 2
        _poly(surf, light, arc[: mid + 1] + [(x, y)])
        _poly(surf, dark, arc[mid:] + [(x, y)])
        pygame.draw.aalines(surf, ink, False, arc)
        if s >= 30:
            pygame.draw.aalines(surf, ink, False, arc)
    elif st == "mountains":
        hw = max(3.5, 0.25 * s) * (0.8 + 0.4 * a)
        hh = hw * (0.95 + 0.35 * b)
        apex = (x + (c - 0.5) * hw * 0.3, y - hh)
        left, right = (x - hw, y), (x + hw, y)
        foot = (x + (c - 0.2) * hw * 0.3, y)
        _poly(surf, (206, 190, 164), [left, apex, foot])
        _poly(surf, (134, 114, 92), [apex, right, foot])
        ink = (88, 68, 50)
        pygame.draw.aalines(surf, ink, False, [left, apex, right])
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


_FIELDS = ((156, 194, 116), (172, 204, 128), (188, 204, 136), (148, 186, 110), (166, 198, 122), (198, 202, 140))


def _place_radius(p, s: float) -> float:
    if p.kind == "city":
        return max(2.5, (0.07 + 0.022 * p.population) * s) + 1
    if p.kind == "town":
        return max(2.0, 0.06 * s + 0.4 * p.population) + 1
    if p.kind == "air_base":
        return max(5.0, 0.2 * s)
    if p.kind == "crossing":
        return max(4.0, 0.26 * s)
    return max(4.0, 0.13 * s)


def _place_label(p, s: float) -> pygame.Surface:
    if p.kind == "city":
        size = int(np.clip(0.2 * s + 8 + p.population, 11, 19))
        f = style.font(size, bold=True)
    elif p.kind == "landmark":
        size = int(np.clip(0.2 * s + 5, 10, 15))
        return style.text_with_halo(p.name, style.italic_font(size), LANDMARK, HALO, 2 if size >= 12 else 1)
    else:
        size = int(np.clip(0.16 * s + 9, 11, 15))
        f = style.font(size, condensed=p.kind in ("air_base", "crossing"))
    return style.text_with_halo(p.name, f, PLACE_INK, HALO, 2 if size >= 12 else 1)


def _spaced_caps(text: str, size: int, colour, alpha: int = 84) -> pygame.Surface:
    f = style.font(size, bold=True)
    track = max(1, int(size * 0.42))
    glyphs = [f.render(ch, True, colour) for ch in text]
    w = sum(g.get_width() for g in glyphs) + track * (len(glyphs) - 1)
    img = pygame.Surface((max(1, w), f.get_height()), pygame.SRCALPHA)
    x = 0
    for g in glyphs:
        img.blit(g, (x, 0))
        x += g.get_width() + track
    img.set_alpha(alpha)
    return img


_PLANE = [(0.0, -1.0), (0.12, -0.8), (0.12, -0.28), (0.95, 0.18), (0.95, 0.36), (0.12, 0.12), (0.1, 0.62),
          (0.4, 0.84), (0.4, 0.98), (0.0, 0.88)]


def _draw_place_symbol(surf: pygame.Surface, kind: str, x: float, y: float, s: float, pop: int, angle: float) -> None:
    ink = PLACE_INK
    if kind == "city":
        side = max(5, int(round((0.14 + 0.045 * pop) * s)))
        r = pygame.Rect(0, 0, side, side)
        r.center = (int(round(x)), int(round(y)))
        pygame.draw.rect(surf, HALO, r.inflate(4, 4))
        pygame.draw.rect(surf, ink, r)
        if pop >= 4 and side >= 8:
            pygame.draw.rect(surf, HALO, r.inflate(-4, -4), 1)
    elif kind == "town":
        rad = max(2.0, 0.06 * s + 0.4 * pop)
        pygame.draw.circle(surf, HALO, (x, y), rad + 1.6)
        pygame.draw.circle(surf, ink, (x, y), rad)
        pygame.draw.aacircle(surf, ink, (x, y), rad)
    elif kind == "air_base":
        k = max(5.0, 0.2 * s)
        co, sn = math.cos(math.radians(45)), math.sin(math.radians(45))
        half = _PLANE + [(-px, py) for px, py in reversed(_PLANE[1:-1])]
        pts = [(x + _rot(px * k, py * k, co, sn)[0], y + _rot(px * k, py * k, co, sn)[1]) for px, py in half]
        for dx, dy in ((-1.5, 0), (1.5, 0), (0, -1.5), (0, 1.5), (-1, -1), (1, 1), (-1, 1), (1, -1)):
            pygame.gfxdraw.filled_polygon(surf, [(px + dx, py + dy) for px, py in pts], HALO)
        _poly(surf, (24, 40, 72), pts)
    elif kind == "crossing":
        k = max(4.0, 0.26 * s)
        co, sn = math.cos(angle), math.sin(angle)
        th = max(2, int(round(0.075 * s)))
        a = (x - co * k, y - sn * k)
        b = (x + co * k, y + sn * k)
        cap = k * 0.45
        caps = [((p[0] - sn * cap, p[1] + co * cap), (p[0] + sn * cap, p[1] - co * cap)) for p in (a, b)]
        for width, colour in ((th + 3, HALO), (th, ink)):
            pygame.draw.line(surf, colour, a, b, width)
            for p0, p1 in caps:
                pygame.draw.line(surf, colour, p0, p1, width)
    else:  # landmark
        k = max(4.0, 0.13 * s)
        pts = [(x, y - k), (x + k * 0.95, y + k * 0.65), (x - k * 0.95, y + k * 0.65)]
        big = [(x, y - k - 2), (x + k * 0.95 + 2, y + k * 0.65 + 1.2), (x - k * 0.95 - 2, y + k * 0.65 + 1.2)]
        _poly(surf, HALO, big)
        _poly(surf, LANDMARK, pts)


def _draw_item(surf: pygame.Surface, item: tuple, s: float) -> None:
    kind, payload, rect = item
    if kind == "place":
        k, x, y, pop, angle = payload
        _draw_place_symbol(surf, k, x, y, s, pop, angle)
    else:
        surf.blit(payload, rect)


def _legend_terrain(img: pygame.Surface, cx: int, cy: int, t) -> None:
    """A small hex of a terrain with its symbol, for the legend."""
    s = 10.0
    pts = [(cx + s * c, cy + s * sn) for c, sn in _CORNERS]
    colour = _hex_rgb(t.colour)
    pygame.draw.polygon(img, colour, pts)
    clip = img.get_clip()
    img.set_clip(pygame.Rect(cx - 8, cy - 8, 17, 17))
    if t.style == "desert":
        for dx, dy in ((-5, -3), (-1, -5), (3, -2), (-3, 1), (1, 2), (5, 1), (-1, 5), (4, 5), (-6, 4)):
            img.set_at((cx + dx, cy + dy), _shade(colour, 0.74))
    elif t.style == "farmland":
        fields = (((-7, -6, 7, 4), 2), ((1, -5, 6, 4), 0), ((-6, -1, 6, 4), 4), ((1, 0, 7, 4), 5), ((-4, 4, 8, 3), 1))
        for (dx, dy, w, h), k in fields:
            pygame.draw.rect(img, _FIELDS[k], (cx + dx, cy + dy, w, h))
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
            _draw_symbol(img, (t.style, cx + dx, cy + dy, 0.5, 0.5, 0.5, 0.3), size)
    img.set_clip(clip)
    pygame.draw.aalines(img, style.INK_SOFT, True, pts)

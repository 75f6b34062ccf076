"""The map as arrays: terrain, countries, neighbours and edges, indexed by hex.

Tile passes look up a hex's terrain or edge for every pixel, so the rulebook's
dictionaries are turned once into flat numpy arrays over the map padded by one
ring of off-map hexes (a neighbour lookup never falls off the array). Built with
array operations rather than loops over hexes: the first frame waits for this.
"""

from __future__ import annotations

import math
from functools import cached_property

import numpy as np

from ... import hexgrid
from ...hexgrid import SQRT3
from ...rules.rulebook import Rulebook
from .colours import STYLES, TABLE
from ...resources import assets_dir
from .geometry import APOTHEM, NB_X, NB_Y, TILE, ValueNoise, axial, axial_grid, hex_rgb, paper_grain

# edge kinds, per hex and direction
E_NONE, E_GRID, E_BORDER, E_MAPEDGE = 0, 1, 2, 3

ROUND_SIGMA = 0.62  # how much region corners are rounded (see MapTables.terrain_field)


GRAIN_FILE = "paper-grain.npy"


class MapTables:
    """The rulebook's map, as arrays the per-pixel passes can index."""

    def __init__(self, rules: Rulebook):
        self.rules = rules
        C, R = self.columns, self.rows = rules.columns, rules.rows
        self.pr = R + 2  # padded rows: flat index = (col + 1) * pr + (row + 1)
        n = (C + 2) * (R + 2)
        types = list(rules.scenario.map.terrain_types.values())
        self.types = types
        code_index = {t.code: i for i, t in enumerate(types)}
        self.colours = np.array([hex_rgb(t.colour) for t in types] + [TABLE], dtype=np.float32)
        self.style_of_type = np.array([STYLES.index(t.style) for t in types] + [-1], dtype=np.int16)
        self.countries = list(rules.scenario.map.countries)
        self.offmap = len(types)  # the last "type" is off the map
        terr = np.full(n, self.offmap, dtype=np.int16)
        ctry = np.full(n, -1, dtype=np.int16)
        country_index = {c: i for i, c in enumerate(self.countries)}
        for h, t in rules.terrain.items():
            c, r = hexgrid.to_offset(h)
            i = (c + 1) * self.pr + (r + 1)
            terr[i] = code_index[t.code]
            ctry[i] = country_index[rules.country[h]]
        self.terr, self.ctry = terr, ctry
        self.nb = self._neighbours()
        nb = self.nb.reshape(n, 6)
        off_i = (terr == self.offmap)[:, None]
        off_j = terr[nb] == self.offmap
        kind = np.full((n, 6), E_GRID, dtype=np.int8)
        kind[ctry[:, None] != ctry[nb]] = E_BORDER
        kind[off_j] = E_MAPEDGE
        kind[np.broadcast_to(off_i, kind.shape)] = E_NONE
        self.edge_kind = kind.reshape(-1)
        self.has_border = bool((self.edge_kind == E_BORDER).any())
        # "calm" hexes: everything within two steps is on the map and of the same
        # terrain, so no region edge can reach them and the rounding can skip them
        ring2 = nb[nb].reshape(n, 36)
        self.calm = ~off_i[:, 0] & (terr[nb] == terr[:, None]).all(axis=1) & (terr[ring2] == terr[:, None]).all(axis=1)
        # map extents in map units
        self.x0, self.y0 = -1.0, -APOTHEM
        self.x1 = 1.5 * (C - 1) + 1.0
        self.y1 = SQRT3 * (R + 0.5)

    def _neighbours(self) -> np.ndarray:
        """Flat index of each padded hex's six neighbours (clamped onto the padding)."""
        C, R = self.columns, self.rows
        ci, ri = np.meshgrid(np.arange(C + 2), np.arange(R + 2), indexing="ij")
        col, row = ci - 1, ri - 1
        q = col
        r = row - ((col - (col & 1)) >> 1)
        out = np.zeros((C + 2, R + 2, 6), dtype=np.int32)
        for k, (dq, dr) in enumerate(hexgrid.DIRECTIONS):
            q2, r2 = q + dq, r + dr
            c2 = q2
            row2 = r2 + ((q2 - (q2 & 1)) >> 1)
            c2 = np.clip(c2 + 1, 0, C + 1)
            row2 = np.clip(row2 + 1, 0, R + 1)
            out[:, :, k] = c2 * self.pr + row2
        return out.reshape(-1)

    # --- lazily built: noise and texture ---------------------------------------------------

    @cached_property
    def _extent(self) -> tuple[float, float, float, float]:
        return (self.x0 - 2, self.y0 - 2, self.x1 + 2, self.y1 + 2)

    @cached_property
    def wobble(self) -> list[tuple[ValueNoise, ValueNoise, float]]:
        ext = self._extent
        return [
            (ValueNoise(*ext, 0.7, 11), ValueNoise(*ext, 0.7, 12), 0.18),
            (ValueNoise(*ext, 0.3, 13), ValueNoise(*ext, 0.3, 14), 0.06),
        ]

    @cached_property
    def mottle(self) -> ValueNoise:
        return ValueNoise(*self._extent, 2.2, 21)

    @cached_property
    def mottle2(self) -> ValueNoise:
        return ValueNoise(*self._extent, 0.7, 22)

    @cached_property
    def grain(self) -> np.ndarray:
        """The paper texture, shipped precomputed (geometry.paper_grain(TILE, 31), checked
        by a test): computing it costs a fresh process numpy's FFT import before its first frame."""
        try:
            grain = np.load(assets_dir() / GRAIN_FILE, allow_pickle=False).astype(np.float32)
            if grain.shape == (TILE, TILE):
                return grain
        except (OSError, ValueError):
            pass
        return paper_grain(TILE, 31)

    # --- lookups ------------------------------------------------------------------------------

    def flat(self, q: np.ndarray, r: np.ndarray) -> np.ndarray:
        col = q
        row = r + ((q - (q & 1)) >> 1)
        ci = np.clip(col + 1, 0, self.columns + 1)
        ri = np.clip(row + 1, 0, self.rows + 1)
        return ci * self.pr + ri

    def terrain_field(self, x: np.ndarray, y: np.ndarray, grid=None):
        """Terrain type drawn at map points (wobbled, rounded regions), whether the point
        is on the map, its distance to the region's edge (map units), the true hex's flat
        index and the true hex with the point's position in it (q, r, lx, ly).
        `grid`: the 1-D coordinates when x, y is an axis-aligned grid (faster noise)."""
        q, r, lx, ly = axial(x, y) if grid is None else axial_grid(*grid)
        fi = self.flat(q, r)
        t_true = self.terr[fi]
        on = t_true != self.offmap
        dist = np.full(x.shape, 9.0, np.float32)
        # only points near another terrain need the wobble and the rounding
        busy = (on & ~self.calm[fi]).reshape(-1)
        count = int(np.count_nonzero(busy))
        if not count:
            return t_true, on, dist, fi, (q, r, lx, ly)
        sel = None if count > busy.size // 2 else np.flatnonzero(busy)

        def pick(a):
            a = np.ascontiguousarray(a).reshape(-1)
            return a if sel is None else a[sel]

        t = t_true.copy()
        if grid is not None:  # the wobble over the whole grid, then the busy points of it
            xs, ys = grid
            (n1x, n1y, a1), (n2x, n2y, a2) = self.wobble
            wx = np.float32(a1) * n1x.grid(xs, ys) + np.float32(a2) * n2x.grid(xs, ys)
            wx += xs.astype(np.float32)[:, None]
            wy = np.float32(a1) * n1y.grid(xs, ys) + np.float32(a2) * n2y.grid(xs, ys)
            wy += ys.astype(np.float32)[None, :]
            wx, wy = pick(wx), pick(wy)
        else:
            px, py = pick(x), pick(y)
            wx, wy = px, py
            for nx, ny, amp in self.wobble:
                wx = wx + amp * nx(px, py)
                wy = wy + amp * ny(px, py)
            wx, wy = wx.astype(np.float32), wy.astype(np.float32)
        qw, rw, lxw, lyw = axial(wx, wy)
        fw = self.flat(qw, rw)
        t0 = self.terr[fw]
        off = self.offmap
        # Round the regions' corners: near a corner, the hex and the two hexes that share
        # the corner vote with weights falling off with distance; if both neighbours are
        # of another terrain and together outweigh the hex, the corner is theirs. A lone
        # hex becomes a rounded blob, still clearly inside its own hex.
        c = np.rint(np.arctan2(lyw, lxw) * np.float32(3.0 / math.pi)).astype(np.int32) % 6
        c2 = (c + 1) % 6
        t1 = self.terr[self.nb[fw * 6 + c]]
        t2 = self.terr[self.nb[fw * 6 + c2]]
        inv = np.float32(-0.5 / ROUND_SIGMA**2)
        w0 = np.exp((lxw * lxw + lyw * lyw) * inv)
        ex = lxw - NB_X[c]
        ey = lyw - NB_Y[c]
        w1 = np.exp((ex * ex + ey * ey) * inv) * (t1 != off)
        ex = lxw - NB_X[c2]
        ey = lyw - NB_Y[c2]
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
        new_d = ratio * np.float32(ROUND_SIGMA**2 / SQRT3) * has + np.float32(9.0) * ~has
        tf, df = t.reshape(-1), dist.reshape(-1)
        if sel is None:
            tf[:] = tt + (new_t - tt) * busy
            df[:] = df + (new_d - df) * busy
        else:
            tf[sel] = new_t
            df[sel] = new_d
        return t, on, dist, fi, (q, r, lx, ly)

    def hex_flat(self, h: hexgrid.Hex) -> int:
        c, r = hexgrid.to_offset(h)
        c = min(max(c + 1, 0), self.columns + 1)
        r = min(max(r + 1, 0), self.rows + 1)
        return c * self.pr + r

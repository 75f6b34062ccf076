"""Rivers: smooth curves through their hexes, drawn per pixel as antialiased distance
fields, and their names set along the water.

A river's hexes are a coarse polyline; a lightly smoothed Catmull-Rom curve
through them looks drawn by hand and stays inside its hexes. The curve is kept in
map units, once; each level cuts it into pixel segments filed by tile, and the
tile pass measures every pixel's distance to the few segments of its tile.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from ... import hexgrid
from ...hexgrid import Layout
from .. import style
from .colours import HALO, RIVER, RIVER_BANK, RIVER_TEXT
from .geometry import TILE, catmull_rom
from .level import Level


class River:
    def __init__(self, name: str, curve: np.ndarray, width: np.ndarray):
        self.name = name
        self.curve = curve  # (n, 2) map units
        self.width = width  # (n,) relative width


def build_rivers(rules) -> list[River]:
    C, R = rules.columns, rules.rows
    unit = Layout(1.0)
    specs = rules.scenario.map.rivers
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
        curve = catmull_rom(pts, 6)
        main = len(hexes) >= 30
        seg = np.hypot(*np.diff(curve, axis=0).T)
        along = np.concatenate([[0.0], np.cumsum(seg)])
        width = np.full(len(curve), 1.0 if main else 0.72)
        if ends[0] is None:  # the source is on the map: the river grows from it
            width *= 0.55 + 0.45 * np.clip(along / 8.0, 0.0, 1.0)
        out.append(River(river.name, curve, width))
    return out


def river_angles(rivers: list[River], drift_noise, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Fields run along the nearest river; far from rivers, along a slowly turning
    direction, so neighbouring fields line up."""
    drift = drift_noise(xs, ys) * 1.4 + 0.3
    if not rivers or not len(xs):
        return drift
    pts = np.vstack([r.curve for r in rivers])
    tan = np.vstack([np.gradient(r.curve, axis=0) for r in rivers])
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


def river_width(s: float) -> float:
    return 1.1 + 0.14 * s


def prepare_rivers(rivers: list[River], L: Level) -> None:
    """Cut every river into pixel segments (x0, y0, x1, y1, w0, w1) filed by tile."""
    s = L.size
    base = river_width(s)
    tiles: dict[tuple[int, int], list] = {}
    for river in rivers:
        P = np.column_stack([L.ox + river.curve[:, 0] * s, L.oy + river.curve[:, 1] * s])
        W = river.width * base
        for i in range(len(P) - 1):
            x0, y0 = P[i]
            x1, y1 = P[i + 1]
            seg = (x0, y0, x1, y1, W[i], W[i + 1])
            e = max(W[i], W[i + 1]) / 2 + 2
            bx0, by0 = min(x0, x1) - e, min(y0, y1) - e
            bx1, by1 = max(x0, x1) + e, max(y0, y1) + e
            for tx in range(max(0, int(bx0 // TILE)), min(L.tiles_x - 1, int(bx1 // TILE)) + 1):
                for ty in range(max(0, int(by0 // TILE)), min(L.tiles_y - 1, int(by1 // TILE)) + 1):
                    tiles.setdefault((tx, ty), []).append(seg)
    L.river_tiles = {k: np.array(v, dtype=np.float64) for k, v in tiles.items()}


def river_pass(arr: np.ndarray, segs: np.ndarray, x0: int, y0: int, w: int, h: int, s: float,
               mask: np.ndarray) -> None:  # fmt: skip
    """Composite the river segments onto the tile's pixels `arr` (w, h, 3), where `mask`.

    Every pixel near a river takes its signed distance to the nearest segment's edge.
    Consecutive segments are measured in chunks of about 24 px of river, each over its
    own window, so a far zoom's many tiny segments cost a few array operations, not a
    few each."""
    clear = np.full((w, h), 1e6, dtype=np.float32)
    seg_len = float(np.hypot(segs[:, 2] - segs[:, 0], segs[:, 3] - segs[:, 1]).mean()) if len(segs) else 1.0
    k = max(1, min(16, int(round(24.0 / max(seg_len, 0.5)))))
    segs32 = segs.astype(np.float32)
    for i in range(0, len(segs), k):
        c = segs32[i : i + k]
        sx0, sy0, sx1, sy1, w0, w1 = (c[:, j] for j in range(6))
        reach = float(np.maximum(w0, w1).max()) * 0.5 + 1.5
        ax0 = max(0, int(math.floor(float(min(sx0.min(), sx1.min())) - reach)) - x0)
        ax1 = min(w, int(math.ceil(float(max(sx0.max(), sx1.max())) + reach)) - x0 + 1)
        ay0 = max(0, int(math.floor(float(min(sy0.min(), sy1.min())) - reach)) - y0)
        ay1 = min(h, int(math.ceil(float(max(sy0.max(), sy1.max())) + reach)) - y0 + 1)
        if ax0 >= ax1 or ay0 >= ay1:
            continue
        gx = np.arange(ax0 + x0, ax1 + x0, dtype=np.float32)[:, None, None] - sx0
        gy = np.arange(ay0 + y0, ay1 + y0, dtype=np.float32)[None, :, None] - sy0
        dx, dy = sx1 - sx0, sy1 - sy0
        ll = np.maximum(dx * dx + dy * dy, np.float32(1e-9))
        tt = np.clip((gx * dx + gy * dy) / ll, 0.0, 1.0)
        ex = gx - tt * dx
        ey = gy - tt * dy
        d = np.sqrt(ex * ex + ey * ey) - (w0 + (w1 - w0) * tt) * np.float32(0.5)
        win = clear[ax0:ax1, ay0:ay1]
        np.minimum(win, d.min(axis=2), out=win)
    alpha = (np.clip(0.5 - clear, 0.0, 1.0) * mask).reshape(-1)
    idx = np.flatnonzero(alpha)
    if not len(idx):
        return
    bank = max(0.6, 0.028 * s)
    inner = np.clip(-clear.reshape(-1)[idx] - bank + 0.5, 0.0, 1.0)[:, None]
    bank_rgb = np.array(RIVER_BANK, np.float32)
    col = bank_rgb + (np.array(RIVER, np.float32) - bank_rgb) * inner
    a = alpha[idx][:, None]
    flat = arr.reshape(-1, 3)
    flat[idx] = flat[idx] * (1.0 - a) + col * a


def river_labels(river: River, L: Level, free, taken) -> list[tuple[pygame.Surface, pygame.Rect]]:
    """Where the river's name goes at this level: along straight stretches, beside the
    water, a long way apart, clear of other labels (`free(rect)` and `taken`)."""
    s = L.size
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
    rw = river_width(s) * 0.5
    while a < total - length * 0.6:
        if a - last < spacing:
            a += 0.4 * s
            continue
        i0 = int(np.searchsorted(along, a - length / 2))
        i1 = min(int(np.searchsorted(along, a + length / 2)), len(P) - 1)
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
            r = img.get_rect(center=(int(round(c[0])), int(round(c[1]))))
            # clear of other labels by a hex or so: a river's name is not a town's
            if free(r.inflate(-6, -6)) and r.inflate(int(2 * s), int(s)).collidelist(taken) < 0:
                out.append((img, r))
                last = a
                placed = True
                break
        a += length if placed else 0.4 * s
    return out

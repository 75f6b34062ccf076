"""Rendering one tile of a level, in four passes, all in layer pixels.

1. terrain, per pixel with numpy: each pixel takes the terrain of the hex under a
   slightly wobbled position, and region corners are rounded by letting the three
   hexes around a corner vote, so same-terrain hexes merge into regions with
   natural, hand-drawn looking edges (a lone lake hex is a round pond; the centre
   and most of every hex always show the hex's own terrain); then paper grain,
   large-scale mottling, desert stipple and a fine darker line along region edges;
2. terrain symbols with pygame (symbols.py);
3. per pixel again: rivers (rivers.py), the low-contrast hex grid, the map's neat
   line and the dash-dot international border with its halo, computed from each
   pixel's distance to the nearest hex edge;
4. text and place symbols with pygame (labels.py).

Features that cross tiles are laid out in layer pixels for the whole level and
drawn into each tile they touch, moved by the tile's offset, so they come out
identical on both sides of a seam.
"""

from __future__ import annotations

import numpy as np
import pygame

from .. import style
from .colours import GRID_DARK, HALO, NEATLINE, STYLES, TABLE
from .geometry import nearest_edge
from .labels import draw_tile_items
from .level import Level
from .rivers import river_pass
from .symbols import draw_tile_symbols
from .tables import E_BORDER, E_GRID, E_MAPEDGE, MapTables

_WATER = STYLES.index("water")


def prepare_stipple(L: Level) -> None:
    """The desert's dots for a level: one jittered dot per cell, half the cells."""
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
    strength = np.where(present, 0.16 + 0.12 * rng.random((nx, ny)), 0.0).astype(np.float32)
    L.stipple = (cell, ox.astype(np.float32), oy.astype(np.float32), strength, radius)


def render_tile(t: MapTables, L: Level, tx: int, ty: int, surf: pygame.Surface) -> None:
    """Draw tile (tx, ty) of level L into `surf` (the tile's size, 24 or 32 bits)."""
    rect = L.tile_rect(tx, ty)
    s = L.size
    x0, y0, w, h = rect
    xs = (np.arange(x0, x0 + w, dtype=np.float64) - L.ox) / s
    ys = (np.arange(y0, y0 + h, dtype=np.float64) - L.oy) / s
    X = np.broadcast_to(xs[:, None], (w, h))
    Y = np.broadcast_to(ys[None, :], (w, h))
    tt, on, dist, fi, (_q, _r, lx, ly) = t.terrain_field(X, Y, (xs, ys))
    ek, ed, et = nearest_edge(lx, ly)  # the true hex's nearest edge, for grid and border
    style_idx = t.style_of_type[tt]

    rgb = t.colours[tt]  # (w, h, 3) float32
    light = np.float32(0.045) * t.mottle.grid(xs, ys)
    light += np.float32(0.018) * t.mottle2.grid(xs, ys)
    light += np.float32(0.032) * t.grain[:w, :h]
    light += np.float32(1.0)
    all_on = bool(on.all())
    if not all_on:
        light[~on] = 1.0
    dpx = dist * np.float32(s)
    if L.stipple is not None:
        desert = (style_idx == 0) & (dpx > 1.5)  # off region edges: stipple never spills
        if desert.any():
            cell, sox, soy, strength, radius = L.stipple
            px = np.arange(x0, x0 + w, dtype=np.float32)[:, None]
            py = np.arange(y0, y0 + h, dtype=np.float32)[None, :]
            cx = np.floor(px / np.float32(cell)).astype(np.int32)
            cy = np.floor(py / np.float32(cell)).astype(np.int32)
            dx = px - (cx * np.float32(cell) + sox[cx, cy])
            dy = py - (cy * np.float32(cell) + soy[cx, cy])
            a = np.clip(np.float32(radius + 0.5) - np.sqrt(dx * dx + dy * dy), 0.0, 1.0) * strength[cx, cy]
            light = light * (1.0 - a * desert)
    # soft darker line along region edges, and a faint inner tint
    line = np.clip(0.75 - dpx, 0.0, 1.0) * np.float32(0.16)
    line += np.clip(1.0 - dpx / np.float32(max(3.0, 0.1 * s)), 0.0, 1.0) * np.float32(0.05)
    light = light * (1.0 - line)
    rgb *= light[:, :, None]
    # the table around the map: a soft shadow under the map edge
    if not all_on:
        near_map = t.terr[t.nb[fi * 6 + ek]] != t.offmap
        sh = np.where(near_map, np.clip(1.0 - ed * np.float32(s / max(4.0, L.pad * 0.9)), 0.0, 1.0), 0.0)
        shadow = (1.0 - 0.3 * sh * sh).astype(np.float32)
        off = ~on
        rgb[off] = np.array(TABLE, np.float32) * shadow[off][:, None]
    np.clip(rgb, 0, 255, out=rgb)
    if (tx, ty) in L.symbol_tiles:
        pix = pygame.surfarray.pixels3d(surf)
        pix[...] = rgb.astype(np.uint8)
        del pix
        # pass 2: terrain symbols, drawn by pygame between the two pixel passes
        draw_tile_symbols(surf, L, (tx, ty), -x0, -y0)
        pix = pygame.surfarray.pixels3d(surf)
        arr = pix.astype(np.float32, order="C")
    else:  # no symbols: the same 8-bit values, without the trip through the surface
        pix = pygame.surfarray.pixels3d(surf)
        arr = np.trunc(rgb, out=rgb)

    # pass 3: rivers, grid, border
    segs = L.river_tiles.get((tx, ty))
    if segs is not None:
        river_pass(arr, segs, x0, y0, w, h, s, on & (style_idx != _WATER))
    _edge_pass(t, arr, fi, ek, ed, et, s)
    pix[...] = np.clip(arr, 0, 255).astype(np.uint8)
    del pix

    # pass 4: text and places
    draw_tile_items(surf, L, (tx, ty), -x0, -y0)


def _edge_pass(t: MapTables, arr, fi, k, d, tpos, s) -> None:
    """Grid, neat line and border, composited onto `arr` (w, h, 3) where they reach."""
    gw = 0.35 if s < 14 else (0.45 if s < 30 else 0.6)
    galpha = 0.22 if s < 12 else (0.32 if s < 20 else 0.40)
    core = float(np.clip(0.055 * s, 1.0, 2.6))
    halo = core + max(1.3, 0.04 * s)
    band = max(halo + 1.0, 0.16 * s)
    kind_all = t.edge_kind[fi * 6 + k]
    dpx_all = d * np.float32(s)
    reach = np.where(kind_all == E_BORDER, np.float32(band + 0.5),
                     np.where(kind_all == E_MAPEDGE, np.float32(1.3), np.float32(gw + 0.5)))  # fmt: skip
    sel = np.flatnonzero(dpx_all < reach)
    if not len(sel):
        return
    flat = arr.reshape(-1, 3)
    px = flat[sel]
    kind = kind_all.reshape(-1)[sel]
    dpx = dpx_all.reshape(-1)[sel]
    # the hex grid: thin and low-contrast
    g = np.clip(np.float32(gw + 0.5) - dpx, 0.0, 1.0) * np.float32(galpha)
    g = np.where((kind == E_GRID) | (kind == E_BORDER), g, np.float32(0.0))
    px *= (1.0 - g * np.float32(1.0 - GRID_DARK))[:, None]
    # the neat line around the map
    nl = np.where(kind == E_MAPEDGE, np.clip(1.3 - dpx, 0.0, 1.0), np.float32(0.0))[:, None]
    px *= 1.0 - nl
    px += np.array(NEATLINE, np.float32) * nl
    # the international border: a faint purple band, a light halo, a bold dash-dot line
    isb = kind == E_BORDER
    if isb.any():
        tp = tpos.reshape(-1)[sel]
        if s < 14:
            dash = np.clip((np.float32(0.32) - tp) * np.float32(s) + 0.5, 0.0, 1.0)
        else:
            dot = np.float32(0.5 - max(0.045, 1.4 / s))
            dash = np.maximum(np.clip((np.float32(0.28) - tp) * np.float32(s) + 0.5, 0.0, 1.0),
                              np.clip((tp - dot) * np.float32(s) + 0.5, 0.0, 1.0))  # fmt: skip
        purple = np.array(style.BORDER_LINE, np.float32)
        light = np.array(HALO, np.float32)
        for width, alpha, colour in ((band, 0.16, purple), (halo, 0.72, light), (core, dash, purple)):
            a = np.where(isb, np.clip(np.float32(width + 0.5) - dpx, 0.0, 1.0) * alpha, np.float32(0.0))[:, None]
            px *= 1.0 - a
            px += colour * a
    flat[sel] = px

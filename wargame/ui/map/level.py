"""One zoom level's picture of the map: its size in pixels, its tiles, and the
features laid out on it (symbols, river segments, baked labels) by tile.

A level's "layer" is the whole map drawn at one hex radius, but it is never held
as one surface: it is cut into square tiles that are rendered when first needed
and kept in the tile cache (tiles.py) under a byte budget. What a level keeps for
itself is only the layout, small and compact (numpy arrays, not Python tuples),
so every level's layout may stay in memory while its pixels come and go.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np
import pygame

from ...hexgrid import SQRT3, Layout
from .geometry import APOTHEM, TILE


class Level:
    """The geometry of the map at hex radius `size`, and its per-tile layout once prepared."""

    def __init__(self, level: int, size: float, columns: int, rows: int, text: bool = True):
        self.level = level
        self.text = text  # False: a picture with no words (the minimap)
        self.size = s = float(size)
        self.pad = pad = int(max(6, round(s * 0.35)))
        self.map_w = s * (1.5 * (columns - 1) + 2.0)
        self.map_h = s * SQRT3 * (rows + (0.5 if columns > 1 else 0.0))
        self.w = int(math.ceil(self.map_w)) + 2 * pad
        self.h = int(math.ceil(self.map_h)) + 2 * pad
        # layer pixel of hex (0, 0)'s centre
        self.ox = pad + s
        self.oy = pad + s * APOTHEM
        self.map_rect = pygame.Rect(pad, pad, int(math.ceil(self.map_w)), int(math.ceil(self.map_h)))
        self.tiles_x = (self.w + TILE - 1) // TILE
        self.tiles_y = (self.h + TILE - 1) // TILE
        self.prepared = False  # laid out for rendering tiles (Renderer.prepare)
        self.text_prepared = False  # its labels laid out (Renderer.prepare_text)
        # filled by prepare() (layout.py): what each tile draws
        self.symbols: np.ndarray | None = None  # (n, 7) float: style, x, y, a, b, c, angle
        self.symbol_tiles: dict[tuple[int, int], np.ndarray] = {}
        self.river_tiles: dict[tuple[int, int], np.ndarray] = {}
        self.items: list[tuple] = []  # (kind, payload, rect) baked into the tiles in pass 4
        self.item_tiles: dict[tuple[int, int], list[int]] = {}
        self.stipple: tuple | None = None
        self.labels: list = []  # place names with their spots, laid out per scene (labels.py)
        self.obstacles: list[pygame.Rect] = []  # baked symbols and labels a place name keeps clear of
        self.place_rects: list[pygame.Rect] = []  # the place symbols (layer px)

    @property
    def layout(self) -> Layout:
        """Hex positions in layer pixels."""
        return Layout(self.size, (self.ox, self.oy))

    def tiles_of(self, rect: pygame.Rect) -> Iterator[tuple[int, int]]:
        tx0 = max(0, rect.left // TILE)
        ty0 = max(0, rect.top // TILE)
        tx1 = min(self.tiles_x - 1, (rect.right - 1) // TILE)
        ty1 = min(self.tiles_y - 1, (rect.bottom - 1) // TILE)
        for tx in range(tx0, tx1 + 1):
            for ty in range(ty0, ty1 + 1):
                yield tx, ty

    def tile_rect(self, tx: int, ty: int) -> pygame.Rect:
        x, y = tx * TILE, ty * TILE
        return pygame.Rect(x, y, min(TILE, self.w - x), min(TILE, self.h - y))

    def bucket(self, bbox: tuple[float, float, float, float], index: int, into: dict) -> None:
        """File `index` under every tile the box (x0, y0, x1, y1) touches."""
        x0, y0, x1, y1 = bbox
        tx0 = max(0, int(x0 // TILE))
        ty0 = max(0, int(y0 // TILE))
        tx1 = min(self.tiles_x - 1, int(x1 // TILE))
        ty1 = min(self.tiles_y - 1, int(y1 // TILE))
        for tx in range(tx0, tx1 + 1):
            for ty in range(ty0, ty1 + 1):
                into.setdefault((tx, ty), []).append(index)


def bucket_boxes(L: "Level", x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray) -> dict:
    """File box i = (x0[i], y0[i], x1[i], y1[i]) under every tile it touches, for many
    boxes at once: {tile: int32 array of box indices, in index order}."""
    tx0 = np.clip((x0 // TILE).astype(np.int64), 0, L.tiles_x - 1)
    ty0 = np.clip((y0 // TILE).astype(np.int64), 0, L.tiles_y - 1)
    tx1 = np.clip((x1 // TILE).astype(np.int64), 0, L.tiles_x - 1)
    ty1 = np.clip((y1 // TILE).astype(np.int64), 0, L.tiles_y - 1)
    idx = np.arange(len(x0))
    keys, items = [], []
    span_x = int((tx1 - tx0).max(initial=0))
    span_y = int((ty1 - ty0).max(initial=0))
    for dx in range(span_x + 1):
        for dy in range(span_y + 1):
            ok = (tx0 + dx <= tx1) & (ty0 + dy <= ty1)
            keys.append((tx0[ok] + dx) * L.tiles_y + (ty0[ok] + dy))
            items.append(idx[ok])
    if not len(x0):
        return {}
    k = np.concatenate(keys)
    v = np.concatenate(items)
    order = np.lexsort((v, k))
    k, v = k[order], v[order]
    cuts = np.flatnonzero(np.diff(k)) + 1
    out = {}
    for key, part in zip(k[np.r_[0, cuts]].tolist(), np.split(v, cuts)):
        out[(key // L.tiles_y, key % L.tiles_y)] = part.astype(np.int32)
    return out


def level_sizes(sizes: tuple[int, ...], columns: int, rows: int) -> list[tuple[float, float]]:
    """The map's width and height in pixels at each zoom size (for fitting, without building levels)."""
    out = []
    for s in sizes:
        out.append((s * (1.5 * (columns - 1) + 2.0), s * SQRT3 * (rows + (0.5 if columns > 1 else 0.0))))
    return out

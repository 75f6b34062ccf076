"""Pre-rendered terrain tiles shipped with the game, for the zoom levels a window opens at.

A window opens on the whole map (Camera.fit), so its first frame needs every tile of
one level; rendering them costs 150-300 ms (the four passes, per pixel, with numpy),
as long again as importing the dependencies. For the shipped scenarios at the usual
window sizes those levels are drawn once, by `python -m tools.map_tiles`, into
`assets/tiles/` (installed as wargame/assets/tiles), and loaded with one
`pygame.image.load` (about 10 ms a level).

The manifest also keeps each level's label layout (the rects a scene's place names
keep clear of: baked labels and place symbols), so a window's first frame does not
lay out country and river names it will never draw, only to know where they are.

Each level's picture is filed under a key: a hash of everything that decides its
pixels, i.e. the scenario's map section, the level's index and hex radius, the
tile size and RENDERER_VERSION. A map edited since the tiles were made gives
another key, so its tiles are rendered as before, never taken stale. A change to
the drawing code must bump RENDERER_VERSION and rerun the tool; a test renders
tiles afresh and compares them with the shipped ones, so forgetting fails CI.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pygame

from ...resources import assets_dir
from .geometry import TILE
from .level import Level

# Bump with any change to how a tile is drawn: passes, symbols, rivers, labels, colours,
# fonts, the paper grain. Then run `python -m tools.map_tiles` and commit assets/tiles/.
RENDERER_VERSION = 1
TILES = "tiles"
MANIFEST = "manifest.json"


def tiles_dir() -> Path:
    return assets_dir() / TILES


def map_digest(rules) -> str:
    """A hash of the scenario's map section: terrain, countries, rivers, places (names included)."""
    # its repr: every field, nested models included, and no pydantic serializer to build
    # (a scenario from its validated copy, scenario/compiled.py, has none built)
    data = repr(rules.scenario.map)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def level_key(digest: str, level: int, size: float) -> str:
    """The key of one level's picture: the map, the level, its hex radius, the tile size and
    the renderer's version (the level's index matters too: it seeds the desert's stipple)."""
    text = f"v{RENDERER_VERSION}|tile{TILE}|level{level}|size{float(size)!r}|{digest}"
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:32]


def read_manifest(folder: Path | None = None) -> dict:
    """{"levels": {key: {"file": name, ...}}} as written by the tool; empty if none is shipped."""
    path = (folder or tiles_dir()) / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"levels": {}}


class ShippedTiles:
    """The shipped pictures of one map: looked up by level, loaded and cut into tiles."""

    def __init__(self, rules, folder: Path | None = None):
        self.rules = rules
        self.folder = folder or tiles_dir()
        self._digest: str | None = None
        self._levels: dict | None = None
        self.loaded = 0  # pictures loaded, for tests and profiling

    def _entry(self, L: Level) -> dict | None:
        if not L.text:  # the minimap's own level: never shipped
            return None
        if self._levels is None:
            self._levels = read_manifest(self.folder).get("levels", {})
        if not self._levels:
            return None
        if self._digest is None:
            self._digest = map_digest(self.rules)
        return self._levels.get(level_key(self._digest, L.level, L.size))

    def has(self, L: Level) -> bool:
        return self._entry(L) is not None

    def layout(self, L: Level) -> tuple[list[pygame.Rect], list[pygame.Rect]] | None:
        """The level's label layout as the tool found it: the rects a place name keeps clear
        of (baked labels, place symbols) and those of the place symbols; None if not shipped."""
        entry = self._entry(L)
        if entry is None or "obstacles" not in entry:
            return None
        return [pygame.Rect(r) for r in entry["obstacles"]], [pygame.Rect(r) for r in entry["place_rects"]]

    def tiles(self, L: Level) -> dict[tuple[int, int], pygame.Surface] | None:
        """Every tile of the level from its shipped picture, in the screen's pixel format;
        None if none is shipped for it (or its file cannot be read, or is of another size)."""
        entry = self._entry(L)
        if entry is None:
            return None
        try:
            img = pygame.image.load(str(self.folder / entry["file"]))
        except (pygame.error, OSError, KeyError):
            return None
        if img.get_size() != (L.w, L.h):
            return None
        display = pygame.display.get_surface() if pygame.display.get_init() else None
        if display is not None and display.get_bitsize() == 32:
            img = img.convert(display)
        self.loaded += 1
        out = {}
        for tx in range(L.tiles_x):
            for ty in range(L.tiles_y):
                out[(tx, ty)] = img.subsurface(L.tile_rect(tx, ty)).copy()
        return out

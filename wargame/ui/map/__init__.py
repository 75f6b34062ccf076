"""The map view: the map drawn like a printed wargame map, a camera over it, and a
scene of counters, shades and marks on it, for any screen to use.

Modules, by job: geometry (vectorised hex maths, noise), tables (the map as
arrays), level (one zoom level's geometry and layout), passes (rendering a tile),
symbols (terrain symbols), rivers, places (place symbols and names), countries
(country names), labels (what each level writes where), legend, tiles (the tile
cache and renderer), camera, overlays (shades and marks), pieces (stacks and
slides), minimap, view (the MapView that composes them).
"""

from .camera import CameraState
from .colours import HALO, RIVER, RIVER_BANK, TABLE
from .view import MapView

__all__ = ["CameraState", "HALO", "MapView", "RIVER", "RIVER_BANK", "TABLE"]

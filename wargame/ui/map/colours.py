"""The inks of the printed map, in one place so the tiles, the legend and the minimap agree."""

from __future__ import annotations

from .. import style

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

# farmland fields, picked per field by one of its random numbers
FIELDS = ((156, 194, 116), (172, 204, 128), (188, 204, 136), (148, 186, 110), (166, 198, 122), (198, 202, 140))

# the terrain styles a scenario may give its terrain types, in a fixed order (array codes)
STYLES = ("desert", "steppe", "farmland", "urban", "hills", "mountains", "water", "marsh", "forest")

PLACE_NAMES = {
    "city": "City", "town": "Town", "air_base": "Air base", "crossing": "Border crossing", "landmark": "Landmark"
}
PLACE_PRIORITY = {"city": 0, "air_base": 1, "town": 2, "crossing": 3, "landmark": 4}

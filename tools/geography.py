"""The hex map of the Iraq-Syria border, generated from a few tables of real coordinates.

The first scenario's map is 58 x 40 hexes of 12 km (38.5-45.0 E, 32.5-36.8 N).
Typing 2,320 terrain letters by hand would be error-prone and impossible to
review, so the map is drawn here from what a reader can check against any
public atlas: town positions, river courses, border turning points, ridges and
lakes, all in degrees. Change a table, rerun
`python -m tools.geography` (from the repository root), and paste the YAML into the scenario.

Everything is at the level of public maps: good to a hex, no better. Shapes are
polylines and polygons in lat/lon; a hex takes the code of its centre.

Terrain codes: d open desert, s steppe, f farmland of the river valleys,
u urban, h hills, m mountains, w water.
Country codes: S Syria, I Iraq, T Turkey, J Jordan.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Sequence

from wargame import hexgrid
from wargame.hexgrid import Hex

LatLon = tuple[float, float]  # (lat, lon) in degrees, the order public maps print

# --- the map's extent ---------------------------------------------------------------

COLUMNS = 58
ROWS = 40
KM_PER_HEX = 12.0

# --- places -------------------------------------------------------------------------
# id, name, kind, population class (4 Baghdad, 3 big cities, 2 towns of 100k+,
# 1 small towns, 0 bases and landmarks), lat, lon. A place's country is not in
# the table: it is read off the generated country map, so the two can never
# disagree.

PLACES: tuple[tuple[str, str, str, int, float, float], ...] = (
    ("erbil", "Erbil", "city", 3, 36.19, 44.01),
    ("erbil_air_base", "Erbil air base", "air_base", 0, 36.24, 43.96),
    ("mosul", "Mosul", "city", 3, 36.34, 43.13),
    ("kirkuk", "Kirkuk", "city", 3, 35.47, 44.39),
    ("tikrit", "Tikrit", "town", 2, 34.61, 43.68),
    ("samarra", "Samarra", "town", 2, 34.20, 43.87),
    ("baiji", "Baiji", "town", 1, 34.93, 43.49),
    ("qayyarah", "Qayyarah", "town", 1, 35.80, 43.29),
    ("baghdad", "Baghdad", "city", 4, 33.31, 44.37),
    ("baghdad_airport", "Baghdad airport", "air_base", 0, 33.26, 44.23),
    ("fallujah", "Fallujah", "city", 2, 33.35, 43.78),
    ("ramadi", "Ramadi", "city", 2, 33.42, 43.30),
    ("hit", "Hit", "town", 1, 33.64, 42.83),
    ("ain_al_asad", "Ain al-Asad air base", "air_base", 0, 33.80, 42.44),
    ("haditha", "Haditha", "town", 1, 34.14, 42.38),
    ("anah", "Anah", "town", 1, 34.47, 41.92),
    ("al_qaim", "Al-Qaim", "town", 1, 34.37, 41.09),
    ("al_qaim_crossing", "Al-Qaim border crossing", "crossing", 0, 34.39, 41.02),
    ("al_bukamal", "Al-Bukamal (Abu Kamal)", "town", 1, 34.45, 40.92),
    ("al_mayadin", "Al-Mayadin", "town", 1, 35.02, 40.45),
    ("deir_ez_zor", "Deir ez-Zor", "city", 2, 35.33, 40.14),
    ("raqqa", "Raqqa", "city", 2, 35.95, 39.01),
    ("hasakah", "Al-Hasakah", "town", 2, 36.50, 40.75),
    ("al_tanf", "Al-Tanf garrison", "air_base", 0, 33.50, 38.62),
    ("rutbah", "Rutbah", "town", 1, 33.04, 40.28),
    ("sinjar", "Sinjar mountains", "landmark", 0, 36.35, 41.85),
)

# Baghdad sprawls over several hexes; every other city is one.
URBAN_RADIUS_KM: dict[str, float] = {"baghdad": 13.0}

# --- borders --------------------------------------------------------------------
# Each border is a polyline of (lat, lon) turning points, in the order given.

# North to south. The line runs between Al-Bukamal and Al-Qaim, which face each
# other across it some 15 km apart, and the crossing point sits on it.
IRAQ_SYRIA_BORDER: tuple[LatLon, ...] = (
    (37.10, 42.36),  # Tigris tripoint with Turkey (Fishkhabur)
    (36.81, 42.08),  # Rabia / Al-Yarubiyah crossing
    (36.40, 41.30),  # west of Sinjar, east of Al-Hawl
    (34.39, 41.01),  # Al-Qaim / Al-Bukamal crossing
    (33.37, 38.79),  # tripoint with Jordan
)

# West to east; Turkey is north of it. It dips into the map only around Tell Abyad.
SYRIA_TURKEY_BORDER: tuple[LatLon, ...] = (
    (36.83, 38.00),  # Jarabulus, on the Euphrates
    (36.90, 38.35),  # Kobani
    (36.70, 38.95),  # Tell Abyad
    (36.84, 40.07),  # Ras al-Ayn
    (37.05, 41.22),  # Qamishli
    (37.10, 42.36),  # Tigris tripoint
)

# North to south from the tripoint; Iraq east of it, Jordan west.
IRAQ_JORDAN_BORDER: tuple[LatLon, ...] = (
    (33.37, 38.79),
    (32.20, 39.30),  # tripoint with Saudi Arabia, south of the map
)

# East to west from the tripoint; Jordan south of it.
SYRIA_JORDAN_BORDER: tuple[LatLon, ...] = (
    (33.37, 38.79),
    (32.30, 36.80),
)

# --- rivers ---------------------------------------------------------------------
# Waypoints downstream. A waypoint may lie just off the map: the course is
# clipped at the edge. Farmland reaches `valley_km` either side of the course.


@dataclass(frozen=True)
class RiverCourse:
    name: str
    waypoints: tuple[LatLon, ...]
    valley_km: float
    joins: str | None = None  # the river it flows into: its last hex is on that river


RIVER_COURSES: tuple[RiverCourse, ...] = (
    RiverCourse(
        "Euphrates",
        (
            (35.87, 38.45),  # out of Lake Assad below the Tabqa dam
            (35.95, 39.01),  # Raqqa
            (35.80, 39.55),
            (35.69, 39.83),  # Halabiyeh
            (35.33, 40.14),  # Deir ez-Zor
            (35.15, 40.43),  # Khabur mouth at Busayrah
            (35.02, 40.45),  # Al-Mayadin
            (34.70, 40.80),  # Hajin
            (34.47, 40.93),  # Al-Bukamal
            (34.38, 41.10),  # Al-Qaim
            (34.38, 41.35),  # Ubaydi
            (34.47, 41.92),  # Anah / Rawa
            (34.21, 42.36),  # Haditha dam
            (34.14, 42.38),  # Haditha
            (33.87, 42.55),  # Baghdadi
            (33.64, 42.83),  # Hit
            (33.44, 43.30),  # Ramadi
            (33.39, 43.55),  # Habbaniyah
            (33.35, 43.78),  # Fallujah
            (33.10, 44.00),
            (32.78, 44.29),  # Musayyib
            (32.45, 44.35),  # on toward Hillah, off the map
        ),
        valley_km=7.0,
    ),
    RiverCourse(
        "Tigris",
        (
            (36.86, 42.52),  # from the Turkish border into the Mosul Dam lake
            (36.64, 42.82),  # Mosul Dam
            (36.45, 43.02),
            (36.34, 43.14),  # Mosul
            (36.16, 43.26),  # Hammam al-Alil
            (35.99, 43.35),  # Great Zab mouth
            (35.80, 43.29),  # Qayyarah
            (35.51, 43.23),  # Shirqat
            (35.22, 43.43),  # Little Zab mouth
            (35.07, 43.56),  # Fatha gorge through the Hamrin
            (34.93, 43.49),  # Baiji
            (34.61, 43.68),  # Tikrit
            (34.20, 43.87),  # Samarra
            (34.00, 44.17),  # Balad
            (33.52, 44.27),  # Taji
            (33.31, 44.37),  # Baghdad
            (33.10, 44.58),  # Salman Pak
            (32.93, 44.77),  # Suwaira
            (32.90, 45.08),  # on toward Kut, off the map
        ),
        valley_km=8.0,
    ),
    RiverCourse(
        "Khabur",
        (
            (36.85, 40.07),  # Ras al-Ayn
            (36.65, 40.37),  # Tell Tamr
            (36.50, 40.75),  # Hasakah
            (36.06, 40.73),  # Shaddadi
            (35.75, 40.78),  # Markadah
            (35.50, 40.64),  # Suwar
            (35.15, 40.43),  # into the Euphrates at Busayrah
        ),
        valley_km=5.0,
        joins="Euphrates",
    ),
    RiverCourse(
        "Great Zab",
        (
            (36.82, 44.36),  # down from the Barzan gorges
            (36.70, 44.27),  # Bekhme
            (36.55, 44.00),
            (36.40, 43.80),
            (36.27, 43.67),  # Eski Kalak, on the Erbil-Mosul road
            (36.10, 43.45),
            (35.99, 43.35),  # into the Tigris
        ),
        valley_km=5.0,
        joins="Tigris",
    ),
    RiverCourse(
        "Little Zab",
        (
            (36.15, 44.92),  # through Lake Dukan
            (35.96, 44.94),  # Dukan dam
            (35.89, 44.59),  # Taqtaq
            (35.76, 44.14),  # Altun Kupri
            (35.55, 43.85),
            (35.35, 43.60),
            (35.22, 43.43),  # into the Tigris
        ),
        valley_km=5.0,
        joins="Tigris",
    ),
)

# --- farmland away from the five rivers ------------------------------------------

# The irrigated plain between the Euphrates and the Tigris from Ramadi and
# Fallujah to Baghdad and south: canals make it farmland wall to wall.
MESOPOTAMIAN_PLAIN: tuple[LatLon, ...] = (
    (33.50, 43.20),
    (33.48, 43.80),
    (33.62, 44.10),
    (33.62, 44.45),
    (33.35, 44.60),
    (33.05, 44.68),
    (32.40, 44.70),
    (32.40, 44.30),
    (32.80, 44.22),
    (33.10, 43.95),
    (33.28, 43.75),
    (33.36, 43.20),
)

# Other irrigated strips: (name, polyline, half-width km).
FARM_STRIPS: tuple[tuple[str, tuple[LatLon, ...], float], ...] = (
    ("Balikh valley", ((36.69, 38.96), (36.30, 39.05), (35.95, 39.03)), 5.0),
    ("Diyala around Baqubah", ((34.05, 44.55), (33.75, 44.64), (33.40, 44.55)), 12.0),
)

# --- steppe ---------------------------------------------------------------------
# Roughly the 200 mm rainfall line, west to east: north and east of it the
# Jazira, the Nineveh plains and the Kirkuk plain (rain-fed grain and grazing);
# south and west of it the Syrian desert, Anbar and the southern Jazira.
STEPPE_LINE: tuple[LatLon, ...] = (
    (35.90, 38.40),
    (35.95, 40.00),
    (35.90, 41.00),
    (35.80, 42.00),
    (35.60, 43.00),
    (35.20, 43.40),
    (34.70, 44.00),
    (34.10, 44.60),
    (33.70, 45.10),
)

# --- hills ----------------------------------------------------------------------
# (name, ridge line, half-width km).
HILL_RIDGES: tuple[tuple[str, tuple[LatLon, ...], float], ...] = (
    ("Jebel Sinjar", ((36.42, 41.45), (36.33, 42.12)), 8.0),
    ("Jebel Abd al-Aziz", ((36.45, 40.00), (36.38, 40.60)), 6.0),
    ("Jebel Bishri", ((35.18, 38.95), (35.50, 39.70)), 12.0),
    ("Jebel Hamrin", ((35.10, 43.62), (34.30, 44.90)), 6.0),
    ("Qara Chauq", ((35.95, 43.60), (35.65, 43.70)), 5.0),
    ("Jebel Maqlub", ((36.60, 43.38), (36.52, 43.52)), 5.0),
    ("Chamchamal folds", ((35.85, 44.62), (35.35, 45.05)), 8.0),
)

# --- mountains ------------------------------------------------------------------
# The mountain front of Kurdistan, west to east: north of it and east of it, the
# Zagros and Taurus foothill ranges (Dohuk, Aqrah, Harir, Safeen, Koya).
MOUNTAIN_FRONT: tuple[LatLon, ...] = (
    (36.72, 42.88),
    (36.72, 43.85),  # Aqrah
    (36.55, 44.02),
    (36.36, 44.15),  # Salahaddin / Pirmam ridge, 20 km north-east of Erbil
    (36.20, 44.40),
    (36.06, 44.62),  # Koya
    (35.92, 44.80),
    (35.80, 45.10),
)

# --- lakes ----------------------------------------------------------------------
# Polygons where the shape matters, buffered polylines for long narrow ones.
# Every lake also claims the hex of its `centre`, so a small one never vanishes
# between hex centres. A reservoir no wider than its river valley `drowns` the
# river's own hexes between two points instead: a buffer around its axis would
# zigzag beside the river's hex chain and leave dry river hexes inside the lake.


@dataclass(frozen=True)
class Lake:
    name: str
    centre: LatLon | None = None
    polygon: tuple[LatLon, ...] = ()
    axis: tuple[LatLon, ...] = ()
    half_width_km: float = 0.0
    drowns: tuple[str, LatLon, LatLon] | None = None  # river, from, to (downstream)


LAKES: tuple[Lake, ...] = (
    Lake(
        "Lake Assad (its east end, above the Tabqa dam)",
        (35.90, 38.48),
        polygon=((35.88, 38.30), (36.05, 38.30), (35.95, 38.57), (35.87, 38.57)),
    ),
    Lake(
        "Lake Tharthar",
        (34.00, 43.20),
        polygon=(
            (34.38, 43.28),
            (34.20, 43.48),
            (33.90, 43.45),
            (33.68, 43.30),
            (33.70, 43.05),
            (33.95, 42.98),
            (34.20, 43.12),
        ),
    ),
    Lake("Lake Habbaniyah", (33.27, 43.47), axis=((33.30, 43.42), (33.24, 43.52)), half_width_km=5.0),
    Lake("Lake Razzaza", (32.70, 43.65), axis=((32.80, 43.55), (32.62, 43.75)), half_width_km=8.0),
    Lake("Lake Qadisiyah", drowns=("Euphrates", (34.44, 41.99), (34.21, 42.36))),  # Anah to the Haditha dam
    Lake("Mosul Dam lake", (36.72, 42.70), axis=((36.66, 42.78), (36.75, 42.65), (36.86, 42.52)), half_width_km=6.0),
    Lake("Lake Dukan", (36.05, 44.93), axis=((35.98, 44.93), (36.20, 44.90)), half_width_km=5.0),
)


# --- projection -------------------------------------------------------------------

KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LON_EQUATOR = 111.32


@dataclass(frozen=True)
class Projection:
    """Equirectangular projection from degrees to map km, and km to hexes.

    Equirectangular rather than anything grander because over 4 degrees of
    latitude its distortion (a few per cent at the top and bottom edges) is far
    below the size of a hex, and anyone can redo the arithmetic by hand.
    """

    west: float = 38.5  # longitude of the west edge: the centre of hex 0101
    north: float = 36.8  # latitude of the north edge: the centre of hex 0101
    ref_lat: float = 34.65  # latitude where east-west km are true
    km_per_hex: float = KM_PER_HEX  # between centres of adjacent hexes, across the flats

    @property
    def km_per_deg_lon(self) -> float:
        return KM_PER_DEG_LON_EQUATOR * math.cos(math.radians(self.ref_lat))

    def lonlat_to_km(self, lon: float, lat: float) -> tuple[float, float]:
        """km east and km south of the map's north-west corner (screen axes)."""
        return (lon - self.west) * self.km_per_deg_lon, (self.north - lat) * KM_PER_DEG_LAT

    def km_to_lonlat(self, x: float, y: float) -> tuple[float, float]:
        return self.west + x / self.km_per_deg_lon, self.north - y / KM_PER_DEG_LAT

    def layout(self) -> hexgrid.Layout:
        """The hex layout in km: corner radius R = km_per_hex / sqrt(3), hex 0101 at (0, 0)."""
        return hexgrid.Layout(self.km_per_hex / hexgrid.SQRT3, (0.0, 0.0))

    def lonlat_to_hex(self, lon: float, lat: float) -> Hex:
        return self.layout().pixel_to_hex(*self.lonlat_to_km(lon, lat))

    def hex_to_lonlat(self, h: Hex) -> tuple[float, float]:
        """The (lon, lat) of the hex's centre."""
        return self.km_to_lonlat(*self.layout().hex_to_pixel(h))


PROJECTION = Projection()


# --- output -----------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    hex: str  # CCRR
    country: str
    kind: str  # city, town, air_base, crossing, landmark
    population: int  # 0-4
    lat: float
    lon: float


@dataclass(frozen=True)
class River:
    name: str
    hexes: list[str] = field(default_factory=list)  # CCRR, downstream, each adjacent to the next


@dataclass(frozen=True)
class BorderMap:
    columns: int
    rows: int
    projection: Projection
    terrain: list[str]  # one string per row, row 01 first, one letter per column
    country: list[str]
    rivers: list[River]
    places: list[Place]

    def terrain_at(self, name: str) -> str:
        col, row = hexgrid.to_offset(hexgrid.parse_ccrr(name))
        return self.terrain[row][col]

    def country_at(self, name: str) -> str:
        col, row = hexgrid.to_offset(hexgrid.parse_ccrr(name))
        return self.country[row][col]


# --- plane geometry (in km, so that widths mean the same everywhere) ------------------


def _km(p: LatLon, proj: Projection = PROJECTION) -> tuple[float, float]:
    return proj.lonlat_to_km(p[1], p[0])


def _segment_distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / length2))
    return math.hypot(p[0] - ax - t * dx, p[1] - ay - t * dy)


def distance_to_polyline_km(p: LatLon, line: Sequence[LatLon]) -> float:
    """How far a point is from a river, ridge or shore, in km."""
    pk = _km(p)
    pts = [_km(q) for q in line]
    if len(pts) == 1:
        return math.dist(pk, pts[0])
    return min(_segment_distance(pk, a, b) for a, b in zip(pts, pts[1:]))


def inside_polygon(p: LatLon, polygon: Sequence[LatLon]) -> bool:
    """Even-odd rule; lat/lon are fine here because straight lines stay straight."""
    lat, lon = p
    inside = False
    for (lat1, lon1), (lat2, lon2) in zip(polygon, [*polygon[1:], polygon[0]]):
        if (lat1 > lat) != (lat2 > lat):
            cross_lon = lon1 + (lat - lat1) / (lat2 - lat1) * (lon2 - lon1)
            if lon < cross_lon:
                inside = not inside
    return inside


def _interpolate(line: Sequence[LatLon], key: float, by: int) -> float:
    """The other coordinate of `line` where its coordinate `by` (0 lat, 1 lon) equals
    `key`; beyond either end the line carries on level, which is what a border
    that leaves the map should do."""
    other = 1 - by
    pts = sorted(line, key=lambda q: q[by])
    if key <= pts[0][by]:
        return pts[0][other]
    if key >= pts[-1][by]:
        return pts[-1][other]
    for a, b in zip(pts, pts[1:]):
        if a[by] <= key <= b[by]:
            if b[by] == a[by]:
                return a[other]
            t = (key - a[by]) / (b[by] - a[by])
            return a[other] + t * (b[other] - a[other])
    raise AssertionError("unreachable")


def border_lon_at(line: Sequence[LatLon], lat: float) -> float:
    """Longitude of a north-south border at a latitude."""
    return _interpolate(line, lat, by=0)


def border_lat_at(line: Sequence[LatLon], lon: float) -> float:
    """Latitude of an east-west border (or front, or rainfall line) at a longitude."""
    return _interpolate(line, lon, by=1)


# --- countries --------------------------------------------------------------------


def country_at(lat: float, lon: float) -> str:
    """Which country a point is in, from the four borders that cross the map."""
    if lat > border_lat_at(SYRIA_TURKEY_BORDER, lon):
        return "T"
    tripoint_lat = IRAQ_SYRIA_BORDER[-1][0]
    if lat >= tripoint_lat:
        return "I" if lon > border_lon_at(IRAQ_SYRIA_BORDER, lat) else "S"
    if lon > border_lon_at(IRAQ_JORDAN_BORDER, lat):
        return "I"
    return "J" if lat < border_lat_at(SYRIA_JORDAN_BORDER, lon) else "S"


# --- terrain ----------------------------------------------------------------------


def base_terrain(lat: float, lon: float) -> str:
    """Steppe or desert, by which side of the rainfall line a point is on."""
    return "s" if lat > border_lat_at(STEPPE_LINE, lon) else "d"


def is_hills(p: LatLon) -> bool:
    return any(distance_to_polyline_km(p, ridge) <= w for _, ridge, w in HILL_RIDGES)


def is_mountains(p: LatLon) -> bool:
    """North of the front, but only from its west end on: west of it lie the
    Nineveh plains and the Jazira, flat right up to the Turkish border."""
    return p[1] >= MOUNTAIN_FRONT[0][1] and p[0] > border_lat_at(MOUNTAIN_FRONT, p[1])


def is_farmland(p: LatLon) -> bool:
    if inside_polygon(p, MESOPOTAMIAN_PLAIN):
        return True
    if any(distance_to_polyline_km(p, c.waypoints) <= c.valley_km for c in RIVER_COURSES):
        return True
    return any(distance_to_polyline_km(p, strip) <= w for _, strip, w in FARM_STRIPS)


def is_lake(p: LatLon, lake: Lake) -> bool:
    if lake.polygon and inside_polygon(p, lake.polygon):
        return True
    return bool(lake.axis) and distance_to_polyline_km(p, lake.axis) <= lake.half_width_km


def terrain_at(lat: float, lon: float) -> str:
    """The terrain of a hex centre before rivers and cities are laid on top.

    Later layers win: the river valleys cut through the hills (as the Tigris does
    at the Fatha gorge), mountains stay mountains even along the Zabs' upper
    gorges, and lakes drown whatever they cover.
    """
    p = (lat, lon)
    code = base_terrain(lat, lon)
    if is_hills(p):
        code = "h"
    if is_farmland(p):
        code = "f"
    if is_mountains(p):
        code = "m"
    if any(is_lake(p, lake) for lake in LAKES):
        code = "w"
    return code


# --- rivers -----------------------------------------------------------------------


def _chain(waypoint_hexes: Sequence[Hex]) -> list[Hex]:
    """Join waypoint hexes with straight hex lines into one chain without loops.

    A loop can appear where two waypoints fall in neighbouring hexes and the
    lines double back; the river would then visit a hex twice, so the loop is cut.
    """
    out: list[Hex] = []
    for a, b in zip(waypoint_hexes, waypoint_hexes[1:]):
        for h in hexgrid.line(a, b):
            if out and h == out[-1]:
                continue
            if h in out:
                del out[out.index(h) + 1 :]
                continue
            out.append(h)
    if not out and waypoint_hexes:
        out = [waypoint_hexes[0]]
    return out


def _clip(chain: list[Hex], columns: int, rows: int) -> list[Hex]:
    """The longest stretch of the chain that stays on the map."""
    best: list[Hex] = []
    run: list[Hex] = []
    for h in chain:
        if hexgrid.on_map(h, columns, rows):
            run.append(h)
            if len(run) > len(best):
                best = list(run)
        else:
            run = []
    return best


def build_river(course: RiverCourse, joins: list[Hex] | None, proj: Projection, columns: int, rows: int) -> list[Hex]:
    """The hexes of a river, downstream.

    A tributary's last waypoint is snapped to the nearest hex of the river it
    joins, so the two chains meet in a shared hex instead of running side by side.
    """
    hexes = [proj.lonlat_to_hex(lon, lat) for lat, lon in course.waypoints]
    if joins:
        mouth = hexes[-1]
        hexes[-1] = min(joins, key=lambda h: hexgrid.distance(h, mouth))
    return _clip(_chain(hexes), columns, rows)


def lake_hexes(lake: Lake, rivers: dict[str, list[Hex]], proj: Projection) -> list[Hex]:
    """The hexes a lake claims beyond those whose centres it covers."""
    out = [proj.lonlat_to_hex(lake.centre[1], lake.centre[0])] if lake.centre else []
    if lake.drowns:
        name, start, end = lake.drowns
        course = rivers[name]
        ends = [proj.lonlat_to_hex(lon, lat) for lat, lon in (start, end)]
        i, j = (min(range(len(course)), key=lambda k: hexgrid.distance(course[k], e)) for e in ends)
        out += course[i : j + 1]
    return out


def city_hexes(pid: str, lat: float, lon: float, proj: Projection) -> list[Hex]:
    """The city's own hex, plus the neighbours its sprawl covers (Baghdad only)."""
    h = proj.lonlat_to_hex(lon, lat)
    radius = URBAN_RADIUS_KM.get(pid, 0.0)
    centre = proj.lonlat_to_km(lon, lat)
    layout = proj.layout()
    return [n for n in hexgrid.hex_range(h, 2) if n == h or math.dist(layout.hex_to_pixel(n), centre) <= radius]


# --- the whole map ----------------------------------------------------------------


def generate(proj: Projection = PROJECTION, columns: int = COLUMNS, rows: int = ROWS) -> BorderMap:
    """Build the map: terrain and country by hex centre, then rivers, then cities."""
    centres = {h: proj.hex_to_lonlat(h) for h in hexgrid.grid(columns, rows)}
    terrain = {h: terrain_at(lat, lon) for h, (lon, lat) in centres.items()}
    country = {h: country_at(lat, lon) for h, (lon, lat) in centres.items()}

    built: dict[str, list[Hex]] = {}
    for course in RIVER_COURSES:
        built[course.name] = build_river(course, built.get(course.joins) if course.joins else None, proj, columns, rows)
    # A river hex is valley floor unless it is a lake or a mountain gorge.
    for hexes in built.values():
        for h in hexes:
            if terrain[h] not in ("w", "m"):
                terrain[h] = "f"
    for lake in LAKES:
        for h in lake_hexes(lake, built, proj):
            if hexgrid.on_map(h, columns, rows):
                terrain[h] = "w"

    places = []
    for pid, name, kind, population, lat, lon in PLACES:
        h = proj.lonlat_to_hex(lon, lat)
        if kind == "city":
            for n in city_hexes(pid, lat, lon, proj):
                if hexgrid.on_map(n, columns, rows):
                    terrain[n] = "u"
        places.append(Place(pid, name, hexgrid.ccrr(h), country[h], kind, population, lat, lon))

    def rows_of(codes: dict[Hex, str]) -> list[str]:
        return ["".join(codes[hexgrid.from_offset(c, r)] for c in range(columns)) for r in range(rows)]

    rivers = [River(name, [hexgrid.ccrr(h) for h in hexes]) for name, hexes in built.items()]
    return BorderMap(columns, rows, proj, rows_of(terrain), rows_of(country), rivers, places)


# --- YAML -------------------------------------------------------------------------

TERRAIN_LEGEND = "d desert, s steppe, f farmland, u urban, h hills, m mountains, w water"
COUNTRY_LEGEND = "S Syria, I Iraq, T Turkey, J Jordan"
# Places name their country by the id the scenario's `countries:` uses, not by the letter.
COUNTRY_IDS = {"S": "syria", "I": "iraq", "T": "turkey", "J": "jordan"}


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _flow_list(items: list[str], indent: str, per_line: int = 12) -> str:
    """A flow sequence wrapped a dozen to a line, so a long river stays readable."""
    chunks = [", ".join(_q(x) for x in items[i : i + per_line]) for i in range(0, len(items), per_line)]
    return "[" + (",\n" + indent + " ").join(chunks) + "]"


def to_yaml(m: BorderMap) -> str:
    """The map section of a scenario file, written by hand rather than by yaml.dump
    so that the rows line up one per line and a designer can edit them in place."""
    p = m.projection
    out = [
        "map:",
        f"  columns: {m.columns}",
        f"  rows: {m.rows}",
        f"  km_per_hex: {p.km_per_hex}",
        f"  projection: {{west: {p.west}, north: {p.north}, ref_lat: {p.ref_lat}}}",
        f"  # terrain: one letter per column, row 01 first ({TERRAIN_LEGEND})",
        "  terrain:",
        *[f"    - {_q(row)}" for row in m.terrain],
        f"  # country: one letter per column, row 01 first ({COUNTRY_LEGEND})",
        "  country:",
        *[f"    - {_q(row)}" for row in m.country],
        "  rivers:",
    ]
    for r in m.rivers:
        out.append(f"    - name: {_q(r.name)}")
        out.append("      hexes: " + _flow_list(r.hexes, indent="             "))
    out.append("  places:")
    for pl in m.places:
        out.append(
            f"    - {{id: {pl.id}, name: {_q(pl.name)}, hex: {_q(pl.hex)}, country: {COUNTRY_IDS[pl.country]}, "
            f"kind: {pl.kind}, population: {pl.population}, lat: {pl.lat}, lon: {pl.lon}}}"
        )
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(to_yaml(generate()), end="")

"""The generated Iraq-Syria map must match real geography at the level of public maps.

The expectations below are copied from the design (docs' table of places and
border waypoints), not from the generator's own tables, so that a slip in a
table shows up as a failing test rather than as a wrong map that agrees with
itself.
"""

from __future__ import annotations

import math

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame import hexgrid
from wargame.hexgrid import Hex
from tools import geography as geo

COLUMNS, ROWS = 58, 40
TERRAIN_CODES = set("dsfuhmw")
COUNTRY_CODES = set("SITJ")

# game.md's table: id, lat, lon, country.
DESIGN_PLACES = [
    ("erbil", 36.19, 44.01, "I"),
    ("erbil_air_base", 36.24, 43.96, "I"),
    ("mosul", 36.34, 43.13, "I"),
    ("kirkuk", 35.47, 44.39, "I"),
    ("tikrit", 34.61, 43.68, "I"),
    ("baghdad", 33.31, 44.37, "I"),
    ("fallujah", 33.35, 43.78, "I"),
    ("ramadi", 33.42, 43.30, "I"),
    ("ain_al_asad", 33.80, 42.44, "I"),
    ("haditha", 34.14, 42.38, "I"),
    ("al_qaim", 34.37, 41.09, "I"),
    ("al_bukamal", 34.45, 40.92, "S"),
    ("al_mayadin", 35.02, 40.45, "S"),
    ("deir_ez_zor", 35.33, 40.14, "S"),
    ("al_tanf", 33.50, 38.62, "S"),
    ("rutbah", 33.04, 40.28, "I"),
    ("sinjar", 36.35, 41.85, "I"),
]

# game.md: Iraq-Syria border, north to south, and the tripoint with Jordan.
DESIGN_BORDER = [(37.1, 42.4), (36.4, 41.3), (34.4, 41.0), (33.37, 38.79)]


@pytest.fixture(scope="module")
def m() -> geo.BorderMap:
    return geo.generate()


def hex_of(name: str) -> Hex:
    return hexgrid.parse_ccrr(name)


def code(rows: list[str], h: Hex) -> str:
    col, row = hexgrid.to_offset(h)
    return rows[row][col]


def place(m: geo.BorderMap, pid: str) -> geo.Place:
    return next(p for p in m.places if p.id == pid)


def design_border_lon(lat: float) -> float:
    pts = DESIGN_BORDER
    for (lat1, lon1), (lat2, lon2) in zip(pts, pts[1:]):
        if lat2 <= lat <= lat1:
            return lon1 + (lat - lat1) / (lat2 - lat1) * (lon2 - lon1)
    raise ValueError(lat)


on_map_hexes = st.builds(hexgrid.from_offset, st.integers(0, COLUMNS - 1), st.integers(0, ROWS - 1))


# --- projection ---------------------------------------------------------------------


@given(on_map_hexes)
def test_hex_centre_maps_back_to_its_hex(h: Hex) -> None:
    lon, lat = geo.PROJECTION.hex_to_lonlat(h)
    assert geo.PROJECTION.lonlat_to_hex(lon, lat) == h


@given(st.floats(37.0, 46.0), st.floats(31.5, 37.5))
def test_lonlat_km_round_trip(lon: float, lat: float) -> None:
    x, y = geo.PROJECTION.lonlat_to_km(lon, lat)
    lon2, lat2 = geo.PROJECTION.km_to_lonlat(x, y)
    assert lon2 == pytest.approx(lon, abs=1e-9)
    assert lat2 == pytest.approx(lat, abs=1e-9)


def test_projection_constants() -> None:
    p = geo.PROJECTION
    assert (p.west, p.north, p.ref_lat, p.km_per_hex) == (38.5, 36.8, 34.65, 12.0)
    assert p.lonlat_to_km(38.5, 36.8) == (0.0, 0.0)
    assert p.lonlat_to_hex(38.5, 36.8) == hexgrid.parse_ccrr("0101")
    assert p.layout().size == pytest.approx(12.0 / math.sqrt(3))
    # One degree of latitude is 110.574 km, south positive.
    assert p.lonlat_to_km(38.5, 35.8)[1] == pytest.approx(110.574)
    # Adjacent hexes are 12 km apart, centre to centre.
    a, b = p.layout().hex_to_pixel(Hex(0, 0)), p.layout().hex_to_pixel(Hex(1, 0))
    assert math.dist(a, b) == pytest.approx(12.0)


def test_map_covers_the_design_extent() -> None:
    p = geo.PROJECTION
    for lon, lat in [(38.55, 36.75), (44.95, 36.75), (38.55, 32.55), (44.95, 32.55)]:
        assert hexgrid.on_map(p.lonlat_to_hex(lon, lat), COLUMNS, ROWS), (lon, lat)


# --- the grids ----------------------------------------------------------------------


def test_map_is_58_by_40_with_known_codes(m: geo.BorderMap) -> None:
    assert (m.columns, m.rows) == (COLUMNS, ROWS)
    assert len(m.terrain) == ROWS and len(m.country) == ROWS
    for t_row, c_row in zip(m.terrain, m.country):
        assert len(t_row) == COLUMNS and len(c_row) == COLUMNS
        assert set(t_row) <= TERRAIN_CODES
        assert set(c_row) <= COUNTRY_CODES


def test_generation_is_deterministic(m: geo.BorderMap) -> None:
    assert geo.generate() == m


# --- places -------------------------------------------------------------------------


@pytest.mark.parametrize("pid, lat, lon, country", DESIGN_PLACES)
def test_design_places_are_where_the_design_says(
    m: geo.BorderMap, pid: str, lat: float, lon: float, country: str
) -> None:
    p = place(m, pid)
    expected = geo.PROJECTION.lonlat_to_hex(lon, lat)
    assert hexgrid.distance(hex_of(p.hex), expected) <= 1
    assert p.country == country
    assert code(m.country, hex_of(p.hex)) == country


def test_every_place_is_on_its_own_lat_lon_and_country(m: geo.BorderMap) -> None:
    ids = [p.id for p in m.places]
    assert len(ids) == len(set(ids))
    for p in m.places:
        h = hex_of(p.hex)
        assert hexgrid.on_map(h, COLUMNS, ROWS)
        assert h == geo.PROJECTION.lonlat_to_hex(p.lon, p.lat), p.id
        assert p.country == code(m.country, h), p.id
        assert p.kind in {"city", "town", "air_base", "crossing", "landmark"}
        assert 0 <= p.population <= 4


def test_border_towns_face_each_other(m: geo.BorderMap) -> None:
    bukamal, qaim = place(m, "al_bukamal"), place(m, "al_qaim")
    assert bukamal.hex != qaim.hex
    assert hexgrid.distance(hex_of(bukamal.hex), hex_of(qaim.hex)) <= 2
    assert (bukamal.country, qaim.country) == ("S", "I")
    assert place(m, "al_tanf").country == "S"
    assert hexgrid.distance(hex_of(place(m, "al_qaim_crossing").hex), hex_of(qaim.hex)) <= 1


def test_cities_are_urban_and_baghdad_is_biggest(m: geo.BorderMap) -> None:
    for p in m.places:
        if p.kind == "city":
            assert code(m.terrain, hex_of(p.hex)) == "u", p.id
    assert place(m, "baghdad").population == 4
    assert {place(m, c).population for c in ("mosul", "erbil", "kirkuk")} == {3}
    baghdad = hex_of(place(m, "baghdad").hex)
    urban_near_baghdad = [h for h in hexgrid.hex_range(baghdad, 2) if code(m.terrain, h) == "u"]
    assert len(urban_near_baghdad) >= 3


# --- rivers -------------------------------------------------------------------------


def test_rivers_are_chains_of_adjacent_on_map_hexes(m: geo.BorderMap) -> None:
    assert {r.name for r in m.rivers} == {"Euphrates", "Tigris", "Khabur", "Great Zab", "Little Zab"}
    for r in m.rivers:
        hexes = [hex_of(n) for n in r.hexes]
        assert len(hexes) >= 5, r.name
        assert len(set(hexes)) == len(hexes), r.name
        assert all(hexgrid.on_map(h, COLUMNS, ROWS) for h in hexes), r.name
        assert all(hexgrid.distance(a, b) == 1 for a, b in zip(hexes, hexes[1:])), r.name


def _river(m: geo.BorderMap, name: str) -> list[Hex]:
    return [hex_of(n) for n in next(r for r in m.rivers if r.name == name).hexes]


@pytest.mark.parametrize(
    "river, pids",
    [
        ("Tigris", ["mosul", "qayyarah", "baiji", "tikrit", "samarra", "baghdad"]),
        (
            "Euphrates",
            ["raqqa", "deir_ez_zor", "al_mayadin", "al_bukamal", "al_qaim", "haditha", "hit", "ramadi", "fallujah"],
        ),
        ("Khabur", ["hasakah"]),
    ],
)
def test_river_towns_are_on_their_river(m: geo.BorderMap, river: str, pids: list[str]) -> None:
    course = _river(m, river)
    for pid in pids:
        h = hex_of(place(m, pid).hex)
        assert min(hexgrid.distance(h, c) for c in course) <= 1, pid


def test_rivers_flow_downstream_and_tributaries_join(m: geo.BorderMap) -> None:
    euphrates, tigris = _river(m, "Euphrates"), _river(m, "Tigris")
    # The Euphrates enters from the west edge near Raqqa and leaves by the south edge.
    assert hexgrid.to_offset(euphrates[0])[0] == 0
    assert hexgrid.to_offset(euphrates[-1])[1] == ROWS - 1
    # The Tigris enters from the north edge and leaves by the east edge.
    assert hexgrid.to_offset(tigris[0])[1] == 0
    assert hexgrid.to_offset(tigris[-1])[0] == COLUMNS - 1
    # Downstream means southward overall.
    for r in m.rivers:
        first, last = hex_of(r.hexes[0]), hex_of(r.hexes[-1])
        assert hexgrid.to_offset(last)[1] > hexgrid.to_offset(first)[1], r.name
    assert _river(m, "Khabur")[-1] in euphrates
    assert _river(m, "Great Zab")[-1] in tigris
    assert _river(m, "Little Zab")[-1] in tigris
    # The Great Zab meets the Tigris upstream of the Little Zab.
    assert tigris.index(_river(m, "Great Zab")[-1]) < tigris.index(_river(m, "Little Zab")[-1])


def test_river_valleys_are_farmland_lakes_or_gorges(m: geo.BorderMap) -> None:
    for r in m.rivers:
        for n in r.hexes:
            assert code(m.terrain, hex_of(n)) in "fwmu", (r.name, n)


waypoint = st.tuples(st.floats(32.0, 37.3), st.floats(38.0, 45.5))


@settings(max_examples=200)
@given(st.lists(waypoint, min_size=2, max_size=8))
def test_any_course_becomes_a_clean_chain(points: list[tuple[float, float]]) -> None:
    course = geo.RiverCourse("test", tuple(points), valley_km=5.0)
    hexes = geo.build_river(course, None, geo.PROJECTION, COLUMNS, ROWS)
    assert len(set(hexes)) == len(hexes)
    assert all(hexgrid.on_map(h, COLUMNS, ROWS) for h in hexes)
    assert all(hexgrid.distance(a, b) == 1 for a, b in zip(hexes, hexes[1:]))


# --- terrain features -----------------------------------------------------------------


def test_mountains_are_in_the_north_east(m: geo.BorderMap) -> None:
    mountains = [h for h in hexgrid.grid(COLUMNS, ROWS) if code(m.terrain, h) == "m"]
    assert len(mountains) >= 30
    for h in mountains:
        col, row = hexgrid.to_offset(h)
        assert col >= COLUMNS // 2 and row < ROWS // 2, hexgrid.ccrr(h)
        lon, lat = geo.PROJECTION.hex_to_lonlat(h)
        assert lat > 35.7 and lon > 42.8, hexgrid.ccrr(h)
    # Erbil sits on its plain, with the mountains a hex or two to the north-east.
    erbil = hex_of(place(m, "erbil").hex)
    assert code(m.terrain, erbil) != "m"
    assert any(code(m.terrain, h) == "m" for h in hexgrid.hex_range(erbil, 3))


@pytest.mark.parametrize(
    "lat, lon, expected, what",
    [
        (36.36, 41.80, "h", "Sinjar ridge"),
        (35.30, 39.30, "h", "Jebel Bishri"),
        (34.70, 44.25, "h", "Hamrin range"),
        (36.42, 40.30, "h", "Jebel Abd al-Aziz"),
        (34.00, 43.20, "w", "Lake Tharthar"),
        (33.27, 43.47, "w", "Lake Habbaniyah"),
        (34.33, 42.15, "w", "Lake Qadisiyah"),
        (36.70, 42.72, "w", "Mosul Dam lake"),
        (36.05, 44.93, "w", "Lake Dukan"),
        (36.75, 43.50, "m", "ranges north of Mosul"),
        (36.55, 44.60, "m", "Kurdistan ranges north-east of Erbil"),
        (33.00, 41.50, "d", "Anbar desert"),
        (34.00, 39.80, "d", "Syrian desert"),
        (36.60, 39.60, "s", "Syrian Jazira"),
        (36.30, 42.90, "s", "Nineveh plains"),
        (33.10, 44.25, "f", "Mesopotamian plain"),
    ],
)
def test_landmarks_have_their_terrain(m: geo.BorderMap, lat: float, lon: float, expected: str, what: str) -> None:
    assert code(m.terrain, geo.PROJECTION.lonlat_to_hex(lon, lat)) == expected, what


def test_south_of_the_euphrates_in_the_west_is_desert(m: geo.BorderMap) -> None:
    counts = {"d": 0, "other": 0}
    for h in hexgrid.grid(COLUMNS, ROWS):
        lon, lat = geo.PROJECTION.hex_to_lonlat(h)
        if lon < 42.0 and lat < 34.2:  # Anbar and the Syrian desert, away from the valley
            counts["d" if code(m.terrain, h) == "d" else "other"] += 1
    assert counts["d"] > 0.95 * (counts["d"] + counts["other"])


# --- countries ------------------------------------------------------------------------


def test_iraq_is_one_run_at_the_east_of_every_row(m: geo.BorderMap) -> None:
    for row in m.country:
        stripped = row.rstrip("I")
        assert stripped and len(stripped) < len(row)
        assert "I" not in stripped


def test_border_follows_the_design_waypoints(m: geo.BorderMap) -> None:
    tolerance = 12.0 / geo.PROJECTION.km_per_deg_lon * 1.5  # a hex and a half of longitude
    for h in hexgrid.grid(COLUMNS, ROWS):
        lon, lat = geo.PROJECTION.hex_to_lonlat(h)
        if not DESIGN_BORDER[-1][0] <= lat <= DESIGN_BORDER[0][0]:
            continue
        c = code(m.country, h)
        border = design_border_lon(lat)
        if c == "S":
            assert lon < border + tolerance, hexgrid.ccrr(h)
        elif c == "I":
            assert lon > border - tolerance, hexgrid.ccrr(h)


def test_turkey_and_jordan_only_at_their_edges(m: geo.BorderMap) -> None:
    for h in hexgrid.grid(COLUMNS, ROWS):
        col, row = hexgrid.to_offset(h)
        c = code(m.country, h)
        if c == "T":
            assert row <= 1 and col < COLUMNS // 2, hexgrid.ccrr(h)
        if c == "J":
            assert row >= 30 and col <= 8, hexgrid.ccrr(h)
    assert any("T" in row for row in m.country)
    assert any("J" in row for row in m.country)
    # The Jordanian desert fills the south-west corner.
    assert code(m.country, hexgrid.from_offset(0, ROWS - 1)) == "J"


# --- YAML -----------------------------------------------------------------------------


def test_yaml_round_trips(m: geo.BorderMap) -> None:
    text = geo.to_yaml(m)
    data = yaml.safe_load(text)["map"]
    assert data["columns"] == COLUMNS and data["rows"] == ROWS
    assert data["km_per_hex"] == 12.0
    assert data["projection"] == {"west": 38.5, "north": 36.8, "ref_lat": 34.65}
    assert data["terrain"] == m.terrain
    assert data["country"] == m.country
    assert [(r["name"], r["hexes"]) for r in data["rivers"]] == [(r.name, r.hexes) for r in m.rivers]
    assert [tuple(p.values()) for p in data["places"]] == [
        (p.id, p.name, p.hex, geo.COUNTRY_IDS[p.country], p.kind, p.population, p.lat, p.lon) for p in m.places
    ]
    # One row per line, so a designer can edit the map in a text editor.
    for row in m.terrain:
        assert f'    - "{row}"\n' in text

"""Properties of the hex geometry: distance, lines, areas, CCRR names and pixels.

Hexes are flat-topped, in axial coordinates, with "odd-q" columns (1-based even
columns sit half a hex lower). The map is 58 columns by 40 rows.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame import hexgrid
from wargame.hexgrid import SQRT3, Hex, Layout

COLUMNS, ROWS = 58, 40

coords = st.integers(min_value=-60, max_value=60)
hexes = st.builds(Hex, coords, coords)
radii = st.integers(min_value=0, max_value=12)
on_map_offsets = st.tuples(st.integers(0, COLUMNS - 1), st.integers(0, ROWS - 1))
named_offsets = st.tuples(st.integers(0, 98), st.integers(0, 98))
layouts = st.builds(
    Layout,
    st.floats(min_value=4, max_value=80),
    st.tuples(st.floats(min_value=-1000, max_value=1000), st.floats(min_value=-1000, max_value=1000)),
)


def add(h: Hex, dq: int, dr: int) -> Hex:
    return Hex(h.q + dq, h.r + dr)


def adjacent(a: Hex, b: Hex) -> bool:
    return hexgrid.distance(a, b) == 1


def assert_connected(path: list[Hex]) -> None:
    for x, y in zip(path, path[1:]):
        assert adjacent(x, y), f"{x} and {y} are not neighbours in {path}"


def name(col1: int, row1: int) -> str:
    """The CCRR name of a 1-based column and row."""
    return f"{col1:02d}{row1:02d}"


# --- distance and neighbours -------------------------------------------------------


@given(hexes, hexes)
def test_distance_is_zero_only_between_equal_hexes(a, b):
    assert (hexgrid.distance(a, b) == 0) == (a == b)
    assert hexgrid.distance(a, a) == 0


@given(hexes, hexes)
def test_distance_is_symmetric_and_matches_the_method(a, b):
    assert hexgrid.distance(a, b) == hexgrid.distance(b, a) == a.distance(b)


@given(hexes, hexes, hexes)
def test_distance_obeys_the_triangle_inequality(a, b, c):
    assert hexgrid.distance(a, c) <= hexgrid.distance(a, b) + hexgrid.distance(b, c)


def test_distance_of_known_pairs():
    assert hexgrid.distance(Hex(0, 0), Hex(3, 0)) == 3
    assert hexgrid.distance(Hex(0, 0), Hex(2, -1)) == 2
    assert hexgrid.distance(Hex(0, 0), Hex(2, 2)) == 4
    assert hexgrid.distance(Hex(-1, 5), Hex(4, -3)) == 8


@given(hexes)
def test_six_distinct_neighbours_at_distance_one(h):
    ns = h.neighbours()
    assert len(ns) == 6
    assert len(set(ns)) == 6
    assert all(hexgrid.distance(h, n) == 1 for n in ns)


def test_cube_coordinates_sum_to_zero():
    h = Hex(3, -7)
    assert h.s == 4
    assert h.q + h.r + h.s == 0


# --- lines -------------------------------------------------------------------------


@given(hexes, hexes)
def test_line_runs_from_a_to_b_in_single_steps(a, b):
    path = hexgrid.line(a, b)
    assert len(path) == hexgrid.distance(a, b) + 1
    assert path[0] == a
    assert path[-1] == b
    assert_connected(path)


@given(hexes)
def test_line_to_itself_is_one_hex(a):
    assert hexgrid.line(a, a) == [a]


edge_directions = st.sampled_from([(2, -1), (1, 1), (-1, 2), (-2, 1), (-1, -1), (1, -2)])


@given(hexes, edge_directions, st.integers(min_value=1, max_value=15))
def test_lines_along_hex_edges_are_connected(a, d, k):
    b = add(a, d[0] * k, d[1] * k)
    path = hexgrid.line(a, b)
    assert len(path) == 2 * k + 1
    assert path[0] == a and path[-1] == b
    assert_connected(path)


@given(hexes, hexes, edge_directions, st.integers(min_value=1, max_value=15))
def test_lines_along_hex_edges_fall_the_same_way_everywhere(a, t, d, k):
    """Moving both ends moves the whole line: the tie-break does not depend on
    where the line is (as round-half-to-even would)."""
    b = add(a, d[0] * k, d[1] * k)
    here = hexgrid.line(a, b)
    there = hexgrid.line(add(a, *t), add(b, *t))
    assert there == [add(h, *t) for h in here]
    assert hexgrid.line(a, b) == here


def test_edge_line_takes_a_fixed_side():
    # From (0, 0) to (2, -1) the midpoint lies on the edge between (1, 0) and (1, -1).
    path = hexgrid.line(Hex(0, 0), Hex(2, -1))
    assert path[0] == Hex(0, 0) and path[2] == Hex(2, -1)
    assert path[1] in (Hex(1, 0), Hex(1, -1))
    assert hexgrid.line(Hex(10, 10), Hex(12, 9))[1] == add(path[1], 10, 10)


# --- ranges and rings --------------------------------------------------------------


@given(hexes, radii)
def test_range_holds_every_hex_within_n(c, n):
    area = hexgrid.hex_range(c, n)
    assert len(area) == 3 * n * (n + 1) + 1
    assert len(set(area)) == len(area)
    assert all(hexgrid.distance(c, h) <= n for h in area)


@given(hexes, st.integers(min_value=0, max_value=4), st.integers(min_value=-6, max_value=6),
       st.integers(min_value=-6, max_value=6))
def test_range_contains_exactly_the_hexes_within_n(c, n, dq, dr):
    h = add(c, dq, dr)
    assert (h in hexgrid.hex_range(c, n)) == (hexgrid.distance(c, h) <= n)


@given(hexes, radii)
def test_ring_is_a_closed_loop_at_exactly_n(c, n):
    loop = hexgrid.ring(c, n)
    assert len(loop) == (6 * n if n else 1)
    assert len(set(loop)) == len(loop)
    assert all(hexgrid.distance(c, h) == n for h in loop)
    if n:
        assert_connected(loop + loop[:1])


@given(hexes, st.integers(min_value=1, max_value=8))
def test_rings_partition_the_range(c, n):
    rings = [h for k in range(n + 1) for h in hexgrid.ring(c, k)]
    assert sorted(rings) == sorted(hexgrid.hex_range(c, n))


def test_ring_of_zero_is_the_centre():
    assert hexgrid.ring(Hex(4, -2), 0) == [Hex(4, -2)]


# --- offsets and CCRR names --------------------------------------------------------


@given(named_offsets)
def test_ccrr_round_trip(offset):
    h = hexgrid.from_offset(*offset)
    assert hexgrid.parse_ccrr(hexgrid.ccrr(h)) == h


@given(named_offsets)
def test_ccrr_is_one_based_column_then_row(offset):
    col, row = offset
    assert hexgrid.ccrr(hexgrid.from_offset(col, row)) == name(col + 1, row + 1)


@given(st.integers(-200, 200), st.integers(-200, 200))
def test_offset_round_trip(col, row):
    assert hexgrid.to_offset(hexgrid.from_offset(col, row)) == (col, row)


@given(hexes)
def test_axial_round_trip_through_offsets(h):
    assert hexgrid.from_offset(*hexgrid.to_offset(h)) == h


@pytest.mark.parametrize(
    "col, row, expected",
    [(0, 0, "0101"), (11, 6, "1207"), (1, 0, "0201"), (57, 39, "5840"), (98, 98, "9999"), (9, 0, "1001")],
)
def test_known_ccrr_names(col, row, expected):
    assert hexgrid.ccrr(hexgrid.from_offset(col, row)) == expected
    assert hexgrid.parse_ccrr(expected) == hexgrid.from_offset(col, row)


def test_known_axial_coordinates():
    assert hexgrid.parse_ccrr("0101") == Hex(0, 0)
    assert hexgrid.parse_ccrr("0201") == Hex(1, 0)
    assert hexgrid.parse_ccrr("0301") == Hex(2, -1)
    assert hexgrid.parse_ccrr("0102") == Hex(0, 1)


@pytest.mark.parametrize("bad", ["12a7", "120", "0012", "1200", "", "12070", " 207", "+207", "１２０７", "12.7"])
def test_parse_ccrr_rejects_bad_names(bad):
    with pytest.raises(ValueError):
        hexgrid.parse_ccrr(bad)


@pytest.mark.parametrize("h", [hexgrid.from_offset(-1, 0), hexgrid.from_offset(0, -1), hexgrid.from_offset(99, 0),
                               hexgrid.from_offset(0, 99)])
def test_hexes_off_the_naming_range_have_no_ccrr(h):
    with pytest.raises(ValueError):
        hexgrid.ccrr(h)


def test_even_columns_sit_half_a_hex_lower():
    h0201 = hexgrid.parse_ccrr("0201")
    names = {hexgrid.ccrr(n) for n in h0201.neighbours() if hexgrid.on_map(n, COLUMNS, ROWS)}
    assert names == {"0101", "0102", "0202", "0301", "0302"}

    h0202 = hexgrid.parse_ccrr("0202")
    assert {hexgrid.ccrr(n) for n in h0202.neighbours()} == {"0102", "0103", "0201", "0203", "0302", "0303"}
    h0302 = hexgrid.parse_ccrr("0302")
    assert {hexgrid.ccrr(n) for n in h0302.neighbours()} == {"0201", "0202", "0301", "0303", "0401", "0402"}

    layout = Layout(10.0)
    x1, y1 = layout.hex_to_pixel(hexgrid.parse_ccrr("0101"))
    x2, y2 = layout.hex_to_pixel(h0201)
    x3, y3 = layout.hex_to_pixel(hexgrid.parse_ccrr("0301"))
    assert x1 < x2 < x3
    assert y2 == pytest.approx(y1 + layout.row_spacing / 2)
    assert y3 == pytest.approx(y1)


@given(on_map_offsets)
def test_same_row_differs_by_half_a_row_between_columns(offset):
    col, row = offset
    layout = Layout(20.0)
    x, y = layout.hex_to_pixel(hexgrid.from_offset(col, row))
    assert x == pytest.approx(col * layout.column_spacing)
    lower = 0.5 if col % 2 == 1 else 0.0
    assert y == pytest.approx((row + lower) * layout.row_spacing)


@given(on_map_offsets)
def test_on_map_hexes(offset):
    h = hexgrid.from_offset(*offset)
    assert hexgrid.on_map(h, COLUMNS, ROWS)
    assert not hexgrid.on_map(hexgrid.from_offset(offset[0] + COLUMNS, offset[1]), COLUMNS, ROWS)
    assert not hexgrid.on_map(hexgrid.from_offset(offset[0], offset[1] - ROWS), COLUMNS, ROWS)


def test_grid_lists_every_map_hex_once_row_by_row():
    cells = list(hexgrid.grid(COLUMNS, ROWS))
    assert len(cells) == len(set(cells)) == COLUMNS * ROWS
    assert [hexgrid.ccrr(h) for h in cells[:3]] == ["0101", "0201", "0301"]
    assert hexgrid.ccrr(cells[COLUMNS]) == "0102"
    assert hexgrid.ccrr(cells[-1]) == "5840"


# --- pixels ------------------------------------------------------------------------


@given(layouts, hexes)
def test_pixel_round_trip(layout, h):
    assert layout.pixel_to_hex(*layout.hex_to_pixel(h)) == h


@given(layouts, hexes, st.floats(min_value=0, max_value=0.8), st.floats(min_value=0, max_value=2 * math.pi))
def test_points_inside_the_inner_circle_belong_to_the_hex(layout, h, fraction, angle):
    x, y = layout.hex_to_pixel(h)
    radius = fraction * layout.size * SQRT3 / 2
    assert layout.pixel_to_hex(x + radius * math.cos(angle), y + radius * math.sin(angle)) == h


@given(layouts, hexes)
def test_neighbour_centres_are_one_inner_diameter_apart(layout, h):
    x, y = layout.hex_to_pixel(h)
    for n in h.neighbours():
        nx, ny = layout.hex_to_pixel(n)
        assert math.hypot(nx - x, ny - y) == pytest.approx(layout.size * SQRT3)


@given(layouts, hexes)
def test_six_corners_at_the_corner_radius(layout, h):
    cx, cy = layout.hex_to_pixel(h)
    corners = layout.corners(h)
    assert len(corners) == 6
    for x, y in corners:
        assert math.hypot(x - cx, y - cy) == pytest.approx(layout.size)
    for (x1, y1), (x2, y2) in zip(corners, corners[1:] + corners[:1]):
        assert math.hypot(x2 - x1, y2 - y1) == pytest.approx(layout.size)  # a regular hexagon


def test_corners_start_east_and_turn_clockwise_on_screen():
    corners = Layout(10.0, (100.0, 50.0)).corners(Hex(0, 0))
    assert corners[0] == pytest.approx((110.0, 50.0))
    assert corners[1][1] > 50.0  # screen y grows downwards
    assert corners[3] == pytest.approx((90.0, 50.0))


pixels = st.tuples(st.floats(min_value=-2000, max_value=2000), st.floats(min_value=-2000, max_value=2000))


@given(layouts, st.floats(min_value=4, max_value=80), pixels)
def test_zoom_keeps_the_point_under_the_cursor(layout, new_size, about):
    zoomed = layout.zoomed(new_size, about)
    assert zoomed.size == new_size
    before = layout.pixel_to_fractional(*about)
    after = zoomed.pixel_to_fractional(*about)
    assert after == pytest.approx(before, abs=1e-6)


@given(layouts, st.floats(min_value=4, max_value=80), pixels, hexes)
def test_zoom_scales_distances_from_the_fixed_point(layout, new_size, about, h):
    zoomed = layout.zoomed(new_size, about)
    x, y = layout.hex_to_pixel(h)
    zx, zy = zoomed.hex_to_pixel(h)
    k = new_size / layout.size
    assert zx - about[0] == pytest.approx((x - about[0]) * k, abs=1e-6)
    assert zy - about[1] == pytest.approx((y - about[1]) * k, abs=1e-6)


@given(layouts, pixels, hexes)
def test_pan_moves_every_hex_by_the_same_offset(layout, delta, h):
    dx, dy = delta
    panned = layout.panned(dx, dy)
    assert panned.size == layout.size
    x, y = layout.hex_to_pixel(h)
    px, py = panned.hex_to_pixel(h)
    assert px == pytest.approx(x + dx, abs=1e-6)
    assert py == pytest.approx(y + dy, abs=1e-6)


@settings(max_examples=50)
@given(layouts, pixels, hexes)
def test_pan_keeps_hex_picking_consistent(layout, delta, h):
    panned = layout.panned(*delta)
    assert panned.pixel_to_hex(*panned.hex_to_pixel(h)) == h

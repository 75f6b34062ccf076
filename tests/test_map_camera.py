"""The camera's edges (defect 3: Tab at whole-map zoom shoved the map into a corner),
each hot-seat side's camera kept as a value, the minimap and the legend."""

from __future__ import annotations

import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame import hexgrid
from wargame.present.scene import Counter, CounterLook, Scene, Stack
from wargame.rules.engine import Game
from wargame.ui.map import MapView
from wargame.ui.map.corners import MARGIN
from wargame.ui.map.pieces import piece_px

VIEW = pygame.Rect(0, 0, 922, 720)  # the board of a 1280x720 window
SMALL = pygame.Rect(0, 0, 684, 600)  # the board of a 1024x600 window


@pytest.fixture(scope="module", autouse=True)
def _display():
    pygame.display.init()
    pygame.font.init()
    yield


def map_box(m: MapView) -> tuple[float, float, float, float]:
    """The map's extent on screen: left, top, right, bottom of its hexes."""
    xs, ys = zip(*(p for h in m.rules.terrain for p in m.hex_polygon(h)))
    return min(xs), min(ys), max(xs), max(ys)


def corner_hexes(rules) -> list[hexgrid.Hex]:
    C, R = rules.columns, rules.rows
    return [hexgrid.from_offset(c, r) for c, r in ((0, 0), (C - 1, 0), (0, R - 1), (C - 1, R - 1))]


# --- defect 3 -------------------------------------------------------------------------------


@pytest.mark.parametrize("view", [VIEW, SMALL])
def test_centre_on_at_whole_map_zoom_leaves_the_map_centred(border_rules, view) -> None:
    m = MapView(border_rules, view.copy())
    before = map_box(m)
    left, top, right, bottom = before
    assert abs((left - view.left) - (view.right - right)) <= 1.5  # centred across
    assert abs((top - view.top) - (view.bottom - bottom)) <= 1.5  # and down
    for h in corner_hexes(border_rules) + [hexgrid.parse_ccrr("0140"), hexgrid.parse_ccrr("4836")]:
        m.centre_on(h)  # what Tab does
        assert map_box(m) == before, h
    m.pan(300, -200)  # a drag has nothing to move either
    assert map_box(m) == before


def test_along_an_axis_where_the_map_fits_it_stays_centred(border_rules) -> None:
    wide = pygame.Rect(0, 0, 1900, 700)  # one zoom step in: the map is too tall but fits across
    m = MapView(border_rules, wide)
    m.zoom(1, wide.center)
    left, top, right, bottom = map_box(m)
    assert right - left < wide.w and bottom - top > wide.h
    for h in corner_hexes(border_rules):
        m.centre_on(h)
        left, top, right, bottom = map_box(m)
        assert abs((left - wide.left) - (wide.right - right)) <= 1.5, h
        assert top <= wide.top + 1 or bottom >= wide.bottom - 1  # the other axis moves


@pytest.mark.parametrize("level", [3, 5, 7])
def test_centre_on_near_an_edge_stops_at_the_edge(border_rules, level) -> None:
    m = MapView(border_rules, VIEW.copy())
    m.level = level
    whole = piece_px(m.size)[1]  # room to show a corner hex's counter whole
    off_map = hexgrid.parse_ccrr("0140")  # the Gulf air base's stack stands beside the map there
    for h in corner_hexes(border_rules):
        if h == off_map:
            m.centre_on(h)
            x, y = m.centre(h)
            assert VIEW.left + whole / 2 <= x <= VIEW.left + whole * 1.5 + 4  # just in view, no further
            continue
        m.centre_on(h)
        left, top, right, bottom = map_box(m)
        # the view is map up to its edges: no table beyond an edge, but for the counter
        assert left <= VIEW.left + whole and right >= VIEW.right - whole, h
        assert top <= VIEW.top + whole and bottom >= VIEW.bottom - whole, h
        x, y = m.centre(h)
        assert VIEW.collidepoint(x, y)  # and the hex is in view


def test_a_drag_may_still_look_past_an_edge_but_not_lose_the_map(border_rules) -> None:
    m = MapView(border_rules, VIEW.copy())
    m.level = 5
    m.pan(1e6, 1e6)
    left, top, right, bottom = map_box(m)
    assert VIEW.right - left >= VIEW.w / 3 - 2 and VIEW.bottom - top >= VIEW.h / 3 - 2


# --- each side's camera -----------------------------------------------------------------------


def test_camera_and_restore_bring_back_the_same_view(border_rules) -> None:
    m = MapView(border_rules, VIEW.copy())
    m.zoom(3, (300, 200))
    m.pan(-120, 45)
    red = m.camera()
    red_centre = m.hex_at(VIEW.center)
    red_level = m.level
    m.fit()  # Blue's turn: the whole map
    blue = m.camera()
    m.restore(red)
    assert (m.level, m.hex_at(VIEW.center)) == (red_level, red_centre)
    m.restore(blue)
    assert m.camera() == pytest.approx(blue)
    # after the window was resized, the same hex is still in the middle
    m.restore(red)
    m.set_viewport(pygame.Rect(0, 0, 1400, 1000))
    assert m.hex_at((700, 500)) == red_centre


# --- the minimap ------------------------------------------------------------------------------


def _yellowish(c) -> bool:
    return c[0] > 200 and c[1] > 170 and c[2] < 120


def test_the_minimap_shows_when_part_of_the_map_is_out_of_view(border_rules) -> None:
    m = MapView(border_rules, VIEW.copy())
    surf = pygame.Surface(VIEW.size)
    m.draw(surf)
    assert m.show_minimap and not m.minimap_shown and m.box("minimap") is None  # the whole map: no need
    m.zoom(3, VIEW.center)
    m.draw(surf)
    box = m.box("minimap")
    assert box is not None and VIEW.contains(box)
    assert box.w <= VIEW.w * 0.25 and box.h <= VIEW.h / 3 + 4
    assert any(_yellowish(surf.get_at((x, y))) for x in range(box.left, box.right) for y in range(box.top, box.bottom))
    m.show_minimap = False
    m.draw(surf)
    assert m.box("minimap") is None and not m.minimap_click(box.center)


def test_a_click_on_the_minimap_moves_the_camera_there(border_rules) -> None:
    m = MapView(border_rules, VIEW.copy())
    m.zoom(3, VIEW.center)
    surf = pygame.Surface(VIEW.size)
    m.draw(surf)
    box = m.box("minimap")
    assert not m.minimap_click((box.left - 5, box.top - 5))  # beside it: not the minimap's
    target = hexgrid.parse_ccrr("4836")  # Baghdad
    # where Baghdad is on the minimap: a fraction of the way across and down the map
    xs, ys = zip(*(p for h in m.rules.terrain for p in m.layout.corners(h)))
    bx, by = m.hex_centre(target)
    fx, fy = (bx - min(xs)) / (max(xs) - min(xs)), (by - min(ys)) / (max(ys) - min(ys))
    pos = (round(box.left + 2 + fx * (box.w - 4)), round(box.top + 2 + fy * (box.h - 4)))
    assert m.minimap_click(pos)
    assert hexgrid.distance(m.hex_at(VIEW.center), target) <= 3


def test_the_minimap_keeps_out_of_a_corner_with_a_stack(border_rules) -> None:
    m = MapView(border_rules, VIEW.copy())
    m.zoom(3, VIEW.center)
    surf = pygame.Surface(VIEW.size)
    m.draw(surf)
    first = m.box("minimap")
    h = m.hex_at((first.centerx, first.centery))
    stack = Stack(h, (Counter("x", CounterLook("t", "launch_team", "red", "rocket", "X", "1")),))
    m.draw(surf, Scene((stack,)))
    moved = m.box("minimap")
    assert moved != first
    assert not moved.collidepoint(m.centre(h))


# --- the legend (defect 10) -----------------------------------------------------------------------


def test_the_legend_is_off_until_asked_for(border_rules) -> None:
    m = MapView(border_rules, SMALL.copy())
    surf = pygame.Surface(SMALL.size)
    m.draw(surf)
    assert m.show_legend is False and m.box("legend") is None


@pytest.mark.parametrize("view", [VIEW, SMALL, pygame.Rect(0, 0, 420, 300), pygame.Rect(0, 0, 300, 700)])
def test_a_shown_legend_fits_its_viewport(border_rules, view) -> None:
    m = MapView(border_rules, view.copy())
    m.show_legend = True
    surf = pygame.Surface(view.size)
    m.draw(surf)
    box = m.box("legend")
    assert view.contains(box)
    assert box.w <= view.w / 2 and box.h <= view.h / 2  # folded or shrunk, never half the view


def test_a_shown_legend_hides_no_counter_and_no_name_at_1024x600(border_rules) -> None:
    """With every piece of the June scenario on the map, the legend takes the corner
    where it hides no stack and the fewest place names (it used to hide Deir ez-Zor's).
    Every city is named at this size, so each corner the legend fits hides one name or more."""
    game = Game(border_rules, 1)
    view = game.view(None)
    by_hex: dict = {}
    for p in view.pieces.values():
        look = CounterLook(p.type, p.kind, p.side, border_rules.piece_types[p.type].symbol, p.id, "1")
        by_hex.setdefault(p.hex, []).append(Counter(p.id, look))
    off_map = hexgrid.parse_ccrr("0140")
    scene = Scene(tuple(Stack(h, tuple(cs), h == off_map) for h, cs in by_hex.items()))
    m = MapView(border_rules, SMALL.copy())
    m.show_legend = True
    surf = pygame.Surface(SMALL.size)
    m.draw(surf, scene)
    box = m.box("legend")
    names = list(m.painter.shown_name_of.values())
    assert box.collidelist(m.painter.shown_stacks) < 0
    inner = m.viewport.inflate(-2 * MARGIN, -2 * MARGIN)
    for corner in m.legend_corners:
        other = box.copy()
        setattr(other, corner, getattr(inner, corner))
        if other.collidelist(m.painter.shown_stacks) < 0:
            assert len(box.collidelistall(names)) <= len(other.collidelistall(names)), corner
    deir = next(p for p in border_rules.scenario.map.places if p.name == "Deir ez-Zor")
    assert not box.collidepoint(m.hex_centre(hexgrid.parse_ccrr(deir.hex)))


def test_every_city_is_named_on_the_whole_map_of_a_small_window(border_rules) -> None:
    """At 1024x600 the whole June map is at size 7, where only the biggest cities were named:
    Raqqa, Deir ez-Zor, Ramadi and Fallujah stood as squares without a name."""
    m = MapView(border_rules, SMALL.copy())
    surf = pygame.Surface(SMALL.size)
    m.draw(surf, Scene(()))
    cities = {p.name for p in border_rules.scenario.map.places if p.kind == "city"}
    assert {"Raqqa", "Deir ez-Zor", "Ramadi", "Fallujah"} <= cities
    assert cities <= set(m.painter.shown_name_of)


def test_every_camera_move_is_counted_so_a_screen_can_drop_a_stale_hover(border_rules) -> None:
    """Defect 4, the camera's part: after Tab or Home the hex under a still mouse changes."""
    m = MapView(border_rules, VIEW.copy())
    mouse = (400, 300)
    m.zoom(3, mouse)
    seen, hover = m.camera_moves, m.hex_at(mouse)
    m.pan(0, 0)
    assert m.camera_moves == seen  # nothing moved
    m.centre_on(hexgrid.parse_ccrr("4836"))  # Tab
    assert m.camera_moves > seen and m.hex_at(mouse) != hover
    seen = m.camera_moves
    m.fit()  # Home
    assert m.camera_moves > seen
    seen = m.camera_moves
    m.restore(m.camera())  # the same view again
    assert m.camera_moves == seen
    m.set_viewport(pygame.Rect(0, 0, 800, 600))
    assert m.camera_moves > seen


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 99), st.integers(1, 99))
def test_every_map_fits_the_smallest_board_whole_at_its_first_zoom(columns, rows):
    """A map as big as the format allows (99x99) is seen whole at the first zoom level
    of the smallest window's board, as a render's default view promises; the shipped
    maps keep the usual levels."""
    from wargame.ui.map.camera import Camera
    from wargame.ui.map.level import level_sizes
    from wargame.ui.map.view import SMALLEST_SIZE, zoom_sizes

    sizes = zoom_sizes(MapView.ZOOM_SIZES, columns, rows)
    assert list(sizes) == sorted(set(sizes)) and sizes[-len(MapView.ZOOM_SIZES):] == MapView.ZOOM_SIZES
    (w, h), = level_sizes(sizes[:1], columns, rows)
    if sizes[0] > SMALLEST_SIZE:
        cam = Camera(sizes, columns, rows, SMALL, lambda level: None)
        cam.level = 0
        assert cam.whole_map_visible()
    if len(sizes) > len(MapView.ZOOM_SIZES):  # a level was added only for a map that needed one
        (w7, h7), = level_sizes(MapView.ZOOM_SIZES[:1], columns, rows)
        assert w7 > 640 or h7 > 560


def test_the_shipped_maps_keep_the_usual_zoom_levels(border_rules, tutorial_rules):
    for rules in (border_rules, tutorial_rules):
        assert MapView(rules, SMALL, shipped=False).sizes == MapView.ZOOM_SIZES

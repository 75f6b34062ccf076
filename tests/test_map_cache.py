"""The map's caches stay within their budgets, whatever a player does: zooming through
every level, panning, and shades of every size at every zoom (a window once grew
to 950 MB on these)."""

from __future__ import annotations

import pygame
import pytest

from wargame import hexgrid
from wargame.present.scene import Counter, CounterLook, Scene, Shade, Stack
from wargame.ui.counters import CounterArt
from wargame.ui.map import MapView
from wargame.ui.map.geometry import TILE

BIG = pygame.Rect(0, 0, 1400, 1080)  # the board of a 1920x1080 window


@pytest.fixture(scope="module", autouse=True)
def _display():
    pygame.display.init()
    pygame.font.init()
    yield


def test_the_tile_cache_stays_within_its_byte_budget_through_every_level(border_rules) -> None:
    class Small(MapView):
        TILE_BUDGET = 24 << 20  # smaller than the two closest levels' views together

    m = Small(border_rules, BIG.copy())
    m.frame_budget_ms = None
    surf = pygame.Surface(BIG.size)
    budget = m.memory()["tile_budget"]
    peak = 0
    for _ in range(2):  # in and out twice, panning at each level, idle time between
        for level in list(range(len(MapView.ZOOM_SIZES))) + list(reversed(range(len(MapView.ZOOM_SIZES)))):
            m.level = level
            for dx, dy in ((400, 0), (0, 300), (-400, 0)):
                m.pan(dx, dy)
                m.draw(surf)
                peak = max(peak, m.memory()["tiles"])
            m.idle(30)
            peak = max(peak, m.memory()["tiles"])
    assert budget >= Small.TILE_BUDGET
    assert 0 < peak <= budget
    # the budget is what a view needs, not what a level needs: the closest level alone is 73 MB
    L = m._r.level(len(MapView.ZOOM_SIZES) - 1)
    assert L.w * L.h * 4 > budget


def test_the_budget_holds_at_least_what_idle_renders_ahead(border_rules) -> None:
    """Else idle() would evict what it rendered and never finish."""
    m = MapView(border_rules, BIG.copy())
    m.level = 5
    m.draw(pygame.Surface(BIG.size))
    for _ in range(400):
        if m.idle(50):
            break
    else:
        raise AssertionError("idle() never finished")
    n = m.tiles_rendered
    assert m.idle(50) is True and m.tiles_rendered == n


def test_shades_of_every_size_at_every_level_stay_within_their_budget(border_rules) -> None:
    m = MapView(border_rules, BIG.copy())
    surf = pygame.Surface(BIG.size)
    centre = hexgrid.parse_ccrr("3020")
    for level in range(len(MapView.ZOOM_SIZES)):
        m.level = level
        m.centre_on(centre)
        for radius in (1, 3, 8, 16, 40):  # a search, a move, an ISR reach, a strike's reach
            area = frozenset(h for h in hexgrid.hex_range(centre, radius) if h in border_rules.terrain)
            ring = frozenset(h for h in hexgrid.ring(centre, radius) if h in border_rules.terrain)
            m.draw(surf, Scene(shades=(Shade(area, (120, 200, 255, 40), (40, 120, 220, 220)),
                                       Shade(ring, (220, 60, 50, 55)))))  # fmt: skip
            assert m.memory()["shades"] <= MapView.SHADE_BUDGET
    # the old cache kept a surface the size of each shade's box per zoom: here, tiles
    assert m.memory()["shades"] <= MapView.SHADE_BUDGET


def test_a_shade_filling_the_view_shares_one_surface_for_its_inside(border_rules) -> None:
    m = MapView(border_rules, BIG.copy())
    m.level = 6
    m.centre_on(hexgrid.parse_ccrr("3020"))
    everything = frozenset(border_rules.terrain)
    m.draw(pygame.Surface(BIG.size), Scene(shades=(Shade(everything, (255, 214, 64, 70)),)))
    tiles_in_view = (BIG.w // TILE + 2) * (BIG.h // TILE + 2)
    assert m.memory()["shades"] < tiles_in_view * TILE * TILE * 4 / 4  # most tiles share the uniform one


def test_the_counter_cache_is_bounded_in_bytes() -> None:
    art = CounterArt(max_bytes=1 << 20)
    for size in range(20, 90):
        for side in ("blue", "red"):
            art.counter(CounterLook("t", "base", side, "installation", "Base", "6-4"), size)
            assert art.bytes <= 1 << 20


def test_a_long_session_of_scenes_does_not_grow_the_caches(border_rules) -> None:
    """Hundreds of different scenes (the mouse over hex after hex) at several zooms."""
    m = MapView(border_rules, pygame.Rect(0, 0, 922, 720))
    surf = pygame.Surface((922, 720))
    look = CounterLook("t", "launch_team", "red", "drone_launcher", "Team", "2-20-3")
    hexes = sorted(border_rules.terrain)[::9]
    sizes = []
    for i, h in enumerate(hexes):
        if i % 40 == 0:
            m.level = (i // 40) % len(MapView.ZOOM_SIZES)
            m.centre_on(h)
        area = frozenset(hexgrid.hex_range(h, 1 + i % 4))
        m.draw(surf, Scene((Stack(h, (Counter("t", look),)),), (Shade(area, (80, 170, 255, 90), (40, 120, 220, 220)),),
                           hover=h))  # fmt: skip
        mem = m.memory()
        sizes.append(mem["tiles"] + mem["shades"] + mem["counters"])
    assert max(sizes) <= m.memory()["tile_budget"] + MapView.SHADE_BUDGET + m.art.max_bytes
    assert len(m.shades._ids) <= 256

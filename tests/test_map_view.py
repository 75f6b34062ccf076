"""The map view: camera maths (hit-testing, zoom about the mouse, fit, pan limits),
the cached map tiles and what they show, and translucent highlights.

Headless: SDL's dummy drivers (set in conftest.py and again here), Surfaces only.
Speed is not asserted here (it depends on the machine's load): bench/render.py.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import math  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from wargame import hexgrid  # noqa: E402
from wargame.hexgrid import SQRT3, Hex  # noqa: E402
from wargame.ui import style  # noqa: E402
from wargame.ui.map import RIVER, RIVER_BANK, MapView  # noqa: E402

VIEW = pygame.Rect(40, 30, 800, 520)


@pytest.fixture(scope="module", autouse=True)
def _pygame():
    pygame.init()
    yield


@pytest.fixture()
def board(border_rules) -> MapView:  # the June map
    return MapView(border_rules, VIEW.copy())


@pytest.fixture()
def small(tutorial_rules) -> MapView:
    return MapView(tutorial_rules, VIEW.copy())


def _screen() -> pygame.Surface:
    return pygame.Surface((VIEW.right + 40, VIEW.bottom + 40))


def _visible_hexes(b: MapView) -> list[Hex]:
    out = []
    for h in b.rules.terrain:
        x, y = b.centre(h)
        if b.viewport.inflate(-2 * b.size, -2 * b.size).collidepoint(x, y):
            out.append(h)
    return out


def _map_corners(b: MapView):
    for h in b.rules.terrain:
        yield from b.hex_polygon(h)


def _dist(c1, c2) -> float:
    return math.sqrt(sum((int(a) - int(b)) ** 2 for a, b in zip(c1[:3], c2[:3])))


# --- camera --------------------------------------------------------------------------


@pytest.mark.parametrize("level", [0, 2, 4, 7])
def test_hex_at_inverts_centre(board: MapView, level: int) -> None:
    board.level = level
    board.centre_on(hexgrid.parse_ccrr("3020"))
    hexes = _visible_hexes(board)
    assert len(hexes) > 10
    for h in hexes[:: max(1, len(hexes) // 60)]:
        x, y = board.centre(h)
        assert board.hex_at((x, y)) == h
        assert board.hex_at((int(round(x)), int(round(y)))) == h


def test_hex_at_is_none_off_the_map_and_outside_the_viewport(board: MapView) -> None:
    board.fit()
    assert board.hex_at((VIEW.left - 5, VIEW.centery)) is None
    assert board.hex_at((VIEW.right + 5, VIEW.centery)) is None
    # the map-table corner of the viewport, outside the fitted map
    xs = [p[0] for p in _map_corners(board)]
    if min(xs) > VIEW.left + 3:
        assert board.hex_at((VIEW.left + 1, VIEW.centery)) is None


def _fractional_at(b: MapView, p) -> tuple[float, float]:
    return b.layout.pixel_to_fractional(*p)


def _pixel_of(b: MapView, fq: float, fr: float) -> tuple[float, float]:
    lay = b.layout
    return (lay.origin[0] + lay.size * 1.5 * fq, lay.origin[1] + lay.size * SQRT3 * (fr + fq * 0.5))


@pytest.mark.parametrize("about", [(300, 200), (600, 420), (VIEW.centerx, VIEW.centery)])
def test_zoom_keeps_the_point_under_the_mouse(board: MapView, about) -> None:
    board.level = 3
    board.centre_on(hexgrid.parse_ccrr("3020"))
    for steps in (1, 1, 2, -1, -3):
        fq, fr = _fractional_at(board, about)
        assert board.zoom(steps, about)
        x, y = _pixel_of(board, fq, fr)
        assert abs(x - about[0]) <= 1.0 and abs(y - about[1]) <= 1.0


def test_zoom_refuses_past_the_limits(board: MapView) -> None:
    p = VIEW.center
    last = len(MapView.ZOOM_SIZES) - 1
    board.zoom(100, p)
    assert board.level == last
    assert board.zoom(1, p) is False
    assert board.level == last
    board.zoom(-100, p)
    assert board.level == 0
    assert board.zoom(-1, p) is False
    assert board.size == MapView.ZOOM_SIZES[0]


@pytest.mark.parametrize("rules_name", ["border_rules", "tutorial_rules"])
def test_fit_shows_the_whole_map_at_the_largest_level_that_fits(request, rules_name) -> None:
    b = MapView(request.getfixturevalue(rules_name), VIEW.copy())
    b.zoom(3, VIEW.center)
    b.fit()
    for x, y in _map_corners(b):
        assert VIEW.left - 0.5 <= x <= VIEW.right + 0.5 and VIEW.top - 0.5 <= y <= VIEW.bottom + 0.5
    if b.level + 1 < len(MapView.ZOOM_SIZES):
        b.zoom(1, VIEW.center)
        xs, ys = zip(*_map_corners(b))
        assert max(xs) - min(xs) > VIEW.w or max(ys) - min(ys) > VIEW.h


def test_pan_is_clamped_to_keep_the_map_in_view(board: MapView) -> None:
    board.level = 5
    board.centre_on(hexgrid.parse_ccrr("3020"))
    for dx, dy in ((1e6, 0), (-1e6, 0), (0, 1e6), (0, -1e6), (1e6, 1e6), (-1e6, -1e6)):
        board.pan(dx, dy)
        xs, ys = zip(*_map_corners(board))
        overlap_x = min(max(xs), VIEW.right) - max(min(xs), VIEW.left)
        overlap_y = min(max(ys), VIEW.bottom) - max(min(ys), VIEW.top)
        assert overlap_x >= VIEW.w / 3 - 2
        assert overlap_y >= VIEW.h / 3 - 2


def test_set_viewport_keeps_the_centre(board: MapView) -> None:
    board.level = 4
    h = hexgrid.parse_ccrr("2222")
    board.centre_on(h)
    assert board.hex_at(VIEW.center) == h
    new = pygame.Rect(0, 0, 1000, 700)
    board.set_viewport(new)
    assert board.viewport == new
    assert board.hex_at(new.center) == h


# --- the layer -----------------------------------------------------------------------


def _quiet_hex(b: MapView, style_name: str) -> Hex:
    """A hex of that style whose whole neighbourhood is the same style, with no river or place."""
    river = {hexgrid.parse_ccrr(n) for r in b.rules.scenario.map.rivers for n in r.hexes}
    for h, t in sorted(b.rules.terrain.items()):
        if t.style != style_name or h in river or h in b.rules.places_at:
            continue
        around = [b.rules.terrain.get(n) for n in hexgrid.hex_range(h, 2)]
        if all(t is not None and t.style == style_name for t in around):
            return h
    raise AssertionError(f"no quiet {style_name} hex")


def _median_colour(surface: pygame.Surface, x: int, y: int, r: int = 3):
    px = [surface.get_at((x + dx, y + dy))[:3] for dx in range(-r, r + 1) for dy in range(-r, r + 1)]
    return tuple(sorted(c[i] for c in px)[len(px) // 2] for i in range(3))


def test_desert_hex_shows_its_terrain_colour(board: MapView) -> None:
    h = _quiet_hex(board, "desert")
    board.level = 4
    board.centre_on(h)
    screen = _screen()
    board.draw(screen)
    x, y = board.centre(h)
    got = _median_colour(screen, int(x), int(y))
    want = board.rules.terrain[h].colour
    want_rgb = tuple(int(want[i : i + 2], 16) for i in (1, 3, 5))
    assert _dist(got, want_rgb) < 25, (got, want_rgb)


def test_the_euphrates_is_drawn_in_river_blue(board: MapView) -> None:
    board.level = 4
    euphrates = next(r for r in board.rules.scenario.map.rivers if r.name == "Euphrates")
    h = hexgrid.parse_ccrr(euphrates.hexes[len(euphrates.hexes) // 2])
    board.centre_on(h)
    screen = _screen()
    board.draw(screen)
    cx, cy = board.centre(h)
    r = int(board.size * 0.6)
    blues = 0
    for dx in range(-r, r + 1):
        for dy in range(-r, r + 1):
            c = screen.get_at((int(cx) + dx, int(cy) + dy))
            if min(_dist(c, RIVER), _dist(c, RIVER_BANK)) < 30:
                blues += 1
    assert blues >= board.size * 0.5  # a stretch of river crosses the hex


def test_border_edges_are_drawn_in_the_border_colour(board: MapView) -> None:
    board.level = 5
    pair = None
    for h, c in sorted(board.rules.country.items()):
        for n in h.neighbours():
            if board.rules.country.get(n) not in (None, c) and board.rules.terrain[h].style == "desert":
                pair = (h, n)
                break
        if pair:
            break
    assert pair is not None
    h, n = pair
    board.centre_on(h)
    screen = _screen()
    board.draw(screen)
    (ax, ay), (bx, by) = board.centre(h), board.centre(n)
    mx, my = (ax + bx) / 2, (ay + by) / 2  # the middle of the shared edge: on a dash
    near = [screen.get_at((int(round(mx)) + dx, int(round(my)) + dy)) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
    best = min(_dist(c, style.BORDER_LINE) for c in near)
    assert best < 30
    # and a hex centre away from the border is not border-coloured
    assert _dist(screen.get_at((int(ax), int(ay))), style.BORDER_LINE) > 60


def test_layer_is_cached_between_frames(board: MapView) -> None:
    board.level = 3
    board.centre_on(hexgrid.parse_ccrr("3020"))
    screen = _screen()
    board.draw(screen)
    rendered = board.tiles_rendered
    assert rendered > 0
    before = pygame.image.tobytes(screen, "RGB")
    board.draw(screen)
    assert board.tiles_rendered == rendered
    assert pygame.image.tobytes(screen, "RGB") == before
    # a small pan shows tiles already rendered (or a few new ones), never the whole level again
    board.pan(10, 0)
    board.draw(screen)
    assert board.tiles_rendered - rendered < 6


def test_draw_fills_outside_the_map_and_stays_in_the_viewport(small: MapView) -> None:
    small.fit()
    screen = _screen()
    screen.fill((255, 0, 255))
    small.draw(screen)
    assert screen.get_at((VIEW.left - 1, VIEW.top - 1))[:3] == (255, 0, 255)
    assert screen.get_at((VIEW.right, VIEW.bottom))[:3] == (255, 0, 255)
    assert screen.get_at((VIEW.left + 1, VIEW.top + 1))[:3] != (255, 0, 255)


def test_first_frame_renders_only_the_tiles_in_view(border_rules) -> None:
    """The first frame draws what it shows and nothing else: no other level, no tile
    outside the viewport (what `wargame render` used to pay for levels a PNG never shows).
    Rendered here, not taken from the shipped tiles (test_shipped_tiles.py)."""
    b = MapView(border_rules, pygame.Rect(0, 0, 920, 720), shipped=False)
    b.draw(pygame.Surface((920, 720)))
    L = b._r.level(b.level)
    src = pygame.Rect(-b._cam.blit_pos()[0], -b._cam.blit_pos()[1], 920, 720).clip(0, 0, L.w, L.h)
    assert b.tiles_rendered == len(list(L.tiles_of(src)))
    assert [lv for lv in range(len(MapView.ZOOM_SIZES)) if b._r.level(lv).prepared] == [b.level]


def test_idle_renders_ahead_until_done(small: MapView) -> None:
    small.level = 3
    small.draw(_screen())
    n = small.tiles_rendered
    while not small.idle(50):
        pass
    assert small.tiles_rendered > n  # around the view, and one level either way
    for level in (2, 4):
        assert small.render_level_ahead(level, 0) is True  # already there
    m = small.tiles_rendered
    assert small.idle(50) is True
    assert small.tiles_rendered == m


# --- highlights ----------------------------------------------------------------------


def test_fill_hexes_changes_only_those_hexes(board: MapView) -> None:
    board.level = 4
    centre = hexgrid.parse_ccrr("3020")
    board.centre_on(centre)
    chosen = frozenset(hexgrid.hex_range(centre, 1)) | {hexgrid.parse_ccrr("3323")}
    screen = _screen()
    board.draw(screen)
    plain = screen.copy()
    board.fill_hexes(screen, chosen, (255, 214, 64, 90), (255, 214, 64, 200))
    a = pygame.surfarray.array3d(plain)
    b = pygame.surfarray.array3d(screen)
    changed = (a != b).any(axis=2)
    xs, ys = changed.nonzero()
    assert len(xs) > 0
    for h in chosen:
        x, y = board.centre(h)
        assert changed[int(x), int(y)]
    for x, y in zip(xs[::7], ys[::7]):
        assert board.hex_at((int(x), int(y))) in chosen
    for h in _visible_hexes(board):
        if h not in chosen:
            x, y = board.centre(h)
            assert not changed[int(x), int(y)]


def test_fill_hexes_is_cached(board: MapView) -> None:
    board.level = 3
    screen = _screen()
    area = frozenset(hexgrid.hex_range(hexgrid.parse_ccrr("2222"), 3))
    board.fill_hexes(screen, area, (80, 170, 255, 90))
    rendered = board.shades.rendered
    first = pygame.image.tobytes(screen, "RGB")
    for _ in range(5):
        board.fill_hexes(screen, area, (80, 170, 255, 90))
    assert board.shades.rendered == rendered  # the tiles of the shade are drawn once
    assert pygame.image.tobytes(screen, "RGB") != first  # and blitted again each time (it stacks up)


def test_outline_hex_draws_on_the_hex_edge(board: MapView) -> None:
    board.level = 5
    h = hexgrid.parse_ccrr("3020")
    board.centre_on(h)
    screen = _screen()
    board.draw(screen)
    board.outline_hex(screen, h, (255, 255, 255), 3)
    cx, cy = board.centre(h)
    top_edge = (int(round(cx)), int(round(cy - board.size * SQRT3 / 2)))  # the middle of the top edge
    assert screen.get_at(top_edge)[:3] == (255, 255, 255)
    assert screen.get_at((int(cx), int(cy)))[:3] != (255, 255, 255)


def test_legend_is_a_small_surface(board: MapView) -> None:
    legend = board.legend_surface()
    assert isinstance(legend, pygame.Surface)
    w, h = legend.get_size()
    assert 100 < w < 400 and 100 < h < 600
    assert board.legend_surface() is legend
    assert board.show_legend is False  # shown only when asked for


def test_frame_budget_renders_over_several_frames_to_the_same_picture(border_rules) -> None:
    full = MapView(border_rules, VIEW.copy())
    full.level = 6
    full.centre_on(hexgrid.parse_ccrr("2222"))
    want = _screen()
    full.draw(want)

    b = MapView(border_rules, VIEW.copy())
    b.draw(_screen())  # the fitted level is ready: it stands in while the close level renders
    b.frame_budget_ms = 0.0  # one tile a frame
    b.level = 6
    b.centre_on(hexgrid.parse_ccrr("2222"))
    got = _screen()
    start = b.tiles_rendered
    b.draw(got)
    assert b.tiles_rendered == start + 1
    for _ in range(200):
        before = b.tiles_rendered
        b.draw(got)
        if b.tiles_rendered == before:
            break
    assert pygame.image.tobytes(got, "RGB") == pygame.image.tobytes(want, "RGB")


def test_the_first_frame_under_a_budget_shows_the_whole_view_never_blank_paper(border_rules) -> None:
    """No other level can stand in on a window's first frame: every tile in view is
    rendered then, whatever the budget (it once drew one tile and left paper around it)."""
    full = MapView(border_rules, VIEW.copy(), shipped=False)
    want = _screen()
    full.draw(want)
    b = MapView(border_rules, VIEW.copy(), shipped=False)
    b.frame_budget_ms = 0.0
    got = _screen()
    b.draw(got)
    assert b.tiles_rendered == full.tiles_rendered > 1
    assert pygame.image.tobytes(got, "RGB") == pygame.image.tobytes(want, "RGB")


def test_the_shipped_paper_grain_is_the_one_the_code_makes():
    import numpy as np

    from wargame.resources import assets_dir
    from wargame.ui.map.geometry import TILE, paper_grain
    from wargame.ui.map.tables import GRAIN_FILE

    shipped = np.load(assets_dir() / GRAIN_FILE, allow_pickle=False).astype(np.float32)
    assert np.abs(shipped - paper_grain(TILE, 31)).max() < 2e-3  # float16 on disk

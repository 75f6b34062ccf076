"""The shipped terrain tiles (assets/tiles, wargame/ui/map/shipped.py) are current.

A change to a scenario's map, or to the drawing code, that forgets to rerun
`python -m tools.map_tiles` (and, for the code, to bump RENDERER_VERSION) fails here:
every picture the tool would ship must be shipped under its current key, nothing
else may be, and tiles rendered afresh must match the shipped pixels.
"""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from conftest import SCENARIOS
from tools import map_tiles
from wargame.rules.rulebook import Rulebook
from wargame.scenario.load import load_scenario
from wargame.ui.map.shipped import read_manifest, tiles_dir
from wargame.ui.map.view import MapView


@pytest.fixture(scope="module")
def planned():
    pygame.init()
    return map_tiles.plan()


def test_every_opening_level_is_shipped_under_its_current_key(planned) -> None:
    shipped = read_manifest()["levels"]
    missing = sorted(", ".join(e["for"]) for k, e in planned.items() if k not in shipped)
    assert not missing, f"no shipped tiles for {missing}: run `python -m tools.map_tiles`"
    assert set(shipped) == set(planned), "stale pictures in assets/tiles: run `python -m tools.map_tiles`"
    files = {e["file"] for e in shipped.values()}
    assert {p.name for p in tiles_dir().glob("*.png")} == files
    assert sum((tiles_dir() / f).stat().st_size for f in files) < 5 * 2**20  # a few MB at most


def _pixels(surf: pygame.Surface) -> np.ndarray:
    return pygame.surfarray.array3d(surf).astype(np.int16)


def test_shipped_pixels_are_what_the_renderer_draws_today(planned) -> None:
    """Two tiles of every shipped file rendered afresh, the middle one (labels, rivers, the
    border) and a corner (the map's edge and the table), within a hair of rounding in case
    another CPU's numpy rounds a transcendental function differently; and the label
    layout shipped with them, exactly."""
    shipped = read_manifest()["levels"]
    seen = set()
    for key, entry in sorted(planned.items()):
        name = shipped[key]["file"]
        if name in seen:
            continue
        seen.add(name)
        rules, level = entry["rules"], entry["level"]
        picture = pygame.image.load(str(tiles_dir() / name))
        view = MapView(rules, pygame.Rect(0, 0, 800, 600), shipped=False)
        r = view._r
        L = r.level(level)
        assert picture.get_size() == (L.w, L.h)
        r.prepare(L)
        assert shipped[key]["obstacles"] == [list(x) for x in L.obstacles], "label layout changed: run the tool"
        assert shipped[key]["place_rects"] == [list(x) for x in L.place_rects], "place symbols moved: run the tool"
        for t in ((L.tiles_x // 2, L.tiles_y // 2), (0, 0)):
            fresh = _pixels(r.tile(L, t))
            old = _pixels(picture.subsurface(L.tile_rect(*t)))
            diff = np.abs(fresh - old).max(axis=2)
            assert diff.max() <= 2 and (diff > 0).mean() < 0.01, (
                f"{name} ({', '.join(entry['for'])}) tile {t}: {int((diff > 0).sum())} pixels differ, by up to "
                f"{int(diff.max())}; bump RENDERER_VERSION in wargame/ui/map/shipped.py and run `python -m tools.map_tiles`"
            )


def test_a_window_opens_on_shipped_tiles_and_renders_none(border_rules) -> None:
    w, h = map_tiles.WINDOWS[0]
    view = MapView(border_rules, pygame.Rect(0, 0, w - map_tiles.panel_width((w, h)), h))
    view.frame_budget_ms = 12
    view.fit()
    surface = pygame.Surface((w, h))
    view.draw(surface)
    assert view.levels_loaded == 1 and view.tiles_rendered == 0
    fresh = MapView(border_rules, view.viewport, shipped=False)
    fresh.fit()
    other = pygame.Surface((w, h))
    fresh.draw(other)
    diff = np.abs(_pixels(surface) - _pixels(other)).max(axis=2)
    assert diff.max() <= 2 and (diff > 0).mean() < 0.01  # identical here; rounding elsewhere


def test_an_edited_map_is_rendered_not_taken_stale(tmp_path) -> None:
    """One place renamed: its name is baked into the tiles, so nothing shipped fits."""
    text = (SCENARIOS / "border_strikes_2021.yaml").read_text(encoding="utf-8")
    assert 'name: "Raqqa"' in text
    path = tmp_path / "renamed.yaml"
    path.write_text(text.replace('name: "Raqqa"', 'name: "Ar-Raqqah"'), encoding="utf-8")
    rules = Rulebook(load_scenario(path))
    view = MapView(rules, pygame.Rect(0, 0, 922, 720))
    view.fit()
    view.draw(pygame.Surface((922, 720)))
    assert view.levels_loaded == 0 and view.tiles_rendered == len(list(view._r.level(view.level).tiles_of(
        pygame.Rect(0, 0, 10**4, 10**4))))  # fmt: skip

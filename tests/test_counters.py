"""Counters: every symbol draws at every size, the sides differ in frame shape,
status marks show, the cache hands back the same surface, values print compactly."""

from __future__ import annotations

import math
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pytest  # noqa: E402

from wargame.ui import style  # noqa: E402
from wargame.ui.counters import (  # noqa: E402
    LABEL_MIN,
    SYMBOLS,
    TEXT_MIN,
    CounterArt,
    CounterLook,
    layout,
    values_line,
)

SIZES = (16, 32, 48, 64)
STATUSES = ("damaged", "destroyed", "suppressed", "spent", "hidden", "unknown")


@pytest.fixture(scope="module", autouse=True)
def _pygame():
    pygame.font.init()  # the font module only: no mixer, no display needed, never quit mid-session
    yield


@pytest.fixture
def art() -> CounterArt:
    return CounterArt()


def look(side: str = "blue", symbol: str = "fixed_wing", **status: bool) -> CounterLook:
    return CounterLook(
        type_id="t", kind="strike_flight", side=side, symbol=symbol, label="Viper 1", values="2-40", **status
    )


def same_pixels(a: pygame.Surface, b: pygame.Surface) -> bool:
    return a.get_size() == b.get_size() and pygame.image.tobytes(a, "RGBA") == pygame.image.tobytes(b, "RGBA")


def near(c: pygame.Color | tuple[int, ...], target: tuple[int, int, int], tol: int = 32) -> bool:
    return all(abs(int(c[i]) - target[i]) <= tol for i in range(3))


@pytest.mark.parametrize("side", ["blue", "red"])
@pytest.mark.parametrize("symbol", SYMBOLS)
def test_every_symbol_at_every_size(art: CounterArt, side: str, symbol: str) -> None:
    for size in SIZES:
        img = art.counter(look(side, symbol), size)
        assert img.get_size() == (size, size)
        assert img.get_flags() & pygame.SRCALPHA
        # the card is opaque in its middle, and the corners are rounded off
        assert img.get_at((size // 2, size // 2)).a == 255
        assert img.get_at((0, 0)).a < 255
    for size in (8, 12, 16):
        m = art.marker(side, symbol, size)
        assert m.get_size() == (size, size)
        assert m.get_at((size // 2, size // 2)).a == 255


@pytest.mark.parametrize("size", [32, 48, 64])
def test_sides_differ_in_frame_shape(art: CounterArt, size: int) -> None:
    lay = layout(size)
    x, y, w, h = lay.rect
    s = lay.stroke
    for symbol in SYMBOLS:
        # just inside the blue rectangle's upper corners: frame fill for Blue,
        # but outside Red's diamond, so the card's own colour shows there
        for px in (math.ceil(x + s), math.floor(x + w - s) - 1):  # the first pixels wholly inside the outline
            py = math.ceil(y + s)
            blue = art.counter(look("blue", symbol), size).get_at((px, py))
            red = art.counter(look("red", symbol), size).get_at((px, py))
            assert near(blue, style.BLUE_LIGHT, 12), (symbol, size, blue)
            assert near(red, style.RED, 36), (symbol, size, red)
        # and Red's diamond reaches higher than Blue's rectangle, on the centre line
        cx = round(lay.centre[0])
        top = round(lay.centre[1] - lay.diamond + lay.stroke * 2.5)
        if top < y:
            assert near(art.counter(look("red", symbol), size).get_at((cx, top)), style.RED_LIGHT, 12)


def test_markers_differ_in_shape(art: CounterArt) -> None:
    blue = art.marker("blue", "uav", 16)
    red = art.marker("red", "uav", 16)
    # a blue rectangle fills its lower-left area; a red diamond leaves the corner empty
    assert blue.get_at((2, 10)).a == 255
    assert red.get_at((1, 14)).a == 0
    assert near(blue.get_at((8, 8)), style.BLUE, 8)
    assert near(red.get_at((8, 8)), style.RED, 8)


def test_cache_returns_the_same_surface(art: CounterArt) -> None:
    a = art.counter(look(), 48)
    assert art.counter(look(), 48) is a
    assert art.counter(look(), 47) is not a
    assert art.counter(look(damaged=True), 48) is not a
    assert art.marker("red", "rocket", 12) is art.marker("red", "rocket", 12)


def test_cache_is_bounded() -> None:
    art = CounterArt(max_cached=4)
    first = art.counter(look(), 20)
    for size in range(21, 27):
        art.counter(look(), size)
    assert art.counter(look(), 20) is not first


@pytest.mark.parametrize("size", [24, 40, 64])
@pytest.mark.parametrize("side", ["blue", "red"])
def test_each_status_changes_the_look(art: CounterArt, size: int, side: str) -> None:
    plain = art.counter(look(side, "uav"), size)
    seen = [plain]
    for status in STATUSES:
        img = art.counter(look(side, "uav", **{status: True}), size)
        assert img.get_size() == (size, size)
        assert not same_pixels(img, plain), status
        assert all(not same_pixels(img, other) for other in seen[1:]), status
        seen.append(img)


def test_statuses_show_at_the_smallest_size(art: CounterArt) -> None:
    plain = art.counter(look("red", "rocket"), 16)
    for status in STATUSES:
        assert not same_pixels(art.counter(look("red", "rocket", **{status: True}), 16), plain), status


def test_destroyed_is_grey(art: CounterArt) -> None:
    img = art.counter(look("blue", "installation", destroyed=True), 64)
    lay = layout(64)
    c = img.get_at((round(lay.card * 0.5), round(lay.card * 0.93)))  # the card's foot, clear of the X
    assert abs(c.r - c.b) < 12 and abs(c.r - c.g) < 12


def test_text_thresholds(art: CounterArt) -> None:
    def with_text(label: str, values: str) -> CounterLook:
        return CounterLook("t", "base", "blue", "installation", label, values)

    small = TEXT_MIN - 2
    assert same_pixels(art.counter(with_text("A", "1-1"), small), art.counter(with_text("Bbbbb", "9-9"), small))
    mid = LABEL_MIN - 2
    assert same_pixels(art.counter(with_text("A", "1-1"), mid), art.counter(with_text("Bbbbb", "1-1"), mid))
    assert not same_pixels(art.counter(with_text("A", "1-1"), mid), art.counter(with_text("A", "9-9"), mid))
    big = 48
    assert not same_pixels(art.counter(with_text("A", "1-1"), big), art.counter(with_text("Bbbbb", "1-1"), big))


def test_long_text_stays_on_the_card(art: CounterArt) -> None:
    long = CounterLook("t", "base", "blue", "installation", "A very long installation name", "12-20-30-40")
    for size in (24, 34, 48, 64):
        img = art.counter(long, size)
        assert img.get_size() == (size, size)


def test_unknown_symbol_and_side_still_draw(art: CounterArt) -> None:
    odd = CounterLook("t", "base", "green", "tank", "X", "1")
    assert art.counter(odd, 40).get_size() == (40, 40)
    assert art.marker("green", "tank", 10).get_size() == (10, 10)


def test_values_line_by_kind() -> None:
    assert values_line("base", {"counter_drone": 6, "personnel": 4}) == "6-4"
    assert values_line("consulate", {"counter_drone": 4, "personnel": 2}) == "4-2"
    assert values_line("strike_flight", {"strike": 2, "range": 40, "sorties": 1}) == "2-40"
    assert values_line("isr_drone", {"detection": 1, "range": 16, "search_radius": 1, "sorties": 1}) == "1-16"
    assert values_line("launch_team", {"drones_per_attack": 2, "range": 20, "move": 3}) == "2-20-3"
    assert values_line("rocket_team", {"rockets_per_attack": 3, "range": 2, "move": 2}) == "3-2-2"
    assert values_line("facility", {"air_defence": 1}) == "AD1"
    assert values_line("depot", {"air_defence": 0, "resupply": 1}) == "+1"
    assert values_line("depot", {"air_defence": 2, "resupply": 1}) == "AD2 +1"
    assert values_line("depot", {"resupply": 0}) == "+0"
    assert values_line("base", {"counter_drone": 4}) == "4-?"


def _differing(a: pygame.Surface, b: pygame.Surface) -> int:
    w, h = a.get_size()
    return sum(a.get_at((x, y)) != b.get_at((x, y)) for x in range(w) for y in range(h))


@pytest.mark.parametrize("size", [15, 19, 25])  # the far zooms' token sizes (hex radius 7, 9, 12)
def test_tokens_tell_every_side_and_kind_apart(art: CounterArt, size: int) -> None:
    """Defect 12: at the zoom a window opens with, each counter's side and kind must be
    told apart; tokens differ from one another in a good part of their pixels."""
    tokens = {(side, symbol): art.token(side, symbol, size) for side in ("blue", "red") for symbol in SYMBOLS}
    keys = list(tokens)
    for i, a in enumerate(keys):
        assert tokens[a].get_size() == (size, size)
        for b in keys[i + 1 :]:
            assert _differing(tokens[a], tokens[b]) >= size * size * 0.06, (a, b)


def test_tokens_show_the_side_by_shape_and_colour(art: CounterArt) -> None:
    size = 19
    for symbol in SYMBOLS:
        blue, red = art.token("blue", symbol, size), art.token("red", symbol, size)
        # a rectangle reaches its corners; a diamond leaves them empty
        assert blue.get_at((2, size // 2 + 4)).a == 255 and red.get_at((1, 2)).a == 0
        assert red.get_at((size // 2, 2)).a == 255  # the diamond's top point
        # the frames are in the side's colours
        blue_px = [blue.get_at((x, y))[:3] for x in range(size) for y in range(size) if blue.get_at((x, y)).a == 255]
        red_px = [red.get_at((x, y))[:3] for x in range(size) for y in range(size) if red.get_at((x, y)).a == 255]
        assert sum(near(c, style.BLUE_LIGHT, 24) for c in blue_px) > len(blue_px) * 0.12
        assert sum(near(c, style.RED_LIGHT, 24) for c in red_px) > len(red_px) * 0.12

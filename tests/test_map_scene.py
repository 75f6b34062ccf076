"""What MapView draws of a Scene: stacks, tokens, the selected piece, slides, off-map
stacks, marks, hidden pieces (absent), and place names kept clear of the counters.

Headless (SDL's dummy driver, from conftest.py); pixels are compared with the
counter art itself, so a test fails if a counter is missing, moved or covered.
"""

from __future__ import annotations

import pygame
import pytest

from wargame import hexgrid
from wargame.hexgrid import SQRT3, Hex
from wargame.kinds import KIND_VALUES
from wargame.present.scene import Counter, CounterLook, Mark, Scene, Slide, Stack
from wargame.rules.engine import Game
from wargame.ui import style
from wargame.ui.map import MapView
from wargame.ui.map.pieces import piece_px, stack_step

VIEW = pygame.Rect(0, 0, 922, 720)  # the board of a 1280x720 window (the panel takes the rest)


@pytest.fixture(scope="module", autouse=True)
def _display():
    pygame.display.init()
    pygame.font.init()
    yield


def screen(view: pygame.Rect = VIEW) -> pygame.Surface:
    return pygame.Surface((view.right, view.bottom))


def look(side: str, symbol: str, label: str = "Test", kind: str = "launch_team") -> CounterLook:
    return CounterLook("t", kind, side, symbol, label, "2-20-3")


def scene_of(game: Game, side: str | None) -> Scene:
    """A side's view as a scene: every piece it may see, in stacks by hex."""
    rules = game.rules
    view = game.view(side)
    off_map = {hexgrid.parse_ccrr(p.hex) for p in rules.scenario.pieces
               if p.hex and getattr(rules.piece_types[p.type], "off_map", False)}  # fmt: skip
    by_hex: dict[Hex, list] = {}
    for p in view.pieces.values():
        by_hex.setdefault(p.hex, []).append(p)
    stacks = []
    for h, pieces in sorted(by_hex.items()):
        counters = []
        for p in sorted(pieces, key=lambda p: p.id):
            values = "-".join(str(rules.value(view, p, n)) for n in KIND_VALUES.get(p.kind, ()))
            lk = CounterLook(p.type, p.kind, p.side, rules.piece_types[p.type].symbol, p.id[:8], values,
                             hidden=p.hidden and side == p.side)  # fmt: skip
            counters.append(Counter(p.id, lk))
        stacks.append(Stack(h, tuple(counters), h in off_map))
    return Scene(tuple(stacks))


def opaque_matches(surf: pygame.Surface, img: pygame.Surface, centre, inset: int = 3) -> float:
    """The share of the image's opaque pixels (away from its edge) that the surface shows
    exactly, with the image centred on `centre`."""
    r = img.get_rect(center=(round(centre[0]), round(centre[1])))
    same = total = 0
    for x in range(inset, img.get_width() - inset):
        for y in range(inset, img.get_height() - inset):
            c = img.get_at((x, y))
            if c.a == 255:
                total += 1
                same += surf.get_at((r.x + x, r.y + y))[:3] == c[:3]
    return same / max(1, total)


# --- stacks -----------------------------------------------------------------------------


def test_a_stack_draws_its_counters_bottom_first(tutorial_rules) -> None:
    m = MapView(tutorial_rules, VIEW.copy())
    m.level = 5  # counters, not tokens
    h = hexgrid.parse_ccrr("0604")
    m.centre_on(h)
    a = Counter("a", look("red", "rocket", "Alpha"))
    b = Counter("b", look("blue", "uav", "Bravo"))
    surf = screen()
    m.draw(surf, Scene((Stack(h, (a, b)),)))
    tokens, px = piece_px(m.size)
    assert not tokens
    step = stack_step(m.size)
    cx, cy = m.centre(h)
    top = m.art.counter(b.look, px)
    assert opaque_matches(surf, top, (cx + step / 2, cy - step / 2)) > 0.97  # the top one, whole
    # the bottom one peeks out below and to the left of the top one
    bottom = m.art.counter(a.look, px)
    r = bottom.get_rect(center=(round(cx - step / 2), round(cy + step / 2)))
    edge = (1, px // 2)  # the middle of its left edge, left of the top counter
    assert bottom.get_at(edge).a == 255
    assert surf.get_at((r.left + edge[0], r.top + edge[1]))[:3] == bottom.get_at(edge)[:3]


def test_the_selected_piece_is_on_top_of_its_stack_and_ringed(tutorial_rules) -> None:
    m = MapView(tutorial_rules, VIEW.copy())
    m.level = 5
    h = hexgrid.parse_ccrr("0604")
    m.centre_on(h)
    a = Counter("a", look("red", "rocket", "Alpha"))
    b = Counter("b", look("red", "drone_launcher", "Bravo"))
    surf = screen()
    m.draw(surf, Scene((Stack(h, (a, b)),), selected="a"))
    px = piece_px(m.size)[1]
    step = stack_step(m.size)
    cx, cy = m.centre(h)
    assert opaque_matches(surf, m.art.counter(a.look, px), (cx + step / 2, cy - step / 2)) > 0.97
    edge = (round(cx), round(cy - m.size * SQRT3 / 2))  # the middle of the hex's top edge
    assert surf.get_at(edge)[:3] == style.HIGHLIGHT


def test_stacks_are_tokens_at_the_opening_zoom(border_rules) -> None:
    m = MapView(border_rules, VIEW.copy())
    tokens, px = piece_px(m.size)
    assert tokens and px >= 16
    h = hexgrid.parse_ccrr("3020")
    c = Counter("a", look("red", "rocket"))
    surf = screen()
    m.draw(surf, Scene((Stack(h, (c,)),)))
    assert opaque_matches(surf, m.art.token("red", "rocket", px), m.centre(h), inset=1) > 0.97


def test_a_hidden_enemy_piece_is_absent_from_the_scene_and_the_pixels(tutorial_rules) -> None:
    game = Game(tutorial_rules, 3)
    red, blue = scene_of(game, "red"), scene_of(game, "blue")
    hidden = [c for st in red.stacks for c in st.counters if c.look.side == "red" and c.look.hidden]
    assert hidden, "the tutorial starts with hidden Red teams"
    pid = hidden[0].piece
    assert all(c.piece != pid for st in blue.stacks for c in st.counters)
    h = next(st.hex for st in red.stacks if any(c.piece == pid for c in st.counters))
    m = MapView(tutorial_rules, VIEW.copy())
    m.level = 4
    m.centre_on(h)
    with_blue, bare = screen(), screen()
    m.draw(with_blue, blue)
    m.draw(bare, Scene(tuple(st for st in blue.stacks if st.hex != h)))
    cx, cy = m.centre(h)
    box = pygame.Rect(0, 0, int(m.size * 1.4), int(m.size * 1.4))
    box.center = (round(cx), round(cy))
    def pixels(surf: pygame.Surface) -> bytes:
        return pygame.image.tobytes(surf.subsurface(box), "RGB")

    assert pixels(with_blue) == pixels(bare)
    m.draw(with_blue, red)  # and Red's own view does show it there
    assert pixels(with_blue) != pixels(bare)


def test_a_slide_half_way_is_drawn_between_the_hexes(tutorial_rules) -> None:
    m = MapView(tutorial_rules, VIEW.copy())
    m.level = 5
    a, b = hexgrid.parse_ccrr("0604"), hexgrid.parse_ccrr("0806")
    m.centre_on(a)
    c = Counter("t", look("red", "rocket"))
    px = piece_px(m.size)[1]
    img = m.art.counter(c.look, px)
    (ax, ay), (bx, by) = m.centre(a), m.centre(b)
    for progress, want in ((0.0, (ax, ay)), (0.5, ((ax + bx) / 2, (ay + by) / 2)), (1.0, (bx, by))):
        surf = screen()
        m.draw(surf, Scene(slides=(Slide(c, a, b, progress),)))
        assert opaque_matches(surf, img, want) > 0.97, progress
    surf = screen()
    m.draw(surf, Scene(slides=(Slide(c, a, b, 0.5),)))
    assert opaque_matches(surf, img, (ax, ay)) < 0.5  # not at the start


def test_an_off_map_stack_stands_beside_the_map_and_is_hit_by_hex_at(border_rules) -> None:
    h = hexgrid.parse_ccrr("0140")  # the Gulf air base, beyond the map's edge
    m = MapView(border_rules, VIEW.copy())
    stack = Stack(h, (Counter("gulf", look("blue", "installation", kind="base")),), off_map=True)
    for level in (m.level, 3, 6):
        m.level = level
        m.centre_on(h)
        spot = m.centre(h)
        on_map = m.hex_centre(h)
        assert spot != on_map
        assert m.layout.pixel_to_hex(*spot) not in border_rules.terrain  # beside the map, on the table
        assert m.viewport.collidepoint(spot)  # centre_on brings it into view
        assert m.hex_at(spot) == h
        surf, bare = screen(), screen()
        m.draw(surf, Scene((stack,)))
        m.draw(bare, Scene())
        x, y = round(spot[0]), round(spot[1])
        assert surf.get_at((x, y)) != bare.get_at((x, y))


def test_marks_are_drawn_where_they_say(tutorial_rules) -> None:
    m = MapView(tutorial_rules, VIEW.copy())
    m.level = 5
    a, b = hexgrid.parse_ccrr("0604"), hexgrid.parse_ccrr("0904")
    m.centre_on(a)
    red = (250, 10, 10)
    surf = screen()
    m.draw(surf, Scene(marks=(Mark("target", a, red, 3), Mark("arrow", a, red, 3, to=b))))
    ax, ay = m.centre(a)
    assert surf.get_at((round(ax + m.size * 0.95) - 1, round(ay)))[:3] == red  # the ring, east of the hex
    arrow_tip = m.centre(b)
    assert surf.get_at((round(arrow_tip[0] - 10), round(arrow_tip[1])))[:3] == red  # the head, by the target
    plain, lit, faded = screen(), screen(), screen()
    m.draw(plain, Scene())
    m.draw(lit, Scene(marks=(Mark("flash", a, (255, 240, 160), strength=1.0),)))
    m.draw(faded, Scene(marks=(Mark("flash", a, (255, 240, 160), strength=0.0),)))
    p = (round(ax), round(ay))
    assert sum(lit.get_at(p)[:3]) > sum(plain.get_at(p)[:3])
    assert faded.get_at(p) == plain.get_at(p)


# --- place names and counters (defect 10) ---------------------------------------------------


@pytest.mark.parametrize("size", [(1280, 720), (1024, 600), (1920, 1080)])
def test_place_names_are_clear_of_every_counter_and_inside_the_map(border_rules, size) -> None:
    panel = max(340, min(520, int(size[0] * 0.28)))
    view = pygame.Rect(0, 0, size[0] - panel, size[1])
    game = Game(border_rules, 1)
    scene = scene_of(game, None)  # every piece of both sides
    m = MapView(border_rules, view)
    seen = set()
    for level in range(m.level, len(MapView.ZOOM_SIZES)):
        m.level = level
        for h in ("4836", "2009", "3020"):  # Baghdad, Raqqa, the Euphrates
            m.centre_on(hexgrid.parse_ccrr(h))
            m.draw(screen(view), scene)
            p = m.painter
            assert p.shown_stacks
            for name, r in p.shown_name_of.items():
                seen.add(name)
                assert r.collidelist(p.shown_stacks) < 0, (level, name)
                corners = (r.topleft, (r.right - 1, r.top), (r.left, r.bottom - 1), (r.right - 1, r.bottom - 1))
                for x, y in corners:  # wholly over the map, where it is in view
                    if view.collidepoint(x, y):
                        assert m.layout.pixel_to_hex(x, y) in border_rules.terrain, (level, name)
    assert {"Baghdad", "Fallujah", "Ain al-Asad air base", "Deir ez-Zor", "Raqqa"} <= seen


def test_names_at_the_opening_zoom_include_the_cities_by_the_counters(border_rules) -> None:
    """Baghdad and Fallujah, beside a stack in Baghdad, are both named and readable."""
    game = Game(border_rules, 1)
    m = MapView(border_rules, VIEW.copy())
    m.draw(screen(), scene_of(game, "blue"))
    names = m.painter.shown_name_of
    assert {"Baghdad", "Fallujah", "Ramadi", "Mosul", "Erbil", "Deir ez-Zor", "Raqqa"} <= set(names)
    assert names["Baghdad"].collidelist(m.painter.shown_stacks) < 0
    assert not names["Baghdad"].colliderect(names["Fallujah"])

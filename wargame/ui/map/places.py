"""Places: their symbols (baked into the tiles) and their names (laid out per scene).

A place's name is what a player reads to find his way, so it must never sit under
a counter. Counters stand at hex centres (a stack rises up and to the right), and
where they stand changes with every move, so names cannot be baked into the map's
tiles: each level keeps, per place, its name and a list of spots around the
place's own counter square, best first; `PlaceLabels.layout` picks for every name
the first spot clear of the scene's counters, of the baked labels and of other
names, and inside the map. The result is cached per set of occupied hexes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pygame
import pygame.gfxdraw

from ... import hexgrid
from ...hexgrid import Hex
from .. import style
from .colours import HALO, LANDMARK, PLACE_INK, PLACE_PRIORITY
from .geometry import APOTHEM, NORMALS
from .pieces import piece_px, stack_step
from .symbols import poly, rot

_PLANE = [(0.0, -1.0), (0.12, -0.8), (0.12, -0.28), (0.95, 0.18), (0.95, 0.36), (0.12, 0.12), (0.1, 0.62),
          (0.4, 0.84), (0.4, 0.98), (0.0, 0.88)]  # fmt: skip


def shows_place(p, s: float) -> bool:
    """Which places a level shows at all: cities from afar, every place up close."""
    if s < 12:
        return p.kind == "city"
    if s < 22:
        return p.kind in ("city", "town", "air_base")
    return True


def names_place(p, s: float) -> bool:
    """Which places a level names: every city from afar (the layout leaves out a name with
    no clear spot), only the biggest from very far; at 1024x600 the whole June map is at
    size 7, and Raqqa, Deir ez-Zor, Ramadi and Fallujah went unnamed when only the biggest were."""
    if s < 6:
        return p.kind == "city" and p.population >= 3
    if s < 9:
        return p.kind == "city"
    return True


def place_radius(p, s: float) -> float:
    if p.kind == "city":
        return max(2.5, (0.07 + 0.022 * p.population) * s) + 1
    if p.kind == "town":
        return max(2.0, 0.06 * s + 0.4 * p.population) + 1
    if p.kind == "air_base":
        return max(5.0, 0.2 * s)
    if p.kind == "crossing":
        return max(4.0, 0.26 * s)
    return max(4.0, 0.13 * s)


def place_label(p, s: float) -> pygame.Surface:
    if p.kind == "city":
        size = int(np.clip(0.2 * s + 8 + p.population, 11, 19))
        f = style.font(size, bold=True)
    elif p.kind == "landmark":
        size = int(np.clip(0.2 * s + 5, 10, 15))
        return style.text_with_halo(p.name, style.italic_font(size), LANDMARK, HALO, 2 if size >= 12 else 1)
    else:
        size = int(np.clip(0.16 * s + 9, 11, 15))
        f = style.font(size, condensed=p.kind in ("air_base", "crossing"))
    return style.text_with_halo(p.name, f, PLACE_INK, HALO, 2 if size >= 12 else 1)


def crossing_spot(rules, h: Hex, lay) -> tuple[tuple[float, float], float]:
    """A border crossing sits on the hex's border edge, across the border."""
    mine = rules.country.get(h)
    cx, cy = lay.hex_to_pixel(h)
    edges = [k for k, n in enumerate(h.neighbours()) if rules.country.get(n) not in (None, mine)]
    if not edges:
        return (cx, cy), 0.0
    # prefer the edge toward a neighbouring place (the town across the border)
    k = edges[0]
    for e in edges:
        if rules.places_at.get(h.neighbours()[e]):
            k = e
            break
    nx, ny = NORMALS[k]
    return (cx + nx * APOTHEM * lay.size, cy + ny * APOTHEM * lay.size), math.atan2(ny, nx)


def draw_place_symbol(surf: pygame.Surface, kind: str, x: float, y: float, s: float, pop: int, angle: float) -> None:
    ink = PLACE_INK
    if kind == "city":
        side = max(5, int(round((0.14 + 0.045 * pop) * s)))
        r = pygame.Rect(0, 0, side, side)
        r.center = (int(round(x)), int(round(y)))
        pygame.draw.rect(surf, HALO, r.inflate(4, 4))
        pygame.draw.rect(surf, ink, r)
        if pop >= 4 and side >= 8:
            pygame.draw.rect(surf, HALO, r.inflate(-4, -4), 1)
    elif kind == "town":
        rad = max(2.0, 0.06 * s + 0.4 * pop)
        pygame.draw.circle(surf, HALO, (x, y), rad + 1.6)
        pygame.draw.circle(surf, ink, (x, y), rad)
        pygame.draw.aacircle(surf, ink, (x, y), rad)
    elif kind == "air_base":
        k = max(5.0, 0.2 * s)
        co, sn = math.cos(math.radians(45)), math.sin(math.radians(45))
        half = _PLANE + [(-px, py) for px, py in reversed(_PLANE[1:-1])]
        pts = [(x + rot(px * k, py * k, co, sn)[0], y + rot(px * k, py * k, co, sn)[1]) for px, py in half]
        for dx, dy in ((-1.5, 0), (1.5, 0), (0, -1.5), (0, 1.5), (-1, -1), (1, 1), (-1, 1), (1, -1)):
            pygame.gfxdraw.filled_polygon(surf, [(math.floor(px + dx), math.floor(py + dy)) for px, py in pts], HALO)
        poly(surf, (24, 40, 72), pts)
    elif kind == "crossing":
        k = max(4.0, 0.26 * s)
        co, sn = math.cos(angle), math.sin(angle)
        th = max(2, int(round(0.075 * s)))
        a = (x - co * k, y - sn * k)
        b = (x + co * k, y + sn * k)
        cap = k * 0.45
        caps = [((p[0] - sn * cap, p[1] + co * cap), (p[0] + sn * cap, p[1] - co * cap)) for p in (a, b)]
        for width, colour in ((th + 3, HALO), (th, ink)):
            pygame.draw.line(surf, colour, a, b, width)
            for p0, p1 in caps:
                pygame.draw.line(surf, colour, p0, p1, width)
    else:  # landmark
        k = max(4.0, 0.13 * s)
        pts = [(x, y - k), (x + k * 0.95, y + k * 0.65), (x - k * 0.95, y + k * 0.65)]
        big = [(x, y - k - 2), (x + k * 0.95 + 2, y + k * 0.65 + 1.2), (x - k * 0.95 - 2, y + k * 0.65 + 1.2)]
        poly(surf, HALO, big)
        poly(surf, LANDMARK, pts)


def counter_half(s: float) -> float:
    """Half the side of the square a stack's counter (or far-zoom token) covers at hex
    radius s, as pieces.py draws them; a name keeps out of it."""
    return piece_px(s)[1] / 2 + 1


@dataclass
class PlaceName:
    """A place's name at one level, with the spots it may go to, best first (layer px)."""

    name: str
    hex: Hex
    kind: str
    img: pygame.Surface
    spots: list[pygame.Rect]
    must: bool  # a city is always named, at its least bad spot if no spot is clear


def name_spots(cx: float, cy: float, s: float, rad: float, size: tuple[int, int]) -> list[pygame.Rect]:
    """Spots for a name around its place, all outside the place's own counter square:
    beside it first (a name reads best on the line of its symbol), then below, above,
    and at the corners."""
    w, h = size
    g = max(rad + 2, counter_half(s) + 1)
    up = stack_step(s)  # a stack climbs up and right this much a counter
    spots = [("midleft", cx + g + up, cy), ("midright", cx - g, cy), ("midtop", cx, cy + g),
             ("midbottom", cx, cy - g - up), ("topleft", cx + g * 0.55, cy + g), ("topright", cx - g * 0.55, cy + g),
             ("bottomleft", cx + g * 0.55 + up, cy - g - up), ("bottomright", cx - g * 0.55, cy - g - up)]  # fmt: skip
    out = []
    for anchor, x, y in spots:
        r = pygame.Rect(0, 0, w, h)
        setattr(r, anchor, (int(round(x)), int(round(y))))
        out.append(r)
    return out


def place_names(rules, L) -> list[PlaceName]:
    """Every name the level shows, most important first."""
    s = L.size
    lay = L.layout
    places = [p for p in rules.scenario.map.places if shows_place(p, s) and names_place(p, s)]
    places.sort(key=lambda p: (PLACE_PRIORITY.get(p.kind, 9), -p.population, p.name))
    out = []
    for p in places:
        h = hexgrid.parse_ccrr(p.hex)
        cx, cy = lay.hex_to_pixel(h)
        img = place_label(p, s)
        out.append(PlaceName(p.name, h, p.kind, img, name_spots(cx, cy, s, place_radius(p, s), img.get_size()),
                             p.kind == "city"))  # fmt: skip
    return out

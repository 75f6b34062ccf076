"""Far-zoom tokens: a counter's frame and symbol without its card or its words.

At the zoom a 1280x720 window opens with, a hex is 18 px across and a counter
would be a 13 px square whose symbol is a smudge. A token drops the card and the
text and gives the whole square to the two things a player must tell apart at a
glance: the side (a rectangle for Blue, a diamond for Red, in the side's colour)
and the kind (the symbol, in ink on the frame's light fill). A light halo keeps
it off the terrain beneath, and a dark rim in the side's own dark colour gives
the shape a hard edge.
"""

from __future__ import annotations

import math

import pygame

from .. import style
from .frame import FIXED_SYMBOLS, Layout, Pen, scale_for
from .symbols import SYMBOL_ART, sym_unknown

HALO = (250, 246, 236)


WIDE = 1.04  # a token's diamond: nearly square, every pixel counts
ASPECT = 1.3  # a token's rectangle: less long than a counter's 1.5, for a taller symbol


def _halo(size: int) -> float:
    return max(1.0, size / 18)


def token_layout(side: str, size: int) -> Layout:
    """The frame of a token `size` px across, as a counter Layout (the symbols read it)."""
    c = size / 2
    halo = _halo(size)
    stroke = max(1.2, size / 13)
    if side == "red":
        b = (size / 2 - halo) / WIDE  # half height; the width is WIDE times more
        rect = (c - b, c - b, 2 * b, 2 * b)
        diamond = b
    else:
        w = size - 2 * halo
        h = w / ASPECT
        rect = (halo, c - h / 2 + size * 0.04, w, h)
        diamond = h / 2
    return Layout(size, float(size), 0.0, 0.0, 0, 0, 0.0, float(size), (0.0, float(size)), (c, c), rect, diamond,
                  stroke, 0.0)  # fmt: skip


def _outline(side: str, lay: Layout, grow: float) -> list[tuple[float, float]]:
    cx, cy = lay.centre
    if side == "red":
        b = lay.diamond + grow * math.sqrt(1 + 1 / WIDE**2)
        a = lay.diamond * WIDE + grow * math.sqrt(1 + WIDE**2)
        return [(cx, cy - b), (cx + a, cy), (cx, cy + b), (cx - a, cy)]
    x, y, w, h = lay.rect
    return [(x - grow, y - grow), (x + w + grow, y - grow), (x + w + grow, y + h + grow), (x - grow, y + h + grow)]


def _box(side: str, lay: Layout) -> tuple[float, float, float, float]:
    """The symbol's area: most of the frame (a token has no room to spare)."""
    cx, cy = lay.centre
    if side == "red":
        b = lay.diamond - lay.stroke
        return cx, cy + b * 0.03, b * 1.3, b * 1.22
    x, y, w, h = lay.rect
    st = lay.stroke
    return x + w / 2, y + h / 2, (w - 2 * st) * 0.9, (h - 2 * st) * 0.92


def build_token(side: str, symbol: str, size: int) -> pygame.Surface:
    side = side if side in style.SIDE_COLOUR else "blue"
    light, dark = style.SIDE_LIGHT[side], style.SIDE_DARK[side]
    lay = token_layout(side, size)
    k = scale_for(size)
    pen = Pen(size, k, HALO)
    halo = _halo(size)
    pen.poly(HALO, _outline(side, lay, halo))
    pen.poly(dark, _outline(side, lay, 0.0))
    pen.poly(light, _outline(side, lay, -lay.stroke))
    SYMBOL_ART.get(symbol, sym_unknown)(pen, side, lay, _box(side, lay), style.INK, light)
    if symbol in FIXED_SYMBOLS:  # APP-6's installation bar, astride the frame's top
        cx, _ = lay.centre
        top = lay.centre[1] - lay.diamond if side == "red" else lay.rect[1]
        bw = size * 0.34
        pen.rect(dark, cx - bw / 2, top - lay.stroke * 1.2, bw, lay.stroke * 2.0)
    return pen.shrink()

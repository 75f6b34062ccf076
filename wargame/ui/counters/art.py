"""CounterArt: builds counters and far-zoom tokens once per look and size, and keeps them.

The cache is bounded in count and in bytes: a counter at the closest zoom is
about 24 kB, and a long session sees every size of every piece in every state.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable

import pygame

from ...present.scene import CounterLook
from .. import style
from .frame import (
    FIXED_SYMBOLS, WHITE, Colour, Pen, draw_frame, icon_box, installation_bar, layout, mix, scale_for,
)  # fmt: skip
from .marks import dashed_border, destroyed_look, draw_marks
from .symbols import SYMBOL_ART, sym_unknown
from .text import blit_baseline, fit_label, fit_values
from .tokens import build_token


class CounterArt:
    """Draws and caches counters, far-zoom tokens and the older plain markers."""

    def __init__(self, max_cached: int = 1024, max_bytes: int = 24 << 20):
        self._cache: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._max = max_cached
        self.max_bytes = max_bytes
        self.bytes = 0

    def _cached(self, key: tuple, build: Callable[[], pygame.Surface]) -> pygame.Surface:
        img = self._cache.get(key)
        if img is not None:
            self._cache.move_to_end(key)
            return img
        img = build()
        self._cache[key] = img
        self.bytes += _bytes(img)
        while len(self._cache) > 1 and (len(self._cache) > self._max or self.bytes > self.max_bytes):
            _, old = self._cache.popitem(last=False)
            self.bytes -= _bytes(old)
        return img

    def clear(self) -> None:
        self._cache.clear()
        self.bytes = 0

    # -- counters --

    def counter(self, look: CounterLook, size: int) -> pygame.Surface:
        """A square counter `size` px across (SRCALPHA; the card plus its drop shadow)."""
        size = max(4, int(size))
        return self._cached(("counter", look, size), lambda: _build_counter(look, size))

    # -- far zooms --

    def token(self, side: str, symbol: str, size: int) -> pygame.Surface:
        """A far-zoom token (14-24 px): the side's frame shape and colour with the kind's
        symbol in it, on a light halo, so side and kind read where a counter cannot."""
        size = max(8, int(size))
        return self._cached(("token", side, symbol, size), lambda: build_token(side, symbol, size))

    def marker(self, side: str, symbol: str, size: int) -> pygame.Surface:
        """A plain marker (8-16 px): the side's frame shape in its colour, no symbol."""
        size = max(4, int(size))
        return self._cached(("marker", side, symbol, size), lambda: _build_marker(side, symbol, size))


def _bytes(img: pygame.Surface) -> int:
    return img.get_pitch() * img.get_height()


def side_colours(side: str) -> tuple[Colour, Colour, Colour]:
    side = side if side in style.SIDE_COLOUR else "blue"
    return style.SIDE_COLOUR[side], style.SIDE_LIGHT[side], style.SIDE_DARK[side]


def _build_marker(side: str, symbol: str, size: int) -> pygame.Surface:
    k = scale_for(size)
    base = side_colours(side)[0]
    pen = Pen(size, k, style.INK)
    st = max(1.0, size / 10)
    c = size / 2
    if side == "red":
        r = size / 2 - 0.3
        outer = [(c, c - r), (c + r, c), (c, c + r), (c - r, c)]
        ri = r - st * math.sqrt(2)
        inner = [(c, c - ri), (c + ri, c), (c, c + ri), (c - ri, c)]
        top = c - r
    else:
        w = size - 0.6
        h = w / 1.5
        y = c - h / 2 + (size * 0.08 if symbol in FIXED_SYMBOLS else 0)
        outer = [(0.3, y), (0.3 + w, y), (0.3 + w, y + h), (0.3, y + h)]
        inner = [(0.3 + st, y + st), (0.3 + w - st, y + st), (0.3 + w - st, y + h - st), (0.3 + st, y + h - st)]
        top = y
    pen.poly(style.INK, outer)
    pen.poly(base, inner)
    if symbol in FIXED_SYMBOLS and size >= 10:
        bw = size * 0.36
        pen.rect(style.INK, c - bw / 2, max(0.0, top - st * 1.2), bw, st * 2)
    return pen.shrink()


def _build_counter(look: CounterLook, size: int) -> pygame.Surface:
    lay = layout(size)
    k = scale_for(size)
    side = look.side if look.side in style.SIDE_COLOUR else "blue"
    base, light, dark = side_colours(side)
    ink = style.INK
    B = lay.card
    radius = max(1.0, B * 0.09)
    edge = max(1.0, B / 56) if size >= 24 else 0.8
    bevel = max(0.7, B / 40) if size >= 24 else 0.0

    # the text first, so that a dashed border can leave room for it
    text_colour = WHITE if side == "blue" else style.INK
    texts: list[tuple[pygame.Surface, pygame.font.Font, float, float]] = []  # image, font, centre x, baseline
    if lay.values_px and look.values:
        fitted = fit_values(look.values, B - 2 * max(0.5, lay.pad * 0.6), lay.values_px, text_colour)
        if fitted:
            texts.append((*fitted, B / 2, lay.values_baseline))
    if lay.label_px and look.label:
        corner = B * 0.2 if look.damaged else 0.0  # leave the damage stripe clear
        fitted = fit_label(look.label, B - 2 * lay.pad - corner, lay.label_px, text_colour)
        if fitted:
            texts.append((*fitted, B / 2 + corner / 2, lay.label_baseline))

    # 1. the card, the frame and the symbol, supersampled
    pen = Pen(size, k, dark)
    if lay.shadow:
        pen.rect((0, 0, 0, 90), lay.shadow, lay.shadow, B, B, radius)
    pen.rect(dark, 0, 0, B, B, radius)
    inner = radius - edge
    if bevel:
        pen.rect(mix(base, (255, 255, 255), 0.38), edge, edge, B - 2 * edge, B - 2 * edge, inner)
        pen.rect(mix(base, (0, 0, 0), 0.32), edge + bevel, edge + bevel, B - 2 * edge - bevel, B - 2 * edge - bevel,
                 inner)  # fmt: skip
    _face(pen, base, edge + bevel, B - 2 * edge - 2 * bevel, max(0.0, inner - bevel))
    if look.hidden:
        gaps = [(cx - im.get_width() / 2, cx + im.get_width() / 2, baseline) for im, _f, cx, baseline in texts]
        dashed_border(pen, lay, edge + bevel, gaps)
    draw_frame(pen, side, lay, light, ink)
    box = icon_box(side, lay)
    SYMBOL_ART.get(look.symbol, sym_unknown)(pen, side, lay, box, ink, light)
    if look.symbol in FIXED_SYMBOLS:
        installation_bar(pen, side, lay, ink)
    img = pen.shrink()

    # 2. the text, at the final size so it stays crisp
    for im, f, cx, baseline in texts:
        blit_baseline(img, im, f, cx, baseline)

    # 3. status marks
    draw_marks(img, look, lay, k)

    if look.spent and not look.destroyed:
        img.fill((196, 196, 196), special_flags=pygame.BLEND_RGB_MULT)
    if look.destroyed:
        img = destroyed_look(img, lay, k)
    return img


def _face(pen: Pen, base: Colour, at: float, side_len: float, radius: float) -> None:
    """The card's face: the side colour, a shade lighter at the top, like lit card."""
    top, bottom = mix(base, (255, 255, 255), 0.10), mix(base, (0, 0, 0), 0.06)
    grad = pygame.Surface((1, 2))
    grad.set_at((0, 0), top)
    grad.set_at((0, 1), bottom)
    r = pen.box(at, at, side_len, side_len)
    shade = pygame.transform.smoothscale(grad, r.size)
    shape = pygame.Surface(r.size, pygame.SRCALPHA)
    pygame.draw.rect(shape, (255, 255, 255, 255), shape.get_rect(), border_radius=max(0, round(radius * pen.k)))
    shape.blit(shade, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
    pen.surf.blit(shape, r.topleft)

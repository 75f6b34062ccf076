"""The scene's pieces: stacks of counters at hex centres, off-map stacks beside the
map edge, slides between hexes, the selected piece on top and ringed.

Up close a stack is counters, each a little up and to the right of the one below,
with a count badge; from afar (a hex under 16 px) it is far-zoom tokens, which
give side and kind the whole square (see counters/tokens.py). The squares drawn
here are the ones place names keep out of (places.py reads `piece_px`).
"""

from __future__ import annotations

import math

import pygame

from ... import hexgrid
from ...hexgrid import Hex
from ...present.scene import Counter, Scene, Slide, Stack
from .. import style
from ..counters import CounterArt
from ..counters.marks import ACTIVE_AMBER, MARKER_AMBER
from .overlays import outline_hex

TOKEN_BELOW = 16  # hex radius (px) below which stacks are drawn as tokens
OFF_MAP_STEP = 2.2  # an off-map stack stands this many hex radii beyond the map edge


def piece_px(s: float) -> tuple[bool, int]:
    """(tokens?, the side in px of one counter or token) at hex radius s."""
    if s < TOKEN_BELOW:
        return True, max(14, int(round(2.1 * s)))
    return False, int(s * 1.45)


def stack_step(s: float) -> int:
    """How far each counter of a stack sits up and right of the one below (px)."""
    tokens, px = piece_px(s)
    return 2 if tokens else max(2, px // 12)


def off_map_offset(columns: int, rows: int, h: Hex, s: float) -> tuple[float, float]:
    """Where an off-map stack stands relative to its hex: out past the nearest edge."""
    col, row = hexgrid.to_offset(h)
    dx, dy = col - columns / 2, row - rows / 2
    if abs(dx) / columns > abs(dy) / rows:
        return math.copysign(s * OFF_MAP_STEP, dx), 0.0
    return 0.0, math.copysign(s * OFF_MAP_STEP, dy)


def ordered(stack: Stack, selected: str | None) -> list[Counter]:
    """The stack bottom first, the selected piece moved to the top."""
    counters = list(stack.counters)
    if selected is not None:
        mine = [c for c in counters if c.piece == selected]
        if mine:
            counters = [c for c in counters if c.piece != selected] + mine
    return counters


def stack_rects(spot: tuple[float, float], n: int, s: float) -> pygame.Rect:
    """The screen (or layer) area a stack of n counters covers around its spot."""
    _, px = piece_px(s)
    step = stack_step(s)
    spread = step * (n - 1)
    r = pygame.Rect(0, 0, px + spread, px + spread)
    r.center = (round(spot[0]), round(spot[1]))
    if n > 1 and not piece_px(s)[0]:
        r.width += int(px * 0.1) + 4  # the count badge at the top right
        r.top -= int(px * 0.1) + 2
        r.height += int(px * 0.1) + 2
    return r


class PiecePainter:
    """Draws the scene's stacks and slides with one CounterArt."""

    def __init__(self, art: CounterArt):
        self.art = art
        self._badges: dict[tuple, pygame.Surface] = {}

    def _badge(self, n: int, s: float) -> pygame.Surface:
        """The count on a stack: white on a dark pill (cached: fonts render slowly)."""
        key = (n, int(s))
        img = self._badges.get(key)
        if img is None:
            text = style.font(max(9, int(s * 0.32)), bold=True).render(str(n), True, (255, 255, 255))
            img = pygame.Surface(text.get_rect().inflate(6, 2).size, pygame.SRCALPHA)
            pygame.draw.rect(img, (20, 20, 20), img.get_rect(), border_radius=6)
            img.blit(text, text.get_rect(center=img.get_rect().center))
            self._badges[key] = img
        return img

    def _tag(self, letters: str, s: float) -> pygame.Surface:
        """The markers of a counter lower in a stack: ink letters on an amber tag (cached)."""
        key = (letters, -int(s))
        img = self._badges.get(key)
        if img is None:
            text = style.font(max(9, int(s * 0.32)), bold=True).render(letters, True, style.INK)
            img = pygame.Surface(text.get_rect().inflate(6, 2).size, pygame.SRCALPHA)
            pygame.draw.rect(img, MARKER_AMBER, img.get_rect(), border_radius=3)
            pygame.draw.rect(img, style.INK, img.get_rect(), 1, border_radius=3)
            img.blit(text, text.get_rect(center=img.get_rect().center))
            self._badges[key] = img
        return img

    def draw_counter(self, surface: pygame.Surface, c: Counter, centre: tuple[float, float], s: float) -> None:
        tokens, px = piece_px(s)
        look = c.look
        img = self.art.token(look.side, look.symbol, px) if tokens else self.art.counter(look, px)
        at = (round(centre[0]), round(centre[1]))
        surface.blit(img, img.get_rect(center=at))
        if tokens and (look.active or look.markers):
            # a far-zoom token has no room for badges: an amber ring (active), an amber dot (a marker)
            if look.active:
                pygame.draw.circle(surface, ACTIVE_AMBER, at, px * 0.62, max(2, px // 8))
            if look.markers:
                dot = (at[0] - px // 2, at[1] - px // 2)
                pygame.draw.circle(surface, style.INK, dot, max(3, px // 5))
                pygame.draw.circle(surface, MARKER_AMBER, dot, max(2, px // 5 - 1))

    def draw_stack(self, surface: pygame.Surface, stack: Stack, spot: tuple[float, float], s: float,
                   selected: str | None) -> None:  # fmt: skip
        counters = ordered(stack, selected)
        n = len(counters)
        if not n:
            return
        tokens, px = piece_px(s)
        step = stack_step(s)
        cx, cy = spot
        for i, c in enumerate(counters):
            shift = (i - (n - 1) / 2) * step  # each counter up and to the right of the one below
            self.draw_counter(surface, c, (cx + shift, cy - shift), s)
        if n > 1 and not tokens:
            badge = self._badge(n, s)
            surface.blit(badge, badge.get_rect(center=(round(cx + px * 0.55), round(cy - px * 0.55))))
            under = "".join(c.look.markers for c in counters[:-1])
            if under:  # a marker on a site under its aircraft: its tag beside the stack, not hidden by them
                tag = self._tag(under, s)
                surface.blit(tag, tag.get_rect(center=(round(cx - px * 0.55), round(cy + px * 0.55))))

    def draw_selection(self, surface: pygame.Surface, spot: tuple[float, float], hex_centre: tuple[float, float],
                       s: float, off_map: bool) -> None:  # fmt: skip
        """The selected piece's ring: its hex's outline, or a circle round an off-map stack."""
        if off_map:
            r = s * 0.95 if s >= TOKEN_BELOW else piece_px(s)[1] * 0.7
            pygame.draw.circle(surface, style.HIGHLIGHT, spot, r, 3)
        else:
            outline_hex(surface, hex_centre, s, style.HIGHLIGHT, 3)

    def draw_slide(self, surface: pygame.Surface, slide: Slide, a: tuple[float, float], b: tuple[float, float],
                   s: float) -> None:  # fmt: skip
        t = max(0.0, min(1.0, slide.progress))
        self.draw_counter(surface, slide.counter, (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t), s)


__all__ = ["PiecePainter", "Scene", "piece_px", "stack_rects", "off_map_offset", "ordered", "stack_step"]

"""Status marks: shapes and letters, never colour alone.

A black corner stripe (damaged), a grey card with a bold X (destroyed), a round
"S" badge (suppressed), a square "?" badge (result unclear), a dashed inner
border and an eye-slash badge (hidden from the enemy), a thick amber edge (an
active team: it launched and has not gone to ground) and a lettered amber tag
at the top left (a marker on it, "A" for an alert, drawn only in views that
may see it).
"""

from __future__ import annotations

import math

import pygame

from ...present.scene import CounterLook
from .. import style
from .frame import SUPPRESS_YELLOW, WHITE, Colour, Layout, Pen, Point

ACTIVE_AMBER = (255, 170, 0)
MARKER_AMBER = (255, 214, 64)

def dashed_border(pen: Pen, lay: Layout, inset: float, gaps: list[tuple[float, float, float]]) -> None:
    """Hidden from the enemy: a dashed white line just inside the card's edge,
    broken where a line of text (x0, x1, baseline) runs along it."""
    B = lay.card
    t = max(0.8, B / 40)
    inset += max(0.4, B / 90)
    dash, gap = max(2.0, B * 0.07), max(1.5, B * 0.05)
    x0, y0, x1, y1 = inset, inset, B - inset - t, B - inset - t
    near = B * 0.3  # a text line this close to an edge breaks that edge's dashes
    for a0, a1, fixed, horizontal in ((x0, x1, y0, True), (x0, x1, y1, True), (y0, y1, x0, False), (y0, y1, x1, False)):
        n = max(1, round((a1 - a0 + gap) / (dash + gap)))
        step = (a1 - a0 + t) / n  # dashes spread evenly, one at each corner
        d = step * dash / (dash + gap)
        for i in range(n):
            pos = a0 + i * step
            if horizontal and any(abs(base - fixed) < near and pos + d > g0 - gap * 0.6 and pos < g1 + gap * 0.6
                                  for g0, g1, base in gaps):  # fmt: skip
                continue
            if horizontal:
                pen.rect(WHITE, pos, fixed, d, t)
            else:
                pen.rect(WHITE, fixed, pos, t, d)


def _badge_spots(lay: Layout) -> dict[str, Point]:
    """Badge centres: beside the frame, in the band between the text lines."""
    b = lay.badge
    top, bottom = lay.middle
    if lay.label_px == 0:
        top = min(top, lay.pad * 0.4)
    if lay.values_px == 0:
        bottom = max(bottom, lay.card - lay.pad * 0.4)
    left, right = lay.pad * 0.4 + b / 2, lay.card - lay.pad * 0.4 - b / 2
    return {
        "unknown": (right, top + b / 2),
        "suppressed": (right, bottom - b / 2),
        "hidden": (left + b * 0.08, bottom - b / 2),
        "marker": (left, top + b / 2),
    }


def draw_marks(img: pygame.Surface, look: CounterLook, lay: Layout, k: int) -> None:
    if not (look.damaged or look.suppressed or look.hidden or look.unknown or look.active or look.markers):
        return
    B = lay.card
    ink = style.INK
    pen = Pen(lay.size, k)
    letters: list[tuple[str, Point, float]] = []
    spots = _badge_spots(lay)
    b = lay.badge
    line = max(0.7, b / 11)
    if look.damaged:
        # a black stripe across the top-left corner, edged in white
        c1, c2 = B * 0.14, B * 0.3
        e = max(0.5, B / 80)
        pen.poly(WHITE, [(c1 - e * 1.4, 0), (c2 + e * 1.4, 0), (0, c2 + e * 1.4), (0, c1 - e * 1.4)])
        pen.poly(ink, [(c1, 0), (c2, 0), (0, c2), (0, c1)])
    if look.hidden:
        # a pill with an eye struck through
        x, y = spots["hidden"]
        w, h = b * 1.16, b * 0.8
        pen.rect(ink, x - w / 2, y - h / 2, w, h, h / 2)
        pen.rect(WHITE, x - w / 2 + line, y - h / 2 + line, w - 2 * line, h - 2 * line, h / 2 - line)
        _eye_slash(pen, (x, y), w * 0.66, ink, WHITE)
    if look.active:
        # a thick amber edge round the whole card, inside its outline
        t = max(1.2, B / 13)
        for x0, y0, w, h in ((0, 0, B, t), (0, B - t, B, t), (0, 0, t, B), (B - t, 0, t, B)):
            pen.rect(ACTIVE_AMBER, x0, y0, w, h)
    if look.markers:
        x, y = spots["marker"]
        if look.damaged:
            x += B * 0.12  # beside the damage stripe, not on it
        w = b * (0.9 + 0.55 * (len(look.markers) - 1))
        pen.rect(ink, x - b / 2, y - b / 2, w, b, b * 0.2)
        pen.rect(MARKER_AMBER, x - b / 2 + line, y - b / 2 + line, w - 2 * line, b - 2 * line, b * 0.15)
        letters.append((look.markers, (x - b / 2 + w / 2, y), b))
    if look.suppressed:
        x, y = spots["suppressed"]
        pen.circle(ink, (x, y), b / 2)
        pen.circle(SUPPRESS_YELLOW, (x, y), b / 2 - line)
        letters.append(("S", (x, y), b))
    if look.unknown:
        x, y = spots["unknown"]
        pen.rect(ink, x - b / 2, y - b / 2, b, b, b * 0.12)
        pen.rect(WHITE, x - b / 2 + line, y - b / 2 + line, b - 2 * line, b - 2 * line, b * 0.06)
        letters.append(("?", (x, y), b))
    img.blit(pen.shrink_premul(), (0, 0), special_flags=pygame.BLEND_PREMULTIPLIED)
    for text, (x, y), size in letters:
        px = round(size * 0.8)
        if px < 7:
            continue
        f = style.font(px, bold=True)
        glyph = f.render(text, True, ink)
        ink_box = glyph.get_bounding_rect()
        img.blit(glyph, (round(x - ink_box.centerx), round(y - ink_box.centery)))


def _eye_slash(pen: Pen, c: Point, w: float, fg: Colour, bg: Colour) -> None:
    """An eye struck through: 'hidden from the enemy'."""
    cx, cy = c
    h = w * 0.6
    n = 16
    upper = [(cx - w / 2 + w * i / n, cy - h / 2 * math.sin(math.pi * i / n)) for i in range(n + 1)]
    lower = [(cx + w / 2 - w * i / n, cy + h / 2 * math.sin(math.pi * i / n)) for i in range(n + 1)]
    pen.poly(fg, upper + lower)
    pen.circle(bg, (cx, cy), h * 0.36)
    pen.circle(fg, (cx, cy), h * 0.2)
    t = max(0.7, w * 0.12)
    a, b = (cx - w * 0.42, cy + h * 0.85), (cx + w * 0.42, cy - h * 0.85)
    pen.line(bg, a, b, t * 2.8)
    pen.line(fg, a, b, t)


def destroyed_look(img: pygame.Surface, lay: Layout, k: int) -> pygame.Surface:
    """Greyed out, faded, with a bold X across it."""
    grey = pygame.transform.grayscale(img)
    grey.fill((70, 70, 70), special_flags=pygame.BLEND_RGB_ADD)
    grey.fill((200, 200, 200), special_flags=pygame.BLEND_RGB_MULT)
    pen = Pen(lay.size, k)
    B = lay.card
    m = B * 0.14
    w = max(1.6, B * 0.09)
    arms = (((m, m), (B - m, B - m)), ((B - m, m), (m, B - m)))
    for a, b in arms:
        pen.line(WHITE, a, b, w + max(1.0, B / 28), cap=True)
    for a, b in arms:
        pen.line(style.INK, a, b, w, cap=True)
    grey.blit(pen.shrink_premul(), (0, 0), special_flags=pygame.BLEND_PREMULTIPLIED)
    return grey

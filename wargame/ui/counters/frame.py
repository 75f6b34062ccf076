"""A counter's geometry, the supersampled pen that draws it, and its NATO frame.

Every look of one size shares one layout, so a blue and a red counter of a size
put their frames on the same centre and a stack lines up. Shapes are drawn at
four times the size and scaled down: smooth edges without antialiased polygon
drawing, which pygame does not have.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

DIAMOND_WIDE = 1.18  # Red's diamond is a touch wider than tall, to give its icon room

# below these sizes (px) the label, then all text, are left off
LABEL_MIN = 34
TEXT_MIN = 24

SYMBOLS = ("fixed_wing", "uav", "drone_launcher", "rocket", "installation", "consulate", "depot", "facility")
FIXED_SYMBOLS = frozenset({"installation", "consulate", "depot", "facility"})

Colour = tuple[int, int, int]
Point = tuple[float, float]

WHITE: Colour = (250, 250, 246)
SUPPRESS_YELLOW: Colour = (250, 206, 40)
GREY_CARD: Colour = (176, 174, 168)



# --- geometry -------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """Where everything sits on a counter of one size (floats, in pixels)."""

    size: int
    card: float  # the card is the square (0, 0, card, card); the rest is its shadow
    shadow: float
    pad: float
    label_px: int  # font sizes; 0 when that line is left off
    values_px: int
    label_baseline: float
    values_baseline: float
    middle: tuple[float, float]  # top and bottom of the band between the text lines
    centre: Point  # the frame's centre
    rect: tuple[float, float, float, float]  # Blue's rectangle frame: x, y, w, h
    diamond: float  # Red's diamond frame: half its diagonal, about the same centre
    stroke: float  # frame outline width
    badge: float  # status badge size


def _cap(px: int) -> float:
    """Cap height of the DejaVu fonts at a pixel size (digits are as tall)."""
    return px * 0.73


def layout(size: int) -> Layout:
    """The geometry of a counter of `size` px: the same for every look, so the
    frame of a blue and a red counter of one size share a centre."""
    size = max(4, int(size))
    shadow = 0.0 if size < 14 else max(1.0, round(size * 0.035))
    card = size - shadow
    pad = card * 0.06
    label_px = max(7, round(card * 0.165)) if size >= LABEL_MIN else 0
    if size >= LABEL_MIN:
        values_px = max(8, round(card * 0.21))
    else:
        values_px = max(8, round(card * 0.3)) if size >= TEXT_MIN else 0
    label_baseline = pad * 0.8 + _cap(label_px) if label_px else 0.0
    values_baseline = card - pad * 0.85 if values_px else card
    top = label_baseline + card * 0.035 if label_px else (pad * 0.7 if values_px else pad * 0.8)
    bottom = values_baseline - _cap(values_px) - card * 0.035 if values_px else card - pad * 0.8
    height = bottom - top
    width = card - 2 * pad
    stroke = max(1.0, card / 30)
    bar = stroke * 1.3  # room for the installation bar astride the rectangle's top
    rect_h = min((height - bar) * 0.96, width * 0.78 / 1.5)
    rect_w = rect_h * 1.5
    diamond = min(height / 2 + card * 0.015, width * 0.86 / 2 / DIAMOND_WIDE)
    cx = card / 2
    cy = top + height / 2
    rect = (cx - rect_w / 2, cy + bar / 2 - rect_h / 2, rect_w, rect_h)
    badge = max(6.0, card * 0.24, min(11.0, card * 0.28))
    return Layout(
        size, card, shadow, pad, label_px, values_px, label_baseline, values_baseline,
        (top, bottom), (cx, cy), rect, diamond, stroke, badge,
    )  # fmt: skip


# --- a supersampled pen ------------------------------------------------------------


class Pen:
    """Draws in pixel coordinates of the final counter on a surface `scale` times
    larger, then shrinks it: smooth edges on every shape."""

    def __init__(self, size: int, scale: int, clear: Colour = (0, 0, 0)):
        self.size = size
        self.k = scale
        self.surf = pygame.Surface((size * scale, size * scale), pygame.SRCALPHA)
        self.surf.fill((*clear, 0))

    def pt(self, p: Point) -> tuple[int, int]:
        return (round(p[0] * self.k), round(p[1] * self.k))

    def box(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        x0, y0 = round(x * self.k), round(y * self.k)
        return pygame.Rect(x0, y0, max(1, round((x + w) * self.k) - x0), max(1, round((y + h) * self.k) - y0))

    def poly(self, colour: tuple[int, ...], pts: list[Point]) -> None:
        pygame.draw.polygon(self.surf, colour, [self.pt(p) for p in pts])

    def rect(self, colour: tuple[int, ...], x: float, y: float, w: float, h: float, radius: float = 0) -> None:
        pygame.draw.rect(self.surf, colour, self.box(x, y, w, h), border_radius=max(0, round(radius * self.k)))

    def circle(self, colour: tuple[int, ...], c: Point, r: float, width: float = 0) -> None:
        pygame.draw.circle(self.surf, colour, self.pt(c), max(1, round(r * self.k)), round(width * self.k))

    def line(self, colour: tuple[int, ...], a: Point, b: Point, width: float, cap: bool = False) -> None:
        """A thick line as a quad, with square joins that stay crisp when shrunk."""
        dx, dy = b[0] - a[0], b[1] - a[1]
        n = math.hypot(dx, dy) or 1.0
        ox, oy = -dy / n * width / 2, dx / n * width / 2
        if cap:
            ex, ey = dx / n * width / 2, dy / n * width / 2
            a, b = (a[0] - ex, a[1] - ey), (b[0] + ex, b[1] + ey)
        self.poly(colour, [(a[0] + ox, a[1] + oy), (b[0] + ox, b[1] + oy),
                           (b[0] - ox, b[1] - oy), (a[0] - ox, a[1] - oy)])  # fmt: skip

    def shrink(self) -> pygame.Surface:
        return pygame.transform.smoothscale(self.surf, (self.size, self.size))

    def shrink_premul(self) -> pygame.Surface:
        """Shrunk with premultiplied alpha: blit it with BLEND_PREMULTIPLIED, no dark fringes."""
        return pygame.transform.smoothscale(self.surf.premul_alpha(), (self.size, self.size))


def scale_for(size: int) -> int:
    return 4 if size <= 80 else max(2, 320 // size)


def mix(a: Colour, b: Colour, t: float) -> Colour:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


# --- frames ---------------------------------------------------------------------


def diamond_radii(lay: Layout, inset: float = 0.0) -> tuple[float, float]:
    """Half the diamond's width and height, moved in by `inset` (an outline's width)."""
    b = lay.diamond
    a = b * DIAMOND_WIDE
    return a - inset * math.sqrt(1 + (a / b) ** 2), b - inset * math.sqrt(1 + (b / a) ** 2)


def frame_outline(side: str, lay: Layout, inset: float = 0.0) -> list[Point]:
    cx, cy = lay.centre
    if side == "blue":
        x, y, w, h = lay.rect
        i = inset
        return [(x + i, y + i), (x + w - i, y + i), (x + w - i, y + h - i), (x + i, y + h - i)]
    a, b = diamond_radii(lay, inset)
    return [(cx, cy - b), (cx + a, cy), (cx, cy + b), (cx - a, cy)]


def icon_box(side: str, lay: Layout) -> tuple[float, float, float, float]:
    """The icon's area inside the frame: centre x, centre y, width, height."""
    if side == "blue":
        x, y, w, h = lay.rect
        return x + w / 2, y + h / 2, w * 0.74, h * 0.74
    cx, cy = lay.centre
    a, b = diamond_radii(lay, lay.stroke)
    return cx, cy + b * 0.04, a * 1.2, b * 1.14


def half_width_at(side: str, lay: Layout, y: float) -> float:
    """Half the frame's inner width at height y (for lines drawn edge to edge)."""
    if side == "blue":
        return lay.rect[2] / 2 - lay.stroke
    a, b = diamond_radii(lay, lay.stroke)
    return max(0.0, a * (1 - abs(y - lay.centre[1]) / b))


def draw_frame(pen: Pen, side: str, lay: Layout, fill: Colour, ink: Colour) -> None:
    pen.poly(ink, frame_outline(side, lay))
    pen.poly(fill, frame_outline(side, lay, lay.stroke))


def installation_bar(pen: Pen, side: str, lay: Layout, ink: Colour) -> None:
    """APP-6's installation indicator: a bar astride the top of the frame."""
    s = lay.stroke
    if side == "blue":
        x, y, w, _h = lay.rect
        bw, top = w * 0.34, y - s * 1.3
        pen.rect(ink, x + w / 2 - bw / 2, top, bw, s * 2.3)
    else:
        cx, cy = lay.centre
        bw = lay.diamond * DIAMOND_WIDE * 0.62
        pen.rect(ink, cx - bw / 2, cy - lay.diamond - s * 0.3, bw, s * 2.0)

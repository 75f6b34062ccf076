"""Counters: the square pieces of card that stand on the board.

Each counter is drawn the way printed wargame counters are: a piece of card in
the side colour with a NATO-style frame in the middle (APP-6: a rectangle for
Blue, a diamond for Red, so the sides differ in shape as well as colour), the
symbol inside the frame, the short name at the top and the values at the bottom.
Status marks are shapes and letters, never colour alone: a black corner stripe
(damaged), a grey card with a bold X (destroyed), a round "S" badge
(suppressed), a square "?" badge (result unclear), a dashed inner border and an
eye-slash badge (hidden from the enemy), a dimmed card (spent).

Shapes are drawn at four times the size and scaled down (smooth edges without
antialiased polygon drawing); text is rendered at the final size so it stays
crisp. Every counter is cached by (look, size), so drawing the board is blits.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pygame

from ..present.scene import CounterLook
from . import style

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


# --- values line ----------------------------------------------------------------


def values_line(kind: str, values: Mapping[str, int]) -> str:
    """The values printed along a counter's foot, in the compact wargame style.

    base/consulate: counter-drone-personnel "6-4"; strike_flight: strike-range
    "2-40"; isr_drone: detection-range "1-16"; launch_team: drones-range-move
    "2-20-3"; rocket_team: rockets-range-move "3-2-2"; facility: air defence
    "AD1"; depot: resupply "+1" (with its air defence first when it has any,
    "AD1 +1"). A missing value prints as "?".
    """

    def v(name: str) -> str:
        x = values.get(name)
        return "?" if x is None else str(x)

    def joined(*names: str) -> str:
        return "-".join(v(n) for n in names)

    if kind in ("base", "consulate"):
        return joined("counter_drone", "personnel")
    if kind == "strike_flight":
        return joined("strike", "range")
    if kind == "isr_drone":
        return joined("detection", "range")
    if kind == "launch_team":
        return joined("drones_per_attack", "range", "move")
    if kind == "rocket_team":
        return joined("rockets_per_attack", "range", "move")
    if kind == "facility":
        return f"AD{v('air_defence')}"
    if kind == "depot":
        supply = values.get("resupply")
        text = "+?" if supply is None else f"{supply:+d}"
        ad = values.get("air_defence")
        return f"AD{ad} {text}" if ad else text
    return "-".join(str(x) for x in values.values())


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


class _Pen:
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


def _scale_for(size: int) -> int:
    return 4 if size <= 80 else max(2, 320 // size)


def _mix(a: Colour, b: Colour, t: float) -> Colour:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


# --- frames ---------------------------------------------------------------------


def _diamond_radii(lay: Layout, inset: float = 0.0) -> tuple[float, float]:
    """Half the diamond's width and height, moved in by `inset` (an outline's width)."""
    b = lay.diamond
    a = b * DIAMOND_WIDE
    return a - inset * math.sqrt(1 + (a / b) ** 2), b - inset * math.sqrt(1 + (b / a) ** 2)


def _frame_outline(side: str, lay: Layout, inset: float = 0.0) -> list[Point]:
    cx, cy = lay.centre
    if side == "blue":
        x, y, w, h = lay.rect
        i = inset
        return [(x + i, y + i), (x + w - i, y + i), (x + w - i, y + h - i), (x + i, y + h - i)]
    a, b = _diamond_radii(lay, inset)
    return [(cx, cy - b), (cx + a, cy), (cx, cy + b), (cx - a, cy)]


def _icon_box(side: str, lay: Layout) -> tuple[float, float, float, float]:
    """The icon's area inside the frame: centre x, centre y, width, height."""
    if side == "blue":
        x, y, w, h = lay.rect
        return x + w / 2, y + h / 2, w * 0.74, h * 0.74
    cx, cy = lay.centre
    a, b = _diamond_radii(lay, lay.stroke)
    return cx, cy + b * 0.04, a * 1.2, b * 1.14


def _half_width_at(side: str, lay: Layout, y: float) -> float:
    """Half the frame's inner width at height y (for lines drawn edge to edge)."""
    if side == "blue":
        return lay.rect[2] / 2 - lay.stroke
    a, b = _diamond_radii(lay, lay.stroke)
    return max(0.0, a * (1 - abs(y - lay.centre[1]) / b))


def _draw_frame(pen: _Pen, side: str, lay: Layout, fill: Colour, ink: Colour) -> None:
    pen.poly(ink, _frame_outline(side, lay))
    pen.poly(fill, _frame_outline(side, lay, lay.stroke))


def _installation_bar(pen: _Pen, side: str, lay: Layout, ink: Colour) -> None:
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


# --- symbols --------------------------------------------------------------------
# Each draws in the icon box (cx, cy, w, h) in ink; `paper` is the frame's fill,
# used to cut details out of filled shapes.

SymbolFn = Callable[[_Pen, str, Layout, tuple[float, float, float, float], Colour, Colour], None]


def _sym_fixed_wing(pen: _Pen, side: str, lay: Layout, box: tuple[float, float, float, float], ink: Colour,
                    paper: Colour) -> None:  # fmt: skip
    """A jet seen from above, nose up."""
    cx, cy, w, h = box
    s = min(h / 2 * 1.12, w / 2)
    half = [
        (0.0, -1.0), (0.09, -0.82), (0.11, -0.34), (0.98, 0.18), (0.98, 0.36), (0.11, 0.18),
        (0.11, 0.62), (0.44, 0.86), (0.44, 0.99), (0.07, 0.93), (0.0, 0.96),
    ]  # fmt: skip
    pts = half + [(-x, y) for x, y in reversed(half[1:-1])]
    pen.poly(ink, [(cx + x * s, cy + y * s) for x, y in pts])


def _uav_chevron(pen: _Pen, cx: float, cy: float, w: float, h: float, ink: Colour) -> None:
    """APP-6's UAV: a shallow V wing, thick in the middle, pointed at the tips."""
    pen.poly(ink, [
        (cx - w / 2, cy - h * 0.5), (cx - w * 0.44, cy - h * 0.58), (cx, cy - h * 0.02),
        (cx + w * 0.44, cy - h * 0.58), (cx + w / 2, cy - h * 0.5), (cx, cy + h * 0.5),
    ])  # fmt: skip


def _sym_uav(pen: _Pen, side: str, lay: Layout, box: tuple[float, float, float, float], ink: Colour,
             paper: Colour) -> None:  # fmt: skip
    cx, cy, w, h = box
    _uav_chevron(pen, cx, cy + h * 0.04, w * 0.98, h * 0.62, ink)


def _sym_drone_launcher(pen: _Pen, side: str, lay: Layout, box: tuple[float, float, float, float], ink: Colour,
                        paper: Colour) -> None:  # fmt: skip
    """The UAV wing leaving a launch ramp."""
    cx, cy, w, h = box
    _uav_chevron(pen, cx + w * 0.04, cy - h * 0.2, w * 0.86, h * 0.5, ink)
    s = lay.stroke
    base = cy + h * 0.4
    left, right = cx - w * 0.28, cx + w * 0.22
    pen.poly(ink, [(left, base), (right, base - h * 0.3), (right, base)])  # the ramp
    pen.rect(ink, left - s * 0.3, base - s * 0.3, (right - left) + s * 0.6, s * 1.2)  # its trailer bed


def _sym_rocket(pen: _Pen, side: str, lay: Layout, box: tuple[float, float, float, float], ink: Colour,
                paper: Colour) -> None:  # fmt: skip
    """A rocket standing on its launch rail, pointing up."""
    cx, cy, w, h = box
    s = lay.stroke
    top, bottom = cy - h * 0.62, cy + h * 0.52
    bw = max(s * 1.6, h * 0.2)  # body width
    nose = top + bw * 1.5
    tail = bottom - s * 2.2
    pen.poly(ink, [(cx, top), (cx + bw / 2, nose), (cx + bw / 2, tail), (cx - bw / 2, tail), (cx - bw / 2, nose)])
    fin = bw * 0.95
    pen.poly(ink, [(cx + bw / 2, tail - fin * 1.5), (cx + bw / 2 + fin, tail), (cx + bw / 2, tail)])
    pen.poly(ink, [(cx - bw / 2, tail - fin * 1.5), (cx - bw / 2 - fin, tail), (cx - bw / 2, tail)])
    pen.rect(ink, cx - w * 0.3, bottom - s * 1.3, w * 0.6, s * 1.3)  # the rail


def _sym_installation(pen: _Pen, side: str, lay: Layout, box: tuple[float, float, float, float], ink: Colour,
                      paper: Colour) -> None:  # fmt: skip
    """An air base: a runway across the frame with its centre-line dashes."""
    cx, cy, w, h = box
    a, b = (cx - w * 0.5, cy + h * 0.36), (cx + w * 0.5, cy - h * 0.36)
    width = max(lay.stroke * 2.4, h * 0.34)
    pen.line(ink, a, b, width)
    if width >= 5:
        n = 4
        dash = max(0.6, width * 0.16)
        for i in range(n):
            t0, t1 = (i + 0.3) / n, (i + 0.7) / n
            pen.line(paper, (a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0),
                     (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1), dash)  # fmt: skip


def _sym_consulate(pen: _Pen, side: str, lay: Layout, box: tuple[float, float, float, float], ink: Colour,
                   paper: Colour) -> None:  # fmt: skip
    """A government building (pediment, columns, steps) flying a flag."""
    cx, cy, w, h = box
    s = min(h / 2, w / 2)
    st = lay.stroke
    left, right = cx - s * 0.82, cx + s * 0.82
    roof_base, apex = cy - s * 0.12, cy - s * 0.5
    floor = cy + s * 0.78
    pen.poly(ink, [(left - s * 0.06, roof_base), (cx, apex), (right + s * 0.06, roof_base)])
    pen.rect(ink, left, roof_base, right - left, max(st, s * 0.12))
    col_top = roof_base + max(st, s * 0.12)
    col_w = max(st * 0.9, s * 0.16)
    for i in range(4):
        x = left + s * 0.08 + i * ((right - left - s * 0.16 - col_w) / 3)
        pen.rect(ink, x, col_top, col_w, floor - col_top)
    pen.rect(ink, left - s * 0.1, floor, right - left + s * 0.2, max(st, s * 0.16))
    # the flag on a pole from the apex
    pole_top = cy - s * 1.0
    pen.line(ink, (cx, apex + s * 0.05), (cx, pole_top), max(st * 0.8, s * 0.07))
    pen.poly(ink, [(cx, pole_top), (cx + s * 0.5, pole_top + s * 0.06), (cx + s * 0.46, pole_top + s * 0.27),
                   (cx, pole_top + s * 0.27)])  # fmt: skip


def _sym_depot(pen: _Pen, side: str, lay: Layout, box: tuple[float, float, float, float], ink: Colour,
               paper: Colour) -> None:  # fmt: skip
    """APP-6 supply: a line across the frame's lower part, crates stacked on it."""
    cx, cy, w, h = box
    st = lay.stroke
    line_y = cy + h * 0.36
    half = _half_width_at(side, lay, line_y)
    pen.rect(ink, cx - half, line_y, 2 * half, st * 1.1)
    c = min(h * 0.36, w * 0.26)  # crate side
    gap = max(st * 0.7, c * 0.12)
    y1 = line_y - c - gap * 0.2
    y2 = y1 - c - gap * 0.8

    def crate(x: float, y: float) -> None:
        pen.rect(ink, x, y, c, c)
        if c >= 4 * st:
            i = max(st * 0.6, c * 0.11)
            pen.rect(paper, x + i * 1.6, y + i * 1.6, c - 3.2 * i, c - 3.2 * i)
            pen.line(ink, (x + i * 1.6, y + i * 1.6), (x + c - i * 1.6, y + c - i * 1.6), i)

    crate(cx - c - gap / 2, y1)
    crate(cx + gap / 2, y1)
    crate(cx - c / 2, y2)


def _sym_facility(pen: _Pen, side: str, lay: Layout, box: tuple[float, float, float, float], ink: Colour,
                  paper: Colour) -> None:  # fmt: skip
    """An operational facility: a saw-tooth roofed shed with a radio mast."""
    cx, cy, w, h = box
    s = min(h / 2, w / 2.2)
    st = lay.stroke
    floor = cy + s * 0.82
    left, right = cx - s * 1.0, cx + s * 0.42
    wall_top = cy + s * 0.05
    teeth = 3
    tw = (right - left) / teeth
    pts: list[Point] = [(left, floor), (left, wall_top)]
    for i in range(teeth):
        x = left + i * tw
        pts += [(x, wall_top - s * 0.42), (x + tw, wall_top)]
    pts += [(right, floor)]
    pen.poly(ink, pts)
    if s * 0.3 >= st * 1.5:  # windows
        for i in range(teeth):
            x = left + i * tw + tw * 0.3
            pen.rect(paper, x, cy + s * 0.3, tw * 0.4, s * 0.24)
    # the lattice mast to the right
    mx = cx + s * 0.8
    top = cy - s * 1.0
    mw = s * 0.26
    lw = max(st * 0.8, s * 0.09)
    pen.line(ink, (mx - mw, floor), (mx, top), lw)
    pen.line(ink, (mx + mw, floor), (mx, top), lw)
    pen.line(ink, (mx - mw * 0.62, floor - (floor - top) * 0.38), (mx + mw * 0.62, floor - (floor - top) * 0.38), lw)
    pen.rect(ink, mx - mw - lw * 0.2, floor - lw * 0.5, 2 * mw + lw * 0.4, lw)
    pen.circle(ink, (mx, top), max(lw * 0.9, s * 0.1))


SYMBOL_ART: dict[str, SymbolFn] = {
    "fixed_wing": _sym_fixed_wing,
    "uav": _sym_uav,
    "drone_launcher": _sym_drone_launcher,
    "rocket": _sym_rocket,
    "installation": _sym_installation,
    "consulate": _sym_consulate,
    "depot": _sym_depot,
    "facility": _sym_facility,
}


def _sym_unknown(pen: _Pen, side: str, lay: Layout, box: tuple[float, float, float, float], ink: Colour,
                 paper: Colour) -> None:  # fmt: skip
    """A symbol the art does not know: a plain ink dot, so the counter still draws."""
    cx, cy, w, h = box
    pen.circle(ink, (cx, cy), min(w, h) * 0.25)


# --- text -----------------------------------------------------------------------


def _label_forms(text: str) -> list[str]:
    """A label, then ever shorter forms of it: later words cut to their initial
    ("Reaper West" -> "Reaper W"; short words such as "AB" stay), then the first word alone."""
    words = text.split()
    forms = [text]
    for n in range(len(words) - 1, 0, -1):
        short = words[:n] + [w if len(w) <= 3 else w[0] for w in words[n:]]
        forms.append(" ".join(short))
    if len(words) > 1:
        forms.append(words[0])
    return list(dict.fromkeys(forms))


def _fit_label(text: str, max_w: float, px: int, colour: Colour) -> tuple[pygame.Surface, pygame.font.Font] | None:
    """The label in condensed bold, as large as fits; then shortened; then cut with '…'."""
    if not text:
        return None
    small = 7
    least = max(small, round(px * 0.8))
    for size in range(px, least - 1, -1):
        f = style.font(size, bold=True, condensed=True)
        if f.size(text)[0] <= max_w:
            return f.render(text, True, colour), f
    for form in _label_forms(text)[1:]:
        for size in range(least, small - 1, -1):
            f = style.font(size, bold=True, condensed=True)
            if f.size(form)[0] <= max_w:
                return f.render(form, True, colour), f
    f = style.font(small, bold=True, condensed=True)
    cut = _label_forms(text)[-1]
    while len(cut) > 1 and f.size(cut + "…")[0] > max_w:
        cut = cut[:-1].rstrip(" .-")
    shown = cut + "…"
    if f.size(shown)[0] > max_w * 1.1:
        return None
    return f.render(shown, True, colour), f


def _render_tight(text: str, f: pygame.font.Font, colour: Colour, kern: int) -> pygame.Surface:
    """Text whose hyphens are set `kern` px closer on each side: '2-20-3' fits a small counter."""
    if kern <= 0 or "-" not in text:
        return f.render(text, True, colour)
    parts = text.split("-")
    imgs: list[pygame.Surface] = []
    for i, part in enumerate(parts):
        if i:
            imgs.append(f.render("-", True, colour))
        if part:
            imgs.append(f.render(part, True, colour))
    widths = [im.get_width() for im in imgs]
    total = sum(widths) - 2 * kern * (len(parts) - 1)
    out = pygame.Surface((max(1, total), f.get_height()), pygame.SRCALPHA)
    x = 0
    for im in imgs:
        out.blit(im, (x, 0))
        x += im.get_width() - kern
    return out


def _tight_width(text: str, f: pygame.font.Font, kern: int) -> int:
    return f.size(text)[0] - 2 * kern * text.count("-") if kern > 0 else f.size(text)[0]


def _fit_values(text: str, max_w: float, px: int, colour: Colour) -> tuple[pygame.Surface, pygame.font.Font] | None:
    """The values in bold, never cut: smaller, then condensed, then hyphens set tighter."""
    if not text:
        return None
    tries = [(size, False, 0) for size in range(px, max(6, px - 2) - 1, -1)]
    for size in range(px, 5, -1):  # a larger size set tighter beats a smaller one
        tries += [(size, True, 0), (size, True, max(1, size // 6))]
    for size, condensed, kern in tries:
        f = style.font(size, bold=True, condensed=condensed)
        if _tight_width(text, f, kern) <= max_w:
            return _render_tight(text, f, colour, kern), f
    f = style.font(6, bold=True, condensed=True)
    return _render_tight(text, f, colour, 1), f


def _blit_baseline(target: pygame.Surface, img: pygame.Surface, f: pygame.font.Font, cx: float,
                   baseline: float) -> None:  # fmt: skip
    """Text centred on cx, standing on the baseline."""
    target.blit(img, (round(cx - img.get_width() / 2), round(baseline) - f.get_ascent()))


# --- the art --------------------------------------------------------------------


class CounterArt:
    """Draws and caches counters and far-zoom markers."""

    def __init__(self, max_cached: int = 1024):
        self._cache: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._max = max_cached

    def _cached(self, key: tuple, build: Callable[[], pygame.Surface]) -> pygame.Surface:
        img = self._cache.get(key)
        if img is not None:
            self._cache.move_to_end(key)
            return img
        img = build()
        self._cache[key] = img
        if len(self._cache) > self._max:
            self._cache.popitem(last=False)
        return img

    def clear(self) -> None:
        self._cache.clear()

    # -- counters --

    def counter(self, look: CounterLook, size: int) -> pygame.Surface:
        """A square counter `size` px across (SRCALPHA; the card plus its drop shadow)."""
        size = max(4, int(size))
        return self._cached(("counter", look, size), lambda: _build_counter(look, size))

    # -- markers --

    def marker(self, side: str, symbol: str, size: int) -> pygame.Surface:
        """A small token for far zooms (8-16 px): the side's frame shape in its colour, no text."""
        size = max(4, int(size))
        return self._cached(("marker", side, symbol, size), lambda: _build_marker(side, symbol, size))


def _side_colours(side: str) -> tuple[Colour, Colour, Colour]:
    side = side if side in style.SIDE_COLOUR else "blue"
    return style.SIDE_COLOUR[side], style.SIDE_LIGHT[side], style.SIDE_DARK[side]


def _build_marker(side: str, symbol: str, size: int) -> pygame.Surface:
    k = _scale_for(size)
    base = _side_colours(side)[0]
    pen = _Pen(size, k, style.INK)
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
    k = _scale_for(size)
    side = look.side if look.side in style.SIDE_COLOUR else "blue"
    base, light, dark = _side_colours(side)
    ink = style.INK
    B = lay.card
    radius = max(1.0, B * 0.09)
    edge = max(1.0, B / 56) if size >= 24 else 0.8
    bevel = max(0.7, B / 40) if size >= 24 else 0.0

    # the text first, so that a dashed border can leave room for it
    text_colour = WHITE if side == "blue" else style.INK
    texts: list[tuple[pygame.Surface, pygame.font.Font, float, float]] = []  # image, font, centre x, baseline
    if lay.values_px and look.values:
        fitted = _fit_values(look.values, B - 2 * max(0.5, lay.pad * 0.6), lay.values_px, text_colour)
        if fitted:
            texts.append((*fitted, B / 2, lay.values_baseline))
    if lay.label_px and look.label:
        corner = B * 0.2 if look.damaged else 0.0  # leave the damage stripe clear
        fitted = _fit_label(look.label, B - 2 * lay.pad - corner, lay.label_px, text_colour)
        if fitted:
            texts.append((*fitted, B / 2 + corner / 2, lay.label_baseline))

    # 1. the card, the frame and the symbol, supersampled
    pen = _Pen(size, k, dark)
    if lay.shadow:
        pen.rect((0, 0, 0, 90), lay.shadow, lay.shadow, B, B, radius)
    pen.rect(dark, 0, 0, B, B, radius)
    inner = radius - edge
    if bevel:
        pen.rect(_mix(base, (255, 255, 255), 0.38), edge, edge, B - 2 * edge, B - 2 * edge, inner)
        pen.rect(_mix(base, (0, 0, 0), 0.32), edge + bevel, edge + bevel, B - 2 * edge - bevel, B - 2 * edge - bevel,
                 inner)  # fmt: skip
    _face(pen, base, edge + bevel, B - 2 * edge - 2 * bevel, max(0.0, inner - bevel))
    if look.hidden:
        gaps = [(cx - im.get_width() / 2, cx + im.get_width() / 2, baseline) for im, _f, cx, baseline in texts]
        _dashed_border(pen, lay, edge + bevel, gaps)
    _draw_frame(pen, side, lay, light, ink)
    box = _icon_box(side, lay)
    SYMBOL_ART.get(look.symbol, _sym_unknown)(pen, side, lay, box, ink, light)
    if look.symbol in FIXED_SYMBOLS:
        _installation_bar(pen, side, lay, ink)
    img = pen.shrink()

    # 2. the text, at the final size so it stays crisp
    for im, f, cx, baseline in texts:
        _blit_baseline(img, im, f, cx, baseline)

    # 3. status marks
    _marks(img, look, lay, k)

    if look.spent and not look.destroyed:
        img.fill((196, 196, 196), special_flags=pygame.BLEND_RGB_MULT)
    if look.destroyed:
        img = _destroyed(img, lay, k)
    return img


def _face(pen: _Pen, base: Colour, at: float, side_len: float, radius: float) -> None:
    """The card's face: the side colour, a shade lighter at the top, like lit card."""
    top, bottom = _mix(base, (255, 255, 255), 0.10), _mix(base, (0, 0, 0), 0.06)
    grad = pygame.Surface((1, 2))
    grad.set_at((0, 0), top)
    grad.set_at((0, 1), bottom)
    r = pen.box(at, at, side_len, side_len)
    shade = pygame.transform.smoothscale(grad, r.size)
    shape = pygame.Surface(r.size, pygame.SRCALPHA)
    pygame.draw.rect(shape, (255, 255, 255, 255), shape.get_rect(), border_radius=max(0, round(radius * pen.k)))
    shape.blit(shade, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
    pen.surf.blit(shape, r.topleft)


def _dashed_border(pen: _Pen, lay: Layout, inset: float, gaps: list[tuple[float, float, float]]) -> None:
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
    }


def _marks(img: pygame.Surface, look: CounterLook, lay: Layout, k: int) -> None:
    if not (look.damaged or look.suppressed or look.hidden or look.unknown):
        return
    B = lay.card
    ink = style.INK
    pen = _Pen(lay.size, k)
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


def _eye_slash(pen: _Pen, c: Point, w: float, fg: Colour, bg: Colour) -> None:
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


def _destroyed(img: pygame.Surface, lay: Layout, k: int) -> pygame.Surface:
    """Greyed out, faded, with a bold X across it."""
    grey = pygame.transform.grayscale(img)
    grey.fill((70, 70, 70), special_flags=pygame.BLEND_RGB_ADD)
    grey.fill((200, 200, 200), special_flags=pygame.BLEND_RGB_MULT)
    pen = _Pen(lay.size, k)
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

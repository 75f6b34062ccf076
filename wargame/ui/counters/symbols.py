"""The symbols inside the frames, one small drawing per kind of piece.

Each draws in the icon box (cx, cy, w, h) in ink; `paper` is the frame's fill,
used to cut details out of filled shapes.
"""

from __future__ import annotations

from collections.abc import Callable

from .frame import Colour, Layout, Pen, Point, half_width_at

SymbolFn = Callable[[Pen, str, Layout, tuple[float, float, float, float], Colour, Colour], None]


def _sym_fixed_wing(pen: Pen, side: str, lay: Layout, box: tuple[float, float, float, float], ink: Colour,
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


def _uav_chevron(pen: Pen, cx: float, cy: float, w: float, h: float, ink: Colour) -> None:
    """APP-6's UAV: a shallow V wing, thick in the middle, pointed at the tips."""
    pen.poly(ink, [
        (cx - w / 2, cy - h * 0.5), (cx - w * 0.44, cy - h * 0.58), (cx, cy - h * 0.02),
        (cx + w * 0.44, cy - h * 0.58), (cx + w / 2, cy - h * 0.5), (cx, cy + h * 0.5),
    ])  # fmt: skip


def _sym_uav(pen: Pen, side: str, lay: Layout, box: tuple[float, float, float, float], ink: Colour,
             paper: Colour) -> None:  # fmt: skip
    cx, cy, w, h = box
    _uav_chevron(pen, cx, cy + h * 0.04, w * 0.98, h * 0.62, ink)


def _sym_drone_launcher(pen: Pen, side: str, lay: Layout, box: tuple[float, float, float, float], ink: Colour,
                        paper: Colour) -> None:  # fmt: skip
    """The UAV wing leaving a launch ramp."""
    cx, cy, w, h = box
    _uav_chevron(pen, cx + w * 0.04, cy - h * 0.2, w * 0.86, h * 0.5, ink)
    s = lay.stroke
    base = cy + h * 0.4
    left, right = cx - w * 0.28, cx + w * 0.22
    pen.poly(ink, [(left, base), (right, base - h * 0.3), (right, base)])  # the ramp
    pen.rect(ink, left - s * 0.3, base - s * 0.3, (right - left) + s * 0.6, s * 1.2)  # its trailer bed


def _sym_rocket(pen: Pen, side: str, lay: Layout, box: tuple[float, float, float, float], ink: Colour,
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


def _sym_installation(pen: Pen, side: str, lay: Layout, box: tuple[float, float, float, float], ink: Colour,
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


def _sym_consulate(pen: Pen, side: str, lay: Layout, box: tuple[float, float, float, float], ink: Colour,
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


def _sym_depot(pen: Pen, side: str, lay: Layout, box: tuple[float, float, float, float], ink: Colour,
               paper: Colour) -> None:  # fmt: skip
    """APP-6 supply: a line across the frame's lower part, crates stacked on it."""
    cx, cy, w, h = box
    st = lay.stroke
    line_y = cy + h * 0.36
    half = half_width_at(side, lay, line_y)
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


def _sym_facility(pen: Pen, side: str, lay: Layout, box: tuple[float, float, float, float], ink: Colour,
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


def sym_unknown(pen: Pen, side: str, lay: Layout, box: tuple[float, float, float, float], ink: Colour,
                 paper: Colour) -> None:  # fmt: skip
    """A symbol the art does not know: a plain ink dot, so the counter still draws."""
    cx, cy, w, h = box
    pen.circle(ink, (cx, cy), min(w, h) * 0.25)

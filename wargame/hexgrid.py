"""Hex geometry for flat-topped hexes laid out in columns.

People name hexes the way printed wargames do, by column and row as four digits
(`CCRR`, both counted from 01). The engine works in axial coordinates `(q, r)`
because distance, lines and rings are simple there (Red Blob Games' hexagon
guide). Columns are "odd-q": with 1-based names, even-numbered columns (02, 04,
...) sit half a hex lower than their neighbours, as on most printed maps.

`Hex` is a NamedTuple rather than a dataclass because the rules engine hashes and
compares hexes in its hot loops, and tuples do both in C.
"""

from __future__ import annotations

import math
from typing import Iterator, NamedTuple

SQRT3 = math.sqrt(3.0)


class Hex(NamedTuple):
    """A hex in axial coordinates; the third cube coordinate is `s = -q - r`."""

    q: int
    r: int

    @property
    def s(self) -> int:
        return -self.q - self.r

    def neighbours(self) -> list[Hex]:
        q, r = self.q, self.r
        return [Hex(q + dq, r + dr) for dq, dr in DIRECTIONS]

    def distance(self, other: Hex) -> int:
        return distance(self, other)


# Axial directions, clockwise from "north-east" for flat-topped hexes.
DIRECTIONS: tuple[tuple[int, int], ...] = ((1, -1), (1, 0), (0, 1), (-1, 1), (-1, 0), (0, -1))


def distance(a: Hex, b: Hex) -> int:
    """Number of hex steps between two hexes."""
    dq = a[0] - b[0]
    dr = a[1] - b[1]
    return (abs(dq) + abs(dr) + abs(dq + dr)) >> 1


# --- offset coordinates and CCRR names -------------------------------------------


def from_offset(col: int, row: int) -> Hex:
    """0-based column and row to axial (odd-q: odd 0-based columns sit lower)."""
    return Hex(col, row - ((col - (col & 1)) >> 1))


def to_offset(h: Hex) -> tuple[int, int]:
    """Axial to 0-based column and row."""
    q, r = h[0], h[1]
    return q, r + ((q - (q & 1)) >> 1)


def parse_ccrr(name: str) -> Hex:
    """`"1207"` -> the hex in column 12, row 7. Raises ValueError on a bad name."""
    if len(name) != 4 or not name.isascii() or not name.isdigit():
        raise ValueError(f"hex name {name!r} is not four digits CCRR (column, row), e.g. '1207'")
    col, row = int(name[:2]), int(name[2:])
    if col < 1 or row < 1:
        raise ValueError(f"hex name {name!r}: columns and rows are counted from 01")
    return from_offset(col - 1, row - 1)


def ccrr(h: Hex) -> str:
    """The printed name of a hex: column and row, two digits each, from 01."""
    col, row = to_offset(h)
    if not (0 <= col < 99 and 0 <= row < 99):
        raise ValueError(f"hex {h} has no CCRR name (column and row must be 01-99)")
    return f"{col + 1:02d}{row + 1:02d}"


# --- areas and lines --------------------------------------------------------------


def hex_range(center: Hex, n: int) -> list[Hex]:
    """Every hex within `n` steps of `center`, centre included."""
    cq, cr = center
    out = []
    for dq in range(-n, n + 1):
        for dr in range(max(-n, -dq - n), min(n, -dq + n) + 1):
            out.append(Hex(cq + dq, cr + dr))
    return out


def ring(center: Hex, n: int) -> list[Hex]:
    """The hexes exactly `n` steps from `center`, walking clockwise."""
    if n == 0:
        return [center]
    q, r = center[0] + DIRECTIONS[4][0] * n, center[1] + DIRECTIONS[4][1] * n
    out = []
    for side in range(6):
        dq, dr = DIRECTIONS[side]
        for _ in range(n):
            out.append(Hex(q, r))
            q, r = q + dq, r + dr
    return out


def cube_round(fq: float, fr: float) -> Hex:
    """Nearest hex to fractional axial coordinates (rounds in cube space)."""
    fs = -fq - fr
    q, r, s = round(fq), round(fr), round(fs)
    dq, dr, ds = abs(q - fq), abs(r - fr), abs(s - fs)
    if dq > dr and dq > ds:
        q = -r - s
    elif dr > ds:
        r = -q - s
    return Hex(int(q), int(r))


def line(a: Hex, b: Hex) -> list[Hex]:
    """Hexes on the straight line from `a` to `b`, both included.

    The endpoints are nudged by a tiny epsilon so that a line running exactly
    along a hex edge always falls to the same side instead of depending on
    Python's round-half-to-even.
    """
    n = distance(a, b)
    if n == 0:
        return [a]
    eps_q, eps_r = 1e-6, 2e-6
    aq, ar = a[0] + eps_q, a[1] + eps_r
    bq, br = b[0] + eps_q, b[1] + eps_r
    step = 1.0 / n
    return [cube_round(aq + (bq - aq) * i * step, ar + (br - ar) * i * step) for i in range(n + 1)]


# --- pixels -----------------------------------------------------------------------


class Layout(NamedTuple):
    """Where hexes land on a surface: `size` is the corner radius in pixels and
    `origin` the pixel of hex (0, 0)'s centre. A camera is just a Layout: pan by
    moving the origin, zoom by changing the size about a fixed point."""

    size: float
    origin: tuple[float, float] = (0.0, 0.0)

    def hex_to_pixel(self, h: Hex) -> tuple[float, float]:
        s = self.size
        return (
            self.origin[0] + s * 1.5 * h[0],
            self.origin[1] + s * SQRT3 * (h[1] + h[0] * 0.5),
        )

    def pixel_to_fractional(self, x: float, y: float) -> tuple[float, float]:
        px = (x - self.origin[0]) / self.size
        py = (y - self.origin[1]) / self.size
        fq = px * (2.0 / 3.0)
        fr = -px / 3.0 + py * (SQRT3 / 3.0)
        return fq, fr

    def pixel_to_hex(self, x: float, y: float) -> Hex:
        return cube_round(*self.pixel_to_fractional(x, y))

    def corners(self, h: Hex) -> list[tuple[float, float]]:
        """The six corners of a hex, starting east and turning clockwise on screen."""
        cx, cy = self.hex_to_pixel(h)
        s = self.size
        return [(cx + s * _COS[i], cy + s * _SIN[i]) for i in range(6)]

    def zoomed(self, new_size: float, about: tuple[float, float]) -> Layout:
        """The layout at another size that keeps the point `about` fixed on screen."""
        k = new_size / self.size
        ox = about[0] - (about[0] - self.origin[0]) * k
        oy = about[1] - (about[1] - self.origin[1]) * k
        return Layout(new_size, (ox, oy))

    def panned(self, dx: float, dy: float) -> Layout:
        return Layout(self.size, (self.origin[0] + dx, self.origin[1] + dy))

    @property
    def column_spacing(self) -> float:
        return self.size * 1.5

    @property
    def row_spacing(self) -> float:
        return self.size * SQRT3


_COS = tuple(math.cos(math.radians(60 * i)) for i in range(6))
_SIN = tuple(math.sin(math.radians(60 * i)) for i in range(6))


def grid(columns: int, rows: int) -> Iterator[Hex]:
    """Every hex of a `columns` x `rows` map, row by row (the order of the YAML rows)."""
    for row in range(rows):
        for col in range(columns):
            yield from_offset(col, row)


def on_map(h: Hex, columns: int, rows: int) -> bool:
    col, row = to_offset(h)
    return 0 <= col < columns and 0 <= row < rows

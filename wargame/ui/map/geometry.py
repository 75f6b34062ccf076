"""Hex geometry on whole arrays of points, and the noise that makes the map look drawn.

Everything here works in map units (hex radius 1, hex (0, 0) at the origin) on
numpy arrays, because the tile passes ask these questions for every pixel of a
tile at once; a Python loop per pixel would be a thousand times slower. The
rounding is the same cube rounding as `hexgrid.cube_round`, so a pixel and
`Layout.pixel_to_hex` always agree on which hex it is in.
"""

from __future__ import annotations

import math

import numpy as np

from ...hexgrid import SQRT3

TILE = 256  # layer tiles; the paper grain texture has the same period
APOTHEM = SQRT3 / 2

# Directions of the hex edges: edge k faces neighbour hexgrid.DIRECTIONS[k]; its
# outward normal points at -30 + 60k degrees on screen.
NORMALS = [(math.cos(math.radians(-30 + 60 * k)), math.sin(math.radians(-30 + 60 * k))) for k in range(6)]
# the corners, from east, turning clockwise on screen
CORNERS = [(math.cos(math.radians(60 * i)), math.sin(math.radians(60 * i))) for i in range(6)]

# neighbour centres (map units), by direction
NB_X = np.array([SQRT3 * n[0] for n in NORMALS], dtype=np.float32)
NB_Y = np.array([SQRT3 * n[1] for n in NORMALS], dtype=np.float32)

_N0X, _N0Y = np.float32(NORMALS[0][0]), np.float32(NORMALS[0][1])
_N1X, _N1Y = np.float32(NORMALS[1][0]), np.float32(NORMALS[1][1])


def axial(x: np.ndarray, y: np.ndarray):
    """Hex under each point, as (q, r) int arrays, and the point relative to its centre
    (float32). The same cube rounding as `hexgrid.cube_round` (numpy's rint also rounds
    halves to even), so pixels agree with `Layout.pixel_to_hex`."""
    fq = x * (2.0 / 3.0)
    fr = y * (SQRT3 / 3.0) - x * (1.0 / 3.0)
    fs = -fq - fr
    rq, rr, rs = np.rint(fq), np.rint(fr), np.rint(fs)
    dq, dr, ds = np.abs(rq - fq), np.abs(rr - fr), np.abs(rs - fs)
    c1 = (dq > dr) & (dq > ds)
    c2 = (dr > ds) & ~c1
    # (arithmetic blends: much faster than np.where on these masks)
    rq = rq + c1 * (-rr - rs - rq)
    rr = rr + c2 * (-rq - rs - rr)
    lx = (x - 1.5 * rq).astype(np.float32)
    ly = (y - SQRT3 * rr - (SQRT3 / 2) * rq).astype(np.float32)
    return rq.astype(np.int32), rr.astype(np.int32), lx, ly


def axial_grid(xs: np.ndarray, ys: np.ndarray):
    """`axial` on the grid xs x ys (1-D float64 arrays), the same numbers: what depends
    on x alone (q and its rounding) is computed once per column, not per pixel."""
    fq = xs * (2.0 / 3.0)
    rq0 = np.rint(fq)
    dq = np.abs(rq0 - fq)[:, None]
    fr = ys[None, :] * (SQRT3 / 3.0) - xs[:, None] * (1.0 / 3.0)
    fs = -fq[:, None] - fr
    rr, rs = np.rint(fr), np.rint(fs)
    dr, ds = np.abs(rr - fr), np.abs(rs - fs)
    c1 = (dq > dr) & (dq > ds)
    c2 = (dr > ds) & ~c1
    rq = rq0[:, None] + c1 * (-rr - rs - rq0[:, None])
    rr = rr + c2 * (-rq - rs - rr)
    lx = (xs[:, None] - 1.5 * rq).astype(np.float32)
    ly = (ys[None, :] - SQRT3 * rr - (SQRT3 / 2) * rq).astype(np.float32)
    return rq.astype(np.int32), rr.astype(np.int32), lx, ly


def nearest_edge(lx: np.ndarray, ly: np.ndarray):
    """For points relative to their hex centre (float32): the nearest edge's direction
    (0-5), the distance to it (map units) and |position along it| (0 at the middle of
    the edge, 0.5 at a corner)."""
    a0 = lx * _N0X + ly * _N0Y
    a1 = lx * _N1X + ly * _N1Y
    a2 = ly
    b0, b1, b2 = np.abs(a0), np.abs(a1), np.abs(a2)
    m01 = b0 >= b1
    n01 = ~m01
    best = np.maximum(b0, b1)
    m = best >= b2
    nm = ~m
    np.maximum(best, b2, out=best)
    j = (n01 * m).astype(np.int32) + 2 * nm
    a01 = a0 * m01 + a1 * n01
    a = a01 * m + a2 * nm
    k = j + 3 * (a < 0)
    # tangent of axis j is (-ny, nx); the sign does not matter, we keep |t|
    t01 = (ly * _N0X - lx * _N0Y) * m01 + (ly * _N1X - lx * _N1Y) * n01
    t = np.abs(t01 * m + lx * nm)
    return k, np.float32(APOTHEM) - best, t


def _hash_noise(shape: tuple[int, int], seed: int) -> np.ndarray:
    return np.random.default_rng(seed).random(shape, dtype=np.float64) * 2.0 - 1.0


class ValueNoise:
    """Smooth value noise on a lattice over the map (map units), precomputed."""

    def __init__(self, x0: float, y0: float, x1: float, y1: float, spacing: float, seed: int):
        self.x0, self.y0, self.spacing = x0 - 2 * spacing, y0 - 2 * spacing, spacing
        nx = int((x1 - self.x0) / spacing) + 4
        ny = int((y1 - self.y0) / spacing) + 4
        self.lat = _hash_noise((nx, ny), seed)
        self.lat32 = self.lat.astype(np.float32)
        self.nx, self.ny = nx, ny

    def __call__(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        fx = (x - self.x0) / self.spacing
        fy = (y - self.y0) / self.spacing
        ix = np.clip(np.floor(fx).astype(np.int32), 0, self.nx - 2)
        iy = np.clip(np.floor(fy).astype(np.int32), 0, self.ny - 2)
        tx = np.clip(fx - ix, 0.0, 1.0)
        ty = np.clip(fy - iy, 0.0, 1.0)
        tx = tx * tx * (3 - 2 * tx)
        ty = ty * ty * (3 - 2 * ty)
        lat = self.lat
        v00 = lat[ix, iy]
        v10 = lat[ix + 1, iy]
        v01 = lat[ix, iy + 1]
        v11 = lat[ix + 1, iy + 1]
        a = v00 + (v10 - v00) * tx
        b = v01 + (v11 - v01) * tx
        return a + (b - a) * ty

    def _axis(self, v: np.ndarray, origin: float, n: int):
        f = (v - origin) / self.spacing
        i = np.clip(np.floor(f).astype(np.int64), 0, n - 2)
        t = np.clip(f - i, 0.0, 1.0).astype(np.float32)
        return i, t * t * (3 - 2 * t)

    def grid(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        """The noise on the axis-aligned grid xs x ys (1-D arrays), shape (len(xs), len(ys)),
        in float32. Interpolates along x on the few lattice rows needed, then along y."""
        ix, tx = self._axis(xs, self.x0, self.nx)
        iy, ty = self._axis(ys, self.y0, self.ny)
        y0, y1 = int(iy.min()), int(iy.max()) + 2
        sub = self.lat32[:, y0:y1]
        a = sub[ix] * (1.0 - tx)[:, None] + sub[ix + 1] * tx[:, None]  # (len(xs), rows)
        j = iy - y0
        return a[:, j] * (1.0 - ty)[None, :] + a[:, j + 1] * ty[None, :]


def paper_grain(n: int, seed: int) -> np.ndarray:
    """A tileable n x n paper texture in about [-1, 1]: fine grain plus soft fibres."""
    rng = np.random.default_rng(seed)
    white = rng.standard_normal((n, n))
    f = np.fft.fft2(white)
    kx = np.fft.fftfreq(n)[:, None]
    ky = np.fft.fftfreq(n)[None, :]
    k2 = kx * kx + ky * ky
    soft = np.real(np.fft.ifft2(f * np.exp(-k2 * (n / 9.0) ** 2)))
    soft /= soft.std() + 1e-9
    fine = np.real(np.fft.ifft2(f * np.exp(-k2 * (n / 90.0) ** 2)))
    fine /= fine.std() + 1e-9
    out = 0.55 * soft + 0.45 * fine
    return (out / 2.5).astype(np.float32)


def catmull_rom(points: np.ndarray, samples: int) -> np.ndarray:
    """A smooth curve through every point (uniform Catmull-Rom), `samples` per span."""
    if len(points) < 2:
        return points.copy()
    p = np.vstack([2 * points[0] - points[1], points, 2 * points[-1] - points[-2]])
    t = np.linspace(0.0, 1.0, samples, endpoint=False)[:, None]
    t2, t3 = t * t, t * t * t
    out = []
    for i in range(1, len(p) - 2):
        p0, p1, p2, p3 = p[i - 1], p[i], p[i + 1], p[i + 2]
        out.append(
            0.5
            * (
                2 * p1
                + (-p0 + p2) * t
                + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2
                + (-p0 + 3 * p1 - 3 * p2 + p3) * t3
            )
        )
    out.append(points[-1:])
    return np.vstack(out)


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def shade(rgb, k: float) -> tuple[int, int, int]:
    return tuple(max(0, min(255, int(round(c * k)))) for c in rgb)  # type: ignore[return-value]

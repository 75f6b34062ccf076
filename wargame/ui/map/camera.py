"""The camera: which zoom level, and where the level's layer sits on the screen.

The camera is the screen position of the layer's top-left corner, so a frame is
tiles blitted at whole-pixel offsets (never resampled). Two clamps keep the map
where a player wants it. Along an axis where the whole map fits in the view, the
map is centred: there is nothing to scroll to, and a map pushed into a corner
leaves half the view empty. Along an axis where it does not fit, a drag may pull
an edge in until a third of the view is map (room to look past an edge), but
`centre_on` stops at the edge: showing a hex never shows the table beyond it.
"""

from __future__ import annotations

import pygame

from ...hexgrid import SQRT3, Layout
from .level import Level, level_sizes

CameraState = tuple[int, float, float]  # level, and the fractional hex at the viewport's centre


class Camera:
    def __init__(self, sizes: tuple[int, ...], columns: int, rows: int, viewport: pygame.Rect, level_of):
        self.sizes = sizes
        self.columns, self.rows = columns, rows
        self.viewport = pygame.Rect(viewport)
        self.level = 0
        self._level_of = level_of  # index -> Level (geometry only; laid out lazily elsewhere)
        self._cam = [0.0, 0.0]  # screen position of the layer's top-left corner
        self._extents = level_sizes(sizes, columns, rows)
        self.moves = 0  # how many times the view has changed (what the mouse is over changes with it)
        self._last: tuple = ()

    @property
    def L(self) -> Level:
        return self._level_of(self.level)

    @property
    def size(self) -> float:
        return float(self.sizes[self.level])

    def blit_pos(self) -> tuple[int, int]:
        return int(round(self._cam[0])), int(round(self._cam[1]))

    @property
    def layout(self) -> Layout:
        """Hexes in screen pixels."""
        L = self.L
        bx, by = self.blit_pos()
        return Layout(L.size, (bx + L.ox, by + L.oy))

    def fits(self, level: int | None = None) -> tuple[bool, bool]:
        """Does the whole map fit in the viewport across, and down, at this level?"""
        w, h = self._extents[self.level if level is None else level]
        return w <= self.viewport.w, h <= self.viewport.h

    def whole_map_visible(self) -> bool:
        return all(self.fits())

    # --- moves ------------------------------------------------------------------------

    def place(self, fq: float, fr: float, screen: tuple[float, float]) -> None:
        """Move the camera so the fractional hex (fq, fr) is at the screen point."""
        L = self.L
        s = L.size
        self._cam[0] = screen[0] - s * 1.5 * fq - L.ox
        self._cam[1] = screen[1] - s * SQRT3 * (fr + fq * 0.5) - L.oy

    def centre_fraction(self) -> tuple[float, float]:
        return self.layout.pixel_to_fractional(*self.viewport.center)

    def set_viewport(self, rect: pygame.Rect) -> None:
        rect = pygame.Rect(rect)
        fq, fr = self.centre_fraction() if self.viewport.w and self.viewport.h else (0.0, 0.0)
        self.viewport = rect
        self.place(fq, fr, rect.center)
        self.clamp()

    def fit(self) -> None:
        """The largest level at which the whole map fits, centred."""
        vp = self.viewport
        best = 0
        for i, (w, h) in enumerate(self._extents):
            if w <= vp.w and h <= vp.h:
                best = i
        self.level = best
        self.clamp()

    def zoom(self, steps: int, about: tuple[float, float]) -> bool:
        new = max(0, min(len(self.sizes) - 1, self.level + int(steps)))
        if new == self.level:
            return False
        fq, fr = self.layout.pixel_to_fractional(*about)
        self.level = new
        self.place(fq, fr, about)
        self.clamp()
        return True

    def pan(self, dx: float, dy: float) -> None:
        self._cam[0] += dx
        self._cam[1] += dy
        self.clamp()

    def centre_on_point(self, lx: float, ly: float, margin: float) -> None:
        """Put the layer pixel (lx, ly) at the viewport's centre, as near as the map's
        edges allow: no table shows beyond an edge, except to show a point (an off-map
        stack) beyond it, with `margin` px around it."""
        vp = self.viewport
        L = self.L
        self._cam[0] = vp.centerx - lx
        self._cam[1] = vp.centery - ly
        for axis, (lo, length, extent) in enumerate(((vp.left, vp.w, L.map_w), (vp.top, vp.h, L.map_h))):
            if extent <= length:
                self._cam[axis] = lo + (length - extent) / 2 - L.pad
                continue
            p = (lx, ly)[axis]
            first = min(L.pad, p - margin)  # layer px of the content's first and last pixel
            last = max(L.pad + extent, p + margin)
            cam = self._cam[axis]
            cam = min(cam, lo - first)  # the first pixel at or before the view's start
            cam = max(cam, lo + length - last)  # the last at or after its end
            self._cam[axis] = cam
        self._count_move()

    def clamp(self) -> None:
        """Centre the map along an axis where it fits; elsewhere keep at least a third
        of the view on the map."""
        self._clamp(self.L, self.viewport)
        self._count_move()

    def _count_move(self) -> None:
        now = (self.level, self.blit_pos(), tuple(self.viewport))
        if now != self._last:
            self.moves += 1
            self._last = now

    def _clamp(self, L: Level, vp: pygame.Rect) -> None:
        for axis, (lo, length, extent) in enumerate(((vp.left, vp.w, L.map_w), (vp.top, vp.h, L.map_h))):
            if extent <= length:
                self._cam[axis] = lo + (length - extent) / 2 - L.pad
                continue
            need = length / 3.0
            left = self._cam[axis] + L.pad  # screen position of the map's left (top) edge
            left = max(left, lo + need - extent)  # map right edge >= lo + need
            left = min(left, lo + length - need)  # map left edge <= lo + length - need
            self._cam[axis] = left - L.pad

    # --- for each side in hot-seat play -----------------------------------------------------

    def state(self) -> CameraState:
        fq, fr = self.centre_fraction()
        return (self.level, fq, fr)

    def restore(self, state: CameraState) -> None:
        level, fq, fr = state
        self.level = max(0, min(len(self.sizes) - 1, int(level)))
        self.place(fq, fr, self.viewport.center)
        self.clamp()

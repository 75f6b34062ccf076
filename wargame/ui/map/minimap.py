"""The overview: a small picture of the whole map with the camera's frame on it.

Drawn by the same tile passes as the map, at a hex radius of two or three pixels,
once per width (it is a few tens of kB); a click on it moves the camera there.
"""

from __future__ import annotations

import pygame

from ...hexgrid import SQRT3
from .. import style
from .colours import HALO, TABLE

FRAME = (255, 214, 64)


class Minimap:
    def __init__(self, renderer, columns: int, rows: int):
        self.renderer = renderer
        self.columns, self.rows = columns, rows
        self._units = (1.5 * (columns - 1) + 2.0, SQRT3 * (rows + (0.5 if columns > 1 else 0.0)))
        self._picture: tuple[int, pygame.Surface, float, float, float] | None = None  # width, image, s, ox, oy

    def width_for(self, viewport: pygame.Rect) -> int:
        """A fifth of the viewport across, within reason; never more than a third of its height tall."""
        w = max(110, min(220, int(viewport.w * 0.2)))
        h_max = viewport.h / 3
        return int(min(w, h_max * self._units[0] / self._units[1]))

    def size_for(self, viewport: pygame.Rect) -> tuple[int, int]:
        w = self.width_for(viewport)
        s = w / self._units[0]
        return w + 4, int(round(self._units[1] * s)) + 4

    def ready(self, viewport: pygame.Rect) -> bool:
        return self._picture is not None and self._picture[0] == self.width_for(viewport)

    def picture(self, viewport: pygame.Rect) -> tuple[pygame.Surface, float, float, float]:
        w = self.width_for(viewport)
        if self._picture is None or self._picture[0] != w:
            s = w / self._units[0]
            img, L = self.renderer.picture(s)
            crop = pygame.Rect(L.map_rect).inflate(2, 2).clip(img.get_rect())
            out = pygame.Surface((crop.w + 2, crop.h + 2))
            out.fill(TABLE)
            out.blit(img, (1, 1), crop)
            pygame.draw.rect(out, HALO, out.get_rect(), 1)
            self._picture = (w, out, s, L.ox - crop.x + 1, L.oy - crop.y + 1)
        _, img, s, ox, oy = self._picture
        return img, s, ox, oy

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, camera) -> None:
        img, s, ox, oy = self.picture(camera.viewport)
        pygame.draw.rect(surface, style.INK, rect.inflate(2, 2), 1)
        surface.blit(img, rect.topleft)
        # the camera's frame: the viewport's corners as fractional hexes, then minimap px
        vp = camera.viewport
        lay = camera.layout
        (q0, r0), (q1, r1) = lay.pixel_to_fractional(*vp.topleft), lay.pixel_to_fractional(*vp.bottomright)
        x0 = rect.x + ox + s * 1.5 * q0
        y0 = rect.y + oy + s * SQRT3 * (r0 + q0 * 0.5)
        x1 = rect.x + ox + s * 1.5 * q1
        y1 = rect.y + oy + s * SQRT3 * (r1 + q1 * 0.5)
        frame = pygame.Rect(round(x0), round(y0), max(3, round(x1 - x0)), max(3, round(y1 - y0))).clip(rect)
        if frame.w and frame.h:
            old = surface.get_clip()
            surface.set_clip(rect.clip(old))
            pygame.draw.rect(surface, style.INK, frame.inflate(2, 2), 1)
            pygame.draw.rect(surface, FRAME, frame, 2)
            surface.set_clip(old)

    def fraction_at(self, rect: pygame.Rect, pos: tuple[int, int], viewport: pygame.Rect) -> tuple[float, float]:
        """The fractional hex under a point of the minimap."""
        _, s, ox, oy = self.picture(viewport)
        px = (pos[0] - rect.x - ox) / s
        py = (pos[1] - rect.y - oy) / s
        fq = px * (2.0 / 3.0)
        fr = -px / 3.0 + py * (SQRT3 / 3.0)
        return fq, fr

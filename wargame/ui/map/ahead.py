"""Rendering ahead in idle time, most needed first, so panning and zooming find their
tiles ready: what is in view, a ring of tiles around it, the scene's shades there,
then the same place one zoom step in and out (tiles and shades), then the minimap.

Each job is one tile (or the minimap picture): MapView.idle() runs jobs until its
budget is spent, so a screen can give it whatever a frame leaves over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pygame

from ...hexgrid import SQRT3
from .geometry import TILE


def view_at(renderer, camera, level: int):
    """The level, and the layer rect the viewport would show there about the same centre."""
    other = renderer.level(level)
    fq, fr = camera.centre_fraction()
    vp = camera.viewport
    r = pygame.Rect(0, 0, vp.w, vp.h)
    r.center = (int(other.ox + other.size * 1.5 * fq), int(other.oy + other.size * SQRT3 * (fr + fq * 0.5)))
    return other, r.clip(0, 0, other.w, other.h)


def jobs(renderer, shades, camera, scene, minimap, with_minimap: bool, keep) -> Iterator[Callable[[], object]]:
    vp = camera.viewport
    L = camera.L
    bx, by = camera.blit_pos()
    src = pygame.Rect(vp.x - bx, vp.y - by, vp.w, vp.h).clip(0, 0, L.w, L.h)
    places = [(L, src), (L, src.inflate(2 * TILE, 2 * TILE))]
    for other in (camera.level + 1, camera.level - 1):
        if 0 <= other < len(camera.sizes):
            places.append(view_at(renderer, camera, other))
    for lv, rect in places:
        for t in lv.tiles_of(rect):
            if not renderer.has(lv, t):
                yield lambda lv=lv, t=t: renderer.tile(lv, t, keep)
        for shade in scene.shades:
            for t in lv.tiles_of(rect):
                if not shades.has(shade, lv, t):
                    yield lambda shade=shade, lv=lv, t=t: shades.get(shade, lv, t)
    if with_minimap and not minimap.ready(vp):
        yield lambda: minimap.picture(vp)

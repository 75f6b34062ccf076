"""Painting one frame: the tiles in view, the scene's shades over them, then its marks,
place names, stacks and slides.

A panning frame at 1280x720 may cost about 2 ms (15 full-window blits), and Python
is slow next to a blit, so a frame computes the camera's geometry once (`Frame`)
and every lookup per tile or per stack is a dict hit or a little arithmetic.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pygame

from ...hexgrid import Hex, Layout
from ...present.scene import Mark, Scene, Shade
from .colours import TABLE
from .level import Level
from .overlays import ShadeTiles, arrow, flash, outline_hex, search_circle, target_ring
from .pieces import PiecePainter, off_map_offset, piece_px, stack_rects
from .tiles import Renderer


@dataclass
class Frame:
    """The camera's geometry for one frame."""

    L: Level
    s: float
    bx: int  # screen position of the layer's top-left corner
    by: int
    lay: Layout  # hexes in screen pixels
    vp: pygame.Rect  # the viewport, clipped to the surface
    src: pygame.Rect  # the part of the layer in view (layer pixels)
    off_map: set[Hex]
    columns: int
    rows: int
    start: float  # when the frame began (perf_counter), for the render budget
    budget_ms: float | None

    def spot(self, h: Hex) -> tuple[float, float]:
        """Where a hex's stack stands on screen (beside the map for an off-map stack)."""
        x, y = self.lay.hex_to_pixel(h)
        if h in self.off_map:
            dx, dy = off_map_offset(self.columns, self.rows, h, self.s)
            return x + dx, y + dy
        return x, y

    def left_ms(self) -> float | None:
        if self.budget_ms is None:
            return None
        return self.budget_ms - (time.perf_counter() - self.start) * 1000


class ScenePainter:
    def __init__(self, renderer: Renderer, shades: ShadeTiles, pieces: PiecePainter, terrain):
        self.r = renderer
        self.shades = shades
        self.pieces = pieces
        self.terrain = terrain
        # what the last frame showed where, for the legend and the minimap to keep clear of
        self.shown_stacks: list[pygame.Rect] = []
        self.shown_names: list[pygame.Rect] = []
        self.shown_name_of: dict[str, pygame.Rect] = {}  # place name -> where it was drawn

    def tiles(self, surface: pygame.Surface, f: Frame) -> None:
        L, src = f.L, f.src
        if src.w < f.vp.w or src.h < f.vp.h:
            surface.fill(TABLE, f.vp)
        if not src.w or not src.h:
            return
        tiles = list(L.tiles_of(src))
        keep = {(L.level, *t) for t in tiles}
        left = f.left_ms()
        missing = set(self.r.ensure(L, src, None if left is None else max(0.0, left), keep))
        for t in tiles:
            r = L.tile_rect(*t)
            if t in missing and self.r.stand_in(surface, L, r.move(f.bx, f.by).clip(f.vp), f.bx, f.by):
                continue  # drawn scaled from another level; the next frames render it
            # rendered now if the budget ran out but no other level can stand in for it:
            # the first frame of a window shows the whole map, never blank paper
            surface.blit(self.r.tile(L, t, keep), (f.bx + r.x, f.by + r.y))

    def shade_layers(self, surface: pygame.Surface, shades, f: Frame) -> None:
        if not f.src.w or not f.src.h:
            return
        tiles = list(f.L.tiles_of(f.src))
        st = self.shades
        for shade in shades:
            sid = st.ident(shade)
            keep = {(sid, f.L.level, t) for t in tiles}
            for t in tiles:
                got = st.cached(sid, f.L, t)
                if got is False:  # not drawn yet
                    left = f.left_ms()
                    if left is not None and left <= 0:
                        continue  # the next frames finish it
                    got = st.render(shade, sid, f.L, t, keep)
                if got is not None:
                    img, x, y = got
                    surface.blit(img, (f.bx + x, f.by + y))

    def scene(self, surface: pygame.Surface, scene: Scene, f: Frame) -> None:
        s = f.s
        spots = [(stack, f.spot(stack.hex)) for stack in scene.stacks]
        for m in scene.marks:
            if m.kind != "flash":
                self.mark(surface, m, f)
        if scene.hover in f.off_map:  # the stack beside the map, not its hex under the table's edge
            pygame.draw.circle(surface, (255, 255, 255), f.spot(scene.hover), max(s * 0.95, piece_px(s)[1] * 0.7), 2)
        elif scene.hover is not None and scene.hover in self.terrain:
            outline_hex(surface, f.lay.hex_to_pixel(scene.hover), s, (255, 255, 255), 2)
        # place names over the marks (a target ring must not cut its own base's name),
        # clear of every stack
        covers = [stack_rects((x - f.bx, y - f.by), len(st.counters), s) for st, (x, y) in spots if st.counters]
        self.shown_stacks = [r.move(f.bx, f.by) for r in covers]
        self.r.prepare_text(f.L)  # tiles from the shipped pictures leave the level's labels unlaid
        self.shown_names = [r.move(f.bx, f.by) for r in f.L.place_rects]  # place symbols matter too
        self.shown_name_of = {}
        for name, img, r in self.r.place_names(f.L, covers):
            rr = r.move(f.bx, f.by)
            if rr.colliderect(f.vp):
                surface.blit(img, rr)
                self.shown_names.append(rr)
                self.shown_name_of[name] = rr
        if scene.selected is not None:
            for stack, spot in spots:
                if any(c.piece == scene.selected for c in stack.counters):
                    self.pieces.draw_selection(surface, spot, f.lay.hex_to_pixel(stack.hex), s,
                                               stack.hex in f.off_map)  # fmt: skip
        reach = f.vp.inflate(int(s * 4), int(s * 4))
        for stack, spot in spots:
            if reach.collidepoint(spot):
                self.pieces.draw_stack(surface, stack, spot, s, scene.selected)
        for m in scene.marks:
            if m.kind == "flash":
                self.mark(surface, m, f)
        for slide in scene.slides:
            self.pieces.draw_slide(surface, slide, f.spot(slide.start), f.spot(slide.end), s)

    def mark(self, surface: pygame.Surface, m: Mark, f: Frame) -> None:
        s = f.s
        if m.kind == "outline":
            outline_hex(surface, f.lay.hex_to_pixel(m.hex), s, m.colour, m.width)
        elif m.kind == "target":
            target_ring(surface, f.spot(m.hex), s, m.colour, m.width)
        elif m.kind == "circle":
            search_circle(surface, f.lay.hex_to_pixel(m.hex), s, m.radius, m.colour, m.width)
        elif m.kind == "arrow" and m.to is not None:
            arrow(surface, f.spot(m.hex), f.spot(m.to), m.colour, m.width)
        elif m.kind == "flash":
            flash(surface, f.lay.hex_to_pixel(m.hex), s, m.colour, m.strength)


__all__ = ["Frame", "ScenePainter", "Shade"]

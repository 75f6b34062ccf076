"""TEMPORARY: the MapView API over the old Board, until ui/map/ lands (branch mapview).

Deleted when the map view package is merged; nothing else may import it but
ui/screens/mapview.py.
"""

from __future__ import annotations

import math

import pygame

from .. import hexgrid
from ..hexgrid import Hex
from ..present.scene import Scene
from . import style
from .board import Board
from .counters import CounterArt


class MapView(Board):
    def __init__(self, rules, viewport, art: CounterArt | None = None):
        super().__init__(rules, viewport)
        self.art = art or CounterArt()
        self.show_legend = False
        self.show_minimap = False

    def camera(self):
        return self.level, self.hex_at(self.viewport.center)

    def restore(self, camera) -> None:
        level, centre = camera
        self.fit()
        self.zoom(level - self.level, self.viewport.center)
        if centre is not None:
            self.centre_on(centre)

    def idle(self, budget_ms: float) -> bool:
        for level in (self.level + 1, self.level - 1):
            if 0 <= level < len(self.ZOOM_SIZES) and not self.prerender(level, budget_ms=budget_ms):
                return False
        return True

    def minimap_click(self, pos) -> bool:
        return False

    def spot(self, h: Hex) -> tuple[float, float]:
        cx, cy = super().centre(h)
        if h in self.rules.off_map_hexes:
            col, row = hexgrid.to_offset(h)
            dx, dy = col - self.rules.columns / 2, row - self.rules.rows / 2
            if abs(dx) / self.rules.columns > abs(dy) / self.rules.rows:
                cx += math.copysign(self.size * 2.2, dx)
            else:
                cy += math.copysign(self.size * 2.2, dy)
        return cx, cy

    def hex_at(self, pos):
        r = self.size * 0.8
        for h in self.rules.off_map_hexes:
            cx, cy = self.spot(h)
            if abs(pos[0] - cx) <= r and abs(pos[1] - cy) <= r:
                return h
        return super().hex_at(pos)

    def draw(self, surface, scene: Scene | None = None) -> None:  # type: ignore[override]
        super().draw(surface)
        if scene is None:
            return
        for sh in scene.shades:
            self.fill_hexes(surface, sh.hexes, sh.fill, sh.edge)
        for m in scene.marks:
            if m.kind == "outline":
                self.outline_hex(surface, m.hex, m.colour, m.width)
            elif m.kind == "target":
                cx, cy = self.spot(m.hex)
                r = self.size * 0.95
                pygame.draw.circle(surface, m.colour, (cx, cy), r, 3)
            elif m.kind == "circle":
                pygame.draw.circle(surface, m.colour, self.spot(m.hex), self.size * 1.9, m.width)
            elif m.kind == "arrow":
                pygame.draw.line(surface, m.colour, self.spot(m.hex), self.spot(m.to), 3)
        clip = surface.get_clip()
        surface.set_clip(self.viewport)
        size = self.size
        for st in scene.stacks:
            cx, cy = self.spot(st.hex)
            n = len(st.counters)
            if size < 12:
                top = st.counters[-1].look
                mk = self.art.marker(top.side, top.symbol, max(8, int(size * 1.3)))
                surface.blit(mk, mk.get_rect(center=(cx, cy)))
                continue
            side_px = int(size * 1.45)
            off = max(2, side_px // 12)
            for i, c in enumerate(st.counters):
                img = self.art.counter(c.look, side_px)
                shift = (i - (n - 1) / 2) * off
                surface.blit(img, img.get_rect(center=(cx + shift, cy - shift)))
            if scene.selected in [c.piece for c in st.counters]:
                pygame.draw.circle(surface, style.HIGHLIGHT, (cx, cy), size * 0.95, 3)
        for s in scene.slides:
            a, b = self.spot(s.start), self.spot(s.end)
            x, y = a[0] + (b[0] - a[0]) * s.progress, a[1] + (b[1] - a[1]) * s.progress
            img = self.art.counter(s.counter.look, int(size * 1.45))
            surface.blit(img, img.get_rect(center=(x, y)))
        surface.set_clip(clip)
        if self.show_legend:
            surface.blit(self.legend_surface(), (self.viewport.x + 8, self.viewport.y + 8))

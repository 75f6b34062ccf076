"""The board of one view as a picture, headless: for reports and `wargame render`.

The same map view and the same scene as the play screen draw, so a report shows
exactly what the side saw on its screen.
"""

from __future__ import annotations

import os
from pathlib import Path

import pygame

from ..present.looks import scene_for
from .png import save_png


class BoardCamera:
    """A hidden window's map view, fitted to the whole map, reused for every picture."""

    def __init__(self, rules, size: tuple[int, int] = (960, 700)):
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        pygame.display.init()
        pygame.font.init()
        if pygame.display.get_surface() is None:
            pygame.display.set_mode((1, 1))
        from .screens.mapview import MapView

        self.rules = rules
        self.surface = pygame.Surface(size)
        self.map = MapView(rules, pygame.Rect(0, 0, *size))
        self.map.frame_budget_ms = None
        self.map.show_legend = False
        self.map.show_minimap = False
        self.map.fit()

    def draw(self, view, side: str | None, path: Path) -> None:
        self.surface.fill((54, 58, 60))
        self.map.draw(self.surface, scene_for(self.rules, view, side))
        save_png(self.surface, path)

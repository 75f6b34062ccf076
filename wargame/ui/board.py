"""The map as the play screen uses it until it draws through `map.MapView`.

`Board` is a MapView that draws the map only: ui/play.py still draws its own
pieces, highlights and legend over it, places off-map stacks itself (so `centre`
is a hex's own centre here), and renders the levels beside the current one with
`prerender`. Its `centre_on` keeps the old, looser edge rule (a hex may be put at the
centre while a third of the view is map), because play.py saves a side's camera as
"the hex at the centre" and restores it with `centre_on`; MapView's `camera()` and
`restore()` replace both. The screens engineer replaces this with MapView and a Scene.
"""

from __future__ import annotations

import pygame

from ..hexgrid import Hex
from ..rules.rulebook import Rulebook
from .map import HALO, RIVER, RIVER_BANK, TABLE, MapView

__all__ = ["Board", "HALO", "RIVER", "RIVER_BANK", "TABLE"]


class Board(MapView):
    def __init__(self, rules: Rulebook, viewport: pygame.Rect):
        super().__init__(rules, viewport)
        self.show_minimap = False  # play.py draws its pieces after the map: a minimap would sit under them

    def centre(self, h: Hex) -> tuple[float, float]:
        return self.hex_centre(h)

    def centre_on(self, h: Hex) -> None:
        self._cam.place(h[0], h[1], self.viewport.center)
        self._cam.clamp()

    def prerender(self, level: int, budget_ms: float | None = None) -> bool:
        """Render, for about `budget_ms`, what the view would show at another level (the
        same centre); True once it is all there. Nothing while every frame must be
        complete (`frame_budget_ms` None: `wargame render`, tests): a picture drawn once
        never zooms, and those tiles cost a PNG a quarter of its time."""
        if self.frame_budget_ms is None:
            return True
        return self.render_level_ahead(level, budget_ms)

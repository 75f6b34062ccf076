"""Where the legend and the minimap go: a corner of the viewport that hides no stack
and no place name if one can, and as little of the map as it can.

A box that jumped from corner to corner while the player pans would be worse than
one that hides a little desert, so a box stays in its corner until that corner
would hide a stack or a name and another corner would hide less.
"""

from __future__ import annotations

import pygame

CORNERS = ("topleft", "topright", "bottomright", "bottomleft")
MARGIN = 8


class Corners:
    def __init__(self) -> None:
        self.corner: dict[str, str] = {}  # the corner each box is in now

    def place(self, what: str, size: tuple[int, int], viewport: pygame.Rect, prefs, avoid, stacks: list[pygame.Rect],
              names: list[pygame.Rect], map_rect: pygame.Rect) -> pygame.Rect:  # fmt: skip
        inner = viewport.inflate(-2 * MARGIN, -2 * MARGIN)

        def box(corner: str) -> pygame.Rect:
            r = pygame.Rect((0, 0), size)
            setattr(r, corner, getattr(inner, corner))
            return r

        options = [c for c in prefs if c not in avoid] or list(prefs)

        def cost(corner: str) -> tuple[int, int, int]:
            r = box(corner)
            hidden = len(r.collidelistall(stacks)) * 10 + len(r.collidelistall(names))
            on_map = r.clip(map_rect)
            return hidden, on_map.w * on_map.h // 400, options.index(corner)

        current = self.corner.get(what)
        if current in options:
            now = cost(current)[0]
            if now == 0 or now <= cost(min(options, key=cost))[0]:
                return box(current)
        best = min(options, key=cost)
        self.corner[what] = best
        return box(best)

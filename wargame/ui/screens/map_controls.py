"""Moving about the map with the mouse and the keys, for every screen that shows one.

Drag to pan, the wheel to zoom about the pointer, the arrows, + and -, Home for
the whole map, L and M for the legend and the overview; a click that was not a
drag is handed to the screen as a click on a hex. A keyboard move of the camera
forgets the hovered hex, so no tooltip floats over the wrong hex afterwards.
"""

from __future__ import annotations

from typing import Callable

import pygame

from .. import keys

DRAG_START = 4  # pixels the mouse moves before a press becomes a drag
KEY_STEP = 60


class MapControls:
    def __init__(self, view, on_click: Callable, on_display: Callable | None = None,
                 blocked: Callable[[tuple[int, int]], bool] = lambda pos: False,
                 contexts: tuple[str, ...] = ("board", "board_keys")):  # fmt: skip
        self.view = view  # the MapView
        self.on_click = on_click  # called with the hex clicked
        self.on_display = on_display  # called after the legend or overview was switched
        self.blocked = blocked  # a position covered by something over the map (a card)
        self.contexts = contexts  # without "board_keys" the arrows are the screen's own (the replay's steps)
        self.mouse = (-1, -1)
        self.hover = None
        self.drag_from: tuple[int, int] | None = None
        self.dragged = False

    @property
    def dragging(self) -> bool:
        return self.drag_from is not None

    def forget(self) -> None:
        """Nothing hovered, nothing pressed (the screen changes hands)."""
        self.hover = None
        self.mouse = (-1, -1)
        self.drag_from = None
        self.dragged = False

    def handle(self, event: pygame.event.Event) -> bool:
        """Deal with an event if it is about the map; True if it was."""
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
            if self.drag_from is not None and event.buttons[0]:
                dx, dy = event.pos[0] - self.drag_from[0], event.pos[1] - self.drag_from[1]
                if self.dragged or abs(dx) + abs(dy) > DRAG_START:
                    self.dragged = True
                    self.view.pan(dx, dy)
                    self.drag_from = event.pos
            self.hover = self.view.hex_at(event.pos) if not self.blocked(event.pos) else None
            return False  # others may want to know where the pointer is
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.mouse = event.pos
            if self.blocked(event.pos) or not self.view.viewport.collidepoint(event.pos):
                return False
            if self.view.minimap_click(event.pos):
                self.hover = None
                return True
            self.drag_from, self.dragged = event.pos, False
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            pressed, was_drag = self.drag_from is not None, self.dragged
            self.drag_from, self.dragged = None, False
            if not pressed:
                return False
            if not was_drag and self.view.viewport.collidepoint(event.pos):
                h = self.view.hex_at(event.pos)
                if h is not None:
                    self.on_click(h)
            return True
        if event.type == pygame.MOUSEWHEEL:
            if self.view.viewport.collidepoint(self.mouse):
                self.view.zoom(1 if event.y > 0 else -1, self.mouse)
                self.hover = self.view.hex_at(self.mouse)
                return True
            return False
        return self._key(event)

    def _key(self, event) -> bool:
        action = keys.action_for(event, self.contexts)
        if action is None:
            return False
        if action == "pan":
            dx, dy = {pygame.K_LEFT: (KEY_STEP, 0), pygame.K_RIGHT: (-KEY_STEP, 0), pygame.K_UP: (0, KEY_STEP),
                      pygame.K_DOWN: (0, -KEY_STEP)}[event.key]  # fmt: skip
            self.view.pan(dx, dy)
        elif action == "zoom":
            self.view.zoom(1 if event.key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS) else -1, self.view.viewport.center)
        elif action == "fit":
            self.view.fit()
        elif action in ("legend", "minimap"):
            if action == "legend":
                self.view.show_legend = not self.view.show_legend
            else:
                self.view.show_minimap = not self.view.show_minimap
            if self.on_display is not None:
                self.on_display(self.view)
            return True
        else:
            return False
        self.hover = None  # the pointer no longer points where the tooltip would say
        return True

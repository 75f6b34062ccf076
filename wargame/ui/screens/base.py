"""What every screen on the stack has in common: a window-sized card with buttons."""

from __future__ import annotations

import pygame

from .. import style
from ..widgets import Button, hit, hover


class CardScreen:
    """A screen of buttons drawn by hand; subclasses draw the rest and say what buttons do."""

    contexts: tuple[str, ...] = ()
    opaque = True

    def __init__(self, app):
        self.app = app
        self.buttons: list[Button] = []
        self.mouse = (-1, -1)
        self._changed = True

    def resize(self, size) -> None:
        self._changed = True

    def enter(self) -> None:
        self._changed = True

    def leave(self) -> None:
        pass

    def animating(self) -> bool:
        return False

    def update(self, dt: float) -> bool:
        changed, self._changed = self._changed, False
        return changed

    def press(self, action) -> None:  # what a button does
        raise NotImplementedError

    def handle(self, event) -> None:
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
            if hover(self.buttons, event.pos):
                self._changed = True
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            b = hit(self.buttons, event.pos)
            if b is not None:
                self.press(b.action)
        self._changed = True

    @property
    def button_font(self) -> pygame.font.Font:
        return style.font(14, bold=True)

    def draw_buttons(self, surface) -> None:
        for b in self.buttons:
            b.draw(surface, self.button_font)

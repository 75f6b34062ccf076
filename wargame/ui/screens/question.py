"""A question over the screen below it: "leave the game?", "end the phase anyway?"."""

from __future__ import annotations

from typing import Callable

import pygame

from .. import keys, style
from ..text import wrap
from ..widgets import Button, flow
from .base import CardScreen


class QuestionScreen(CardScreen):
    contexts = ("question",)
    opaque = False  # the board stays visible, dimmed, behind the question

    def __init__(self, app, text: str, yes: str, no: str, on_yes: Callable[[], None], on_no: Callable[[], None] | None = None):
        super().__init__(app)
        self.text = text
        self.on_yes = on_yes
        self.on_no = on_no
        self.buttons = [Button(yes, "yes", kind="go"), Button(no, "no")]

    def press(self, action) -> None:
        self.app.pop()
        if action == "yes":
            self.on_yes()
        elif self.on_no is not None:
            self.on_no()

    def handle(self, event) -> None:
        action = keys.action_for(event, self.contexts)
        if action in ("yes", "no"):
            self.press(action)
            return
        super().handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        shade = pygame.Surface((w, h), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 150))
        surface.blit(shade, (0, 0))
        f = style.font(16)
        box = pygame.Rect(0, 0, min(560, w - 60), 0)
        lines = wrap(self.text, f, box.w - 48)
        bottom = flow(self.buttons, self.button_font, 0, 0, box.w - 48, 36)
        box.h = 36 + len(lines) * f.get_linesize() + 20 + bottom + 24
        box.center = (w // 2, h // 2)
        pygame.draw.rect(surface, (34, 38, 44), box, border_radius=10)
        pygame.draw.rect(surface, style.PANEL_MUTED, box, 1, border_radius=10)
        y = box.y + 28
        for line in lines:
            surface.blit(f.render(line, True, style.PANEL_TEXT), (box.x + 24, y))
            y += f.get_linesize()
        flow(self.buttons, self.button_font, box.x + 24, y + 20, box.w - 48, 36)
        self.draw_buttons(surface)

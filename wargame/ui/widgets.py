"""Buttons drawn by hand: sized to their words, laid out to fit, cheap to draw.

pygame_gui redraws its elements every frame and sizes buttons by hand-picked
pixels; the board's buttons are few and must fit their labels at any window
size, so they are drawn here. (File dialogs still come from pygame_gui.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from . import style
from .text import fit_text

KINDS = {
    # fill, fill when hovered, text
    "plain": ((58, 64, 72), (76, 84, 94), style.PANEL_TEXT),
    "go": ((52, 120, 68), (66, 146, 84), (246, 250, 246)),
    "blue": ((46, 96, 170), (60, 116, 196), (246, 248, 252)),
    "red": ((170, 66, 34), (196, 84, 48), (252, 246, 242)),
    "card": ((226, 220, 206), (236, 230, 216), style.INK),
}


@dataclass
class Button:
    label: str
    action: object  # what pressing it means to its screen
    rect: pygame.Rect = field(default_factory=pygame.Rect)
    kind: str = "plain"
    enabled: bool = True
    tip: str = ""
    hot: bool = False  # the pointer is over it
    row: int = 0  # in a panel: 0 the bottom row, 1 the row above it
    weight: int = 1  # its share of the row

    def draw(self, surface: pygame.Surface, font: pygame.font.Font) -> None:
        fill, hover, ink = KINDS[self.kind]
        colour = hover if (self.hot and self.enabled) else fill
        if not self.enabled:
            colour = tuple(int(c * 0.7 + 40 * 0.3) for c in fill)
            ink = style.PANEL_MUTED if self.kind != "card" else style.INK_SOFT
        pygame.draw.rect(surface, colour, self.rect, border_radius=5)
        pygame.draw.rect(surface, (0, 0, 0), self.rect, 1, border_radius=5)
        text = font.render(fit_text(self.label, font, self.rect.w - 12), True, ink)
        surface.blit(text, text.get_rect(center=self.rect.center))


def natural_width(label: str, font: pygame.font.Font, pad: int = 22) -> int:
    return font.size(label)[0] + pad


def flow(buttons: list[Button], font: pygame.font.Font, x: int, y: int, width: int, height: int, gap: int = 6) -> int:
    """Lay buttons out left to right at their natural widths, wrapping to new rows
    inside `width`; a button wider than the row is cut to it. Returns the bottom."""
    cx, cy = x, y
    for b in buttons:
        w = min(width, natural_width(b.label, font))
        if cx > x and cx + w > x + width:
            cx, cy = x, cy + height + gap
        b.rect = pygame.Rect(cx, cy, w, height)
        cx += w + gap
    return cy + height if buttons else y


def spread(buttons: list[Button], x: int, y: int, width: int, height: int, weights: list[int] | None = None,
           gap: int = 6) -> None:  # fmt: skip
    """Share a row among buttons in proportion to `weights`."""
    weights = weights or [1] * len(buttons)
    total = sum(weights)
    room = width - gap * (len(buttons) - 1)
    cx = x
    for b, wgt in zip(buttons, weights):
        w = room * wgt // total
        b.rect = pygame.Rect(cx, y, w, height)
        cx += w + gap


def hit(buttons: list[Button], pos) -> Button | None:
    return next((b for b in buttons if b.enabled and b.rect.collidepoint(pos)), None)


def hover(buttons: list[Button], pos) -> bool:
    """Mark the button under the pointer; True if that changed anything."""
    changed = False
    for b in buttons:
        hot = b.rect.collidepoint(pos)
        if hot != b.hot:
            b.hot, changed = hot, True
    return changed

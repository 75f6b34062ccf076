"""The replay's timeline: the whole game as a bar, with a mark where each turn and
phase begins and a handle where the cursor stands; click or drag to jump."""

from __future__ import annotations

import pygame

from .. import style

HEIGHT = 40


class Timeline:
    def __init__(self, rect: pygame.Rect):
        self.rect = pygame.Rect(rect)
        self.dragging = False

    @property
    def bar(self) -> pygame.Rect:
        return pygame.Rect(self.rect.x + 14, self.rect.y + 20, self.rect.w - 28, 8)

    def position_at(self, x: int, count: int) -> int:
        bar = self.bar
        if count <= 1:
            return 0
        t = (x - bar.x) / max(1, bar.w)
        return max(0, min(count - 1, round(t * (count - 1))))

    def x_of(self, position: int, count: int) -> int:
        bar = self.bar
        return bar.x + (round(bar.w * position / (count - 1)) if count > 1 else 0)

    def handle(self, event, count: int) -> int | None:
        """A new position if the event was a click or a drag on the timeline."""
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.rect.collidepoint(event.pos):
            self.dragging = True
            return self.position_at(event.pos[0], count)
        if event.type == pygame.MOUSEMOTION and self.dragging:
            return self.position_at(event.pos[0], count)
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.dragging:
            self.dragging = False
            return self.position_at(event.pos[0], count)
        return None

    def draw(self, surface: pygame.Surface, marks, position: int, count: int) -> None:
        r = self.rect
        pygame.draw.rect(surface, (30, 33, 38), r)
        bar = self.bar
        pygame.draw.rect(surface, style.PANEL_LIGHT, bar, border_radius=4)
        if count > 1:
            done = pygame.Rect(bar.x, bar.y, self.x_of(position, count) - bar.x, bar.h)
            pygame.draw.rect(surface, (90, 120, 160), done, border_radius=4)
        f = style.font(10, bold=True)
        last_label = -99
        for m in marks:
            x = self.x_of(m.position, count)
            if m.turn_start:
                pygame.draw.line(surface, style.PANEL_TEXT, (x, bar.y - 8), (x, bar.bottom + 3), 2)
                if x - last_label > 26:
                    img = f.render(f"T{m.turn}", True, style.PANEL_TEXT)
                    surface.blit(img, (x + 3, r.y + 4))
                    last_label = x
            else:
                pygame.draw.line(surface, style.PANEL_MUTED, (x, bar.y - 2), (x, bar.bottom + 1), 1)
        x = self.x_of(position, count)
        pygame.draw.circle(surface, style.HIGHLIGHT, (x, bar.centery), 7)
        pygame.draw.circle(surface, (0, 0, 0), (x, bar.centery), 7, 1)

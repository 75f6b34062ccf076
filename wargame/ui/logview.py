"""The event log in the side panel: every line rendered once, scrolled by the wheel.

A widget text box lays its whole text out again whenever one line is added (what
made the frame a command lands in cost some 800 screen blits); here each line is
wrapped and rendered once, when it first appears, and a frame blits only the
lines in view. The newest line stays in view unless the reader scrolled back;
a marked line (the replay's current event) is drawn on a highlight.
"""

from __future__ import annotations

import pygame

from ..present.log import LogLine
from . import style
from .text import wrap

TONE_COLOURS = {
    "heading": (255, 214, 64),
    "phase": (255, 214, 64),
    "roll": (200, 210, 220),
    "warning": (255, 176, 96),
    "gain": (160, 224, 160),
    "loss": (255, 144, 112),
    "info": (128, 192, 255),
    "card": (214, 178, 255),
    "muted": (160, 168, 176),
    "plain": (232, 232, 226),
}
DIE_FACES = "⚀⚁⚂⚃⚄⚅"


class LogView:
    def __init__(self, rect: pygame.Rect, scale: float = 1.0):
        self.rect = pygame.Rect(rect)
        self.font = style.font(round(12 * scale))
        self.bold = style.font(round(12 * scale), bold=True)
        self.lines: list[LogLine] = []
        self._images: list[list[pygame.Surface]] = []  # each line's rendered rows
        self.scroll = 0  # rows scrolled back from the newest
        self.marked: int | None = None  # index in `lines` drawn on a highlight
        self.rendered = 0  # rows rendered so far (the cost the benchmark watches)

    def set_rect(self, rect: pygame.Rect) -> None:
        rect = pygame.Rect(rect)
        if rect.w != self.rect.w:
            self._images = [self._render(line) for line in self.lines]
        self.rect = rect

    def set_lines(self, lines: list[LogLine]) -> None:
        """Show these lines: lines already shown keep their images; new ones are rendered."""
        same = 0
        for old, new in zip(self.lines, lines):
            if old != new:
                break
            same += 1
        self._images = self._images[:same] + [self._render(line) for line in lines[same:]]
        self.lines = list(lines)

    def _render(self, line: LogLine) -> list[pygame.Surface]:
        f = self.bold if line.tone == "heading" else self.font
        colour = TONE_COLOURS.get(line.tone, TONE_COLOURS["plain"])
        prefix = ""
        if line.faces:
            prefix = " ".join(DIE_FACES[v - 1] if s == 6 and 1 <= v <= 6 else f"[{v}]" for v, s in zip(line.faces, line.sides)) + " "
        rows = wrap(prefix + line.text, f, self.rect.w - 22)
        self.rendered += len(rows)
        return [f.render(row, True, colour) for row in rows]

    @property
    def _rows(self) -> int:
        return sum(len(imgs) for imgs in self._images)

    def wheel(self, steps: int) -> None:
        """Scroll back (positive) or forward, by rows."""
        visible = max(1, self.rect.h // self.font.get_linesize())
        self.scroll = max(0, min(max(0, self._rows - visible), self.scroll + steps * 3))

    def follow(self) -> None:
        self.scroll = 0

    def show_line(self, index: int) -> None:
        """Scroll so line `index` is in view (the replay's current event)."""
        rows_after = sum(len(imgs) for imgs in self._images[index + 1 :])
        visible = max(1, self.rect.h // self.font.get_linesize())
        if not (rows_after <= self.scroll + visible - 1 and rows_after >= self.scroll):
            self.scroll = max(0, rows_after - visible // 2)

    def draw(self, surface: pygame.Surface) -> None:
        r = self.rect
        pygame.draw.rect(surface, (24, 27, 31), r, border_radius=4)
        pygame.draw.rect(surface, style.PANEL_LIGHT, r, 1, border_radius=4)
        lh = self.font.get_linesize()
        clip = surface.get_clip()
        surface.set_clip(r.inflate(-4, -4))
        total = self._rows
        # a short log reads from the top; a long one keeps its newest line at the bottom
        y = r.bottom - 4 + self.scroll * lh if total * lh > r.h - 8 else r.y + 4 + total * lh
        for i in range(len(self._images) - 1, -1, -1):
            imgs = self._images[i]
            top = y - len(imgs) * lh
            if top > r.bottom:
                y = top
                continue
            if i == self.marked:
                pygame.draw.rect(surface, (70, 66, 30), (r.x + 2, top, r.w - 4, len(imgs) * lh))
            for k, img in enumerate(imgs):
                surface.blit(img, (r.x + 6 + (10 if k else 0), top + k * lh))
            y = top
            if y < r.top:
                break
        surface.set_clip(clip)
        visible = max(1, (r.h - 8) // lh)
        if total > visible:  # a thin scroll bar: where the rows in view stand in the whole log
            bar_h = max(12, (r.h - 8) * visible // total)
            pos = (total - visible - self.scroll) / max(1, total - visible)
            by = r.y + 4 + round((r.h - 8 - bar_h) * pos)
            pygame.draw.rect(surface, style.PANEL_MUTED, (r.right - 5, by, 3, bar_h), border_radius=2)

"""The problems panel: what `wargame validate` says of the scenario now, one line each.

Each line names the line of the file and the value; clicking one (or F8 for the
next) asks the editor to go there: the map centres on the problem's hex, and
the tool that edits that value opens its form (see `EditorScreen.go_to_problem`).
"""

from __future__ import annotations

import pygame

from ...editing import EditorProblem
from .. import style
from ..text import fit_text

OK = (120, 200, 130)
BAD = (255, 140, 110)


class ProblemsPanel:
    def __init__(self, rect: pygame.Rect):
        self.rect = pygame.Rect(rect)
        self.problems: list[EditorProblem] = []
        self.first = 0  # the first line shown (the wheel scrolls)
        self.chosen: EditorProblem | None = None
        self.rows: list[tuple[pygame.Rect, EditorProblem]] = []

    @property
    def line_h(self) -> int:
        return style.font(12).get_linesize() + 3

    @property
    def rows_shown(self) -> int:
        return max(1, (self.rect.h - 24) // self.line_h)

    def height_for(self, n: int, panel_h: int) -> int:
        """As tall as the problems need, up to 4 lines (6 in a tall window); one line for none."""
        most = 6 if panel_h >= 800 else 4
        return 28 + min(n, most) * self.line_h + (4 if n else 0)

    def show(self, problems: list[EditorProblem]) -> None:
        if problems != self.problems:
            self.problems = list(problems)
            self.first = min(self.first, max(0, len(problems) - self.rows_shown))
            if self.chosen not in self.problems:
                self.chosen = None

    def click(self, pos) -> EditorProblem | None:
        for r, p in self.rows:
            if r.collidepoint(pos):
                self.chosen = p
                return p
        return None

    def wheel(self, dy: int) -> None:
        self.first = max(0, min(max(0, len(self.problems) - self.rows_shown), self.first - dy))

    def next(self) -> EditorProblem | None:
        """The problem after the chosen one (F8), scrolled into view."""
        if not self.problems:
            return None
        i = self.problems.index(self.chosen) + 1 if self.chosen in self.problems else 0
        self.chosen = self.problems[i % len(self.problems)]
        k = self.problems.index(self.chosen)
        if not self.first <= k < self.first + self.rows_shown:
            self.first = max(0, min(k, len(self.problems) - self.rows_shown))
        return self.chosen

    def draw(self, surface: pygame.Surface) -> None:
        r = self.rect
        pygame.draw.rect(surface, (30, 33, 38), r)
        pygame.draw.line(surface, style.PANEL_LIGHT, r.topleft, r.topright)
        fh, f = style.font(13, bold=True), style.font(12)
        n = len(self.problems)
        if n:
            head = f"{n} problem{'s' if n != 1 else ''}: click one to go there"
            colour = BAD
        else:
            head, colour = "No problems: the scenario validates", OK
        surface.blit(fh.render(fit_text(head, fh, r.w - 20), True, colour), (r.x + 10, r.y + 5))
        self.rows = []
        y = r.y + 24
        for p in self.problems[self.first : self.first + self.rows_shown]:
            row = pygame.Rect(r.x + 6, y, r.w - 12, self.line_h)
            if p is self.chosen:
                pygame.draw.rect(surface, (70, 62, 30), row, border_radius=3)
            where = f"{p.line}: " if p.line else ""
            mark = "◎ " if p.hex else "• "
            text = fit_text(mark + where + p.message, f, row.w - 8)
            surface.blit(f.render(text, True, style.PANEL_TEXT), (row.x + 4, y + 1))
            self.rows.append((row, p))
            y += self.line_h
        if n > self.rows_shown:
            more = f"{self.first + 1}-{min(n, self.first + self.rows_shown)} of {n}"
            img = f.render(more, True, style.PANEL_MUTED)
            surface.blit(img, (r.right - img.get_width() - 10, r.y + 6))

"""The Load list: every saved game with its scenario, turn, date, side to move and when saved."""

from __future__ import annotations

from pathlib import Path

import pygame

from ... import saves
from .. import style
from ..dialogs import dialog_event, file_dialog
from ..text import fit_text
from ..widgets import Button, hit, hover
from .base import CardScreen

ROW = 44


class LoadScreen(CardScreen):
    contexts = ("question",)

    def __init__(self, app, shell, back, replay: bool = False):
        super().__init__(app)
        self.replay = replay  # watch the chosen game instead of playing on
        self.shell = shell
        self.back = back
        self.saves = saves.listing()
        self.selected = 0 if self.saves else None
        self.top = 0
        self.rows: list[tuple[pygame.Rect, int]] = []
        self.dialog = None  # the file dialog, while it is open
        self.error = ""
        self.open_button = Button("Watch" if replay else "Load", "load", kind="go", enabled=bool(self.saves))
        self.buttons = [self.open_button, Button("Another file…", "file"), Button("Back", "back")]

    def leave(self) -> None:
        if self.dialog is not None:
            self.dialog.kill()
            self.dialog = None

    def animating(self) -> bool:
        return self.dialog is not None and self.dialog.alive()

    def press(self, action) -> None:
        if action == "load" and self.selected is not None:
            self._open(Path(self.saves[self.selected].path))
        elif action == "file":
            self.dialog = file_dialog(self.app.size, self.app.manager, "Load a saved game", saves.saves_dir(),
                                      existing_only=True)  # fmt: skip
        elif action == "back":
            self.back()

    def _open(self, path: Path) -> None:
        if self.replay:
            self.shell.replay_file(path, self)
        else:
            self.shell.open(lambda: self.shell.load_session(path), self)

    def show_error(self, text: str) -> None:
        self.error = text
        self._changed = True

    def handle(self, event) -> None:
        answer = dialog_event(event, self.dialog)
        if answer is not None:
            self.dialog = None
            if answer[1] is not None:
                self._open(answer[1])
            return
        if self.dialog is not None and self.dialog.alive():
            return
        self._changed = True
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.back()
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.press("load")
            elif event.key in (pygame.K_UP, pygame.K_DOWN) and self.saves:
                step = -1 if event.key == pygame.K_UP else 1
                self.selected = max(0, min(len(self.saves) - 1, (self.selected or 0) + step))
            return
        if event.type == pygame.MOUSEWHEEL:
            self.top = max(0, min(max(0, len(self.saves) - 1), self.top - event.y))
            return
        if event.type == pygame.MOUSEMOTION:
            hover(self.buttons, event.pos)
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            b = hit(self.buttons, event.pos)
            if b is not None:
                self.press(b.action)
                return
            for r, i in self.rows:
                if r.collidepoint(event.pos):
                    if self.selected == i:
                        self.press("load")  # a second click on the same row opens it
                    self.selected = i

    def draw(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        surface.fill((26, 30, 36))
        ft, fh, fs = style.font(26, bold=True), style.font(14, bold=True), style.font(12)
        title = "Watch a saved game" if self.replay else "Load a saved game"
        surface.blit(ft.render(title, True, style.PANEL_TEXT), (40, 28))
        box = pygame.Rect(40, 80, w - 80, h - 170)
        self.rows = []
        if not self.saves:
            surface.blit(fh.render(f"No saved games yet in {saves.saves_dir()}.", True, style.PANEL_MUTED), (box.x, box.y))
        cols = (0.42, 0.16, 0.16, 0.26)
        heads = ("Scenario", "Turn", "Date", "To move · saved")
        x = box.x + 10
        for head, frac in zip(heads, cols):
            surface.blit(fs.render(head, True, style.PANEL_MUTED), (x, box.y))
            x += int(box.w * frac)
        y = box.y + 22
        for i in range(self.top, len(self.saves)):
            if y + ROW > box.bottom:
                break
            s = self.saves[i]
            r = pygame.Rect(box.x, y, box.w, ROW - 4)
            pygame.draw.rect(surface, (58, 66, 78) if i == self.selected else (36, 41, 48), r, border_radius=5)
            if i == self.selected:
                pygame.draw.rect(surface, style.HIGHLIGHT, r, 2, border_radius=5)
            cells = (s.scenario, f"{s.turn} of {s.turns}", s.date, f"{s.to_move} · {s.saved_text}")
            x = r.x + 10
            for text, frac in zip(cells, cols):
                width = int(box.w * frac) - 12
                surface.blit(fh.render(fit_text(text, fh, width), True, style.PANEL_TEXT), (x, r.y + 5))
                x += int(box.w * frac)
            surface.blit(fs.render(fit_text(f"{s.phase} · {s.path}", fs, r.w - 20), True, style.PANEL_MUTED), (r.x + 10, r.y + 23))
            self.rows.append((r, i))
            y += ROW
        if self.error:
            f = style.font(13, bold=True)
            surface.blit(f.render(fit_text(self.error, f, w - 80), True, (255, 140, 110)), (42, h - 86))
        x = 40
        for b, width in zip(self.buttons, (160, 180, 120)):
            b.rect = pygame.Rect(x, h - 60, width, 40)
            x += width + 12
        self.draw_buttons(surface)

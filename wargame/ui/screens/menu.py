"""The main menu: a new game on any scenario, resume the latest game, load a saved one.

It reaches everything the command line does: a shipped scenario or any scenario
file (checked before it is offered), who plays each side, the latest game
("Resume"), and any save (the Load list, or a file anywhere).
"""

from __future__ import annotations

import random
from pathlib import Path

import pygame

from ... import saves
from ...errors import InputError
from ...kinds import SIDE_NAMES
from ...resources import DEFAULT_SCENARIO, shipped_scenarios
from ...session import HUMAN, player_name, scenario_choice
from .. import keys, style
from ..dialogs import dialog_event, file_dialog
from ..text import fit_text, wrap
from ..widgets import Button, flow, hit, hover
from .base import CardScreen

NEW_MAP = (20, 14)  # a new scenario's map, resized in the editor's Size tool
PLAYERS = (
    (HUMAN, "Human"),
    (player_name("ai", "normal"), "Computer, normal"),
    (player_name("ai", "hard"), "Computer, hard"),
    (player_name("ai", "fast"), "Computer, fast"),
    ("greedy", "Computer, greedy (quick)"),
    ("random", "Computer, random moves"),
)


class MenuScreen(CardScreen):
    contexts = ("menu",)

    def __init__(self, app, shell, chosen: Path | None = None):
        super().__init__(app)
        self.shell = shell
        self.choices: list = []
        for sid, path in shipped_scenarios().items():
            try:
                self.choices.append(scenario_choice(path))
            except InputError:
                continue  # `wargame validate` reports it; the menu offers the rest
        self.choice = 0
        for i, c in enumerate(self.choices):
            if (chosen and c.path == chosen) or (not chosen and c.path.stem == DEFAULT_SCENARIO):
                self.choice = i
        self.players = {"blue": 0, "red": 0}
        self.latest = saves.latest()
        self.error = ""
        self.dialog = None  # the file dialog, while it is open
        self.rows: list[pygame.Rect] = []
        self.start = Button("Start a new game", "start", kind="go")
        self.blue = Button("", "blue", kind="blue")
        self.red = Button("", "red", kind="red")
        self.other = Button("Another scenario file…", "other")
        self.resume = Button("Resume", "resume", enabled=self.latest is not None)
        self.load = Button("Load a saved game…", "load")
        self.watch = Button("Watch a replay…", "replay")
        self.quit = Button("Quit", "quit")
        self.edit = Button("Edit a scenario…", "edit", tip="Open the chosen scenario in the editor")
        self.new = Button("New scenario…", "new", tip="A blank scenario of 20 x 14 hexes in the editor")
        self.buttons = [self.start, self.blue, self.red, self.other, self.edit, self.new, self.resume, self.load,
                        self.watch, self.quit]  # fmt: skip

    def leave(self) -> None:
        if self.dialog is not None:
            self.dialog.kill()
            self.dialog = None

    def animating(self) -> bool:
        return self.dialog is not None and self.dialog.alive()

    # --- doing -------------------------------------------------------------------

    def press(self, action) -> None:
        self.error = ""
        if action == "start" and self.choices:
            players = {side: PLAYERS[i][0] for side, i in self.players.items()}
            seed = random.SystemRandom().randrange(1 << 31)
            self.shell.open(lambda: self.shell.new_session(self.choices[self.choice].path, seed, players), self)
        elif action in ("blue", "red"):
            self.players[action] = (self.players[action] + 1) % len(PLAYERS)
        elif action == "other":
            self._pick()
        elif action == "resume" and self.latest is not None:
            path = Path(self.latest.path)
            self.shell.open(lambda: self.shell.load_session(path), self)
        elif action == "load":
            self.shell.load_list(self)
        elif action == "replay":
            self.shell.load_list(self, replay=True)
        elif action == "edit" and self.choices:
            self.shell.edit_file(self.choices[self.choice].path, self)
        elif action == "new":
            self.shell.new_scenario(NEW_MAP[0], NEW_MAP[1], self)
        elif action == "quit":
            self.app.quit()

    def _pick(self) -> None:
        self.dialog = file_dialog(self.app.size, self.app.manager, "Open a scenario file", Path.cwd(),
                                  existing_only=True)  # fmt: skip

    def _picked(self, path: Path) -> None:
        self.dialog = None
        try:
            choice = scenario_choice(path)
        except InputError as e:
            self.error = str(e.problems[0])
            return
        except OSError as e:
            self.error = f"{path}: {e.strerror or e}"
            return
        self.choices.append(choice)
        self.choice = len(self.choices) - 1

    def handle(self, event) -> None:
        answer = dialog_event(event, self.dialog)
        if answer is not None:
            self.dialog = None
            if answer[1] is not None:
                self._picked(answer[1])
            return
        if self.dialog is not None and self.dialog.alive():
            return
        action = keys.action_for(event, self.contexts)
        if action is not None:
            self.press({"start": "start", "resume": "resume", "load": "load", "quit": "quit"}[action])
            return
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            for i, r in enumerate(self.rows):
                if r.collidepoint(event.pos):
                    self.choice = i
                    self._changed = True
                    return
        if event.type == pygame.MOUSEMOTION and hover(self.buttons, event.pos):
            self._changed = True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            b = hit(self.buttons, event.pos)
            if b is not None:
                self.press(b.action)
        self._changed = True

    def show_error(self, text: str) -> None:
        self.error = text
        self._changed = True

    # --- drawing -----------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        surface.fill((26, 30, 36))
        for i in range(0, w, 48):
            pygame.draw.line(surface, (32, 37, 44), (i, 0), (i, h))
        ft, fsub = style.font(36, bold=True), style.font(15)
        top = max(20, h // 2 - 290)
        surface.blit(ft.render("wargame", True, (240, 236, 226)), (40, top))
        surface.blit(fsub.render("Hex-and-counter play with every table's exact odds: hot-seat or against the computer",
                                 True, style.PANEL_MUTED), (42, top + 48))  # fmt: skip
        col = pygame.Rect(40, top + 90, (w - 120) // 2, h - top - 190)
        right = pygame.Rect(col.right + 40, col.y, col.w, col.h)
        self._draw_list(surface, col)
        self._draw_choice(surface, right)
        bottom = h - 64
        self.resume.label = "Resume the latest game" if self.latest else "Resume (no game saved yet)"
        self.resume.rect = pygame.Rect(40, bottom, min(300, col.w), 40)
        self.load.rect = pygame.Rect(self.resume.rect.right + 12, bottom, 200, 40)
        self.watch.rect = pygame.Rect(self.load.rect.right + 12, bottom, 180, 40)
        self.quit.rect = pygame.Rect(w - 40 - 120, bottom, 120, 40)
        if self.latest is not None:
            s = self.latest
            info = f"{s.scenario}, turn {s.turn} of {s.turns}, {s.to_move} to move, saved {s.saved_text}"
            f = style.font(12)
            surface.blit(f.render(fit_text(info, f, w - 80), True, style.PANEL_MUTED), (42, bottom - 20))
        if self.error:
            f = style.font(13, bold=True)
            surface.blit(f.render(fit_text(self.error, f, w - 80), True, (255, 140, 110)), (42, bottom - 42))
        self.draw_buttons(surface)

    def _draw_list(self, surface: pygame.Surface, col: pygame.Rect) -> None:
        fh, fs = style.font(15, bold=True), style.font(12)
        surface.blit(fh.render("Scenario", True, style.PANEL_TEXT), (col.x, col.y))
        y = col.y + 28
        self.rows = []
        for i, c in enumerate(self.choices):
            r = pygame.Rect(col.x, y, col.w, 46)
            if r.bottom > col.bottom - 84:
                break
            selected = i == self.choice
            pygame.draw.rect(surface, (58, 66, 78) if selected else (36, 41, 48), r, border_radius=6)
            if selected:
                pygame.draw.rect(surface, style.HIGHLIGHT, r, 2, border_radius=6)
            surface.blit(fh.render(fit_text(c.title, fh, r.w - 20), True, style.PANEL_TEXT), (r.x + 10, r.y + 5))
            surface.blit(fs.render(fit_text(c.facts, fs, r.w - 20), True, style.PANEL_MUTED), (r.x + 10, r.y + 26))
            self.rows.append(r)
            y += 52
        flow([self.other, self.edit, self.new], style.font(14, bold=True), col.x, y + 4, col.w, 34)

    def _draw_choice(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        if not self.choices:
            return
        c = self.choices[self.choice]
        fh, fb = style.font(15, bold=True), style.font(13)
        y = box.y
        for line in wrap(c.title, fh, box.w)[:2]:
            surface.blit(fh.render(line, True, style.PANEL_TEXT), (box.x, y))
            y += fh.get_linesize()
        y += 4
        room = box.bottom - 150
        for line in wrap(c.description, fb, box.w):
            if y > room:
                break
            surface.blit(fb.render(line, True, style.PANEL_MUTED), (box.x, y))
            y += fb.get_linesize()
        y = max(y + 12, box.bottom - 140)
        for side, button in (("blue", self.blue), ("red", self.red)):
            name = f"{SIDE_NAMES[side]} ({c.sides.get(side, '')})"
            button.label = f"{name}: {PLAYERS[self.players[side]][1]}"
            button.rect = pygame.Rect(box.x, y, box.w, 34)
            y += 42
        self.start.rect = pygame.Rect(box.x, y + 4, box.w, 42)

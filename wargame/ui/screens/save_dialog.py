"""Save as…: a file dialog that writes the game where the player says (a folder, or a
name without the suffix, gets a sensible file name)."""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.windows import UIFileDialog

from ... import saves


class SaveDialog:
    def __init__(self, app, session, default_name: str, say):
        self.session = session
        self.default_name = default_name
        self.say = say
        w, h = app.size
        rect = pygame.Rect(0, 0, min(520, w - 40), min(440, h - 40))
        rect.center = (w // 2, h // 2)
        self.window = UIFileDialog(rect, app.manager, window_title="Save game as",
                                   initial_file_path=str(saves.saves_dir() / default_name),
                                   allow_existing_files_only=False)  # fmt: skip

    @property
    def open(self) -> bool:
        return self.window.alive()

    def close(self) -> None:
        self.window.kill()

    def handle(self, event) -> bool:
        """True once the dialog is done with (saved or closed)."""
        if event.type == pygame_gui.UI_FILE_DIALOG_PATH_PICKED and event.ui_element is self.window:
            self.save(Path(event.text))
            return True
        return event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.window

    def save(self, path: Path) -> None:
        if path.is_dir():
            path = path / self.default_name
        if path.suffix == "":
            path = path.with_suffix(".wgsave")
        try:
            self.session.save_as(path)
        except OSError as e:
            self.say(f"Could not save to {path}: {e.strerror or e}")
            return
        self.say(f"Saved to {path}")

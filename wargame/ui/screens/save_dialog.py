"""Save as…: a file dialog that writes the game where the player says (a folder, or a
name without the suffix, gets a sensible file name)."""

from __future__ import annotations

from pathlib import Path

from ... import saves
from ..dialogs import dialog_event, file_dialog


class SaveDialog:
    def __init__(self, app, session, default_name: str, say):
        self.session = session
        self.default_name = default_name
        self.say = say
        self.window = file_dialog(app.size, app.manager, "Save game as", saves.saves_dir() / default_name,
                                  existing_only=False)  # fmt: skip

    @property
    def open(self) -> bool:
        return self.window.alive()

    def close(self) -> None:
        self.window.kill()

    def handle(self, event) -> bool:
        """True once the dialog is done with (saved or closed)."""
        answer = dialog_event(event, self.window)
        if answer is not None and answer[1] is not None:
            self.save(answer[1])
        return answer is not None

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

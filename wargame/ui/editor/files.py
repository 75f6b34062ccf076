"""The editor's file: save (with a warning that says what is wrong first), save as, leaving
with unsaved edits, and the offer to restore what a crash left in the recovery file.

Writing is the core's (`EditingDocument.save`: atomic, never inside the installed
game); here are only the questions a person is asked on the way.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from ...editing import ShippedScenario, is_shipped
from ...editing.recovery import Recovery, discard_recovery
from ...errors import InputError
from ..dialogs import dialog_event, file_dialog
from ..screens.question import QuestionScreen

if TYPE_CHECKING:
    from .screen import EditorScreen


def problems_words(problems: list) -> str:
    """"2 problems: 14:5: ..." — what the warning before saving says."""
    n = len(problems)
    first = str(problems[0]) if problems else ""
    more = f" (and {n - 1} more in the panel)" if n > 1 else ""
    return f"{n} problem{'s' if n != 1 else ''}: {first}{more}"


class SaveFlow:
    def __init__(self, editor: EditorScreen):
        self.editor = editor
        self.dialog = None  # the file dialog, while it is open
        self.pending_close = False

    @property
    def app(self):
        return self.editor.app

    @property
    def doc(self):
        return self.editor.doc

    @property
    def busy(self) -> bool:
        return self.dialog is not None and self.dialog.alive()

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.kill()
            self.dialog = None

    # --- saving --------------------------------------------------------------------------

    def save(self, then=None) -> None:
        """Save to the document's file, or ask for one (a shipped scenario has none)."""
        if self.doc.path is None:
            self.save_as(then)
            return
        self._warn_then_write(self.doc.path, then)

    def save_as(self, then=None) -> None:
        start = self.doc.path or Path.cwd() / f"{_scenario_id(self.doc)}.yaml"
        self.close()
        self.dialog = file_dialog(self.app.size, self.app.manager, "Save the scenario as", start, existing_only=False,
                                  centre_x=self.editor.board.viewport.centerx)  # fmt: skip
        self._then = then

    def picked(self, path: Path) -> None:
        self.dialog = None
        if path.is_dir():
            path = path / f"{_scenario_id(self.doc)}.yaml"
        if path.suffix == "":
            path = path.with_suffix(".yaml")
        if is_shipped(path):
            self.editor.say(f"{path} is inside the installed game: choose a file of your own")
            return
        then = getattr(self, "_then", None)
        if path.exists() and path != self.doc.path:
            self.ask(f"{path} exists already. Write the scenario over it?", "Write over it", "Cancel",
                     lambda: self._warn_then_write(path, then))  # fmt: skip
            return
        self._warn_then_write(path, then)

    def _warn_then_write(self, path: Path, then=None) -> None:
        problems = self.doc.problems
        if problems:
            text = f"The scenario has {problems_words(problems)} It will not load in a game until fixed. Save it anyway?"
            self.ask(text, "Save anyway", "Keep editing", lambda: self.write(path, then))
            return
        self.write(path, then)

    def write(self, path: Path, then=None) -> bool:
        try:
            target = self.doc.save(path)
        except ShippedScenario as e:
            self.editor.say(str(e))
            return False
        except OSError as e:
            self.editor.say(f"Could not save to {path}: {e.strerror or e}")
            return False
        self.editor.autosave.written_text = self.doc.text
        self.editor.say(f"Saved to {target}" + ("" if self.doc.valid else " (with its problems)"))
        if then is not None:
            then()
        return True

    # --- questions ----------------------------------------------------------------------------

    def ask(self, text: str, yes: str, no: str, on_yes, on_no=None) -> None:
        self.app.push(QuestionScreen(self.app, text, yes, no, on_yes=on_yes, on_no=on_no))

    def ask_close(self) -> None:
        text = "The scenario has unsaved edits. Close the editor without saving them? (The recovery file keeps them.)"
        self.ask(text, "Close without saving", "Keep editing", self.editor.closed)

    def offer_recovery(self, recovery: Recovery) -> None:
        """Unsaved edits from an earlier session: put them in as one undoable edit, or drop them."""
        when = datetime.datetime.fromtimestamp(recovery.written).strftime("%Y-%m-%d %H:%M")
        text = (f"Unsaved edits of this scenario from {when} were kept in {recovery.path.name} "
                "(the editor closed before they were saved). Restore them? Undo takes them back.")  # fmt: skip

        def restore() -> None:
            try:
                self.doc.replace_text("Recover unsaved edits", recovery.text)
            except InputError as e:
                self.editor.say(f"The recovery file cannot be read: {e.problems[0]}")
                return
            self.editor.say("Restored the unsaved edits (Ctrl+Z takes them back)")

        def drop() -> None:
            discard_recovery(self.doc)
            self.editor.say("The unsaved edits were dropped")

        self.ask(text, "Restore them", "Drop them", restore, drop)

    # --- events ---------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> bool:
        if self.dialog is None:
            return False
        answer = dialog_event(event, self.dialog)
        if answer is not None:
            if answer[1] is not None:
                self.picked(answer[1])
            else:
                self.dialog = None
            return True
        return self.busy and event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.KEYDOWN)


def _scenario_id(doc) -> str:
    data = doc.data if isinstance(doc.data, dict) else {}
    sid = data.get("id")
    return sid if isinstance(sid, str) and sid else Path(doc.name).stem or "scenario"

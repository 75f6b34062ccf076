"""How the screens lead to one another: menu, board, hand-over, summary, end, questions.

The screens ask this one object to go elsewhere, so none of them imports another
screen to open it, and the rules of the table (summary before hand-over, the
question before leaving) are written once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ...errors import InputError
from ...session import Session
from ..settings import Display


class Shell:
    def __init__(self, app, autosave: bool = True):
        self.app = app
        self.autosave = autosave
        self.display = Display.load()

    # --- sessions ------------------------------------------------------------------

    def new_session(self, scenario: Path, seed: int, players: dict[str, str]) -> Session:
        return Session.new(scenario, seed, players, autosave=self.autosave)

    def load_session(self, path: Path) -> Session:
        return Session.load(path, autosave=self.autosave)

    @staticmethod
    def _attempt(make: Callable, asking):
        """What `make` reads from a file, or None with one line on the screen that asked."""
        try:
            return make()
        except InputError as e:
            asking.show_error(str(e.problems[0]))
        except OSError as e:
            asking.show_error(str(e))
        return None

    def open(self, make: Callable[[], Session], asking) -> None:
        """Start the session `make` builds; a bad file is one line on the screen that asked."""
        session = self._attempt(make, asking)
        if session is not None:
            self.play(session)

    # --- screens -------------------------------------------------------------------

    def menu(self) -> None:
        from .menu import MenuScreen

        self.app.reset(MenuScreen(self.app, self))

    def load_list(self, menu, replay: bool = False) -> None:
        """The list of saved games, to load one and play on (or, with `replay`, to watch one)."""
        from .load import LoadScreen

        self.app.push(LoadScreen(self.app, self, back=self.app.pop, replay=replay))

    def play(self, session: Session):
        from .play import PlayScreen

        screen = PlayScreen(self.app, session, self)
        self.display.apply(screen.map)
        self.app.reset(screen)
        return screen

    def replay(self, record, side: str | None, umpire: bool = False, standalone: bool = False):
        """The replay viewer on a record; closing it goes back (or quits, when it is the only screen)."""
        from .replay import ReplayScreen

        done = self.app.quit if standalone else self.app.pop
        screen = ReplayScreen(self.app, record, side, umpire=umpire, on_done=done, shell=self)
        self.display.apply(screen.map)
        if standalone:
            self.app.reset(screen)
        else:
            self.app.push(screen)
        return screen

    def replay_file(self, path: Path, asking) -> None:
        """Watch a saved game: Blue's view of one not over, everything of a finished one."""
        from ...replay import Replay

        record = self._attempt(lambda: Replay.from_save(path), asking)
        if record is None:
            return
        over = record.marks[-1].side_to_move is None
        self.replay(record, None if over else "blue")

    def edit(self, doc, recovery=None, on_close=None):
        """The scenario editor on a document (wargame.editing); closing it goes to `on_close`
        (by default the main menu). A recovery file found is offered over it."""
        from ..editor.screen import EditorScreen

        screen = EditorScreen(self.app, doc, self, on_close=on_close or self.menu)
        self.app.reset(screen)
        if recovery is not None:
            screen.files.offer_recovery(recovery)
        return screen

    def edit_file(self, path: Path, asking) -> None:
        """Open the editor on a scenario file or shipped name from a screen (the menu)."""
        from ...editing import EditingDocument, find_recovery

        try:
            doc = EditingDocument.open(path)
        except InputError as e:
            asking.show_error(str(e.problems[0]))
            return
        except OSError as e:
            asking.show_error(f"{path}: {e.strerror or e}")
            return
        self.edit(doc, find_recovery(doc.path, doc.name))

    def new_scenario(self, columns: int, rows: int, asking) -> None:
        """A blank scenario in the editor; it has no file until the first save asks for one."""
        from ...editing import EditingDocument, new_scenario

        self.edit(EditingDocument(new_scenario(columns, rows), "new_scenario.yaml"))

    def playtest(self, editor, session: Session):
        """A hot-seat game on the editor's scenario, over the editor; it comes back as it was."""
        from ..editor.playtest import PlaytestShell
        from .play import PlayScreen

        shell = PlaytestShell(self.app, editor)
        screen = PlayScreen(self.app, session, shell)
        self.display.apply(screen.map)
        self.app.push(screen)
        return screen

    def between_turns(self, play) -> None:
        """The end-of-turn summary first, then the hand-over card, as the session asks."""
        s = play.session
        if s.summary_due is not None:
            from .summary import SummaryScreen

            self.app.push(SummaryScreen(self.app, s, on_done=self.app.pop))
        elif s.handover_due():
            from .handover import HandoverScreen

            def taken() -> None:
                self.app.pop()
                play.restore_camera()

            def watch() -> None:
                from .replay import ReplayScreen

                side = s.viewer
                first = s.away_from.get(side, 0)
                self.app.pop()
                play.restore_camera()
                screen = ReplayScreen(self.app, s.replay(), side, away=True, first=first, on_done=self.app.pop,
                                      autoplay=True, shell=self)  # fmt: skip
                self.display.apply(screen.map)
                self.app.push(screen)

            self.app.push(HandoverScreen(self.app, s, on_taken=taken, on_watch=watch))

    def game_over(self, play) -> None:
        from .end import EndScreen

        play.session.hide_screen()
        session = play.session
        self.app.push(EndScreen(self.app, session, on_review=self.app.pop, on_menu=lambda: self.leave(play),
                                on_replay=lambda: self.replay(session.replay(), None),
                                menu_label=self.menu_label))  # fmt: skip

    def leave(self, play) -> None:
        play.close()
        self.menu()

    menu_label = "Main menu"  # where leaving a game goes, as the end screen's button says it
    leave_question = "Leave this game for the main menu? It is saved as it stands; Resume brings it back."

    def ask_leave(self, play) -> None:
        from .question import QuestionScreen

        self.app.push(QuestionScreen(self.app, self.leave_question, "Leave the game", "Keep playing",
                                     on_yes=lambda: self.leave(play)))  # fmt: skip

    def ask_end_phase(self, play, unacted: str) -> None:
        from .question import QuestionScreen

        text = f"{unacted} End the phase anyway?"
        self.app.push(QuestionScreen(self.app, text, "End the phase", "Keep playing",
                                     on_yes=lambda: play.end_phase(confirmed=True)))  # fmt: skip

    def remember_display(self, view) -> None:
        self.display.take(view)
        self.display.save()

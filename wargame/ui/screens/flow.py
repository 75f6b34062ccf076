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

    def open(self, make: Callable[[], Session], asking) -> None:
        """Start the session `make` builds; a bad file is one line on the screen that asked."""
        try:
            session = make()
        except InputError as e:
            asking.show_error(str(e.problems[0]))
            return
        except OSError as e:
            asking.show_error(str(e))
            return
        self.play(session)

    # --- screens -------------------------------------------------------------------

    def menu(self) -> None:
        from .menu import MenuScreen

        self.app.reset(MenuScreen(self.app, self))

    def load_list(self, menu) -> None:
        from .load import LoadScreen

        self.app.push(LoadScreen(self.app, self, back=self.app.pop))

    def play(self, session: Session):
        from .play import PlayScreen

        screen = PlayScreen(self.app, session, self)
        self.display.apply(screen.map)
        self.app.reset(screen)
        return screen

    def between_turns(self, play) -> None:
        """The end-of-turn summary first, then the hand-over card, as the session asks."""
        from .handover import HandoverScreen
        from .summary import SummaryScreen

        s = play.session
        if s.summary_due is not None:
            self.app.push(SummaryScreen(self.app, s, on_done=self.app.pop))
        elif s.handover_due():
            def taken() -> None:
                self.app.pop()
                play.restore_camera()

            self.app.push(HandoverScreen(self.app, s, on_taken=taken))

    def game_over(self, play) -> None:
        from .end import EndScreen

        play.session.hide_screen()
        self.app.push(EndScreen(self.app, play.session, on_review=self.app.pop, on_menu=lambda: self.leave(play)))

    def leave(self, play) -> None:
        play.close()
        self.menu()

    def ask_leave(self, play) -> None:
        from .question import QuestionScreen

        text = "Leave this game for the main menu? It is saved as it stands; Resume brings it back."
        self.app.push(QuestionScreen(self.app, text, "Leave the game", "Keep playing", on_yes=lambda: self.leave(play)))

    def ask_end_phase(self, play, unacted: str) -> None:
        from .question import QuestionScreen

        text = f"{unacted} End the phase anyway?"
        self.app.push(QuestionScreen(self.app, text, "End the phase", "Keep playing",
                                     on_yes=lambda: play.end_phase(confirmed=True)))  # fmt: skip

    def remember_display(self, view) -> None:
        self.display.take(view)
        self.display.save()

"""The play-test: a hot-seat game over the editor, which comes back as it was left.

The game runs on the play screen through the ordinary flow (hand-over cards,
summaries, the end screen), with one difference: leaving it, from the board or
the end screen, goes back down the stack to the editor instead of to the main
menu. The editor was only covered, so its camera, tool, selection and undo
history are all still there. A play-test is never autosaved.
"""

from __future__ import annotations

from ..screens.flow import Shell


class PlaytestShell(Shell):
    menu_label = "Back to the editor"
    leave_question = "Stop the play-test and go back to the editor?"

    def __init__(self, app, editor):
        super().__init__(app, autosave=False)
        self.editor = editor

    def leave(self, play) -> None:
        play.close()
        self.menu()

    def menu(self) -> None:
        """Back to the editor: every screen above it goes."""
        while self.app.stack and self.app.stack[-1] is not self.editor:
            self.app.pop()
        self.editor.say("The play-test is over: back to the editor")

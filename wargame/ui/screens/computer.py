"""The computer's turn on the board: thinking in the background, moves at a person's pace.

A search may take most of a second to choose; it runs on a thread (it only reads
the game, and nobody can change the game while it thinks), so the board keeps
drawing. Each command it plays is played out as the watching side may see it:
counters slide, struck hexes flash, its dice show on a card for a moment. Space
skips ahead to the person's turn.
"""

from __future__ import annotations

import threading

from ...kinds import SIDE_NAMES
from ...present.cards import roll_card
from . import card as cards

AI_DELAY = 0.5  # seconds between two computer commands, so a person can follow them
DICE_SECONDS = 1.4  # how long the computer's dice stay on their card


class ComputerTurn:
    def __init__(self, play):
        self.play = play
        self.timer = 0.0
        self.pause = AI_DELAY
        self.thinking: threading.Thread | None = None
        self._chosen: list = []

    def tick(self, dt: float) -> bool:
        """Advance; True when the computer played a command (the screen must be drawn)."""
        self.timer += dt
        if self.thinking is None and self.timer >= self.pause and not self.play.playback.busy:
            self._think()
        if self.thinking is not None and not self.thinking.is_alive():
            self._move()
            return True
        return False

    def wait(self) -> None:
        if self.thinking is not None:
            self.thinking.join()
            self.thinking = None

    def _think(self) -> None:
        chosen: list = []
        self._chosen = chosen
        self.thinking = threading.Thread(target=lambda: chosen.append(self.play.session.ai_choose()), daemon=True)
        self.thinking.start()

    def _move(self) -> None:
        play, s = self.play, self.play.session
        self.wait()
        self.timer = 0.0
        command = self._chosen[0] if self._chosen else None
        if command is None:
            return
        before, side = play.view, s.to_move
        events = s.ai_play(command)
        play.refresh()
        seen = [v for e in events if (v := e.seen_by(s.seen_as)) is not None]
        play.playback.play(before, play.view, s.seen_as, seen)
        # its dice, and a card it played (a play is public: both sides read it), with what that did
        shown = seen if any(e.kind == "card" for e in seen) else [e for e in seen if e.roll is not None]
        words = roll_card(f"{SIDE_NAMES[side]} (computer)", shown)
        play.card = cards.dice(words, play.map.viewport, play.scale) if words is not None and s.human_sides else None
        self.pause = AI_DELAY + (DICE_SECONDS if play.card is not None else 0.0)
        play.after_change()

    def skip(self) -> None:
        """The computer plays on at once until it is a person's turn."""
        play, s = self.play, self.play.session
        self.wait()
        while s.computer_to_move:
            s.ai_step()
        play.playback.clear()
        play.close_card()
        play.refresh()
        play.after_change()

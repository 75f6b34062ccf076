"""A sitting at the game: who plays each side, whose view is on screen, autosaves.

Kept apart from the screens (and free of pygame) because these are rules of the
table, not of drawing: in hot-seat play the screen must be handed over before
the other side's phase and never show one side's view to the other; a computer
side plays by itself; every finished turn is saved. The play screen asks this
object what to show and sends it the player's commands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .ai import Player, make_player
from .record import save_game
from .rules.commands import Command
from .rules.engine import Game
from .rules.events import Event
from .rules.views import SideView

HUMAN = "human"


@dataclass
class Session:
    game: Game
    players: dict[str, str] = field(default_factory=lambda: {"blue": HUMAN, "red": HUMAN})
    autosave: Path | None = None
    viewer: str | None = None  # the side whose view is on screen; None while the screen is handed over
    ai: dict[str, Player] = field(default_factory=dict)
    saved_turn: int = 0
    last_save_error: str | None = None
    # A screen that never changes hands: "blue" or "red" shows that side's view whoever
    # is to move, "all" shows everything (a spectator, the umpire, `wargame render`).
    fixed_view: str | None = None

    def __post_init__(self) -> None:
        for side, kind in self.players.items():
            if kind != HUMAN:
                self.ai[side] = make_player(kind, self.game.seed * 2 + (1 if side == "blue" else 2))
        humans = self.human_sides
        if self.fixed_view in ("blue", "red"):
            self.viewer = self.fixed_view
        elif len(humans) == 1:
            self.viewer = humans[0]  # against the computer the screen never changes hands
        self.saved_turn = self.game.state.turn
        if not humans:
            self.game.keep_undo = False  # nobody at the table to take a command back

    @property
    def human_sides(self) -> list[str]:
        return [s for s in ("blue", "red") if self.players.get(s, HUMAN) == HUMAN]

    @property
    def hot_seat(self) -> bool:
        return len(self.human_sides) == 2

    @property
    def to_move(self) -> str | None:
        return self.game.side_to_move

    def handover_due(self) -> str | None:
        """The side that must take the screen before play goes on, if any."""
        side = self.to_move
        if self.fixed_view is not None or side is None or side not in self.human_sides:
            return None
        return side if side != self.viewer else None

    def take_screen(self) -> None:
        """The next player is at the screen: show their view."""
        side = self.handover_due()
        if side is not None:
            self.viewer = side

    def hide_screen(self) -> None:
        """Blank the view, e.g. when the game is over in hot-seat before the review."""
        self.viewer = None

    @property
    def my_move(self) -> bool:
        """May the person at the screen give commands now?"""
        return self.to_move is not None and self.to_move == self.viewer and self.viewer in self.human_sides

    def view(self) -> SideView:
        """What the screen may draw: the viewer's view, or everything once the game is over."""
        return self.game.view(self.seen_as)

    def events(self) -> list[Event]:
        return self.game.events_for(self.seen_as)

    @property
    def seen_as(self) -> str | None:
        """Whose knowledge the screen shows: None (everything) for the umpire or a finished game."""
        return None if self.fixed_view == "all" or self.game.over else self.viewer

    def apply(self, command: Command) -> list[Event]:
        """A human command; raises IllegalCommand with the engine's reason if refused."""
        events = self.game.apply(command)
        self._after_command()
        return events

    def ai_step(self) -> list[Event] | None:
        """Let a computer side make one command; None when it is not a computer's turn."""
        side = self.to_move
        if side is None or side not in self.ai:
            return None
        events = self.game.apply(self.ai[side].choose(self.game.decision(side)))
        self._after_command()
        return events

    def undo(self) -> Command:
        command = self.game.undo()
        return command

    def _after_command(self) -> None:
        st = self.game.state
        if st.turn != self.saved_turn or self.game.over:
            self.save_now()
            self.saved_turn = st.turn

    def save_now(self) -> None:
        """Autosave (end of each turn and end of game); a failure is reported, never fatal."""
        if self.autosave is None:
            return
        try:
            save_game(self.autosave, self.game, dict(self.players))
            self.last_save_error = None
        except OSError as e:
            self.last_save_error = f"autosave to {self.autosave} failed: {e.strerror or e}"

"""A sitting at the game: who plays each side, whose view is on screen, saves.

Kept apart from the screens (and free of pygame) because these are rules of the
table, not of drawing: in hot-seat play the screen must be handed over before
the other side's phase and never show one side's view to the other; a computer
side plays by itself; every finished turn is saved, each game in its own folder.
The screens reach the game only through this object: what to show (the view,
the log, the legal commands, the odds), and the commands the player gives.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import saves
from .ai import DEFAULT_LEVEL, LEVEL_NAMES, Player, make_player, player_seed
from .ai import PLAYER_KINDS as COMPUTER_KINDS
from .kinds import SIDE_NAMES
from .rules.commands import Command
from .rules.engine import Game, IllegalCommand, Preview
from .rules.events import ALL, Event
from .rules.rulebook import Rulebook
from .rules.views import SideView
from .scenario.load import load_scenario

HUMAN = "human"
__all__ = ["HUMAN", "IllegalCommand", "PLAYER_KINDS", "Session", "player_name", "read_player"]
PLAYER_KINDS = (HUMAN, *COMPUTER_KINDS)


def player_name(kind: str, level: str = DEFAULT_LEVEL) -> str:
    """How a side's player is written in `Session.players` and in saves: 'human', 'greedy',
    'random', or the search player with its level, 'ai:normal'."""
    return f"ai:{level}" if kind == "ai" else kind


def read_player(text: str) -> tuple[str, str]:
    """(kind, level) of a player as `player_name` writes it (or as older saves and
    `wargame autoplay` wrote it, 'ai:greedy'); anything unknown is a person."""
    kind, _, rest = text.partition(":")
    if kind == "ai" and rest in LEVEL_NAMES:
        return "ai", rest
    if kind == "ai" and rest in PLAYER_KINDS:
        return rest, DEFAULT_LEVEL
    return (text if text in PLAYER_KINDS else HUMAN), DEFAULT_LEVEL


@dataclass(frozen=True)
class ScenarioChoice:
    """What the menu says of a scenario before a game is started on it."""

    path: Path
    title: str
    description: str
    facts: str  # "8 turns · 58x40 hexes"
    sides: dict[str, str]  # side -> its short name in this scenario ("US", "Militias")


def scenario_choice(path: Path) -> ScenarioChoice:
    """Read and check a scenario file for the menu; InputError if it is not a valid one."""
    s = load_scenario(path).scenario
    facts = f"{s.turns.count} turns · {s.map.columns}x{s.map.rows} hexes"
    return ScenarioChoice(path, s.meta.title, s.meta.description, facts, {side: spec.short for side, spec in s.sides.items()})


@dataclass
class Session:
    game: Game
    players: dict[str, str] = field(default_factory=lambda: {"blue": HUMAN, "red": HUMAN})
    folder: Path | None = None  # this game's autosave folder; None: no autosaves (tests, render)
    viewer: str | None = None  # the side whose view is on screen; None while the screen is handed over
    ai: dict[str, Player] = field(default_factory=dict)
    saved_turn: int = 0
    last_save_error: str | None = None
    # A screen that never changes hands: "blue" or "red" shows that side's view whoever
    # is to move, "all" shows everything (a spectator, the umpire, `wargame render`).
    fixed_view: str | None = None
    # public track values at the start of each turn, for the end-of-turn summary
    tracks_at: dict[int, dict[str, int]] = field(default_factory=dict)
    summary_due: int | None = None  # a finished turn whose summary the players have not seen
    # how far each side had read the log when it last gave up the screen ("while you were away")
    away_from: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for side, name in self.players.items():
            kind, level = read_player(name)
            if kind != HUMAN:
                self.ai[side] = make_player(kind, player_seed(self.game.seed, side), level)
        humans = self.human_sides
        if self.fixed_view in ("blue", "red"):
            self.viewer = self.fixed_view
        elif len(humans) == 1:
            self.viewer = humans[0]  # against the computer the screen never changes hands
        self.saved_turn = self.game.state.turn
        self.tracks_at.setdefault(self.game.state.turn, dict(self.game.state.tracks))
        if not humans:
            self.game.keep_undo = False  # nobody at the table to take a command back

    # --- making one ------------------------------------------------------------------

    @classmethod
    def new(cls, scenario: Path, seed: int, players: dict[str, str], autosave: bool = True) -> Session:
        loaded = load_scenario(scenario)
        folder = saves.new_game_folder(loaded.scenario.id, seed) if autosave else None
        return cls(Game(loaded, seed), dict(players), folder=folder)

    @classmethod
    def from_text(cls, text: str, seed: int, players: dict[str, str], name: str = "<scenario>") -> Session:
        """A game on scenario text that is in no file (the editor's play-test): checked by
        the very loader of `wargame validate` (InputError if invalid), never autosaved."""
        from .scenario.load import load_scenario_text

        return cls(Game(load_scenario_text(text, name), seed), dict(players), folder=None)

    @classmethod
    def load(cls, path: Path, autosave: bool = True) -> Session:
        """A saved game, to play on. An autosave goes on in its own game's folder; any other
        save starts a new folder, so the file the player chose is never overwritten."""
        from .record import load_game  # the record's reader is needed only to open a save

        game, save = load_game(path)
        players = {}
        for side in ("blue", "red"):
            players[side] = player_name(*read_player(save.players.get(side, HUMAN)))
        folder = None
        if autosave:
            folder = path.parent if saves.in_autosaves(path) else saves.new_game_folder(game.rules.scenario.id, game.seed)
        return cls(game, players, folder=folder)

    @staticmethod
    def is_save(path: Path) -> bool:
        return saves.is_save(path)

    # --- who is at the screen ----------------------------------------------------------

    @property
    def rules(self) -> Rulebook:
        return self.game.rules

    @property
    def human_sides(self) -> list[str]:
        return [s for s in ("blue", "red") if read_player(self.players.get(s, HUMAN))[0] == HUMAN]

    @property
    def hot_seat(self) -> bool:
        return len(self.human_sides) == 2

    @property
    def to_move(self) -> str | None:
        return self.game.side_to_move

    @property
    def over(self) -> bool:
        return self.game.over

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
        self.viewer = None

    def leave_screen(self) -> None:
        """The side at the screen gives it up: remember how far it had read, so that when
        it comes back it can watch what happened while it was away."""
        if self.viewer is not None:
            self.away_from[self.viewer] = len(self.game.log)

    def away_events(self, side: str) -> int:
        """How many events `side` may read that happened since it last had the screen
        (0 for a side's first turn at the screen)."""
        start = self.away_from.get(side)
        if start is None:
            return 0
        return sum(1 for e in self.game.log[start:] if e.seen_by(side) is not None)

    def replay(self):
        """The game so far as a record to step through (the viewer, "while you were away")."""
        from .replay import Replay

        return Replay.from_game(self.game)

    @property
    def my_move(self) -> bool:
        """May the person at the screen give commands now?"""
        return self.to_move is not None and self.to_move == self.viewer and self.viewer in self.human_sides

    @property
    def seen_as(self) -> str | None:
        """Whose knowledge the screen shows: None (everything) for the umpire or a finished game."""
        return None if self.fixed_view == "all" or self.game.over else self.viewer

    # --- what the screen shows -----------------------------------------------------------

    def view(self) -> SideView:
        """What the screen may draw: the viewer's view, or everything once the game is over."""
        return self.game.view(self.seen_as)

    def events(self) -> list[Event]:
        return self.game.events_for(self.seen_as)

    def public_log(self) -> list[Event]:
        """The events every side may read (for summaries shown to both players)."""
        return [e for e in self.game.log if e.visible == ALL]

    def tracks(self) -> dict[str, int]:
        """The tracks now (public: both sides see every track)."""
        return dict(self.game.state.tracks)

    def legal(self) -> list[Command]:
        """The commands the person at the screen may give now (none when it is not their move)."""
        return self.game.legal_commands(self.viewer) if self.my_move else []

    def why_not(self, command: Command) -> str | None:
        """Why the rules refuse a command the person at the screen asked for (None: they allow it)."""
        return self.game.why_illegal(command) if self.my_move else "it is not your move"

    def preview(self, command: Command) -> Preview:
        return self.game.preview(command)

    def read_ahead(self, command: Command) -> Preview:
        """What a command would do, worked out on the view on screen (a card of the hand read
        when it may not be played now, maybe in the other side's phase: never on its view)."""
        from .rules.preview import preview_command

        return preview_command(self.rules, self.view(), command)

    @property
    def phase(self) -> str:
        return self.game.phase

    @property
    def phase_title(self) -> str:
        return self.game.phase_title

    @property
    def phase_description(self) -> str:
        return self.rules.scenario.turns.sequence[self.game.state.phase].description

    @property
    def turn(self) -> int:
        return self.game.state.turn

    def date(self, turn: int | None = None) -> datetime.date:
        start = datetime.date.fromisoformat(self.rules.scenario.meta.date)
        return start + datetime.timedelta(days=(turn or self.turn) - 1)

    @property
    def result(self):
        """The game's result (winner, reason, points), or None while it goes on."""
        return self.game.state.result

    @property
    def result_text(self) -> str | None:
        result = self.game.state.result
        return result.summary() if result is not None else None

    def name_of(self, piece: str) -> str:
        return self.rules.name_of(piece)

    # --- commands ----------------------------------------------------------------------

    def apply(self, command: Command) -> list[Event]:
        """A human command; raises IllegalCommand with the engine's reason if refused."""
        events = self.game.apply(command)
        self._after_command()
        return events

    def ai_step(self) -> list[Event] | None:
        """Let a computer side make one command; None when it is not a computer's turn."""
        command = self.ai_choose()
        return None if command is None else self.ai_play(command)

    def ai_choose(self) -> Command | None:
        """The computer's next command, without playing it (it only reads the game, so a
        screen may let it think in the background while it draws)."""
        side = self.to_move
        if side is None or side not in self.ai:
            return None
        return self.ai[side].choose(self.game.decision(side))

    def ai_play(self, command: Command) -> list[Event]:
        events = self.game.apply(command)
        self._after_command()
        return events

    @property
    def computer_to_move(self) -> bool:
        return self.to_move in self.ai

    def can_undo(self) -> bool:
        return self.my_move and self.game.can_undo()

    def undo(self) -> Command:
        return self.game.undo()

    def _after_command(self) -> None:
        st = self.game.state
        if st.turn != self.saved_turn or self.game.over:
            finished = self.saved_turn
            self.tracks_at.setdefault(st.turn, dict(st.tracks))
            if self.human_sides and not self.game.over:
                self.summary_due = finished
            self.save_now()
            self.saved_turn = st.turn

    def summary_seen(self) -> None:
        self.summary_due = None

    # --- saving ------------------------------------------------------------------------

    def save_now(self, tag: str = "") -> None:
        """Autosave (each turn's end, the end of the game, leaving the board); a failure is
        reported on screen, never fatal."""
        if self.folder is None:
            return
        path = saves.autosave_path(self.folder, self.turn, tag)
        try:
            self.save_as(path)
            self.last_save_error = None
        except OSError as e:
            self.last_save_error = f"autosave to {path} failed: {e.strerror or e}"

    def save_as(self, path: Path) -> Path:
        """Write the game to `path` (atomically) and note it in its folder's index."""
        path = Path(path)
        from .record import save_game  # imported on the first save, not at start-up

        save_game(path, self.game, dict(self.players))
        saves.record(path.parent, path, self.info(path))
        return path

    def info(self, path: Path) -> saves.SaveInfo:
        st = self.game.state
        to_move = self.to_move
        return saves.SaveInfo(
            path=str(path),
            scenario=self.rules.scenario.meta.title,
            turn=st.turn,
            turns=self.rules.scenario.turns.count,
            date=self.date().isoformat(),
            to_move=SIDE_NAMES[to_move] if to_move else (self.result_text or "Game over"),
            phase=self.phase_title if not self.game.over else "Game over",
            saved=time.time(),
        )

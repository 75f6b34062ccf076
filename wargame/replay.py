"""Replaying a recorded game: the same commands and the same dice, step by step.

Everything that re-runs a record goes through the two functions at the top
(`start` and `rerun_step`), so saving, loading, `wargame replay --verify` and the
replay viewer agree on what a record means, and a change to how the engine
takes its dice is an edit here only.

`Replay` is what the replay viewer and "while you were away" stand on: a
recorded game that can be looked at after any step and between any two events
of a step (a roll and its consequences), forward or backward, in either side's
view. Seeking restores the nearest snapshot and re-runs the few steps after it
with the recorded dice, as VASSAL's long-wished-for backward stepping would;
it never drives the rules by hand, so what it shows is what was played.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from .dice import DiceSource, RecordedDice, ReplayDiverged, SeededDice
from .rules.engine import Game, Step
from .rules.events import Event
from .rules.rulebook import Rulebook
from .rules.state import GameState
from .saveformat import SaveFile

# Snapshots are kept for about this many piece-steps (a piece's state in one
# snapshot): every step of any shipped scenario's game, every few of a huge one.
SNAPSHOT_BUDGET = 200_000


def start(rules: Rulebook, seed: int, faces: Sequence[tuple[int, int]], observer: Callable[[int], None] | None = None) -> Game:
    """A game at its start (step 0), rolling the recorded faces; ReplayDiverged if they do not fit.
    A replay never takes a command back, so it keeps no undo (half the cost of a long load)."""
    game = Game(rules, seed, RecordedDice(list(faces)), observer=observer, keep_undo=False)
    _all_used(game)
    return game


def rerun_step(game: Game, step: Step) -> None:
    """Apply a recorded step with its recorded dice: IllegalCommand if the rules refuse
    the command, ReplayDiverged if the rules ask for other dice than were recorded."""
    assert step.command is not None
    game.dice = RecordedDice(list(step.faces))
    game.apply(step.command)
    _all_used(game)


def _all_used(game: Game) -> None:
    dice = game.dice
    if isinstance(dice, RecordedDice) and not dice.exhausted:
        raise ReplayDiverged("the record holds more dice than the rules rolled")


def seeded(seed: int, drawn: int = 0) -> DiceSource:
    """The game's own dice from `seed`, `drawn` raw draws into the stream."""
    return SeededDice(seed, drawn)


def play_on(game: Game, drawn: int) -> None:
    """After a replay, let the game roll new dice from its seed where the record stopped,
    and keep undo again for the people who play on."""
    game.dice = seeded(game.seed, drawn)
    game.keep_undo = True


def dice_drawn(game: Game) -> int:
    """How far the game's dice stream has run: what a save needs to play on exactly.

    A game replayed from a record holds recorded dice, not the stream; its
    position is found by drawing the recorded faces from the seed again, and a
    game whose faces never came from its seed cannot be saved to play on."""
    dice = game.dice
    if isinstance(dice, SeededDice):
        return dice.drawn
    stream = SeededDice(game.seed)
    for step in game.history:
        for sides, face in step.faces:
            if stream.die(sides) != face:
                raise ValueError("this game's dice did not come from its seed, so a save of it could not play on")
    return stream.drawn


def replay_digests(rules: Rulebook, seed: int, steps: Sequence[Step]) -> list[str]:
    """The state hash after each step, by replaying the steps."""
    game = start(rules, seed, steps[0].faces)
    digests = [game.digest()]
    for step in steps[1:]:
        rerun_step(game, step)
        digests.append(game.digest())
    return digests


@dataclass(frozen=True, slots=True)
class StepMark:
    """Where the game stood after a step: for the timeline's turn and phase marks."""

    turn: int
    phase: str  # the phase kind, e.g. "blue_air"
    phase_title: str
    side_to_move: str | None  # None once the game is over
    events: range  # indices in `Replay.events` of the events this step told


class Replay:
    """A recorded game to look at after any step and between any two events.

    Build it from a live game (`from_game`) or a save (`from_save`). Steps are
    numbered as in the save: step 0 is the game's start, step i the i-th command.
    Every Game it hands out is a fresh copy: change it (or play on with it) freely.
    """

    def __init__(self, rules: Rulebook, seed: int, steps: Sequence[Step], *, snapshot_every: int | None = None):
        if not steps or steps[0].command is not None:
            raise ValueError("a record starts with the game's start (a step without a command)")
        self.rules = rules
        self.seed = seed
        self.steps: tuple[Step, ...] = tuple(Step(s.command, list(s.faces)) for s in steps)
        self.save: SaveFile | None = None
        pieces = len(rules.scenario.pieces)
        self.snapshot_every = snapshot_every or max(1, -(-len(self.steps) * pieces // SNAPSHOT_BUDGET))
        # step -> the state after it, and what the attacks resolved so far revealed (a belief reads it)
        self._snapshots: dict[int, tuple[GameState, tuple]] = {}
        self.digests: list[str] = []
        self.marks: list[StepMark] = []
        game = start(rules, seed, self.steps[0].faces)
        self._record(0, game, 0)
        for i, step in enumerate(self.steps[1:], 1):
            before = len(game.log)
            rerun_step(game, step)
            self._record(i, game, before)
        self.events: list[Event] = game.log
        self.event_step: list[int] = [i for i, m in enumerate(self.marks) for _ in m.events]
        self._moments: tuple[int, list[tuple[GameState, tuple]]] | None = None  # the last step looked into, event by event

    def _record(self, i: int, game: Game, first_event: int) -> None:
        self.digests.append(game.digest())
        over = game.over
        self.marks.append(StepMark(game.state.turn, game.phase, game.phase_title, None if over else game.side_to_move,
                                   range(first_event, len(game.log))))  # fmt: skip
        if i % self.snapshot_every == 0 or i == len(self.steps) - 1:
            self._snapshots[i] = (game.state.clone(), tuple(game.revealed))

    @classmethod
    def from_game(cls, game: Game, *, snapshot_every: int | None = None) -> Replay:
        """The replay of a live game's history; it must reproduce the game exactly."""
        replay = cls(game.rules, game.seed, game.history, snapshot_every=snapshot_every)
        if replay.digests[-1] != game.digest() or len(replay.events) != len(game.log):
            raise RuntimeError("replaying this game does not reproduce it: the engine is not deterministic")
        return replay

    @classmethod
    def from_save(cls, path: str | Path, *, snapshot_every: int | None = None) -> Replay:
        """The replay of a save, after `load_game` has checked every step (InputError if it cannot)."""
        from .record import load_game

        game, save = load_game(path)
        replay = cls.from_game(game, snapshot_every=snapshot_every)
        replay.save = save
        return replay

    # --- what was played ------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def commands(self) -> list:
        """The command of each step (None for the start)."""
        return [s.command for s in self.steps]

    def events_of(self, step: int) -> range:
        """Indices in `events` of the events a step told (empty for some steps)."""
        return self.marks[self._step(step)].events

    def visible_events(self, side: str | None) -> list[int]:
        """Indices of the events `side` could read (None: all), in order: a viewer in
        Blue's view steps through these and nothing else."""
        return [k for k, e in enumerate(self.events) if e.seen_by(side) is not None]

    def event_as(self, event: int, side: str | None) -> Event | None:
        """Event `event` as `side` read it, or None if `side` never saw it."""
        return self.events[event].seen_by(side)

    # --- seeking ------------------------------------------------------------------

    def game_at(self, step: int) -> Game:
        """The game as it stood after `step`: its state, its log and its history so far."""
        step = self._step(step)
        base = step if step in self._snapshots else step - step % self.snapshot_every
        game = self._fresh(base)
        for s in self.steps[base + 1 : step + 1]:
            rerun_step(game, s)
        return game

    def state_at(self, step: int) -> GameState:
        """The whole state after `step` (a copy); `game_at(step).view(side)` gives a side's view."""
        return self.game_at(step).state

    def game_at_event(self, event: int) -> Game:
        """The game as it stood when event `event` was told: everything before it
        done (a roll's faces read), nothing after it (the roll's damage not yet).
        Its log ends with that event; its history holds the steps before this one."""
        if not 0 <= event < len(self.events):
            raise IndexError(f"no event {event} (the game told {len(self.events)})")
        step = self.event_step[event]
        moments = self._moments_in(step)
        game = self._fresh(0) if step == 0 else self.game_at(step - 1)
        state, revealed = moments[event - self.marks[step].events.start]
        game.stand_at(state.clone(), self.events[: event + 1], list(self.steps[:step]), list(revealed))
        return game

    def state_at_event(self, event: int) -> GameState:
        """The state when event `event` was told (a copy)."""
        step = self.event_step[event]
        return self._moments_in(step)[event - self.marks[step].events.start][0].clone()

    # --- inside -------------------------------------------------------------------

    def _step(self, step: int) -> int:
        if not -len(self.steps) <= step < len(self.steps):
            raise IndexError(f"no step {step} (the record has steps 0 to {len(self.steps) - 1})")
        return step % len(self.steps)

    def _fresh(self, base: int) -> Game:
        """A new game standing after step `base`, which has a snapshot."""
        game = start(self.rules, self.seed, self.steps[0].faces)
        if base:
            state, revealed = self._snapshots[base]
            game.stand_at(state.clone(), self.events[: self.marks[base].events.stop], list(self.steps[: base + 1]),
                          list(revealed))  # fmt: skip
        return game

    def _moments_in(self, step: int) -> list[tuple[GameState, tuple]]:
        """The state (and what the attacks resolved so far revealed) as each event of
        `step` was about to be told, by re-running the step with an observer; the last
        step looked into is kept, since a viewer steps through one step's events in a row."""
        if self._moments is not None and self._moments[0] == step:
            return self._moments[1]
        watch = _Watch()
        if step == 0:
            _WatchedStart(self.rules, self.seed, self.steps[0].faces, watch)
        else:
            watch.game = self.game_at(step - 1)
            watch.game.observer = watch
            rerun_step(watch.game, self.steps[step])
        if len(watch.moments) != len(self.marks[step].events):
            raise RuntimeError(f"step {step} told {len(watch.moments)} events on a re-run, not {len(self.marks[step].events)}")
        self._moments = (step, watch.moments)
        return watch.moments


class _Watch:
    """An observer that keeps a copy of the state, and of what the attacks resolved so far
    revealed, as each event is about to be told."""

    def __init__(self) -> None:
        self.game: Game | None = None
        self.moments: list[tuple[GameState, tuple]] = []

    def __call__(self, index: int) -> None:
        assert self.game is not None
        self.moments.append((self.game.state.clone(), tuple(self.game.revealed)))


class _WatchedStart(Game):
    """A game whose start is watched: the start's events are told inside Game(),
    before the game could be handed to the observer, so it hands itself over first."""

    def __init__(self, rules: Rulebook, seed: int, faces: Sequence[tuple[int, int]], watch: _Watch):
        watch.game = self
        super().__init__(rules, seed, RecordedDice(list(faces)), observer=watch)
        _all_used(self)

"""The turn engine: a game is a rulebook, a state, one chance, and a log.

`Game.apply(command)` checks the command against the rules, carries it out
(every die through the game's one `Chance`, every roll recorded in its event)
and runs the automatic phases that follow, stopping at the next phase where
a side must decide. What each command does lives in `procedures`, what its
results do in `effects`, what is allowed in `legality`, what a side knows in
`views` and what a command risks in `preview`; this module keeps the sequence
of play, the history and the undo. Nothing here draws, reads the clock or
rolls a die of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..dice import DiceSource, SeededDice
from ..hexgrid import Hex
from ..kinds import PHASE_SIDE
from ..scenario.load import LoadedScenario
from . import markers, procedures
from .chance import Chance
from .commands import Command
from .events import ALL, Event, Roll, SideLog, Words, describe_roll
from .legality import LegalCache, commands_now, issued
from .orders import ORDERS, why_illegal
from .preview import REVEALED_NOW, Preview, ThresholdCrossing, preview_command
from .rulebook import Rulebook, Setup, Situation
from .state import GameState, PieceState
from .views import Decision, Seat, SideView, make_view

__all__ = ["Game", "IllegalCommand", "Preview", "Step", "ThresholdCrossing", "describe_roll", "PHASE_SIDE"]

# phases that run by themselves, declared with what they do
AUTOMATIC: dict[str, Callable[[Game], None]] = {
    "strategic": procedures.strategic_phase,
    "political": procedures.political_phase,
}


class IllegalCommand(Exception):
    """The rules do not allow this command now; the state is unchanged."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


@dataclass(slots=True)
class Step:
    """One entry of the game's history: a command (None for the game's start) and
    the dice it rolled as (sides, face) pairs. The state hashes of the saved
    record are computed when it is written, by replaying these steps (record.py),
    so live play and AI search never pay for hashing."""

    command: Command | None
    faces: list[tuple[int, int]]


@dataclass(slots=True)
class _Undo:
    """What an undoable command changed: its piece, its side's stocks, the markers,
    the attacks and their counts (`stats` too: an attack counts as declared there),
    and how long the log was. Small on purpose: no copy of the whole state."""

    piece: PieceState
    side: str
    stocks: dict[str, int]
    markers: list[tuple[str, str]]
    attacks: int
    attacks_this_turn: int
    stats: dict[str, int]
    log_len: int
    step: Step


class Game:
    """One game in play. Build it with a Rulebook (or a loaded scenario) and a seed."""

    def __init__(self, rules: Rulebook | LoadedScenario, seed: int, dice: DiceSource | None = None, *,
                 keep_undo: bool = True, observer: Callable[[int], None] | None = None):  # fmt: skip
        self.rules = rules if isinstance(rules, Rulebook) else Rulebook(rules)
        self.seed = seed
        self.chance = Chance(dice if dice is not None else SeededDice(seed))
        self.state: GameState = self.rules.new_state()
        self.log: list[Event] = []
        self.history: list[Step] = []
        self.pending: list[Event] = []  # the events of the command being carried out
        self.cause: str | None = None  # the side whose action is being resolved (who caused a war)
        self.legal_cache = LegalCache()
        # What the side that resolves attacks learned of each: (turn, kind, team, target, count).
        # The view shows an attack's launcher once resolved; this keeps it past the turn,
        # so a side's belief of where hidden teams stand can read it (rules/worlds.py).
        self.revealed: list[tuple[int, str, str, str, int]] = []
        # A game played only to look ahead (a search player's imagined world) keeps no
        # log: nobody reads it, and its events are most of the cost of a command.
        self.quiet = False
        self.touched: str | None = None  # the only piece the last command changed, if it changed only one
        self.rev = 0  # counts the changes made by commands and undos (the legal commands' cache reads it)
        self._undo: list[_Undo] = []
        self._sides = SideLog(self.log)
        self._oracle = self.chance.oracle()
        self._seats = {side: Seat(side, self.rules, self.state, self._sides, self.revealed, self)
                       for side in PHASE_SIDE.values()}  # fmt: skip
        # Called with an event's index in the log just before the event is emitted, so a
        # replay can take the state as it stood between two events (a roll and its damage);
        # given here, it also sees the events of the game's start.
        self.observer: Callable[[int], None] | None = observer
        self._mover: str | None = None
        self._kind = ""  # the phase kind now, as events record it
        # Undo costs a copy of the acting piece per team order; a game with no one to
        # take a command back (computer against computer) can do without.
        self.keep_undo = keep_undo
        self.state.phase = -1
        self.advance()
        self._finish_step(None)

    @classmethod
    def resume(cls, rules: Rulebook, state: GameState, seed: int, chance: Chance | None = None) -> Game:
        """A quiet game that goes on from `state` with dice of its own (`chance`, a
        player's `Decision.chance.fork(seed)`; by default the same stream): a world a
        search player imagines, never the true game. No log, no undo, no history of
        faces; the state is taken as it is, at a phase where a side decides."""
        g = cls.__new__(cls)
        g.rules, g.seed, g.state = rules, seed, state
        g.chance = chance if chance is not None else Chance(SeededDice(seed))
        g.log, g.history, g.pending, g.revealed = [], [], [], []
        g.cause = None
        g.legal_cache = LegalCache()
        g.quiet, g.touched, g.rev, g._undo, g.keep_undo = True, None, 0, [], False
        g._sides = SideLog(g.log)
        g._oracle = g.chance.oracle()
        g._seats = {side: Seat(side, rules, state, g._sides, g.revealed, g) for side in PHASE_SIDE.values()}
        g.observer = None
        g._kind = rules.sequence[state.phase]
        g._settle()
        return g

    # --- the dice ------------------------------------------------------------------

    @property
    def dice(self) -> DiceSource:
        """Where the chance takes its faces: set a RecordedDice before re-applying a recorded step."""
        return self.chance.source  # type: ignore[return-value]

    @dice.setter
    def dice(self, source: DiceSource) -> None:
        self.chance.source = source

    # --- asking ------------------------------------------------------------------------

    @property
    def phase(self) -> str:
        return self.rules.sequence[self.state.phase]

    @property
    def phase_title(self) -> str:
        return self.rules.phase_titles[self.state.phase]

    @property
    def side_to_move(self) -> str | None:
        """The side that must decide now, or None when the game is over."""
        return self._mover

    def _settle(self) -> None:
        """After a step: note who must decide next (read on every command, so kept)."""
        st = self.state
        self._mover = None if st.result is not None else PHASE_SIDE.get(self.rules.sequence[st.phase])

    @property
    def over(self) -> bool:
        return self.state.result is not None

    def digest(self) -> str:
        return self.state.digest()

    def legal_commands(self, side: str | None = None) -> list[Command]:
        """Exactly the commands the rules allow now (for `side`, if given)."""
        mover = self.side_to_move
        if mover is None or (side is not None and side != mover):
            return []
        return list(commands_now(self))

    def why_illegal(self, command: Command) -> str | None:
        """Why the rules refuse this command now, or None if they allow it."""
        return why_illegal(self, command)

    def view(self, side: str | None) -> SideView:
        """What `side` may know now (None: everything), as a copy."""
        return make_view(self.rules, self.state, side, self.side_to_move)

    def stand_at(self, state: GameState, log: list[Event], history: list[Step],
                 revealed: list[tuple[int, str, str, str, int]]) -> None:  # fmt: skip
        """Put the game where a record says it stood (a replay's snapshot): its state,
        its log, its history and what the attacks resolved so far revealed (which a
        side's belief reads, so a computer player that plays on from a replay knows
        what it knew in the game). Everything kept about the old state goes with it:
        each side's reading of the log, the seats' views, the legal commands, undo."""
        self.state = state
        self.log = log
        self.history = history
        self.revealed = revealed
        self._sides = SideLog(self.log)
        self._seats = {side: Seat(side, self.rules, self.state, self._sides, self.revealed, self)
                       for side in PHASE_SIDE.values()}  # fmt: skip
        self.legal_cache = LegalCache()
        self.rev += 1
        self._undo.clear()
        self._settle()

    def events_for(self, side: str | None) -> list[Event]:
        """The log as `side` reads it (None: all of it); kept up as the log grows."""
        return self._sides.read(side)

    def decision(self, side: str | None = None) -> Decision:
        """What a player is handed to choose the next command: its side's view
        (made when first read), the legal commands and a chance that lists
        outcomes but cannot roll the game's dice. Never the game itself."""
        mover = self.side_to_move
        if mover is None or (side is not None and side != mover):
            raise IllegalCommand("it is not this side's turn to decide")
        seat = self._seats[mover]
        return Decision(mover, self.rules, commands_now(self), self._oracle, seat, seat.worlds)

    def odds(self, table_id: str, situation: Situation) -> Setup:
        """The setup (column, modifiers) of a roll and, through `.odds()`, its exact odds."""
        return self.rules.setup(table_id, self.state, situation)

    def preview(self, command: Command) -> Preview:
        """The odds of every roll a command will make and the thresholds it may cross,
        for the player to see first. Worked out on the mover's view, so Blue's odds
        never reveal what Blue has not seen (a target's unconfirmed damage, say); an
        attack being resolved is shown with its launcher, as it is revealed now."""
        seen_as = None if type(command) in REVEALED_NOW else self.side_to_move
        return preview_command(self.rules, self.view(seen_as), command)

    # --- doing ---------------------------------------------------------------------------

    def apply(self, command: Command) -> list[Event]:
        """Carry out a command; raise IllegalCommand (changing nothing) if the rules refuse it."""
        order = ORDERS.get(type(command))
        trusted = order is not None and self.state.result is None and issued(self, command, order.actor)
        if not trusted:
            reason = why_illegal(self, command)
            if reason is not None:
                raise IllegalCommand(reason)
        assert order is not None
        st = self.state
        undo = None
        self.touched = None
        if order.undoable:
            piece = st.pieces[getattr(command, order.actor)]  # type: ignore[arg-type]
            self.touched = piece.id  # a team's order changes the team, Red's stocks and attacks only
        if order.undoable and self.keep_undo:
            undo = _Undo(piece.clone(), piece.side, dict(st.stocks.get(piece.side, {})), list(st.markers),
                         len(st.attacks), st.attacks_this_turn, dict(st.stats), len(self.log), None)  # type: ignore[arg-type]  # fmt: skip
        self.pending = []
        self.chance.faces = []
        self.cause = self._mover
        self.rev += 1
        order.carry_out(self, command)
        events = self.pending
        step = self._finish_step(command)
        if undo is not None and not step.faces:
            undo.step = step
            self._undo.append(undo)
        elif self._undo:
            self._undo.clear()
        return events

    def can_undo(self) -> bool:
        """Undo reaches back only to the last roll or phase change, never past a die."""
        return bool(self._undo)

    def undo(self) -> Command:
        if not self._undo:
            raise IllegalCommand("nothing to undo since the last roll")
        u = self._undo.pop()
        self.rev += 1
        self.touched = None
        st = self.state
        st.pieces[u.piece.id] = u.piece  # the same place in the scenario's order
        if u.side in st.stocks:
            st.stocks[u.side] = u.stocks
        st.markers = u.markers
        del st.attacks[u.attacks :]
        st.attacks_this_turn = u.attacks_this_turn
        st.stats.clear()  # in place, so a holder of the state's dict never reads a stale one
        st.stats.update(u.stats)
        del self.log[u.log_len :]
        self._sides.truncate(u.log_len)
        self.history.pop()
        assert u.step.command is not None
        return u.step.command

    def _finish_step(self, command: Command | None) -> Step:
        self.log.extend(self.pending)
        st = self.state  # _settle, inline: this runs after every command
        self._mover = None if st.result is not None else PHASE_SIDE.get(self.rules.sequence[st.phase])
        step = Step(command, self.chance.take_faces())
        if not self.quiet:
            self.history.append(step)
        return step

    def emit(self, kind: str, text: Words, visible: str = ALL, other: Words | None = None,
             roll: Roll | None = None, pieces: tuple[str, ...] = (), where: Hex | None = None) -> None:  # fmt: skip
        """Log an event of the command being carried out (a quiet game logs nothing)."""
        if self.quiet:
            return
        if self.observer is not None:
            self.observer(len(self.log) + len(self.pending))
        self.pending.append(Event(self.state.turn, self._kind, kind, text, visible, other, roll, pieces, where))

    # --- the sequence of play ------------------------------------------------------------

    def advance(self) -> None:
        """Go to the next phase, running automatic phases, until a side must decide."""
        st = self.state
        rules = self.rules
        while st.result is None:
            st.phase += 1
            if st.phase >= len(rules.sequence):
                st.phase = len(rules.sequence) - 1  # the turn ends within its last phase
                procedures.end_turn(self)
                if st.result is not None:
                    return
                st.phase = 0
            kind = self._kind = rules.sequence[st.phase]
            self.cause = PHASE_SIDE.get(kind)
            self.emit("phase", f"Turn {st.turn}, {rules.phase_titles[st.phase]}")
            if rules.markers:
                markers.pick_up(self, kind)
            automatic = AUTOMATIC.get(kind)
            if automatic is not None:
                automatic(self)
            elif kind == "blue_reaction" and not any(not a.resolved for a in st.attacks):
                self.emit("phase", "No attacks to react to.")
            else:
                return

"""Views: what one side may know, as data that a screen or a computer player reads.

A side never sees the other side's hidden pieces, stocks or undisclosed
attacks, nor the true condition of a piece whose damage it could not assess,
nor points it cannot yet know were scored. The view is made here, at the data
layer, so no screen and no player can read past it; it is a copy, so nothing
done to it reaches the game.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Callable, Mapping, Sequence

from ..kinds import HIDEABLE, OTHER
from ..scenario.parts import SECRET_STATS
from .hiding import block_centre, launch_block
from .state import NEVER, Attack, GameResult, GameState, PieceState

if TYPE_CHECKING:
    from .chance import Chance
    from .commands import Command
    from .engine import Game
    from .events import Event, SideLog
    from .preview import Preview
    from .rulebook import Rulebook


_EMPTY: Mapping = MappingProxyType({})  # a shared empty mapping (read-only, so safe as a default)


@dataclass(frozen=True, slots=True)
class SideView:
    """One side's knowledge of the game (side None: everything, for the umpire
    or a finished game's review). Attribute names are the state's, so the
    rulebook's values and tables read a view as they read the state. The
    pieces are copies: treat them as read-only."""

    side: str | None
    turn: int
    phase: int  # index into the sequence of play
    phase_kind: str
    phase_title: str
    side_to_move: str | None
    pieces: Mapping[str, PieceState]
    tracks: Mapping[str, int]
    stocks: Mapping[str, Mapping[str, int]]
    vp: Mapping[str, int]
    vp_log: tuple[tuple[str, int, str, str], ...]
    stats: Mapping[str, int]
    attacks: tuple[Attack, ...]
    attacks_this_turn: int
    result: GameResult | None
    strikes_today: int  # public: every strike past air defence is seen
    reached: frozenset[tuple[str, int]]  # thresholds whose one-time effects have fired (tracks are public)
    # public: both sides know the attacks and casualties that earn authorization, and whether
    # yesterday was quiet (what a side's belief needs to imagine the next strategic phase)
    pending_authorization: int = 0
    attacks_last_turn: int = 0
    # the cards this side may see: its own hand (every hand, for side None), and the
    # size of each hand, the cards out of the game and the plays of this turn (public)
    hands: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _EMPTY)
    hand_sizes: Mapping[str, int] = field(default_factory=lambda: _EMPTY)
    removed: tuple[str, ...] = ()
    played: Mapping[str, int] = field(default_factory=lambda: _EMPTY)
    # markers this side may see: its own, and the other side's that are not hidden
    markers: tuple[tuple[str, str], ...] = ()
    today: Mapping[str, int] = field(default_factory=lambda: _EMPTY)  # rule values changed for the rest of the turn (public)
    dawn: Mapping[str, int] = field(default_factory=lambda: _EMPTY)  # the stats as the turn began (as this side knows them)
    yesterday: Mapping[str, int] = field(default_factory=lambda: _EMPTY)  # what they gained in the turn before

    @property
    def hand(self) -> tuple[str, ...]:
        """This side's own cards, in the order drawn."""
        return self.hands.get(self.side, ()) if self.side is not None else ()


def make_view(rules: Rulebook, state: GameState, side: str | None, side_to_move: str | None,
              copies: dict[str, tuple[tuple, PieceState]] | None = None, seen: Seen | None = None,
              attack_copies: dict[int, tuple[tuple, Attack]] | None = None) -> SideView:  # fmt: skip
    """The view of `side` (None: everything) of this state.

    The other side's hidden pieces are left out; of its pieces `side` knows
    only what it last learned (a strike whose results were unclear), not
    when they moved or attacked; its stocks and its undisclosed attacks are
    left out, and so are the points `side` cannot yet know were scored.

    `copies` (a seat's, for one side) keeps each piece's copy with the piece's
    values it was made from: a command changes one piece or two, so the next
    view takes the others' copies again instead of making them anew; `attack_copies`
    does the same for the day's attacks, by number. `seen`, the pieces as `side`
    sees them already worked out (`seen_pieces`), saves the walk."""
    st = state
    index = st.phase if st.phase >= 0 else 0
    pieces: dict[str, PieceState]
    vp_log = st.vp_log
    stats = dict(st.stats)
    stocks = {s: MappingProxyType(dict(v)) for s, v in st.stocks.items()}
    attacks = _attacks_seen(rules, st.attacks, side, attack_copies)
    attacks_this_turn = st.attacks_this_turn
    vp = dict(st.vp)
    if side is None:
        pieces = {pid: p.clone() for pid, p in st.pieces.items()}
    else:
        other = OTHER[side]
        if seen is None:
            seen = seen_pieces(state, side, copies)
        pieces, unconfirmed, destroyed = seen
        stocks.pop(other, None)
        if side != "red":
            attacks_this_turn = len(attacks)  # the attacks Blue has seen resolved
        if unconfirmed:
            vp_log = [e for e in vp_log if e[3] not in unconfirmed]
            vp = {"blue": 0, "red": 0}
            for s, pts, _, _ in vp_log:
                vp[s] += pts
        stats["targets_destroyed"] = destroyed
        for stat in SECRET_STATS.get(side, ()):
            stats.pop(stat, None)  # the militias do not publish their dead
    result = None if st.result is None else GameResult(st.result.winner, st.result.reason, dict(st.result.vp))
    secret = SECRET_STATS.get(side or "", ())
    dawn, yesterday = dict(st.dawn), dict(st.yesterday)
    for k in secret:
        dawn.pop(k, None)
        yesterday.pop(k, None)
    hands = {s: tuple(h) for s, h in st.hands.items() if side is None or s == side}
    markers = st.markers
    if side is not None and markers:
        specs = rules.markers
        markers = [m for m in markers if specs[m[0]].side == side or not specs[m[0]].hidden]
    return SideView(
        side, st.turn, st.phase, rules.sequence[index], rules.phase_titles[index], side_to_move,
        MappingProxyType(pieces), MappingProxyType(dict(st.tracks)), MappingProxyType(stocks), MappingProxyType(vp),
        tuple(vp_log), MappingProxyType(stats), attacks, attacks_this_turn, result,
        st.strikes_today, frozenset(st.reached), st.pending_authorization, st.attacks_last_turn,
        MappingProxyType(hands), MappingProxyType({s: len(h) for s, h in st.hands.items()}), tuple(st.removed),
        MappingProxyType(dict(st.played)), tuple(markers), MappingProxyType(dict(st.today)), MappingProxyType(dawn),
        MappingProxyType(yesterday),
    )  # fmt: skip


# The pieces as a side sees them, the other side's pieces whose condition it does not
# know for sure (their points are left out of its score), and how many of the other
# side's pieces it knows destroyed: what a view's walk over the pieces finds.
Seen = tuple[dict[str, PieceState], frozenset[str], int]


def seen_pieces(state: GameState, side: str, copies: dict[str, tuple[tuple, PieceState]] | None = None) -> Seen:
    """What `side` sees of every piece (see `make_view`), in the scenario's order."""
    other = OTHER[side]
    pieces: dict[str, PieceState] = {}
    unconfirmed = set()
    destroyed = 0
    for pid, p in state.pieces.items():
        if p.side != other:
            pieces[pid] = _as_own(p, copies)
            continue
        if p.hidden:
            continue
        if p.kind in HIDEABLE and not p.assessed:
            unconfirmed.add(pid)
        c = pieces[pid] = _as_known(p, copies)
        destroyed += c.destroyed
    return pieces, frozenset(unconfirmed), destroyed


def reseen(state: GameState, side: str, copies: dict[str, tuple[tuple, PieceState]], last: Seen,
           pid: str) -> Seen | None:  # fmt: skip
    """What `side` sees of the pieces when only `pid` changed since it saw `last`
    (worked out with the same `copies`): the others' copies are taken as they were.
    None if the piece came into sight or went out of it (the view's order is the
    scenario's: walk them all again)."""
    pieces, unconfirmed, destroyed = last
    p = state.pieces[pid]
    was = pieces.get(pid)
    theirs = p.side == OTHER[side]
    if theirs and p.hidden:
        return last if was is None else None  # still out of sight; or it just went out of sight
    if was is None:
        return None  # it just came into sight
    if not theirs:
        c = _as_own(p, copies)
    else:
        c = _as_known(p, copies)
        destroyed += c.destroyed - was.destroyed
        doubt = p.kind in HIDEABLE and not p.assessed
        if doubt != (pid in unconfirmed):
            unconfirmed = (unconfirmed | {pid}) if doubt else (unconfirmed - {pid})
    if c is was:
        return pieces, unconfirmed, destroyed
    pieces = dict(pieces)
    pieces[pid] = c
    return pieces, unconfirmed, destroyed


def _as_own(p: PieceState, copies: dict[str, tuple[tuple, PieceState]] | None) -> PieceState:
    """A side's own piece (or a neutral one) as its view shows it: a copy, kept in
    `copies` while the piece stands."""
    if copies is None:
        return p.clone()
    key = _values(p)
    got = copies.get(p.id)
    if got is None or got[0] != key:
        got = copies[p.id] = (key, p.clone())
    return got[1]


def _as_known(p: PieceState, copies: dict[str, tuple[tuple, PieceState]] | None) -> PieceState:
    """The other side's piece in sight as a side knows it: what a strike did to it once
    assessed (damage to a US site is in plain sight: every hit on one is told to both
    sides), and not when it moved or attacked. Kept in `copies` while the piece stands."""
    if copies is not None:
        key = _values(p)
        got = copies.get(p.id)
        if got is not None and got[0] == key:
            return got[1]
    c = p.clone()
    if p.kind in HIDEABLE:
        c.damaged, c.destroyed = p.seen_damaged, p.seen_destroyed
    c.moved_turn = c.attacked_turn = c.suppressed_turn = NEVER
    if copies is not None:
        copies[p.id] = (key, c)
    return c


def _values(p: PieceState) -> tuple:
    """Everything about a piece that play changes (its id, type, kind and side never do)."""
    return (p.hex, p.damaged, p.destroyed, p.hidden, p.detected_turn, p.moved_turn, p.attacked_turn,
            p.suppressed_turn, p.sorties_used, p.aim, p.casualties, p.seen_damaged, p.seen_destroyed,
            p.unconfirmed, p.active, p.hit_turn)  # fmt: skip


class Seat:
    """A side's place at the table: where its view and its reading of the log
    come from. Made once per game and side, so handing a player a Decision
    costs no more than the legal commands."""

    __slots__ = ("side", "_rules", "_state", "_log", "_revealed", "_belief", "_copies", "_attacks", "_game", "_seen")

    def __init__(self, side: str, rules: Rulebook, state: GameState, log: SideLog,
                 revealed: list[tuple[int, str, str, str, int]] | None = None, game: Game | None = None):  # fmt: skip
        self.side, self._rules, self._state, self._log = side, rules, state, log
        self._revealed = revealed if revealed is not None else []
        self._belief = None
        self._copies: dict[str, tuple[tuple, PieceState]] = {}  # the pieces as this side's views show them
        self._attacks: dict[int, tuple[tuple, Attack]] = {}  # and the day's attacks, by number
        # The game the state is played in (its revision, and the one piece its last command
        # changed, if only one), and what this side's last view saw of the pieces, at which
        # revision: a team's order changes only the team, so the next view of a Red phase
        # of many teams takes the others as they were seen, without a walk over them all.
        # (A weak reference: the game holds its seats, and a cycle would outlive the game.)
        self._game = weakref.ref(game) if game is not None else None
        self._seen: tuple[int, Seen] | None = None

    def view(self) -> SideView:
        g = self._game() if self._game is not None else None
        if g is None:
            return make_view(self._rules, self._state, self.side, self.side, self._copies, None, self._attacks)
        seen = None
        last = self._seen
        if last is not None and last[0] == g.rev - 1 and g.touched is not None:
            seen = reseen(self._state, self.side, self._copies, last[1], g.touched)
        if seen is None:
            seen = seen_pieces(self._state, self.side, self._copies)
        self._seen = (g.rev, seen)
        return make_view(self._rules, self._state, self.side, self.side, self._copies, seen, self._attacks)

    def log(self) -> list[Event]:
        return self._log.read(self.side)

    def worlds(self, seed: int) -> GameState:
        """A whole state consistent with what this side has seen, drawn with `seed`:
        made from the side's view, its log and the attacks it saw resolved, never
        from the true state (rules/worlds.py). A search player plays its look-ahead
        in these, with `Game.resume`."""
        from .worlds import Belief

        st = self._state
        key = (self._log.length, st.turn, st.phase, len(self._revealed))  # the side learns nothing in between
        if self._belief is None or self._belief.key != key:
            # the numbers of attacks still to resolve: the side to resolve them is offered each one
            unresolved = [a.number for a in st.attacks if not a.resolved]
            self._belief = Belief(self._rules, self.side, self.view(), self.log(), tuple(self._revealed), unresolved)
            self._belief.key = key
        return self._belief.sample(seed)


# Given a seed, a whole state consistent with everything a side has seen (its hidden
# enemies placed where they could be): what a search player plays its look-ahead
# in (with Game.resume), never the true game.
WorldSampler = Callable[[int], GameState]


class Decision:
    """What a player is handed when its side must choose a command, and all it
    is handed: its side's view, the legal commands, the rulebook (the published
    rules and tables: its piece positions are the scenario's start, not the
    game's), its side's reading of the log, and a chance that lists outcomes
    and can be forked for look-ahead but never rolls the game's own dice.

    The view and the log are made when first read, so a player that needs
    neither (the random one) costs the game nothing for them. `worlds`, when
    given, samples full states consistent with what the side has seen, for a
    search player's look-ahead (the engine gives one with every decision)."""

    __slots__ = ("side", "rules", "legal", "chance", "worlds", "_view", "_seat")

    def __init__(self, side: str, rules: Rulebook, legal: Sequence[Command], chance: Chance, seat: Seat,
                 worlds: WorldSampler | None = None):  # fmt: skip
        self.side = side
        self.rules = rules
        self.legal = legal
        self.chance = chance
        self.worlds = worlds
        self._view: SideView | None = None
        self._seat = seat

    @property
    def view(self) -> SideView:
        if self._view is None:
            self._view = self._seat.view()
        return self._view

    @property
    def log(self) -> list[Event]:
        """The game's log as this side reads it."""
        return self._seat.log()

    def preview(self, command: Command, crossings: bool = False) -> Preview:
        """The command's odds on this side's view (thresholds only if asked: they cost more)."""
        from .preview import preview_command

        return preview_command(self.rules, self.view, command, crossings=crossings)


def _attacks_seen(rules: Rulebook, attacks: list[Attack], side: str | None,
                  memo: dict[int, tuple[tuple, Attack]] | None) -> tuple[Attack, ...]:  # fmt: skip
    """Copies of the day's attacks as `side` may see them: attacks are declared by Red and
    revealed to Blue as they are resolved, and where a team launched from only as the rules
    show it (`_as_seen`). `memo` (a seat's) keeps each copy, by number, while the attack stands."""
    blue = side is not None and side != "red"
    out = []
    for a in attacks:
        if blue and not a.resolved:
            continue
        if memo is None:
            out.append(_as_seen(rules, a) if blue else a.clone())
            continue
        key = (a.kind, a.team, a.target, a.count, a.resolved, a.origin)
        got = memo.get(a.number)
        if got is None or got[0] != key:
            got = memo[a.number] = (key, _as_seen(rules, a) if blue else a.clone())
        out.append(got[1])
    return tuple(out)


def _as_seen(rules: Rulebook, attack: Attack) -> Attack:
    """A resolved attack as Blue knows it: the launch block's centre for its origin
    (what the log says) when launches show one, else no origin at all."""
    seen = attack.clone()
    if seen.origin is not None:
        spec = rules.scenario.rules.active_teams
        seen.origin = block_centre(rules, launch_block(rules, seen.origin)) if spec is not None else None
    return seen

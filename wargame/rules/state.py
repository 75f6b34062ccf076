"""The game state: everything that changes during play, and nothing that does not.

The scenario (map, piece types, tables) is fixed and lives in the Rulebook; the
state holds only positions, damage, stocks, tracks, points and the turn. It is
mutable for speed (the engine plays hundreds of games a second); the Game takes
cheap copies where it needs history (undo, views).
"""

from __future__ import annotations

import hashlib
import sys
from array import array
from dataclasses import dataclass, field

from ..hexgrid import Hex

NEVER = -99  # a turn number long before the game


@dataclass(slots=True)
class PieceState:
    id: str
    type: str
    kind: str
    side: str
    hex: Hex
    damaged: bool = False
    destroyed: bool = False
    hidden: bool = False  # hidden from the other side right now
    detected_turn: int = NEVER  # last turn the other side saw it (fresh intelligence)
    moved_turn: int = NEVER
    attacked_turn: int = NEVER  # last turn it launched an attack
    suppressed_turn: int = NEVER  # it may not act during this turn
    sorties_used: int = 0  # today, for aircraft
    aim: Hex | None = None  # ISR drone: the hex it searched today
    casualties: int = 0  # US sites: personnel wounded or killed
    # What the other side last learned of this piece's condition; differs from
    # the truth after a strike whose results were unclear.
    seen_damaged: bool = False
    seen_destroyed: bool = False
    unconfirmed: bool = False  # the other side struck it and its damage assessment was unclear
    active: bool = False  # a team that launched and has not gone back to ground (rules.active_teams)
    hit_turn: int = NEVER  # last turn it was attacked or struck (repair waits for turns without)

    def clone(self) -> PieceState:
        return PieceState(
            self.id, self.type, self.kind, self.side, self.hex, self.damaged, self.destroyed, self.hidden,
            self.detected_turn, self.moved_turn, self.attacked_turn, self.suppressed_turn, self.sorties_used,
            self.aim, self.casualties, self.seen_damaged, self.seen_destroyed, self.unconfirmed, self.active,
            self.hit_turn,
        )  # fmt: skip

    @property
    def assessed(self) -> bool:
        """Does the other side know this piece's true condition?"""
        return self.seen_damaged == self.damaged and self.seen_destroyed == self.destroyed


@dataclass(slots=True)
class Attack:
    """A drone or rocket attack declared by Red, resolved in Blue's reaction phase."""

    number: int
    kind: str  # "drone" or "rocket"
    team: str
    target: str
    count: int  # drones or rockets
    resolved: bool = False
    origin: Hex | None = None  # where the team stood when it launched

    def clone(self) -> Attack:
        return Attack(self.number, self.kind, self.team, self.target, self.count, self.resolved, self.origin)


@dataclass(slots=True)
class GameResult:
    winner: str | None  # "blue", "red" or None for a draw
    reason: str
    vp: dict[str, int]

    def summary(self) -> str:
        who = {"blue": "Blue wins", "red": "Red wins", None: "Draw"}[self.winner]
        return f"{who}: {self.reason} (VP Blue {self.vp['blue']}, Red {self.vp['red']})"


@dataclass(slots=True)
class GameState:
    turn: int
    phase: int  # index into the scenario's sequence of play
    pieces: dict[str, PieceState]
    tracks: dict[str, int]
    stocks: dict[str, dict[str, int]]
    vp: dict[str, int] = field(default_factory=lambda: {"blue": 0, "red": 0})
    # side, points, reason, and the Red piece whose destruction earned them ("" if
    # none): Blue's view leaves out points for kills it has not yet confirmed.
    vp_log: list[tuple[str, int, str, str]] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)
    attacks: list[Attack] = field(default_factory=list)  # declared this turn
    attacks_this_turn: int = 0
    attacks_last_turn: int = 0
    strikes_today: int = 0  # sorties past air defence this turn
    pending_authorization: int = 0
    reached: set[tuple[str, int]] = field(default_factory=set)  # thresholds whose on_reach has fired
    result: GameResult | None = None
    # --- the choices beyond the board (scenario.cards, scenario.markers, politics) ---
    hands: dict[str, list[str]] = field(default_factory=dict)  # side -> the cards it holds, in the order drawn
    removed: list[str] = field(default_factory=list)  # cards out of the game (a `once` event played)
    played: dict[str, int] = field(default_factory=dict)  # side -> cards played this turn
    markers: list[tuple[str, str]] = field(default_factory=list)  # (marker, piece) in force, in the order placed
    today: dict[str, int] = field(default_factory=dict)  # rule values changed for the rest of this turn
    dawn: dict[str, int] = field(default_factory=dict)  # the stats as this turn began
    yesterday: dict[str, int] = field(default_factory=dict)  # what the stats gained in the turn before
    # The hash of vp_log as far as it was last hashed (the list, its length, its last
    # entry, the hash): the log only grows, and hashing it whole at every step made
    # replaying a long game quadratic (a 45,000-step record spent 23 s in it).
    _vp_hashed: tuple = field(default=(None, 0, None, ""), repr=False, compare=False)

    def clone(self) -> GameState:
        copy = GameState(
            self.turn,
            self.phase,
            {k: p.clone() for k, p in self.pieces.items()},
            dict(self.tracks),
            {s: dict(v) for s, v in self.stocks.items()},
            dict(self.vp),
            list(self.vp_log),
            dict(self.stats),
            [a.clone() for a in self.attacks],
            self.attacks_this_turn,
            self.attacks_last_turn,
            self.strikes_today,
            self.pending_authorization,
            set(self.reached),
            None if self.result is None else GameResult(self.result.winner, self.result.reason, dict(self.result.vp)),
            {s: list(h) for s, h in self.hands.items()},
            list(self.removed),
            dict(self.played),
            list(self.markers),
            dict(self.today),
            dict(self.dawn),
            dict(self.yesterday),
        )
        log, n, last, h = self._vp_hashed
        if log is self.vp_log:
            copy._vp_hashed = (copy.vp_log, n, last, h)
        return copy

    # --- hashing -----------------------------------------------------------------

    def digest(self) -> str:
        """A stable hash: equal for equal states, across runs, machines and Python versions.

        The record hashes the state after every command, so this is built for
        speed: the pieces' numbers are packed into a little-endian int32 array
        (pieces always in scenario order), and the few remaining fields are
        hashed through the repr of sorted tuples of ints and strings, which is
        stable across Python versions (no floats, no sets, no dict order); the
        victory-point log, which grows all game, is hashed link by link as it grows."""
        flat = array("i")
        for p in self.pieces.values():
            aim = p.aim if p.aim is not None else _NO_AIM
            flat.extend((
                p.hex[0], p.hex[1],
                p.damaged | p.destroyed << 1 | p.hidden << 2 | p.seen_damaged << 3 | p.seen_destroyed << 4
                | p.unconfirmed << 5 | p.active << 6,
                p.detected_turn, p.moved_turn, p.attacked_turn, p.suppressed_turn, p.sorties_used,
                aim[0], aim[1], p.casualties, p.hit_turn,
            ))  # fmt: skip
        if _BIG_ENDIAN:
            flat.byteswap()
        result = None if self.result is None else (self.result.winner, self.result.reason, sorted(self.result.vp.items()))
        rest = (
            self.turn, self.phase, tuple(self.pieces), sorted(self.tracks.items()),
            sorted((s, sorted(v.items())) for s, v in self.stocks.items()), sorted(self.vp.items()), self._vp_log_hash(),
            sorted(self.stats.items()), [(a.number, a.kind, a.team, a.target, a.count, a.resolved, a.origin) for a in self.attacks],
            self.attacks_this_turn, self.attacks_last_turn, self.strikes_today, self.pending_authorization,
            sorted(self.reached), result, sorted((s, tuple(h)) for s, h in self.hands.items()), tuple(self.removed),
            sorted(self.played.items()), tuple(self.markers), sorted(self.today.items()), sorted(self.dawn.items()),
            sorted(self.yesterday.items()),
        )  # fmt: skip
        h = hashlib.blake2b(flat.tobytes(), digest_size=16)
        h.update(repr(rest).encode("utf-8"))
        return h.hexdigest()

    def _vp_log_hash(self) -> str:
        """A chained hash of vp_log, carried on from the entries hashed before (the
        engine only ever appends to the log; a replaced list is hashed anew)."""
        log, n, last, h = self._vp_hashed
        entries = self.vp_log
        if log is not entries or n > len(entries) or (n and entries[n - 1] is not last):
            n, h = 0, ""
        for i in range(n, len(entries)):
            h = hashlib.blake2b((h + repr(entries[i])).encode("utf-8"), digest_size=16).hexdigest()
        self._vp_hashed = (entries, len(entries), entries[-1] if entries else None, h)
        return h


_NO_AIM = (-(1 << 30), -(1 << 30))
_BIG_ENDIAN = sys.byteorder == "big"

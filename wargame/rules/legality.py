"""Legality: the commands the rules allow now, and why one is refused.

The commands of a phase are kept per acting piece (a team's moves and attacks,
a flight's sorties) with the few facts they depend on. After a command only
the pieces whose facts changed have theirs made again, so the cost of asking
grows with the number of pieces that act, not with everything on the board;
and a command the engine itself handed out is recognised as legal by
identity, without being checked a second time.
"""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING, Sequence

from .. import hexgrid
from ..hexgrid import ccrr
from ..kinds import OTHER, TEAMS
from .commands import Command, DroneAttack, EndPhase, FlySortie, GoToGround, MoveTeam, ResolveAttack, RocketAttack, TaskIsr
from .cards import card_commands
from .commandlist import CommandList
from .markers import marker_commands
from .state import PieceState

if TYPE_CHECKING:
    from .engine import Game

END_PHASE = EndPhase()


class LegalCache:
    """Per phase kind, the groups of commands of its acting pieces, each with the
    facts it was made from. Groups outlive the phase: a team that has not moved
    since yesterday offers the same moves today, made once."""

    __slots__ = ("phases", "groups", "values", "tracks", "rev", "stamp", "known", "last", "tail", "tail_rev", "placements")

    def __init__(self) -> None:
        # phase kind -> [what all its groups depend on, {piece id -> [facts, commands, id sets or None]}]
        self.phases: dict[str, list] = {}
        self.groups: dict[str, list] = {}  # the current phase's
        self.values: dict[tuple, dict] = {}  # (type, damaged) -> {a value's name, or a tuple of names: its value(s)}
        self.tracks: tuple | None = None
        self.rev = -1  # the game's revision the groups were last checked against
        self.stamp: tuple = ((), (), ())  # the phase kind, its glob and Red's stocks when last synced
        self.known: list[PieceState] = []  # in Blue's air operations: the targets Blue knows
        # the last commands handed out: the phase's groups they came from, each acting
        # piece's parts in order, each piece's place in that order, and the parts by piece
        self.last: tuple | None = None
        # the other commands handed out with them (attacks to resolve, markers, cards, the
        # end of the phase) and the game's revision they were made at
        self.tail: tuple[tuple[Command, ...], ...] = ()
        self.tail_rev = -1
        self.placements: dict[tuple, tuple[Command, ...]] = {}  # the markers' (markers.marker_commands)

    def sync(self, kind: str, glob: tuple, tracks: tuple) -> None:
        if tracks != self.tracks:
            self.tracks = tracks
            self.values.clear()
        got = self.phases.get(kind)
        if got is None or got[0] != glob:
            got = self.phases[kind] = [glob, {}]
        self.groups = got[1]

    def _kept(self, g: Game, p: PieceState) -> dict | None:
        """The values kept for every piece of `p`'s type and condition while the tracks stay
        put; None for a piece with a marker that changes values (it has its own)."""
        markers = g.state.markers
        if markers and g.rules.marker_adjust:
            pid = p.id
            for _, on in markers:
                if on == pid:
                    return None
        key = (p.type, p.damaged)
        vals = self.values.get(key)
        if vals is None:
            vals = self.values[key] = {}
        return vals

    def value(self, g: Game, p: PieceState, name: str) -> int:
        """A piece's value, kept as `_kept` says."""
        vals = self._kept(g, p)
        if vals is None:
            return g.rules.value(g.state, p, name)
        v = vals.get(name)
        if v is None:
            v = vals[name] = g.rules.value(g.state, p, name)
        return v

    def several(self, g: Game, p: PieceState, names: tuple[str, ...]) -> tuple[int, ...]:
        """Several of a piece's values at once, kept together (a team's facts read three
        on every look)."""
        vals = self._kept(g, p)
        got = vals.get(names) if vals is not None else None
        if got is None:
            got = tuple([g.rules.value(g.state, p, name) for name in names])
            if vals is not None:
                vals[names] = got
        return got


# --- what each phase offers ---------------------------------------------------------------


_TEAM_VALUES = ("drones_per_attack", "move", "range")


def _team_facts(g: Game, p: PieceState) -> tuple:
    """All a team's commands are made from, its values included (how far it moves and
    reaches today), so that the same facts give the same commands in any game."""
    st = g.state
    turn = st.turn
    if p.destroyed or p.suppressed_turn == turn:
        return (None,)
    rules = g.rules
    moved, attacked = p.moved_turn == turn, p.attacked_turn == turn
    salvo, points, reach = g.legal_cache.several(g, p, _TEAM_VALUES)
    if p.kind == "launch_team":
        arms = min(salvo, st.stocks["red"].get(rules.drone_stock, 0))
    else:
        arms = st.stocks["red"].get(rules.rocket_stock, 0) > 0
    return (p.hex, p.damaged, moved, attacked, arms, p.active, None if moved else points,
            reach if arms and not attacked else None)  # fmt: skip


def _team_commands(g: Game, p: PieceState, facts: tuple) -> tuple[Sequence[tuple[Command, ...]], list | None]:
    """A team's moves and attacks, as the rulebook's shared tuples (never copied into one):
    made once per team and facts for every game on the rulebook, less the attacks on sites
    this game has destroyed."""
    if facts[0] is None:
        return (), None
    cache = g.rules.command_cache
    key = ("team", p.id, facts)
    got = cache.get(key)
    if got is None:
        got = cache[key] = _team_parts(g, p, facts)
    parts, targets = got
    if targets and g.state.stats["targets_destroyed"]:
        pieces = g.state.pieces
        return [part for part, t in zip(parts, targets) if t is None or not pieces[t].destroyed], None
    return parts, None


def _team_parts(g: Game, p: PieceState, facts: tuple) -> tuple[tuple[tuple[Command, ...], ...], tuple]:
    """The parts of a team's commands, and the site each attacks (None for its going to
    ground and its moves; an empty tuple if it can attack nothing)."""
    rules = g.rules
    _, _, moved, attacked, arms, active, points, reach = facts
    parts: list[tuple[Command, ...]] = []
    if active and not moved and not attacked:
        parts.append(cached(g, ("ground", p.id), lambda: (GoToGround(p.id),)))
    if not moved:
        parts.append(cached(g, ("move", p.id, p.hex, points),
                            lambda: (MoveTeam(p.id, h) for h in rules.reachable(p.hex, points, p.side))))  # fmt: skip
    fixed = len(parts)
    targets: list[str | None] = [None] * fixed
    if not attacked and arms:
        for target, part in _attacks_from(g, p, reach, arms):
            parts.append(part)
            targets.append(target)
    return tuple(parts), (tuple(targets) if len(parts) > fixed else ())


def _attacks_from(g: Game, p: PieceState, reach: int, arms: int) -> tuple:
    """A team's attacks from its hex: (target, its commands) for every site in
    range, made once per team, hex, range and arms for every game on the rulebook."""
    key = ("attacks", p.id, p.hex, reach, arms)
    got = g.rules.command_cache.get(key)
    if got is None:
        in_range = g.rules.sites_in_range(p.hex, reach, g.state.pieces)
        if p.kind == "launch_team":
            salvo = range(1, arms + 1)
            got = tuple(
                (t, cached(g, ("drones", p.id, t, arms), lambda t=t: (DroneAttack(p.id, t, n) for n in salvo)))
                for t in in_range
            )
        else:
            got = tuple((t, cached(g, ("rockets", p.id, t), lambda t=t: (RocketAttack(p.id, t),))) for t in in_range)
        g.rules.command_cache[key] = got
    return got


def _aircraft_facts(g: Game, p: PieceState) -> tuple:
    """Its place, condition, whether it flies, and its range: a marker placed on it changes
    the range with nothing else, and its commands must follow."""
    c = g.legal_cache
    return (p.hex, p.damaged, can_fly(g, p), c.value(g, p, "range"))


def _isr_commands(g: Game, p: PieceState, facts: tuple) -> tuple[list[tuple[Command, ...]], list | None]:
    if not facts[2]:
        return [], None
    reach = g.rules.clamp(p.hex, facts[3])
    tasks = cached(g, ("isr", p.id, p.hex, reach), lambda: (TaskIsr(p.id, h) for h in g.rules.area(p.hex, reach)))
    return [tasks], None


def _sortie_commands(g: Game, f: PieceState, facts: tuple) -> tuple[list[tuple[Command, ...]], list | None]:
    if not facts[2]:
        return [], None
    in_range = g.rules.area_set(f.hex, facts[3])
    sorties = cached(g, ("sorties", f.id, f.hex, tuple(t.id for t in g.legal_cache.known if t.hex in in_range)),
                     lambda: (FlySortie(f.id, t.id) for t in g.legal_cache.known if t.hex in in_range))  # fmt: skip
    return [sorties], None


def _known_targets(g: Game, side: str) -> list[PieceState]:
    pieces = g.state.pieces
    known = [pieces[pid] for pid in g.rules.side_pieces[OTHER[side]]]
    return [t for t in known if not t.hidden and not t.seen_destroyed]


# each phase: the pieces that act in it, the facts their commands depend on, and how to make them
_PHASES = {
    "red_operations": ("teams", _team_facts, _team_commands),
    "blue_isr": ("isr_drones", _aircraft_facts, _isr_commands),
    "blue_air": ("strike_flights", _aircraft_facts, _sortie_commands),
}


def _sync(g: Game, kind: str) -> tuple:
    """Keep the phase's groups unless what they all depend on changed: the tracks
    (values change at thresholds), the pieces destroyed (a site in range) and,
    for sorties, the targets Blue knows."""
    st = g.state
    tracks = tuple(st.tracks.values())
    if st.today or st.markers:  # the day's adjustments and markers change values as thresholds do
        tracks += (tuple(sorted(st.today.items())), tuple(st.markers))
    glob: tuple = (tracks, st.stats["targets_destroyed"])
    if kind == "blue_air":
        known = g.legal_cache.known = _known_targets(g, "blue")
        glob += (tuple([(t.id, t.hex) for t in known]),)
    g.legal_cache.sync(kind, glob, tracks)
    return (kind, glob, _stocks(g))


def _stocks(g: Game) -> tuple:
    red = g.state.stocks.get("red")
    return tuple(red.values()) if red is not None else ()


def commands_now(g: Game) -> CommandList:
    """Exactly the commands the rules allow the side to move now."""
    side = g.side_to_move
    if side is None:
        return CommandList([])
    kind = g.phase
    groups: list[tuple[Command, ...]] = []
    by_piece: dict[str, list[tuple[Command, ...]]] = {}
    legal = g.legal_cache
    tail: list[tuple[Command, ...]] = []
    if kind == "blue_reaction":
        tail.append(tuple(ResolveAttack(a.number) for a in g.state.attacks if not a.resolved))
    elif kind in _PHASES:
        actors, facts_of, make = _PHASES[kind]
        pieces = g.state.pieces
        only = g.touched if legal.rev == g.rev - 1 else None
        if only is None:
            legal.stamp = _sync(g, kind)
        else:
            # Right after a team's own order nothing changed but the team and Red's
            # stocks (and attacks): the tracks and targets stand, so only the team's
            # facts need a fresh look, or every team's if the stocks moved.
            stocks = _stocks(g)
            if stocks != legal.stamp[2]:
                legal.stamp = legal.stamp[:2] + (stocks,)
                only = None
        cache = legal.groups
        last = legal.last
        if only is not None and last is not None and last[0] is cache and only in last[2]:
            # only the one piece's commands may differ: the others' parts are taken as they
            # were, without a walk over every acting piece (a Red phase of many teams)
            _, parts, index, before, _ = last
            p = pieces[only]
            entry = cache[only]
            facts = facts_of(g, p)
            if entry[0] != facts:
                entry = cache[only] = [facts, *make(g, p, facts)]
            parts = parts.copy()
            parts[index[only]] = entry[1]
            by_piece = dict(before)
            by_piece[only] = entry[1]
        else:
            parts = []
            for pid in getattr(g.rules, actors):
                entry = cache.get(pid)
                if entry is None or only is None or pid == only:
                    p = pieces[pid]
                    facts = facts_of(g, p)
                    if entry is None or entry[0] != facts:
                        entry = cache[pid] = [facts, *make(g, p, facts)]
                parts.append(entry[1])
                by_piece[pid] = entry[1]
            index = last[2] if last is not None and last[4] == kind else {pid: i for i, pid in enumerate(by_piece)}
        legal.last = (cache, parts, index, by_piece, kind)
        groups.extend(chain.from_iterable(parts))
        legal.rev = g.rev
    if g.rules.markers:
        tail.append(marker_commands(g, side, kind))
    if g.rules.cards:
        tail.append(card_commands(g, side))
    tail.append((END_PHASE,))
    legal.tail, legal.tail_rev = tail, g.rev
    groups.extend(tail)
    return CommandList(groups, by_piece)


def issued(g: Game, command: Command, actor: str | None) -> bool:
    """Is this the very command object the engine offered for the game as it stands?

    True only if the commands were asked for since the game last changed (its
    revision) and this object is one of them: its piece's, or one of the few
    others (an attack to resolve, a marker, a card, the end of the phase).
    Anything else is checked by the rules in full. (A test that changes the
    state by hand must ask again, as the screens and players do.)"""
    cache = g.legal_cache
    if cache.tail_rev != g.rev:
        return False
    if command is END_PHASE:
        return True
    if actor is not None and cache.rev == g.rev:
        entry = cache.groups.get(getattr(command, actor))
        if entry is not None:
            if entry[2] is None:
                known = g.rules.command_ids  # the rulebook's shared tuples have theirs made already
                entry[2] = [known.get(id(part)) or frozenset(map(id, part)) for part in entry[1]]
            i = id(command)
            for ids in entry[2]:
                if i in ids:
                    return True
    for part in cache.tail:
        for c in part:
            if c is command:
                return True
    return False


def cached(g: Game, key: tuple, make) -> tuple:
    """Commands that depend only on the scenario and a piece's place (a team's moves
    from a hex, a drone's searches), made once and shared by every game on the rulebook."""
    cache = g.rules.command_cache
    got = cache.get(key)
    if got is None:
        got = cache[key] = tuple(make())
        g.rules.command_ids[id(got)] = frozenset(map(id, got))  # the tuple lives as long as the rulebook
    return got


def can_fly(g: Game, p: PieceState) -> bool:
    base = g.rules.piece_specs[p.id].base
    if base is not None and g.state.pieces[base].destroyed:
        return False
    if p.suppressed_turn == g.state.turn:
        return False  # grounded by an `attacker: suppress` effect
    return p.sorties_used < g.rules.value(g.state, p, "sorties")


# --- why a command is refused -----------------------------------------------------------------


def check_end_phase(g: Game, c: EndPhase) -> str | None:
    return None


def _team_ready(g: Game, team_id: str) -> tuple[PieceState | None, str | None]:
    """The team, or why it cannot act at all today."""
    team = g.state.pieces.get(team_id)
    if team is None or team.kind not in TEAMS:
        return None, f"{team_id!r} is not a launch or rocket team"
    name = g.rules.name_of(team.id)
    if team.destroyed:
        return None, f"{name} has been destroyed"
    if team.suppressed_turn == g.state.turn:
        return None, f"{name} is pinned down today"
    return team, None


def check_move(g: Game, c: MoveTeam) -> str | None:
    team, why = _team_ready(g, c.team)
    if team is None:
        return why
    st, rules = g.state, g.rules
    name = rules.name_of(team.id)
    if team.moved_turn == st.turn:
        return f"{name} has already moved today"
    if c.to not in rules.reachable_set(team.hex, rules.value(st, team, "move"), team.side):
        return f"{name} cannot reach {ccrr(c.to)} today"
    return None


def _check_attack(g: Game, c: DroneAttack | RocketAttack, kind: str) -> tuple[PieceState | None, str | None]:
    """What a drone attack and a rocket attack both need: a ready team of `kind` and a site in range."""
    team, why = _team_ready(g, c.team)
    if team is None:
        return None, why
    st, rules = g.state, g.rules
    name = rules.name_of(team.id)
    if team.attacked_turn == st.turn:
        return None, f"{name} has already attacked today"
    target = st.pieces.get(c.target)
    if target is None or c.target not in rules.site_set:
        what = rules.name_of(c.target) if target is not None else repr(c.target)
        return None, f"{what} is not a {rules.sides['blue'].short} site that can be attacked"
    if target.destroyed:
        return None, f"{rules.name_of(target.id)} is already destroyed"
    if hexgrid.distance(team.hex, target.hex) > rules.value(st, team, "range"):
        return None, f"{rules.name_of(target.id)} is out of {name}'s range"
    if team.kind != kind:
        return (
            None,
            f"{name} launches rockets, not drones" if kind == "launch_team" else f"{name} launches drones, not rockets",
        )
    return team, None


def check_drone_attack(g: Game, c: DroneAttack) -> str | None:
    team, why = _check_attack(g, c, "launch_team")
    if team is None:
        return why
    rules = g.rules
    most = min(rules.value(g.state, team, "drones_per_attack"), g.state.stocks["red"].get(rules.drone_stock, 0))
    if not 1 <= c.drones <= most:
        return f"{rules.name_of(team.id)} can launch 1 to {most} drones now" if most else "no drones left in stock"
    return None


def check_rocket_attack(g: Game, c: RocketAttack) -> str | None:
    team, why = _check_attack(g, c, "rocket_team")
    if team is None:
        return why
    if g.state.stocks["red"].get(g.rules.rocket_stock, 0) < 1:
        return "no rockets left in stock"
    return None


def check_resolve(g: Game, c: ResolveAttack) -> str | None:
    if not any(a.number == c.attack and not a.resolved for a in g.state.attacks):
        return f"there is no unresolved attack {c.attack}"
    return None


def check_isr(g: Game, c: TaskIsr) -> str | None:
    st, rules = g.state, g.rules
    drone = st.pieces.get(c.drone)
    if drone is None or drone.kind != "isr_drone":
        return f"{c.drone!r} is not an ISR drone"
    if not can_fly(g, drone):
        return f"{rules.name_of(drone.id)} has flown all its sorties today"
    if not rules.on_map(c.hex):
        return "that hex is off the map"
    if hexgrid.distance(drone.hex, c.hex) > rules.value(st, drone, "range"):
        return f"{ccrr(c.hex)} is out of {rules.name_of(drone.id)}'s range"
    return None


def check_sortie(g: Game, c: FlySortie) -> str | None:
    st, rules = g.state, g.rules
    flight = st.pieces.get(c.flight)
    if flight is None or flight.kind != "strike_flight":
        return f"{c.flight!r} is not a strike flight"
    if not can_fly(g, flight):
        return f"{rules.name_of(flight.id)} has flown all its sorties today"
    target = st.pieces.get(c.target)
    if target is None or target.side != OTHER[flight.side] or target.hidden:
        return "that target is not known to Blue"
    if target.seen_destroyed:
        return f"{rules.name_of(target.id)} is already destroyed"
    if hexgrid.distance(flight.hex, target.hex) > rules.value(st, flight, "range"):
        return f"{rules.name_of(target.id)} is out of {rules.name_of(flight.id)}'s range"
    return None

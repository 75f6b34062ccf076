"""What a selected piece may do, and what a click means.

The rules engine lists the legal commands; here they are grouped by the piece
that acts and by where they point, so a screen can shade a team's reachable
hexes, ring its targets, and turn a click on a hex into an intent: select a
piece, carry out a move, or open the odds of an attack. No rule is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Literal

from ..hexgrid import Hex
from ..kinds import HIDEABLE, TEAMS, US_SITES
from ..rules.commands import (
    Command, DroneAttack, FlySortie, GoToGround, MoveTeam, PlaceMarker, ResolveAttack, RocketAttack, TaskIsr,
)  # fmt: skip

ACTOR_FIELDS = ("team", "drone", "flight", "piece")  # "piece": the piece a marker goes on


def actor(command: Command) -> str | None:
    """The piece that carries out a command, or takes a marker (None for ending a phase,
    resolving an attack or playing a card)."""
    for name in ACTOR_FIELDS:
        value = getattr(command, name, None)
        if isinstance(value, str):
            return value
    return None


@dataclass
class Options:
    """What one piece may do now, by where it points."""

    moves: dict[Hex, MoveTeam] = field(default_factory=dict)
    attacks: dict[str, list[Command]] = field(default_factory=dict)  # target id -> commands (drone counts)
    searches: dict[Hex, TaskIsr] = field(default_factory=dict)
    sorties: dict[str, FlySortie] = field(default_factory=dict)  # target id -> command
    markers: dict[str, PlaceMarker] = field(default_factory=dict)  # marker id -> command (on this piece)
    ground: GoToGround | None = None  # an active team may go back to ground

    def targets(self) -> set[str]:
        return set(self.attacks) | set(self.sorties)

    def buttons(self) -> list[Command]:
        """The commands that need no target, given by a button or a key: markers, going to ground."""
        return [*self.markers.values(), *([self.ground] if self.ground is not None else [])]

    def empty(self) -> bool:
        return not (self.moves or self.attacks or self.searches or self.sorties or self.markers or self.ground)


def options_for(piece: str | None, legal: Iterable[Command]) -> Options:
    o = Options()
    if piece is None:
        return o
    for c in legal:
        if actor(c) != piece:
            continue
        if isinstance(c, MoveTeam):
            o.moves[c.to] = c
        elif isinstance(c, (DroneAttack, RocketAttack)):
            o.attacks.setdefault(c.target, []).append(c)
        elif isinstance(c, TaskIsr):
            o.searches[c.hex] = c
        elif isinstance(c, FlySortie):
            o.sorties[c.target] = c
        elif isinstance(c, PlaceMarker):
            o.markers.setdefault(c.marker, c)
        elif isinstance(c, GoToGround):
            o.ground = c
    return o


def actors(legal: Iterable[Command]) -> list[str]:
    """Pieces that may act now, in a stable order (for Tab): those that move, search,
    attack or strike first, then the sites that may only take a marker (what the
    phase is for comes before its afterthought)."""
    acting: set[str] = set()
    marked: set[str] = set()
    for c in legal:
        a = actor(c)
        if a is not None:
            (marked if isinstance(c, PlaceMarker) else acting).add(a)
    return sorted(acting) + sorted(marked - acting)


@dataclass(frozen=True)
class Intent:
    """What a click on the map asks for."""

    kind: Literal["send", "odds", "select", "deselect"]
    command: Command | None = None  # send: carry it out now; odds: show its card first
    choices: tuple[Command, ...] = ()  # the alternatives the odds card offers
    piece: str | None = None  # select


def click_intent(
    h: Hex,
    selected: str | None,
    options: Options,
    target_hexes: dict[str, Hex],
    my_stack: list[str],
) -> Intent:
    """A left click on hex `h`. `target_hexes`: where each target of the options
    stands; `my_stack`: the pieces in `h` that may act, bottom first."""
    if selected is not None:
        targets = [t for t in sorted(options.targets()) if target_hexes.get(t) == h]
        if targets:
            cmds = [c for t in targets for c in options.attacks.get(t, []) + ([options.sorties[t]] if t in options.sorties else [])]
            best = max(cmds, key=lambda c: getattr(c, "drones", 0))  # the most drones the team may launch
            return Intent("odds", best, tuple(cmds))
        if h in options.moves:
            return Intent("send", options.moves[h])
        if h in options.searches:
            return Intent("odds", options.searches[h], (options.searches[h],))
    if my_stack:
        if selected in my_stack:  # click again: the next piece of the stack
            i = my_stack.index(selected)
            return Intent("select", piece=my_stack[(i + 1) % len(my_stack)])
        return Intent("select", piece=my_stack[-1])
    return Intent("deselect")


def refused_click(h: Hex, selected: str | None, view) -> Command | None:
    """The command a click on `h` asked of the selected piece when the rules gave it no
    such option (a target out of range, a flight with no sortie left): the screen asks
    the rules why not and says so, instead of silently dropping the selection. Only
    pieces the side sees are named, so the question tells it nothing new."""
    piece = view.pieces.get(selected) if selected is not None else None
    if piece is None:
        return None
    here = [p for p in view.pieces.values() if p.hex == h and p.side != piece.side and not p.destroyed]
    kind = piece.kind
    if kind == "strike_flight":
        marks = [p for p in here if p.kind in HIDEABLE]
        return FlySortie(piece.id, marks[0].id) if marks else None
    if kind in TEAMS:
        sites = [p for p in here if p.kind in US_SITES]
        if sites:
            return DroneAttack(piece.id, sites[0].id, 1) if kind == "launch_team" else RocketAttack(piece.id, sites[0].id)
        return None  # a click on open ground far off is how a player lets go of the team
    if kind == "isr_drone":
        return TaskIsr(piece.id, h)
    return None


def first_unresolved(legal: Iterable[Command]) -> ResolveAttack | None:
    return next((c for c in legal if isinstance(c, ResolveAttack)), None)

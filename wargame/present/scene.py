"""The scene on the map: counters in their stacks, shaded hexes, rings and arrows.

A screen decides what to show (its side's pieces, what the selected piece may
reach, a strike flashing in a replay); the map view only draws a `Scene`. The
types here hold no pygame objects, so a scene can be built and checked headless.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..hexgrid import Hex

RGB = tuple[int, int, int]
RGBA = tuple[int, int, int, int]


@dataclass(frozen=True)
class CounterLook:
    """Everything that changes how a counter looks (hashable: it is the cache key)."""

    type_id: str
    kind: str
    side: str  # 'blue' | 'red'
    symbol: str
    label: str  # short name shown on the counter, e.g. "Erbil AB", "Viper 1"
    values: str  # the printed values line, e.g. "6-4"
    damaged: bool = False
    destroyed: bool = False
    suppressed: bool = False
    spent: bool = False  # has used all its actions today
    hidden: bool = False  # shown to its own side only: hidden from the enemy
    unknown: bool = False  # the viewer does not know its true condition (strike results unclear)
    active: bool = False  # a team that launched and has not gone to ground (drawn only where the view has it)
    markers: str = ""  # the first letters of the markers on it that the viewer may see ("A": alert)


@dataclass(frozen=True)
class Counter:
    """One piece on the map: which piece and how it looks."""

    piece: str
    look: CounterLook


@dataclass(frozen=True)
class Stack:
    """The counters in one hex, bottom first. `off_map`: the hex of a base beyond the
    map edge, whose stack is drawn just outside the edge nearest it."""

    hex: Hex
    counters: tuple[Counter, ...]
    off_map: bool = False


@dataclass(frozen=True)
class Shade:
    """Hexes filled with a translucent colour, with an optional outline around the area."""

    hexes: frozenset[Hex]
    fill: RGBA
    edge: RGBA | None = None


MarkKind = Literal["outline", "target", "circle", "arrow", "flash"]


@dataclass(frozen=True)
class Mark:
    """A mark over the map. outline: a hex's edge; target: a ring with ticks around a
    hex (what may be attacked); circle: a ring of `radius` hexes (an ISR search);
    arrow: from `hex` to `to` (a declared attack); flash: a hex lit up and fading
    with `strength` (a strike landing in a replay)."""

    kind: MarkKind
    hex: Hex
    colour: RGB
    width: int = 2
    to: Hex | None = None
    radius: float = 1.0
    strength: float = 1.0


@dataclass(frozen=True)
class Slide:
    """A counter on its way from one hex to another (a move played back): drawn at
    `progress` (0 at `start`, 1 at `end`) above every stack."""

    counter: Counter
    start: Hex
    end: Hex
    progress: float


@dataclass(frozen=True)
class Scene:
    stacks: tuple[Stack, ...] = ()
    shades: tuple[Shade, ...] = ()
    marks: tuple[Mark, ...] = ()
    slides: tuple[Slide, ...] = ()
    hover: Hex | None = None
    selected: str | None = None  # the piece drawn on top of its stack and ringed

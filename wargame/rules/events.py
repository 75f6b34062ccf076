"""Events: what happened, in plain language, with the dice that decided it.

Every change the engine makes is reported as an event. An event says who may
read it: a hidden team's move is Red's alone, a strike whose results were
unclear shows Blue only "results unclear". The filtering happens here, in the
data, so no screen can leak what a side should not know.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from ..hexgrid import Hex

ALL = "all"


@dataclass(frozen=True, slots=True)
class Roll:
    """One roll on a table: the faces, every modifier, and what it meant."""

    table: str
    title: str
    dice: str
    faces: tuple[int, ...]
    natural: int
    modifiers: tuple[tuple[str, int], ...]
    column: str | None
    shifts: tuple[tuple[str, int], ...]
    total: int
    result: str
    text: str
    needed: str  # e.g. "needed 6 or less on 1d10 for Shot down"


@dataclass(frozen=True, slots=True)
class Event:
    """A line of the game log. `visible` is "all", "blue" or "red"; where the
    other side may know that something happened but not what, `other_text`
    is what they read instead."""

    turn: int
    phase: str
    kind: str
    text: str
    visible: str = ALL
    other_text: str | None = None
    roll: Roll | None = None
    pieces: tuple[str, ...] = field(default=())
    where: Hex | None = None  # the hex it happened in, for the log to point at

    def seen_by(self, side: str | None) -> Event | None:
        """This event as `side` sees it (None: all sides, e.g. a finished game's review)."""
        if side is None or self.visible == ALL or self.visible == side:
            return self
        if self.other_text is not None:
            return Event(self.turn, self.phase, self.kind, self.other_text, side, None, None, self.pieces, self.where)
        return None


def for_side(events: list[Event], side: str | None) -> list[Event]:
    out = []
    for e in events:
        seen = e.seen_by(side)
        if seen is not None:
            out.append(seen)
    return out

"""Events: what happened, in plain language, with the dice that decided it.

Every change the engine makes is reported as an event. An event says who may
read it: a hidden team's move is Red's alone, a strike whose results were
unclear shows Blue only "results unclear". The filtering happens here, in the
data, so no screen can leak what a side should not know.

Most events of a computer game are never read, so their words may be given as
a function and are written the first time someone reads `text` (or
`other_text`, or a roll's `needed`); to the reader they are plain strings.
"""

from __future__ import annotations

from typing import Callable, Union

from ..hexgrid import Hex

ALL = "all"

Words = Union[str, Callable[[], str]]


class Roll:
    """One roll on a table: the faces, every modifier, and what it meant.

    `band` is the range of modified totals of the row that came up, as the
    table writes it ((11, None) for '11+'), so a log can say 'total 11; 11 or
    more: Direct hit' without mixing modified totals and raw-die ranges."""

    __slots__ = ("table", "title", "dice", "faces", "natural", "modifiers", "column", "shifts",
                 "total", "result", "text", "_needed", "band")  # fmt: skip

    def __init__(self, table: str, title: str, dice: str, faces: tuple[int, ...], natural: int,
                 modifiers: tuple[tuple[str, int], ...], column: str | None, shifts: tuple[tuple[str, int], ...],
                 total: int, result: str, text: str, needed: Words, band: tuple[int | None, int | None] = (None, None)):  # fmt: skip
        self.table = table
        self.title = title
        self.dice = dice
        self.faces = faces
        self.natural = natural
        self.modifiers = modifiers
        self.column = column
        self.shifts = shifts
        self.total = total
        self.result = result
        self.text = text
        self._needed = needed
        self.band = band

    @property
    def needed(self) -> str:
        """e.g. "needed 6 or less on 1d10 for Shot down"."""
        n = self._needed
        if not isinstance(n, str):
            n = self._needed = n()
        return n

    def _key(self) -> tuple:
        return (self.table, self.title, self.dice, self.faces, self.natural, self.modifiers, self.column,
                self.shifts, self.total, self.result, self.text, self.needed, self.band)  # fmt: skip

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Roll) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Roll({self.table!r}, total {self.total}: {self.text!r})"


class Event:
    """A line of the game log. `visible` is "all", "blue" or "red"; where the
    other side may know that something happened but not what, `other_text`
    is what they read instead. Treat it as immutable: the log is shared."""

    __slots__ = ("turn", "phase", "kind", "_text", "visible", "_other", "roll", "pieces", "where")

    def __init__(self, turn: int, phase: str, kind: str, text: Words, visible: str = ALL,
                 other_text: Words | None = None, roll: Roll | None = None, pieces: tuple[str, ...] = (),
                 where: Hex | None = None):  # fmt: skip
        self.turn = turn
        self.phase = phase
        self.kind = kind
        self._text = text
        self.visible = visible
        self._other = other_text
        self.roll = roll
        self.pieces = pieces
        self.where = where

    @property
    def text(self) -> str:
        t = self._text
        if not isinstance(t, str):
            t = self._text = t()
        return t

    @property
    def other_text(self) -> str | None:
        t = self._other
        if t is not None and not isinstance(t, str):
            t = self._other = t()
        return t

    def seen_by(self, side: str | None) -> Event | None:
        """This event as `side` sees it (None: all sides, e.g. a finished game's review)."""
        if side is None or self.visible == ALL or self.visible == side:
            return self
        if self._other is not None:
            return Event(self.turn, self.phase, self.kind, self.other_text, side, None, None, self.pieces, self.where)  # type: ignore[arg-type]
        return None

    def _key(self) -> tuple:
        return (
            self.turn,
            self.phase,
            self.kind,
            self.text,
            self.visible,
            self.other_text,
            self.roll,
            self.pieces,
            self.where,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Event) and self._key() == other._key()

    def __hash__(self) -> int:  # as the frozen dataclass it was: by value (this writes its words)
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Event(turn {self.turn}, {self.kind}, {self.visible}: {self.text!r})"


def for_side(events: list[Event], side: str | None) -> list[Event]:
    out = []
    for e in events:
        seen = e.seen_by(side)
        if seen is not None:
            out.append(seen)
    return out


class SideLog:
    """Each side's reading of a growing log, kept as the log grows so that
    asking for it costs only the events added since the last time."""

    __slots__ = ("_log", "_seen")

    def __init__(self, log: list[Event]):
        self._log = log
        # side -> (its events, the log index of each, how many log events were read)
        self._seen: dict[str, tuple[list[Event], list[int], list[int]]] = {}

    def read(self, side: str | None) -> list[Event]:
        log = self._log
        if side is None:
            return list(log)
        got = self._seen.get(side)
        if got is None:
            got = self._seen[side] = ([], [], [0])
        events, origin, done = got
        if done[0] > len(log):  # cut back without being told
            self.truncate(len(log))
        for i in range(done[0], len(log)):
            seen = log[i].seen_by(side)
            if seen is not None:
                events.append(seen)
                origin.append(i)
        done[0] = len(log)
        return list(events)

    @property
    def length(self) -> int:
        """How long the whole log is now (it grows with every command of a game that logs)."""
        return len(self._log)

    def truncate(self, length: int) -> None:
        """The log was cut back to `length` events (an undo): forget what came after."""
        for events, origin, done in self._seen.values():
            while origin and origin[-1] >= length:
                origin.pop()
                events.pop()
            done[0] = min(done[0], length)


def describe_roll(roll: Roll) -> str:
    """'rolled 7 on 1d10, site defence -6 = 1; needed 6 or less for Shot down'."""
    text = f"rolled {roll.natural} on {roll.dice}"
    if roll.modifiers:
        text += "".join(f", {name} {value:+d}" for name, value in roll.modifiers) + f" = {roll.total}"
    if roll.column is not None:
        text += f", column {roll.column}"
        if roll.shifts:
            text += " (" + ", ".join(f"{n} {s:+d}" for n, s in roll.shifts) + ")"
    if roll.needed:
        text += f"; {roll.needed}"
    return text

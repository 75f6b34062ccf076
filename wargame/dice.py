"""Dice: expressions, their exact distributions, and where rolls come from.

Distributions are kept as integer counts of ways (numpy int64) over a common
denominator, so odds shown to players are exact fractions, not samples.

Rolls come from a `DiceSource`. A live game uses `SeededDice`: one PCG64 stream
per game (numpy's generator, reproduced bit for bit in pcg64.py), turned into
die faces by our own rejection sampling, so the faces for a seed depend on no
library's release. A replay uses `RecordedDice`, which hands back the faces
written in the record and never re-rolls, as VASSAL does: old games keep
replaying even if the generator ever changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from .pcg64 import PCG64

MAX_OUTCOMES = 2**53  # keeps every count exact in int64 and in float64


@dataclass(frozen=True, slots=True)
class DiceTerm:
    count: int
    sides: int  # 0 for a constant term
    sign: int  # +1; dice are only ever added


@dataclass(frozen=True)
class Dice:
    """A parsed dice expression such as `2d6+1` with its exact distribution."""

    text: str
    terms: tuple[DiceTerm, ...]
    constant: int
    low: int = field(init=False)
    high: int = field(init=False)
    counts: np.ndarray = field(init=False, repr=False, compare=False)
    denominator: int = field(init=False)

    def __post_init__(self) -> None:
        counts = np.ones(1, dtype=np.int64)
        for term in self.terms:
            face = np.ones(term.sides, dtype=np.int64)
            for _ in range(term.count):
                counts = np.convolve(counts, face)
        low = self.constant + sum(t.count for t in self.terms)
        object.__setattr__(self, "counts", counts)
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", low + len(counts) - 1)
        object.__setattr__(self, "denominator", int(counts.sum()))

    @property
    def dice(self) -> list[int]:
        """The sides of each die to roll, in order (2d6+1d4 -> [6, 6, 4])."""
        return [t.sides for t in self.terms for _ in range(t.count)]

    def total(self, faces: list[int]) -> int:
        """The expression's value for these faces (one per die, in `dice` order)."""
        total = self.constant
        i = 0
        for t in self.terms:
            part = sum(faces[i : i + t.count])
            total += part
            i += t.count
        return total

    def probability(self, total: int) -> float:
        if total < self.low or total > self.high:
            return 0.0
        return int(self.counts[total - self.low]) / self.denominator

    def __str__(self) -> str:
        return self.text


_TERM = re.compile(r"\s*([+-])?\s*(?:(\d*)\s*[dD]\s*(\d+|%)|(\d+))\s*")


def parse_dice(text: str) -> Dice:
    """Parse `1d6`, `2d6`, `1d10`, `d100`, `d%`, `2d6+1`, `1d6+1d4-1`; raise ValueError naming what is wrong."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("a dice expression is needed, e.g. '2d6'")
    pos = 0
    terms: list[DiceTerm] = []
    constant = 0
    first = True
    while pos < len(text):
        m = _TERM.match(text, pos)
        if not m or m.end() == pos or (not first and m.group(1) is None):
            raise ValueError(f"dice expression {text!r} does not parse at character {pos + 1}: expected e.g. 2d6, d10 or +1")
        sign = -1 if m.group(1) == "-" else 1
        if m.group(4) is not None:
            constant += sign * int(m.group(4))
        else:
            count = int(m.group(2)) if m.group(2) else 1
            sides = 100 if m.group(3) == "%" else int(m.group(3))
            if count < 1 or count > 30:
                raise ValueError(f"dice expression {text!r}: between 1 and 30 dice of a kind")
            if sides < 2 or sides > 1000:
                raise ValueError(f"dice expression {text!r}: a die has between 2 and 1000 sides")
            if sign < 0:
                raise ValueError(f"dice expression {text!r}: dice can only be added, not subtracted")
            terms.append(DiceTerm(count, sides, sign))
        first = False
        pos = m.end()
    if not terms:
        raise ValueError(f"dice expression {text!r} rolls no dice")
    outcomes = 1
    for t in terms:
        outcomes *= t.sides**t.count
    if outcomes > MAX_OUTCOMES:
        raise ValueError(f"dice expression {text!r} has too many outcomes to compute exactly")
    return Dice(text.strip(), tuple(terms), constant)


# --- where rolls come from ---------------------------------------------------------


class DiceSource(Protocol):
    def die(self, sides: int) -> int:
        """One die face, 1..sides."""
        ...


class SeededDice:
    """The game's one generator: PCG64 from a seed, faces by rejection sampling.

    `drawn` counts raw 64-bit words consumed, so a saved game can resume the
    stream exactly with `SeededDice(seed, drawn)`.
    """

    __slots__ = ("seed", "drawn", "_bits", "_buf", "_i", "_limits")

    _BATCH = 16  # words drawn at a time: a look-ahead forks a stream for each game it imagines, and rolls only a few

    def __init__(self, seed: int, drawn: int = 0):
        self.seed = int(seed)
        self.drawn = 0
        self._bits = PCG64(self.seed)
        if drawn:
            self._bits.advance(drawn)
            self.drawn = drawn
        self._buf: list[int] = []
        self._i = 0
        self._limits: dict[int, int] = {}  # sides -> the largest multiple of sides below 2**64

    def _raw(self) -> int:
        if self._i >= len(self._buf):
            self._buf = self._bits.random_raw(self._BATCH)
            self._i = 0
        value = self._buf[self._i]
        self._i += 1
        self.drawn += 1
        return value

    def die(self, sides: int) -> int:
        limit = self._limits.get(sides)
        if limit is None:
            limit = self._limits[sides] = (1 << 64) - ((1 << 64) % sides)
        while True:
            i = self._i
            if i < len(self._buf):  # the common case, without a call
                raw = self._buf[i]
                self._i = i + 1
                self.drawn += 1
            else:
                raw = self._raw()
            if raw < limit:
                return raw % sides + 1


class RecordedDice:
    """Hands back recorded faces in order; a replay never rolls anew."""

    __slots__ = ("faces", "_i")

    def __init__(self, faces: list[tuple[int, int]]):
        self.faces = faces  # (sides, face) pairs
        self._i = 0

    def die(self, sides: int) -> int:
        if self._i >= len(self.faces):
            raise ReplayDiverged(f"the record has no more dice, but the rules asked for a d{sides}")
        rec_sides, face = self.faces[self._i]
        if rec_sides != sides or not 1 <= face <= sides:
            raise ReplayDiverged(f"the record holds a d{rec_sides} showing {face}, but the rules asked for a d{sides}")
        self._i += 1
        return face

    @property
    def exhausted(self) -> bool:
        return self._i >= len(self.faces)


class ReplayDiverged(Exception):
    """A replayed game asked for different dice than were recorded."""

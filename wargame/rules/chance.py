"""Chance as data: the one path every roll of the rules takes (OpenSpiel's chance nodes).

A roll on a table is a chance node. `Chance` answers it in one of three ways,
all read from the same compiled row arrays of `CompiledTable`:

- sample it from the game's seeded generator (`SeededDice`: the faces for a
  seed never change, and `drawn` tells a save where to resume the stream),
- replay it from recorded faces (`RecordedDice`, which raises `ReplayDiverged`
  when the rules ask for other dice than were recorded),
- list its outcomes with their exact probabilities, without rolling at all.

The odds card, the preview of a command, the computer players and a later
search all ask this one object, so what they expect is exactly what the dice
can deliver. The dice expressions and the sources of faces stay in
`wargame/dice.py`, below both `scenario/` (which checks dice text) and
`rules/`; this module needs the rules' `Setup`, so it lives here.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

from ..dice import DiceSource, SeededDice

if TYPE_CHECKING:
    from ..scenario.model import ResultRow
    from .rulebook import Setup
    from .tables import Odds


class Draw(NamedTuple):
    """What came up on one roll: the faces in order, their total, the modified
    total and the result row it landed on (with its index in the column)."""

    faces: tuple[int, ...]
    natural: int
    total: int
    row: "ResultRow"
    index: int


_make_draw = tuple.__new__  # as rulebook._make_setup: a draw is made for every roll


@dataclass(frozen=True, slots=True)
class Outcome:
    """One result row of a roll and its exact chance. `natural` is the range of
    unmodified dice totals that give it, `band` the modified totals as the
    table writes them ('11+' is (11, None))."""

    row: ResultRow
    chance: Fraction
    natural: tuple[int | None, int | None]
    band: tuple[int | None, int | None]


class NoDice(Exception):
    """This chance can list outcomes but not roll: fork it with a seed of your own."""


class Chance:
    """The chance interface. `source` is where faces come from (None: an oracle
    that only lists outcomes); `faces` collects every (sides, face) drawn since
    the last `take_faces`, which is what a game's history records."""

    __slots__ = ("source", "faces")

    def __init__(self, source: DiceSource | None = None):
        self.source = source
        self.faces: list[tuple[int, int]] = []

    # --- rolling -------------------------------------------------------------------

    def roll(self, setup: Setup) -> Draw:
        """Roll the setup's table: each die from the source, the row from the compiled array."""
        source = self.source
        if source is None:
            raise NoDice("this chance only lists outcomes; use fork(seed) to sample")
        table = setup.table
        faces = []
        record = self.faces.append
        die = source.die
        for sides in table.sides:
            face = die(sides)
            record((sides, face))
            faces.append(face)
        natural = sum(faces) + table.dice.constant  # dice are only ever added (Dice.total)
        total = natural + setup.modifier
        index = table.index_at(setup.column, total)
        return _make_draw(Draw, (tuple(faces), natural, total, table.rows[setup.column][index], index))

    def pick(self, n: int) -> int:
        """One of `n` things, evenly (a card drawn from a pile of n): a die of n sides,
        recorded like any other, so a drawn card replays from the record. 0-based;
        one thing alone is taken without a roll."""
        if n <= 1:
            return 0
        source = self.source
        if source is None:
            raise NoDice("this chance only lists outcomes; use fork(seed) to sample")
        face = source.die(n)
        self.faces.append((n, face))
        return face - 1

    def take_faces(self) -> list[tuple[int, int]]:
        """The faces drawn since the last call, and start a new list."""
        faces, self.faces = self.faces, []
        return faces

    # --- listing -------------------------------------------------------------------

    @staticmethod
    def odds(setup: Setup) -> Odds:
        """The exact odds of each row (the same cached object as `Setup.odds()`)."""
        return setup.table.odds(setup.column, setup.modifier)

    @staticmethod
    def outcomes(setup: Setup) -> tuple[Outcome, ...]:
        """Every row the roll can land on, with its exact chance (impossible rows left out)."""
        table = setup.table
        key = (setup.column, setup.modifier)
        got = table.outcomes.get(key)
        if got is None:
            odds = table.odds(setup.column, setup.modifier)
            bands = table.bands[setup.column]
            got = table.outcomes[key] = tuple(
                Outcome(row, c, nat, bands[i])
                for i, (row, c, nat) in enumerate(zip(odds.rows, odds.chances, odds.natural))
                if c
            )
        return got

    # --- other streams ---------------------------------------------------------------

    def fork(self, seed: int) -> Chance:
        """A chance that samples from a stream of its own: for look-ahead in
        imagined worlds, which must never draw from the game's dice."""
        return Chance(SeededDice(seed))

    def oracle(self) -> Chance:
        """A chance without dice: what a player is handed (it may list outcomes and fork)."""
        return Chance(None)

"""How a roll is said: the way a wargamer reads a table.

A printed table is read in modified totals: roll the dice, add the modifiers,
find the row. So the words follow that order and never mix the modified total
with the bands of the raw dice: "2d6: 10, Open war +1 = 11; 11 or more:
Direct hit". Every modifier is named, so "5 -1 = 4" never appears alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..dice import parse_dice
from ..grammar import describe_range
from ..rules.events import Event, Roll


@dataclass(frozen=True)
class RollWords:
    """A roll taken apart for a card or a log line."""

    label: str  # what was rolled for: "Drone 1 of 2 vs Erbil air base counter-drone defences"
    table: str  # the table's title
    dice: str  # "2d6"
    faces: tuple[int, ...]
    sides: tuple[int, ...]  # the sides of each die, in the order of the faces
    natural: int
    modifiers: tuple[tuple[str, int], ...]
    total: int
    column: str | None
    shifts: tuple[tuple[str, int], ...]
    band: str  # the row's range of modified totals as the table prints it: "11 or more"
    result: str  # the row's text: "Direct hit"

    @property
    def sum_text(self) -> str:
        """"10, Open war +1 = 11" (or just "10" without modifiers)."""
        if not self.modifiers:
            return str(self.natural)
        mods = ", ".join(f"{name} {value:+d}" for name, value in self.modifiers)
        return f"{self.natural}, {mods} = {self.total}"

    @property
    def column_text(self) -> str:
        if self.column is None:
            return ""
        if not self.shifts:
            return f"column {self.column}"
        return f"column {self.column} (" + ", ".join(f"{n} {s:+d}" for n, s in self.shifts) + ")"

    def sentence(self) -> str:
        """"2d6: 10, Open war +1 = 11; 11 or more: Direct hit"."""
        where = f", {self.column_text}" if self.column is not None else ""
        return f"{self.dice}: {self.sum_text}{where}; {self.band}: {self.result}"


def roll_words(event: Event) -> RollWords:
    roll = event.roll
    assert roll is not None
    return RollWords(
        label=roll_label(event),
        table=roll.title,
        dice=roll.dice,
        faces=tuple(roll.faces),
        sides=tuple(parse_dice(roll.dice).dice),
        natural=roll.natural,
        modifiers=tuple(roll.modifiers),
        total=roll.total,
        column=roll.column,
        shifts=tuple(roll.shifts),
        band=_band(roll),
        result=roll.text,
    )


def roll_label(event: Event) -> str:
    """What the roll was for, as the engine named it in the event's text
    ("<label>: <result> (...)"); the table's title if the text says no more."""
    roll = event.roll
    assert roll is not None
    cut = event.text.find(f": {roll.text} (")
    return event.text[:cut] if cut > 0 else roll.title


def _band(roll: Roll) -> str:
    band = getattr(roll, "band", None)
    if band is None:
        return f"total {roll.total}"
    lo, hi = band
    return describe_range(lo, hi)

"""The words of the two cards over the board: the odds before a command, the dice after.

The odds card lists every roll the command will make (its dice, each modifier
by name, the column and its shifts) with the exact chance of each result, the
command's fixed costs, and every track threshold it may cross, named with what
it does, so nothing political happens that the player was not told of. The dice
card shows each roll the viewing side may see, and what came of the command.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from ..rules.events import Event
from ..words import count
from .rolls import RollWords, roll_words


@dataclass(frozen=True)
class Bar:
    text: str
    chance: Fraction


@dataclass(frozen=True)
class OddsSection:
    label: str  # "Each drone: interception"
    dice: str
    modifiers: tuple[str, ...]  # "Site defence -6", already worded
    column: str  # "" without columns
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class OddsCard:
    title: str
    sections: tuple[OddsSection, ...]
    notes: tuple[str, ...]
    warnings: tuple[str, ...]  # thresholds the command crosses or may cross


def percent(p: Fraction) -> str:
    """A chance for people: whole percents, one decimal below 1% or off the whole."""
    value = float(p) * 100
    if value == 0:
        return "0%"
    if value < 1:
        return f"{value:.1f}%"
    return f"{value:.0f}%" if abs(value - round(value)) < 0.05 else f"{value:.1f}%"


def fraction(p: Fraction) -> str:
    return f"{p.numerator}/{p.denominator}" if 0 < p < 1 else ""


def odds_card(preview) -> OddsCard:
    sections = []
    for label, setup in preview.odds:
        odds = setup.odds()
        merged: dict[str, list] = {}
        for row, chance in zip(odds.rows, odds.chances):
            entry = merged.setdefault(row.result, [row.text, Fraction(0)])
            entry[1] += chance
        mods = tuple(f"{name} {value:+d}" for name, value in setup.modifiers) or ("no modifiers",)
        column = ""
        if setup.column_name is not None:
            shifts = ", ".join(f"{n} {v:+d}" for n, v in setup.shifts)
            column = f"column {setup.column_name}" + (f" (shifted: {shifts})" if shifts else "")
        bars = tuple(Bar(text, chance) for text, chance in merged.values())
        sections.append(OddsSection(label, setup.table.dice.text, mods, column, bars))
    warnings = tuple(threshold_warning(t) for t in getattr(preview, "thresholds", ()) or ())
    return OddsCard(preview.title, tuple(sections), tuple(preview.notes), warnings)


def command_card(rules, view, command, preview) -> OddsCard:
    """The card shown before any command: the odds card of its preview, with the words of
    a card play (its event, its source), a marker (what it changes) or going to ground.
    Commands that roll no dice get a card with no odds sections, only what they do."""
    from ..rules.commands import GoToGround, PlaceMarker, PlayCard
    from .hand import ground_words, marker_words, play_card_words

    card = odds_card(preview)
    if isinstance(command, PlayCard):
        return play_card_words(rules, view, command, card)
    if isinstance(command, PlaceMarker):
        return marker_words(rules, command)
    if isinstance(command, GoToGround):
        return ground_words(rules, command)
    return card


def threshold_warning(crossing) -> str:
    """"Escalation 4 → 5 reaches Open war: the militias gain ..." (its chance first when
    not certain; "and the game ends" for a threshold that ends it)."""
    verb = "reaches" if crossing.reaches else "leaves"
    text = f"{crossing.track_name} {crossing.from_level} → {crossing.to_level} {verb} {crossing.threshold}"
    if crossing.reaches and crossing.description:
        text += f": {crossing.description}"
    if crossing.reaches and crossing.ends_game:
        text += " The game ends."
    if crossing.chance != 1:
        text = f"{percent(Fraction(crossing.chance))} chance: " + text
    return text


# --- the dice card -------------------------------------------------------------------


@dataclass(frozen=True)
class RollCard:
    title: str
    rolls: tuple[RollWords, ...]
    outcomes: tuple[str, ...]  # what came of it: "Detected: ...", "Erbil air base is damaged"
    earlier: int = 0  # rolls left off the card (they are in the log)


OUTCOME_KINDS = ("detect", "damage", "destroyed", "casualties", "civilians", "suppress", "assess", "vp",
                 "track", "threshold", "unauthorized", "game_over", "lost", "nothing_found", "card", "stock",
                 "adjust", "draw", "launch_area")  # fmt: skip
MAX_ROLLS = 8


@dataclass
class _Acc:
    rolls: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)


def roll_card(title: str, seen: list[Event]) -> RollCard | None:
    """The dice card for a command's events as the viewing side sees them; None when
    the side saw nothing worth a card (a move, the end of a phase)."""
    acc = _Acc()
    for e in seen:
        if e.roll is not None:
            acc.rolls.append(roll_words(e))
        elif e.kind in OUTCOME_KINDS or (e.kind == "isr" and "nothing found" in e.text):
            acc.outcomes.append(e.text)
    if not acc.rolls and not acc.outcomes:
        return None
    shown = acc.rolls[-MAX_ROLLS:]
    return RollCard(title, tuple(shown), tuple(acc.outcomes[-6:]), len(acc.rolls) - len(shown))


def earlier_text(n: int) -> str:
    return f"… {count(n, 'earlier roll')} in the log"

"""The parts of the format that give the players choices beyond moving and striking.

Each is optional: a scenario without them plays as before. They are what turn
the article's facts into decisions:

- `cards`: a deck of event cards for each side, drawn each strategic phase and
  played for the event or for the operations value (the card-driven designs:
  Twilight Struggle, Labyrinth); the scenario says what an operations value buys.
- `markers`: counters a side places on its own pieces in one of its phases
  (an alert at a base, say), in force until its next such phase, and hidden
  from the other side unless the scenario says otherwise.
- `rules.politics`: the tracks answering what happened (a strike day, a quiet
  day, civilian harm), up as well as down, in the strategic or political phase.
- `rules.active_teams`: a team that launches becomes active and shows the other
  side the block of map it launched from; going back to ground costs its move.
- `rules.repair`: damage mended after turns without an attack on the piece.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ..kinds import PieceKind
from .parts import MAX_A_DAY, MAX_HEXES, Adjustment, Condition, Effect, Id, Model, PhaseKind, SideName

Count = Annotated[int, Field(ge=0, le=12)]
EVENT = "event"  # the use of a card that carries out its event (any other use names an operation)


class Card(Model):
    id: Id
    name: str
    side: SideName = Field(description="The side whose deck holds it: only that side draws and plays it.")
    ops: int = Field(ge=0, le=9, description="Its operations value: what it buys when played for operations.")
    text: str = Field(min_length=1, description="What its event does, in the players' words.")
    source: str = Field("", description="The reporting the event retells.")
    when: Condition = Field(default_factory=Condition, description="The event may be played only while this holds.")
    effects: list[Effect] = Field(min_length=1, description="What its event does.")
    once: bool = Field(False, description="Removed from the game once its event is played (otherwise it goes back in the deck).")


class Operation(Model):
    id: Id
    name: str
    cost: int = Field(ge=1, le=9, description="The operations value a card needs to buy it.")
    description: str = ""
    effects: list[Effect] = Field(min_length=1)


class Cards(Model):
    deal: dict[SideName, Count] = Field(default_factory=dict, description="Cards each side holds at the start.")
    draw: dict[SideName, Count] = Field(default_factory=dict, description="Cards each side draws each strategic phase.")
    hand_limit: int = Field(ge=1, le=12, description="Most cards a hand holds; a side draws only up to it.")
    plays: dict[SideName, Count] = Field(description="Cards each side may play a turn.")
    operations: dict[SideName, list[Operation]] = Field(
        default_factory=dict, description="What an operations value buys, for each side."
    )
    deck: list[Card] = Field(min_length=1)


class MarkerSpec(Model):
    name: str
    side: SideName
    description: str = ""
    count: int = Field(ge=1, le=MAX_A_DAY, description="How many the side has.")
    placed_in: PhaseKind = Field(description="The phase of its side in which they are placed; they are picked up when it next begins.")
    on: list[PieceKind] = Field(min_length=1, description="Kinds of the side's own pieces a marker may go on (one a piece).")
    hidden: bool = Field(True, description="Hidden from the other side, which sees neither where nor whether they stand.")
    adjust: dict[Id, Adjustment] = Field(default_factory=dict, description="Values of the marked piece changed, e.g. counter_drone: 2.")


class PoliticalRule(Model):
    name: str = Field(min_length=1, description="What the players read when it applies, e.g. 'Tehran answers the strikes'.")
    phase: Literal["strategic", "political"] = Field("political", description="The phase in which it is checked, once a turn.")
    when: Condition = Field(description="Tracks and what happened today or yesterday; it applies when all hold.")
    effects: list[Effect] = Field(min_length=1)


class ActiveTeams(Model):
    launch_area: int = Field(ge=1, le=MAX_HEXES, description="Side, in hexes, of the square block of map a launch reveals.")


class Repair(Model):
    kinds: list[PieceKind] = Field(min_length=1)
    turns_without_attack: int = Field(1, ge=1, le=365, description="Whole turns without an attack or strike on it.")

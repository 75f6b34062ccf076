"""The scenario format as typed, immutable models.

A scenario file is the whole game: the map, the sides, the pieces, the tracks,
every dice table and every rule value a designer might tune. These models say
what each key may hold; `checks.py` then checks what one key says about another
(a piece on the map, a table covering every roll). Models are strict and forbid
unknown keys so that a typo (`rnage: 20`) is an error with a line number rather
than a value silently ignored. The JSON Schema that editors use is generated from
these same models (`schema.py`), so the documentation cannot drift from the code.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BeforeValidator, Field, PlainSerializer, PlainValidator, WithJsonSchema, model_validator

from ..grammar import ValueRef, parse_value_ref
from ..kinds import PieceKind
from .choices import ActiveTeams, Cards, MarkerSpec, PoliticalRule, Repair
from .parts import (  # noqa: F401  (the format's vocabulary, re-exported for the modules that read it here)
    ADJUSTABLE,
    EFFECT_VERBS,
    MAX_A_DAY,
    MAX_HEXES,
    MAX_PIECES,
    STATS,
    Adjustment,
    Code,
    Colour,
    Condition,
    Effect,
    EffectVerb,
    HexName,
    Id,
    Model,
    PhaseKind,
    SideName,
    Stat,
)

FORMAT = "wargame-scenario/1"


def _roll_text(value: Any) -> Any:
    """Let `roll: 7` mean the row for a total of exactly 7."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


RollRange = Annotated[
    str,
    BeforeValidator(_roll_text, json_schema_input_type=Union[str, int]),
    Field(
        description=(
            "Modified totals this row covers: '7', '2-6', '10+' (10 or more), "
            "'0-' (0 or less), '-3--1'."
        )
    ),
]

# --- metadata ---------------------------------------------------------------------


class Meta(Model):
    title: str = Field(min_length=1)
    date: str = Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", description="Date of the first turn, YYYY-MM-DD.")
    description: str = Field(min_length=1)
    sources: list[str] = Field(default_factory=list, description="Public reporting the scenario retells.")
    designer: str = ""
    difficulty: Literal["tutorial", "standard", "hard"] = "standard"


# --- map --------------------------------------------------------------------------

TerrainStyle = Literal["desert", "steppe", "farmland", "urban", "hills", "mountains", "water", "marsh", "forest"]


class TerrainType(Model):
    code: Code
    name: str
    style: TerrainStyle = Field(description="How the board draws it.")
    colour: Colour
    population: int = Field(ge=0, le=4, description="Civilian population class of a hex of this terrain.")
    move_cost: int | None = Field(ge=1, description="Movement points to enter; null means impassable.")


class Country(Model):
    code: Code
    name: str
    strike_effects: list[Effect] = Field(
        default_factory=list, description="Extra effects of every sortie that strikes a target in this country."
    )


class Projection(Model):
    west: float
    north: float
    ref_lat: float = Field(description="Latitude at which east-west distances are true.")


class River(Model):
    name: str
    hexes: list[HexName] = Field(min_length=2, description="The hexes it flows through, in order, downstream.")


PlaceKind = Literal["city", "town", "air_base", "crossing", "landmark"]


class Place(Model):
    id: Id
    name: str
    hex: HexName
    country: Id
    kind: PlaceKind
    population: int = Field(ge=0, le=4)
    lat: float | None = None
    lon: float | None = None


class MapSpec(Model):
    columns: int = Field(ge=2, le=99)
    rows: int = Field(ge=2, le=99)
    km_per_hex: float = Field(gt=0)
    projection: Projection | None = None
    terrain_types: dict[Id, TerrainType] = Field(min_length=1)
    countries: dict[Id, Country] = Field(min_length=1)
    terrain: list[str] = Field(min_length=1, description="One string per row, row 01 first, one terrain code per column.")
    country: list[str] = Field(min_length=1, description="One string per row, one country code per column.")
    rivers: list[River] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)


# --- dice tables ------------------------------------------------------------------

# Read once into a typed reference (source, name); written back as the same text.
ValueFrom = Annotated[
    ValueRef,
    PlainValidator(parse_value_ref),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({
        "type": "string",
        "pattern": r"^(attacker|target)\.[a-z_]+$|^hex\.population$|^track\.[a-z][a-z0-9_]*$",
    }),
]


class Modifier(Model):
    name: str
    value: int | None = Field(None, description="A fixed modifier.")
    value_from: ValueFrom | None = Field(
        None,
        description="Take the modifier from a value: attacker.strike, target.counter_drone, hex.population, track.escalation.",
    )
    times: int = Field(1, description="Multiply the value by this (use -1 to subtract a value).")
    when: Condition = Field(default_factory=Condition)

    @model_validator(mode="after")
    def _value_or_from(self) -> Modifier:
        if (self.value is None) == (self.value_from is None):
            raise ValueError("a modifier needs exactly one of 'value' or 'value_from'")
        return self


class ColumnShift(Model):
    name: str
    shift: int = Field(description="Columns to move right (positive, toward the softer columns) or left.")
    when: Condition = Field(default_factory=Condition)


class ResultRow(Model):
    roll: RollRange
    result: Id
    text: str = Field(min_length=1, description="What the players read, e.g. 'Shot down'.")
    effects: list[Effect] = Field(default_factory=list)


class Table(Model):
    title: str
    description: str = ""
    dice: str = Field(description="Dice expression: 1d6, 2d6, 1d10, d100, sums and constants such as 2d6+1.")
    modifiers: list[Modifier] = Field(default_factory=list)
    columns: list[Id] | None = Field(None, description="Column names, hardest target first.")
    column_from: Literal["target.hardness"] | None = None
    column_shifts: list[ColumnShift] = Field(default_factory=list)
    results: list[ResultRow] | dict[Id, list[ResultRow]]


# --- sides, pieces ----------------------------------------------------------------


class SideSpec(Model):
    name: str
    short: str = Field(min_length=1, max_length=12)
    description: str = ""
    factions: list[str] = Field(default_factory=list)
    stocks: dict[Id, int] = Field(default_factory=dict, description="Starting stocks, e.g. drones: 6.")
    stock_max: dict[Id, int] = Field(default_factory=dict)
    move_countries: list[Id] = Field(default_factory=list, description="Countries its mobile pieces may enter.")


class PieceTypeBase(Model):
    name: str
    side: SideName
    symbol: str = Field(
        description="Counter symbol: fixed_wing, uav, rocket, drone_launcher, installation, consulate, depot, facility."
    )
    hardness: Id = Field(description="Strike table column when struck.")
    vp: int = Field(ge=0, description="Victory points to the other side when destroyed.")
    traits: list[Id] = Field(default_factory=list)
    damaged: dict[Id, int] = Field(
        default_factory=dict, description="Changes to its values while damaged, e.g. counter_drone: -2."
    )


class BaseType(PieceTypeBase):
    kind: Literal["base"]
    counter_drone: int = Field(ge=0)
    personnel: int = Field(ge=0)
    off_map: bool = False


class ConsulateType(PieceTypeBase):
    kind: Literal["consulate"]
    counter_drone: int = Field(ge=0)
    personnel: int = Field(ge=0)


class FacilityType(PieceTypeBase):
    kind: Literal["facility"]
    air_defence: int = Field(ge=0)


class DepotType(PieceTypeBase):
    kind: Literal["depot"]
    air_defence: int = Field(ge=0)
    resupply: int = Field(ge=0, description="Drones added to the stock each strategic phase.")


class StrikeFlightType(PieceTypeBase):
    kind: Literal["strike_flight"]
    strike: int
    range: int = Field(ge=1, le=MAX_HEXES, description="Hexes from its base.")
    sorties: int = Field(ge=1, le=MAX_A_DAY, description="Sorties a day.")


class IsrDroneType(PieceTypeBase):
    kind: Literal["isr_drone"]
    detection: int
    range: int = Field(ge=1, le=MAX_HEXES)
    search_radius: int = Field(ge=0, le=MAX_HEXES)
    sorties: int = Field(ge=1, le=MAX_A_DAY)


class LaunchTeamType(PieceTypeBase):
    kind: Literal["launch_team"]
    move: int = Field(ge=0, le=MAX_HEXES, description="Movement points a day.")
    range: int = Field(ge=1, le=MAX_HEXES)
    drones_per_attack: int = Field(ge=1, le=MAX_A_DAY)


class RocketTeamType(PieceTypeBase):
    kind: Literal["rocket_team"]
    move: int = Field(ge=0, le=MAX_HEXES, description="Movement points a day.")
    range: int = Field(ge=1, le=MAX_HEXES)
    rockets_per_attack: int = Field(ge=1, le=MAX_HEXES)


PieceType = Annotated[
    Union[
        BaseType,
        ConsulateType,
        FacilityType,
        DepotType,
        StrikeFlightType,
        IsrDroneType,
        LaunchTeamType,
        RocketTeamType,
    ],
    Field(discriminator="kind"),
]


class Piece(Model):
    id: Id
    type: Id
    name: str
    hex: HexName | None = Field(None, description="Where it stands; flights and ISR drones give `base` instead.")
    base: Id | None = Field(None, description="For flights and ISR drones: the base piece they fly from.")
    hidden: bool = Field(False, description="Hidden from the other side until it is detected.")
    faction: str = ""
    label: str = Field("", max_length=10, description="Short name printed on the counter (default: from the name).")


# --- tracks, sequence, rules, victory ----------------------------------------------

class EndGame(Model):
    result: Literal["draw", "blue", "red", "responsible_side_loses"]
    text: str


class Threshold(Model):
    at: int
    name: str
    direction: Literal["up", "down"] = Field(
        "up", description="'up': in force while the track is at or above `at`; 'down': at or below."
    )
    description: str = ""
    adjust: dict[ADJUSTABLE, Adjustment] = Field(
        default_factory=dict, description="Rule values changed while in force."
    )
    on_reach: list[Effect] = Field(default_factory=list, description="Effects when the track first reaches it.")
    ends_game: EndGame | None = None


class Track(Model):
    name: str
    min: int
    max: int
    start: int
    description: str = ""
    favours: SideName | None = Field(None, description="The side a high value helps, for colouring the track.")
    colours: list[Colour] | None = Field(
        None, min_length=2, max_length=2, description="Colours of the lowest and highest boxes, blended between."
    )
    thresholds: list[Threshold] = Field(default_factory=list)




class Phase(Model):
    phase: PhaseKind
    title: str
    description: str = ""


class Turns(Model):
    count: int = Field(ge=1, le=365)
    sequence: list[Phase] = Field(min_length=1)


class SupplyRules(Model):
    stock: Id = Field(description="The Red stock that depots and crossings refill.")
    crossings: list[Id] = Field(default_factory=list, description="Places through which supplies cross the border.")
    per_crossing: int = Field(ge=0)
    crossing_needs_depot_within: int = Field(
        ge=0, description="A crossing feeds the stock only while a Red depot within this many hexes stands."
    )


class AuthorizationRules(Model):
    per_attack: int = Field(ge=0, description="Authorization earned (next strategic phase) per militia attack on a US site.")
    per_casualty: int = Field(ge=0)
    per_damage: int = Field(0, ge=0, description="Earned per US site an attack newly damages.")
    per_attack_on: dict[Id, int] = Field(
        default_factory=dict, description="Earned per attack on a site of this piece type (beside per_attack), e.g. consulate: 1."
    )
    decay_without_attacks: int = Field(ge=0, description="Lost in a strategic phase after a turn without attacks.")
    per_sortie: int = Field(ge=0, description="Authorization each sortie uses.")
    unauthorized: list[Effect] = Field(description="Extra effects of a sortie flown beyond authorization.")


class Rules(Model):
    drone_stock: Id = Field(description="The stock launch teams draw drones from.")
    rocket_stock: Id
    supply: SupplyRules
    authorization: AuthorizationRules
    attack_effects: list[Effect] = Field(description="Effects of every militia attack declared on a US site.")
    strike_day_effects: list[Effect] = Field(
        description="Effects of a day on which Blue strikes, applied with its first sortie past air defence: "
        "a night of strikes is one political event, however many sorties it holds."
    )
    quiet_turn_effects: list[Effect] = Field(description="Effects of a turn without militia attacks (deterrence).")
    detected_teams_hide_on_move: bool = Field(description="A detected team that moves is hidden again.")
    politics: list[PoliticalRule] = Field(
        default_factory=list, description="The tracks answering what happened, checked each strategic or political phase."
    )
    active_teams: ActiveTeams | None = Field(
        None, description="Teams that launch become active and show where they launched from; going to ground costs a move."
    )
    repair: list[Repair] = Field(default_factory=list, description="Damage mended after turns without an attack on the piece.")


class VpAutomatic(Model):
    side: SideName
    at_least: int
    text: str


class PiecesDestroyed(Model):
    pieces: list[Id] = Field(min_length=1)
    at_least: int = Field(ge=1)


class ObjectiveCondition(Model):
    """All given keys must hold at the end of the game."""

    pieces_destroyed: PiecesDestroyed | None = None
    pieces_undamaged: list[Id] | None = None
    pieces_survive: list[Id] | None = Field(None, description="None of these pieces destroyed.")
    stat_at_least: dict[Stat, int] | None = None
    stat_at_most: dict[Stat, int] | None = None
    track_at_least: dict[Id, int] | None = None
    track_at_most: dict[Id, int] | None = None


class Objective(Model):
    id: Id
    name: str
    side: SideName
    points: int
    when: ObjectiveCondition


class Victory(Model):
    margin: int = Field(ge=0, description="A side wins by having at least this many more victory points.")
    vp_max: int = Field(ge=1, le=1000, description="Length of the victory-point track.")
    automatic: list[VpAutomatic] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list)


# --- the whole scenario -----------------------------------------------------------


class Scenario(Model):
    format: Literal["wargame-scenario/1"]
    id: Id
    meta: Meta
    map: MapSpec
    sides: dict[SideName, SideSpec]
    piece_types: dict[Id, PieceType]
    pieces: list[Piece] = Field(min_length=1, max_length=MAX_PIECES)
    tracks: dict[Id, Track]
    tables: dict[Id, Table]
    turns: Turns
    rules: Rules
    victory: Victory
    markers: dict[Id, MarkerSpec] = Field(default_factory=dict, description="Counters a side places on its own pieces.")
    cards: Cards | None = Field(None, description="Each side's deck of event cards.")


def prebuild() -> None:
    """Build the validators of the two models the Scenario's is best built on (pydantic
    reuses a complete model's schema; leaving Effect's to be built inside Scenario's
    costs more than building it first). Done before the first validation, not at
    import: a shipped scenario loaded from its validated copy (compiled.py) needs no
    validator at all."""
    if not Effect.__pydantic_complete__:
        Effect.model_rebuild()
    if not Country.__pydantic_complete__:
        Country.model_rebuild()

"""The format's shared vocabulary: names, conditions, effects and the statistics they count.

Tables, thresholds, political rules, cards and their operations all speak of
the same things: a condition that must hold ("escalation at least 5", "no
attack today") and an effect that changes the game ("escalation +1", "Blue +2
VP", "draw a card"). They are defined here once, below the models of the
scenario's larger parts (`model.py`, `choices.py`), so every part of a scenario
uses one grammar and the checks and the rules read it one way.
"""

from __future__ import annotations

import functools
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from ..kinds import PieceKind

# Bounds on what makes no sense beyond them, so that every value a scenario may
# hold plays in bounded time: a range or a move longer than the largest map
# (99 x 99 hexes) only makes the rules list hexes that are not there, and a side
# flying or launching more than a few dozen a day makes a turn of thousands of
# commands (10**9 sorties or 10**6 drones once passed validation and then hung
# autoplay). A game's cost grows with its pieces, hence a cap there too.
MAX_HEXES = 99
MAX_A_DAY = 24
MAX_PIECES = 500


class Model(BaseModel):
    # defer_build: a model's validator is built when first used, not when its class is
    # defined. The game validates one Scenario, whose validator holds every part's
    # schema once; built eagerly, each of the 46 models also built its own (about 35 ms
    # of every start, most of it never used).
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


def _hex_name(value: Any) -> Any:
    """Let `hex: 1207` (an unquoted number) mean the hex named "1207"."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 9999:
        return f"{value:04d}"
    return value


HexName = Annotated[
    str,
    BeforeValidator(_hex_name, json_schema_input_type=Union[str, int]),
    Field(pattern=r"^[0-9]{4}$", description="A hex named by column and row, CCRR, e.g. '1207'."),
]
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", description="An identifier: lower case, digits, underscores.")]
Code = Annotated[str, Field(pattern=r"^[A-Za-z]$", description="One letter used in the map rows.")]
Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$", description="A colour as #rrggbb.")]
SideName = Literal["blue", "red"]
PhaseKind = Literal["strategic", "red_operations", "blue_reaction", "blue_isr", "blue_air", "political"]

# --- what the rules count -----------------------------------------------------------

STATS = (
    "attacks", "drones_launched", "drones_shot_down", "drones_through", "rockets_fired",
    "us_casualties", "militia_casualties", "civilian_casualties", "sorties_flown",
    "sorties_turned_back", "unauthorized_sorties", "targets_destroyed", "quiet_turns",
    "strikes", "detections", "cards_played", "attacks_declared",
)  # fmt: skip
Stat = Literal[
    "attacks", "drones_launched", "drones_shot_down", "drones_through", "rockets_fired",
    "us_casualties", "militia_casualties", "civilian_casualties", "sorties_flown",
    "sorties_turned_back", "unauthorized_sorties", "targets_destroyed", "quiet_turns",
    "strikes", "detections", "cards_played", "attacks_declared",
]  # fmt: skip
# What only one side may know: Blue never learns the militias' own count of their dead,
# so no condition a Blue decision hangs on may read it.
SECRET_STATS = {"blue": ("militia_casualties",)}

# Rule values that thresholds, cards and operations may change while in force. Each
# names the values of the kinds it changes (rules/rulebook.py, ADJUSTS).
ADJUSTABLE = Literal[
    "drones_per_attack", "rockets_per_attack", "team_move", "team_range", "sorties", "strike_sorties",
    "isr_sorties", "isr_range", "search_radius", "counter_drone", "air_defence", "resupply",
]  # fmt: skip
ADJUSTABLE_NAMES: tuple[str, ...] = ADJUSTABLE.__args__  # type: ignore[attr-defined]
Adjustment = Annotated[int, Field(ge=-MAX_A_DAY, le=MAX_A_DAY)]

# --- conditions and effects -------------------------------------------------------

StatCounts = dict[Stat, int]


class Condition(Model):
    """Every key given must hold. `attacker` is the piece acting (flight, team, ISR
    drone), `target` the piece or hex it acts on. `today` counts what happened since
    this turn began, `yesterday` what happened in the whole of the turn before."""

    track_at_least: dict[Id, int] | None = None
    track_at_most: dict[Id, int] | None = None
    stat_at_least: StatCounts | None = Field(None, description="Counted over the whole game so far.")
    stat_at_most: StatCounts | None = None
    today_at_least: StatCounts | None = Field(None, description="Counted since this turn began, e.g. {strikes: 1}.")
    today_at_most: StatCounts | None = Field(None, description="e.g. {attacks: 0}: no militia attack today.")
    yesterday_at_least: StatCounts | None = Field(None, description="Counted over the turn before this one.")
    yesterday_at_most: StatCounts | None = None
    target_kind: list[PieceKind] | None = None
    target_type: list[Id] | None = None
    target_terrain: list[Id] | None = None
    target_country: list[Id] | None = None
    target_population_at_least: int | None = None
    target_damaged: bool | None = None
    target_trait: Id | None = None
    target_attacked_this_turn: bool | None = Field(None, description="The target piece launched an attack this turn.")
    target_moved_this_turn: bool | None = None
    target_active: bool | None = Field(None, description="The target is an active team (it launched and has not gone to ground).")
    target_marker: Id | None = Field(None, description="The target carries this marker.")
    intel_fresh: bool | None = Field(None, description="The target was detected this turn or the turn before.")
    attacker_kind: list[PieceKind] | None = None
    attacker_type: list[Id] | None = None
    attacker_trait: Id | None = None
    attacker_damaged: bool | None = None
    distance_at_most: int | None = Field(None, description="Hexes between the attacker's aim point and the target.")


EffectVerb = Literal[
    "track", "vp", "stock", "target", "attacker", "attack", "casualties",
    "militia_casualties", "civilian_casualties", "roll", "assessment",
    "adjust", "draw", "confirm", "authorize",
]  # fmt: skip
EFFECT_VERBS: tuple[str, ...] = EffectVerb.__args__  # type: ignore[attr-defined]
# the keys each verb needs beside itself, and the further keys it may take
_NEEDS = {"track": ("change",), "vp": ("points",), "stock": ("side", "change"), "adjust": ("change",), "draw": ("side",)}
_MAY = {"vp": ("reason",), "casualties": ("vp_each", "reason", "then")}
_EXTRAS = ("change", "points", "side", "reason", "vp_each", "then")


class Effect(Model):
    """One change to the game. Exactly one verb key per effect, e.g.
    `{track: escalation, change: 1}`, `{vp: red, points: 2}`, `{target: damage}`."""

    track: Id | None = Field(None, description="Move this track by `change`.")
    vp: SideName | None = Field(None, description="Give this side `points` victory points.")
    stock: Id | None = Field(None, description="Change `side`'s stock of this by `change`.")
    target: Literal["damage", "destroy", "suppress", "detect"] | None = None
    attacker: Literal["damage", "suppress"] | None = None
    attack: Literal["stop"] | None = Field(None, description="The drone is shot down or the sortie turned back.")
    casualties: int | None = Field(
        None, ge=1, description="US personnel casualties at the target, no more than it has personnel left; "
        "`vp_each` and `then` follow only the casualties actually inflicted."
    )
    militia_casualties: int | None = Field(None, ge=1)
    civilian_casualties: int | None = Field(None, ge=1)
    roll: Id | None = Field(None, description="Roll this other table for the same attacker and target.")
    assessment: Literal["confirmed", "unclear"] | None = None
    adjust: ADJUSTABLE | None = Field(None, description="Change this rule value by `change` for the rest of the turn.")
    draw: int | None = Field(None, ge=1, le=MAX_A_DAY, description="`side` draws this many cards.")
    confirm: Literal["strikes"] | None = Field(
        None, description="The striking side learns what each of its strikes with unclear results did."
    )
    authorize: int | None = Field(
        None, ge=-MAX_A_DAY, le=MAX_A_DAY, description="Authorization earned (or lost) at the next strategic phase."
    )
    change: int | None = None
    points: int | None = None
    side: SideName | None = None
    reason: str | None = Field(None, description="Heading in the victory-point breakdown.")
    vp_each: int | None = Field(None, ge=1, description="Casualties: victory points to the attacking side per casualty inflicted.")
    then: list[Effect] | None = Field(None, description="Casualties: effects that follow only if any casualty was inflicted.")

    @model_validator(mode="after")
    def _one_verb(self) -> Effect:
        verbs = [v for v in EFFECT_VERBS if getattr(self, v) is not None]
        if len(verbs) != 1:
            raise ValueError(
                "an effect needs exactly one of " + ", ".join(EFFECT_VERBS) + (f" (found {', '.join(verbs)})" if verbs else "")
            )
        verb = verbs[0]
        needs = _NEEDS.get(verb, ())
        for key in needs:
            if getattr(self, key) is None:
                raise ValueError(f"a '{verb}' effect needs '{key}'")
        allowed = set(needs) | {verb} | set(_MAY.get(verb, ()))
        extra = [k for k in _EXTRAS if getattr(self, k) is not None and k not in allowed]
        if extra:
            raise ValueError(f"'{extra[0]}' does not belong in a '{verb}' effect")
        if verb == "adjust" and abs(self.change or 0) > MAX_A_DAY:  # as a threshold's adjust: a turn stays bounded
            raise ValueError(f"an 'adjust' effect changes a rule value by at most {MAX_A_DAY} either way (found {self.change})")
        return self

    @functools.cached_property
    def verb(self) -> str:
        """Which of the verbs this effect uses (read on every roll, so worked out once)."""
        return next(v for v in EFFECT_VERBS if getattr(self, v) is not None)


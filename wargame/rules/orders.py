"""The commands declared as data: for each, the phase it belongs to, the field
naming the piece that acts, the rule that may refuse it, what carries it out,
and whether it may be taken back (only what rolls no die and reveals nothing).

The engine, the legality checks and the undo all read this one table, so a
new command is one entry here rather than a branch in several chains.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from . import cards, hiding, legality, markers, procedures
from .commands import (
    Command,
    DroneAttack,
    EndPhase,
    FlySortie,
    GoToGround,
    MoveTeam,
    PlaceMarker,
    PlayCard,
    ResolveAttack,
    RocketAttack,
    TaskIsr,
)

if TYPE_CHECKING:
    from .engine import Game


@dataclass(frozen=True, slots=True)
class Order:
    phase: str | None  # None: any phase
    actor: str | None  # the command's field that names the acting piece
    check: Callable[[Game, Command], str | None]
    carry_out: Callable[[Game, Command], None]
    undoable: bool = False


ORDERS: dict[type, Order] = {
    EndPhase: Order(None, None, legality.check_end_phase, procedures.end_phase),
    MoveTeam: Order("red_operations", "team", legality.check_move, procedures.move_team, undoable=True),
    DroneAttack: Order("red_operations", "team", legality.check_drone_attack, procedures.drone_attack, undoable=True),
    RocketAttack: Order(
        "red_operations", "team", legality.check_rocket_attack, procedures.rocket_attack, undoable=True
    ),
    ResolveAttack: Order("blue_reaction", None, legality.check_resolve, procedures.resolve_attack),
    TaskIsr: Order("blue_isr", "drone", legality.check_isr, procedures.task_isr),
    FlySortie: Order("blue_air", "flight", legality.check_sortie, procedures.fly_sortie),
    GoToGround: Order("red_operations", "team", hiding.check_ground, hiding.go_to_ground, undoable=True),
    # a marker's phase is the scenario's (markers.placed_in), checked by the marker's own rule
    PlaceMarker: Order(None, "piece", markers.check_place, markers.place, undoable=True),
    # a card is played in any phase in which its side decides (cards.check_play)
    PlayCard: Order(None, None, cards.check_play, cards.play),
}  # type: ignore[dict-item]


def why_illegal(g: Game, command: Command) -> str | None:
    """Why the rules refuse this command now, or None if they allow it."""
    if g.state.result is not None:
        return "the game is over"
    order = ORDERS.get(type(command))
    if order is None:
        return f"unknown command {command!r}"
    if order.phase is not None and order.phase != g.phase:
        return f"{command.name} is not allowed in the {g.phase_title}"
    return order.check(g, command)

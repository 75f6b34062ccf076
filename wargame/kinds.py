"""The vocabulary of piece kinds: one place for what each kind is and does.

A kind is what a piece *is* to the rules (a base, a launch team); a piece type
in the scenario gives it its name and values. The rules, the checks, the
computer players and the screens all group kinds the same way (which side may
own them, which fly from a base, which move, which the other side attacks), so
the groups are written here once instead of in each of them.
"""

from __future__ import annotations

from typing import Literal

PieceKind = Literal[
    "base",
    "consulate",
    "facility",
    "depot",
    "strike_flight",
    "isr_drone",
    "launch_team",
    "rocket_team",
]
PIECE_KINDS: tuple[str, ...] = PieceKind.__args__  # type: ignore[attr-defined]

# which side may field each kind
BLUE_KINDS = ("base", "consulate", "strike_flight", "isr_drone")
RED_KINDS = ("facility", "depot", "launch_team", "rocket_team")
SIDE_KINDS = {"blue": BLUE_KINDS, "red": RED_KINDS}

US_SITES = ("base", "consulate")  # what militia attacks aim at
AIRCRAFT = ("strike_flight", "isr_drone")  # fly from a base, sorties a day
TEAMS = ("launch_team", "rocket_team")  # move on the map and launch attacks
INSTALLATIONS = ("base", "consulate", "facility", "depot")  # stand still, drawn at the bottom of a stack
# Pieces that may be hidden from the other side: those its searches can find.
HIDEABLE = RED_KINDS

# The people's name of each kind: on counters' tooltips, in the rulebook, in the editor.
KIND_NAMES = {
    "base": "Base",
    "consulate": "Consulate",
    "facility": "Operational facility",
    "depot": "Weapons depot",
    "strike_flight": "Strike flight",
    "isr_drone": "ISR drone",
    "launch_team": "Drone launch team",
    "rocket_team": "Rocket team",
}

# The values of each kind, in the order a counter prints them and a card lists them.
KIND_VALUES = {
    "base": ("counter_drone", "personnel"),
    "consulate": ("counter_drone", "personnel"),
    "facility": ("air_defence",),
    "depot": ("air_defence", "resupply"),
    "strike_flight": ("strike", "range", "sorties"),
    "isr_drone": ("detection", "range", "search_radius", "sorties"),
    "launch_team": ("drones_per_attack", "range", "move"),
    "rocket_team": ("rockets_per_attack", "range", "move"),
}

# the side that decides in each phase (the strategic and political phases run by themselves)
PHASE_SIDE = {"red_operations": "red", "blue_reaction": "blue", "blue_isr": "blue", "blue_air": "blue"}

SIDES = ("blue", "red")
OTHER = {"blue": "red", "red": "blue"}
SIDE_NAMES = {"blue": "Blue", "red": "Red"}

"""How the tactics lean: the knobs a plan sets (kept apart from the tactics, so that
naming the computer players, as the menu and the command line do, imports no play)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Knobs:
    """How the tactics lean. The defaults are the greedy player's."""

    attacks: bool = True  # Red: launch attacks at all today
    attack_floor: float = 0.0  # Red: launch only attacks worth more than this
    one_drone: bool = False  # Red: one drone a salvo (keep the stock for later days)
    hide_seen: bool = True  # Red: move a team the other side sees before anything else
    close_in: bool = True  # Red: teams with nothing in range move toward the sites
    foresee_strikes: bool = False  # Red: dig in where Blue's strike would come (greedy: where the loss hurts most)
    ground: bool = True  # Red: an active team that does not launch today goes back to ground
    strike_floor: float = 0.3  # Blue: fly a sortie only if worth more than this
    strikes: int = 99  # Blue: at most this many sorties today
    fresh_only: bool = False  # Blue: strike only targets seen today or yesterday (search before every strike)
    search: bool = True  # Blue: fly ISR searches
    cards: bool = True  # either side: play cards
    card_floor: float = 0.15  # play a card only for an event or operation worth more than this
    markers: bool = True  # either side: place its markers


GREEDY = Knobs()

"""Named plans: simple fixed strategies, as computer players, to measure the others against.

A designer asks of a scenario whether any one-line plan wins it: attack with
everything, never attack, strike nothing, search before every strike. Each is
the greedy tactics with its knobs fixed for its own side (the search player
weighs the same knobs among its candidate plans, phase by phase, instead of
always the same), so a plan plays every other decision as greedy would.
Balance asks that none of them wins more than half its decided games against
the search player on the other side.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from typing import TYPE_CHECKING

from ..rules.commands import Command
from ..rules.views import Decision
from .knobs import GREEDY, Knobs

if TYPE_CHECKING:
    from .tactics import Tactics


@dataclass(frozen=True)
class Plan:
    side: str
    knobs: Knobs
    description: str


PLANS: dict[str, Plan] = {
    "all-out": Plan("red", Knobs(attack_floor=-99.0, ground=False), "Red attacks with everything, every day"),
    "never": Plan("red", Knobs(attacks=False), "Red never attacks"),
    "no-strike": Plan("blue", Knobs(strikes=0), "Blue strikes nothing"),
    "scout-first": Plan("blue", Knobs(fresh_only=True), "Blue strikes only what its ISR saw today or yesterday"),
}


class PlanPlayer:
    """A fixed plan for its side (greedy for anything the plan does not say)."""

    def __init__(self, name: str, seed: int):
        self.name = name
        self.plan = PLANS[name]
        self.rng = random.Random(seed)
        self._tactics: Tactics | None = None

    def choose(self, decision: Decision) -> Command:
        if len(decision.legal) == 1:
            return decision.legal[0]
        from .greedy import search_hints
        from .tactics import Tactics

        if self._tactics is None or self._tactics.rules is not decision.rules:
            self._tactics = Tactics(decision.rules, self.rng)
        view = decision.view
        knobs = self.plan.knobs if decision.side == self.plan.side else GREEDY
        hints = search_hints(decision) if view.phase_kind == "blue_isr" else ()
        return self._tactics.choose(decision.side, view, decision.legal, knobs, hints)

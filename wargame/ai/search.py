"""The search player: a determinized search over worlds its side could be in.

At the first decision of each phase that matters (Red's operations, Blue's air
operations) it weighs a few plans: the greedy tactics and variants of them
(hold fire, one drone a salvo, only the best attacks; no strikes today, one
strike, only good ones, strike freely). Each plan is played out in worlds drawn
from the side's belief (`Decision.worlds`: hidden teams placed where they could
be, never where they are) with dice of the search's own (the chance interface's
`fork`), the rest of the game by the greedy tactics for both sides, and scored
by how the game ends: a win, a draw, a loss, and by how much. Every plan meets
the same worlds and the same dice (common random numbers), so the comparison
measures the plans, not the luck; the budget is spent by sequential halving,
so the weak plans are dropped early and the close ones get more games. The
chosen plan then plays out the phase in the true game, one command at a time.

ISR searches need no rollouts: each drone searches the hex where, over the
sampled worlds, hidden pieces are likeliest to be found, with the exact odds of
the detection table for each.

The budget is in iterations (games played out), never in time, so the same
seed gives the same moves on any machine: `fast`, `normal`, `hard`.
"""

from __future__ import annotations

import math
import random
from typing import Sequence

from .. import hexgrid
from ..rules.chance import Chance
from ..rules.commands import Command, EndPhase, TaskIsr
from ..rules.engine import Game
from ..rules.legality import commands_now
from ..rules.rulebook import Rulebook, Situation
from ..rules.state import GameState
from ..rules.views import Decision
from .greedy import search_hints
from .stakes import Stakes
from .knobs import GREEDY, Knobs
from .tactics import Tactics

# games played out per searched phase, by level
LEVELS = {"fast": 24, "normal": 128, "hard": 384}
# the plans weighed in each phase, best guess first (a tie keeps the first)
PLANS: dict[str, tuple[Knobs, ...]] = {
    "red_operations": (
        GREEDY,
        Knobs(attacks=False),
        Knobs(one_drone=True),
        Knobs(attack_floor=0.8),
        Knobs(attack_floor=-99.0, ground=False),
    ),
    "blue_air": (
        GREEDY,
        Knobs(strikes=0),
        Knobs(strike_floor=1.2),
        Knobs(strike_floor=-0.8),
        Knobs(fresh_only=True),
    ),
}
FULL_BUDGET_TURNS = 6  # with more turns left than this, a search plays out proportionally fewer games
PLAN_NOISE = 1.0  # the spread of one playout's score: another plan must beat greedy by more than its noise
SHAPING = 0.2  # weight of the final margin beside the result, so close calls still teach


class SearchPlayer:
    name = "ai"

    def __init__(self, seed: int, level: str = "normal", iterations: int | None = None):
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r} (known: {', '.join(LEVELS)})")
        self.seed = seed
        self.level = level
        self.iterations = iterations if iterations is not None else LEVELS[level]
        self.rng = random.Random(seed)
        self._plan: tuple[tuple, Knobs] | None = None
        self._rules: Rulebook | None = None
        self._stakes: Stakes | None = None
        self._mine: Tactics | None = None
        self._detect: dict[tuple, float] = {}
        self.last: dict[str, float] = {}  # each plan's mean score at the last search (for tests and curiosity)

    def _setup(self, rules: Rulebook) -> None:
        if self._rules is not rules:
            self._rules, self._stakes = rules, Stakes(rules)
            self._mine = Tactics(rules, self.rng, self._stakes)
            self._plan, self._detect = None, {}

    def choose(self, decision: Decision) -> Command:
        legal = decision.legal
        if len(legal) == 1:
            return legal[0]
        self._setup(decision.rules)
        assert self._mine is not None
        view = decision.view
        kind = view.phase_kind
        if kind == "blue_isr" and decision.worlds is not None:
            pick = self._search_hex(decision)
            if pick is not None:
                return pick
        hints = search_hints(decision) if kind == "blue_isr" else ()
        knobs = GREEDY
        if kind in PLANS and decision.worlds is not None:
            # Red's orders roll no die, so one plan serves the whole phase; Blue weighs its
            # plans again after each sortie, whose dice may have changed the picture
            here = (view.turn, view.phase, view.strikes_today if kind == "blue_air" else 0,
                    view.stats.get("sorties_flown", 0) if kind == "blue_air" else 0)  # fmt: skip
            if self._plan is None or self._plan[0] != here:
                self._plan = (here, self._best_plan(decision, PLANS[kind]))
            knobs = self._plan[1]
        return self._mine.choose(decision.side, view, legal, knobs, hints)

    # --- plans ------------------------------------------------------------------------

    def _best_plan(self, decision: Decision, plans: Sequence[Knobs]) -> Knobs:
        """Sequential halving over the plans, every plan on the same worlds and dice."""
        view = decision.view
        base = (self.seed * 1_000_003 + view.turn * 1009 + view.phase * 17 + (decision.side == "red")) % (1 << 62)
        alive = list(range(len(plans)))
        totals = [0.0] * len(plans)
        counts = [0] * len(plans)
        rounds = max(1, math.ceil(math.log2(len(plans))))
        # a playout from the first days is the longest: fewer of them then, so no move is slow
        left = decision.rules.scenario.turns.count - view.turn + 1
        budget = max(len(plans), round(self.iterations * min(1.0, FULL_BUDGET_TURNS / max(1, left))))
        world = 0
        for r in range(rounds):
            per = max(1, budget // (rounds * len(alive)))
            for _ in range(per):
                seed = base * 7919 + world
                world += 1
                start = decision.worlds(seed)  # type: ignore[misc]
                for k in alive:
                    totals[k] += self._play_out(decision, start.clone(), seed, plans[k])
                    counts[k] += 1
            alive.sort(key=lambda k: (-totals[k] / counts[k], k))
            if r < rounds - 1:
                alive = alive[: max(1, (len(alive) + 1) // 2)]
        best = min(alive, key=lambda k: (-totals[k] / counts[k], k))
        self.last = {str(k): totals[k] / counts[k] for k in range(len(plans)) if counts[k]}
        # the first plan (the greedy tactics) is kept unless another beats it by more than luck
        # could: with a small budget a plan is judged on a few games, and luck would pick it
        if best != 0 and counts[0]:
            margin = PLAN_NOISE / math.sqrt(min(counts[best], counts[0]))  # about one standard error of the difference
            if totals[best] / counts[best] - totals[0] / counts[0] < margin:
                best = 0
        return plans[best]

    def _play_out(self, decision: Decision, state: GameState, seed: int, knobs: Knobs) -> float:
        """Play the phase with the plan and the rest of the game greedily, in one world."""
        rules = decision.rules
        g = Game.resume(rules, state, seed, decision.chance.fork(seed))  # dice of its own, never the game's
        tactics = Tactics(rules, random.Random(seed), self._stakes)
        side, turn, phase = decision.side, state.turn, state.phase
        st = g.state
        while st.result is None:
            mover = g.side_to_move
            legal = commands_now(g)
            mine = mover == side and st.turn == turn and st.phase == phase
            g.apply(tactics.choose(mover, st, legal, knobs if mine else GREEDY))  # type: ignore[arg-type]
        return score(rules, st, side)

    # --- ISR ---------------------------------------------------------------------------

    def _search_hex(self, decision: Decision) -> Command | None:
        """The search likeliest to find hidden pieces (weighted by their points), over sampled worlds."""
        legal, view, rules = decision.legal, decision.view, decision.rules
        tasks = [c for c in legal if type(c) is TaskIsr]
        if not tasks:
            return None
        drone = view.pieces[tasks[0].drone]
        tasks = [c for c in tasks if c.drone == drone.id]
        radius = rules.value(view, drone, "search_radius")
        other = "red" if decision.side == "blue" else "blue"
        hidden = [pid for pid in rules.side_pieces[other] if pid not in view.pieces]
        if not hidden:
            return None
        worth: dict = {}
        n = max(8, self.iterations // 4)
        base = (self.seed * 999_983 + view.turn * 131 + view.phase) % (1 << 62)
        for i in range(n):
            w = decision.worlds(base * 7907 + i)  # type: ignore[misc]
            for pid in hidden:
                p = w.pieces[pid]
                if p.destroyed:
                    continue
                value = rules.piece_types[p.type].vp + 1
                for aim in rules.area(p.hex, radius):
                    worth[aim] = worth.get(aim, 0.0) + value * self._found(rules, view, drone, p, aim)
        if not worth:
            return None
        best = max(tasks, key=lambda t: (worth.get(t.hex, 0.0), -hexgrid.distance(t.hex, drone.hex)))
        return best if worth.get(best.hex, 0.0) > 0 else None

    def _found(self, rules: Rulebook, view, drone, p, aim) -> float:
        attacked = p.attacked_turn == view.turn
        key = (drone.type, drone.damaged, p.type, p.hex, aim == p.hex, hexgrid.distance(aim, p.hex), attacked)
        got = self._detect.get(key)
        if got is None:
            setup = rules.setup("isr_detection", view, Situation(drone, p, p.hex, aim))
            got = self._detect[key] = float(sum(o.chance for o in Chance.outcomes(setup)
                                                if any(e.verb == "target" and e.target == "detect" for e in o.row.effects)))  # fmt: skip
        return got


def score(rules: Rulebook, st: GameState, side: str) -> float:
    """How a finished game (or one cut short) went for `side`: +1 a win, -1 a loss, 0 a
    draw, and a little for the margin of points against the scenario's margin."""
    other = "red" if side == "blue" else "blue"
    result = st.result
    value = 0.0
    if result is not None and result.winner is not None:
        value = 1.0 if result.winner == side else -1.0
    margin = max(1, rules.scenario.victory.margin)
    diff = (st.vp[side] - st.vp[other]) / (2 * margin)
    return value + SHAPING * max(-1.0, min(1.0, diff))


__all__ = ["LEVELS", "SearchPlayer", "EndPhase", "score"]

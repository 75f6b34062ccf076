"""The search player: a determinized search over worlds its side could be in.

At the first decision of each phase that matters (Red's operations, Blue's air
operations) it weighs a few plans, each the tactics with other knobs. Two kinds:

- standing plans, kept from day to day (Red: a drone a salvo, so the stocks last
  the campaign, or the greedy salvos; Blue: the greedy strikes, or only the
  better ones). Which one the side keeps to is asked at every search, so the
  evidence is pooled over the game and the side switches when the pooled
  playouts say clearly that another does better;
- plans for today only (hold fire, only the best attacks, everything, either
  standing plan's salvos; no strikes today, only very good ones, strike freely,
  only fresh targets), taken when this search finds one clearly better than
  keeping to the standing plan today.

Every Red plan digs in where Blue's strike would come (`Knobs.foresee_strikes`),
which greedy, the baseline, does not.

Each plan is played out in worlds drawn from the side's belief
(`Decision.worlds`: hidden teams placed where they could be, never where they
are) with dice of the search's own (the chance interface's `fork`): the side
plays the plan, the other side one of the ways it may play (a different one in
each world, the same for every plan; `opponents.py`: each way as often as what
the other side did so far makes it likely), each deciding on its own
view of the imagined world, to the game's end, scored by how it ends (a win, a
draw, a loss, and by how much). Every plan meets the same worlds and dice (common
random numbers; each phase draws a stream of its own, so plans that leave the
world alike meet the same rolls), so the comparison measures the plans, not the
luck; the budget is spent by sequential halving, so weak plans are dropped early
and the close ones get more games. The chosen plan then plays out the phase in
the true game, one command at a time.

ISR searches need no rollouts: each drone searches the hex where, over the
sampled worlds, hidden pieces are likeliest to be found, with the exact odds of
the detection table for each.

The budget is in iterations (games played out), never in time, so the same
seed gives the same moves on any machine: `fast`, `normal`, `hard`.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, fields, replace
from operator import attrgetter
from typing import Sequence

from .. import hexgrid
from ..rules.chance import Chance
from ..rules.commands import Command, EndPhase, FlySortie, TaskIsr
from ..rules.engine import Game
from ..rules.legality import commands_now
from ..rules.rulebook import Rulebook, Situation
from ..rules.state import GameState
from ..rules.views import Decision
from .greedy import search_hints
from .stakes import Stakes
from .knobs import GREEDY, Knobs
from .evidence import clearly_positive, clearly_positive_over, weighted_mean
from .opponents import Opponent, ways_of
from .tactics import Tactics

# Games played out per searched phase, by level and side, so that each side's search costs
# about the same in a game. Red orders its whole day in one search; Blue searches again after
# each sortie (two or three times a day, the later ones at AGAIN's share). At one budget for
# both, a search Red spent half a search Blue's time (11.5 against 20.7 references a game at
# `fast`) and lost to it: Blue won 56.1% of the decided games of 1,000 at `fast`. `fast` is
# held to 20 references a game: Red's 26 and Blue's 18 cost 14.2 and 17.0 (median of 5 games;
# 40 and 20, once each round's games were no longer rounded down, cost Red 27.5 in 12 games).
# Blue's 120 at `normal` plays about the games its 128 did while they were rounded down (975
# and 937 a game; 128 spent in full played 1,065 and cost 94 references against 88).
LEVELS = {"fast": {"blue": 18, "red": 26}, "normal": {"blue": 120, "red": 160}, "hard": {"blue": 384, "red": 480}}
# Blue's search again after a sortie plays this share of its first search of the phase: it asks
# only whether today's plan still holds (which standing plan to keep is pooled over the game)
AGAIN = 0.5


@dataclass(frozen=True, slots=True)
class Plan:
    """How the searching side plays today (`today`) and on the days after (`later`:
    None keeps the side's standing plan). A standing plan (`later` set) is judged by
    playing it to the end, as the side would; a plan for today only is judged with
    the standing plan after it."""

    today: Knobs
    later: Knobs | None = None


# Red's plans dig in where Blue's strike would come (greedy, the baseline, digs in by what a site
# stands to lose alone: a greedy Red that foresaw the strikes won 62.6% of the decided games of 2,000
# against greedy Blue, not 54.9%, past the June scenario's balance target of 40-60% for greedy play)
RED = Knobs(foresee_strikes=True)
# the plans weighed in each phase; the first of each side is its standing plan to begin with
PLANS: dict[str, tuple[Plan, ...]] = {
    "red_operations": (
        Plan(replace(RED, one_drone=True), replace(RED, one_drone=True)),  # a drone a salvo: stocks last the whole campaign
        Plan(RED, RED),
        Plan(replace(RED, attacks=False)),
        Plan(replace(RED, attack_floor=0.8)),
        Plan(replace(RED, attack_floor=-99.0, ground=False)),
        # each standing plan for today only: greedy's salvos on a day a drone a salvo wastes
        # (a full stock, or a card that lets each team send one drone more), and the reverse
        Plan(RED),
        Plan(replace(RED, one_drone=True)),
    ),
    "blue_air": (
        Plan(GREEDY, GREEDY),
        Plan(Knobs(strike_floor=0.6), Knobs(strike_floor=0.6)),
        Plan(Knobs(strikes=0)),
        Plan(Knobs(strike_floor=1.2)),
        Plan(Knobs(strike_floor=-0.8)),
        Plan(Knobs(fresh_only=True)),
    ),
}
FULL_BUDGET_TURNS = 6  # with more turns left than this, a search plays out proportionally fewer games
# and no search imagines more turns than this (its games times the turns each has left), so no move
# is slow: at `normal` the first days' searches of June took 1.3 s (Red's one search of the day most)
MOST_TURNS = 640
# a plan for today replaces the standing one only if better by this many standard errors. Red puts
# the best of five to the test, and at one error a plan no better than the standing one often passed
# it, each such day costing a little: a Red keeping to a drone a salvo won 65.9% of its decided games
# against greedy at one error, 70.9% at two. Blue's plans for today are fewer and each worth more:
# at two errors the search Blue won 63.4% against greedy, at one 71.2% (`normal`, 200 games each)
CONFIDENCE = {"blue": 1.0, "red": 2.0}
# another standing plan takes over once better over the game's pooled playouts by this many: a choice
# between two or three, asked again and again, is best made on the mean (a guard is for many choices)
POOLED_CONFIDENCE = 0.5
SHAPING = 0.2  # weight of the final margin beside the result, so close calls still teach


class SearchPlayer:
    name = "ai"

    def __init__(self, seed: int, level: str = "normal", iterations: int | None = None):
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r} (known: {', '.join(LEVELS)})")
        self.seed = seed
        self.level = level
        self.iterations = iterations  # None: the level's, for the side it plays
        self.rng = random.Random(seed)
        self._plan: tuple[tuple, Plan] | None = None
        self._standing: Plan | None = None  # the plan the side keeps to, until another proves better
        self._turn = 0
        # standing plan -> (the other side's way in the world, its score less the first's) in each world so far
        self._pool: dict[int, list[tuple[int, float]]] = {}
        self._rules: Rulebook | None = None
        self._stakes: Stakes | None = None
        self._mine: Tactics | None = None
        self._detect: dict[tuple, float] = {}
        self._opponent: Opponent | None = None  # how the other side may play, as seen so far this game
        self.last: dict[str, float] = {}  # each plan's mean score at the last search (for tests and curiosity)

    def _setup(self, rules: Rulebook, turn: int) -> None:
        if self._rules is not rules or turn < self._turn:  # another scenario, or a new game
            self._rules, self._stakes = rules, Stakes(rules)
            self._mine = Tactics(rules, self.rng, self._stakes)
            self._plan, self._standing, self._detect, self._pool = None, None, {}, {}
            self._opponent = None
        self._turn = turn

    def choose(self, decision: Decision) -> Command:
        legal = decision.legal
        if len(legal) == 1:
            return legal[0]
        view = decision.view
        self._setup(decision.rules, view.turn)
        assert self._mine is not None
        kind = view.phase_kind
        if kind == "blue_isr" and decision.worlds is not None:
            pick = self._search_hex(decision)
            if pick is not None:
                return pick
        hints = search_hints(decision) if kind == "blue_isr" else ()
        searched = next((k for k in PLANS if k.startswith(decision.side)), None)
        if self._standing is None and searched is not None:
            self._standing = PLANS[searched][0]
        knobs = self._standing.later if self._standing is not None else GREEDY
        if kind == searched and decision.worlds is not None:
            # Red's orders roll no die, so one plan serves the whole phase; Blue weighs its
            # plans again after each sortie, whose dice may have changed the picture
            here = (view.turn, view.phase, view.strikes_today if kind == "blue_air" else 0,
                    view.stats.get("sorties_flown", 0) if kind == "blue_air" else 0)  # fmt: skip
            if self._plan is None or self._plan[0] != here:
                again = self._plan is not None and self._plan[0][:2] == here[:2]
                self._plan = (here, self._best_plan(decision, PLANS[kind], AGAIN if again else 1.0))
            knobs = self._plan[1].today
        return self._mine.choose(decision.side, view, legal, knobs or GREEDY, hints)

    # --- plans ------------------------------------------------------------------------

    def _budget(self, side: str) -> int:
        return self.iterations if self.iterations is not None else LEVELS[self.level][side]

    def _best_plan(self, decision: Decision, plans: Sequence[Plan], share: float = 1.0) -> Plan:
        """Sequential halving over the plans, every plan on the same worlds and dice.

        The standing plans (the first, and each other with `later` set) are never
        dropped: which one the side keeps to is a question every search asks again,
        so its evidence is pooled over the game (`_pool`), each way the other side may
        play weighed by how likely it is now, and the side switches only when the
        pooled games say clearly that another does better than the first. A plan for
        today alone is taken when this search finds it clearly better than keeping to
        the standing plan today. The chosen plan's playouts foresee what the other side
        strikes today in each way; tomorrow, what it did strike weighs the ways."""
        view = decision.view
        standing = self._standing
        assert standing is not None and standing.later is not None
        later = standing.later
        kept = [i for i, p in enumerate(plans) if p.later is not None]
        base = (self.seed * 1_000_003 + view.turn * 1009 + view.phase * 17 + (decision.side == "red")) % (1 << 62)
        # a plan for today that is the standing plan's own today is the standing plan
        alive = [k for k, p in enumerate(plans) if p.later is not None or p.today != later]
        scores: list[dict[int, float]] = [{} for _ in plans]  # per plan, the score in each world
        rounds = max(1, math.ceil(math.log2(len(alive))))
        # a playout from the first days is the longest: fewer of them then, so no move is slow
        left = decision.rules.scenario.turns.count - view.turn + 1
        full = self._budget(decision.side) * min(1.0, FULL_BUDGET_TURNS / max(1, left))
        budget = max(len(plans), round(share * min(full, MOST_TURNS / max(1, left))))
        world = 0
        if self._opponent is None or self._opponent.side != decision.side:
            self._opponent = Opponent(decision.side)
        opponent = self._opponent
        weights = opponent.weights(decision)
        robin = [0.0] * len(weights)  # the ways' round-robin over this search's worlds
        way: dict[int, int] = {}  # world -> the way the other side plays in it
        struck: list[dict[int, tuple]] = [{} for _ in plans]  # per plan, the other side's strikes today in each world

        def mean(k: int) -> float:
            return sum(scores[k].values()) / len(scores[k])

        spent = 0
        for r in range(rounds):
            # what is left, shared among the rounds to come: a round's games split evenly
            # among the plans alive would leave the rest of the budget unspent
            per = max(1, (budget - spent) // ((rounds - r) * len(alive)))
            spent += per * len(alive)
            for _ in range(per):
                seed = base * 7919 + world
                start = decision.worlds(seed)  # type: ignore[misc]
                way[world] = w = ways_of(1, weights, robin)[0]
                for k in alive:
                    scores[k][world], struck[k][world] = self._play_out(decision, start.clone(), seed, plans[k].today,
                                                                        plans[k].later or later, opponent.ways[w])  # fmt: skip
                world += 1
            alive.sort(key=lambda k: (-mean(k), k))
            if r < rounds - 1:
                alive = alive[: max(1, (len(alive) + 1) // 2)]
                alive += [k for k in kept if k not in alive]
        self.last = {str(k): mean(k) for k in range(len(plans)) if scores[k]}
        for k in kept[1:]:
            pairs = ((way[w], scores[k][w] - scores[0][w]) for w in scores[k] if w in scores[0])
            self._pool.setdefault(k, []).extend(pairs)
        # each way's evidence weighed by how likely the other side is to be playing it now: worlds
        # of a way since ruled out are about an opponent the side is not facing
        better = [k for k in kept[1:] if clearly_positive_over(self._pool.get(k, []), weights, POOLED_CONFIDENCE)]
        now = max(better, key=lambda k: weighted_mean(self._pool[k], weights)) if better else 0
        self._standing = chosen = plans[now]
        for k in sorted((k for k in alive if plans[k].later is None), key=lambda k: (-mean(k), k))[:1]:
            diffs = [scores[k][w] - scores[now][w] for w in scores[k] if w in scores[now]]
            if mean(k) > mean(now) and clearly_positive(diffs, CONFIDENCE[decision.side]):
                chosen = plans[k]
        c = plans.index(chosen)
        for w, strikes in struck[c].items():  # what today's plan foresaw the other side doing today
            opponent.predict(view.turn, way[w], strikes)
        return chosen

    def _play_out(self, decision: Decision, state: GameState, seed: int, today: Knobs, later: Knobs,
                  them: Knobs) -> tuple[float, tuple[str, ...]]:
        """Play the phase with `today`'s knobs and the rest of the game with `later`'s for
        the searching side (`them` for the other), in one world. Each phase draws from
        a stream of its own, so plans that leave the world alike meet the same dice.

        Each imagined side decides on its own view of the imagined world, as the real
        players do: a Red that saw the world's sampled alert markers would shun the
        alerted sites as no real Red can, and the playouts would judge a game that
        is never played.

        Returns the score, and the targets the other side struck from the air for the rest
        of the day (what the side will see of it by tomorrow, to weigh the ways it may play)."""
        rules = decision.rules
        chance = decision.chance.fork(seed)  # dice of its own, never the game's
        g = Game.resume(rules, state, seed, chance)
        tactics = Tactics(rules, random.Random(seed), self._stakes)
        side, turn, phase = decision.side, state.turn, state.phase
        st = g.state
        at = (st.turn, st.phase)
        struck: list[str] = []
        while st.result is None:
            mover = g.side_to_move
            legal = commands_now(g)
            if len(legal) == 1:
                g.apply(legal[0])
            else:
                knobs = them if mover != side else today if (st.turn == turn and st.phase == phase) else later
                c = tactics.choose(mover, _seen_by(rules, st, mover), legal, knobs)
                if mover != side and type(c) is FlySortie and st.turn == turn:
                    struck.append(c.target)
                g.apply(c)
            if (st.turn, st.phase) != at:
                at = (st.turn, st.phase)
                chance.source = _PhaseDice(seed * 8191 + st.turn * 64 + st.phase)
        return score(rules, st, side), tuple(sorted(struck))

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
        n = max(8, self._budget(decision.side) // 4)
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


class _PhaseDice:
    """The faces of one imagined phase: a stream of the search's own (never the game's),
    cheap to start, since a playout starts one at every phase."""

    __slots__ = ("_rng",)

    def __init__(self, seed: int):
        self._rng = random.Random(seed)

    def die(self, sides: int) -> int:
        return self._rng.randrange(sides) + 1


def _seen_by(rules: Rulebook, st: GameState, side: str) -> GameState:
    """What an imagined side could see of an imagined world: the world without the other
    side's hidden pieces and hidden markers. Leaner than a player's view (the pieces are
    not copied: the tactics only read them), as a playout asks for one at every command."""
    other = "red" if side == "blue" else "blue"
    pieces = {pid: p for pid, p in st.pieces.items() if not (p.hidden and p.side == other)}
    markers = st.markers
    if markers:
        spec = rules.markers
        markers = [m for m in markers if not (spec[m[0]].hidden and spec[m[0]].side == other)]
    # a new object every time, even when nothing is hidden: what the tactics weigh is kept
    # while they are handed the same object, and the world itself changes with every command
    seen = GameState(*_FIELDS(st))  # every field shared, as copy.copy would, at a quarter of its cost
    if len(pieces) != len(st.pieces):
        seen.pieces = pieces
    if len(markers) != len(st.markers):
        seen.markers = markers
    return seen


_FIELDS = attrgetter(*(f.name for f in fields(GameState)))


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

"""A computer player with simple, readable priorities, for solo play and balance runs.

It decides from its side's view, its side's log and the exact odds of the
tables only (it is never handed the game, so it cannot peek at hidden
pieces), one phase at a time:

- Red: a detected team first moves away to hide; each team attacks the US site
  it is likeliest to hurt; teams with nothing in range close in.
- Blue: resolves attacks; sends ISR drones where contact was lost or near the
  sites just attacked; strikes the known target it is likeliest to destroy,
  within authorization, and holds fire when escalation is near the top.
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Callable, Sequence

import numpy as np

from .. import hexgrid
from ..hexgrid import Hex
from ..rules.commands import Command, DroneAttack, EndPhase, FlySortie, MoveTeam, ResolveAttack, RocketAttack, TaskIsr
from ..rules.legality import CommandList
from ..rules.rulebook import Rulebook, Setup
from ..rules.views import Decision, SideView


class GreedyPlayer:
    name = "greedy"

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self._nearest: dict[tuple[int, Hex], int] = {}  # (rulebook, hex) -> distance to the nearest US site
        self._values: dict[tuple, float] = {}  # (team, target, their damage) -> expected points of one drone
        self._values_turn: tuple = ()
        self._hexes: dict[int, tuple] = {}  # id of a drone's searches -> (them, their q and r as arrays)

    def choose(self, decision: Decision) -> Command:
        plan = _PLANS.get(decision.view.phase_kind)
        pick = plan(self, decision) if plan is not None else None
        return pick if pick is not None else EndPhase()

    # --- Red ---------------------------------------------------------------------

    def _red(self, d: Decision) -> Command | None:
        st = d.view
        moves: dict[str, list[MoveTeam]] = {}
        attacks: list[Command] = []
        for c in d.legal:
            kind = type(c)
            if kind is MoveTeam:
                moves.setdefault(c.team, []).append(c)  # type: ignore[union-attr]
            elif kind is DroneAttack or kind is RocketAttack:
                attacks.append(c)
        # a team Blue can see moves first, to hide again
        for team_id, options in moves.items():
            team = st.pieces[team_id]
            if not team.hidden and team.attacked_turn != st.turn:
                return self._best_hideout(d, options)
        if attacks:
            today = (id(d.rules), st.turn, tuple(st.tracks.values()))
            if self._values_turn != today:  # what an attack's odds read stays put during Red's phase
                self._values_turn, self._values = today, {}
            return max(attacks, key=lambda c: (self._attack_value(d, c, self._values), self.rng.random()))
        # close in on the nearest site with teams that have nothing in range
        for team_id, options in moves.items():
            team = st.pieces[team_id]
            if team.attacked_turn == st.turn:
                continue
            near = self._to_site(d, team.hex)
            best = min(options, key=lambda m: (self._to_site(d, m.to), self.rng.random()))
            if self._to_site(d, best.to) < near:
                return best
        return None

    def _to_site(self, d: Decision, h: Hex) -> int:
        """Hexes from `h` to the nearest US site (sites never move, so it is kept)."""
        key = (id(d.rules), h)
        got = self._nearest.get(key)
        if got is None:
            pieces = d.view.pieces
            got = self._nearest[key] = min(hexgrid.distance(h, pieces[s].hex) for s in d.rules.sites)
        return got

    def _attack_value(self, d: Decision, c: Command, values: dict[tuple, float]) -> float:
        """Expected Red points of one drone (or one salvo) times how many are launched."""
        pieces = d.view.pieces
        key = (c.team, c.target, pieces[c.team].damaged, pieces[c.target].damaged)  # type: ignore[union-attr]
        each = values.get(key)
        if each is None:
            value = 0.0
            through = Fraction(1)
            for label, setup in d.preview(c).odds:
                if "interception" in label:
                    through = 1 - _chance_of(setup, lambda e: e.verb == "attack")
                else:
                    value += float(_expected_vp(setup, "red"))
            each = values[key] = value * float(through)
        return each * (c.drones if isinstance(c, DroneAttack) else 1)

    def _best_hideout(self, d: Decision, moves: list[MoveTeam]) -> MoveTeam:
        rules, st = d.rules, d.view
        team = st.pieces[moves[0].team]
        reach = rules.value(st, team, "range")

        def cover(m: MoveTeam) -> tuple:
            hides = rules.terrain[m.to].style != "desert"  # anything but open desert gives some cover
            return (hides, len(rules.sites_in_range(m.to, reach, st.pieces)), self.rng.random())

        return max(moves, key=cover)

    # --- Blue ----------------------------------------------------------------------

    def _nearest_searches(self, tasks: Sequence[TaskIsr], wanted: list[Hex]) -> list[TaskIsr]:
        """The searches whose hex is nearest to any of the wanted hexes (all of them, tied);
        a drone's searches from a hex are the same tuple every day, so their hexes are kept."""
        got = self._hexes.get(id(tasks))
        if got is None or got[0] is not tasks:
            got = self._hexes[id(tasks)] = (
                tasks,
                np.array([t.hex[0] for t in tasks]),
                np.array([t.hex[1] for t in tasks]),
            )
        _, qs, rs = got
        best = None
        for wq, wr in dict.fromkeys(wanted):
            dq, dr = qs - wq, rs - wr
            dist = (np.abs(dq) + np.abs(dr) + np.abs(dq + dr)) >> 1
            best = dist if best is None else np.minimum(best, dist)
        assert best is not None
        return [tasks[i] for i in np.flatnonzero(best == best.min())]

    def _reaction(self, d: Decision) -> Command | None:
        return next((c for c in d.legal if type(c) is ResolveAttack), None)

    def _isr(self, d: Decision) -> Command | None:
        drones = (
            d.legal.pieces()
            if isinstance(d.legal, CommandList)
            else sorted({c.drone for c in d.legal if type(c) is TaskIsr})
        )
        if not drones:
            return None
        tasks = d.legal.of_piece(drones[0]) if isinstance(d.legal, CommandList) else [
            c for c in d.legal if type(c) is TaskIsr and c.drone == drones[0]]  # fmt: skip
        turn = d.view.turn
        wanted: list[Hex] = []
        for e in d.log[-200:]:
            recent = e.kind == "lost" and e.turn >= turn - 1
            if e.where is not None and (recent or (e.kind == "attack" and e.turn == turn)):
                wanted.append(e.where)
        if wanted:
            over = {t.hex: t for t in tasks}
            exact = list({w: over[w] for w in wanted if w in over}.values())
            if exact:  # a search right over a wanted hex: the nearest there can be
                return exact[0] if len(exact) == 1 else self.rng.choice(exact)
            return self.rng.choice(self._nearest_searches(tasks, wanted))
        return self.rng.choice(tasks)

    def _air(self, d: Decision) -> Command | None:
        """The sortie with the best expected points for its political price, if any is worth it."""
        sorties = [c for c in d.legal if type(c) is FlySortie]
        if not sorties:
            return None
        st, rules = d.view, d.rules
        if st.tracks["escalation"] >= rules.tracks["escalation"].max - 2:
            return None  # one more strike could start the regional war, and Blue would lose it
        unauthorized = st.tracks["authorization"] < rules.scenario.rules.authorization.per_sortie

        def worth(c: FlySortie) -> float:
            odds = d.preview(c).odds
            target = st.pieces[c.target]
            value = float(_chance_of(odds[1][1], lambda e: e.target == "destroy")) * rules.piece_types[target.type].vp
            cost = 0.0
            country = rules.scenario.map.countries[rules.country[target.hex]]
            for e in country.strike_effects:
                if e.track is not None and e.change:
                    cost += _track_cost(rules, st, e.track, e.change)
            if unauthorized:
                cost += 2.5
            cost += float(_chance_of(odds[2][1], lambda e: e.verb == "civilian_casualties")) * 2.0
            return value - cost

        scored = [(worth(c), self.rng.random(), c) for c in sorties]
        best = max(scored, key=lambda s: (s[0], s[1]))
        return best[2] if best[0] > 0.3 else None


# what the player does in each phase where its side decides
_PLANS: dict[str, Callable[[GreedyPlayer, Decision], Command | None]] = {
    "red_operations": GreedyPlayer._red,
    "blue_reaction": GreedyPlayer._reaction,
    "blue_isr": GreedyPlayer._isr,
    "blue_air": GreedyPlayer._air,
}


def _track_cost(rules: Rulebook, st: SideView, tid: str, change: int) -> float:
    """What moving a track costs Blue: a track that favours Blue falling (or one that
    favours Red rising) is a loss, the dearer the nearer it comes to a threshold that
    ends the game; escalation, which ends the game at its top, costs as it rises."""
    track = rules.tracks[tid]
    sign = {"blue": -1, "red": 1}.get(track.favours or "", 1 if tid == "escalation" else 0)
    if not sign:
        return 0.0
    level = st.tracks[tid] + change
    near = any(th.ends_game is not None and abs(level - th.at) <= 2 for th in track.thresholds)
    return sign * change * (2.0 if near else 0.7)


def _chance_of(setup: Setup, effect_test) -> Fraction:
    """The chance of a result that has an effect passing the test."""
    odds = setup.odds()
    return sum((c for row, c in zip(odds.rows, odds.chances) if any(effect_test(e) for e in row.effects)), Fraction(0))


def _expected_vp(setup: Setup, side: str) -> Fraction:
    odds = setup.odds()
    total = Fraction(0)
    for row, c in zip(odds.rows, odds.chances):
        total += c * sum((e.points or 0) for e in row.effects if e.vp == side)
    return total

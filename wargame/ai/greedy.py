"""A computer player with simple, readable priorities, for solo play and balance runs.

It decides from its own side's view and the engine's odds only (it never peeks
at hidden pieces), one phase at a time:

- Red: a detected team first moves away to hide; each team attacks the US site
  it is likeliest to hurt, saving the consulate for when the odds are good;
  teams with nothing in range close in.
- Blue: resolves attacks; sends ISR drones where contact was lost or near the
  sites just attacked; strikes the known target it is likeliest to destroy,
  within authorization, and holds fire when escalation is near the top.
"""

from __future__ import annotations

import random
from fractions import Fraction

from .. import hexgrid
from ..rules.commands import (
    Command,
    DroneAttack,
    EndPhase,
    FlySortie,
    MoveTeam,
    ResolveAttack,
    RocketAttack,
    TaskIsr,
)
from ..rules.engine import Game
from ..rules.rulebook import Setup


class GreedyPlayer:
    name = "greedy"

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def choose(self, game: Game, side: str) -> Command:
        legal = game.legal_commands(side)
        phase = game.phase
        pick = None
        if phase == "red_operations":
            pick = self._red(game, legal)
        elif phase == "blue_reaction":
            pick = next((c for c in legal if isinstance(c, ResolveAttack)), None)
        elif phase == "blue_isr":
            pick = self._isr(game, legal)
        elif phase == "blue_air":
            pick = self._air(game, legal)
        return pick if pick is not None else EndPhase()

    # --- Red ---------------------------------------------------------------------

    def _red(self, game: Game, legal: list[Command]) -> Command | None:
        st = game.state
        attacks = [c for c in legal if isinstance(c, (DroneAttack, RocketAttack))]
        moves = [c for c in legal if isinstance(c, MoveTeam)]
        # a team Blue can see moves first, to hide again
        for c in moves:
            team = st.pieces[c.team]
            if not team.hidden and team.attacked_turn != st.turn:
                return self._best_hideout(game, [m for m in moves if m.team == c.team])
        if attacks:
            return max(attacks, key=lambda c: (self._attack_value(game, c), self.rng.random()))
        # close in on the nearest site with teams that have nothing in range
        for c in moves:
            team = st.pieces[c.team]
            if team.attacked_turn == st.turn:
                continue
            near = min(hexgrid.distance(team.hex, st.pieces[s].hex) for s in game.rules.sites)
            options = [m for m in moves if m.team == c.team]
            best = min(options, key=lambda m: (min(hexgrid.distance(m.to, st.pieces[s].hex) for s in game.rules.sites), self.rng.random()))
            if min(hexgrid.distance(best.to, st.pieces[s].hex) for s in game.rules.sites) < near:
                return best
        return None

    def _attack_value(self, game: Game, c: Command) -> float:
        preview = game.preview(c)
        value = 0.0
        through = Fraction(1)
        for label, setup in preview.odds:
            if "interception" in label:
                through = 1 - _chance_of(setup, "attack")
            else:
                value += float(_expected_vp(setup))
        n = c.drones if isinstance(c, DroneAttack) else 1
        return value * float(through) * n

    def _best_hideout(self, game: Game, moves: list[MoveTeam]) -> MoveTeam:
        rules = game.rules

        def cover(m: MoveTeam) -> tuple:
            hides = rules.terrain[m.to].style != "desert"  # anything but open desert gives some cover
            in_reach = len(rules.sites_in_range(m.to, rules.value(game.state, game.state.pieces[m.team], "range"), game.state.pieces))
            return (hides, in_reach, self.rng.random())

        return max(moves, key=cover)

    # --- Blue ----------------------------------------------------------------------

    def _isr(self, game: Game, legal: list[Command]) -> Command | None:
        tasks = [c for c in legal if isinstance(c, TaskIsr)]
        if not tasks:
            return None
        drone = tasks[0].drone
        tasks = [t for t in tasks if t.drone == drone]
        wanted: list[hexgrid.Hex] = []
        for e in game.events_for("blue")[-200:]:
            recent = e.kind == "lost" and e.turn >= game.state.turn - 1
            if e.where is not None and (recent or (e.kind == "attack" and e.turn == game.state.turn)):
                wanted.append(e.where)
        if wanted:
            return min(tasks, key=lambda t: (min(hexgrid.distance(t.hex, w) for w in wanted), self.rng.random()))
        return self.rng.choice(tasks)

    def _air(self, game: Game, legal: list[Command]) -> Command | None:
        """The sortie with the best expected points for its political price, if any is worth it."""
        sorties = [c for c in legal if isinstance(c, FlySortie)]
        if not sorties:
            return None
        st = game.state
        rules = game.rules
        top = rules.tracks["escalation"].max
        if st.tracks["escalation"] >= top - 2:
            return None  # one more strike could start the regional war, and Blue would lose it
        auth = rules.scenario.rules.authorization.per_sortie
        unauthorized = st.tracks["authorization"] < auth

        def worth(c: FlySortie) -> float:
            preview = game.preview(c)
            target = st.pieces[c.target]
            value = float(_destroy_chance(preview.odds[1][1])) * rules.piece_types[target.type].vp
            cost = 0.0
            country = rules.scenario.map.countries[rules.country[target.hex]]
            for e in country.strike_effects:
                if e.track is not None and e.change:
                    cost += _track_cost(rules, st, e.track, e.change)
            if unauthorized:
                cost += 2.5
            cost += float(_chance_of(preview.odds[2][1], "civilian_casualties")) * 2.0
            return value - cost

        best = max(sorties, key=lambda c: (worth(c), self.rng.random()))
        return best if worth(best) > 0.3 else None


def _track_cost(rules, st, tid: str, change: int) -> float:
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


def _chance_of(setup: Setup, verb: str) -> Fraction:
    """The chance of a result that has an effect with this verb."""
    odds = setup.odds()
    return sum((c for row, c in zip(odds.rows, odds.chances) if any(e.verb == verb for e in row.effects)), Fraction(0))


def _destroy_chance(setup: Setup) -> Fraction:
    odds = setup.odds()
    return sum((c for row, c in zip(odds.rows, odds.chances) if any(e.target == "destroy" for e in row.effects)), Fraction(0))


def _expected_vp(setup: Setup) -> Fraction:
    odds = setup.odds()
    total = Fraction(0)
    for row, c in zip(odds.rows, odds.chances):
        total += c * sum((e.points or 0) for e in row.effects if e.vp == "red")
    return total

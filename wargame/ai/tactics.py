"""Tactics: quick, readable priorities for either side, with knobs a search can turn.

The greedy player plays these with their default knobs; the search player plays
them in its imagined worlds for both sides (the rest of a game after the command
it weighs), and its candidate plans are these same tactics with other knobs
(hold fire, one drone a salvo, no strikes today...). They read only what a side
may know, through the attribute names a `SideView` and a `GameState` share, so
the same code decides on a player's view and inside a sampled world; and they
weigh every command by the exact odds of its rolls and what its results are
worth in the scenario's own terms (`Stakes`).

- Red: a team the other side can see moves first, to hide; then the attack
  worth most (points, objectives broken or brought nearer, the authorization it
  earns Blue, and the risk of a war Red would be blamed for), if it is worth
  anything; teams with nothing in range close in on the nearest site.
- Blue: attacks are resolved; ISR drones search where contact was lost or near
  the sites just attacked (or the hexes a caller names); a sortie flies at the
  known target worth most for its political price, if worth enough.
"""

from __future__ import annotations

import random
from typing import Sequence

import numpy as np

from .. import hexgrid
from ..hexgrid import Hex
from ..rules.commands import Command, DroneAttack, EndPhase, FlySortie, GoToGround, MoveTeam, RocketAttack, TaskIsr
from ..rules.commandlist import CommandList
from ..rules.rulebook import Rulebook, Situation
from .choices import Choices
from .knobs import GREEDY, Knobs
from .stakes import Stakes

END = EndPhase()
TOWN_SEARCH = 0.15  # how often an ISR drone searches a town in reach rather than follow a trace


class Tactics:
    """The tactics of one player (or one imagined side); caches live as long as it does."""

    def __init__(self, rules: Rulebook, rng: random.Random, stakes: Stakes | None = None):
        self.rules = rules
        self.rng = rng
        self.stakes = stakes = stakes or Stakes(rules)
        # kept with the stakes, so the many short-lived tactics of a search share them (and
        # for every game on the rulebook, what the rulebook alone decides: the US sites stand still)
        self._nearest: dict[Hex, int] = stakes.shared.setdefault("nearest", {})
        self._sorties: dict[tuple, float] = stakes.memo.setdefault("sorties", {})
        self._hexes: dict[tuple, tuple] = stakes.memo.setdefault("hexes", {})
        self.choices = Choices(rules, stakes) if rules.cards or rules.markers else None

    def choose(self, side: str, know, legal: Sequence[Command], knobs: Knobs = GREEDY,
               hints: Sequence[Hex] = ()) -> Command:  # fmt: skip
        """One of the legal commands (EndPhase when nothing is worth doing): a card first
        if one is worth playing, then the phase's own orders, then the phase's markers."""
        kind = self.rules.sequence[know.phase]
        choices = self.choices
        if choices is not None:
            play = choices.best_play(side, know, knobs, self.rng)
            if play is not None:
                return play
        if kind == "red_operations":
            pick = self._red(know, legal, knobs)
        elif kind == "blue_reaction":
            pick = None  # ending the phase resolves every attack, in order: the same as one by one
        elif kind == "blue_isr":
            pick = self._isr(know, legal, knobs, hints) if knobs.search else None
        elif kind == "blue_air":
            pick = self._air(know, legal, knobs)
        else:
            pick = None
        if pick is None and choices is not None and self.rules.markers:
            pick = choices.best_marker(side, know, kind, knobs, self.marker_relief if knobs.foresee_strikes else None)
        return pick if pick is not None else END

    # --- Red ---------------------------------------------------------------------------

    def _red(self, know, legal: Sequence[Command], knobs: Knobs) -> Command | None:
        pieces, turn = know.pieces, know.turn
        teams, orders = _team_orders(legal)
        if knobs.hide_seen:
            for t in teams:
                team = pieces[t]
                if not team.hidden and team.attacked_turn != turn:
                    ground, moves, _ = orders[t]
                    if ground:  # an active team in sight is followed as it moves: only going to ground hides it
                        return ground[0]
                    if moves:
                        return self._hideout(know, team, moves)
        if knobs.attacks:
            best, best_value = None, knobs.attack_floor
            stakes = self.stakes
            day = 0.0  # the day's attacks, each team's best: worth more than a quiet day?
            memo: dict = {}  # what a team's salvos at one site share, while `know` stands
            for t in teams:
                team = pieces[t]
                team_best = 0.0
                for part in orders[t][2]:
                    for c in part:
                        if type(c) is DroneAttack:
                            if knobs.one_drone and c.drones != 1:
                                continue
                            v = stakes.attack_value(know, team, pieces[c.target], c.drones, "drone", memo)
                        else:
                            v = stakes.attack_value(know, team, pieces[c.target], 1, "rocket", memo)
                        v += self.rng.random() * 1e-6
                        team_best = max(team_best, v)
                        if v > best_value:
                            best, best_value = c, v
                day += team_best
            quiet = knobs.attack_floor > -50 and know.attacks_this_turn == 0
            if best is not None and quiet and day < stakes.quiet_value(know.pieces[teams[0]].side, know):
                best = None  # hold fire today: the quiet is worth more than the attacks
            if best is not None:
                return best
        if knobs.ground:
            for t in teams:
                ground = orders[t][0]
                if ground:  # launched before, not today: lie low rather than stay a mark for the drones
                    return ground[0]
        if knobs.close_in:
            for t in teams:
                team = pieces[t]
                if team.attacked_turn == turn:
                    continue
                ground, moves, attacks = orders[t]
                if not moves:
                    continue
                if (ground or attacks) and knobs.attacks:
                    continue  # it has a target in range: it stays to strike it
                near = self._to_site(know, team.hex)
                move = min(moves, key=lambda m: (self._to_site(know, m.to), self.rng.random()))
                if self._to_site(know, move.to) < near:
                    return move
        return None

    def _to_site(self, know, h: Hex) -> int:
        got = self._nearest.get(h)
        if got is None:
            pieces = know.pieces
            got = self._nearest[h] = min(hexgrid.distance(h, pieces[s].hex) for s in self.rules.sites)
        return got

    def _hideout(self, know, team, moves: list[MoveTeam]) -> MoveTeam:
        rules = self.rules
        reach = rules.value(know, team, "range")

        def cover(m: MoveTeam) -> tuple:
            hides = rules.terrain[m.to].style != "desert"  # anything but open desert gives some cover
            return (hides, len(rules.sites_in_range(m.to, reach, know.pieces)), self.rng.random())

        return max(moves, key=cover)

    # --- Blue ----------------------------------------------------------------------------

    def _isr(self, know, legal: Sequence[Command], knobs: Knobs, hints: Sequence[Hex]) -> Command | None:
        if isinstance(legal, CommandList):
            drones = [d for d in legal.pieces() if d in know.pieces and know.pieces[d].kind == "isr_drone"]
            tasks = legal.of_piece(drones[0]) if drones else ()
        else:
            first = next((c.drone for c in legal if type(c) is TaskIsr), None)
            tasks = [c for c in legal if type(c) is TaskIsr and c.drone == first]
        if not tasks:
            return None
        wanted = list(hints) or [know.pieces[a.target].hex for a in know.attacks if a.resolved]
        flown = {p.aim for p in know.pieces.values() if p.kind == "isr_drone" and p.aim is not None}
        if flown:  # another drone searched there today: look elsewhere if there is anywhere else
            wanted = [w for w in wanted if w not in flown] or wanted
        over = self._over(tasks)[0]
        if not wanted or self.rng.random() < TOWN_SEARCH:  # now and then, look where no trace leads
            towns = [over[w] for w in self._settled() if w in over and w not in flown]
            if towns:
                return self.rng.choice(towns)
        if not wanted:
            return tasks[self.rng.randrange(len(tasks))]
        exact = [over[w] for w in dict.fromkeys(wanted) if w in over]
        if exact:  # any of the wanted hexes in reach, evenly: two drones should not always pick alike
            return exact[0] if len(exact) == 1 else self.rng.choice(exact)
        return self.rng.choice(self.nearest_searches(tasks, wanted))

    def _settled(self) -> list[Hex]:
        """The towns and cities of the countries the militias move in: with no trace to
        follow, hidden sites are likelier where people live than in open desert."""
        got = self.stakes.shared.get("settled")
        if got is None:
            rules = self.rules
            countries = set(rules.scenario.sides["red"].move_countries)
            got = self.stakes.shared["settled"] = [
                h for h, places in rules.places_at.items()
                if any(p.kind in ("town", "city") and (not countries or p.country in countries) for p in places)
            ]  # fmt: skip
        return got

    def _over(self, tasks: Sequence[TaskIsr]) -> tuple:
        """A drone's searches from a hex are the same tuple every day: their hexes, kept
        (with the rulebook's commands when the tuple is the rulebook's, for every game on it)."""
        rules = self.rules
        memo = rules.command_cache if id(tasks) in rules.command_ids else self._hexes
        key = ("searches by hex", id(tasks))
        got = memo.get(key)
        if got is None or got[1] is not tasks:
            qs = np.array([t.hex[0] for t in tasks])
            rs = np.array([t.hex[1] for t in tasks])
            got = memo[key] = ({t.hex: t for t in tasks}, tasks, qs, rs)
        return got

    def nearest_searches(self, tasks: Sequence[TaskIsr], wanted: Sequence[Hex]) -> list[TaskIsr]:
        """The searches whose hex is nearest to any of the wanted hexes (all of them, tied)."""
        _, _, qs, rs = self._over(tasks)
        best = None
        for wq, wr in dict.fromkeys(wanted):
            dq, dr = qs - wq, rs - wr
            dist = (np.abs(dq) + np.abs(dr) + np.abs(dq + dr)) >> 1
            best = dist if best is None else np.minimum(best, dist)
        assert best is not None
        return [tasks[i] for i in np.flatnonzero(best == best.min())]

    def _air(self, know, legal: Sequence[Command], knobs: Knobs) -> Command | None:
        if know.strikes_today >= knobs.strikes:
            return None
        best, best_value = None, knobs.strike_floor
        for c in legal:
            if type(c) is not FlySortie:
                continue
            if knobs.fresh_only and know.pieces[c.target].detected_turn < know.turn - 1:
                continue
            v = self.sortie_value(know, c) + self.rng.random() * 1e-6
            if v > best_value:
                best, best_value = c, v
        return best

    def marker_relief(self, know, target, marker: str) -> float:
        """What `marker` on `target` takes off Blue's best sortie at it, on what `know` shows
        (a strike worth nothing or less is not flown, and a site Blue has not found is not
        struck). The bare sorties' values are mostly kept already (`sortie_value`); the
        marked ones seldom are, and cost about 9% of a search Red's game at `fast`."""
        if target.hidden:
            return 0.0
        pieces = know.pieces
        flights: dict[tuple, str] = {}
        for f in self.rules.strike_flights:
            flight = pieces.get(f)
            if flight is not None and not flight.destroyed:
                flights.setdefault((flight.type, flight.damaged), f)  # flights alike value a sortie alike
        if not flights:
            return 0.0
        bare = max(self.sortie_value(know, FlySortie(f, target.id)) for f in flights.values())
        if bare <= 0:
            return 0.0
        marked = Marked(know, (marker, target.id))
        return bare - max(0.0, max(self.sortie_value(marked, FlySortie(f, target.id)) for f in flights.values()))

    def sortie_value(self, know, c: FlySortie) -> float:
        """What a sortie is worth to Blue: the strike's results past air defence, the
        collateral harm, the day's and the country's political costs, and the
        authorization it spends (or the cost of striking beyond it)."""
        pieces = know.pieces
        flight, target = pieces[c.flight], pieces[c.target]
        rules, stakes = self.rules, self.stakes
        key = (flight.type, flight.damaged, target.id, target.damaged, target.detected_turn >= know.turn - 1,
               know.strikes_today > 0, know.stats.get("targets_destroyed", 0), stakes.context(know, flight, target))  # fmt: skip
        got = self._sorties.get(key)
        if got is not None:
            return got
        side = flight.side
        sit = Situation(flight, target, target.hex)
        auth = rules.scenario.rules.authorization
        got = 0.0
        if know.tracks["authorization"] >= auth.per_sortie:
            got += stakes.track_value(side, know, "authorization", -auth.per_sortie, side) * 0.5
        else:
            got += stakes.effects_value(side, know, auth.unauthorized, Situation(), side)
        past = 1 - stakes.chance_of("air_defence", know, sit, "attack")
        country = rules.scenario.map.countries[rules.country[target.hex]]
        politics = stakes.effects_value(side, know, country.strike_effects, sit, side)
        if know.strikes_today == 0:
            politics += stakes.effects_value(side, know, rules.scenario.rules.strike_day_effects, sit, side)
        strike = stakes.roll_value(side, know, "strike", sit, side) + stakes.roll_value(side, know, "collateral_harm", sit, side)
        got += past * (politics + strike)
        if len(self._sorties) > 50_000:
            self._sorties.clear()
        self._sorties[key] = got
        return got


class Marked:
    """What a side knows, with one marker more: to weigh a strike as if the marker stood."""

    __slots__ = ("_know", "markers")

    def __init__(self, know, marker: tuple[str, str]):
        self._know = know
        self.markers = (*know.markers, marker)

    def __getattr__(self, name: str):
        return getattr(self._know, name)


def _team_orders(legal: Sequence[Command]) -> tuple[list[str], dict[str, tuple[Sequence, Sequence, list]]]:
    """The teams with orders, and each one's (goings to ground, moves, groups of attacks)
    in the order offered: read from the legal commands' groups where they come grouped,
    so a team's twenty moves are not walked to find its two attacks."""
    orders: dict[str, tuple[Sequence, Sequence, list]] = {}
    if isinstance(legal, CommandList):
        teams = legal.pieces()
        for t in teams:
            ground: Sequence = ()
            moves: Sequence = ()
            attacks = []
            for part in legal.parts_of(t):
                if not part:
                    continue
                k = type(part[0])
                if k is GoToGround:
                    ground = part
                elif k is MoveTeam:
                    moves = part
                elif k is DroneAttack or k is RocketAttack:
                    attacks.append(part)
            orders[t] = (ground, moves, attacks)
        return teams, orders
    teams = sorted({c.team for c in legal if hasattr(c, "team")})
    for t in teams:
        own = [c for c in legal if getattr(c, "team", None) == t]
        orders[t] = ([c for c in own if type(c) is GoToGround], [c for c in own if type(c) is MoveTeam],
                     [[c for c in own if type(c) in (DroneAttack, RocketAttack)]])  # fmt: skip
    return teams, orders

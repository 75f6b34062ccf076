"""How a search imagines the other side: a way of playing is ruled out only by a command
that way never gives, read from the side's own log and view, and weighed by how well
the search's own playouts foresaw what the other side struck."""

from __future__ import annotations

import random

from wargame.ai import make_player, player_seed
from wargame.ai.knobs import GREEDY, Knobs
from wargame.ai.opponents import DRONE_SALVO, OPPONENTS, STALE_STRIKE, Opponent, contradicted, ways_of
from wargame.ai.search import SearchPlayer
from wargame.ai.tactics import Tactics
from wargame.rules.commands import DroneAttack, FlySortie
from wargame.rules.engine import Game


class _OneDrone:
    """A Red that fires one drone a salvo, and greedy otherwise."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.tactics = None

    def choose(self, d):
        if self.tactics is None:
            self.tactics = Tactics(d.rules, self.rng)
        return self.tactics.choose(d.side, d.view, d.legal, Knobs(one_drone=True))


def _watch(rules, seed: int, blue, red):
    """Play a game, each side's Opponent told of every decision the side gets; returns
    the first turn each side ruled a way out (None: never), and what really happened:
    the first turn Blue struck a stale target and the first turn Red fired a salvo."""
    g = Game(rules, seed, keep_undo=False)
    players = {"blue": blue, "red": red}
    watch = {"blue": Opponent("blue"), "red": Opponent("red")}
    ruled: dict[str, int | None] = {"blue": None, "red": None}
    did: dict[str, int | None] = {"stale": None, "salvo": None}
    while not g.over:
        d = g.decision()
        if ruled[d.side] is None and 0.0 in watch[d.side].weights(d):
            ruled[d.side] = d.view.turn
        c = players[d.side].choose(d)
        turn = g.state.turn
        if type(c) is FlySortie and g.state.pieces[c.target].detected_turn < turn - 1 and did["stale"] is None:
            did["stale"] = turn
        if type(c) is DroneAttack and c.drones > 1 and did["salvo"] is None:
            did["salvo"] = turn
        g.apply(c)
    return ruled, did


def test_only_a_command_the_way_never_gives_rules_it_out():
    assert contradicted(Knobs(fresh_only=True), {STALE_STRIKE})
    assert contradicted(Knobs(one_drone=True), {DRONE_SALVO})
    assert not contradicted(GREEDY, {STALE_STRIKE, DRONE_SALVO})
    assert not contradicted(Knobs(fresh_only=True), {DRONE_SALVO})
    for side in ("blue", "red"):
        assert OPPONENTS[side][0] == GREEDY  # the way never ruled out


def test_each_side_rules_out_what_the_other_was_seen_not_to_be(border_rules):
    """Against greedy play each side learns, in some games, that the other is not the way
    it could never be; never before the other side did it, and never against a side that
    plays that way."""
    learnt = {"blue": 0, "red": 0}
    for seed in range(8):
        ruled, did = _watch(border_rules, seed, make_player("greedy", player_seed(seed, "blue")),
                            make_player("greedy", player_seed(seed, "red")))  # fmt: skip
        if ruled["red"] is not None:  # Red learnt Blue strikes stale targets...
            assert did["stale"] is not None and did["stale"] < ruled["red"]  # ...after Blue did, on a later day
            learnt["red"] += 1
        if ruled["blue"] is not None:
            assert did["salvo"] is not None and did["salvo"] <= ruled["blue"]
            learnt["blue"] += 1
    assert learnt["red"] >= 2 and learnt["blue"] >= 6, learnt


def test_a_side_that_plays_that_way_is_never_ruled_out(border_rules):
    for seed in range(4):
        ruled, did = _watch(border_rules, seed, make_player("scout-first", player_seed(seed, "blue")),
                            _OneDrone(player_seed(seed, "red")))  # fmt: skip
        assert did == {"stale": None, "salvo": None}
        assert ruled == {"blue": None, "red": None}


def test_the_worlds_imagine_each_way_as_often_as_its_weight():
    weights = (0.5, 0.3, 0.2, 0.0)
    ways = ways_of(1000, weights)
    for k, p in enumerate(weights):
        assert abs(ways.count(k) / 1000 - p) < 0.01
    state: list[float] = [0.0] * 4
    assert [ways_of(1, weights, state)[0] for _ in range(40)] == ways[:40]  # world by world, the same
    assert ways_of(6, (0.5, 0.5)) == [0, 1, 0, 1, 0, 1]  # equal weights: each in turn


def _final_weights(rules, seed: int, blue) -> tuple[float, ...]:
    """The search Red's weights of the ways Blue may play, at its last decision of the
    first five days against `blue`."""
    g = Game(rules, seed, keep_undo=False)
    red = SearchPlayer(player_seed(seed, "red"), "fast")
    last = None
    while not g.over and g.state.turn <= 5:
        d = g.decision()
        if d.side == "red":
            last = d
        g.apply((red if d.side == "red" else blue).choose(d))
    assert red._opponent is not None and last is not None
    return red._opponent.weights(last)


def test_the_search_learns_which_way_the_other_side_plays(border_rules):
    """Against a Blue that strikes only fresh finds, the search Red comes to weigh that way
    above the others; against greedy Blue, below its first weight."""
    fresh = OPPONENTS["blue"].index(Knobs(fresh_only=True))
    seeds = range(3)
    scout = [_final_weights(border_rules, s, make_player("scout-first", player_seed(s, "blue")))[fresh] for s in seeds]
    greedy = [_final_weights(border_rules, s, make_player("greedy", player_seed(s, "blue")))[fresh] for s in seeds]
    prior = 1 / len(OPPONENTS["blue"])
    assert sum(scout) / len(scout) > prior > sum(greedy) / len(greedy), (scout, greedy)

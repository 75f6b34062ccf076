"""The computer players' valuations: a value kept for reuse is the value worked out afresh."""

from __future__ import annotations

import random

import pytest

from wargame.ai import make_player, player_seed
from wargame.ai.stakes import Stakes
from wargame.ai.tactics import Tactics
from wargame.rules.commands import DroneAttack, FlySortie, RocketAttack
from wargame.rules.engine import Game
from wargame.rules.views import make_view


def _greedy_until(rules, seed: int, phase: str, want=lambda g: True) -> Game:
    g = Game(rules, seed, keep_undo=False)
    players = {s: make_player("greedy", player_seed(seed, s)) for s in ("blue", "red")}
    while not (g.phase == phase and want(g)):
        g.apply(players[g.side_to_move].choose(g.decision()))
    return g


def test_an_attack_kept_per_count_of_each_stat_an_objective_counts(border_rules):
    """A Red that weighed an attack with one US casualty must not reuse that value with
    two (the next breaks 'two casualties or fewer') nor with three (broken already)."""
    g = _greedy_until(border_rules, 3, "red_operations", lambda g: any(type(c) is DroneAttack for c in g.decision().legal))
    warm = Stakes(border_rules)
    assert warm.by_stat  # June counts US casualties and drones through
    attack = next(c for c in g.decision().legal if type(c) is DroneAttack)
    for stat, objectives in warm.by_stat.items():
        limit = max(n for _, _, n in objectives)
        values = set()
        for count in [0, 1, limit - 1, limit, limit + 1, limit + 2]:
            g.state.stats[stat] = max(0, count)
            view = make_view(border_rules, g.state, "red", "red")
            team, target = view.pieces[attack.team], view.pieces[attack.target]
            kept = warm.attack_value(view, team, target, attack.drones, "drone")
            assert kept == Stakes(border_rules).attack_value(view, team, target, attack.drones, "drone"), (stat, count)
            values.add(round(kept, 9))
        g.state.stats[stat] = 0
        assert len(values) > 1, stat  # the count matters to the value: the check above can fail


def test_an_attack_kept_per_day_of_changed_rule_values(border_rules):
    """A card that puts every US site's counter-drone defence up for the day changes what
    an attack is worth; a Red that weighed the attack before must weigh it again."""
    g = _greedy_until(border_rules, 3, "red_operations", lambda g: any(type(c) is DroneAttack for c in g.decision().legal))
    attack = next(c for c in g.decision().legal if type(c) is DroneAttack)
    warm = Stakes(border_rules)
    values = []
    for change in (0, 2):
        g.state.today["counter_drone"] = change
        view = make_view(border_rules, g.state, "red", "red")
        team, target = view.pieces[attack.team], view.pieces[attack.target]
        kept = warm.attack_value(view, team, target, attack.drones, "drone")
        assert kept == Stakes(border_rules).attack_value(view, team, target, attack.drones, "drone"), change
        values.append(kept)
    assert values[1] < values[0]  # a better defence, a poorer attack


@pytest.mark.parametrize("seed", [1, 2])
def test_kept_values_over_whole_games(border_rules, seed):
    """Over greedy games, every attack and sortie weighed by players that kept their values
    since the game began is weighed as fresh players weigh it."""
    warm = Tactics(border_rules, random.Random(0))
    players = {s: make_player("greedy", player_seed(seed, s)) for s in ("blue", "red")}
    g = Game(border_rules, seed, keep_undo=False)
    weighed = 0
    while not g.over:
        d = g.decision()
        view = d.view
        if view.phase_kind in ("red_operations", "blue_air"):
            fresh = Tactics(border_rules, random.Random(0), Stakes(border_rules))
            for c in d.legal:
                if type(c) in (DroneAttack, RocketAttack):
                    team, target = view.pieces[c.team], view.pieces[c.target]
                    n, how = (c.drones, "drone") if type(c) is DroneAttack else (1, "rocket")
                    assert warm.stakes.attack_value(view, team, target, n, how) == fresh.stakes.attack_value(view, team, target, n, how)
                    weighed += 1
                elif type(c) is FlySortie:
                    assert warm.sortie_value(view, c) == fresh.sortie_value(view, c)
                    weighed += 1
        g.apply(players[d.side].choose(d))
    assert weighed > 25

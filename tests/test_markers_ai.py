"""Where the computer players put their markers: Red digs in where Blue's strike would come."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from wargame.ai import make_player, player_seed
from wargame.ai.knobs import GREEDY, Knobs
from wargame.ai.tactics import Marked, Tactics
from wargame.rules.commands import FlySortie, PlaceMarker
from wargame.rules.engine import Game
from wargame.rules.views import make_view


def _red_view(rules, g: Game):
    return make_view(rules, g.state, "red", "red")


def test_red_digs_in_the_site_blue_would_strike_not_the_one_blue_spares(border_rules):
    """At the start of June Blue knows the two Al-Bukamal sites in Syria and the Al-Qaim
    facility in Iraq, whose strike costs Blue in Baghdad and in authorization. Red's one
    dug-in marker goes where it takes most off Blue's best strike: in Syria."""
    g = Game(border_rules, 1, keep_undo=False)
    view = _red_view(border_rules, g)
    tactics = Tactics(border_rules, random.Random(1))
    assert tactics.choices is not None
    pick = tactics.choices.best_marker("red", view, "red_operations", GREEDY, tactics.marker_relief)
    assert isinstance(pick, PlaceMarker) and pick.marker == "dug_in"
    assert pick.piece in ("bukamal_facility", "bukamal_depot")

    def best_sortie(know, pid: str) -> float:  # every flight, none left out as alike
        return max(tactics.sortie_value(know, FlySortie(f, pid)) for f in border_rules.strike_flights)

    def relief(pid: str) -> float:
        return max(0.0, best_sortie(view, pid)) - max(0.0, best_sortie(Marked(view, ("dug_in", pid)), pid))

    reliefs = {pid: relief(pid) for pid in ("bukamal_facility", "bukamal_depot", "qaim_facility")}
    assert reliefs[pick.piece] == max(reliefs.values()) > 0, reliefs
    for pid, r in reliefs.items():
        assert tactics.marker_relief(view, view.pieces[pid], "dug_in") == pytest.approx(r, abs=1e-12), pid
    # by what each site stands to lose alone the three tie, and the tie went to the Iraqi facility
    worth = {pid: tactics.choices._worth_guarding(view, view.pieces[pid]) for pid in reliefs}
    assert max(worth, key=lambda pid: (worth[pid], pid)) == "qaim_facility", worth


def test_a_site_blue_has_not_found_is_never_dug_in_against_its_strikes(border_rules):
    g = Game(border_rules, 1, keep_undo=False)
    tactics = Tactics(border_rules, random.Random(1))
    assert tactics.choices is not None
    view = _red_view(border_rules, g)
    depot = view.pieces["mayadin_depot"]
    assert depot.hidden
    assert tactics.marker_relief(view, depot, "dug_in") == 0.0
    # with every other site gone, a hidden one is dug in only by what it stands to lose
    for pid in ("bukamal_facility", "bukamal_depot", "qaim_facility"):
        g.state.pieces[pid].destroyed = True
    view = _red_view(border_rules, g)
    assert tactics.choices.best_marker("red", view, "red_operations", GREEDY, tactics.marker_relief) == PlaceMarker(
        "dug_in", "mayadin_depot"
    )


def _strikes_met(rules, red_knobs: Knobs, seeds: range) -> Counter:
    """Of greedy Blue's strikes at militia sites, how many met a dug-in site (True) or an open one."""
    met: Counter = Counter()
    for seed in seeds:
        g = Game(rules, seed, keep_undo=False)
        blue = make_player("greedy", player_seed(seed, "blue"))
        red = Tactics(rules, random.Random(player_seed(seed, "red")))
        while not g.over:
            side = g.side_to_move
            d = g.decision(side)
            cmd = blue.choose(d) if side == "blue" else red.choose("red", d.view, d.legal, red_knobs)
            if type(cmd) is FlySortie and g.state.pieces[cmd.target].kind in ("facility", "depot"):
                met[("dug_in", cmd.target) in g.state.markers] += 1
            g.apply(cmd)
    return met


def test_a_red_that_foresees_the_strikes_meets_most_of_them_dug_in(border_rules):
    """What the placement is for, in play: Blue's strikes come where Red dug in. Greedy,
    digging in by what a site stands to lose alone, met 37% of them (100 games)."""
    foreseen = _strikes_met(border_rules, Knobs(foresee_strikes=True), range(1, 13))
    assert sum(foreseen.values()) >= 40, foreseen
    assert foreseen[True] > foreseen[False], foreseen
    greedy = _strikes_met(border_rules, GREEDY, range(1, 13))
    assert greedy[True] / sum(greedy.values()) < foreseen[True] / sum(foreseen.values()), (greedy, foreseen)


"""Computer players: what they are handed, and that it never tells them a secret."""

from __future__ import annotations

import pytest

from wargame.ai import make_player
from wargame.rules.chance import NoDice
from wargame.rules.commands import EndPhase, MoveTeam
from wargame.rules.engine import Game, IllegalCommand
from wargame.rules.views import SideView


def _inputs(d) -> tuple:
    """Everything a player can read from its decision."""
    log = tuple((e.turn, e.phase, e.kind, e.text, e.visible, e.where, e.pieces) for e in d.log)
    return d.side, d.view, tuple(d.legal), log


def test_a_hidden_piece_changes_nothing_blue_is_handed_until_it_is_found(border_rules):
    """Two games alike but for where one hidden launch team stands: Blue's player is
    handed the same view, commands and log at every decision, and chooses the same,
    until a search rolls against that team (after which the dice differ)."""
    a, b = Game(border_rules, 7), Game(border_rules, 7)
    elsewhere = next(c.to for c in b.legal_commands() if isinstance(c, MoveTeam) and c.team == "team_north")
    b.state.pieces["team_north"].hex = elsewhere
    assert a.digest() != b.digest() and a.view("blue") == b.view("blue")
    blue = {g: make_player("greedy", 3) for g in (a, b)}
    name = border_rules.name_of("team_north")
    compared, last = 0, False
    while not a.over and not last:
        assert a.side_to_move == b.side_to_move
        if a.side_to_move == "red":
            a.apply(EndPhase())
            b.apply(EndPhase())
            continue
        da, db = a.decision("blue"), b.decision("blue")
        assert _inputs(da) == _inputs(db)
        ca, cb = blue[a].choose(da), blue[b].choose(db)
        assert ca == cb
        compared += 1
        before = len(a.log), len(b.log)
        a.apply(ca)
        b.apply(cb)
        touched = [e for g, n in ((a, before[0]), (b, before[1])) for e in g.log[n:] if name in e.text]
        if touched:
            last = True
            if a.state.pieces["team_north"].hidden and b.state.pieces["team_north"].hidden and a.side_to_move == "blue":
                # one more look: a search that found nothing must leave no trace Blue can read
                assert _inputs(a.decision()) == _inputs(b.decision())
    assert compared >= 10 and a.state.turn >= 2, f"only {compared} decisions compared: the test did not get far"


def test_a_player_is_handed_its_view_never_the_game(tutorial_rules):
    g = Game(tutorial_rules, 1)
    d = g.decision("red")
    assert d.side == "red" and isinstance(d.view, SideView) and d.view.side == "red"
    assert list(d.legal) == g.legal_commands("red")
    assert not any(
        isinstance(getattr(d, name), Game) for name in ("side", "rules", "legal", "chance", "view", "worlds")
    )
    with pytest.raises(IllegalCommand):
        g.decision("blue")
    # the view is a copy: changing it changes nothing in the game
    d.view.pieces["drone_team"].hex = d.view.pieces["ain_al_asad_base"].hex
    assert g.state.pieces["drone_team"].hex != g.state.pieces["ain_al_asad_base"].hex
    with pytest.raises(TypeError):
        d.view.tracks["escalation"] = 9  # type: ignore[index]


def test_a_players_chance_lists_odds_but_never_rolls_the_games_dice(tutorial_rules):
    g = Game(tutorial_rules, 1)
    d = g.decision("red")
    attack = next(c for c in d.legal if c.name == "drone_attack")
    (_, setup), _ = d.preview(attack).odds
    outcomes = d.chance.outcomes(setup)
    assert sum(o.chance for o in outcomes) == 1
    drawn = g.dice.drawn
    with pytest.raises(NoDice):
        d.chance.roll(setup)
    own = d.chance.fork(5)
    assert own.roll(setup).row in [o.row for o in outcomes]
    assert g.dice.drawn == drawn  # the game's stream is untouched


@pytest.mark.parametrize("kind", ["random", "greedy", "ai"])
def test_players_only_issue_legal_commands(tutorial_rules, kind):
    for seed in range(5):
        g = Game(tutorial_rules, seed)
        players = {"blue": make_player(kind, seed, "fast"), "red": make_player(kind, seed + 1, "fast")}
        while not g.over:
            d = g.decision()
            c = players[d.side].choose(d)
            assert g.why_illegal(c) is None, c
            g.apply(c)


def test_red_sees_the_damage_it_did_to_a_us_site(tutorial_rules):
    """Hits on US sites are told to both sides, so Red's view shows them (only a
    strike on a Red piece can leave its result unclear to the striker)."""
    from wargame.dice import RecordedDice

    g = Game(tutorial_rules, 1, RecordedDice([(6, 1), (6, 1)]))
    g.apply(next(c for c in g.legal_commands() if c.name == "drone_attack" and c.target == "ain_al_asad_base"))
    g.apply(EndPhase())
    g.dice = RecordedDice([(10, 7), (6, 4), (6, 4)])  # through, then 8 -1 = 7: the site is hit
    g.apply(EndPhase())
    assert g.state.pieces["ain_al_asad_base"].damaged
    assert g.view("red").pieces["ain_al_asad_base"].damaged and g.view("blue").pieces["ain_al_asad_base"].damaged

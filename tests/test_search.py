"""The search player: it plays legal commands, looks ahead only in worlds its side could
be in (never the true one), and beats the greedy player that beats the random one."""

from __future__ import annotations

import pytest

from wargame.ai import make_player, player_seed
from wargame.ai.search import SearchPlayer
from wargame.rules.commands import EndPhase, MoveTeam
from wargame.rules.engine import Game
from wargame.rules.views import Decision

DIFFERENT = "team_south"  # the hidden team that stands elsewhere in the second game


def _inputs(d) -> tuple:
    log = tuple((e.turn, e.phase, e.kind, e.text, e.visible, e.where, e.pieces) for e in d.log)
    return d.side, d.view, tuple(d.legal), log


def _red_script(red, g: Game):
    """Red's greedy choice among every command but the differing team's (so both games
    keep the difference, and every Red command is legal in both)."""
    d = g.decision("red")
    legal = [c for c in d.legal if getattr(c, "team", None) != DIFFERENT]
    return red.choose(Decision("red", d.rules, legal, d.chance, g._seats["red"], d.worlds))


def _play_pair(rules, cheat: bool):
    """Two games that differ only in what Blue cannot see (where one hidden team stands,
    and Red's drone stock), Blue played by two search players with the same seed. Returns
    the pairs of their choices and plan scores, and what happened before Blue's inputs
    first differed."""
    a, b = Game(rules, 11), Game(rules, 11)
    elsewhere = [c.to for c in b.legal_commands() if isinstance(c, MoveTeam) and c.team == DIFFERENT][-1]
    b.state.pieces[DIFFERENT].hex = elsewhere
    b.state.stocks["red"]["drones"] += 5
    assert a.digest() != b.digest() and a.view("blue") == b.view("blue")
    blue = {a: SearchPlayer(5, "fast"), b: SearchPlayer(5, "fast")}
    red = {a: make_player("greedy", 3)}
    pairs, attacks, searches = [], 0, 0
    while not a.over and a.state.turn <= 5:
        assert a.side_to_move == b.side_to_move
        if a.side_to_move == "red":
            c = _red_script(red[a], a)  # the second game has more drones: a's command is legal there too
            if b.why_illegal(c) is not None:
                c = EndPhase()
            a.apply(c)
            b.apply(c)
            continue
        da, db = a.decision("blue"), b.decision("blue")
        if _inputs(da) != _inputs(db):
            break  # a search rolled for the team in one game only: Blue now knows something different
        if cheat:  # look-ahead in the true game: what the search must never do
            da.worlds = lambda seed, g=a: g.state.clone()
            db.worlds = lambda seed, g=b: g.state.clone()
        ca, cb = blue[a].choose(da), blue[b].choose(db)
        pairs.append(((ca, dict(blue[a].last)), (cb, dict(blue[b].last))))
        if pairs[-1][0] != pairs[-1][1]:
            break  # told apart: the games go their own ways from here
        attacks = len(a.revealed)
        searches += ca.name == "task_isr"
        a.apply(ca)
        b.apply(cb)
    return pairs, attacks, searches, a.state.turn


def test_hidden_pieces_change_no_choice_of_the_search_player(border_rules):
    pairs, attacks, searches, turn = _play_pair(border_rules, cheat=False)
    assert attacks >= 2 and searches >= 2 and turn >= 3, "the games did not get far enough to matter"
    scored = [p for p in pairs if p[0][1]]
    assert len(scored) >= 2, "the search player never weighed plans in sampled worlds"
    for (ca, sa), (cb, sb) in pairs:
        assert ca == cb and sa == sb


def test_the_same_test_catches_a_search_that_peeks(border_rules):
    """Had the player looked ahead in the true game, the two games would have told apart."""
    pairs, _, _, _ = _play_pair(border_rules, cheat=True)
    assert any(pa != pb for pa, pb in pairs)


@pytest.mark.parametrize("seed", [0, 1])
def test_the_search_player_issues_only_legal_commands(tutorial_rules, seed):
    g = Game(tutorial_rules, seed)
    players = {"blue": make_player("ai", seed, "fast"), "red": make_player("ai", seed + 1, "fast")}
    while not g.over:
        d = g.decision()
        c = players[d.side].choose(d)
        assert g.why_illegal(c) is None, c
        g.apply(c)


def test_same_seed_same_moves(tutorial_rules):
    def moves() -> list:
        g = Game(tutorial_rules, 4)
        players = {s: make_player("ai", player_seed(4, s), "fast") for s in ("blue", "red")}
        while not g.over:
            g.apply(players[g.side_to_move].choose(g.decision()))
        return [s.command for s in g.history]

    assert moves() == moves()


def _balance(rules, blue: str, red: str, seeds, level: str = "fast") -> tuple[int, int]:
    """Blue's wins less its losses over these seeds, and Blue's points less Red's."""
    score = margin = 0
    for seed in seeds:
        g = Game(rules, seed, keep_undo=False)
        players = {"blue": make_player(blue, player_seed(seed, "blue"), level),
                   "red": make_player(red, player_seed(seed, "red"), level)}  # fmt: skip
        while not g.over:
            g.apply(players[g.side_to_move].choose(g.decision()))
        w = g.state.result.winner
        score += (w == "blue") - (w == "red")
        margin += g.state.vp["blue"] - g.state.vp["red"]
    return score, margin


def test_greedy_beats_random_on_each_side(border_rules):
    seeds = range(30)
    assert _balance(border_rules, "greedy", "random", seeds)[0] > 0
    assert _balance(border_rules, "random", "greedy", seeds)[0] < 0


def test_the_search_player_beats_greedy_as_blue(border_rules):
    """On the same seeds (the same dice to start with), the search player as Blue does at
    least as well as greedy in results and better in points (the full counts: bench/simulate.py)."""
    seeds = range(16)
    ai, greedy = _balance(border_rules, "ai", "greedy", seeds), _balance(border_rules, "greedy", "greedy", seeds)
    assert ai[0] >= greedy[0] and ai[1] > greedy[1], (ai, greedy)


def test_a_quiet_game_plays_by_the_same_rules(border_rules):
    """The worlds a search imagines go on by exactly the rules of a game that logs."""
    from wargame.ai.random_player import RandomPlayer
    from wargame.dice import SeededDice

    g = Game(border_rules, 21, keep_undo=False)
    quiet = Game.resume(border_rules, g.state.clone(), 0)
    quiet.dice = SeededDice(21, g.dice.drawn)  # the same stream, from where the game stands
    player = RandomPlayer(8)
    while not g.over:
        c = player.choose(g.decision())
        g.apply(c)
        quiet.apply(c)
        assert quiet.digest() == g.digest()
    assert quiet.log == [] and len(g.log) > 100


def test_worlds_place_hidden_teams_where_they_could_be(border_rules):
    g = Game(border_rules, 5, keep_undo=False)
    players = {s: make_player("greedy", player_seed(5, s)) for s in ("blue", "red")}
    while not (g.phase == "blue_isr" and g.state.turn >= 2 and g.revealed):
        g.apply(players[g.side_to_move].choose(g.decision()))
    d = g.decision("blue")
    worlds = [d.worlds(seed) for seed in range(12)]
    assert [w.digest() for w in worlds[:3]] == [d.worlds(seed).digest() for seed in range(3)]  # a seed, a world
    hidden = [pid for pid in border_rules.side_pieces["red"] if pid not in d.view.pieces]
    assert hidden and all(not w.pieces[pid].destroyed for w in worlds for pid in hidden)
    moving = [pid for pid in hidden if g.state.pieces[pid].kind in ("launch_team", "rocket_team")]
    assert any(len({w.pieces[pid].hex for w in worlds}) > 1 for pid in moving)  # a belief, not one guess
    from wargame import hexgrid

    for turn, _, team, target, _ in g.revealed:
        if turn == g.state.turn and team in hidden:
            reach = border_rules.value(g.state, g.state.pieces[team], "range")
            for w in worlds:
                assert hexgrid.distance(w.pieces[team].hex, w.pieces[target].hex) <= reach
    for w in worlds:  # what Blue sees is as it sees it; Red's stocks an estimate from the record
        assert all(w.pieces[pid].hex == p.hex for pid, p in d.view.pieces.items())
        assert w.tracks == dict(d.view.tracks) and set(w.stocks["red"]) == set(g.state.stocks["red"])


def test_each_imagined_side_decides_on_its_own_view_of_the_world(border_rules, monkeypatch):
    """In the playouts, the imagined Red never reads the world's alert markers (Blue's, hidden
    from Red) nor the imagined Blue Red's hidden teams: each decides on what it could see."""
    from wargame.ai import search
    from wargame.ai.tactics import Tactics

    seen: list[tuple[str, object]] = []
    choose = Tactics.choose

    def spy(self, side, know, legal, knobs=search.GREEDY, hints=()):  # what it sees as it decides
        seen.append((side, [m for m, _ in know.markers], [pid for pid, p in know.pieces.items() if p.hidden]))
        return choose(self, side, know, legal, knobs, hints)

    g = Game(border_rules, 3, keep_undo=False)
    greedy = {s: make_player("greedy", player_seed(3, s)) for s in ("blue", "red")}
    while not (g.state.turn == 2 and g.phase == "red_operations"):  # Blue has placed its alerts
        g.apply(greedy[g.side_to_move].choose(g.decision()))
    assert any(m[0] == "alert" for m in g.state.markers)
    monkeypatch.setattr(Tactics, "choose", spy)
    SearchPlayer(5, "fast").choose(g.decision("red"))
    hidden = {mid for mid, m in border_rules.markers.items() if m.hidden and m.side == "blue"}
    reds = [markers for s, markers, _ in seen if s == "red"]
    blues = [hidden_pieces for s, _, hidden_pieces in seen if s == "blue"]
    assert reds and blues
    assert all(mid not in hidden for markers in reds for mid in markers)
    red = set(border_rules.side_pieces["red"])
    assert not [pid for pieces in blues for pid in pieces if pid in red]


@pytest.mark.parametrize("iterations", [20, 32, 44, 60])
def test_a_search_plays_out_the_games_its_budget_allows(border_rules, monkeypatch, iterations):
    """Red's first search of June: the budget (scaled for the turns left) is spent, not
    left over by rounding each round's share down (30 of 40 once played 24)."""
    from wargame.ai import search

    g = Game(border_rules, 3, keep_undo=False)
    while border_rules.sequence[g.state.phase] != "red_operations":
        g.apply(EndPhase())
    d = g.decision("red")
    player = SearchPlayer(1, "fast", iterations=iterations)
    played = []
    play_out = player._play_out
    monkeypatch.setattr(player, "_play_out", lambda *a: played.append(1) or play_out(*a))
    player.choose(d)
    left = border_rules.scenario.turns.count - d.view.turn + 1
    budget = round(iterations * min(1.0, search.FULL_BUDGET_TURNS / left))
    assert budget - 3 <= len(played) <= budget

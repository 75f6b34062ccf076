"""The legal commands the engine hands out, checked against the rules themselves.

The engine keeps commands per piece and per facts, shares them between the games
on one rulebook, and trusts the very objects it handed out without checking them
again. These tests hold it to exactly what `why_illegal` allows: nothing more
(every listed command is allowed) and nothing less (every allowed command of a
piece is listed), in games that share a rulebook and so each other's commands.
"""

from __future__ import annotations

from wargame.ai.random_player import RandomPlayer
from wargame.rules import engine as engine_module
from wargame.rules.commands import DroneAttack, EndPhase, FlySortie, GoToGround, MoveTeam, PlaceMarker, RocketAttack, TaskIsr
from wargame.rules.effects import hit
from wargame.rules.engine import Game


def _candidates(g: Game) -> set:
    """Every command of the acting pieces the rules could allow now, and more: built
    from the pieces and the map, not from the engine's lists."""
    rules, st = g.rules, g.state
    phase = g.phase
    out: set = set()
    stocks = st.stocks.get("red", {})
    most = max([1, *stocks.values()]) + 1
    if phase == "red_operations":
        sites = rules.sites
        for tid in rules.teams:
            p = st.pieces[tid]
            out.add(GoToGround(tid))
            out.update(MoveTeam(tid, h) for h in rules.area(p.hex, rules.value(st, p, "move") + 1))
            for s in sites:
                out.add(RocketAttack(tid, s))
                out.update(DroneAttack(tid, s, n) for n in range(1, most + 1))
    elif phase == "blue_isr":
        for did in rules.isr_drones:
            p = st.pieces[did]
            out.update(TaskIsr(did, h) for h in rules.area(p.hex, rules.value(st, p, "range") + 1))
    elif phase == "blue_air":
        for fid in rules.strike_flights:
            out.update(FlySortie(fid, pid) for pid in rules.side_pieces["red"])
    for mid, m in rules.markers.items():
        out.update(PlaceMarker(mid, pid) for pid in rules.side_pieces[m.side])
    return out


def _pieces_commands(commands) -> set:
    return {c for c in commands if isinstance(c, (GoToGround, MoveTeam, RocketAttack, DroneAttack, TaskIsr, FlySortie, PlaceMarker))}


def _check(g: Game) -> None:
    listed = list(g.decision().legal)
    assert len(set(listed)) == len(listed), "a command listed twice"
    for c in listed:
        assert g.why_illegal(c) is None, c
    allowed = {c for c in _candidates(g) if g.why_illegal(c) is None}
    assert _pieces_commands(listed) == allowed


def test_the_listed_commands_are_exactly_the_allowed_ones_in_games_sharing_a_rulebook(border_rules):
    # Three games on one rulebook, a command each in turn: each meets commands the others
    # made (a team's, from the same hex and facts), with other sites destroyed and other markers.
    games = [Game(border_rules, seed) for seed in (3, 11, 29)]
    players = [RandomPlayer(seed) for seed in (3, 11, 29)]
    steps = 0
    while any(not g.over for g in games) and steps < 900:
        for g, player in zip(games, players):
            if g.over:
                continue
            if g.phase in ("red_operations", "blue_isr", "blue_air"):
                _check(g)
            g.apply(player.choose(g.decision()))
            steps += 1
    assert all(g.over for g in games)


def test_a_site_destroyed_in_one_game_is_attacked_in_another(border_rules):
    # The first game's teams have their commands made; the second game destroys every
    # site they can reach (through the rules' own hit) and must offer no attack on one.
    first = Game(border_rules, 5)
    player = RandomPlayer(5)
    while first.phase != "red_operations":
        first.apply(player.choose(first.decision()))
    attacks = [c for c in first.decision().legal if isinstance(c, (DroneAttack, RocketAttack))]
    assert attacks, "no team can reach a site on the first day"
    second = Game(border_rules, 5)
    player = RandomPlayer(5)
    while second.phase != "red_operations":
        second.apply(player.choose(second.decision()))
    targets = {c.target for c in attacks}
    for t in targets:
        hit(second, second.state.pieces[t], "destroy", "all")
    offered = [c for c in second.decision().legal if isinstance(c, (DroneAttack, RocketAttack))]
    assert not [c for c in offered if c.target in targets]
    _check(second)
    assert [c for c in first.decision().legal if isinstance(c, (DroneAttack, RocketAttack))] == attacks


def test_the_engine_trusts_only_the_commands_it_handed_out(border_rules, monkeypatch):
    checked: list = []
    real = engine_module.why_illegal

    def counting(g, c):
        checked.append(c)
        return real(g, c)

    monkeypatch.setattr(engine_module, "why_illegal", counting)
    g = Game(border_rules, 7, keep_undo=False)
    player = RandomPlayer(7)
    kinds = set()
    while not g.over:
        c = player.choose(g.decision())
        kinds.add(type(c).__name__)
        g.apply(c)
    # the end of a phase, cards, markers and attacks to resolve are trusted as the pieces' orders are
    assert {"EndPhase", "PlayCard", "PlaceMarker", "ResolveAttack", "MoveTeam", "FlySortie"} <= kinds
    assert checked == []

    # a command not handed out, even one equal to a listed one, is checked in full
    g = Game(border_rules, 7, keep_undo=False)
    g.decision()
    g.apply(EndPhase())
    assert len(checked) == 1
    # and so is one handed out before the game last changed
    player = RandomPlayer(7)
    while g.phase != "red_operations":
        g.apply(player.choose(g.decision()))
    d = g.decision()
    move = next(c for c in d.legal if isinstance(c, MoveTeam))
    g.apply(move)
    assert len(checked) == 1
    g.apply(d.legal[-1])  # the end of the phase, from the decision before the move
    assert checked[1:] == [d.legal[-1]]

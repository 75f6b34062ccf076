"""The June scenario's newer rules, each with its exact odds or its exact effect:
casualties that follow the people actually hurt, damage that earns authorization,
repair, politics that answer the day, alert and dug-in markers, active teams and
going to ground, the strike beyond authorization, and the cards."""

from __future__ import annotations

from fractions import Fraction

import pytest

from wargame.dice import RecordedDice
from wargame.rules.cards import card_commands, pile
from wargame.rules.commands import DroneAttack, EndPhase, GoToGround, PlaceMarker, PlayCard, ResolveAttack
from wargame.rules.effects import Outcome, apply_effects
from wargame.rules.engine import Game, IllegalCommand
from wargame.rules.procedures import politics, repair
from wargame.rules.rulebook import Situation


def game(rules, seed: int = 1) -> Game:
    return Game(rules, seed, keep_undo=False)


def row_effects(rules, table: str, result: str, column: str | None = None):
    spec = rules.scenario.tables[table]
    rows = spec.results[column] if isinstance(spec.results, dict) else spec.results
    return next(r for r in rows if r.result == result).effects


def to_phase(g: Game, phase: str) -> None:
    while g.phase != phase:
        g.apply(EndPhase())


# --- casualties follow the people actually hurt (the scoring defect) --------------------------


def test_no_casualty_points_or_press_once_a_site_has_no_one_left(border_rules):
    g = game(border_rules)
    site = g.state.pieces["union_iii"]
    personnel = border_rules.value(g.state, site, "personnel")
    site.casualties = personnel  # everyone already hurt
    vp, stats = dict(g.state.vp), g.state.stats["us_casualties"]
    g.dice = RecordedDice([])  # a press roll would need dice and fail
    apply_effects(g, row_effects(border_rules, "drone_attack", "heavy"), Situation(None, site, site.hex), Outcome(), "test")
    assert g.state.vp == vp and g.state.stats["us_casualties"] == stats
    assert "No one left to hurt" in g.pending[-1].text


def test_casualty_points_count_only_the_casualties_inflicted(border_rules):
    g = game(border_rules)
    site = g.state.pieces["union_iii"]
    site.casualties = border_rules.value(g.state, site, "personnel") - 1  # one person left
    red = g.state.vp["red"]
    g.dice = RecordedDice([(6, 1)])  # the press roll: little coverage
    apply_effects(g, row_effects(border_rules, "drone_attack", "heavy"), Situation(None, site, site.hex), Outcome(), "test")
    assert g.state.vp["red"] == red + 1  # "2 casualties" on the row, 1 inflicted
    assert site.casualties == border_rules.value(g.state, site, "personnel")


# --- authorization is earned by damage, and repair mends it ------------------------------------


def test_an_attack_that_newly_damages_a_site_earns_authorization(border_rules):
    """June earns nothing for an attack as such: a drone through that damages Union III
    earns one step (per_damage); the same attack shot down earns none."""
    auth = border_rules.scenario.rules.authorization
    assert (auth.per_attack, auth.per_damage) == (0, 1)
    earned = {}
    for label, faces in {"damages": [(10, 10), (6, 4), (6, 4), (10, 1)], "shot down": [(10, 1), (10, 1)]}.items():
        g = game(border_rules)
        g.apply(DroneAttack("team_south", "union_iii", 2))
        before = g.state.pending_authorization
        to_phase(g, "blue_reaction")
        g.dice = RecordedDice(faces)
        g.apply(ResolveAttack(1))
        earned[label] = g.state.pending_authorization - before
        assert g.state.pieces["union_iii"].damaged == (label == "damages")
    assert earned == {"damages": 1, "shot down": 0}


def test_sites_are_repaired_after_the_turns_without_attack_the_scenario_asks(border_rules):
    g = game(border_rules)
    base, depot = g.state.pieces["union_iii"], g.state.pieces["bukamal_depot"]
    for p in (base, depot):
        p.damaged, p.hit_turn = True, g.state.turn
    g.state.turn += 1  # the next morning: the day of the attack was no day without one
    repair(g)
    assert base.damaged and depot.damaged
    g.state.turn += 1  # a whole turn without attack: a US site (1 turn) is mended, a militia site (2) not yet
    repair(g)
    assert not base.damaged and depot.damaged
    g.state.turn += 1
    repair(g)
    assert not depot.damaged


# --- politics that answer the day ------------------------------------------------------------


def test_a_quiet_day_on_both_sides_revives_the_talks_and_baghdad(border_rules):
    g = game(border_rules)
    st = g.state
    st.dawn = dict(st.stats)  # nothing happened today
    talks, iraq = st.tracks["diplomacy"], st.tracks["iraq_tolerance"]
    politics(g, "political")
    assert st.tracks["diplomacy"] == talks + 1 and st.tracks["iraq_tolerance"] == iraq + 1


def test_a_strike_day_does_not_count_as_quiet(border_rules):
    g = game(border_rules)
    st = g.state
    st.dawn = dict(st.stats)
    st.stats["strikes"] += 1
    talks = st.tracks["diplomacy"]
    politics(g, "political")
    assert st.tracks["diplomacy"] == talks


# --- markers ---------------------------------------------------------------------------------


def test_an_alert_marker_raises_counter_drone_odds_exactly(border_rules):
    """Union III's defence on 1d10 (shot down on 0 or less after subtracting it):
    the alert adds 2 to the defence, so two more faces in ten shoot the drone down."""
    g = game(border_rules)
    st = g.state
    team, site = st.pieces["team_south"], st.pieces["union_iii"]
    sit = Situation(team, site, site.hex)
    defence = border_rules.value(st, site, "counter_drone")
    plain = border_rules.setup("counter_drone", st, sit).odds().chance_of("shot_down")
    assert plain == Fraction(min(defence, 10), 10)
    st.markers.append(("alert", "union_iii"))
    alert = border_rules.setup("counter_drone", st, sit).odds().chance_of("shot_down")
    assert alert == Fraction(min(defence + 2, 10), 10)


def test_markers_are_placed_only_in_their_phase_on_their_kinds_and_never_seen_by_red(border_rules):
    g = game(border_rules)
    with pytest.raises(IllegalCommand):
        g.apply(PlaceMarker("alert", "union_iii"))  # Red's operations: not Blue's placing phase
    to_phase(g, "blue_air")
    with pytest.raises(IllegalCommand):
        g.apply(PlaceMarker("alert", "strike_eagle_1"))  # an aircraft is no base
    g.apply(PlaceMarker("alert", "union_iii"))
    g.apply(PlaceMarker("alert", "erbil_consulate"))
    assert not any(isinstance(c, PlaceMarker) for c in g.legal_commands())  # both placed
    assert ("alert", "union_iii") in g.view("blue").markers
    assert not g.view("red").markers
    assert all("Alert" not in e.text for e in g.events_for("red"))


def test_dug_in_shifts_the_strike_one_column_harder(border_rules):
    g = game(border_rules)
    st = g.state
    flight, site = st.pieces["strike_eagle_1"], st.pieces["qaim_facility"]
    sit = Situation(flight, site, site.hex)
    cols = border_rules.scenario.tables["strike"].columns
    plain = border_rules.setup("strike", st, sit)
    st.markers.append(("dug_in", "qaim_facility"))
    dug = border_rules.setup("strike", st, sit)
    assert plain.column > 0 and dug.column == plain.column - 1, (cols, plain.shifts, dug.shifts)
    assert ("Dug in", -1) in dug.shifts


# --- active teams and going to ground --------------------------------------------------------


def test_an_active_team_is_easier_to_find_by_exactly_one_pip(border_rules):
    g = game(border_rules)
    st = g.state
    drone, team = st.pieces["reaper_west"], st.pieces["team_anbar"]
    sit = Situation(drone, team, team.hex, aim=team.hex)
    quiet = border_rules.setup("isr_detection", st, sit)
    team.active = True
    active = border_rules.setup("isr_detection", st, sit)
    assert active.modifier == quiet.modifier + 1
    assert ("Active team: it launched and has not gone to ground", 1) in active.modifiers
    # detected on 6+ of 1d6 after modifiers: one pip more is exactly one face in six more
    p_quiet = Fraction(max(0, min(6, 1 + quiet.modifier)), 6)
    assert quiet.odds().chance_of("detected") == p_quiet
    assert active.odds().chance_of("detected") == min(Fraction(1), p_quiet + Fraction(1, 6))


def test_going_to_ground_takes_the_days_move_and_ends_the_active_state(border_rules):
    g = game(border_rules)
    team = g.state.pieces["team_north"]
    with pytest.raises(IllegalCommand, match="not active"):
        g.apply(GoToGround("team_north"))
    team.active = True
    g.apply(GoToGround("team_north"))
    assert not team.active and team.moved_turn == g.state.turn
    assert not any(getattr(c, "team", None) == "team_north" and type(c).__name__ == "MoveTeam" for c in g.legal_commands())


# --- the strike beyond authorization ---------------------------------------------------------


def test_the_overreach_table_always_costs_blue(border_rules):
    spec = border_rules.scenario.tables["overreach"]
    g = game(border_rules)
    odds = border_rules.setup("overreach", g.state, Situation()).odds()
    assert sum(odds.chances) == 1
    for row in spec.results:
        assert any(e.verb == "vp" and e.vp == "red" for e in row.effects), row.result


# --- cards -----------------------------------------------------------------------------------


def test_the_deal_and_the_hands_are_hidden_from_the_other_side(border_rules):
    g = game(border_rules)
    spec = border_rules.scenario.cards
    assert len(g.state.hands["blue"]) == spec.deal["blue"] and len(g.state.hands["red"]) == spec.deal["red"]
    blue, red = g.view("blue"), g.view("red")
    assert list(blue.hand) == g.state.hands["blue"] and "red" not in blue.hands
    assert blue.hand_sizes["red"] == spec.deal["red"]
    names = {border_rules.cards[c].name for c in g.state.hands["red"]}
    assert not any(n in e.text for e in g.events_for("blue") for n in names)
    assert list(red.hand) == g.state.hands["red"]


def test_a_draw_is_an_even_pick_from_the_pile(border_rules):
    """A draw is a die of as many sides as the pile holds (each card 1/len(pile)),
    recorded like a roll: face k draws the pile's k-th card, never one in a hand or out of play."""
    from wargame.rules.cards import draw

    g = game(border_rules)
    g.state.removed.append("erbil_drones")
    before = pile(g, "red")
    assert "erbil_drones" not in before and not set(before) & set(g.state.hands["red"])
    for k in range(1, len(before) + 1):
        h = game(border_rules)
        h.state.removed.append("erbil_drones")
        h.state.hands["red"] = list(g.state.hands["red"])
        h.dice = RecordedDice([(len(before), k)])
        h.chance.source = h.dice
        draw(h, "red", 1)
        assert h.state.hands["red"][-1] == before[k - 1]


def test_a_card_event_is_played_once_and_its_ops_buy_an_operation(border_rules):
    g = game(border_rules)
    st = g.state
    st.hands["red"] = ["erbil_drones", "unexpected_distances"]
    drones = st.stocks["red"]["drones"]
    g.apply(PlayCard("erbil_drones", "event"))
    assert st.stocks["red"]["drones"] == min(drones + 3, border_rules.scenario.sides["red"].stock_max["drones"])
    assert "erbil_drones" in st.removed and "erbil_drones" not in pile(g, "red")
    with pytest.raises(IllegalCommand, match="played all its cards"):
        g.apply(PlayCard("unexpected_distances", "forced_march"))
    # next turn: ops value 2 buys an operation of cost 2 or less, never more
    st.played["red"] = 0
    assert PlayCard("unexpected_distances", "smuggle_drones") in card_commands(g, "red")
    g.apply(PlayCard("unexpected_distances", "forced_march"))
    assert st.today.get("team_move") == 2 and "unexpected_distances" not in st.removed


def test_an_event_waits_for_its_condition(border_rules):
    """Kirby's deterrence is playable only on a day without a militia attack declared."""
    g = game(border_rules)
    st = g.state
    st.hands["blue"] = ["kirby_deterrence"]
    to_phase(g, "blue_isr")
    st.dawn = dict(st.stats)
    assert PlayCard("kirby_deterrence", "event") in card_commands(g, "blue")
    st.stats["attacks_declared"] += 1
    assert PlayCard("kirby_deterrence", "event") not in card_commands(g, "blue")
    assert any(c.card == "kirby_deterrence" for c in card_commands(g, "blue"))  # still for its ops


def test_a_card_that_rolls_a_table_shows_its_exact_odds(border_rules):
    g = game(border_rules)
    odds = border_rules.setup("parliament", g.view("red"), Situation()).odds()
    assert sum(odds.chances) == 1 and all(c > 0 for c in odds.chances)


def test_the_first_day_has_no_quiet_yesterday(border_rules):
    """The story starts after the Erbil attack: on turn 1 no `yesterday_…` condition holds,
    so Iran's reaction gets no "quiet day yesterday" modifier; from turn 2 it reads the day before."""
    g = game(border_rules)
    st = g.state
    mods = [m.name for m in border_rules.scenario.tables["iran_reaction"].modifiers if m.when and m.when.yesterday_at_most]
    assert mods
    st.turn = 1
    assert not any(name == mods[0] for name, _ in border_rules.setup("iran_reaction", st, Situation()).modifiers)
    st.turn, st.yesterday = 2, {}
    assert any(name == mods[0] for name, _ in border_rules.setup("iran_reaction", st, Situation()).modifiers)


def _launched_game(border_rules):
    """A June game in Blue's ISR phase after a drone attack by team North (all dice seeded)."""
    for seed in range(1, 60):
        g = game(border_rules, seed)
        attack = next((c for c in g.legal_commands() if isinstance(c, DroneAttack) and c.team == "team_north"), None)
        if attack is None:
            continue
        g.apply(attack)
        to_phase(g, "blue_isr")
        return g
    raise AssertionError("no seed lets team North attack on day 1")


def test_blue_learns_the_launch_block_never_the_launch_hex(border_rules):
    from wargame.rules.hiding import block_centre, launch_block

    g = _launched_game(border_rules)
    true = g.state.attacks[0].origin
    seen = g.view("blue").attacks[0].origin
    assert seen == block_centre(border_rules, launch_block(border_rules, true))
    assert g.view("red").attacks[0].origin == true


def test_a_search_where_a_team_launched_today_shows_those_odds(border_rules):
    """The ISR card offers, beside a team that lay quiet, the odds of the team seen
    launching there today: active and just fired, +2 in all on 1d6."""
    from wargame.rules.commands import TaskIsr
    from wargame.rules.preview import preview_command

    g = _launched_game(border_rules)
    origin = g.view("blue").attacks[0].origin
    drone = next(c.drone for c in g.legal_commands() if isinstance(c, TaskIsr))
    search = TaskIsr(drone, origin)  # the card reads the same whether or not the drone reaches it
    p = preview_command(border_rules, g.view("blue"), search)
    labels = dict(p.odds)
    quiet, fired = labels["A hidden launch team here"], labels["A team seen launching here today"]
    assert fired.modifier == quiet.modifier + 2


def test_the_launch_block_is_shaded_on_both_sides_maps(border_rules):
    from wargame.present.looks import LAUNCH_FILL, scene_for
    from wargame.rules.hiding import block_hexes, launch_block

    g = _launched_game(border_rules)
    block = frozenset(block_hexes(border_rules, launch_block(border_rules, g.state.attacks[0].origin)))
    for side in ("blue", "red"):
        shades = [s for s in scene_for(border_rules, g.view(side), side).shades if s.fill == LAUNCH_FILL]
        assert shades and shades[0].hexes == block, side

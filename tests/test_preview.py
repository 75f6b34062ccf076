"""What the screens read before and after a roll: previews with their thresholds,
the band of a roll's row, who sees a search's dice, each side's log."""

from __future__ import annotations

from fractions import Fraction

from wargame.grammar import parse_roll_range
from wargame.hexgrid import parse_ccrr
from wargame.rules.commands import DroneAttack, EndPhase, FlySortie, MoveTeam, TaskIsr
from wargame.dice import RecordedDice
from wargame.rules.engine import Game
from wargame.rules.rulebook import Rulebook
from wargame.scenario.load import load_scenario_text

CALM = [(6, 1), (6, 1)]


def to_phase(g: Game, phase: str) -> None:
    while g.phase != phase:
        g.apply(EndPhase())


def test_a_roll_names_the_band_of_its_row_as_the_table_writes_it(tutorial_rules):
    g = Game(tutorial_rules, 1, RecordedDice(list(CALM)))
    g.apply(DroneAttack("drone_team", "ain_al_asad_base", 1))
    g.apply(EndPhase())
    g.dice = RecordedDice([(10, 7), (6, 4), (6, 4)])  # through; 8 -1 = 7: hits the site
    rolls = [e.roll for e in g.apply(EndPhase()) if e.roll is not None]
    hit = next(r for r in rolls if r.table == "drone_attack")
    table = tutorial_rules.tables["drone_attack"]
    row = next(r for r in table.rows[0] if r.result == hit.result)
    assert hit.band == parse_roll_range(row.roll)
    lo, hi = hit.band
    assert (lo is None or lo <= hit.total) and (hi is None or hit.total <= hi)


def test_a_search_that_finds_shows_the_searcher_its_dice(tutorial_rules):
    g = Game(tutorial_rules, 1, RecordedDice(list(CALM)))
    to_phase(g, "blue_isr")
    g.dice = RecordedDice([(6, 5)])  # 5 +1 sensor +1 overhead -1 farmland = 6: detected
    events = g.apply(TaskIsr("reaper_1", parse_ccrr("1109")))
    seen = [e.seen_by("blue") for e in events]
    card = next(e for e in seen if e is not None and e.roll is not None)
    assert card.roll.table == "isr_detection" and card.roll.result == "detected"
    g2 = Game(tutorial_rules, 1, RecordedDice(list(CALM)))
    to_phase(g2, "blue_isr")
    g2.dice = RecordedDice([(6, 1)])
    assert not any(
        e.seen_by("blue") is not None and e.roll is not None for e in g2.apply(TaskIsr("reaper_1", parse_ccrr("1109")))
    )


def test_a_fixed_cost_that_crosses_a_threshold_is_named_as_certain(tutorial_rules):
    g = Game(tutorial_rules, 1, RecordedDice(list(CALM)))
    g.state.tracks["authorization"] = 0  # so the sortie's unauthorized costs apply: escalation +1
    g.state.tracks["escalation"] = 4
    to_phase(g, "blue_air")
    p = g.preview(FlySortie("viper_1", "desert_facility"))
    war = next(t for t in p.thresholds if t.threshold == "Open war")
    assert (war.track, war.from_level, war.to_level, war.reaches, war.chance) == ("escalation", 4, 5, True, 1)
    assert war.describe().startswith("Escalation 4 → 5: Open war — ")


def test_the_chance_of_a_threshold_is_the_share_of_games_that_cross_it(tutorial_rules):
    """Escalation 4 and authorization in hand: Open war comes only with a strike past
    air defence (the day's first strike costs a step), so its chance is exact, and
    as many sorties out of 3,000 reach it as that chance says (within 4 sigma)."""

    def game(seed: int) -> Game:
        g = Game(tutorial_rules, seed)
        to_phase(g, "blue_air")
        g.state.tracks["escalation"], g.state.tracks["authorization"] = 4, 3
        return g

    p = game(0).preview(FlySortie("viper_1", "desert_facility"))
    war = next(t for t in p.thresholds if t.threshold == "Open war")
    air = p.odds[0][1].odds()
    passed = 1 - sum(
        (c for r, c in zip(air.rows, air.chances) if any(e.verb == "attack" for e in r.effects)), Fraction(0)
    )
    assert 0 < war.chance < 1 and war.chance >= passed
    n = 3000
    hits = sum(
        any(
            e.kind == "threshold" and "Open war" in e.text
            for e in game(s).apply(FlySortie("viper_1", "desert_facility"))
        )
        for s in range(1, n + 1)
    )
    sigma = (float(war.chance) * (1 - float(war.chance)) / n) ** 0.5
    assert abs(hits / n - float(war.chance)) < 4 * sigma, (hits / n, war.chance)


def test_each_sides_log_keeps_up_with_play_and_undo(tutorial_rules):
    g = Game(tutorial_rules, 1, RecordedDice(list(CALM)))
    red_before, blue_before = g.events_for("red"), g.events_for("blue")
    team = g.state.pieces["drone_team"]
    team.hidden = False
    g.apply(MoveTeam("drone_team", parse_ccrr("1008")))
    assert [e.text for e in g.events_for("red")][len(red_before) :] == ["Drone team moves 1109 → 1008"]
    assert [e.text for e in g.events_for("blue")][len(blue_before) :] == [
        "Contact lost with the drone launch team at 1109"
    ]
    g.undo()
    assert g.events_for("red") == red_before and g.events_for("blue") == blue_before
    g.apply(MoveTeam("drone_team", parse_ccrr("1010")))
    assert g.events_for("red")[-1].text == "Drone team moves 1109 → 1010"
    assert g.events_for("red") == [e.seen_by("red") for e in g.log if e.seen_by("red") is not None]


def test_ranges_past_the_map_cost_no_more_than_the_map(tutorial):
    """A strike, ISR or team range far past the map (the format allows up to 99) offers exactly
    what a range the size of the map does."""
    big = huge = "99"
    text = tutorial.text.replace("range: 14", f"range: {big}").replace("range: 8", f"range: {huge}")
    wide = Rulebook(load_scenario_text(text))
    fit = Rulebook(load_scenario_text(tutorial.text.replace("range: 14", "range: 30").replace("range: 8", "range: 30")))
    for seed in range(3):
        a, b = Game(wide, seed), Game(fit, seed)
        while not a.over:
            assert a.legal_commands() == b.legal_commands()
            command = a.legal_commands()[seed % len(a.legal_commands())]
            a.apply(command)
            b.apply(command)
        assert a.digest() == b.digest()
    assert all(radius <= 30 for _, radius in wide._area)


def test_the_observer_sees_the_state_between_a_roll_and_its_damage(tutorial_rules):
    """The replay viewer's hook: called with each event's place in the log just
    before the event is emitted, so the hit's roll is seen before its damage lands."""
    g = Game(tutorial_rules, 1, RecordedDice(list(CALM)))
    g.apply(DroneAttack("drone_team", "ain_al_asad_base", 1))
    g.apply(EndPhase())
    g.dice = RecordedDice([(10, 7), (6, 4), (6, 4)])  # through; hits the site: damaged
    calls: list[tuple[int, bool]] = []
    g.observer = lambda i: calls.append((i, g.state.pieces["ain_al_asad_base"].damaged))
    start = len(g.log)
    g.apply(EndPhase())
    assert [i for i, _ in calls] == list(range(start, len(g.log)))
    hit = next(i for i, e in enumerate(g.log) if e.roll is not None and e.roll.table == "drone_attack")
    damage = next(i for i, e in enumerate(g.log) if e.kind == "damage")
    assert hit < damage and dict(calls)[hit] is False and dict(calls)[damage] is True
    assert all(isinstance(e.text, str) for e in g.log)

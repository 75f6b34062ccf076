"""Tables: roll ranges, exact odds after modifiers, and odds against frequencies."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wargame.dice import SeededDice
from wargame.rules.chance import Chance
from wargame.rules.rulebook import Setup, Situation
from wargame.grammar import parse_roll_range


@pytest.mark.parametrize(
    "text, expected",
    [(7, (7, 7)), ("7", (7, 7)), ("2-6", (2, 6)), ("10+", (10, None)), ("0-", (None, 0)), ("-3--1", (-3, -1)), (" 4 - 5 ", (4, 5))],
)
def test_roll_ranges(text, expected):
    assert parse_roll_range(text) == expected


@pytest.mark.parametrize("text", ["6-2", "x", "1..3", "", True, "2-4-6"])
def test_bad_roll_ranges(text):
    with pytest.raises(ValueError):
        parse_roll_range(text)


def _pieces(rules):
    st_ = rules.new_state()
    return st_, st_.pieces


def test_counter_drone_odds_by_hand(tutorial_rules):
    """Ain al-Asad's defence is 6 on 1d10: shot down on 1-6, so 6/10."""
    state, p = _pieces(tutorial_rules)
    sit = Situation(p["drone_team"], p["ain_al_asad_base"], p["ain_al_asad_base"].hex)
    setup = tutorial_rules.setup("counter_drone", state, sit)
    assert setup.modifiers == (("Site defence", -6),)
    odds = setup.odds()
    assert odds.chance_of("shot_down") == Fraction(6, 10)
    assert odds.chance_of("through") == Fraction(4, 10)
    # open war adds one to the roll: 5 in 10
    state.tracks["escalation"] = 5
    assert tutorial_rules.setup("counter_drone", state, sit).odds().chance_of("shot_down") == Fraction(5, 10)
    # a damaged base loses 2 defence: 4 in 10
    state.tracks["escalation"] = 3
    p["ain_al_asad_base"].damaged = True
    assert tutorial_rules.setup("counter_drone", state, sit).odds().chance_of("shot_down") == Fraction(4, 10)


def test_strike_columns_and_shifts_by_hand(tutorial_rules):
    """F-16 (strike 1, precision) on the hard desert facility with fresh
    intelligence: hard +1 precision +1 intel -> soft column; 9+ after +1 is
    natural 8+ on 2d6 = 15/36."""
    state, p = _pieces(tutorial_rules)
    flight, target = p["viper_1"], p["desert_facility"]
    setup = tutorial_rules.setup("strike", state, Situation(flight, target, target.hex))
    assert setup.column_name == "soft"
    assert dict(setup.shifts) == {"Precision munitions": 1, "Fresh intelligence": 1}
    assert setup.modifier == 1
    odds = setup.odds()
    assert odds.chance_of("destroyed") == Fraction(15, 36)
    assert odds.chance_of("damaged") == Fraction(15, 36)  # naturals 5-7
    assert odds.chance_of("no_effect") == Fraction(6, 36)  # naturals 2-4
    # stale intelligence: only the precision shift, column dispersed
    state.turn = 5
    setup = tutorial_rules.setup("strike", state, Situation(flight, target, target.hex))
    assert setup.column_name == "dispersed"
    assert setup.odds().chance_of("destroyed") == Fraction(10, 36)  # 10+ after +1: natural 9+


def test_drone_attack_against_hardened_site_by_hand(tutorial_rules):
    state, p = _pieces(tutorial_rules)
    odds = tutorial_rules.setup(
        "drone_attack", state, Situation(p["drone_team"], p["ain_al_asad_base"], p["ain_al_asad_base"].hex)
    ).odds()
    assert odds.chance_of("no_effect") == Fraction(21, 36)  # 6- after -1: natural 7 or less
    assert odds.chance_of("heavy") == Fraction(0)  # 12+ after -1 needs 13
    assert odds.chance_of("wounded") == Fraction(3, 36)  # natural 11-12


def test_isr_detection_by_hand(tutorial_rules):
    """Reaper (detection 1) directly over a launch team in farmland: 1d6 +1 +1 -1; 6+ needs natural 5+."""
    state, p = _pieces(tutorial_rules)
    team = p["drone_team"]  # 1109 is farmland
    sit = Situation(p["reaper_1"], team, team.hex, team.hex)
    odds = tutorial_rules.setup("isr_detection", state, sit).odds()
    assert odds.chance_of("detected") == Fraction(2, 6)
    state.turn = 1
    team.attacked_turn = 1  # launched today: +2 more
    assert tutorial_rules.setup("isr_detection", state, sit).odds().chance_of("detected") == Fraction(4, 6)


def _all_setups(rules):
    state = rules.new_state()
    p = state.pieces
    for tid, table in rules.tables.items():
        for column in range(len(table.columns)):
            for mod in range(table.low - table.dice.high - 2, table.high - table.dice.low + 3):
                yield tid, table, column, mod


def test_every_odds_sums_to_one_on_every_column_and_modifier(tutorial_rules, border_rules):
    for rules in (tutorial_rules, border_rules):
        for tid, table, column, mod in _all_setups(rules):
            odds = table.odds(column, mod)
            assert sum(odds.chances) == 1, (tid, column, mod)


@given(st.integers(-12, 12))
def test_odds_sum_to_one_for_any_modifier(border_rules, mod):
    table = border_rules.tables["strike"]
    for column in range(len(table.columns)):
        assert sum(table.odds(column, mod).chances) == 1


@pytest.mark.parametrize("table_id, mod", [("strike", 1), ("iran_reaction", 1), ("counter_drone", -6), ("collateral_harm", 2)])
def test_odds_match_frequencies(border_rules, table_id, mod):
    """The same compiled table rolled 40,000 times with a fixed seed lands on
    each row as often as its exact odds say (chi-square, p = 0.001)."""
    table = border_rules.tables[table_id]
    column = len(table.columns) - 1
    odds = table.odds(column, mod)
    chance = Chance(SeededDice(7))
    setup = Setup(table, column, mod, (), ())
    n = 40_000
    seen = Counter()
    for _ in range(n):
        seen[chance.roll(setup).row.result] += 1
    expected = Counter()
    for row, chance in zip(odds.rows, odds.chances):
        expected[row.result] += float(chance) * n
    cells = [r for r in expected if expected[r] > 0]
    assert len(cells) >= 2, "pick a modifier at which the table can give more than one result"
    assert set(seen) <= set(cells)
    chi2 = sum((seen[r] - expected[r]) ** 2 / expected[r] for r in cells)
    critical = {1: 10.83, 2: 13.82, 3: 16.27, 4: 18.47, 5: 20.52}[len(cells) - 1]
    assert chi2 < critical, (table_id, dict(seen), dict(expected))

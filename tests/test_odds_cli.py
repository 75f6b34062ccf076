"""`wargame odds`: exact odds that sum to one, for every table of every shipped scenario."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from wargame.analysis.odds import parse_modifiers, parse_shifts, table_chances
from wargame.cli import main
from wargame.errors import InputError
from wargame.resources import shipped_scenarios
from wargame.rules.rulebook import Rulebook
from wargame.scenario.load import load_scenario

SHIPPED = sorted(shipped_scenarios())


@pytest.mark.parametrize("name", SHIPPED)
def test_odds_sum_to_exactly_one_for_every_table_and_column(name):
    rules = Rulebook(load_scenario(shipped_scenarios()[name]))
    for tid, table in rules.scenario.tables.items():
        asked = []  # every modifier at once, with a value for those read from the game
        for m in table.modifiers:
            asked.append(m.name if m.value_from is None else f"{m.name}=1")
        for mods in ([], parse_modifiers(rules, tid, asked)):
            chances = table_chances(rules, tid, mods)
            assert len(chances.columns) == len(rules.tables[tid].columns)
            for col in chances.columns:
                assert sum((r.chance for r in col.results), Fraction(0)) == 1, (name, tid, col.column)


def test_the_command_prints_a_chart_and_exact_json(capsys):
    assert main(["odds", "border_strikes_2021", "counter_drone", "--modifier", "Site defence=6", "-m", "open war"]) == 0
    out = capsys.readouterr().out
    assert "Site defence -6, Open war +1 = -5" in out and "1/2" in out and "█" in out
    assert main(["odds", "border_strikes_2021", "strike", "-m", "Strike value=2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["column"] for c in data["columns"]] == ["fortified", "hard", "dispersed", "soft"]
    for col in data["columns"]:
        assert sum(Fraction(r["chance"]) for r in col["results"]) == 1
    hard = next(c for c in data["columns"] if c["column"] == "hard")
    assert next(r for r in hard["results"] if r["result"] == "destroyed")["chance"] == "1/6"  # 12+ on 2d6+2


@pytest.mark.parametrize("args, says", [
    (["strike", "-m", "nothing"], "has no modifier 'nothing'"),
    (["counter_drone", "-m", "Site defence"], "give it as 'Site defence'=VALUE"),
    (["counter_drone", "-m", "Open war=3"], "fixed modifier"),
    (["counter_drone", "-m", "Site defence=lots"], "not a whole number"),
    (["no_such_table"], "no table 'no_such_table'"),
])  # fmt: skip
def test_a_bad_name_is_one_line_and_exit_2(capsys, args, says):
    assert main(["odds", "border_strikes_2021", *args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and says in err[0]


def test_modifier_names_are_the_scenarios_own(border_rules):
    with pytest.raises(InputError):
        parse_modifiers(border_rules, "isr_detection", ["Sensor"])
    assert parse_modifiers(border_rules, "isr_detection", ["sensor=1", "Directly overhead"]) == [
        ("Sensor", 1), ("Directly overhead", 1)]


def test_a_column_shift_named_reads_the_shifted_column(border_rules):
    """`--modifier 'Fresh intelligence'` on the strike table moves each column one to the
    right, as a roll with fresh intelligence reads it; the last column stays where it is."""
    asked = ["Fresh intelligence"]
    assert parse_modifiers(border_rules, "strike", asked) == []
    shifts = parse_shifts(border_rules, "strike", asked)
    assert shifts == [("Fresh intelligence", 1)]
    plain, moved = table_chances(border_rules, "strike"), table_chances(border_rules, "strike", [], shifts)
    for i, col in enumerate(moved.columns):
        j = min(i + 1, len(plain.columns) - 1)
        assert col.results == plain.columns[j].results
        assert col.read_as == (plain.columns[j].column if j != i else None)
    assert moved.as_data()["shifts"] == [{"name": "Fresh intelligence", "shift": 1}]
    with pytest.raises(InputError, match="column shift"):
        parse_modifiers(border_rules, "strike", ["Fresh intelligence=1"])

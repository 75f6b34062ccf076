"""Table edits, and the exact odds the editor shows while a table is being typed."""

from __future__ import annotations

import itertools
import time
from fractions import Fraction

import pytest
from conftest import scenario_path

from wargame.dice import parse_dice
from wargame.editing import EditingDocument, EditRefused
from wargame.editing import odds, tables
from wargame.grammar import modifier_values, parse_roll_range, table_roles
from wargame.rules.rulebook import Rulebook


@pytest.fixture
def doc() -> EditingDocument:
    return EditingDocument.open(scenario_path("tutorial"))


@pytest.fixture(scope="module")
def june() -> EditingDocument:
    return EditingDocument.open(scenario_path("border_strikes_2021"))


# --- edits ---------------------------------------------------------------------------------------


def test_rows_are_edited_added_and_removed_with_coverage_reported(doc):
    tables.edit_row(doc, "press", 0, roll="2-", text="Hardly a line")
    (problem,) = doc.problems
    assert problem.path == ("tables", "press", "results") and "no row for a modified total of 3" in problem.message
    tables.add_row(doc, "press", "3", "few", "A few lines", index=1)
    assert doc.valid and [r.roll for r in doc.scenario.tables["press"].results] == ["2-", "3", "4-5", "6+"]
    tables.add_row(doc, "press", "6", "storm", "A storm", effects=[{"track": "escalation", "change": 1}])
    assert any("overlap at a modified total of 6" in p.message for p in doc.problems)
    tables.remove_row(doc, "press", 4)
    assert doc.valid
    tables.edit_row(doc, "strike", 0, column="soft", roll="4-")
    assert any(p.path[:4] == ("tables", "strike", "results", "soft") for p in doc.problems)
    with pytest.raises(EditRefused, match="has columns"):
        tables.edit_row(doc, "strike", 0, roll="4-")


def test_modifiers_switch_between_a_value_and_a_value_taken_from_something(doc):
    tables.edit_modifier(doc, "press", 0, value_from="track.escalation")
    mod = doc.data["tables"]["press"]["modifiers"][0]
    assert "value" not in mod and mod["value_from"] == "track.escalation"
    assert doc.valid  # the escalation track runs 0-10: still every total covered by 3-, 4-5, 6+
    assert odds.table_odds(doc, "press").modifiers == tuple(range(0, 11))
    tables.edit_modifier(doc, "press", 0, value=2, when=None)
    assert doc.data["tables"]["press"]["modifiers"][0] == {"name": "On Iraqi soil", "value": 2}
    tables.add_modifier(doc, "press_casualties", "Election year", value=1, when={"track_at_least": {"escalation": 6}})
    assert doc.data["tables"]["press_casualties"]["modifiers"][0]["name"] == "Election year"
    tables.remove_modifier(doc, "press_casualties", 0)
    assert doc.data["tables"]["press_casualties"]["modifiers"] == []


def test_a_new_table_from_nothing_covers_every_roll_and_is_rolled_by_an_effect(doc):
    tables.add_table(doc, "sandstorm", "Sandstorm", dice="1d6", description="Weather over the desert.")
    assert doc.valid and [r["roll"] for r in doc.data["tables"]["sandstorm"]["results"]] == ["3-", "4+"]
    tables.edit_row(doc, "iran_reaction", 0, effects=[{"roll": "sandstorm"}])
    assert doc.valid
    tables.rename_table(doc, "sandstorm", "weather")
    assert doc.data["tables"]["iran_reaction"]["results"][0]["effects"] == [{"roll": "weather"}] and doc.valid
    tables.edit_table(doc, "weather", dice="2d6")  # the open ranges 3- and 4+ still cover every roll
    assert doc.valid and odds.table_odds(doc, "weather").at(0).chance_of("effect") == Fraction(33, 36)
    with pytest.raises(EditRefused):
        tables.add_table(doc, "bad", "Bad", dice="2x6")


# --- odds -------------------------------------------------------------------------------------------


def brute_force(scenario, table_id: str, column: str | None, modifier: int) -> dict[str, Fraction]:
    """Every face of every die, row by row, counted by hand."""
    table = scenario.tables[table_id]
    rows = table.results[column] if column is not None else table.results
    dice = parse_dice(table.dice)
    out: dict[str, Fraction] = {}
    faces = list(itertools.product(*(range(1, s + 1) for s in dice.dice)))
    for roll in faces:
        total = dice.total(list(roll)) + modifier
        for row in rows:
            lo, hi = parse_roll_range(row.roll)
            if (lo is None or total >= lo) and (hi is None or total <= hi):
                out[row.result] = out.get(row.result, Fraction(0)) + Fraction(1, len(faces))
                break
    return out


def brute_totals(scenario, table_id: str) -> list[int]:
    table = scenario.tables[table_id]
    roles = table_roles(scenario)[table_id]
    sets = []
    for mod in table.modifiers:
        values = {mod.value * mod.times} if mod.value_from is None else {v * mod.times for v in modifier_values(scenario, roles, mod.value_from)}
        sets.append(values | ({0} if mod.when.model_fields_set else set()))
    return sorted({sum(c) for c in itertools.product(*sets)}) if sets else [0]


@pytest.mark.parametrize("table_id", ["isr_detection", "counter_drone", "strike", "collateral_harm", "iran_reaction"])
def test_odds_are_exact_for_every_modifier_total_the_table_can_meet(june, table_id):
    scenario = june.scenario
    shown = odds.table_odds(june, table_id)
    assert shown.problems == ()
    assert list(shown.modifiers) == brute_totals(scenario, table_id)
    for col in shown.columns:
        for t in col.totals:
            expected = brute_force(scenario, table_id, col.column, t.modifier)
            assert {r.result: r.chance for r in t.results if r.chance} == expected, (col.column, t.modifier)
            assert t.gap == 0 and sum(r.chance for r in t.results) == 1


def test_odds_agree_with_the_rulebook_the_play_screen_reads(june):
    book = Rulebook(june.loaded)
    shown = odds.table_odds(june, "strike")
    compiled = book.tables["strike"]
    for c, col in enumerate(shown.columns):
        for t in col.totals:
            card = compiled.odds(c, t.modifier)
            assert {r.result: r.chance for r in t.results} == {row.result: card.chance_of(row.result) for row in card.rows}


def test_odds_show_a_gap_while_the_designer_is_mid_way(doc):
    tables.edit_row(doc, "press", 1, roll="5")  # 4 is now covered by no row
    assert not doc.valid
    shown = odds.table_odds(doc, "press")
    assert shown.modifiers == (0, 1)
    assert shown.at(0).gap == Fraction(1, 6) and shown.at(1).gap == Fraction(1, 6)
    assert shown.at(0).chance_of("little") == Fraction(1, 2)
    assert shown.problems
    tables.edit_row(doc, "press", 1, roll="one to five")  # not a range at all: said, not raised
    assert odds.table_odds(doc, "press").columns == ()


def test_odds_redraw_fast_enough_to_follow_typing(june):
    """Each keystroke in a row's field is an edit, a re-check and a redraw of the odds."""
    doc = EditingDocument(june.text, "june.yaml")
    start = time.perf_counter()
    for _ in range(20):
        odds.table_odds(doc, "strike")
    compile_ms = (time.perf_counter() - start) / 20 * 1000
    start = time.perf_counter()
    for i in range(5):
        tables.edit_row(doc, "strike", 1, column="hard", text=f"Damaged {i}")
        doc.problems  # noqa: B018 - the screen reads them after every edit
        odds.table_odds(doc, "strike")
    keystroke_ms = (time.perf_counter() - start) / 5 * 1000
    print(f"strike table odds: {compile_ms:.2f} ms; keystroke (edit, checks, odds) on the June scenario: {keystroke_ms:.0f} ms")
    assert compile_ms < 50
    assert keystroke_ms < 400

"""A broken scenario must be refused with one clear, located line per problem.

Each case below is one small edit of the shipped tutorial, the kind of slip a
designer makes by hand. The expected line and column are found in the edited
text itself (where a given token sits), never written as numbers, so the cases
keep working when the tutorial changes; each edit asserts that the text it
replaces is there, so a case cannot pass by editing nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.cli import main
from wargame.errors import InputError, Problem
from wargame.resources import shipped_scenarios
from wargame.scenario.load import load_scenario, load_scenario_text

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
TUTORIAL_PATH = SCENARIOS / "tutorial.yaml"
TUTORIAL = TUTORIAL_PATH.read_text(encoding="utf-8")
NAME = "tutorial.yaml"


# --- helpers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Broken:
    """The tutorial with `old` replaced by `new` (and any `also` pairs): the first
    problem must mention `message` and sit where `at` begins in the edited text
    (searching from `after` when `at` occurs more than once).

    `old` is exact text, or a compiled pattern where the text holds a value that
    designers tune (a start, a point value), so that balancing the tutorial does
    not break the case; either must match exactly once.
    """

    id: str
    old: str | re.Pattern
    new: str
    message: str
    at: str
    after: str = ""
    also: tuple[tuple[str, str], ...] = ()

    def text(self) -> str:
        text = TUTORIAL
        for old, new in ((self.old, self.new), *self.also):
            text = replace_once(text, old, new, self.id)
        return text


def replace_once(text: str, old: str | re.Pattern, new: str, case: str) -> str:
    if isinstance(old, re.Pattern):
        matches = list(old.finditer(text))
        assert len(matches) == 1, f"{case}: {old.pattern!r} should match exactly once in the tutorial"
        start, end = matches[0].span()
        return text[:start] + new + text[end:]
    assert text.count(old) == 1, f"{case}: {old!r} should occur exactly once in the tutorial"
    return text.replace(old, new)


def position(text: str, token: str, after: str = "") -> tuple[int, int]:
    """1-based line and column where `token` begins (the first one after `after`)."""
    if after:
        assert text.count(after) == 1, f"{after!r} should occur exactly once"
        start = text.index(after)
    else:
        assert text.count(token) == 1, f"{token!r} should occur exactly once (give 'after')"
        start = 0
    index = text.index(token, start)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def problems_of(text: str) -> list[Problem]:
    """The problems the loader reports for scenario text (failing if it loads)."""
    with pytest.raises(InputError) as caught:
        load_scenario_text(text, NAME)
    assert caught.value.problems, "an InputError must list at least one problem"
    return caught.value.problems


def assert_one_located_line(problem: Problem) -> None:
    line = str(problem)
    assert "\n" not in line, f"not one line: {line!r}"
    assert line.startswith(f"{NAME}:{problem.line}:{problem.column}: "), line
    assert problem.line >= 1 and problem.column >= 1, line
    assert problem.message.strip(), line


# --- the corpus ------------------------------------------------------------------------

# The first terrain row, whatever the map's art, to break one letter of.
ROW = re.search(r'  terrain:\n(?:  #.*\n)?    - "([a-z]+)"', TUTORIAL).group(1)

CASES = [
    # YAML itself
    Broken("yaml_syntax", "  rows: 10\n", "  rows: 10: 11\n", "YAML syntax: mapping values are not allowed", at=": 11"),
    Broken(
        "yaml_unclosed_brace", "move_cost: null}", "move_cost: null",
        "YAML syntax: did not find expected ',' or '}'", at=":\n    iraq:",  # the parser notices at the next key
    ),
    Broken("tab_indentation", "  rows: 10\n", "\trows: 10\n", "YAML syntax: found a tab character", at="\trows"),
    Broken("alias", "  rows: 10\n", "  rows: *ten\n", "aliases (*name) are not allowed", at="*ten"),
    Broken("tag", "  rows: 10\n", "  rows: !!str 10\n", "tags such as '!!str' are not used here", at="!!str"),
    Broken(
        "duplicate_key", "  rows: 10\n", "  rows: 10\n  rows: 11\n",
        "duplicate key 'rows' (first given at line ", at="rows: 11",
    ),
    Broken("second_document", "id: tutorial\n", "id: tutorial\n---\nid: x\n", "only one YAML document", at="---\n"),
    # keys and types
    Broken(
        "unknown_top_level_key", "id: tutorial\n", "id: tutorial\nauthor: me\n",
        "(top): unknown key 'author' (expected one of: format, id", at="author: me",
    ),
    Broken(
        "misspelt_key", "    symbol: fixed_wing\n", "    simbol: fixed_wing\n",
        "piece_types.f16: unknown key 'simbol' (did you mean 'symbol'?)", at="simbol",
    ),
    Broken(
        "missing_required_key", "    symbol: fixed_wing\n", "",
        "piece_types.f16: missing required key 'symbol'", at="kind: strike_flight",
    ),
    Broken(
        "text_for_int", "  columns: 12\n", "  columns: twelve\n",
        "map.columns: expected a whole number, found 'twelve'", at="twelve",
    ),
    Broken(
        "yes_for_bool", "off_map: true", "off_map: yes",
        "off_map: expected true or false, found 'yes' (YAML 1.2: write true or false)", at="yes\n",
    ),
    Broken(
        "number_below_minimum", "  columns: 12\n", "  columns: 1\n",
        "map.columns: must be at least 2, found 1", at="1\n", after="  columns: 1",
    ),
    Broken(
        "list_for_choice", "  difficulty: tutorial\n", "  difficulty: [tutorial]\n",
        "meta.difficulty: expected one of 'tutorial', 'standard' or 'hard', found a list", at="[tutorial]",
    ),
    Broken(
        "list_for_mapping", re.compile(r"projection: \{[^}]*\}"), "projection: [1, 2, 3]",
        "map.projection: expected a mapping of keys, found a list", at="[1, 2, 3]",
    ),
    Broken(
        "empty_value", "  columns: 12\n", "  columns:\n",
        "map.columns: expected a whole number, found null (an empty value)", at="\n  rows: 10",
    ),
    Broken(
        "text_too_long", "  short: US\n", "  short: United States of America\n",
        "sides.blue.short: must be at most 12 characters long", at="United States of America",
    ),
    Broken(
        "empty_required_list", "pieces:\n", "pieces: []\nold_pieces:\n",
        "pieces: must have at least 1 item, found 0", at="[]\nold_pieces",
    ),
    Broken(
        "neither_list_nor_mapping", '    results:\n      - {roll: "0-", result: shot_down',
        '    results: 5\n    notes:\n      - {roll: "0-", result: shot_down',
        "tables.counter_drone.results: expected a list or a mapping of keys, found 5", at="5\n    notes:",
    ),
    Broken(
        "format", "format: wargame-scenario/1", "format: wargame-scenario/2",
        "format: expected one of 'wargame-scenario/1'", at="wargame-scenario/2",
    ),
    Broken(
        "date", re.compile(r'date: "[0-9-]+"'), 'date: "3 March 2021"',
        "meta.date: '3 March 2021' is not a date (YYYY-MM-DD)", at='"3 March',
    ),
    Broken(
        "colour", re.compile(r'(?<=style: desert, colour: ")#'), "",
        "is not a colour (#rrggbb)", at='"', after="style: desert, colour: ",
    ),
    Broken("identifier", "id: tutorial\n", "id: Tutorial\n", "id: 'Tutorial' is not an identifier", at="Tutorial\n"),
    Broken(
        "value_from_form", "value_from: attacker.detection", "value_from: enemy.detection",
        "'enemy.detection' is not a value to take a modifier from: attacker.NAME", at="enemy.detection",
    ),
    # map
    Broken(
        "hex_name_not_ccrr", 'Ain al-Asad air base, hex: "0708"', 'Ain al-Asad air base, hex: "12a7"',
        "pieces[0].hex: '12a7' is not a hex name: four digits CCRR", at='"12a7"',
    ),
    Broken(
        "unknown_terrain_code", f'"{ROW}"', f'"{ROW[:7]}x{ROW[8:]}"',
        "map.terrain row 01, column 08: unknown terrain code 'x' (known: dfhsuw)", at=f'x{ROW[8:]}"',
    ),
    Broken(
        "unknown_country_code", '    - "IIIIIIIIIIII"\n  rivers', '    - "IIIIIIIIIIIX"\n  rivers',
        "map.country row 10, column 12: unknown country code 'X'", at='X"',
    ),
    Broken(
        "row_wrong_length", f'"{ROW}"', f'"{ROW[:-1]}"',
        "map.terrain row 01 has 11 letters but map.columns is 12", at=f'"{ROW[:-1]}"',
    ),
    Broken(
        "wrong_number_of_rows", f'    - "{ROW}"\n', "",
        "map.terrain has 9 rows but map.rows is 10", at="- ", after="  terrain:\n",
    ),
    Broken(
        "shared_terrain_code", "{code: h, name: Hills", "{code: d, name: Hills",
        "map.terrain_types: hills and desert share the code 'd'", at="d, name: Hills",
    ),
    Broken(
        "river_not_adjacent", '"0805", "0806"', '"0805", "0808"',
        "river Euphrates: hex 0808 does not touch the hex before it", at='"0808"',
    ),
    Broken(
        "place_unknown_country", 'name: Hit, hex: "1210", country: iraq', 'name: Hit, hex: "1210", country: syria',
        "place hit: unknown country 'syria' (known: iraq)", at="syria",
    ),
    Broken(
        "place_in_wrong_country", 'name: Hit, hex: "1210", country: iraq', 'name: Hit, hex: "1210", country: syria',
        "place hit is said to be in syria but hex 1210 belongs to iraq", at="syria,",
        also=(("  countries:\n", "  countries:\n    syria: {code: S, name: Syria}\n"),),
    ),
    Broken(
        "crossing_not_a_crossing", "crossings: []", "crossings: [haditha]",
        "place haditha is a town, not a crossing", at="haditha]",
    ),
    # piece types and pieces
    Broken(
        "unknown_kind", "    kind: rocket_team\n", "    kind: mortar_team\n",
        "unknown kind 'mortar_team'; expected one of 'base'", at="mortar_team",
    ),
    Broken(
        "missing_kind", "    kind: rocket_team\n", "",
        "piece_types.rocket_team: missing key 'kind'", at="name: Rocket team\n",
    ),
    Broken(
        "hardness_not_a_column",
        "    symbol: facility\n    hardness: hard\n",
        "    symbol: facility\n    hardness: squishy\n",
        "piece type facility: hardness 'squishy' is not a column of the strike table", at="squishy",
    ),
    Broken(
        "unknown_symbol", "symbol: rocket", "symbol: mortar",
        "piece type rocket_team: unknown symbol 'mortar'", at="mortar",
    ),
    Broken(
        "kind_on_wrong_side", "    side: red\n    symbol: rocket", "    side: blue\n    symbol: rocket",
        "a rocket_team cannot belong to blue", at="blue\n    symbol: rocket",
    ),
    Broken(
        "damaged_unknown_value", re.compile(r"damaged: \{air_defence: -?[0-9]+\}"), "damaged: {armour: -1}",
        "piece type facility: damaged.armour is not one of its values", at="armour",
    ),
    Broken(
        "unknown_piece_type", "type: f16,", "type: f15,",
        "piece viper_1: unknown piece type 'f15' (known: air_base", at="f15",
    ),
    Broken(
        "duplicate_piece_id", "id: viper_1,", "id: reaper_1,",
        "duplicate piece id 'reaper_1' (also pieces[2])", at="reaper_1, type: mq9",
    ),
    Broken(
        "piece_off_the_map", 'Ain al-Asad air base, hex: "0708"', 'Ain al-Asad air base, hex: "1303"',
        "piece ain_al_asad_base is at hex 1303, off the map (columns 01-12, rows 01-10)", at='"1303"',
    ),
    Broken(
        "piece_in_row_00", 'Ain al-Asad air base, hex: "0708"', 'Ain al-Asad air base, hex: "0700"',
        "piece ain_al_asad_base is at hex 0700, off the map (columns 01-12, rows 01-10)", at='"0700"',
    ),
    Broken(
        "piece_on_the_lake", 'Ain al-Asad air base, hex: "0708"', 'Ain al-Asad air base, hex: "0101"',
        "piece ain_al_asad_base stands on impassable Lake at 0101", at='"0101"',
    ),
    Broken(
        "flight_given_a_hex", "base: jordan_air_base,", 'hex: "0110",',
        "piece viper_1: a strike_flight flies from its base; give 'base', not 'hex'",
        at='hex: "0110",',
        after="name: Viper 1",
    ),
    Broken(
        "base_not_a_base", "base: jordan_air_base,", "base: desert_facility,",
        "piece viper_1: 'desert_facility' is not a blue base", at="desert_facility,", after="name: Viper 1",
    ),
    Broken(
        "blue_piece_hidden", 'Ain al-Asad air base, hex: "0708",', 'Ain al-Asad air base, hex: "0708", hidden: true,',
        "piece ain_al_asad_base: a base cannot start hidden", at="true,", after='"0708", hidden: ',
    ),
    # tracks
    Broken(
        "threshold_outside_track", "- at: 0\n        name: Talks collapse", "- at: -1\n        name: Talks collapse",
        "track diplomacy: threshold 'Talks collapse' at -1 is outside the track (0-10)", at="-1\n",
    ),
    Broken(
        "start_outside_track", re.compile(r"name: Escalation\n    min: 0\n    max: 10\n    start: [0-9]+"),
        "name: Escalation\n    min: 0\n    max: 10\n    start: 12",
        "track escalation: start 12 is outside the track (0-10)", at="12\n", after="name: Escalation",
    ),
    Broken(
        "track_far_too_long",
        "name: Escalation\n    min: 0\n    max: 10\n",
        "name: Escalation\n    min: 0\n    max: 1000000000\n",
        "track escalation: 0 to 1000000000 is more than 10000 steps", at="1000000000",
    ),
    Broken(
        "missing_required_track",
        "  authorization:\n    name: Authorization",
        "  authorisation:\n    name: Authorization",
        "tracks: missing the 'authorization' track", at="tracks:",
    ),
    # tables
    Broken(
        "table_rows_with_a_gap", '{roll: "1+", result: through', '{roll: "2+", result: through',
        "table counter_drone: no row for a modified total of 1 (dice and modifiers can make",
        at='- {roll: "0-", result: shot_down',
    ),
    Broken(
        "overlapping_rows", '{roll: "0-", result: shot_down', '{roll: "1-", result: shot_down',
        "table counter_drone: rows '1-' and '1+' overlap at a modified total of 1", at='"1+"',
    ),
    Broken(
        "bad_roll_range", '{roll: "0-", result: shot_down', '{roll: "zero", result: shot_down',
        "table counter_drone: roll range 'zero' is not a number", at='"zero"',
    ),
    Broken(
        "dice_do_not_parse", "dice: 1d10", "dice: 1x10",
        "table counter_drone: dice expression '1x10' does not parse at character 2", at="1x10",
    ),
    Broken(
        "dice_with_too_many_sides", "dice: 1d10", "dice: 1d1001",
        "dice expression '1d1001': a die has between 2 and 1000 sides", at="1d1001",
    ),
    Broken(
        "modifier_far_too_big",
        "value_from: target.counter_drone, times: -1}",
        "value_from: target.counter_drone, times: -1000000000}",
        "table counter_drone: dice and modifiers can make ", at="modifiers:", after="title: Counter-drone interception",
    ),
    Broken(
        "unknown_track_in_effect",
        "        - {track: iraq_tolerance, change: -1}\n",
        "        - {track: iraq_patience, change: -1}\n",
        "unknown track 'iraq_patience' (known: authorization", at="iraq_patience",
    ),
    Broken(
        "effect_with_two_verbs",
        "text: Shot down, effects: [{attack: stop}]",
        "text: Shot down, effects: [{attack: stop, target: damage}]",
        "tables.counter_drone.results[0].effects[0]: an effect needs exactly one of track, vp,",
        at="{attack: stop, target",
    ),
    Broken(
        "vp_effect_without_points",
        re.compile(r"\{vp: blue, points: -?[0-9]+, reason: Deterrence"),
        "{vp: blue, reason: Deterrence",
        "rules.quiet_turn_effects[0]: a 'vp' effect needs 'points'", at="{vp: blue, reason",
    ),
    Broken(
        "effect_not_a_mapping", "  strike_day_effects:\n", "  strike_day_effects:\n    - escalation\n",
        "rules.strike_day_effects[0]: expected a mapping of keys, found 'escalation'", at="escalation\n",
    ),
    Broken(
        "unknown_stock_in_effect", "effects: [{stock: drones,", "effects: [{stock: missiles,",
        "side red has no stock 'missiles' (known: drones, rockets)", at="missiles",
    ),
    Broken(
        "unknown_table_in_roll", "- {roll: press}\n  press:", "- {roll: pres}\n  press:",
        "unknown table 'pres' (known: air_defence,", at="pres}",
    ),
    Broken(
        "tables_roll_in_a_loop", "result: pressure, text: Pressure to respond, effects: [",
        "result: pressure, text: Pressure to respond, effects: [{roll: drone_attack}, ",
        "tables roll each other in a loop: drone_attack -> press_casualties -> drone_attack", at="drone_attack:",
    ),
    Broken(
        "missing_required_table", "  damage_assessment:\n", "  damage_assessmnt:\n",
        "tables: missing the 'damage_assessment' table, which the rules roll", at="tables:",
    ),
    Broken(
        "modifier_value_and_value_from", "{name: Sensor, value_from:", "{name: Sensor, value: 1, value_from:",
        "tables.isr_detection.modifiers[0]: a modifier needs exactly one of 'value' or 'value_from'",
        at="{name: Sensor",
    ),
    Broken(
        "value_from_no_piece_has", "value_from: attacker.detection", "value_from: attacker.stealth",
        "table isr_detection: no attacker of kind isr_drone has a value 'stealth'", at="attacker.stealth",
    ),
    Broken(
        "value_from_unknown_track", "value_from: hex.population", "value_from: track.tension",
        "table collateral_harm: unknown track 'tension'", at="track.tension",
    ),
    Broken(
        "condition_unknown_terrain", "target_terrain: [urban]", "target_terrain: [city]",
        "unknown terrain 'city' (known: desert,", at="city]",
    ),
    Broken(
        "condition_outside_track",
        re.compile(r"track_at_least: \{diplomacy: -?[0-9]+\}"),
        "track_at_least: {diplomacy: 15}",
        "15 is outside track diplomacy (0-10)", at="15}",
    ),
    # sequence and victory
    Broken(
        "phase_listed_twice", "- {phase: blue_isr, title: Blue ISR",
        "- {phase: blue_isr, title: Blue ISR, description: once more}\n    - {phase: blue_isr, title: Blue ISR",
        "phase blue_isr appears twice in the sequence of play", at="blue_isr, title: Blue ISR, description: Task",
    ),
    Broken(
        "phase_missing", "    - {phase: blue_reaction, title: Blue reaction, description: Counter-drone fire and the effects of attacks.}\n", "",
        "the sequence of play needs a blue_reaction phase", at="sequence:",
    ),
    Broken(
        "objective_unknown_piece", "pieces_undamaged: [ain_al_asad_base]", "pieces_undamaged: [al_asad_base]",
        "unknown piece 'al_asad_base'", at="al_asad_base]",
    ),
    Broken(
        "duplicate_objective_id", "- id: no_us_casualties", "- id: protect_the_base",
        "duplicate objective id 'protect_the_base'", at="protect_the_base\n      name: No US",
    ),
]


def test_the_tutorial_itself_loads():
    """Every case edits the tutorial, so the tutorial must be valid to begin with."""
    assert load_scenario_text(TUTORIAL, NAME).scenario.id == "tutorial"


def test_the_corpus_is_large_and_its_ids_are_unique():
    assert len(CASES) >= 35
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_broken_scenario_is_refused_at_its_first_problem(case: Broken):
    text = case.text()
    problems = problems_of(text)
    first = problems[0]
    assert case.message in first.message, "\n".join(str(p) for p in problems)
    assert (first.line, first.column) == position(text, case.at, case.after), str(first)
    for problem in problems:
        assert_one_located_line(problem)
    assert problems == sorted(problems, key=lambda p: (p.line, p.column)), "problems are listed in file order"


@pytest.mark.parametrize(
    "case_id", ["misspelt_key", "flight_given_a_hex", "unknown_piece_type", "duplicate_piece_id", "date"]
)
def test_one_slip_is_one_line(case_id: str):
    """A typo is reported once, not again as the key or value it was meant to be."""
    case = next(c for c in CASES if c.id == case_id)
    assert len(problems_of(case.text())) == 1


def test_duplicate_key_names_the_line_of_the_first():
    case = next(c for c in CASES if c.id == "duplicate_key")
    first_line, _ = position(TUTORIAL, "  rows: 10\n")
    [problem] = problems_of(case.text())
    assert problem.message == f"duplicate key 'rows' (first given at line {first_line})"


# --- files that are not scenarios at all ---------------------------------------------


def test_missing_file_is_an_input_error(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        load_scenario(tmp_path / "nowhere.yaml")


def test_folder_is_an_input_error(tmp_path: Path):
    with pytest.raises(InputError, match="is a folder"):
        load_scenario(tmp_path)


def test_empty_file_is_an_input_error(tmp_path: Path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    with pytest.raises(InputError, match="a scenario is a mapping of keys"):
        load_scenario(empty)


@pytest.mark.parametrize("text", ["- format\n- id\n", "just some words\n", "42\n"], ids=["list", "text", "number"])
def test_document_that_is_not_a_mapping_is_an_input_error(tmp_path: Path, text: str):
    path = tmp_path / "odd.yaml"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.column) == (str(path), 1, 1)
    assert "a scenario is a mapping of keys" in problem.message


def test_file_that_is_not_utf8_is_an_input_error(tmp_path: Path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(TUTORIAL.encode("utf-8") + "# caf\u00e9\n".encode("latin-1"))
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.column, problem.message) == (TUTORIAL.count("\n") + 1, 6, "is not UTF-8 text")


# --- fuzzing: whatever the edit, an InputError or a scenario -------------------------

LINES = TUTORIAL.splitlines(keepends=True)
NUMBERS = [m.span() for m in re.finditer(r"-?[0-9]+", TUTORIAL)]
line_index = st.integers(0, len(LINES) - 1)


def _swap(i: int, j: int) -> str:
    lines = list(LINES)
    lines[i], lines[j] = lines[j], lines[i]
    return "".join(lines)


def _replace_char(i: int, char: str) -> str:
    return TUTORIAL[:i] + char + TUTORIAL[i + 1 :]


def _change_number(k: int, value: int) -> str:
    start, end = NUMBERS[k]
    return TUTORIAL[:start] + str(value) + TUTORIAL[end:]


mutated_tutorials = st.one_of(
    line_index.map(lambda i: "".join(LINES[:i] + LINES[i + 1 :])),  # delete a line
    line_index.map(lambda i: "".join(LINES[: i + 1] + LINES[i:])),  # duplicate a line
    st.builds(_swap, line_index, line_index),
    st.builds(_replace_char, st.integers(0, len(TUTORIAL) - 1), st.sampled_from(list(":{}[]-#'\"\t0a"))),
    st.integers(0, len(TUTORIAL)).map(lambda i: TUTORIAL[:i]),  # truncate
    st.builds(_change_number, st.integers(0, len(NUMBERS) - 1), st.integers(-1000, 10000)),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_tutorials)
def test_any_small_edit_loads_or_gives_located_one_line_problems(text: str):
    try:
        load_scenario_text(text, NAME)
    except InputError as e:
        assert e.problems
        for problem in e.problems:
            assert problem.file == NAME
            assert problem.line >= 0 and problem.column >= 0
            assert problem.message.strip() and "\n" not in problem.message, repr(problem.message)


# --- the command line ------------------------------------------------------------------


def test_validate_prints_located_lines_and_exits_2(tmp_path: Path, capsys):
    case = next(c for c in CASES if c.id == "unknown_piece_type")
    bad = tmp_path / NAME
    bad.write_text(case.text())
    assert main(["validate", str(bad)]) == 2
    captured = capsys.readouterr()
    line, column = position(case.text(), case.at)
    [printed] = captured.err.splitlines()
    assert printed.startswith(f"{bad}:{line}:{column}: piece viper_1: unknown piece type 'f15' (known: ")
    assert ": ok" not in captured.out


def test_validate_with_no_files_checks_every_shipped_scenario(capsys):
    shipped = shipped_scenarios()
    assert sorted(p.name for p in shipped.values()) == sorted(p.name for p in SCENARIOS.glob("*.yaml"))
    assert main(["validate"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [f"{name}: ok" for name in shipped]
    assert captured.err == ""


def test_validate_missing_file_is_one_line_and_exits_2(capsys):
    assert main(["validate", "no_such_file.yaml"]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert err.startswith("no_such_file.yaml: no such file or shipped scenario (shipped: ")


@pytest.mark.parametrize(
    "argv, fragment",
    [(["bogus"], "invalid choice: 'bogus'"), (["autoplay", "--seed", "x"], "'x' is not a whole number"),
     (["schema", "extra"], "wargame schema: unrecognized arguments: extra (see wargame schema --help)"),
     (["--bogus", "schema"], "wargame: unrecognized arguments: --bogus (see wargame --help)")],
    ids=["unknown_command", "seed_not_a_number", "an_argument_too_many_names_its_subcommand",
         "an_option_before_the_subcommand_is_the_programs"],
)
def test_usage_mistake_is_one_line_and_exit_status_2(argv: list[str], fragment: str, capsys):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    captured = capsys.readouterr()
    assert len(captured.err.splitlines()) == 1, captured.err
    assert fragment in captured.err
    assert captured.err.startswith("wargame")

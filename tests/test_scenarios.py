"""Every shipped scenario loads, matches the published JSON Schema, and puts its
places where their real coordinates are.

Scenarios are found by globbing scenarios/*.yaml, so a new scenario is checked
the moment it is added. The schema tests guard what editors rely on: the YAML
language server implements draft 7 only, and reads the committed
scenarios/scenario.schema.json, which must match the models.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest
from jsonschema import Draft7Validator

from wargame import hexgrid
from tools.geography import Projection
from wargame.scenario.load import load_scenario
from wargame.scenario.model import Scenario
from wargame.scenario.schema import scenario_schema, schema_text
from wargame.yamlsafe import load_file

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
SCENARIO_FILES = sorted(SCENARIOS.glob("*.yaml"))
BIG = SCENARIOS / "border_strikes_2021.yaml"
TUTORIAL = SCENARIOS / "tutorial.yaml"
SCHEMA_LINE = "# yaml-language-server: $schema=scenario.schema.json"

each_scenario = pytest.mark.parametrize("path", SCENARIO_FILES, ids=[p.stem for p in SCENARIO_FILES])


def scenario_at(path: Path) -> Scenario:
    return load_scenario(path).scenario


def entries(node: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) of every mapping in a JSON document, at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from entries(value)
    elif isinstance(node, list):
        for value in node:
            yield from entries(value)


def country_code_at(scenario: Scenario, hex_name: str) -> str:
    col, row = hexgrid.to_offset(hexgrid.parse_ccrr(hex_name))
    return scenario.map.country[row][col]


def country_of_code(scenario: Scenario, code: str) -> str:
    return next(cid for cid, country in scenario.map.countries.items() if country.code == code)


# --- the scenarios ---------------------------------------------------------------------


def test_the_shipped_scenarios_are_found():
    assert {TUTORIAL, BIG} <= set(SCENARIO_FILES)


@each_scenario
def test_shipped_scenario_loads(path: Path):
    scenario = scenario_at(path)
    assert scenario.id == path.stem
    assert scenario.pieces and scenario.tables and scenario.turns.count >= 1


@each_scenario
def test_first_line_points_editors_at_the_schema(path: Path):
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE


# --- the JSON Schema -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema() -> dict:
    return scenario_schema()


def test_schema_is_a_valid_draft7_schema(schema: dict):
    Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_schema_uses_only_what_draft7_knows(schema: dict):
    keys = {key for key, _ in entries(schema)}
    assert "prefixItems" not in keys
    assert "$defs" not in keys
    assert "discriminator" not in keys  # pydantic's OpenAPI keyword
    refs = [value for key, value in entries(schema) if key == "$ref"]
    assert refs
    for ref in refs:
        assert ref.startswith("#/definitions/") and ref.removeprefix("#/definitions/") in schema["definitions"]


@each_scenario
def test_shipped_scenario_matches_the_schema(schema: dict, path: Path):
    data = load_file(path).data
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in Draft7Validator(schema).iter_errors(data)]
    assert errors == []


def test_schema_rejects_what_the_loader_rejects(schema: dict):
    """The schema is not vacuous: an unknown key and a text count are errors in an editor too."""
    data = load_file(TUTORIAL).data
    data["author"] = "me"
    data["turns"]["count"] = "four"
    messages = sorted(e.message for e in Draft7Validator(schema).iter_errors(data))
    assert len(messages) == 2
    assert any("'author'" in m for m in messages)
    assert any("'four'" in m for m in messages)


def test_committed_schema_file_is_up_to_date():
    """Regenerate with `wargame schema > scenarios/scenario.schema.json` when this fails."""
    assert (SCENARIOS / "scenario.schema.json").read_text(encoding="utf-8") == schema_text()


# --- geography -------------------------------------------------------------------------------


@each_scenario
def test_places_lie_in_the_hex_their_coordinates_fall_in(path: Path):
    scenario = scenario_at(path)
    m = scenario.map
    if m.projection is None:
        pytest.skip("this map has no projection")
    projection = Projection(m.projection.west, m.projection.north, m.projection.ref_lat, m.km_per_hex)
    placed = [p for p in m.places if p.lat is not None and p.lon is not None]
    assert placed, "a projected map should give coordinates for its places"
    far = []
    for place in placed:
        true_hex = projection.lonlat_to_hex(place.lon, place.lat)
        if hexgrid.distance(true_hex, hexgrid.parse_ccrr(place.hex)) > 1:
            far.append(f"{place.id}: hex {place.hex}, but lat/lon fall in {hexgrid.ccrr(true_hex)}")
    assert far == []


@pytest.mark.parametrize(
    "place_id, country",
    [
        ("erbil", "iraq"),
        ("mosul", "iraq"),
        ("baghdad", "iraq"),
        ("ain_al_asad", "iraq"),
        ("al_qaim", "iraq"),
        ("al_bukamal", "syria"),
        ("deir_ez_zor", "syria"),
        ("al_tanf", "syria"),
    ],
)
def test_named_place_of_the_big_scenario_is_in_its_country(place_id: str, country: str):
    scenario = scenario_at(BIG)
    place = next((p for p in scenario.map.places if p.id == place_id), None)
    assert place is not None, f"{place_id} is missing from {BIG.name}"
    assert place.country == country
    assert country_of_code(scenario, country_code_at(scenario, place.hex)) == country, "the map's country rows agree"


def test_big_map_size():
    m = scenario_at(BIG).map
    assert 40 <= m.columns <= 60
    assert 30 <= m.rows <= 50
    assert len(m.terrain) == len(m.country) == m.rows


def test_tutorial_map_is_about_12_by_10():
    m = scenario_at(TUTORIAL).map
    assert 10 <= m.columns <= 14
    assert 8 <= m.rows <= 12


def test_the_format_documentation_shows_the_tutorial_as_it_is():
    """docs/scenario-format.md embeds the tutorial as its complete example; keep it current."""
    docs = (Path(__file__).resolve().parent.parent / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    tutorial = (SCENARIOS / "tutorial.yaml").read_text(encoding="utf-8")
    assert "```yaml\n" + tutorial + "```" in docs

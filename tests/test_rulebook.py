"""docs/rules.md, the players' rulebook, names everything the June scenario puts
in front of the players: every dice table (by its title), every track and
threshold, every card and operation, every marker. A name the scenario adds or
renames without the rulebook following fails here, listing what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.scenario.load import load_scenario

from wargame.resources import scenarios_dir

RULES = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def names_of(scenario) -> dict[str, list[str]]:
    """What the players read, by what it names."""
    cards = scenario.cards
    return {
        "table": [t.title for t in scenario.tables.values()],
        "track": [t.name for t in scenario.tracks.values()],
        "threshold": [th.name for t in scenario.tracks.values() for th in t.thresholds],
        "card": [c.name for c in cards.deck] if cards else [],
        "operation": [op.name for ops in cards.operations.values() for op in ops] if cards else [],
        "marker": [m.name for m in scenario.markers.values()],
    }


def missing_from(text: str, names: dict[str, list[str]]) -> list[str]:
    return [f"{kind} {name!r}" for kind, group in names.items() for name in group if name not in text]


@pytest.fixture(scope="module")
def june():
    return load_scenario(scenarios_dir() / "border_strikes_2021.yaml").scenario


def test_the_rulebook_names_every_table_track_card_and_marker(june):
    missing = missing_from(RULES.read_text(encoding="utf-8"), names_of(june))
    assert not missing, "docs/rules.md does not mention: " + "; ".join(missing)


def test_the_check_sees_a_missing_name(june):
    """The check above would catch a name left out: take one away and it is reported."""
    text = RULES.read_text(encoding="utf-8")
    names = names_of(june)
    for kind in ("table", "track", "card", "marker"):
        name = names[kind][0]
        assert name in text
        assert f"{kind} {name!r}" in missing_from(text.replace(name, ""), names)


def test_the_june_scenario_has_all_it_is_checked_for(june):
    """Cards and markers are optional in the format; the June scenario has both."""
    names = names_of(june)
    assert all(names[kind] for kind in names), {k: len(v) for k, v in names.items()}


def test_the_rulebook_gives_every_card_its_operations_value(june):
    """The card tables print each card's ops; a value changed in the scenario and not
    in the rulebook fails here (the February precedent went from 2 to 1)."""
    import re

    text = RULES.read_text(encoding="utf-8")
    wrong = []
    for card in june.cards.deck:
        row = re.search(r"^\| \*\*" + re.escape(card.name) + r"\*\*[^|]*\| (\d+) \|", text, re.M)
        if row is None or int(row.group(1)) != card.ops:
            wrong.append(f"{card.name}: {row.group(1) if row else 'no row'} (scenario {card.ops})")
    assert not wrong, "docs/rules.md card tables: " + "; ".join(wrong)

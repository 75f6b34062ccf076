"""New scenarios, copies of shipped ones, autosave and recovery, and a scenario made from nothing that plays."""

from __future__ import annotations

import pytest
from conftest import scenario_path

from wargame.ai.random_player import RandomPlayer
from wargame.cli import main
from wargame.editing import (
    Autosave,
    EditingDocument,
    ShippedScenario,
    copy_for_editing,
    find_recovery,
    is_shipped,
    new_scenario,
    restore,
)
from wargame.editing import mapedit, pieces, settings, tables
from wargame.editing.recovery import recovery_path
from wargame.resources import scenarios_dir
from wargame.rules.engine import Game
from wargame.scenario.load import load_scenario, load_scenario_text


@pytest.mark.parametrize("size", [(2, 2), (8, 6), (40, 30), (99, 99)])
def test_a_blank_scenario_is_valid_at_any_size(size):
    loaded = load_scenario_text(new_scenario(*size))
    s = loaded.scenario
    assert (s.map.columns, s.map.rows) == size
    assert set(s.sides) == {"blue", "red"} and {"escalation", "authorization"} <= set(s.tracks)
    assert {p.id for p in s.pieces} == {"first_base", "first_facility"}
    with pytest.raises(ValueError):
        new_scenario(1, 5)


@pytest.mark.parametrize("name,size", [("tutorial", (12, 10)), ("border_strikes_2021", (30, 20)), ("february_2021", (60, 42))])
def test_a_blank_scenario_on_another_scenarios_map(name, size):
    source = load_scenario(scenario_path(name)).scenario
    s = load_scenario_text(new_scenario(*size, from_map=name)).scenario
    assert s.map.terrain_types == source.map.terrain_types
    cols, rows = min(size[0], source.map.columns), min(size[1], source.map.rows)
    assert [r[:cols] for r in s.map.terrain[:rows]] == [r[:cols] for r in source.map.terrain[:rows]]
    assert [p.id for p in s.map.places] == [p.id for p in source.map.places if int(p.hex[:2]) <= size[0] and int(p.hex[2:]) <= size[1]]
    assert s.map.rivers and all(len(r.hexes) >= 2 for r in s.map.rivers)
    assert [p.id for p in s.pieces] == ["first_base", "first_facility"]  # its pieces are not copied


def test_a_shipped_scenario_is_copied_before_it_is_changed(tmp_path):
    target = copy_for_editing("tutorial", tmp_path / "my_tutorial.yaml")
    assert target.read_text(encoding="utf-8") == scenario_path("tutorial").read_text(encoding="utf-8")
    assert is_shipped(scenario_path("tutorial")) and not is_shipped(target)
    with pytest.raises(ShippedScenario):
        copy_for_editing("tutorial", scenarios_dir() / "editing_test_copy.yaml")
    assert not (scenarios_dir() / "editing_test_copy.yaml").exists()
    with pytest.raises(FileExistsError):
        copy_for_editing("tutorial", target)
    doc = EditingDocument.open(target)
    assert doc.path == target
    settings.set_turns(doc, 5)
    doc.save()
    assert load_scenario(target).scenario.turns.count == 5 and not doc.dirty
    with pytest.raises(ShippedScenario):
        doc.save(scenarios_dir() / "editing_test_save.yaml")
    assert not (scenarios_dir() / "editing_test_save.yaml").exists()


def test_autosave_writes_at_most_once_a_minute_and_is_offered_again(tmp_path):
    path = copy_for_editing("tutorial", tmp_path / "t.yaml")
    doc = EditingDocument.open(path)
    auto = Autosave(doc, interval=60)
    assert auto.tick(now=0.0) is None  # nothing changed yet
    settings.set_turns(doc, 7)
    assert auto.tick(now=1.0) == recovery_path(path)
    settings.set_turns(doc, 8)
    assert auto.tick(now=30.0) is None  # within the minute
    assert auto.tick(now=61.5) == recovery_path(path)
    assert recovery_path(path).read_text(encoding="utf-8") == doc.text
    # the crash: a new session finds the unsaved text and offers it as one undoable edit
    found = find_recovery(path)
    assert found is not None and found.text == doc.text
    back = restore(path, found)
    assert back.text == doc.text and back.dirty and back.undo_label == "Recover unsaved edits"
    back.undo()
    assert back.text == path.read_text(encoding="utf-8")
    doc.save()
    assert not recovery_path(path).exists() and find_recovery(path) is None


def test_a_shipped_scenarios_recovery_goes_to_the_state_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    doc = EditingDocument.open(scenario_path("tutorial"))
    settings.set_turns(doc, 2)
    written = Autosave(doc).write(now=0.0)
    assert written is not None and written.parent == tmp_path / "state" / "wargame" / "recovery"
    assert not any(p.name.endswith(".recovery") for p in scenarios_dir().iterdir())
    assert find_recovery(None, doc.name) is not None


def test_a_scenario_made_from_nothing_validates_and_plays_to_a_result(tmp_path, capsys):
    path = tmp_path / "oasis.yaml"
    doc = EditingDocument(new_scenario(10, 8, scenario_id="oasis", title="The oasis"), str(path), path)
    # the map: hills and a second country, a wadi, a town
    mapedit.add_terrain_type(doc, "hills", "h", "Hills", "hills", "#c9a97a", population=0, move_cost=2)
    mapedit.paint(doc, "0404", "h", size=2)
    mapedit.add_country(doc, "borderland", "B", "Borderland")
    for hex_ in ("0803", "0806", "0903"):
        mapedit.paint(doc, hex_, "B", layer="country", size=3)
    mapedit.add_river(doc, "Wadi Hawran", ["0101", "0201", "0302", "0402"])
    mapedit.add_place(doc, "al_waha", "Al-Waha", "0907", kind="town", population=2)
    # two sides and their pieces
    pieces.edit_side(doc, "red", name="Oasis militias", move_countries=["homeland", "borderland"])
    pieces.set_stock(doc, "red", "drones", start=5, maximum=9)
    pieces.add_piece(doc, "consulate", "0705", name="Consulate")
    pieces.add_piece(doc, "strike_flight", name="Eagle 1")
    pieces.add_piece(doc, "isr_drone", name="Reaper 1")
    team = pieces.add_piece(doc, "launch_team", "0806", name="Drone team", hidden=True)
    rockets = pieces.add_piece(doc, "rocket_team", "0606", name="Rocket team", hidden=True)
    pieces.add_piece(doc, "depot", "0908", name="Oasis depot", hidden=True)
    # a table of its own, rolled when Tehran stays quiet
    tables.add_table(doc, "sandstorm", "Sandstorm", dice="1d6", rows=[
        {"roll": "4-", "result": "clear", "text": "Clear skies"},
        {"roll": "5+", "result": "storm", "text": "A sandstorm grounds the drones", "effects": [{"stock": "drones", "side": "red", "change": -1}]},
    ])  # fmt: skip
    tables.add_modifier(doc, "sandstorm", "Open war", value=1, when={"track_at_least": {"escalation": 5}})
    tables.edit_row(doc, "iran_reaction", 1, effects=[{"roll": "sandstorm"}])
    # victory
    settings.set_victory(doc, margin=1)
    settings.add_objective(doc, "consulate_holds", "The consulate undamaged", "blue", 2, {"pieces_undamaged": ["consulate_1"]})
    settings.add_objective(doc, "teams_survive", "Both teams survive", "red", 2, {"pieces_survive": [team, rockets]})
    settings.set_turns(doc, 4)
    assert doc.valid, doc.problems
    doc.save()

    loaded = load_scenario(path)  # what `wargame validate` reads
    assert "sandstorm" in loaded.scenario.tables and len(loaded.scenario.pieces) == 8
    game = Game(loaded, seed=7)
    players = {"blue": RandomPlayer(1), "red": RandomPlayer(2)}
    steps = 0
    while not game.over and steps < 5000:
        side = game.side_to_move
        game.apply(players[side].choose(game.decision(side)))
        steps += 1
    assert game.over and game.state.result is not None
    assert main(["autoplay", str(path), "--seed", "3"]) == 0
    assert "final state hash" in capsys.readouterr().out

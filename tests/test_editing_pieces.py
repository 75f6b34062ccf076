"""Edits of pieces, piece types, sides, tracks, turns and victory."""

from __future__ import annotations

import datetime

import pytest
from conftest import scenario_path

from wargame.editing import EditingDocument, EditRefused
from wargame.editing import pieces, settings


@pytest.fixture
def doc() -> EditingDocument:
    return EditingDocument.open(scenario_path("tutorial"))


def piece(doc: EditingDocument, piece_id: str) -> dict:
    return next(p for p in doc.data["pieces"] if p["id"] == piece_id)


# --- pieces ------------------------------------------------------------------------------------


def test_new_pieces_get_unique_ids_and_join_their_side(doc):
    first = pieces.add_piece(doc, "launch_team", "0404")
    second = pieces.add_piece(doc, "launch_team", "0405", name="Team West", hidden=True)
    assert (first, second) == ("launch_team_1", "launch_team_2")
    ids = [p["id"] for p in doc.data["pieces"]]
    assert ids[-2:] == [first, second]  # after the last Red piece
    blue = pieces.add_piece(doc, "air_base", "0909", name="Forward base")
    assert ids.index("reaper_1") + 1 == [p["id"] for p in doc.data["pieces"]].index(blue)  # after the last Blue one
    assert piece(doc, second) == {"id": second, "type": "launch_team", "name": "Team West", "hex": "0405", "hidden": True}
    assert doc.valid
    with pytest.raises(EditRefused, match="already"):
        pieces.add_piece(doc, "depot", "0101", piece_id=first)
    with pytest.raises(EditRefused, match="no piece type"):
        pieces.add_piece(doc, "battleship", "0101")


def test_aircraft_stand_at_a_base_and_are_dragged_from_base_to_base(doc):
    flight = pieces.add_piece(doc, "f16")
    assert piece(doc, flight)["base"] == "ain_al_asad_base" and "hex" not in piece(doc, flight)
    pieces.move_piece(doc, flight, "0110")  # the hex of the off-map air base
    assert piece(doc, flight)["base"] == "jordan_air_base"
    with pytest.raises(EditRefused, match="flies from a base"):
        pieces.move_piece(doc, flight, "0505")
    assert doc.valid


def test_a_new_type_swaps_hex_and_base_and_so_the_side(doc):
    pieces.edit_piece(doc, "rocket_team_1", type="mq9")  # now a Blue ISR drone: it needs a base
    p = piece(doc, "rocket_team_1")
    assert p["base"] == "ain_al_asad_base" and "hex" not in p
    assert doc.valid
    pieces.edit_piece(doc, "rocket_team_1", type="rocket_team", hidden=True)
    p = piece(doc, "rocket_team_1")
    assert p["hex"] == "0708" and "base" not in p  # back on the map, at the base it flew from
    assert pieces.piece_types_of(doc, "red") == ["facility", "depot", "launch_team", "rocket_team"]


def test_editing_a_piece_writes_only_what_changes(doc):
    before = doc.text
    assert pieces.edit_piece(doc, "desert_facility", hidden=False) is None  # the default, not written
    assert doc.text == before
    pieces.edit_piece(doc, "desert_facility", name="Old facility", label=None, faction="Kata'ib Hezbollah")
    p = piece(doc, "desert_facility")
    assert p["name"] == "Old facility" and "label" not in p and p["faction"] == "Kata'ib Hezbollah"
    with pytest.raises(EditRefused, match="has no 'colour'"):
        pieces.edit_piece(doc, "desert_facility", colour="red")


def test_deleting_a_piece_an_objective_names_is_reported_there(doc):
    pieces.delete_piece(doc, "drone_team")
    (problem,) = doc.problems
    assert problem.path[:2] == ("victory", "objectives") and "unknown piece 'drone_team'" in problem.message
    doc.undo()
    assert doc.valid


# --- piece types and sides ----------------------------------------------------------------------


def test_piece_types_are_added_edited_renamed_and_deleted(doc):
    pieces.add_piece_type(doc, "mortar_team", "rocket_team", "red", "Mortar team", range=2)
    assert doc.data["piece_types"]["mortar_team"]["range"] == 2 and doc.valid
    pieces.add_piece(doc, "mortar_team", "0506", hidden=True)
    pieces.edit_piece_type(doc, "mortar_team", vp=2, traits=["light"], damaged={"range": -1})
    assert doc.valid
    pieces.rename_piece_type(doc, "mortar_team", "mortar_section")
    assert piece(doc, "mortar_team_1")["type"] == "mortar_section" and doc.valid
    pieces.edit_piece_type(doc, "mortar_section", side="blue")
    assert any("cannot belong to blue" in p.message for p in doc.problems)
    with pytest.raises(EditRefused, match="cannot belong"):
        pieces.add_piece_type(doc, "x", "base", "red", "X")
    assert pieces.kind_values("rocket_team") == ("rockets_per_attack", "range", "move")


def test_sides_stocks_and_move_countries(doc):
    pieces.set_stock(doc, "red", "mortars", start=4, maximum=8)
    assert doc.data["sides"]["red"]["stocks"]["mortars"] == 4 and doc.data["sides"]["red"]["stock_max"]["mortars"] == 8
    pieces.set_stock(doc, "blue", "missiles", start=2)  # Blue had no stocks: the key is added
    assert doc.data["sides"]["blue"]["stocks"] == {"missiles": 2} and doc.valid
    pieces.set_stock(doc, "red", "mortars", start=9)
    assert any("starts above its stock_max" in p.message for p in doc.problems)
    pieces.remove_stock(doc, "red", "mortars")
    assert "mortars" not in doc.data["sides"]["red"]["stocks"] and doc.valid
    pieces.set_move_countries(doc, "red", ["iraq", "syria"])
    (problem,) = doc.problems
    assert problem.path == ("sides", "red", "move_countries", 1)
    pieces.edit_side(doc, "red", move_countries=["iraq"], short="PMF")
    assert doc.valid and doc.data["sides"]["red"]["short"] == "PMF"


# --- tracks, turns, victory ----------------------------------------------------------------------


def test_track_values_and_thresholds(doc):
    settings.set_track(doc, "escalation", max=12, start=4)
    settings.add_threshold(doc, "escalation", 7, "Crisis", description="Iran moves openly.", adjust={"resupply": 1})
    ats = [t["at"] for t in doc.data["tracks"]["escalation"]["thresholds"]]
    assert ats == [3, 5, 7, 10] and doc.valid
    settings.edit_threshold(doc, "escalation", 2, at=8, on_reach=[{"track": "diplomacy", "change": -1}])
    settings.add_effect(doc, ("tracks", "escalation", "thresholds", 2, "on_reach"), {"vp": "red", "points": 1})
    assert len(doc.data["tracks"]["escalation"]["thresholds"][2]["on_reach"]) == 2 and doc.valid
    settings.remove_effect(doc, ("tracks", "escalation", "thresholds", 2, "on_reach"), 0)
    settings.add_threshold(doc, "authorization", 4, "Wide mandate")  # a track without thresholds yet
    settings.remove_threshold(doc, "authorization", 0)
    assert "thresholds" not in doc.data["tracks"]["authorization"] and doc.valid
    settings.set_track(doc, "escalation", start=20)
    (problem,) = doc.problems
    assert problem.path == ("tracks", "escalation", "start") and "outside the track" in problem.message


def test_turns_and_the_start_date(doc):
    settings.set_turns(doc, 6)
    settings.set_start_date(doc, datetime.date(2021, 3, 5))
    assert doc.scenario.turns.count == 6 and doc.scenario.meta.date == "2021-03-05"
    settings.set_start_date(doc, "2021-02-30")
    (problem,) = doc.problems
    assert problem.path == ("meta", "date") and "not a day of the calendar" in problem.message


def test_victory_margin_and_objectives(doc):
    settings.set_victory(doc, margin=3, vp_max=25)
    settings.add_objective(doc, "base_holds", "The base stands", "blue", 1, {"pieces_survive": ["ain_al_asad_base"]})
    settings.edit_objective(doc, "base_holds", points=3)
    assert doc.scenario.victory.objectives[-1].points == 3 and doc.scenario.victory.margin == 3
    with pytest.raises(EditRefused, match="already"):
        settings.add_objective(doc, "base_holds", "Again", "blue", 1, {"pieces_survive": ["ain_al_asad_base"]})
    settings.remove_objective(doc, "teams_survive")
    assert [o.id for o in doc.scenario.victory.objectives] == ["protect_the_base", "no_us_casualties", "base_holds"]
    while doc.can_undo:
        doc.undo()
    assert doc.text == EditingDocument.open(scenario_path("tutorial")).text

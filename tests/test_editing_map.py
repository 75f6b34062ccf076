"""Map edits: brush and fill, rivers as chains, places, and resizing with odd-q columns."""

from __future__ import annotations

import itertools

import pytest
from conftest import scenario_path

from wargame import hexgrid
from wargame.editing import EditingDocument, EditRefused
from wargame.editing import mapedit, pieces


@pytest.fixture
def tutorial_doc() -> EditingDocument:
    return EditingDocument.open(scenario_path("tutorial"))


@pytest.fixture
def june_doc() -> EditingDocument:
    return EditingDocument.open(scenario_path("border_strikes_2021"))


def code(doc: EditingDocument, name: str, layer: str = "terrain") -> str:
    col, row = hexgrid.to_offset(hexgrid.parse_ccrr(name))
    return doc.data["map"][layer][row][col]


# --- painting ---------------------------------------------------------------------------------


def test_brush_sizes_cover_one_seven_and_nineteen_hexes_clipped_at_the_edge():
    assert len(mapedit.brush("0505", 1, 12, 10)) == 1
    assert len(mapedit.brush("0505", 2, 12, 10)) == 7
    assert len(mapedit.brush("0505", 3, 12, 10)) == 19
    assert sorted(mapedit.brush("0101", 2, 12, 10)) == ["0101", "0102", "0201"]  # odd-q: 02 sits lower
    with pytest.raises(EditRefused):
        mapedit.brush("0505", 4, 12, 10)


def test_paint_changes_exactly_the_brushed_hexes_as_one_undo_step(tutorial_doc):
    doc = tutorial_doc
    before = {h: code(doc, h) for h in (hexgrid.ccrr(x) for x in hexgrid.grid(12, 10))}
    mapedit.paint(doc, "0606", "h", size=3)
    covered = set(mapedit.brush("0606", 3, 12, 10))
    for h, old in before.items():
        assert code(doc, h) == ("h" if h in covered else old), h
    assert doc.undo_label == "Paint terrain h"
    doc.undo()
    assert all(code(doc, h) == c for h, c in before.items())


def test_country_paint_reports_a_place_left_in_the_wrong_country_at_its_hex(june_doc):
    doc = june_doc
    assert code(doc, "2423", "country") == "I"  # Al-Qaim, in Iraq
    mapedit.paint(doc, "2423", "S", layer="country")
    (problem,) = doc.problems
    assert problem.hex == "2423" and problem.path[:3] == ("map", "places", 16)
    assert "belongs to syria" in problem.message


def test_an_unknown_code_is_let_in_and_marked_at_its_hex(tutorial_doc):
    mapedit.paint(tutorial_doc, "0305", "Z")
    (problem,) = tutorial_doc.problems
    assert problem.hex == "0305" and problem.path == ("map", "terrain", 4)
    assert "unknown terrain code 'Z'" in problem.message


def test_flood_fill_takes_the_connected_region_and_nothing_else(tutorial_doc):
    doc = tutorial_doc
    names = [hexgrid.ccrr(x) for x in hexgrid.grid(12, 10)]
    before = {h: code(doc, h) for h in names}
    mapedit.flood_fill(doc, "0101", "m")
    filled = {h for h in names if code(doc, h) == "m"}
    assert filled and all(before[h] == "w" for h in filled)
    for h in filled:  # no water left touching the filled region: it was the whole connected lake
        for n in hexgrid.parse_ccrr(h).neighbours():
            if hexgrid.on_map(n, 12, 10):
                assert code(doc, hexgrid.ccrr(n)) != "w"
    # connected: a walk from the start reaches every filled hex
    seen, todo = {"0101"}, ["0101"]
    while todo:
        for n in hexgrid.parse_ccrr(todo.pop()).neighbours():
            name = hexgrid.ccrr(n) if hexgrid.on_map(n, 12, 10) else None
            if name in filled and name not in seen:
                seen.add(name)
                todo.append(name)
    assert seen == filled
    assert mapedit.flood_fill(doc, "0101", "m") is None  # already that code: no edit


# --- rivers -----------------------------------------------------------------------------------


def test_a_river_grows_only_from_a_hex_touching_its_course(tutorial_doc):
    doc = tutorial_doc
    course = list(doc.data["map"]["rivers"][0]["hexes"])
    assert course[-1] == "1210"
    mapedit.add_river_hex(doc, "Euphrates", "1110")  # touches the last hex 1210 (and 1109 before it)
    assert doc.data["map"]["rivers"][0]["hexes"][-1] == "1110" and doc.valid
    with pytest.raises(EditRefused, match="does not touch either end of the Euphrates"):
        mapedit.add_river_hex(doc, "Euphrates", "0101")
    with pytest.raises(EditRefused, match="already flows through"):
        mapedit.add_river_hex(doc, 0, "0603")
    with pytest.raises(EditRefused, match="off the map"):
        mapedit.add_river_hex(doc, 0, "1311")


def test_a_river_hex_comes_out_only_if_the_course_stays_a_chain(tutorial_doc):
    doc = tutorial_doc
    with pytest.raises(EditRefused, match="leave a gap in the Euphrates between 0603 and 0705"):
        mapedit.remove_river_hex(doc, "Euphrates", "0704")
    mapedit.remove_river_hex(doc, "Euphrates", "0602")  # an end
    assert doc.data["map"]["rivers"][0]["hexes"][0] == "0603" and doc.valid
    mapedit.add_river(doc, "Wadi", ["0101", "0102"])
    with pytest.raises(EditRefused, match="at least two hexes"):
        mapedit.remove_river_hex(doc, "Wadi", "0101")
    with pytest.raises(EditRefused, match="does not touch"):
        mapedit.add_river(doc, "Broken", ["0101", "0303"])


def test_a_gap_written_by_hand_is_reported_at_its_hex(tutorial_doc):
    with tutorial_doc.edit("Break the river") as e:
        e.set(("map", "rivers", 0, "hexes", 5), "1201")
    problems = [p for p in tutorial_doc.problems if "does not touch" in p.message]
    assert {p.hex for p in problems} == {"1201", "0906"}
    assert all(p.path[:4] == ("map", "rivers", 0, "hexes") for p in problems)


# --- places ----------------------------------------------------------------------------------


def test_places_are_added_renamed_moved_and_deleted(june_doc):
    doc = june_doc
    mapedit.add_place(doc, "ar_rutba_road", "Rutbah road", "2036", kind="landmark")
    place = doc.data["map"]["places"][-1]
    assert place["country"] == "iraq" and place["population"] == 0 and doc.valid
    mapedit.rename_place(doc, "ar_rutba_road", "Highway 1")
    mapedit.move_place(doc, "ar_rutba_road", "0530")  # into Syria: the place follows the border
    place = doc.data["map"]["places"][-1]
    assert (place["name"], place["hex"], place["country"]) == ("Highway 1", "0530", "syria") and doc.valid
    with pytest.raises(EditRefused, match="already"):
        mapedit.add_place(doc, "ar_rutba_road", "Again", "0101")
    mapedit.delete_place(doc, "al_qaim_crossing")  # named by the supply rules: taken off them too
    assert doc.data["rules"]["supply"]["crossings"] == [] and doc.valid


def test_a_place_moved_without_its_country_is_reported_at_its_new_hex(june_doc):
    mapedit.move_place(june_doc, "al_qaim", "2222", follow_country=False)
    (problem,) = june_doc.problems
    assert problem.hex == "2222" and problem.path[-1] == "country"


# --- resizing ---------------------------------------------------------------------------------


def _adjacent_pairs(columns: int, rows: int):
    hexes = list(hexgrid.grid(columns, rows))
    for a in hexes:
        for b in a.neighbours():
            if hexgrid.on_map(b, columns, rows):
                yield hexgrid.ccrr(a), hexgrid.ccrr(b)


@pytest.mark.parametrize("left,top", list(itertools.product(range(-2, 4), range(-1, 3))))
def test_moving_hexes_for_a_resize_keeps_every_neighbour(left, top):
    for a, b in _adjacent_pairs(12, 10):
        ma, mb = mapedit.moved(a, left + 2, top + 2), mapedit.moved(b, left + 2, top + 2)  # keep names in range
        assert hexgrid.distance(hexgrid.parse_ccrr(ma), hexgrid.parse_ccrr(mb)) == 1, (a, b, left, top)


def test_shifting_only_the_column_would_break_neighbours_for_an_odd_left():
    """Why alternate columns move a row: with odd-q, a plain column shift tears the grid."""
    broken = [(a, b) for a, b in _adjacent_pairs(12, 10)
              if hexgrid.distance(hexgrid.parse_ccrr(f"{int(a[:2]) + 1:02d}{a[2:]}"),
                                  hexgrid.parse_ccrr(f"{int(b[:2]) + 1:02d}{b[2:]}")) != 1]  # fmt: skip
    assert broken
    assert mapedit.moved("0105", 1, 0) == "0205" and mapedit.moved("0205", 1, 0) == "0306"


def test_growing_left_keeps_rivers_pieces_and_places_on_the_same_ground(tutorial_doc):
    doc = tutorial_doc
    ground = {p["id"]: code(doc, p["hex"]) for p in doc.data["pieces"] if "hex" in p}
    river_ground = [code(doc, h) for h in doc.data["map"]["rivers"][0]["hexes"]]
    assert mapedit.resize_losses(doc, left=1) == ["1210"]  # the river's mouth and Hit, in a low column
    assert mapedit.resize_losses(doc, left=1, bottom=1) == []
    old = {h: code(doc, h) for h in ("0101", "0210", "0110")}
    mapedit.resize_map(doc, left=1, bottom=1, terrain="h")
    assert (doc.data["map"]["columns"], doc.data["map"]["rows"]) == (13, 11)
    assert doc.valid, doc.problems[:3]
    assert {p["id"]: code(doc, p["hex"]) for p in doc.data["pieces"] if "hex" in p} == ground
    assert [code(doc, h) for h in doc.data["map"]["rivers"][0]["hexes"]] == river_ground
    assert all(code(doc, f"01{r:02d}") == "h" for r in range(1, 12))  # the new column: the fill given
    # column 01 becomes 02 in the same rows; column 02 becomes 03 one row down
    assert (code(doc, "0201"), code(doc, "0210"), code(doc, "0311")) == (old["0101"], old["0110"], old["0210"])
    assert code(doc, "0211") == "h" and code(doc, "0301") == "h"  # the half rows uncovered


def test_growing_at_the_top_inserts_rows_and_renames_every_hex(tutorial_doc):
    doc = tutorial_doc
    original = doc.text
    mapedit.resize_map(doc, top=2)
    assert doc.valid
    assert doc.data["pieces"][0]["hex"] == "0710" and doc.data["map"]["places"][0]["hex"] == "0605"
    assert doc.data["map"]["rivers"][0]["hexes"][0] == "0604"
    old_lines, new_lines = original.splitlines(), doc.text.splitlines()
    rows = {line for line in old_lines if line.startswith('    - "') and len(line) == len('    - "wwwwwsdddddd"')}
    gone = set(old_lines) - set(new_lines)
    assert not gone & rows  # the old map rows are all still there, untouched: two new ones on top of each layer
    assert len(new_lines) == len(old_lines) + 4
    doc.undo()
    assert doc.text == original


def test_shrinking_reports_what_fell_off_at_its_hex(tutorial_doc):
    doc = tutorial_doc
    lost = mapedit.resize_losses(doc, right=-2)
    mapedit.resize_map(doc, right=-2)
    off = {p.hex for p in doc.problems if "off the map" in p.message}
    assert off == set(lost) and lost
    with pytest.raises(EditRefused, match="2 to 99"):
        mapedit.resize_map(doc, left=-9)


def test_a_piece_dragged_off_the_map_is_reported_at_its_hex(tutorial_doc):
    pieces.move_piece(tutorial_doc, "drone_team", "1311")
    (problem,) = tutorial_doc.problems
    assert problem.hex == "1311" and problem.path == ("pieces", 6, "hex") and "off the map" in problem.message

"""Saving keeps what a person wrote: each kind of edit changes only the lines of its values.

Every shipped scenario is opened, changed once in each way an editor changes a
file, and compared with the original by difflib: only the lines of the values
that changed may differ, comments and quoting intact. A random sequence of
edits, undone, gives back the original text byte for byte.
"""

from __future__ import annotations

import difflib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.editing import EditingDocument, EditRefused
from wargame.editing import mapedit, pieces, settings as rules_settings, tables
from wargame.editing.render import reads_as, scalar
from wargame.editing.spans import TextIndex
from wargame.scenario.load import load_scenario_text
from wargame.yamlsafe import load

from conftest import scenario_path

SHIPPED = ("border_strikes_2021", "february_2021", "tutorial")


def _changes(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """Each change from `a` to `b`: the span of `a`'s lines (0-based, end excluded)
    replaced, removed or inserted at, and the span of `b`'s lines put there."""
    ops = difflib.SequenceMatcher(None, a.splitlines(), b.splitlines(), autojunk=False).get_opcodes()
    return [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in ops if tag != "equal"]


def diff(a: str, b: str) -> tuple[list[int], list[str]]:
    """Line numbers (1-based, in `a`) of the lines removed, and the lines added."""
    removed, added = [], []
    for i1, i2, j1, j2 in _changes(a, b):
        removed += range(i1 + 1, i2 + 1)
        added += b.splitlines()[j1:j2]
    return removed, added


def line_of(doc: EditingDocument, path: tuple) -> int:
    return doc.yaml.where(path)[0]


@pytest.fixture(params=SHIPPED)
def shipped(request) -> EditingDocument:
    return EditingDocument.open(scenario_path(request.param))


def test_spans_start_where_the_loader_marks_every_value(shipped):
    index = TextIndex(shipped.text)
    assert set(index.spans) == set(shipped.yaml.marks)
    for path, (line, col) in shipped.yaml.marks.items():
        span = index.spans[path]
        assert (index.line_of(span.start) + 1, index.column_of(span.start) + 1) == (line, col), path
    for path, (line, col) in shipped.yaml.key_marks.items():
        span = index.spans[path]
        assert (index.line_of(span.key_start) + 1, index.column_of(span.key_start) + 1) == (line, col), path


def test_a_shipped_scenario_opens_valid_and_cannot_be_saved_in_place(shipped, tmp_path):
    assert shipped.valid and shipped.problems == []
    assert shipped.path is None  # inside the installed scenarios: save under a name of your own
    from wargame.editing import ShippedScenario

    with pytest.raises(ShippedScenario):
        shipped.save()
    with pytest.raises(ShippedScenario):
        shipped.save(shipped.name)  # its own path (were the guard broken, the same text: nothing lost)


def test_the_june_scenario_changed_in_one_value_differs_in_exactly_that_line(tmp_path):
    doc = EditingDocument.open(scenario_path("border_strikes_2021"))
    original = doc.text
    rules_settings.set_turns(doc, 9)
    saved = doc.save(tmp_path / "june.yaml")
    text = saved.read_text(encoding="utf-8")
    removed, added = diff(original, text)
    assert removed == [line_of(doc, ("turns", "count"))]
    assert added == ["  count: 9"]
    assert load_scenario_text(text).scenario.turns.count == 9


# Each kind of edit, applied to each shipped scenario: (what it does, the lines it may change).
def _kinds(doc: EditingDocument):
    data = doc.data
    first_piece_on_hex = next(i for i, p in enumerate(data["pieces"]) if "hex" in p)
    # the last piece nothing else names (deleting a named one is a problem, reported elsewhere)
    last = max(i for i, p in enumerate(data["pieces"]) if doc.text.count(f" {p['id']}") + doc.text.count(f"[{p['id']}") == 1)

    def piece_hex():
        pid = data["pieces"][first_piece_on_hex]["id"]
        pieces.move_piece(doc, pid, "0404")
        return [line_of(doc, ("pieces", first_piece_on_hex))], 1

    def comment_kept():  # the escalation colours carry a trailing comment
        rules_settings.set_track(doc, "escalation", colours=["#96c88c", "#ff0000"])
        return [line_of(doc, ("tracks", "escalation", "colours"))], 1

    def map_row():
        mapedit.paint(doc, "0304", "h" if data["map"]["terrain"][3][2] != "h" else "d")
        return [line_of(doc, ("map", "terrain", 3))], 1

    def add_item():
        pieces.add_piece(doc, "rocket_team", "0305", name="New team", hidden=True, label="New")
        return [], 1

    def add_key():
        rules_settings.set_track(doc, "authorization", colours=["#dddddd", "#3355cc"])
        return [], 1

    def delete_item():
        line = line_of(doc, ("pieces", last))
        pieces.delete_piece(doc, data["pieces"][last]["id"])
        return [line], 0

    def folded_text():
        index = TextIndex(doc.text)
        span = index.get(("meta", "description"))
        body = range(index.line_of(span.start) + 2, index.line_of(span.end) + 2)  # the lines under `>-`
        rules_settings.set_meta(doc, description=data["meta"]["description"] + " Good luck.")
        return list(body), None

    def delete_block_item():
        th = data["tracks"]["escalation"]["thresholds"]
        j = next(j for j, t in enumerate(th) if "on_reach" in t or "adjust" in t)
        first = line_of(doc, ("tracks", "escalation", "thresholds", j))
        lines = TextIndex(doc.text).item_lines(("tracks", "escalation", "thresholds", j))
        n = doc.text[lines[0] : lines[1]].count("\n")
        rules_settings.remove_threshold(doc, "escalation", j)
        return list(range(first, first + n)), 0

    def table_row():
        tables.edit_row(doc, "press_casualties", 1, text="Calls for a response")
        return [line_of(doc, ("tables", "press_casualties", "results", 1))], 1

    return {
        "piece hex": piece_hex,
        "scalar with a trailing comment": comment_kept,
        "map row": map_row,
        "new list item": add_item,
        "new mapping key": add_key,
        "deleted item": delete_item,
        "folded text": folded_text,
        "deleted block item": delete_block_item,
        "table row": table_row,
    }


KINDS = (
    "piece hex", "scalar with a trailing comment", "map row", "new list item", "new mapping key",
    "deleted item", "folded text", "deleted block item", "table row",
)  # fmt: skip
FIGURES: dict[tuple[str, str], tuple[int, int]] = {}


@pytest.mark.parametrize("name", SHIPPED)
def test_each_kind_of_edit_changes_only_the_lines_of_its_values(name):
    for kind in KINDS:
        doc = EditingDocument.open(scenario_path(name))
        original = doc.text
        expect_removed, expect_added = _kinds(doc)[kind]()
        removed, added = diff(original, doc.text)
        FIGURES[(name, kind)] = (len(removed), len(added))
        if kind == "folded text":  # a folded value may re-wrap, or gain a line, but only within its own lines
            changed = _changes(original, doc.text)
            assert changed and all(expect_removed[0] <= i1 + 1 and i2 <= expect_removed[-1] for i1, i2, _, _ in changed), (
                kind, changed, expect_removed
            )  # fmt: skip
        elif kind == "new mapping key":
            assert removed == [] and added == ['    colours: ["#dddddd", "#3355cc"]'], (kind, added)
        else:
            assert removed == expect_removed, (kind, removed)
            assert len(added) == expect_added, (kind, added)
        assert doc.valid, (kind, doc.problems[:3])
        comments = [line for line in original.splitlines() if line.lstrip().startswith("#")]
        assert [line for line in doc.text.splitlines() if line.lstrip().startswith("#")] == comments
        doc.undo()
        assert doc.text == original, kind


def test_a_changed_scalar_keeps_its_quotes_and_its_comment():
    doc = EditingDocument.open(scenario_path("tutorial"))
    i = next(i for i, line in enumerate(doc.text.splitlines()) if "colours:" in line)
    before = doc.text.splitlines()[i]
    rules_settings.set_track(doc, "escalation", colours=["#96c88c", "#e65a3d"])
    after = doc.text.splitlines()[i]
    assert after == before.replace("#e65a3c", "#e65a3d")
    assert after.endswith("# calm green at 0 to war red at 10")


def test_a_map_row_edit_changes_only_letters_inside_its_quotes():
    doc = EditingDocument.open(scenario_path("border_strikes_2021"))
    line = line_of(doc, ("map", "terrain", 9))
    before = doc.text.splitlines()[line - 1]
    mapedit.paint(doc, "0510", "m")
    after = doc.text.splitlines()[line - 1]
    changed = [k for k, (a, b) in enumerate(zip(before, after)) if a != b]
    assert len(before) == len(after) and len(changed) == 1
    assert before[: before.index('"') + 1] == after[: after.index('"') + 1] and after.endswith('"')


def test_deleting_an_item_keeps_the_comment_of_the_next_one():
    doc = EditingDocument.open(scenario_path("border_strikes_2021"))
    original = doc.text
    comment = "  # Red: the three sites the Pentagon named, and one more depot up the Euphrates"
    assert comment in original
    pieces.delete_piece(doc, "reaper_north")  # the last Blue piece, just above that comment
    removed, added = diff(original, doc.text)
    assert added == [] and len(removed) == 1
    assert comment in doc.text


def test_new_items_follow_their_neighbours_style():
    doc = EditingDocument.open(scenario_path("tutorial"))
    tid = pieces.add_piece(doc, "launch_team", "0404", name="Team: north #2", hidden=True)
    line = next(line for line in doc.text.splitlines() if tid in line)
    assert line.startswith("  - {id: ") and line.endswith("}")  # one flow line, as the pieces beside it
    assert 'name: "Team: north #2"' in line and 'hex: "0404"' in line  # quoted where plain would misread
    rules_settings.add_threshold(doc, "escalation", 7, "Crisis", description="Iran moves openly.", adjust={"resupply": 1})
    block = doc.text[doc.text.index("      - at: 7") :].splitlines()[:4]
    assert block[1] == "        name: Crisis"  # a block item, as the thresholds beside it
    assert doc.valid


def test_a_list_left_empty_becomes_an_empty_flow_list_and_back():
    doc = EditingDocument.open(scenario_path("tutorial"))
    original = doc.text
    with doc.edit("Clear") as e:
        e.set(("rules", "quiet_turn_effects"), [])
    assert "  quiet_turn_effects: []\n" in doc.text
    removed, added = diff(original, doc.text)
    assert len(removed) == 3 and added == ["  quiet_turn_effects: []"]
    rules_settings.add_effect(doc, ("rules", "quiet_turn_effects"), {"track": "escalation", "change": -1})
    # grown again in the house style: a block list of one-line effects, as the file writes them
    assert "  quiet_turn_effects:\n    - {track: escalation, change: -1}\n  detected" in doc.text
    assert doc.valid


@pytest.mark.parametrize("value", ["no", "0708", "a: b", "x #y", "line\nbreak", "\u2028", " lead", "'q'", "[a]", "null", "é→"])
@pytest.mark.parametrize("style", [None, "'", '"'])
@pytest.mark.parametrize("flow", [True, False])
def test_a_scalar_is_written_so_it_reads_back_the_same(value, style, flow):
    assert reads_as(scalar(value, style, flow), value, flow)


def test_an_invalid_value_is_let_in_and_reported_where_it_is():
    doc = EditingDocument.open(scenario_path("tutorial"))
    rules_settings.set_value(doc, ("victory", "margin"), -1)
    assert not doc.valid and doc.scenario is None and doc.last_valid is not None
    (problem,) = doc.problems
    assert problem.path == ("victory", "margin") and problem.line == line_of(doc, ("victory", "margin"))
    assert "at least 0" in problem.message
    doc.undo()
    assert doc.valid


# --- random edits, undone ---------------------------------------------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
HEXES = st.builds(lambda c, r: f"{c:02d}{r:02d}", st.integers(1, 12), st.integers(1, 10))


@st.composite
def an_edit(draw):
    kind = draw(st.sampled_from(["paint", "move", "rename", "add", "delete", "river", "row", "turns", "describe",
                                 "resize", "modifier", "place"]))  # fmt: skip
    if kind == "paint":
        return lambda d: mapedit.paint(d, draw(HEXES), draw(st.sampled_from("dswfhu")), size=draw(st.integers(1, 3)))
    if kind == "move":
        return lambda d: pieces.move_piece(d, "rocket_team_1", draw(HEXES))
    if kind == "rename":
        return lambda d: pieces.edit_piece(d, "drone_team", name=draw(TEXT), label=draw(TEXT))
    if kind == "add":
        return lambda d: pieces.add_piece(d, draw(st.sampled_from(["rocket_team", "depot", "mq9"])), draw(HEXES), name=draw(TEXT))
    if kind == "delete":
        return lambda d: pieces.delete_piece(d, d.data["pieces"][draw(st.integers(0, len(d.data["pieces"]) - 1))]["id"])
    if kind == "river":
        return lambda d: (mapedit.add_river_hex if draw(st.booleans()) else mapedit.remove_river_hex)(d, 0, draw(HEXES))
    if kind == "row":
        return lambda d: tables.edit_row(d, "press", draw(st.integers(0, 2)), text=draw(TEXT))
    if kind == "turns":
        return lambda d: rules_settings.set_turns(d, draw(st.integers(0, 400)))
    if kind == "describe":
        return lambda d: rules_settings.set_meta(d, description=draw(TEXT))
    if kind == "resize":
        return lambda d: mapedit.resize_map(d, left=draw(st.integers(-1, 2)), top=draw(st.integers(-1, 1)),
                                            right=draw(st.integers(-1, 1)), bottom=draw(st.integers(-1, 1)))  # fmt: skip
    if kind == "modifier":
        return lambda d: tables.add_modifier(d, "press", draw(TEXT), value=draw(st.integers(-3, 3)))
    return lambda d: mapedit.add_place(d, draw(st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True)), draw(TEXT), draw(HEXES))


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(an_edit(), min_size=1, max_size=6))
def test_random_edits_then_undo_all_give_back_the_original_byte_for_byte(edits):
    doc = EditingDocument.open(scenario_path("tutorial"))
    original = doc.text
    changes = 0
    for edit in edits:
        before = doc.text
        try:
            edit(doc)
        except EditRefused:
            assert doc.text == before  # a refused edit changes nothing
        changes += doc.text != before
        assert load(doc.text, "x").data == doc.data  # the text always says what the document holds
    final = doc.text
    undone = 0
    while doc.can_undo:
        doc.undo()
        undone += 1
    assert doc.text == original and undone == changes
    while doc.can_redo:
        doc.redo()
    assert doc.text == final


def test_a_file_with_windows_line_ends_keeps_them():
    text = scenario_path("tutorial").read_text(encoding="utf-8").replace("\n", "\r\n")
    doc = EditingDocument(text, "crlf.yaml")
    pieces.add_piece(doc, "depot", "0404", name="Depot")
    rules_settings.add_threshold(doc, "authorization", 3, "Mandate", description="Wide.")
    assert doc.valid and "\n" not in doc.text.replace("\r\n", "")
    removed, added = diff(text, doc.text)
    assert removed == [] and len(added) == 3


@pytest.mark.parametrize("edit", [
    lambda d: rules_settings.set_value(d, ("victory", "margin"), -1),
    lambda d: pieces.move_piece(d, "drone_team", "1311"),
    lambda d: tables.edit_row(d, "press", 1, roll="5"),
    lambda d: mapedit.paint(d, "0202", "Q"),
    lambda d: pieces.edit_piece(d, "drone_team", type="unknown_type", hidden=True),
])  # fmt: skip
def test_the_problems_are_exactly_those_of_wargame_validate(edit):
    from wargame.errors import InputError

    doc = EditingDocument(scenario_path("tutorial").read_text(encoding="utf-8"), "t.yaml")
    edit(doc)
    with pytest.raises(InputError) as raised:
        load_scenario_text(doc.text, "t.yaml")
    assert [(p.line, p.column, p.message) for p in doc.problems] == [(p.line, p.column, p.message) for p in raised.value.problems]
    assert all(p.path is not None for p in doc.problems)


def test_a_group_of_edits_is_one_undo_step_and_listeners_hear_once():
    doc = EditingDocument.open(scenario_path("tutorial"))
    original = doc.text
    heard = []
    doc.listeners.append(lambda d: heard.append(d.text))
    with doc.group("Move the base and its drone"):
        pieces.move_piece(doc, "ain_al_asad_base", "0709")
        mapedit.move_place(doc, "ain_al_asad", "0709")
    assert doc.undo_label == "Move the base and its drone" and len(heard) == 1 and doc.valid
    doc.undo()
    assert doc.text == original and not doc.can_undo and doc.redo_label == "Move the base and its drone"
    assert len(heard) == 2


def test_text_typed_by_hand_is_one_undoable_edit_and_broken_yaml_is_refused():
    from wargame.errors import InputError

    doc = EditingDocument.open(scenario_path("tutorial"))
    original = doc.text
    doc.replace_text("Typed", original.replace("count: 4", "count: 5"))
    assert doc.scenario.turns.count == 5 and doc.dirty
    with pytest.raises(InputError):
        doc.replace_text("Typed", original + "\n  - [unclosed")
    assert doc.scenario.turns.count == 5
    doc.undo()
    assert doc.text == original and not doc.dirty


def test_a_group_with_a_refused_edit_is_taken_back_whole():
    doc = EditingDocument.open(scenario_path("tutorial"))
    original = doc.text
    with pytest.raises(EditRefused):
        with doc.group("Two moves"):
            pieces.move_piece(doc, "drone_team", "0505")
            pieces.move_piece(doc, "viper_1", "0505")  # a flight, and no base there
    assert doc.text == original and not doc.can_undo


def test_a_value_replaced_whole_is_written_in_its_place_in_its_style():
    doc = EditingDocument.open(scenario_path("tutorial"))
    original = doc.text
    at = line_of(doc, ("tracks", "escalation", "thresholds", 1))  # `- at: 5`, then name, description, adjust
    with doc.edit("New threshold") as e:  # keys both have stay where the text has them
        e.set(("tracks", "escalation", "thresholds", 1), {"name": "Open war", "at": 6, "direction": "up"})
    removed, added = diff(original, doc.text)
    assert added == ["      - at: 6", "        direction: up"] and removed == [at, at + 2, at + 3] and doc.valid
    doc.undo()
    with doc.edit("Replace") as e:  # nothing in common: the new value takes the old one's lines
        e.set(("victory", "objectives", 2), {"note": "to do"})
    removed, added = diff(original, doc.text)
    first = line_of(doc, ("victory", "objectives", 2))
    assert added == ["    - note: to do"] and removed == list(range(first, first + 5))  # a block, as it was
    assert any(p.path and p.path[:3] == ("victory", "objectives", 2) for p in doc.problems)

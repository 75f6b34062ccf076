"""The editor screen driven by synthetic pygame events under SDL's dummy driver: paint,
place and drag a piece, edit a form and a table row, undo, redo, save; the saved file
loads, validates and differs from the original only in the edited lines; problems go
where they are; the play-test comes back to the editor as it was; autosave and recovery."""

from __future__ import annotations

import difflib
from fractions import Fraction

import pygame
import pytest

from edit_drive import button, chip, ctrl, drag, hex_pos, open_editor, stack_pos, type_into
from uidrive import click, frame, key, press, top
from wargame import hexgrid
from wargame.editing import EditingDocument, copy_for_editing
from wargame.hexgrid import ccrr
from wargame.editing.recovery import recovery_path
from wargame.scenario.load import load_scenario
from wargame.ui.editor.screen import EditorScreen
from wargame.ui.screens.play import PlayScreen
from wargame.ui.screens.question import QuestionScreen
from wargame.ui.widgets import natural_width


def changed_lines(a: str, b: str) -> tuple[list[str], list[str]]:
    """The lines of `a` that went, and the lines of `b` that came."""
    gone, came = [], []
    al, bl = a.splitlines(), b.splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, al, bl, autojunk=False).get_opcodes():
        if tag != "equal":
            gone += al[i1:i2]
            came += bl[j1:j2]
    return gone, came


@pytest.fixture
def june(tmp_path):
    path = copy_for_editing("border_strikes_2021", tmp_path / "june.yaml")
    app, editor = open_editor(EditingDocument.open(path))
    yield app, editor, path
    pygame.display.quit()


def test_paint_place_drag_form_table_undo_redo_save(june):
    app, editor, path = june
    doc = editor.doc
    original = path.read_text()
    view = editor.board.view
    view.zoom(3, view.viewport.center)
    view.centre_on(editor.board.hex_of("2020"))
    frame(app)

    # Map: choose hills in the palette, drag a brush of 1 across three hexes: one edit
    tool = editor.tool
    click(app, chip(tool, "h"))
    drag(app, hex_pos(editor, "2020"), hex_pos(editor, "2220"))
    assert doc.undo_label == "Paint terrain h"
    rows = doc.data["map"]["terrain"]
    assert rows[19][19] == "h" and rows[19][21] == "h"
    undo_depth = len(doc._undo)

    # Pieces: choose the rocket team in the palette, click an empty hex: a new piece there
    press(app, editor.tabs[1])
    pieces_tool = editor.tool
    click(app, chip(pieces_tool, "rocket_team"))
    click(app, hex_pos(editor, "2018"))
    new = pieces_tool.selected
    assert new is not None and any(p["id"] == new and p["hex"] == "2018" for p in doc.data["pieces"])
    # drag it two hexes down
    frame(app)
    drag(app, stack_pos(editor, "2018"), hex_pos(editor, "2021"))
    assert next(p for p in doc.data["pieces"] if p["id"] == new)["hex"] == "2021"

    # the piece's form: type a new name; the whole word is one undo step
    before = len(doc._undo)
    type_into(app, pieces_tool.form.type_into("name"), "Hill team")
    assert next(p for p in doc.data["pieces"] if p["id"] == new)["name"] == "Hill team"
    assert len(doc._undo) == before + 1

    # Tables: the strike table's first row of the hard column, the odds redrawn as typed
    press(app, editor.tabs[3])
    tables_tool = editor.tool
    tables_tool.table, tables_tool.column = "strike", "hard"
    tables_tool.refresh()
    frame(app)
    before_odds = tables_tool.current_odds().at(0, "hard")
    # the rows as the scenario has them now ("8-", "9-11", ...: the table is tuned elsewhere)
    rows = doc.data["tables"]["strike"]["results"]["hard"]
    first, second = str(rows[0]["roll"]), str(rows[1]["roll"])
    top_of_first = int(first.rstrip("-"))
    top_of_second = int(second.split("-")[1])
    type_into(app, tables_tool.form.type_into(("roll", 0)), "5-")
    assert doc.data["tables"]["strike"]["results"]["hard"][0]["roll"] == "5-"
    two_d6 = {t: 6 - abs(t - 7) for t in range(2, 13)}
    gap = Fraction(sum(two_d6[t] for t in range(6, top_of_first + 1)), 36)  # 6 and up to the old top have no row
    assert before_odds.gap == 0 and tables_tool.current_odds().at(0, "hard").gap == gap
    assert doc.problems  # the gap, reported live by the checks
    type_into(app, tables_tool.form.type_into(("roll", 1)), f"6-{top_of_second}")
    assert doc.valid and tables_tool.current_odds().at(0, "hard").chance_of("no_effect") == Fraction(10, 36)

    # undo the last edit and redo it, with the keys
    ctrl(app, pygame.K_z)
    assert doc.data["tables"]["strike"]["results"]["hard"][1]["roll"] == second
    ctrl(app, pygame.K_z, shift=True)
    assert doc.data["tables"]["strike"]["results"]["hard"][1]["roll"] == f"6-{top_of_second}"
    assert len(doc._undo) > undo_depth

    # save: the file loads, validates, and differs in the edited lines only
    ctrl(app, pygame.K_s)
    assert not doc.dirty and path.read_text() == doc.text
    load_scenario(path)
    gone, came = changed_lines(original, path.read_text())
    assert len(gone) == 3  # one map row, two table rows
    assert sum('"' in g and g.strip().startswith("- \"") for g in gone) == 1
    assert len(came) == 4 and any("Hill team" in c and '"2021"' in c for c in came)
    comments = [line for line in original.splitlines() if line.strip().startswith("#")]
    assert all(c in path.read_text().splitlines() for c in comments)


def test_fill_rivers_places_and_resize(june):
    app, editor, path = june
    doc = editor.doc
    tool = editor.tool
    view = editor.board.view
    view.zoom(3, view.viewport.center)
    view.centre_on(editor.board.hex_of("1010"))
    frame(app)
    key(app, pygame.K_f)  # the flood fill
    assert tool.brush == 0
    click(app, chip(tool, "h"))
    click(app, hex_pos(editor, "1010"))
    assert doc.undo_label == "Paint terrain h"
    changed = sum(a != b for old, new in zip(EditingDocument.open(path).data["map"]["terrain"], doc.data["map"]["terrain"])
                  for a, b in zip(old, new))  # fmt: skip
    assert changed > 3
    ctrl(app, pygame.K_z)

    # rivers: a hex not touching the river is refused with the reason on the banner
    key(app, pygame.K_r)
    assert tool.mode == "rivers"
    click(app, hex_pos(editor, "1010"))  # on the Euphrates: taking it out would cut the river
    assert "would leave a gap in the Euphrates" in editor.message and doc.undo_label != "Take 1010 out of the Euphrates"
    course = doc.data["map"]["rivers"][tool.river]["hexes"]
    start = editor.board.hex_of(course[0])
    beside = next(ccrr(n) for n in start.neighbours() if editor.board.on_map(n) and ccrr(n) not in course
                  and all(hexgrid.distance(n, editor.board.hex_of(c)) > 1 for c in course[1:]))  # fmt: skip
    view.centre_on(start)
    frame(app)
    click(app, hex_pos(editor, beside))
    assert doc.data["map"]["rivers"][tool.river]["hexes"][0] == beside
    click(app, hex_pos(editor, beside))  # and out again
    assert doc.data["map"]["rivers"][tool.river]["hexes"][0] == course[0]

    # places: an empty hex adds one, its form renames it, a drag moves it
    key(app, pygame.K_p)
    click(app, hex_pos(editor, "1012"))
    pid = tool.place
    assert pid is not None and any(p["id"] == pid and p["hex"] == "1012" for p in doc.data["map"]["places"])
    type_into(app, tool.form.type_into("name"), "New town")
    assert next(p for p in doc.data["map"]["places"] if p["id"] == pid)["name"] == "New town"
    drag(app, hex_pos(editor, "1012"), hex_pos(editor, "1112"))
    assert next(p for p in doc.data["map"]["places"] if p["id"] == pid)["hex"] == "1112"

    # size: losing 20 columns on the left would push pieces off; they are listed first
    key(app, pygame.K_z)
    type_into(app, tool.form.type_into("left"), "-20")
    assert tool.losses() and "Lost off the map" in tool.form.note
    type_into(app, tool.form.type_into("left"), "0")
    type_into(app, tool.form.type_into("right"), "2")
    press(app, button(tool.buttons, "resize"))
    assert doc.data["map"]["columns"] == 60 and doc.valid


def test_a_problem_is_marked_clicked_and_saving_it_warns(june):
    app, editor, path = june
    doc = editor.doc
    press(app, editor.tabs[1])
    tool = editor.tool
    tool.select("union_iii")
    frame(app)
    type_into(app, tool.form.type_into("hex"), "9999")  # off the map
    assert doc.problems and any(p.hex == "9999" for p in doc.problems)
    # another tool, then a click on the problem: its piece's form opens again
    press(app, editor.tabs[3])
    frame(app)
    row = next(r for r, p in editor.problems.rows if p.hex == "9999")
    click(app, row.center)
    assert editor.tool is tool and tool.selected == "union_iii" and tool.form.title == "Piece union_iii"
    # saving warns first and says what is wrong
    ctrl(app, pygame.K_s)
    question = top(app)
    assert isinstance(question, QuestionScreen) and "9999" in question.text or "off the map" in question.text
    key(app, pygame.K_ESCAPE)  # keep editing
    assert top(app) is editor and doc.dirty
    ctrl(app, pygame.K_s)
    key(app, pygame.K_RETURN)  # save anyway
    assert not doc.dirty and "9999" in path.read_text()


def test_play_test_comes_back_to_the_editor_as_it_was(june):
    app, editor, path = june
    doc = editor.doc
    press(app, editor.tabs[1])
    editor.tool.select("union_iii")
    frame(app)
    type_into(app, editor.tool.form.type_into("name"), "Union 3")
    camera = editor.board.view.camera()
    undo = list(doc._undo)
    press(app, editor.play_button)
    assert any(isinstance(s, PlayScreen) for s in app.stack) and top(app) is not editor
    play = next(s for s in app.stack if isinstance(s, PlayScreen))
    assert play.session.rules.name_of("union_iii") == "Union 3"  # the game is on the text as it stands
    play.shell.leave(play)
    frame(app)
    assert top(app) is editor and editor.tool is editor.tools[1] and editor.tool.selected == "union_iii"
    assert editor.board.view.camera() == camera and doc._undo == undo and doc.dirty


def test_an_invalid_scenario_is_not_play_tested_and_says_why(june):
    app, editor, path = june
    doc = editor.doc
    editor.typing.apply(None, lambda: doc.replace_text("break", doc.text.replace("count: 8", "count: 0", 1)))
    frame(app)
    press(app, editor.play_button)
    assert top(app) is editor and "Fix 1 problem" in editor.message


def test_autosave_writes_within_a_minute_and_the_next_open_offers_it(june):
    app, editor, path = june
    press(app, editor.tabs[2])
    type_into(app, editor.tool.form.type_into("count"), "9")
    app.frame([], 1.5)  # the autosave looks once a second; the first change is written at once
    rec = recovery_path(path)
    assert rec.exists() and "count: 9" in rec.read_text()
    edited = editor.doc.text
    # a crash: the editor is gone; opening the file again offers what was kept
    editor.shell.edit_file(path, asking=None)
    question = top(app)
    assert isinstance(question, QuestionScreen) and "Restore" in question.buttons[0].label
    key(app, pygame.K_RETURN)
    again = top(app)
    assert isinstance(again, EditorScreen) and again is not editor and again.doc.text == edited
    assert again.doc.undo_label == "Recover unsaved edits"


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)])
def test_every_control_fits_its_label(tutorial, tmp_path, size):
    path = copy_for_editing("tutorial", tmp_path / "t.yaml")
    app, editor = open_editor(EditingDocument.open(path), size)
    panel = editor.panel_rect
    from wargame.ui import style

    bf = style.font(12, bold=True)
    pages = {0: [("mode", m) for m in ("terrain", "country", "rivers", "places", "size")],
             1: [("page", p) for p in ("pieces", "types", "sides")], 2: [("page", p) for p in ("turns", "tracks", "victory")],
             3: [None]}  # fmt: skip
    for i, actions in pages.items():
        press(app, editor.tabs[i])
        for action in actions:
            if action is not None:
                press(app, button(editor.tool.buttons, action))
            frame(app)
            for b in editor.tabs + editor.bottom + editor.tool.buttons:
                assert panel.contains(b.rect), (b.label, b.rect)
                assert natural_width(b.label, bf) - 12 <= b.rect.w, b.label
            if editor.tool.form is not None:
                form = editor.tool.form
                assert form.bottom <= editor.problems.rect.y, action
                for el in form.elements.values():
                    if el.visible:
                        assert panel.contains(el.rect), (action, el.rect)
    pygame.display.quit()


def test_the_editor_keys_are_in_the_help():
    from wargame.ui import keys

    editor_rows = [b for title, rows in keys.help_rows(EditorScreen.contexts) for b in rows if b.context == "editor"]
    actions = {b.action for b in editor_rows}
    assert {"edit_undo", "edit_redo", "edit_save", "edit_tool", "edit_brush", "edit_playtest"} <= actions
    z = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_z, mod=pygame.KMOD_CTRL | pygame.KMOD_SHIFT)
    assert keys.action_for(z, EditorScreen.contexts) == "edit_redo"


def test_a_scenario_made_from_nothing_validates_and_plays_to_a_result(tmp_path, capsys):
    """The menu's New scenario, then the editor only: the map, two sides, pieces, a table
    of its own that another rolls, an objective; saved through the file dialog; then
    `wargame validate` and `wargame autoplay` on the file."""
    import pygame_gui

    from uidrive import move
    from wargame.cli import main
    from wargame.ui.app import headless_app
    from wargame.ui.screens.flow import Shell

    app = headless_app((1280, 720))
    Shell(app, autosave=False).menu()
    frame(app)
    press(app, top(app).new)
    editor = top(app)
    assert isinstance(editor, EditorScreen) and editor.doc.valid and editor.doc.path is None
    doc = editor.doc

    # the map: a brush of 2 paints a hill range
    tool = editor.tool
    press(app, button(tool.buttons, ("brush", 2)))
    press(app, button(tool.buttons, "new_entry"))  # a new terrain type, chosen for painting
    terrain = tool.code()
    assert terrain != doc.data["map"]["terrain"][0][0]
    type_into(app, tool.form.type_into("name"), "Hills")
    drag(app, hex_pos(editor, "0805"), hex_pos(editor, "1208"))
    assert sum(row.count(terrain) for row in doc.data["map"]["terrain"]) >= 10

    # two sides, named in their form
    press(app, editor.tabs[1])
    pieces_tool = editor.tool
    press(app, button(pieces_tool.buttons, ("page", "sides")))
    type_into(app, pieces_tool.form.type_into("name"), "Northland")
    press(app, button(pieces_tool.buttons, ("side", "red")))
    type_into(app, pieces_tool.form.type_into("name"), "Southern militia")
    assert doc.data["sides"]["blue"]["name"] == "Northland" and doc.data["sides"]["red"]["name"] == "Southern militia"

    # pieces: a rocket team and a launch team on the map, an ISR drone at the base
    press(app, button(pieces_tool.buttons, ("page", "pieces")))
    added = []
    for type_id, where in (("rocket_team", "1506"), ("launch_team", "1608"), ("isr_drone", "0101")):
        click(app, chip(pieces_tool, type_id))
        click(app, stack_pos(editor, where) if type_id == "isr_drone" else hex_pos(editor, where))
        added.append(pieces_tool.selected)
    assert all(added) and len(set(added)) == 3
    assert next(p for p in doc.data["pieces"] if p["id"] == added[2])["base"] == "first_base"

    # a table of its own, rolled when a drone hits
    press(app, editor.tabs[3])
    tables_tool = editor.tool
    press(app, button(tables_tool.buttons, "new_table"))
    own = tables_tool.table
    assert own in doc.data["tables"]
    type_into(app, None, "Outrage at home", tables_tool.form, ("text", 1))
    type_into(app, None, "[{track: escalation, change: 1}]", tables_tool.form, ("effects", 1))
    tables_tool.table = "drone_attack"
    tables_tool.refresh()
    frame(app)
    type_into(app, None, "[{target: damage}, {roll: %s}]" % own, tables_tool.form, ("effects", 1))
    assert {"roll": own} in doc.data["tables"]["drone_attack"]["results"][1]["effects"], (tables_tool.form.error, tables_tool.form.type_into(("effects", 1)).get_text())

    # victory: an objective for Red, that its teams survive
    press(app, editor.tabs[2])
    rules_tool = editor.tool
    press(app, button(rules_tool.buttons, ("page", "victory")))
    press(app, button(rules_tool.buttons, "add_objective"))
    type_into(app, rules_tool.form.type_into(("o", "when")), "{pieces_survive: [%s, %s]}" % (added[0], added[1]))
    frame(app, [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(5, 5), button=1)])  # out of the entry
    assert doc.valid, doc.problems

    # saved through the file dialog: a path picked is an event
    ctrl(app, pygame.K_s)
    dialog = editor.files.dialog
    assert dialog is not None
    target = tmp_path / "northland.yaml"
    frame(app, [pygame.event.Event(pygame_gui.UI_FILE_DIALOG_PATH_PICKED, text=str(target), ui_element=dialog)])
    assert target.exists() and not doc.dirty
    move(app, (5, 5))
    pygame.display.quit()

    capsys.readouterr()
    assert main(["validate", str(target)]) == 0
    assert main(["autoplay", str(target), "--seed", "5"]) == 0
    out = capsys.readouterr().out
    assert "A new scenario" in out and any(w in out for w in ("wins", "draw", "Draw"))


def test_closing_with_unsaved_edits_asks_and_keeps_them_for_recovery(june):
    app, editor, path = june
    press(app, editor.tabs[2])
    type_into(app, editor.tool.form.type_into("count"), "7")
    click(app, (5, 5))  # out of the entry: Esc is the editor's again
    key(app, pygame.K_ESCAPE)
    question = top(app)
    assert isinstance(question, QuestionScreen) and "unsaved" in question.text
    key(app, pygame.K_ESCAPE)  # keep editing
    assert top(app) is editor
    press(app, editor.close_button)
    key(app, pygame.K_RETURN)  # close without saving: the menu, and the edits in the recovery file
    assert not isinstance(top(app), EditorScreen) and "count: 7" in recovery_path(path).read_text()
    assert "count: 8" in path.read_text()

"""The scenario editor's headless core: edits of a scenario's text that keep what a person wrote.

No pygame here: the editor screen (ui/) draws and takes input; this package
decides what an edit does to the file. The text is the truth, and every edit is
a patch of the spans that change (see `patch.py`), re-read by the very loader
and checks of `wargame validate`, undoable, and autosaved.

Modules, one job each:
    spans      where each value and key is written (start, end, style)
    render     writing a value in the style of the file around it
    patch      an edit of the plain data -> the smallest change of the text
    document   EditingDocument: text, data, problems, undo/redo, save
    problems   live validation: each problem's line, column, path and hex
    mapedit    paint, flood fill, rivers, places, terrain/country legend, resize
    pieces     pieces, piece types, sides (stocks, move countries)
    settings   tracks and thresholds, effects, turns, start date, victory, meta
    tables     table rows, modifiers, table values, new tables
    odds       exact odds of a table for every modifier total, as the odds card
    new        new_scenario(), copy_for_editing() of a shipped scenario
    recovery   Autosave (a recovery file beside the scenario), find_recovery, restore

A session, as the screen drives it:

    from wargame.editing import EditingDocument, mapedit, pieces, tables, odds
    doc = EditingDocument.open("my_scenario.yaml")
    mapedit.paint(doc, "0708", "f", size=2)
    team = pieces.add_piece(doc, "launch_team", "0906", hidden=True)
    tables.edit_row(doc, "strike", 0, column="hard", roll="7-")
    doc.problems            # [EditorProblem(message, line, column, path, hex)]
    odds.table_odds(doc, "strike")
    doc.undo(); doc.redo()
    doc.save()              # atomic; never inside the installed scenarios

Every operation is one undoable edit and returns its `Change` (None when it
changed nothing; `add_piece` returns the new piece's id). `EditRefused` carries
a reason to show the designer (a river hex that touches neither end); the text
is then unchanged. `PatchError` means the patcher cannot write that edit into
this file's layout in place; the text is unchanged too, and the designer can
make the change in the text itself (`doc.replace_text`). `ShippedScenario`:
save under a name of your own (`copy_for_editing` first, or `doc.save(path)`).
"""

from .document import Change, EditingDocument, EditRefused, PatchError, ShippedScenario
from .new import copy_for_editing, is_shipped, new_scenario
from .problems import EditorProblem
from .recovery import Autosave, find_recovery, restore

__all__ = [
    "Autosave",
    "Change",
    "EditRefused",
    "EditingDocument",
    "EditorProblem",
    "PatchError",
    "ShippedScenario",
    "copy_for_editing",
    "find_recovery",
    "is_shipped",
    "new_scenario",
    "restore",
]

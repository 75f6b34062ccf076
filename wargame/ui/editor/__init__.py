"""The scenario editor's screen: the play screen's map view, tools to change the scenario,
its problems, saving, autosave and the play-test.

The editing itself is the headless core's (`wargame.editing`): every control here
ends in one of its operations on an `EditingDocument`, one undoable edit each.

Modules, one job each:
    screen       EditorScreen: routes events, lays out the panel, autosaves, leads to save and play-test
    board        EditorBoard: the map view on the newest valid scenario, counters, marks
    tool         Tool: what every tool shares (buttons, form, the map's mouse)
    map_tool     MapTool: paint, fill, rivers, places, the map's size
    pieces_tool  PiecesTool: pieces, piece types, sides
    rules_tool   RulesTool: tracks and thresholds, turns and date, victory and objectives
    tables_tool  TablesTool: rows and modifiers of the dice tables
    odds_view    the card of a table's exact odds over the map
    forms        Form, Field, Typing: pygame_gui entries that edit as one types
    problems     ProblemsPanel: the live validation list
    files        SaveFlow: save, save as, warnings, leaving, recovery
    playtest     PlaytestShell: a hot-seat game over the editor
"""

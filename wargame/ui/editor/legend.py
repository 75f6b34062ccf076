"""The map's legend in the Map tool: the terrain types and countries that painting uses.

A new scenario starts with one terrain and one country; "New terrain" and "New
country" add one with the next free code letter, and the form under the palette
edits the one chosen (its name, how the board draws it, its colour, population
and move cost), each value one undoable edit through the editing core.
"""

from __future__ import annotations

import string
import typing
from typing import Any

from ...editing import mapedit, settings
from ...scenario.model import TerrainStyle
from .forms import Field

STYLES = typing.get_args(TerrainStyle)
NEW_COLOURS = ("#c9b38a", "#a8c48f", "#b7a6c9", "#d9c36e", "#9fb8c9", "#c99a8a")


def entry_id(tool, code: str | None) -> str | None:
    """The id of the terrain type or country painted with `code` in the tool's layer."""
    items = tool.map.get("terrain_types" if tool.mode == "terrain" else "countries") or {}
    return next((k for k, v in items.items() if isinstance(v, dict) and v.get("code") == code), None)


def free_code(tool) -> str | None:
    used = {c for c, _, _ in tool.palette()}
    letters = string.ascii_lowercase if tool.mode == "terrain" else string.ascii_uppercase
    return next((c for c in letters if c not in used), None)


def add_entry(tool) -> None:
    """A new terrain type (or country) with the next free letter, chosen for painting."""
    code = free_code(tool)
    if code is None:
        tool.say("Every letter is taken")
        return
    n = len(tool.palette()) + 1
    if tool.mode == "terrain":
        tid = f"terrain_{n}"
        while tid in (tool.map.get("terrain_types") or {}):
            n += 1
            tid = f"terrain_{n}"
        colour = NEW_COLOURS[n % len(NEW_COLOURS)]
        done = tool.run(lambda: mapedit.add_terrain_type(tool.doc, tid, code, f"Terrain {n}", "steppe", colour))
    else:
        tid = f"country_{n}"
        while tid in (tool.map.get("countries") or {}):
            n += 1
            tid = f"country_{n}"
        done = tool.run(lambda: mapedit.add_country(tool.doc, tid, code, f"Country {n}"))
    if done is not None:
        tool.codes[tool.mode] = code
        tool.say(f"Added {tid}, painted with the letter {code}: name it in the form")


def legend_form(tool) -> None:
    """The form of the terrain type or country chosen in the palette."""
    eid = entry_id(tool, tool.code())
    if eid is None:
        tool.close_form()
        return
    if tool.mode == "terrain":
        base = ("map", "terrain_types", eid)
        t = tool.map["terrain_types"][eid]
        fields = [Field("name", "Name", t.get("name")),
                  Field("style", "Drawn as", t.get("style"), "choice", tuple((s, s) for s in STYLES)),
                  Field("colour", "Colour", t.get("colour"), tip="#rrggbb"),
                  Field("population", "Population", t.get("population"), "int"),
                  Field("move_cost", "Move cost", t.get("move_cost"), "int", optional=True,
                        tip="empty: impassable")]  # fmt: skip
        title = f"Terrain {eid} ({t.get('code')})"
    else:
        base = ("map", "countries", eid)
        c = tool.map["countries"][eid]
        fields = [Field("name", "Name", c.get("name")),
                  Field("strike_effects", "Strike effects", c.get("strike_effects"), "yaml", optional=True)]  # fmt: skip
        title = f"Country {eid} ({c.get('code')})"

    def change(f: Field, value: Any) -> str | None:
        if f.key == "move_cost" and value is None:  # impassable is written `move_cost: null`
            return tool.refuse_reason(lambda: _set_null(tool, base + ("move_cost",)), (base, f.key))
        return tool.refuse_reason(lambda: settings.set_value(tool.doc, base + (f.key,), value, f"Edit {eid}"), (base, f.key))

    tool.open_form(title, fields, change)


def _set_null(tool, path: tuple):
    with tool.doc.edit("Impassable terrain") as e:
        e.set(path, None)
    return e.change

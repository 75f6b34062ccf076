"""Resizing the map in the Map tool: how many columns and rows each edge gains or loses.

A positive number grows that edge, a negative one shrinks it; the form says the
new size and which hexes with a piece, a place or a river would be pushed off the
map (the map washes them red) before "Apply resize" makes it one undoable edit.
Growing the left edge by an odd number moves the columns' stagger: the core's
`mapedit.resize_map` keeps every hex's neighbours (see its docstring).
"""

from __future__ import annotations

from typing import Any

from ...editing import mapedit
from .forms import Field


def size_form(tool) -> None:
    columns, rows = tool.size()
    r = tool.resize
    new = f"{columns + r['left'] + r['right']} x {rows + r['top'] + r['bottom']}"
    fields = [Field("left", "Left edge", r["left"], "int", tip="columns added at the left"),
              Field("right", "Right edge", r["right"], "int"), Field("top", "Top edge", r["top"], "int"),
              Field("bottom", "Bottom edge", r["bottom"], "int")]  # fmt: skip

    def change(f: Field, value: Any) -> str | None:
        tool.resize[f.key] = value
        tool._buttons()
        size_form(tool)
        return None

    tool.open_form(f"The map is {columns} x {rows} hexes", fields, change)
    if tool.form is not None:
        lost = losses(tool)
        tool.form.note = f"New size {new}. " + (f"Lost off the map: {', '.join(lost)}" if lost else "Nothing is lost.")


def losses(tool) -> list[str]:
    """The hexes whose pieces, places or rivers the resize asked for would push off the map."""
    try:
        return mapedit.resize_losses(tool.doc, **tool.resize)
    except mapedit.EditRefused:
        return []


def apply_resize(tool) -> None:
    lost = losses(tool)
    if tool.run(lambda: mapedit.resize_map(tool.doc, **tool.resize)) is not None:
        tool.say("Resized" + (f": {', '.join(lost)} now off the map (see the problems)" if lost else ""))
        tool.resize = dict.fromkeys(tool.resize, 0)
        tool.close_form()

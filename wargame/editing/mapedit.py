"""Map operations: paint, fill, rivers, places, the legend, and resizing the map.

Each function is one undoable edit of an `EditingDocument`, named in the
game's words, taking hexes by their printed CCRR names ("0708"). They read the
document's plain data (so they work while the scenario has problems elsewhere)
and write through `doc.edit`, so only the values that change are patched: a
paint rewrites the letters inside the quotes of the rows it touches, nothing else.
A request the format cannot take raises `EditRefused` with the reason.

Resizing and the odd-q layout. Hexes are named by column and row, and columns
alternate high and low (hexgrid.py: even-numbered columns 02, 04... sit half a
hex lower). Adding or removing columns on the *right* or rows on the *bottom*
moves no hex. Adding `top` rows moves every hex down `top` rows. Adding `left`
columns moves every hex right; when `left` is odd every column changes from
high to low or back, so to keep each hex's six neighbours (rivers stay chains,
a piece keeps its distance to its target) the hexes of the columns that were
even-numbered (02, 04, ...) also move one row down. Their bottom hex then leaves
the map unless the bottom edge grows too; `resize_losses` lists what would be
lost first. Every hex name in the file follows (pieces, places, rivers; crossings
are places), as do the map rows.
"""

from __future__ import annotations

from typing import Any, Iterable

from .. import hexgrid
from ..hexgrid import Hex
from ..scenario.model import Country, Place, TerrainType
from .document import Change, EditingDocument, EditRefused
from .edit import Edit

LAYERS = ("terrain", "country")
BRUSH_SIZES = (1, 2, 3)


def parse_hex(name: str) -> Hex:
    """A CCRR name as a hex (EditRefused for a bad name)."""
    try:
        return hexgrid.parse_ccrr(name)
    except ValueError as e:
        raise EditRefused(str(e)) from None


def hex_name(h: Hex) -> str:
    return hexgrid.ccrr(h)


def _size(doc: EditingDocument) -> tuple[int, int]:
    m = doc.data.get("map") if isinstance(doc.data, dict) else None
    columns, rows = (m.get("columns"), m.get("rows")) if isinstance(m, dict) else (None, None)
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (columns, rows)):
        raise EditRefused("map.columns and map.rows must be whole numbers before the map can be edited")
    return columns, rows  # type: ignore[return-value]


def _rows(doc: EditingDocument, layer: str) -> list:
    if layer not in LAYERS:
        raise EditRefused(f"the map has layers {', '.join(LAYERS)}, not {layer!r}")
    rows = (doc.data.get("map") or {}).get(layer)
    if not isinstance(rows, list):
        raise EditRefused(f"map.{layer} must be a list of rows before it can be painted")
    return rows


def _on_map(doc: EditingDocument, name: str) -> Hex:
    h = parse_hex(name)
    columns, rows = _size(doc)
    if not hexgrid.on_map(h, columns, rows):
        raise EditRefused(f"hex {name} is off the map (columns 01-{columns:02d}, rows 01-{rows:02d})")
    return h


# --- painting ------------------------------------------------------------------------------


def brush(center: str, size: int, columns: int, rows: int) -> list[str]:
    """The hexes a brush covers: size 1 is the hex alone, 2 adds its six neighbours,
    3 the ring beyond (19 hexes), clipped to the map."""
    if size not in BRUSH_SIZES:
        raise EditRefused(f"a brush is of size {', '.join(map(str, BRUSH_SIZES))}")
    h = parse_hex(center)
    return [hex_name(x) for x in hexgrid.hex_range(h, size - 1) if hexgrid.on_map(x, columns, rows)]


def paint(doc: EditingDocument, center: str, code: str, layer: str = "terrain", size: int = 1) -> Change | None:
    """Paint a terrain or country code on a hex with a brush of size 1-3."""
    columns, rows = _size(doc)
    _on_map(doc, center)
    return paint_hexes(doc, brush(center, size, columns, rows), code, layer)


def paint_hexes(doc: EditingDocument, names: Iterable[str], code: str, layer: str = "terrain") -> Change | None:
    """Set the code of each hex named (a drag of the brush is one call, one undo step)."""
    if len(code) != 1:
        raise EditRefused("a map code is one letter")
    rows = [list(r) if isinstance(r, str) else r for r in _rows(doc, layer)]
    for name in names:
        col, row = hexgrid.to_offset(parse_hex(name))
        if 0 <= row < len(rows) and isinstance(rows[row], list) and 0 <= col < len(rows[row]):
            rows[row][col] = code
    with doc.edit(f"Paint {layer} {code}") as e:
        for r, letters in enumerate(rows):
            if isinstance(letters, list):
                e.set(("map", layer, r), "".join(letters))
    return e.change


def flood_fill(doc: EditingDocument, start: str, code: str, layer: str = "terrain") -> Change | None:
    """Give `code` to the connected region of hexes sharing the start hex's code."""
    h = _on_map(doc, start)
    columns, rows = _size(doc)
    grid = _rows(doc, layer)

    def code_at(x: Hex) -> str | None:
        col, row = hexgrid.to_offset(x)
        line = grid[row] if 0 <= row < len(grid) else None
        return line[col] if isinstance(line, str) and 0 <= col < len(line) else None

    old = code_at(h)
    if old is None or old == code:
        return None
    region, todo = {h}, [h]
    while todo:
        x = todo.pop()
        for n in x.neighbours():
            if n not in region and hexgrid.on_map(n, columns, rows) and code_at(n) == old:
                region.add(n)
                todo.append(n)
    return paint_hexes(doc, [hex_name(x) for x in region], code, layer)


# --- the legend ------------------------------------------------------------------------------


def add_terrain_type(doc: EditingDocument, terrain_id: str, code: str, name: str, style: str, colour: str,
                     population: int = 0, move_cost: int | None = 1) -> Change | None:  # fmt: skip
    """A new terrain type for the map's legend (paint with its code)."""
    value = {"code": code, "name": name, "style": style, "colour": colour, "population": population, "move_cost": move_cost}
    with doc.edit(f"Add terrain {name}") as e:
        if terrain_id in e.data["map"]["terrain_types"]:
            raise EditRefused(f"there is a terrain type {terrain_id!r} already")
        e.set(("map", "terrain_types", terrain_id), value, order=TerrainType.model_fields)
    return e.change


def add_country(doc: EditingDocument, country_id: str, code: str, name: str) -> Change | None:
    with doc.edit(f"Add country {name}") as e:
        if country_id in e.data["map"]["countries"]:
            raise EditRefused(f"there is a country {country_id!r} already")
        e.set(("map", "countries", country_id), {"code": code, "name": name}, order=Country.model_fields)
    return e.change


# --- rivers ---------------------------------------------------------------------------------


def _river(doc_or_edit: Any, river: int | str) -> tuple[int, dict]:
    rivers = (doc_or_edit.data.get("map") or {}).get("rivers") or []
    for i, r in enumerate(rivers):
        if i == river or (isinstance(river, str) and isinstance(r, dict) and r.get("name") == river):
            return i, r
    raise EditRefused(f"there is no river {river!r}")


def add_river(doc: EditingDocument, name: str, hexes: list[str]) -> Change | None:
    """A new river through `hexes` (in order, downstream; each must touch the one before)."""
    for name_ in hexes:
        _on_map(doc, name_)
    for a, b in zip(hexes, hexes[1:]):
        if hexgrid.distance(parse_hex(a), parse_hex(b)) != 1:
            raise EditRefused(f"hex {b} does not touch hex {a} before it")
    if len(hexes) < 2:
        raise EditRefused("a river runs through at least two hexes")
    with doc.edit(f"Add river {name}") as e:
        e.append(("map", "rivers"), {"name": name, "hexes": list(hexes)})
    return e.change


def delete_river(doc: EditingDocument, river: int | str) -> Change | None:
    i, r = _river(doc, river)
    with doc.edit(f"Delete river {r.get('name')}") as e:
        e.remove(("map", "rivers", i))
    return e.change


def add_river_hex(doc: EditingDocument, river: int | str, name: str) -> Change | None:
    """Extend a river by a hex touching either end, or detour it through a hex touching
    two hexes that follow each other; otherwise say why not."""
    h = _on_map(doc, name)
    i, r = _river(doc, river)
    course = [parse_hex(x) for x in r["hexes"]]
    title = r.get("name", f"river {i + 1}")
    if h in course:
        raise EditRefused(f"the {title} already flows through {name}")
    if hexgrid.distance(h, course[-1]) == 1:
        at = len(course)
    elif hexgrid.distance(h, course[0]) == 1:
        at = 0
    else:
        at = next((k + 1 for k in range(len(course) - 1)
                   if hexgrid.distance(h, course[k]) == 1 and hexgrid.distance(h, course[k + 1]) == 1), -1)  # fmt: skip
        if at < 0:
            raise EditRefused(
                f"hex {name} does not touch either end of the {title} ({r['hexes'][0]} ... {r['hexes'][-1]})"
            )
    with doc.edit(f"Extend the {title} to {name}") as e:
        e.insert(("map", "rivers", i, "hexes"), at, name)
    return e.change


def remove_river_hex(doc: EditingDocument, river: int | str, name: str) -> Change | None:
    """Take a hex out of a river's course: an end, or a hex whose two neighbours in the
    course touch each other (the river stays a chain); otherwise say why not."""
    i, r = _river(doc, river)
    title = r.get("name", f"river {i + 1}")
    names = list(r["hexes"])
    if name not in names:
        raise EditRefused(f"the {title} does not flow through {name}")
    k = names.index(name)
    if len(names) <= 2:
        raise EditRefused(f"a river runs through at least two hexes: delete the {title} instead")
    if 0 < k < len(names) - 1 and hexgrid.distance(parse_hex(names[k - 1]), parse_hex(names[k + 1])) != 1:
        raise EditRefused(f"removing {name} would leave a gap in the {title} between {names[k - 1]} and {names[k + 1]}")
    with doc.edit(f"Take {name} out of the {title}") as e:
        e.remove(("map", "rivers", i, "hexes", k))
    return e.change


# --- places ----------------------------------------------------------------------------------


def _place(edit: Edit, place_id: str) -> int:
    for i, p in enumerate(edit.data["map"].get("places") or []):
        if isinstance(p, dict) and p.get("id") == place_id:
            return i
    raise EditRefused(f"there is no place {place_id!r}")


def country_at(doc: EditingDocument, name: str) -> str | None:
    """The country id of a hex, by the map's country letters (None if unknown)."""
    m = doc.data["map"]
    col, row = hexgrid.to_offset(parse_hex(name))
    try:
        code = m["country"][row][col]
    except (IndexError, KeyError, TypeError):
        return None
    return next((cid for cid, c in (m.get("countries") or {}).items() if isinstance(c, dict) and c.get("code") == code), None)


def terrain_population(doc: EditingDocument, name: str) -> int:
    m = doc.data["map"]
    col, row = hexgrid.to_offset(parse_hex(name))
    try:
        code = m["terrain"][row][col]
    except (IndexError, KeyError, TypeError):
        return 0
    t = next((t for t in (m.get("terrain_types") or {}).values() if isinstance(t, dict) and t.get("code") == code), {})
    return t.get("population", 0) if isinstance(t.get("population", 0), int) else 0


def add_place(doc: EditingDocument, place_id: str, name: str, hex: str, kind: str = "town",
              population: int | None = None, country: str | None = None) -> Change | None:  # fmt: skip
    """A named place; its country defaults to the hex's, its population to the terrain's."""
    _on_map(doc, hex)
    place = {"id": place_id, "name": name, "hex": hex, "country": country or country_at(doc, hex) or "",
             "kind": kind, "population": terrain_population(doc, hex) if population is None else population}  # fmt: skip
    with doc.edit(f"Add place {name}") as e:
        if any(isinstance(p, dict) and p.get("id") == place_id for p in e.data["map"].get("places") or []):
            raise EditRefused(f"there is a place {place_id!r} already")
        e.append(("map", "places"), place)
    return e.change


def rename_place(doc: EditingDocument, place_id: str, name: str) -> Change | None:
    with doc.edit(f"Rename {place_id}") as e:
        e.set(("map", "places", _place(e, place_id), "name"), name)
    return e.change


def move_place(doc: EditingDocument, place_id: str, hex: str, follow_country: bool = True) -> Change | None:
    """Move a place; with `follow_country` it takes the country of its new hex."""
    _on_map(doc, hex)
    with doc.edit(f"Move {place_id} to {hex}") as e:
        i = _place(e, place_id)
        e.set(("map", "places", i, "hex"), hex)
        country = country_at(doc, hex)
        if follow_country and country is not None:
            e.set(("map", "places", i, "country"), country)
    return e.change


def set_place(doc: EditingDocument, place_id: str, **fields: Any) -> Change | None:
    """Change a place's values (id, name, hex, country, kind, population, lat, lon; None removes lat/lon)."""
    with doc.edit(f"Edit {place_id}") as e:
        i = _place(e, place_id)
        for key, value in fields.items():
            if key not in Place.model_fields:
                raise EditRefused(f"a place has no {key!r}")
            if value is None:
                e.remove(("map", "places", i, key))
            else:
                e.set(("map", "places", i, key), value, order=Place.model_fields)
    return e.change


def delete_place(doc: EditingDocument, place_id: str) -> Change | None:
    """Delete a place, and take it off the supply crossings that name it."""
    with doc.edit(f"Delete {place_id}") as e:
        e.remove(("map", "places", _place(e, place_id)))
        crossings = e.get(("rules", "supply", "crossings"))
        if isinstance(crossings, list):
            for k in reversed([k for k, c in enumerate(crossings) if c == place_id]):
                e.remove(("rules", "supply", "crossings", k))
    return e.change


# --- resizing ---------------------------------------------------------------------------------


def moved(name: str, left: int, top: int) -> str | None:
    """Where a hex goes when `left` columns and `top` rows are added (negative: removed);
    None if it leaves the range of names (the map's far edges are checked by the caller)."""
    col, row = int(name[:2]) - 1, int(name[2:]) - 1
    shift = top + (1 if left % 2 and col % 2 else 0)
    col, row = col + left, row + shift
    if not (0 <= col < 99 and 0 <= row < 99):
        return None
    return f"{col + 1:02d}{row + 1:02d}"


def _source(col: int, row: int, left: int, top: int) -> tuple[int, int]:
    """The old hex (0-based) that lands on a new hex: `moved` backwards."""
    old_col = col - left
    return old_col, row - top - (1 if left % 2 and old_col % 2 else 0)


def resize_losses(doc: EditingDocument, *, left: int = 0, right: int = 0, top: int = 0, bottom: int = 0) -> list[str]:
    """The hexes holding a piece, a place or a river that a resize would push off the map."""
    columns, rows = _size(doc)
    new_c, new_r = columns + left + right, rows + top + bottom
    lost = []
    for name in _named_hexes(doc.data):
        new = moved(name, left, top)
        if new is None or int(new[:2]) > new_c or int(new[2:]) > new_r or int(new[:2]) < 1 or int(new[2:]) < 1:
            lost.append(name)
    return sorted(set(lost))


def resize_map(doc: EditingDocument, *, left: int = 0, right: int = 0, top: int = 0, bottom: int = 0,
               terrain: str | None = None, country: str | None = None) -> Change | None:  # fmt: skip
    """Grow (positive) or shrink (negative) the map at each edge, in one undoable edit.

    New hexes take the `terrain` and `country` codes given, or by default the code
    of the nearest hex of the old map. What is pushed off the map stays in the file
    and is reported by validation (see `resize_losses` to warn first)."""
    columns, rows = _size(doc)
    new_c, new_r = columns + left + right, rows + top + bottom
    if not (2 <= new_c <= 99 and 2 <= new_r <= 99):
        raise EditRefused(f"a map has 2 to 99 columns and rows; this would make it {new_c} x {new_r}")
    m = {layer: _rows(doc, layer) for layer in LAYERS}
    fills = {"terrain": terrain, "country": country}
    with doc.edit(f"Resize the map to {new_c} x {new_r}") as e:
        e.set(("map", "columns"), new_c)
        e.set(("map", "rows"), new_r)
        for layer in LAYERS:
            old = [r if isinstance(r, str) else "" for r in m[layer]]
            grid = []
            for row in range(new_r):
                letters = []
                for col in range(new_c):
                    oc, orow = _source(col, row, left, top)
                    if 0 <= orow < len(old) and 0 <= oc < len(old[orow]):
                        letters.append(old[orow][oc])
                    else:
                        letters.append(fills[layer] or _nearest(old, oc, orow))
                grid.append("".join(letters))
            e.set(("map", layer), grid)
        for path, name in _hex_paths(e.data):
            new = moved(name, left, top)
            if new is not None:
                e.set(path, new)
    return e.change


def _nearest(old: list[str], col: int, row: int) -> str:
    if not old:
        return "?"
    line = old[min(max(row, 0), len(old) - 1)] or "?"
    return line[min(max(col, 0), len(line) - 1)]


def _is_name(value: Any) -> bool:
    return _as_name(value) is not None


def _as_name(value: Any) -> str | None:
    """A hex name as written: "0708", or the unquoted number 708 the loader also accepts."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 9999:
        return f"{value:04d}"
    return value if isinstance(value, str) and len(value) == 4 and value.isdigit() else None


def _hex_paths(data: Any) -> list[tuple[tuple, str]]:
    """Every hex name written in the file, with its path."""
    out: list[tuple[tuple, str]] = []
    m = data.get("map") or {}
    for i, p in enumerate(data.get("pieces") or []):
        if isinstance(p, dict) and _is_name(p.get("hex")):
            out.append((("pieces", i, "hex"), _as_name(p["hex"])))
    for i, p in enumerate(m.get("places") or []):
        if isinstance(p, dict) and _is_name(p.get("hex")):
            out.append((("map", "places", i, "hex"), _as_name(p["hex"])))
    for i, r in enumerate(m.get("rivers") or []):
        for j, h in enumerate((r.get("hexes") or []) if isinstance(r, dict) else []):
            if _is_name(h):
                out.append((("map", "rivers", i, "hexes", j), _as_name(h)))
    return out


def _named_hexes(data: Any) -> list[str]:
    return [name for _, name in _hex_paths(data)]

"""Piece operations: pieces on the map, piece types, and the sides' settings.

Each function is one undoable edit of an `EditingDocument` (see `document.py`).
A piece's side is its type's (`piece_types.X.side`): to move a piece to the other
side, give it a type of that side (`edit_piece(doc, id, type=...)`); a piece
type offers the form its kind's values (`kinds.KIND_VALUES`). Flights and ISR
drones stand at a base rather than on a hex: changing a piece between a kind
that flies and one that stands swaps `hex` for `base` (the first base of its side
at hand) or back (the base's hex).

Values that fail validation are let in (the screen shows the problems); what
cannot be written at all (an unknown piece, a duplicate id) raises `EditRefused`.
"""

from __future__ import annotations

import re
from typing import Any

from ..kinds import AIRCRAFT, KIND_VALUES, SIDE_KINDS
from ..scenario.model import Piece, SideSpec
from .document import Change, EditingDocument, EditRefused
from .mapedit import parse_hex
from .edit import Edit

PIECE_FIELDS = tuple(Piece.model_fields)  # id, type, name, hex, base, hidden, faction, label
EDITABLE = ("name", "type", "hex", "base", "hidden", "label", "faction")

# What a new piece type of each kind starts with (the designer tunes them in the form).
TYPE_DEFAULTS: dict[str, dict[str, Any]] = {
    "base": {"symbol": "installation", "hardness": "hard", "counter_drone": 5, "personnel": 2},
    "consulate": {"symbol": "consulate", "hardness": "soft", "counter_drone": 3, "personnel": 2},
    "facility": {"symbol": "facility", "hardness": "hard", "air_defence": 1},
    "depot": {"symbol": "depot", "hardness": "soft", "air_defence": 0, "resupply": 1},
    "strike_flight": {"symbol": "fixed_wing", "hardness": "hard", "strike": 1, "range": 20, "sorties": 1},
    "isr_drone": {"symbol": "uav", "hardness": "soft", "detection": 1, "range": 10, "search_radius": 1, "sorties": 1},
    "launch_team": {"symbol": "drone_launcher", "hardness": "dispersed", "move": 2, "range": 8, "drones_per_attack": 2},
    "rocket_team": {"symbol": "rocket", "hardness": "dispersed", "move": 2, "range": 3, "rockets_per_attack": 3},
}
TYPE_ORDER = ("kind", "name", "side", "symbol", "hardness", "vp", "counter_drone", "personnel", "off_map", "air_defence",
              "resupply", "strike", "detection", "move", "range", "search_radius", "sorties", "drones_per_attack",
              "rockets_per_attack", "traits", "damaged")  # fmt: skip


def _pieces(data: Any) -> list:
    pieces = data.get("pieces") if isinstance(data, dict) else None
    return pieces if isinstance(pieces, list) else []


def piece_index(data: Any, piece_id: str) -> int:
    for i, p in enumerate(_pieces(data)):
        if isinstance(p, dict) and p.get("id") == piece_id:
            return i
    raise EditRefused(f"there is no piece {piece_id!r}")


def _type(data: Any, type_id: str) -> dict:
    pt = (data.get("piece_types") or {}).get(type_id)
    if not isinstance(pt, dict):
        raise EditRefused(f"there is no piece type {type_id!r}")
    return pt


def unique_id(data: Any, stem: str) -> str:
    """An id no piece has yet: `launch_team_2`, `launch_team_3`, ..."""
    stem = re.sub(r"[^a-z0-9_]+", "_", stem.lower()).strip("_") or "piece"
    if not stem[0].isalpha():
        stem = "piece_" + stem
    used = {p.get("id") for p in _pieces(data) if isinstance(p, dict)}
    n = 1
    while f"{stem}_{n}" in used:
        n += 1
    return f"{stem}_{n}"


def piece_types_of(doc: EditingDocument, side: str) -> list[str]:
    """The piece types of one side, for the form's choice of type (and so of side)."""
    return [tid for tid, pt in (doc.data.get("piece_types") or {}).items() if isinstance(pt, dict) and pt.get("side") == side]


def _first_base(data: Any, side: Any) -> str | None:
    types = data.get("piece_types") or {}
    for p in _pieces(data):
        pt = types.get(p.get("type")) if isinstance(p, dict) else None
        if isinstance(pt, dict) and pt.get("kind") == "base" and pt.get("side") == side:
            return p.get("id")
    return None


def _base_hex(data: Any, base_id: Any) -> str | None:
    for p in _pieces(data):
        if isinstance(p, dict) and p.get("id") == base_id:
            return p.get("hex")
    return None


# --- pieces ----------------------------------------------------------------------------------


def add_piece(doc: EditingDocument, type_id: str, hex: str | None = None, *, base: str | None = None,
              name: str | None = None, piece_id: str | None = None, **fields: Any) -> str:  # fmt: skip
    """Put a new piece of a type of the scenario on a hex (a flight or ISR drone at a base);
    returns its id. It goes after the last piece of its side, so the file's grouping holds."""
    data = doc.data
    pt = _type(data, type_id)
    piece_id = piece_id or unique_id(data, type_id)
    if any(isinstance(p, dict) and p.get("id") == piece_id for p in _pieces(data)):
        raise EditRefused(f"there is a piece {piece_id!r} already")
    piece: dict[str, Any] = {"id": piece_id, "type": type_id, "name": name or str(pt.get("name") or type_id)}
    if pt.get("kind") in AIRCRAFT:
        piece["base"] = base or _first_base(data, pt.get("side"))
        if piece["base"] is None:
            raise EditRefused(f"a {pt.get('kind')} flies from a base, and {pt.get('side')} has none yet")
    else:
        if hex is None:
            raise EditRefused("say which hex the piece stands on")
        parse_hex(hex)
        piece["hex"] = hex
    for key, value in fields.items():
        if key not in PIECE_FIELDS:
            raise EditRefused(f"a piece has no {key!r}")
        piece[key] = value
    piece = {k: piece[k] for k in PIECE_FIELDS if k in piece}
    types = data.get("piece_types") or {}
    side = pt.get("side")
    at = len(_pieces(data))
    for i, p in enumerate(_pieces(data)):
        other = types.get(p.get("type")) if isinstance(p, dict) else None
        if isinstance(other, dict) and other.get("side") == side:
            at = i + 1
    with doc.edit(f"Add {piece['name']}") as e:
        e.insert(("pieces",), at, piece)
    return piece_id


def move_piece(doc: EditingDocument, piece_id: str, hex: str) -> Change | None:
    """Move a piece to another hex (a drag). A flight or ISR drone has a base instead:
    dropping it on a hex with a base of its side moves it to that base."""
    parse_hex(hex)
    data = doc.data
    i = piece_index(data, piece_id)
    piece = _pieces(data)[i]
    pt = (data.get("piece_types") or {}).get(piece.get("type"))
    if isinstance(pt, dict) and pt.get("kind") in AIRCRAFT:
        types = data.get("piece_types") or {}
        base = next((p.get("id") for p in _pieces(data) if isinstance(p, dict) and p.get("hex") == hex
                     and (types.get(p.get("type")) or {}).get("kind") == "base"
                     and (types.get(p.get("type")) or {}).get("side") == pt.get("side")), None)  # fmt: skip
        if base is None:
            raise EditRefused(f"{piece.get('name')} flies from a base: drop it on a {pt.get('side')} base")
        return edit_piece(doc, piece_id, base=base)
    return edit_piece(doc, piece_id, hex=hex)


def delete_piece(doc: EditingDocument, piece_id: str) -> Change | None:
    """Delete a piece (what names it, an objective or a flight's base, is then reported)."""
    with doc.edit(f"Delete {piece_id}") as e:
        e.remove(("pieces", piece_index(e.data, piece_id)))
    return e.change


def edit_piece(doc: EditingDocument, piece_id: str, **fields: Any) -> Change | None:
    """Change a piece's values: name, type (and so side), hex, base, hidden, label,
    faction, id. None removes an optional value (faction, label, hidden)."""
    for key in fields:
        if key not in PIECE_FIELDS:
            raise EditRefused(f"a piece has no {key!r} (it has {', '.join(PIECE_FIELDS)})")
    with doc.edit(f"Edit {piece_id}") as e:
        i = piece_index(e.data, piece_id)
        path = ("pieces", i)
        if "type" in fields:
            _retype(e, path, fields["type"], fields)
        for key, value in fields.items():
            if value is None:
                e.remove(path + (key,))
            elif key in e.get(path) or not _is_default(key, value):
                e.set(path + (key,), value, order=PIECE_FIELDS)
    return e.change


def _is_default(key: str, value: Any) -> bool:
    """A value the piece has without saying so (`hidden: false`): not written when absent."""
    field = Piece.model_fields[key]
    return not field.is_required() and type(value) is type(field.default) and value == field.default


def _retype(e: Edit, path: tuple, type_id: str, fields: dict) -> None:
    """Swap hex and base when the new type flies and the old stood (or the reverse)."""
    piece = e.get(path)
    new = (e.data.get("piece_types") or {}).get(type_id)
    if not isinstance(new, dict):  # an unknown type is let in: the checks say what is wrong
        return
    flies = new.get("kind") in AIRCRAFT
    if flies and "base" not in piece and "base" not in fields:
        base = _first_base(e.data, new.get("side"))
        if base is None:
            raise EditRefused(f"a {new.get('kind')} flies from a base, and {new.get('side')} has none")
        fields.setdefault("base", base)
        fields.setdefault("hex", None)
    elif not flies and "hex" not in piece and "hex" not in fields:
        fields.setdefault("hex", _base_hex(e.data, piece.get("base")) or "0101")
        fields.setdefault("base", None)


# --- piece types ------------------------------------------------------------------------------


def add_piece_type(doc: EditingDocument, type_id: str, kind: str, side: str, name: str, **values: Any) -> Change | None:
    """A new piece type of a kind, with the kind's values at sensible starting numbers."""
    if kind not in TYPE_DEFAULTS:
        raise EditRefused(f"unknown kind {kind!r} (kinds: {', '.join(TYPE_DEFAULTS)})")
    if kind not in SIDE_KINDS.get(side, ()):
        raise EditRefused(f"a {kind} cannot belong to {side}")
    spec = {"kind": kind, "name": name, "side": side, **TYPE_DEFAULTS[kind], "vp": 0 if side == "blue" else 1, **values}
    spec = {k: spec[k] for k in TYPE_ORDER if k in spec} | {k: v for k, v in spec.items() if k not in TYPE_ORDER}
    with doc.edit(f"Add piece type {name}") as e:
        if type_id in (e.data.get("piece_types") or {}):
            raise EditRefused(f"there is a piece type {type_id!r} already")
        e.set(("piece_types", type_id), spec)
    return e.change


def edit_piece_type(doc: EditingDocument, type_id: str, **values: Any) -> Change | None:
    """Change a piece type's values (name, side, symbol, hardness, vp, traits, damaged,
    and its kind's values: see `kind_values`). None removes an optional one."""
    with doc.edit(f"Edit piece type {type_id}") as e:
        _type(e.data, type_id)
        for key, value in values.items():
            path = ("piece_types", type_id, key)
            if value is None:
                e.remove(path)
            else:
                e.set(path, value, order=TYPE_ORDER)
    return e.change


def kind_values(kind: str) -> tuple[str, ...]:
    """The values a piece type of this kind has, in the order counters print them."""
    return KIND_VALUES.get(kind, ())


def rename_piece_type(doc: EditingDocument, type_id: str, new_id: str) -> Change | None:
    """Rename a piece type and every piece of that type (conditions naming it are reported)."""
    with doc.edit(f"Rename piece type {type_id}") as e:
        _type(e.data, type_id)
        e.rename(("piece_types", type_id), new_id)
        for i, p in enumerate(_pieces(e.data)):
            if isinstance(p, dict) and p.get("type") == type_id:
                e.set(("pieces", i, "type"), new_id)
    return e.change


def delete_piece_type(doc: EditingDocument, type_id: str) -> Change | None:
    with doc.edit(f"Delete piece type {type_id}") as e:
        _type(e.data, type_id)
        e.remove(("piece_types", type_id))
    return e.change


# --- sides --------------------------------------------------------------------------------------


SIDE_FIELDS = tuple(SideSpec.model_fields)


def edit_side(doc: EditingDocument, side: str, **fields: Any) -> Change | None:
    """A side's name, short name, description, factions, move_countries (None removes)."""
    with doc.edit(f"Edit {side}") as e:
        if side not in (e.data.get("sides") or {}):
            raise EditRefused(f"there is no side {side!r}")
        for key, value in fields.items():
            if key not in SIDE_FIELDS:
                raise EditRefused(f"a side has no {key!r}")
            if value is None:
                e.remove(("sides", side, key))
            else:
                e.set(("sides", side, key), value, order=SIDE_FIELDS)
    return e.change


def set_stock(doc: EditingDocument, side: str, stock: str, start: int | None = None, maximum: int | None = None,
              *, remove_max: bool = False) -> Change | None:  # fmt: skip
    """Set a side's starting stock and/or its stock_max (adding the stock if new)."""
    with doc.edit(f"Stock {stock} of {side}") as e:
        path = ("sides", side)
        if not isinstance(e.get(path), dict):
            raise EditRefused(f"there is no side {side!r}")
        for key, value in (("stocks", start), ("stock_max", maximum)):
            if value is None:
                continue
            if not isinstance(e.get(path + (key,)), dict):
                e.set(path + (key,), {}, order=SIDE_FIELDS)
            e.set(path + (key, stock), value)
        if remove_max:
            e.remove(path + ("stock_max", stock))
    return e.change


def remove_stock(doc: EditingDocument, side: str, stock: str) -> Change | None:
    with doc.edit(f"Remove stock {stock} of {side}") as e:
        for key in ("stocks", "stock_max"):
            if isinstance(e.get(("sides", side, key)), dict):
                e.remove(("sides", side, key, stock))
    return e.change


def set_move_countries(doc: EditingDocument, side: str, countries: list[str]) -> Change | None:
    return edit_side(doc, side, move_countries=list(countries))

"""Tracks, turns, victory and the scenario's description: one undoable edit each.

Tracks: their range and start (`set_track`), thresholds with what they adjust,
do on reaching and whether they end the game (`add_threshold`, `edit_threshold`,
`remove_threshold`), and effect lists anywhere in the file (`add_effect`,
`remove_effect`, by the path of the list: a threshold's `on_reach`, a country's
`strike_effects`, `rules.quiet_turn_effects`...). Turns: their number and the
start date. Victory: margin, length of the track, objectives. Any other value
of the file is one `set_value` away, by its path.
"""

from __future__ import annotations

import datetime
from typing import Any

from ..scenario.model import Meta, Objective, Threshold, Track, Victory
from .document import Change, EditingDocument, EditRefused

TRACK_FIELDS = tuple(Track.model_fields)
THRESHOLD_FIELDS = tuple(Threshold.model_fields)
OBJECTIVE_FIELDS = tuple(Objective.model_fields)


def set_value(doc: EditingDocument, path: tuple, value: Any, label: str | None = None,
              order: tuple[str, ...] | None = None) -> Change | None:  # fmt: skip
    """Set any value by its path (None removes it): the form's fallback for every field."""
    with doc.edit(label or f"Set {'.'.join(str(p) for p in path)}") as e:
        if value is None:
            e.remove(path)
        else:
            e.set(path, value, order=order)
    return e.change


def _fields(e: Any, path: tuple, fields: dict[str, Any], allowed: tuple[str, ...], what: str) -> None:
    for key, value in fields.items():
        if key not in allowed:
            raise EditRefused(f"a {what} has no {key!r} (it has {', '.join(allowed)})")
        if value is None:
            e.remove(path + (key,))
        else:
            e.set(path + (key,), value, order=allowed)


def _track(e: Any, track: str) -> tuple:
    if not isinstance(e.get(("tracks", track)), dict):
        raise EditRefused(f"there is no track {track!r}")
    return ("tracks", track)


# --- tracks ------------------------------------------------------------------------------


def set_track(doc: EditingDocument, track: str, **fields: Any) -> Change | None:
    """A track's name, min, max, start, description, favours, colours (None removes)."""
    with doc.edit(f"Edit track {track}") as e:
        _fields(e, _track(e, track), fields, TRACK_FIELDS, "track")
    return e.change


def add_track(doc: EditingDocument, track: str, name: str, minimum: int = 0, maximum: int = 10, start: int = 0,
              **fields: Any) -> Change | None:  # fmt: skip
    spec = {"name": name, "min": minimum, "max": maximum, "start": start, **fields}
    with doc.edit(f"Add track {name}") as e:
        if track in (e.data.get("tracks") or {}):
            raise EditRefused(f"there is a track {track!r} already")
        e.set(("tracks", track), {k: spec[k] for k in TRACK_FIELDS if k in spec})
    return e.change


def delete_track(doc: EditingDocument, track: str) -> Change | None:
    with doc.edit(f"Delete track {track}") as e:
        e.remove(_track(e, track))
    return e.change


def add_threshold(doc: EditingDocument, track: str, at: int, name: str, **fields: Any) -> Change | None:
    """A threshold on a track, kept in order of `at`."""
    spec = {"at": at, "name": name, **fields}
    spec = {k: spec[k] for k in THRESHOLD_FIELDS if k in spec}
    with doc.edit(f"Add threshold {name}") as e:
        path = _track(e, track)
        thresholds = e.get(path + ("thresholds",))
        if not isinstance(thresholds, list):
            e.set(path + ("thresholds",), [spec], order=TRACK_FIELDS)
        else:
            index = next((i for i, t in enumerate(thresholds) if isinstance(t, dict) and isinstance(t.get("at"), int) and t["at"] > at),
                         len(thresholds))  # fmt: skip
            e.insert(path + ("thresholds",), index, spec)
    return e.change


def edit_threshold(doc: EditingDocument, track: str, index: int, **fields: Any) -> Change | None:
    """A threshold's at, name, direction, description, adjust, on_reach, ends_game (None removes)."""
    with doc.edit(f"Edit threshold of {track}") as e:
        path = _track(e, track) + ("thresholds", index)
        if not isinstance(e.get(path), dict):
            raise EditRefused(f"track {track} has no threshold {index + 1}")
        _fields(e, path, fields, THRESHOLD_FIELDS, "threshold")
    return e.change


def remove_threshold(doc: EditingDocument, track: str, index: int) -> Change | None:
    with doc.edit(f"Remove threshold of {track}") as e:
        path = _track(e, track) + ("thresholds", index)
        if e.get(path) is None:
            raise EditRefused(f"track {track} has no threshold {index + 1}")
        e.remove(path)
        if not e.get(path[:-1]):
            e.remove(path[:-1])
    return e.change


def add_effect(doc: EditingDocument, path: tuple, effect: dict[str, Any], index: int | None = None) -> Change | None:
    """Add an effect ({track: escalation, change: 1}, {vp: red, points: 2}...) to the
    effect list at `path`, creating the list if the key is absent."""
    with doc.edit("Add effect") as e:
        effects = e.get(path)
        if effects is None:
            parent = e.get(path[:-1])
            if not isinstance(parent, dict):
                raise EditRefused(f"there is nothing at {'.'.join(map(str, path[:-1]))} to add effects to")
            e.set(path, [effect], order=THRESHOLD_FIELDS if path[-1] == "on_reach" else None)
        elif isinstance(effects, list):
            e.insert(path, len(effects) if index is None else index, effect)
        else:
            raise EditRefused("that value is not a list of effects")
    return e.change


def remove_effect(doc: EditingDocument, path: tuple, index: int) -> Change | None:
    with doc.edit("Remove effect") as e:
        if not isinstance(e.get(path + (index,)), dict):
            raise EditRefused("there is no such effect")
        e.remove(path + (index,))
    return e.change


# --- turns and dates ---------------------------------------------------------------------------


def set_turns(doc: EditingDocument, count: int) -> Change | None:
    """The number of turns (days) the game lasts."""
    return set_value(doc, ("turns", "count"), count, f"Turns: {count}")


def set_start_date(doc: EditingDocument, date: str | datetime.date) -> Change | None:
    """The date of the first turn (YYYY-MM-DD)."""
    text = date.isoformat() if isinstance(date, datetime.date) else date
    return set_value(doc, ("meta", "date"), text, f"Start date {text}")


def set_meta(doc: EditingDocument, **fields: Any) -> Change | None:
    """Title, date, description, sources, designer, difficulty (None removes an optional one)."""
    with doc.edit("Edit the scenario's description") as e:
        _fields(e, ("meta",), fields, tuple(Meta.model_fields), "scenario description")
    return e.change


# --- victory ---------------------------------------------------------------------------------


def set_victory(doc: EditingDocument, **fields: Any) -> Change | None:
    """Margin, vp_max, automatic (None removes an optional one)."""
    with doc.edit("Edit victory") as e:
        _fields(e, ("victory",), fields, tuple(Victory.model_fields), "victory")
    return e.change


def _objective(e: Any, objective_id: str) -> int:
    for i, o in enumerate(e.get(("victory", "objectives")) or []):
        if isinstance(o, dict) and o.get("id") == objective_id:
            return i
    raise EditRefused(f"there is no objective {objective_id!r}")


def add_objective(doc: EditingDocument, objective_id: str, name: str, side: str, points: int,
                  when: dict[str, Any]) -> Change | None:  # fmt: skip
    """An objective: `when` holds its conditions, e.g. {pieces_survive: [team_1]}."""
    spec = {"id": objective_id, "name": name, "side": side, "points": points, "when": when}
    with doc.edit(f"Add objective {name}") as e:
        objectives = e.get(("victory", "objectives"))
        if isinstance(objectives, list):
            if any(isinstance(o, dict) and o.get("id") == objective_id for o in objectives):
                raise EditRefused(f"there is an objective {objective_id!r} already")
            e.append(("victory", "objectives"), spec)
        else:
            e.set(("victory", "objectives"), [spec], order=tuple(Victory.model_fields))
    return e.change


def edit_objective(doc: EditingDocument, objective_id: str, **fields: Any) -> Change | None:
    with doc.edit(f"Edit objective {objective_id}") as e:
        _fields(e, ("victory", "objectives", _objective(e, objective_id)), fields, OBJECTIVE_FIELDS, "objective")
    return e.change


def remove_objective(doc: EditingDocument, objective_id: str) -> Change | None:
    with doc.edit(f"Remove objective {objective_id}") as e:
        e.remove(("victory", "objectives", _objective(e, objective_id)))
    return e.change

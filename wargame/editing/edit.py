"""The working copy of one edit: the scenario's plain data, changed as Python code would.

An `Edit` is what `EditingDocument.edit()` hands out. Operations change
`edit.data` with paths that mean what they say at that moment (`set`,
`insert`, `remove`, `rename`); the copy remembers which old item each list
item came from and which key each renamed key was, so the patcher (`patch.py`)
can tell a moved, inserted or deleted item from a changed one and touch only
the text that differs.
"""

from __future__ import annotations

import copy
from typing import Any, Iterable

from .spans import dotted

_MISSING = object()


class Edit:
    """A working copy of the scenario's plain data, changed with sequential paths."""

    def __init__(self, data: Any):
        self.data = copy.deepcopy(data)
        self._origins: dict[int, list[int | None]] = {}  # id(list) -> old index of each item
        self._renames: dict[int, dict[Any, Any]] = {}  # id(dict) -> {new key: old key}
        self._keep: list[Any] = []  # containers whose ids are keys above stay alive
        self.change: Any = None  # the undoable Change, once the document has committed it

    def get(self, path: Iterable[Any], default: Any = None) -> Any:
        node = self.data
        for seg in path:
            if isinstance(node, dict) and seg in node:
                node = node[seg]
            elif isinstance(node, list) and isinstance(seg, int) and -len(node) <= seg < len(node):
                node = node[seg]
            else:
                return default
        return node

    def _container(self, path: tuple) -> Any:
        node = self.get(path, _MISSING)
        if node is _MISSING:
            raise KeyError(f"no value at {dotted(path)}")
        return node

    def set(self, path: Iterable[Any], value: Any, order: Iterable[str] | None = None) -> None:
        """Set a value; a new key of a mapping goes where `order` (the model's field
        order) puts it among the keys present, else at the end."""
        path = tuple(path)
        parent = self._container(path[:-1])
        key = path[-1]
        value = copy.deepcopy(value)
        if isinstance(parent, list):
            parent[key] = value
            return
        if key in parent or order is None:
            parent[key] = value
            return
        order = list(order)
        rank = {k: i for i, k in enumerate(order)}
        mine = rank.get(key, len(order))
        items = list(parent.items())
        at = len(items)
        for i, (k, _) in enumerate(items):
            if rank.get(k, -1) > mine:
                at = i
                break
        items.insert(at, (key, value))
        self._rebuild(parent, items)

    def remove(self, path: Iterable[Any]) -> None:
        """Remove a list item or a mapping key (a missing key is no error)."""
        path = tuple(path)
        parent = self._container(path[:-1])
        if isinstance(parent, list):
            self._origin(parent).pop(path[-1])
            del parent[path[-1]]
        else:
            parent.pop(path[-1], None)

    def insert(self, path: Iterable[Any], index: int, value: Any) -> None:
        """Insert an item into the list at `path` (index == len appends)."""
        path = tuple(path)
        items = self._container(path)
        if not isinstance(items, list):
            raise TypeError(f"{dotted(path)} is not a list")
        if index < 0:
            index += len(items) + 1
        self._origin(items).insert(index, None)
        items.insert(index, copy.deepcopy(value))

    def append(self, path: Iterable[Any], value: Any) -> None:
        items = self._container(tuple(path))
        self.insert(path, len(items), value)

    def rename(self, path: Iterable[Any], new_key: Any) -> None:
        """Rename a mapping key in place (its value and position stay)."""
        path = tuple(path)
        parent = self._container(path[:-1])
        old = path[-1]
        if new_key == old:
            return
        if new_key in parent:
            raise KeyError(f"{dotted(path[:-1] + (new_key,))} exists already")
        renames = self._renames.get(id(parent), {})
        origin = renames.pop(old, old)
        items = [(new_key if k == old else k, v) for k, v in parent.items()]
        self._rebuild(parent, items)
        renames[new_key] = origin
        self._renames[id(parent)] = renames
        self._keep.append(parent)

    def _rebuild(self, parent: dict, items: list) -> None:
        parent.clear()
        parent.update(items)

    def _origin(self, items: list) -> list[int | None]:
        if id(items) not in self._origins:
            self._origins[id(items)] = list(range(len(items)))
            self._keep.append(items)
        return self._origins[id(items)]

    # --- the text --------------------------------------------------------------------

"""The editing document: a scenario's text, changed only by undoable edits, always re-checked.

The text is the truth. Every edit (`with doc.edit("Move piece") as e: ...`)
changes a working copy of the plain data; the document then patches the text in
place (see `patch.py`), reads the new text with the very loader and checks of
`wargame validate` (`yamlsafe.load` then `validate_document`, exactly what
`load_scenario_text` does), and pushes the change on the undo stack. So the
model, the text and the problems never disagree, and a designer's comments,
blank lines, key order and quoting survive every edit.

A value that fails validation is still let into the text (a designer is often
mid-way); `problems` then lists what is wrong, each with its line, column, path
and hex (see `problems.py`), and `scenario` is None until the text is valid
again (`last_valid` keeps the last valid one, for the odds and the board).

Undo and redo replay exact text replacements, so undoing every edit gives back
the original text byte for byte.

API for the editor screen:
    doc = EditingDocument.open(path)            # or EditingDocument(text, name)
    with doc.edit("Paint desert") as e: e.set(path, value)   # or the operations in
                                                # mapedit, pieces, settings, tables
    doc.undo(); doc.redo(); doc.can_undo; doc.undo_label
    doc.problems; doc.scenario; doc.valid; doc.dirty
    doc.save(path=None)                          # atomic; refuses shipped scenarios
    doc.listeners.append(callback)               # called after every change
"""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from ..errors import InputError
from ..atomic import write_atomic
from ..scenario.load import MAX_SCENARIO_BYTES, LoadedScenario, validate_document
from ..scenario.model import Scenario
from ..yamlsafe import Document, load, read_text
from .edit import Edit
from .patch import PatchError, patch_text
from .problems import EditorProblem, ProblemLocator
from .spans import TextIndex

__all__ = ["Change", "EditRefused", "EditingDocument", "PatchError", "ShippedScenario"]


class EditRefused(Exception):
    """An edit the rules of the format cannot take, with the reason for the designer
    ("hex 0710 does not touch either end of the Euphrates")."""


class ShippedScenario(Exception):
    """Writing inside the installed package: copy the scenario to a file of your own first."""


@dataclass(frozen=True, slots=True)
class Change:
    """One undoable edit: the text at `start` was `old` and became `new`."""

    label: str
    start: int
    old: str
    new: str

    @staticmethod
    def between(label: str, before: str, after: str) -> Change:
        """The smallest single replacement turning `before` into `after`."""
        n = min(len(before), len(after))
        a = _common(lambda k: before[:k] == after[:k], n)
        b = _common(lambda k: before[len(before) - k :] == after[len(after) - k :], n - a)
        return Change(label, a, before[a : len(before) - b], after[a : len(after) - b])

    def redo(self, text: str) -> str:
        return text[: self.start] + self.new + text[self.start + len(self.old) :]

    def undo(self, text: str) -> str:
        return text[: self.start] + self.old + text[self.start + len(self.new) :]


def _common(agree: Callable[[int], bool], n: int) -> int:
    """The largest k <= n with agree(k), for agree monotone (a binary search of C-speed slices)."""
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if agree(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo


class _State:
    """One text with what is known of it: the loader's reading now, the spans and the
    checks when first asked for (an undo through many states checks only the last)."""

    def __init__(self, text: str, yaml: Document):
        self.text, self.yaml = text, yaml
        self._index: TextIndex | None = None
        self._checked = False
        self.loaded: LoadedScenario | None = None
        self.problems: list[EditorProblem] = []

    @property
    def index(self) -> TextIndex:
        if self._index is None:
            self._index = TextIndex(self.text)
        return self._index

    def check(self) -> None:
        if self._checked:
            return
        raw: list = []
        try:
            scenario = validate_document(self.yaml)
        except InputError as e:
            raw = e.problems
        else:
            self.loaded = LoadedScenario(scenario, self.text, self.yaml.file)
        locator = ProblemLocator(self.yaml)
        self.problems = [locator.locate(p) for p in raw]
        self._checked = True


CACHED_STATES = 8  # texts kept read and checked, so an undo right after an edit costs nothing


class EditingDocument:
    """A scenario being edited: its text, its data, its problems, its undo stack."""

    def __init__(self, text: str, name: str = "<scenario>", path: str | Path | None = None):
        self.name = name
        self.path: Path | None = Path(path) if path is not None else None
        self.listeners: list[Callable[[EditingDocument], None]] = []
        self._last_valid: LoadedScenario | None = None
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        self._group_depth = 0
        self._cache: OrderedDict[str, _State] = OrderedDict()
        self._state = self._read(text)
        self.saved_text = text

    @classmethod
    def open(cls, path: str | Path) -> EditingDocument:
        """Open a scenario file (InputError if it is not YAML the loader reads).

        A shipped scenario opens with `path` None: it can be looked at and edited,
        but must be saved under a name of the user's own (`save(path)`)."""
        from .new import is_shipped

        text = read_text(path, max_bytes=MAX_SCENARIO_BYTES)
        return cls(text, str(path), None if is_shipped(path) else path)

    # --- state --------------------------------------------------------------------------

    def _read(self, text: str, yaml: Document | None = None) -> _State:
        state = self._cache.pop(text, None)
        if state is None:
            state = _State(text, yaml if yaml is not None else load(text, self.name))  # InputError: not YAML
        self._cache[text] = state
        while len(self._cache) > CACHED_STATES:
            self._cache.popitem(last=False)
        return state

    @property
    def text(self) -> str:
        return self._state.text

    @property
    def yaml(self) -> Document:
        """The loader's reading of the text: data, and the position of every value and key."""
        return self._state.yaml

    @property
    def index(self) -> TextIndex:
        return self._state.index

    @property
    def data(self) -> Any:
        """The plain data the text says (read it; change it only through `edit`)."""
        return self._state.yaml.data

    @property
    def loaded(self) -> LoadedScenario | None:
        """The valid scenario with its text, as `load_scenario_text` gives it; None while invalid."""
        self._state.check()
        if self._state.loaded is not None:
            self._last_valid = self._state.loaded
        return self._state.loaded

    @property
    def problems(self) -> list[EditorProblem]:
        """What `wargame validate` says of the text, each with its path and hex."""
        self._state.check()
        return self._state.problems

    @property
    def last_valid(self) -> LoadedScenario | None:
        """The newest valid text of this session (for odds and the board while mid-way)."""
        return self.loaded or self._last_valid

    @property
    def scenario(self) -> Scenario | None:
        loaded = self.loaded
        return loaded.scenario if loaded is not None else None

    @property
    def valid(self) -> bool:
        return self.loaded is not None

    @property
    def dirty(self) -> bool:
        return self.text != self.saved_text

    def problems_at(self, hex_name: str) -> list[EditorProblem]:
        return [p for p in self.problems if p.hex == hex_name]

    # --- editing ------------------------------------------------------------------------

    @contextlib.contextmanager
    def edit(self, label: str) -> Iterator[Edit]:
        """Change a working copy of the data; on leaving the block, patch the text.

        An exception inside the block (an EditRefused, say) leaves the text as it was."""
        work = Edit(self.data)
        yield work
        work.change = self.commit(label, work)

    def commit(self, label: str, work: Edit) -> Change | None:
        """Write an Edit's working copy into the text as one undoable change (None if nothing changed)."""
        text, yaml, changed = patch_text(self.index, self.data, work, self.name)
        if changed is None or text == self.text:
            return None
        a, b = changed
        change = Change(label, a, self.text[a:b], text[a : b + len(text) - len(self.text)])
        return self._push(change, self._read(text, yaml))

    def replace_text(self, label: str, text: str) -> Change | None:
        """Put new text (typed by the designer in a text pane, or recovered) as one
        undoable change. InputError if it is not YAML the loader reads; the text stays."""
        if text == self.text:
            return None
        state = self._read(text)
        return self._push(Change.between(label, self.text, text), state)

    def _push(self, change: Change, state: _State) -> Change:
        self.loaded  # noqa: B018 - the text being left may be the last valid one: keep it for the odds
        self._state = state
        self._undo.append(change)
        self._redo.clear()
        self._changed()
        return change

    @contextlib.contextmanager
    def group(self, label: str) -> Iterator[None]:
        """Several edits as one undo step (a drag that moves a piece and its flights).
        If one of them is refused, the whole group is taken back."""
        before, depth = self.text, len(self._undo)
        redo = list(self._redo)
        self._group_depth += 1
        try:
            yield
        except BaseException:
            del self._undo[depth:]
            self._redo = redo
            self._state = self._read(before)
            raise
        finally:
            self._group_depth -= 1
        if len(self._undo) > depth:
            del self._undo[depth:]
            if self.text != before:
                self._undo.append(Change.between(label, before, self.text))
        if self._group_depth == 0:
            self._changed()

    def _changed(self) -> None:
        if self._group_depth:
            return
        for listener in list(self.listeners):
            listener(self)

    # --- undo and redo ------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_label(self) -> str | None:
        return self._undo[-1].label if self._undo else None

    @property
    def redo_label(self) -> str | None:
        return self._redo[-1].label if self._redo else None

    def undo(self) -> Change | None:
        """Take back the last edit (None when there is none)."""
        if not self._undo:
            return None
        change = self._undo.pop()
        self._state = self._read(change.undo(self.text))
        self._redo.append(change)
        self._changed()
        return change

    def redo(self) -> Change | None:
        if not self._redo:
            return None
        change = self._redo.pop()
        self._state = self._read(change.redo(self.text))
        self._undo.append(change)
        self._changed()
        return change

    # --- saving -------------------------------------------------------------------------

    def save(self, path: str | Path | None = None) -> Path:
        """Write the text atomically (to `path`, which becomes the document's file).

        Never inside the installed package (ShippedScenario). Saving an invalid
        scenario is allowed; the screen warns first, with `problems`. The recovery
        file of the session, if any, is removed: the file itself is now the newest."""
        from .new import is_shipped
        from .recovery import discard_recovery

        target = Path(path) if path is not None else self.path
        if target is None:
            raise ShippedScenario(f"{self.name} is a shipped scenario: save it under a name of your own")
        if is_shipped(target):
            raise ShippedScenario(f"{target} is inside the installed game: save it under a name of your own")
        write_atomic(target, self.text)
        if self.path is not None and self.path != target:
            discard_recovery(self)
        self.path = target
        if self.name != str(target):
            self.name = str(target)
            self._cache.clear()
            self._state = self._read(self.text)
        self.saved_text = self.text
        discard_recovery(self)
        return target

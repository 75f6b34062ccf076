"""`--set PATH=VALUE`: a variant of a scenario for one run, checked like any scenario.

A designer compares variants side by side ("what if authorization started at
0?") without copying files. A path names a value the way the scenario file
writes it, with dots; a list item is named by its `id` where it has one
(`pieces.team_north.hex`, `victory.objectives.protect_the_consulate.points`) or
by its position from 0 (`tracks.escalation.thresholds.1.at`). The value is read
by the same YAML rules as the file (`7` a number, `"0705"` text, `[a, b]` a
list). The change is written into the scenario's text by the editor's span
patcher, and the new text goes through the normal loader and checks, so a
variant that breaks a rule is refused with the loader's own words.
"""

from __future__ import annotations

from typing import Any, Sequence

from ..editing.document import EditingDocument, EditRefused, PatchError
from ..errors import InputError
from ..scenario.load import LoadedScenario, load_scenario_text
from ..yamlsafe import load


def _where(text: str) -> str:
    return f"--set {text}"


def resolve(data: Any, dotted: str, where: str) -> tuple[Any, ...]:
    """The loader's path of a dotted name: list items by id, or by position."""
    path: list[Any] = []
    node = data
    parts = dotted.split(".")
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if isinstance(node, dict):
            if part not in node and not last:
                raise InputError.single(where, f"no {part!r} in {'.'.join(parts[:i]) or 'the scenario'}"
                                        f" (there: {', '.join(map(str, node)) or 'nothing'})")  # fmt: skip
            path.append(part)
            node = node.get(part)
        elif isinstance(node, list):
            ids = [item.get("id") for item in node if isinstance(item, dict)]
            if part in ids:
                k = ids.index(part)
            elif part.isdigit() and int(part) < len(node):
                k = int(part)
            else:
                shown = ", ".join(str(x) for x in ids if x is not None) or f"0 to {len(node) - 1}"
                raise InputError.single(where, f"no item {part!r} in {'.'.join(parts[:i])} (items: {shown})")
            path.append(k)
            node = node[k]
        else:
            raise InputError.single(where, f"{'.'.join(parts[:i])} is a single value, with nothing inside it")
    return tuple(path)


def apply_overrides(loaded: LoadedScenario, settings: Sequence[str]) -> LoadedScenario:
    """The scenario with every `PATH=VALUE` applied in turn, re-read and checked by the
    normal loader; InputError (one line) for a bad path, a bad value or a broken rule."""
    if not settings:
        return loaded
    doc = EditingDocument(loaded.text, loaded.path)
    for text in settings:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # a byte the shell passed that is not UTF-8 (a surrogate)
            raise InputError.single("--set", f"{ascii(text)} is not UTF-8 text") from None
        where = _where(text)
        dotted, eq, raw = text.partition("=")
        if not eq or not dotted.strip():
            raise InputError.single(where, "give it as PATH=VALUE, e.g. tracks.authorization.start=0")
        path = resolve(doc.data, dotted.strip(), where)
        try:
            value = load(raw.strip() or '""', where).data
        except InputError as e:
            raise InputError.single(where, f"the value is not YAML: {e.problems[0].message}") from None
        try:
            with doc.edit(f"set {dotted}") as work:
                work.set(path, value)
        except (PatchError, EditRefused, KeyError, TypeError) as e:
            raise InputError.single(where, f"cannot write this value there: {e}") from None
        if not doc.valid:
            p = doc.problems[0]
            raise InputError.single(where, f"the scenario would not be valid: {p.message}")
    return load_scenario_text(doc.text, loaded.path)

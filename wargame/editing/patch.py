"""Span patching: an edit of the scenario's data becomes the smallest change to its text.

An `Edit` (edit.py) holds a working copy of the plain data, changed as Python
code would; `patch_text` compares the copy with the data the text says and
writes only the difference, at the positions `TextIndex` knows:

- a changed scalar: only its own characters, in its own quoting (a trailing
  comment and the rest of the line stay; a map row keeps its quotes);
- a new list item or mapping key: a line in the style of its neighbours (a flow
  `{...}` item on one line, a block item at the same indentation), or `, item`
  inside a flow container; a key goes where the working copy's key order puts it;
- a removed item or entry: exactly its own lines (its trailing comment with it,
  the comment above the next item not), or its `item, ` inside a flow container;
- a list or mapping left empty becomes `[]` or `{}`.

Lists changed through `insert`/`remove` know which old item each new one came
from; lists replaced whole are matched by value (difflib). After patching, the
new text is read back and must say exactly what the working copy says: a patch
that would change anything else raises `PatchError` and no text is changed.

Why span patching rather than ruamel.yaml's round trip: the loader's positions
are already exact, one YAML library (PyYAML's parser, YAML 1.2 core rules)
keeps reading every file, and nothing outside the changed spans is ever
re-emitted, so no comment can be lost (ruamel drops a comment attached to a
deleted key, and some comments between blank lines).

Known limits: keys keep their order in the text (a key moved in the working
copy stays where it was); an item moved against the list's order is written
anew; a folded scalar (`>-`) that changes is re-wrapped greedily at the width
of its old lines, so a longer description may change several of its own lines;
a comment after the colon of a list or mapping that becomes `[]`/`{}` goes; a
comment *inside* a deleted block item goes with it, one above it stays; new
lines in a file with Windows line ends end in CRLF as its other lines do.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..yamlsafe import Document, load
from . import render
from .edit import Edit
from .render import Style, same
from .spans import MAPPING, SCALAR, SEQUENCE, Path_, Span, TextIndex, dotted, span_dash


class PatchError(Exception):
    """The text cannot take this edit in place (a layout the patcher does not write)."""


@dataclass(frozen=True, slots=True)
class Patch:
    start: int
    end: int
    text: str
    seq: int


def patch_text(index: TextIndex, old: Any, edit: Edit, name: str = "<edit>") -> tuple[str, Document, tuple[int, int] | None]:
    """The text with this edit applied in place, the loader's reading of it, and the
    span of the old text that changed (None if nothing did); PatchError if it cannot
    be written."""
    differ = _Differ(index, edit)
    differ.value((), old, edit.data)
    patches = differ.patches
    if "\r\n" in index.text:  # a file written on Windows: new lines end the way its lines do
        patches = [Patch(p.start, p.end, p.text.replace("\n", "\r\n"), p.seq) for p in patches]
    text = apply(index.text, patches)
    try:
        doc = load(text, name)
    except InputError as e:  # pragma: no cover - a bug of the patcher, never of the edit
        raise PatchError(f"the patched text is not YAML: {e}") from None
    if not same_unordered(doc.data, edit.data):
        raise PatchError("the patched text does not say what the edit says")
    changed = (min(p.start for p in patches), max(p.end for p in patches)) if patches else None
    return text, doc, changed


def apply(text: str, patches: list[Patch]) -> str:
    """Apply non-overlapping patches (offsets into `text`) in one pass."""
    out, at = [], 0
    for p in sorted(patches, key=lambda p: (p.start, p.end, p.seq)):
        if p.start < at:
            raise PatchError("two changes of one edit touch the same text")
        out.append(text[at : p.start])
        out.append(p.text)
        at = p.end
    out.append(text[at:])
    return "".join(out)


def same_unordered(a: Any, b: Any) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_unordered(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_unordered(x, y) for x, y in zip(a, b))
    return same(a, b)


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


class _Differ:
    def __init__(self, index: TextIndex, edit: Edit):
        self.index, self.edit = index, edit
        self.text = index.text
        self.patches: list[Patch] = []

    def add(self, start: int, end: int, text: str) -> None:
        self.patches.append(Patch(start, end, text, len(self.patches)))

    def value(self, path: Path_, old: Any, new: Any) -> None:
        if old == new and same(old, new):  # == first: C speed, and false along the changed path
            return
        span = self.index.get(path)
        if isinstance(old, dict) and isinstance(new, dict) and span.kind == MAPPING:
            self.mapping(span, old, new)
        elif isinstance(old, list) and isinstance(new, list) and span.kind == SEQUENCE:
            self.sequence(span, old, new)
        else:
            self.replace(span, new)

    # --- whole values ------------------------------------------------------------------

    def replace(self, span: Span, new: Any) -> None:
        """Write a value over the old one, in the old one's style."""
        style = Style(self.index, span)
        col = self.index.column_of(span.start)
        if span.kind == SCALAR:
            fold = self._fold_width(span)
            if span.style and span.style in "|>" and render.is_scalar(new):
                header = self._header(span)
                text = render.scalar(new, header, False, self._block_indent(span), fold)
                if text.split("\n")[0] == header:  # keep the header line (and its comment): replace the lines below it
                    nl = self.text.index("\n", span.start)
                    self.add(nl, span.end, text[text.index("\n") :])
                    return
                self.add(span.start, span.end, text)
                return
            flow = self._in_flow(span)
            if render.is_scalar(new):
                text = render.scalar(new, span.style, flow, col + 2)
            else:
                text = render.flow(new, style) if flow else self._block_value(span, new, style, col)
            if span.start == span.end and self.text[span.start - 1 : span.start] == ":":
                text = " " + text if not text.startswith("\n") else text
            self.add(span.start, span.end, text)
            return
        if span.flow or self._in_flow(span):
            self.add(span.start, span.end, render.flow(new, style) if not render.is_scalar(new) else render.scalar(new, None, True))
            return
        # a block container: a block again, or a scalar / flow value after its key
        if not render.is_scalar(new) and not render.wants_flow(new, style, col):
            self.add(span.start, span.end, render.block(new, col, style))
            return
        text = render.flow(new, style) if not render.is_scalar(new) else render.scalar(new, None, False, col)
        if span.key_end is not None:
            self.add(span.key_end, span.end, ": " + text)
        else:
            self.add(span.start, span.end, text)

    def _block_value(self, span: Span, new: Any, style: Style, col: int) -> str:
        if render.wants_flow(new, style, col):
            return render.flow(new, style)
        key_col = self.index.column_of(span.key_start) if span.key_start is not None else col
        inner = key_col + 2
        return "\n" + " " * inner + render.block(new, inner, style)

    def _in_flow(self, span: Span) -> bool:
        parent = self.index.spans.get(span.path[:-1]) if span.path else None
        return parent is not None and (parent.flow or self._in_flow(parent))

    def _header(self, span: Span) -> str:
        line_end = self.text.find("\n", span.start)
        header = self.text[span.start : line_end].split("#")[0].strip()
        return header

    def _block_indent(self, span: Span) -> int:
        nl = self.text.find("\n", span.start)
        line = self.text[nl + 1 : self.text.find("\n", nl + 1) if self.text.find("\n", nl + 1) >= 0 else None]
        return len(line) - len(line.lstrip(" "))

    def _fold_width(self, span: Span) -> int:
        nl = self.text.find("\n", span.start)
        if nl < 0 or nl >= span.end:
            return render.FOLD_WIDTH
        return max(max(len(line) for line in self.text[nl + 1 : span.end].split("\n")), 40)

    # --- mappings ------------------------------------------------------------------------

    def grow_empty(self, span: Span, new: Any) -> bool:
        """An empty `[]`/`{}` after a key of a block mapping gets its first items in the
        style of a sibling's (another track's thresholds), or the house style: a list of
        mappings as a block list, short flat values on one line."""
        if not span.flow or span.children or span.key_end is None or self._in_flow(span):
            return False
        template = self.index.similar(span.path)
        style = Style(self.index, template if template is not None and not (template.flow and not template.children) else None)
        key_col = self.index.column_of(span.key_start)  # type: ignore[arg-type]
        if render.wants_flow(new, style, self.index.column_of(span.start)):
            text = " " + render.flow(new, style)
        else:
            step = style.step()
            inner = key_col + (2 if step is None else max(step, 0 if isinstance(new, list) else 2))
            text = "\n" + " " * inner + render.block(new, inner, style)
        self.add(span.key_end, span.end, ":" + text)
        return True

    def mapping(self, span: Span, old: dict, new: dict) -> None:
        if not old and self.grow_empty(span, new):
            return
        renames = self.edit._renames.get(id(new), {})
        origin = {k: renames.get(k, k) for k in new}
        kept = {o for o in origin.values() if o in old}
        if not new:
            self.empty(span, "{}")
            return
        if not kept:  # nothing of the old mapping stays: write the new one in its place
            self.replace(span, new)
            return
        for k, o in origin.items():
            if o in old and k != o:
                child = self.index.get(span.path + (o,))
                self.add(child.key_start, child.key_end, render.key_text(k))  # type: ignore[arg-type]
        removed = [k for k in old if k not in kept]
        self.remove_children(span, old, removed)
        # new keys go after the nearest kept key before them (in the new order), else first
        pending: list[tuple[Any, Any]] = []
        anchor: Any = None
        for k, v in new.items():
            o = origin[k]
            if o in kept:
                if pending:
                    self.insert_entries(span, anchor, o, pending)
                    pending = []
                anchor = o
                self.value(span.path + (o,), old[o], v)
            else:
                pending.append((k, v))
        if pending:
            self.insert_entries(span, anchor, None, pending)

    def insert_entries(self, span: Span, after: Any, before: Any, entries: list[tuple[Any, Any]]) -> None:
        keys = [k for k in span.children]
        if span.flow:
            pairs = ", ".join(f"{render.key_text(k)}: {render.flow(v, self._template(span, k))}" for k, v in entries)
            if after is not None:
                self.add(self.index.get(span.path + (after,)).end, self.index.get(span.path + (after,)).end, ", " + pairs)
            elif keys:
                first = self.index.get(span.path + (keys[0],))
                self.add(first.key_start, first.key_start, pairs + ", ")  # type: ignore[arg-type]
            else:
                self.add(span.start, span.end, "{" + pairs + "}")
            return
        first = self.index.get(span.path + (keys[0],))
        col = self.index.column_of(first.key_start)  # type: ignore[arg-type]
        pad = " " * col
        lines = [render.entry(k, v, col, self._template(span, k)) for k, v in entries]
        if after is None and not self.index.only_space_before(first.key_start):  # type: ignore[arg-type]
            # the first key shares its line with the item's dash: write before it, on that line
            self.add(first.key_start, first.key_start, ("\n" + pad).join(lines) + "\n" + pad)  # type: ignore[arg-type]
            return
        if after is None:
            at = self.index.line_start(first.key_start)  # type: ignore[arg-type]
            self.add(at, at, "".join(pad + line + "\n" for line in lines))
            return
        self.add_lines(self.index.get(span.path + (after,)).end, "".join(pad + line + "\n" for line in lines))

    def add_lines(self, end: int, text: str) -> None:
        at = self.index.line_end(end)
        if at == len(self.text) and not self.text.endswith("\n"):
            text = "\n" + text.rstrip("\n")
        self.add(at, at, text)

    def _template(self, span: Span, key: Any) -> Style:
        here = self.index.spans.get(span.path + (key,))
        return Style(self.index, here or self.index.similar(span.path + (key,)))

    def empty(self, span: Span, text: str) -> None:
        if span.flow:
            self.add(span.start, span.end, text)
        elif span.key_end is not None:
            self.add(span.key_end, span.end, ": " + text)
        else:
            self.add(span.start, span.end, text)

    # --- removing children (of a mapping or a list) --------------------------------------------

    def remove_children(self, span: Span, old: Any, removed: list[Any]) -> None:
        if not removed:
            return
        children = list(span.children)
        gone = set(removed)
        if not span.flow:
            for k in removed:
                child = self.index.get(span.path + (k,))
                i = children.index(k)
                if span.kind == MAPPING and not self.index.only_space_before(child.key_start):  # type: ignore[arg-type]
                    # a compact `- key: value` entry: cut up to the next key, keep the dash
                    nxt = next((c for c in children[i + 1 :] if c not in gone), None)
                    if nxt is None:
                        raise PatchError(f"cannot remove every key of {dotted(span.path)} and add others")
                    self.add(child.key_start, self.index.get(span.path + (nxt,)).entry_start, "")  # type: ignore[arg-type]
                    continue
                a, b = self.index.item_lines(span.path + (k,))
                self.add(a, b, "")
            return
        # flow: cut each run of removed items with one separator
        runs: list[list[int]] = []
        for i, c in enumerate(children):
            if c in gone:
                if runs and runs[-1][-1] == i - 1:
                    runs[-1].append(i)
                else:
                    runs.append([i])
        n = len(children)
        for run in runs:
            a, b = run[0], run[-1]
            first = self.index.get(span.path + (children[a],))
            last = self.index.get(span.path + (children[b],))
            starts_line = self.index.only_space_before(first.entry_start)
            if a > 0 and (not starts_line or b == n - 1):
                prev = self.index.get(span.path + (children[a - 1],))
                self.add(prev.end, last.end, "")
            elif b < n - 1:
                nxt = self.index.get(span.path + (children[b + 1],))
                if self.index.line_of(nxt.entry_start) == self.index.line_of(last.end):
                    self.add(first.entry_start, nxt.entry_start, "")
                else:
                    cut = last.end
                    while cut < len(self.text) and self.text[cut] in ", \t":
                        cut += 1
                    self.add(first.entry_start, cut, "")
            else:
                raise PatchError(f"cannot remove every item of {dotted(span.path)} and add others")

    # --- sequences -------------------------------------------------------------------------

    def sequence(self, span: Span, old: list, new: list) -> None:
        if not new:
            self.empty(span, "[]")
            return
        if not old and self.grow_empty(span, new):
            return
        origin = self.edit._origins.get(id(new))
        if origin is None:
            origin = _match(old, new)
        origin = _increasing(origin, len(old))
        kept = {o for o in origin if o is not None}
        if not kept:  # nothing of the old list stays: write the new one in its place
            self.replace(span, new)
            return
        if not span.flow and not span.children:
            self.replace(span, new)
            return
        self.remove_children(span, old, [i for i in range(len(old)) if i not in kept])
        pending: list[Any] = []
        last_kept: int | None = None
        for j, o in enumerate(origin):
            if o is None:
                pending.append(new[j])
                continue
            if pending:
                self.insert_items(span, last_kept, o, pending)
                pending = []
            last_kept = o
            self.value(span.path + (o,), old[o], new[j])
        if pending:
            self.insert_items(span, last_kept, None, pending)

    def insert_items(self, span: Span, after: int | None, before: int | None, items: list[Any]) -> None:
        n = len(span.children)
        near = after if after is not None else (before if before is not None else 0)
        template = Style(self.index, self.index.spans.get(span.path + (near,)) if n else None)
        if span.flow:
            text = ", ".join(render.flow(v, template) for v in items)
            if after is not None:
                end = self.index.get(span.path + (after,)).end
                self.add(end, end, ", " + text)
            elif n:
                start = self.index.get(span.path + (0,)).start
                self.add(start, start, text + ", ")
            else:
                self.add(span.start, span.end, "[" + text + "]")
            return
        ref = self.index.get(span.path + (near,))
        dash = span_dash(self.index, ref)
        col = self.index.column_of(dash)
        pad = " " * col
        body = "".join(pad + "- " + render.block(v, col + 2, template) + "\n" for v in items)
        if after is None:
            at = self.index.line_start(dash)
            self.add(at, at, body)
        else:
            self.add_lines(ref.end, body)


def _match(old: list, new: list) -> list[int | None]:
    """Which old item each new item is, for a list replaced whole (same length: position)."""
    if len(old) == len(new):
        return list(range(len(new)))
    origin: list[int | None] = [None] * len(new)
    matcher = difflib.SequenceMatcher(None, [_key(v) for v in old], [_key(v) for v in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            for t in range(min(i2 - i1, j2 - j1)):
                origin[j1 + t] = i1 + t
    return origin


def _increasing(origin: list[int | None], n: int) -> list[int | None]:
    """Keep the old items in their order: an item moved against it is written anew."""
    out: list[int | None] = []
    last = -1
    for o in origin:
        if o is not None and o > last and o < n:
            out.append(o)
            last = o
        else:
            out.append(None)
    return out

"""Where each value and key of a scenario's text is written, from its first to its last character.

The loader (`yamlsafe.load`) keeps where every value *starts* (`Document.marks`,
`key_marks`); to patch a value in place the editor also needs where it *ends*,
how it is written (plain, quoted, block scalar; flow `{...}` or block
container), and the lines an item or entry occupies. This module reads the same
PyYAML event stream as the loader (the same C parser, so the same positions) and
records a `Span` for every value, under the loader's own paths (`("pieces", 3,
"hex")`, keys resolved by the same YAML 1.2 rules), so a path from the model, a
problem or the screen names the same text everywhere.

Offsets are character offsets into the text (Python string indices), computed
from the events' line and column, which count characters as the loader's marks do.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..yamlsafe import _Loader, plain_scalar

Path_ = tuple[Any, ...]

SCALAR, MAPPING, SEQUENCE = "scalar", "mapping", "sequence"


@dataclass(slots=True)
class Span:
    """One value in the text.

    `start`/`end` bound the value itself: a scalar with its quotes, a flow
    container with its brackets, a block container from its first child to the
    end of its last. A block scalar ends at its last non-blank line (its trailing
    blank lines belong to the layout, not to the value). For a mapping entry,
    `key_start`/`key_end` bound its key. `style` is None (plain), "'", '"', "|"
    or ">" for scalars, "flow" or "block" for containers."""

    path: Path_
    kind: str
    start: int
    end: int
    style: str | None
    key_start: int | None = None
    key_end: int | None = None
    children: list[Any] = field(default_factory=list)  # keys or indices, in text order

    @property
    def flow(self) -> bool:
        return self.style == "flow"

    @property
    def entry_start(self) -> int:
        """Where the item or entry begins: its key, or the value itself."""
        return self.key_start if self.key_start is not None else self.start


class TextIndex:
    """Every value's span in one text, with line arithmetic for patching."""

    def __init__(self, text: str):
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.spans: dict[Path_, Span] = {}
        self._by_shape: dict[tuple, list[tuple[Path_, Span]]] | None = None  # for `similar`, built when first asked
        self._build()

    # --- positions -------------------------------------------------------------------

    def offset(self, line0: int, col0: int) -> int:
        """The character offset of a 0-based line and column."""
        if line0 >= len(self.line_starts):
            return len(self.text)
        return self.line_starts[line0] + col0

    def line_of(self, offset: int) -> int:
        """The 0-based line holding an offset."""
        return bisect_right(self.line_starts, offset) - 1

    def column_of(self, offset: int) -> int:
        return offset - self.line_starts[self.line_of(offset)]

    def line_start(self, offset: int) -> int:
        return self.line_starts[self.line_of(offset)]

    def line_end(self, offset: int) -> int:
        """Just past the newline ending the line that holds `offset` (or the end of the text)."""
        nl = self.text.find("\n", offset)
        return len(self.text) if nl < 0 else nl + 1

    def only_space_before(self, offset: int, allow_dash: bool = False) -> bool:
        """Whether nothing but indentation (and, if allowed, one "- ") precedes `offset` on its line."""
        before = self.text[self.line_start(offset) : offset]
        if allow_dash:
            stripped = before.rstrip()
            if stripped.endswith("-"):
                before = stripped[:-1]
        return before.strip() == ""

    # --- lookups ---------------------------------------------------------------------

    def get(self, path: Path_) -> Span:
        try:
            return self.spans[tuple(path)]
        except KeyError:
            raise KeyError(f"no value at {_dotted(path)} in the text") from None

    def __contains__(self, path: object) -> bool:
        return path in self.spans

    def item_lines(self, path: Path_) -> tuple[int, int]:
        """The whole lines of a block item or entry: from the start of its dash or key's
        line to just past the newline of its last line (a trailing comment goes with it)."""
        span = self.get(path)
        return self.line_start(span_dash(self, span)), self.line_end(span.end)

    def similar(self, path: Path_) -> Span | None:
        """A value written in the same place of a sibling (another table's `modifiers`,
        another track's `thresholds`): the style a new value there should follow."""
        path = tuple(path)
        if self._by_shape is None:
            self._by_shape = {}
            for other, span in self.spans.items():
                if other:
                    self._by_shape.setdefault((len(other), other[0], other[-1]), []).append((other, span))
        best, best_score = None, -1
        for other, span in self._by_shape.get((len(path), path[0] if path else None, path[-1] if path else None), ()):
            if other == path:
                continue
            score = sum(1 for a, b in zip(path, other) if a == b)
            if score > best_score:
                best, best_score = span, score
        if best is None and path[:-1] in self.spans:  # a new table beside the others: follow a sibling
            parent = self.spans[path[:-1]]
            others = [k for k in parent.children if k != path[-1]]
            if others:
                best = self.spans[path[:-1] + (others[-1],)]
        return best

    # --- building --------------------------------------------------------------------

    def _build(self) -> None:
        stack: list[list[Any]] = []  # [span, pending key or _NO_KEY, key start, key end]
        root: list[Span] = []
        for event in yaml.parse(self.text, Loader=_Loader):
            kind = type(event)
            if kind is yaml.ScalarEvent:
                start = self.offset(event.start_mark.line, event.start_mark.column)
                end = self.offset(event.end_mark.line, event.end_mark.column)
                style = event.style or None
                if style in ("|", ">"):
                    while end > start and self.text[end - 1] in " \t\r\n":
                        end -= 1
                if stack and stack[-1][0].kind == MAPPING and stack[-1][1] is _NO_KEY:
                    plain = event.implicit[0] and event.tag is None
                    stack[-1][1] = plain_scalar(event.value) if plain else event.value
                    stack[-1][2], stack[-1][3] = start, end
                    continue
                self._place(stack, root, Span((), SCALAR, start, end, style))
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                start = self.offset(event.start_mark.line, event.start_mark.column)
                span = Span((), MAPPING if kind is yaml.MappingStartEvent else SEQUENCE, start, start,
                            "flow" if event.flow_style else "block")  # fmt: skip
                self._place(stack, root, span)
                stack.append([span, _NO_KEY, None, None])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                span = stack.pop()[0]
                if span.flow:
                    span.end = self.offset(event.end_mark.line, event.end_mark.column)
                elif span.children:
                    span.end = self.spans[span.path + (span.children[-1],)].end
                if stack:
                    parent = stack[-1][0]
                    parent.end = max(parent.end, span.end)

    def _place(self, stack: list[list[Any]], root: list[Span], span: Span) -> None:
        if not stack:
            span.path = ()
            root.append(span)
            self.spans[()] = span
            return
        top = stack[-1]
        parent: Span = top[0]
        if parent.kind == SEQUENCE:
            key: Any = len(parent.children)
        else:
            key = top[1]
            span.key_start, span.key_end = top[2], top[3]
            top[1] = _NO_KEY
        span.path = parent.path + (key,)
        parent.children.append(key)
        self.spans[span.path] = span
        if not parent.flow:
            parent.end = max(parent.end, span.end)


def span_dash(index: TextIndex, span: Span) -> int:
    """Where a block item's dash is, or an entry's key: the first character of its lines."""
    first = span.entry_start
    before = index.text[index.line_start(first) : first]
    stripped = before.rstrip()
    if stripped.endswith("-") and stripped[:-1].strip() == "":
        return index.line_start(first) + len(stripped) - 1
    return first


class _NoKey:
    __slots__ = ()


_NO_KEY = _NoKey()


def _dotted(path: Path_) -> str:
    out = ""
    for seg in path:
        out += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if out else str(seg))
    return out or "(top)"


def dotted(path: Path_) -> str:
    """`("pieces", 3, "hex")` -> `pieces[3].hex`, as the loader's messages write paths."""
    return _dotted(tuple(path))

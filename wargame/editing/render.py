"""Writing a value the way the file around it is written.

A new or changed value is rendered in the style of what it replaces or of its
neighbours (the `template`, a `Span` of the text): a double-quoted hex name stays
double-quoted, a plain name stays plain, a folded description is folded again at
the same width, a new piece beside flow-mapping pieces is one `{...}` line, a
new threshold beside block ones is a block. Without a neighbour the house style
applies: block sections, one-line flow leaves (`{track: escalation, change: 1}`),
lists of mappings as block lists.

Every scalar is checked by reading it back with the loader's own rules before it
is used (plain `no` is text in YAML 1.2, `"0708"` must stay quoted, `Erbil: north`
cannot be plain in a mapping); a style that would change the value falls back
to double quotes, which can write any text.
"""

from __future__ import annotations

import json
import math
from typing import Any

from ..errors import InputError
from ..yamlsafe import load
from .spans import MAPPING, SCALAR, SEQUENCE, Span, TextIndex

WIDTH = 110  # a flow container longer than this (from its column) is written as a block
FOLD_WIDTH = 80  # folded text with no width of its own to follow


def is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def same(a: Any, b: Any) -> bool:
    """Equal in value *and* type, as the text would read them: 1, 1.0 and true differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


def reads_as(text: str, value: Any, flow: bool) -> bool:
    """Whether `text`, written as a value in a flow or block context, reads back as `value`."""
    snippet = f"[{text}]" if flow else f"k: {text}"
    try:
        data = load(snippet, "<value>").data
    except InputError:
        return False
    got = data[0] if flow and isinstance(data, list) and len(data) == 1 else (data.get("k", _MISSING) if isinstance(data, dict) and not flow else _MISSING)
    return got is not _MISSING and same(got, value)


_MISSING = object()


def plain_text(value: Any) -> str | None:
    """The plain form of a number, truth value or null (None for text)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    return None


def double_quoted(text: str) -> str:
    """Any text as a YAML double-quoted scalar: JSON's escapes are YAML's, and what YAML
    would read as a line break or refuses in a file (NEL, LS, PS, BOM, non-printables)
    is escaped too."""
    out = json.dumps(text, ensure_ascii=False)
    if all(_printable(ch) for ch in out):
        return out
    return "".join(ch if _printable(ch) else (f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}") for ch in out)


def _printable(ch: str) -> bool:
    """YAML's c-printable, less the characters it reads as line breaks or a byte-order mark."""
    o = ord(ch)
    return (0x20 <= o <= 0x7E) or (0xA0 <= o <= 0xD7FF and o not in (0x2028, 0x2029)) or (0xE000 <= o <= 0xFFFD and o != 0xFEFF) or o >= 0x10000


def scalar(value: Any, style: str | None, flow: bool, indent: int = 0, width: int = FOLD_WIDTH) -> str:
    """A scalar in `style` (None plain, "'", '"', "|..." or ">..." block headers), or the
    nearest style that reads back as the same value. `indent` is the column of a block
    scalar's lines."""
    fixed = plain_text(value)
    if fixed is not None:
        return fixed
    if not isinstance(value, str):
        raise TypeError(f"cannot write {type(value).__name__} in a scenario")
    candidates: list[str] = []
    if style and style[0] in "|>" and not flow:
        block = block_scalar(value, style, indent, width)
        if block is not None:
            candidates.append(block)
    elif style == "'":
        if "\n" not in value and value.isprintable():
            candidates.append("'" + value.replace("'", "''") + "'")
    elif style is None and value and "\n" not in value:
        candidates.append(value)
    for text in candidates:
        check = text if not text[:1] in "|>" else text.replace("\n" + " " * indent, "\n  ")
        if reads_as(check, value, flow):
            return text
    return double_quoted(value)


def block_scalar(value: str, header: str, indent: int, width: int) -> str | None:
    """A `>`/`|` scalar with the header's chomping, its lines at column `indent`; None if the
    value cannot be written that way (leading spaces, a chomping it cannot keep)."""
    kind, chomp = header[0], header[1:].strip()[:1]
    body = value
    if body.endswith("\n"):
        if chomp == "-":
            chomp = ""
        body = body[:-1]
        if body.endswith("\n"):
            return None
    elif chomp != "-":
        chomp = "-"
    if not body or body != body.strip(" ") or "\t" in body:
        return None
    pad = " " * indent
    if kind == "|":
        lines = body.split("\n")
    else:
        lines = []
        for i, para in enumerate(body.split("\n")):
            if i:
                lines.append("")
            lines.extend(wrap(para, max(20, width - indent)) if para else [])
    return kind + chomp + "".join("\n" + (pad + line if line else "") for line in lines)


def wrap(text: str, width: int) -> list[str]:
    """Greedy wrap at single spaces (a folded scalar joins its lines with one space)."""
    words = text.split(" ")
    if "" in words:
        return [text]  # double spaces would not survive folding
    lines, line = [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return lines


# --- containers ------------------------------------------------------------------------


class Style:
    """What a new value copies: a template span in the text (or none) and its children."""

    def __init__(self, index: TextIndex | None, span: Span | None):
        self.index, self.span = index, span

    def child(self, key: Any) -> Style:
        if self.index is None or self.span is None or self.span.kind == SCALAR:
            return NO_STYLE
        if self.span.kind == SEQUENCE:
            key = 0
        return Style(self.index, self.index.spans.get(self.span.path + (key,)))

    def kind(self) -> str | None:
        return self.span.kind if self.span is not None else None

    @property
    def scalar_style(self) -> str | None:
        return self.span.style if self.span is not None and self.span.kind == SCALAR else None

    def step(self) -> int | None:
        """How far a block child is indented past its key in the template (None: unknown)."""
        span, index = self.span, self.index
        if span is None or index is None or span.kind == SCALAR or span.flow or span.key_start is None:
            return None
        return index.column_of(span.start) - index.column_of(span.key_start)


NO_STYLE = Style(None, None)


def container_kind(value: Any) -> str:
    return MAPPING if isinstance(value, dict) else SEQUENCE


def flow(value: Any, style: Style = NO_STYLE) -> str:
    """A value on one line: `{id: x, hex: "0708"}`, `[a, b]`, or a scalar."""
    if isinstance(value, dict):
        inner = ", ".join(f"{key_text(k)}: {flow(v, style.child(k))}" for k, v in value.items())
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v, style.child(i)) for i, v in enumerate(value)) + "]"
    s = style.scalar_style
    return scalar(value, s if s in (None, "'", '"') else '"', True)


def key_text(key: Any) -> str:
    return scalar(key, None, True)


def wants_flow(value: Any, style: Style, col: int) -> bool:
    """Whether a container in block context is written on one line."""
    if style.kind() == container_kind(value) and style.span is not None:
        return style.span.flow
    if not value:
        return True
    items = value.values() if isinstance(value, dict) else value
    if isinstance(value, list) and any(isinstance(v, dict) for v in items):
        return False
    if any(not is_scalar(v) and any(not is_scalar(w) for w in (v.values() if isinstance(v, dict) else v)) for v in items):
        return False
    return col + len(flow(value, style)) <= WIDTH


def block(value: Any, col: int, style: Style = NO_STYLE, width: int = FOLD_WIDTH) -> str:
    """A value written from column `col` in block context (its first line starts there, in
    place; later lines carry their own indentation, no final newline)."""
    if is_scalar(value):
        s = style.scalar_style
        return scalar(value, s, False, indent=col + 2 if col else 2, width=width)
    if wants_flow(value, style, col):
        return flow(value, style)
    pad = " " * col
    lines = []
    if isinstance(value, dict):
        for k, v in value.items():
            lines.append(entry(k, v, col, style.child(k), width))
    else:
        for i, v in enumerate(value):
            lines.append("- " + block(v, col + 2, style.child(i), width))
    return ("\n" + pad).join(lines)


def entry(key: Any, value: Any, col: int, style: Style = NO_STYLE, width: int = FOLD_WIDTH) -> str:
    """`key: value` of a block mapping whose key is at column `col`."""
    head = f"{key_text(key)}:"
    if is_scalar(value):
        s = style.scalar_style
        return f"{head} " + scalar(value, s, False, indent=col + 2, width=width)
    if wants_flow(value, style, col + len(head) + 1):
        return f"{head} " + flow(value, style)
    step = style.step()
    if step is None:
        step = 2
    inner = col + max(step, 0 if isinstance(value, list) else 2)
    return f"{head}\n" + " " * inner + block(value, inner, style, width)

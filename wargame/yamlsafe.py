"""Read YAML that people write by hand, safely and with every position kept.

Why not `yaml.safe_load`: it follows YAML 1.1 (`no` becomes False, `012` becomes
10), it expands aliases into shared references (a tiny "billion laughs" file
explodes when walked), it silently keeps the last of two equal keys, and it
forgets where each value came from, so a later check could not say "line 41,
column 9". This module builds plain Python data straight from PyYAML's event
stream (its C parser when present), with the YAML 1.2 core schema for plain
scalars, and refuses aliases, tags, duplicate keys, several documents, deep
nesting and oversized files, each with the line and column where it happens.
Scenarios and saves are both read through here, so one set of rules applies to
every file the game reads.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, Problem

try:  # the C parser is ~10x faster; the pure-Python one gives the same events
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 40

Path_ = tuple[Any, ...]


@dataclass
class Document:
    """Plain data read from a YAML file plus the position of every value and key."""

    file: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    text: str = field(default="", repr=False)

    def line_text(self, line: int) -> str:
        """The source text of a 1-based line ("" past the end)."""
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def where(self, path: Path_) -> tuple[int, int]:
        """Line and column of the value at `path`, or of its nearest ancestor."""
        path = tuple(path)
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (1, 1))

    def where_key(self, path: Path_) -> tuple[int, int]:
        """Line and column of the key naming `path` (falls back to the value)."""
        return self.key_marks.get(tuple(path)) or self.where(path)

    def problem(self, path: Path_, message: str, *, at_key: bool = False) -> Problem:
        line, col = self.where_key(path) if at_key else self.where(path)
        return Problem(self.file, line, col, message)


# YAML 1.2 core schema, for plain (unquoted) scalars only.
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(nan|NaN|NAN)\Z")
# the first characters of every null, boolean and number above
_SPECIAL_START = frozenset("0123456789+-.~nNtTfF")


def plain_scalar(text: str) -> Any:
    """The value of an unquoted scalar under the YAML 1.2 core schema."""
    if text and text[0] not in _SPECIAL_START:  # most names and words: no pattern can match
        return text
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text)
    if _OCT.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.match(text):
        return float("nan")
    return text


def read_text(path: str | Path, *, max_bytes: int = MAX_BYTES) -> str:
    """A file's text, refusing missing, oversized and non-UTF-8 files with a located line."""
    return decode(read_bytes(path, max_bytes=max_bytes), str(path))


def read_bytes(path: str | Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """A regular file's bytes, at most `max_bytes`; anything else is one InputError line.

    Only regular files are read: a folder, a named pipe (FIFO), a device or a
    socket is refused from its `stat`, before it is opened, so that reading
    never blocks on a pipe nobody writes to and never reads /dev/zero forever.
    The file is then opened without blocking and checked again (it may have
    been swapped in between), and its size is checked before a byte is read.
    """
    name = str(path)
    try:
        kind = _not_regular(os.stat(path).st_mode)
        if kind:
            raise InputError.single(name, f"is {kind}, not a file")
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError.single(name, "no such file") from None
    except NotADirectoryError:
        raise InputError.single(name, "no such file (a part of the path is not a folder)") from None
    except IsADirectoryError:
        raise InputError.single(name, "is a folder, not a file") from None
    except OSError as e:
        raise InputError.single(name, f"cannot be read: {e.strerror}") from None
    try:
        st = os.fstat(fd)
        kind = _not_regular(st.st_mode)
        if kind:
            raise InputError.single(name, f"is {kind}, not a file")
        if st.st_size > max_bytes:
            raise InputError.single(name, f"is larger than {max_bytes // 1024} KiB; refusing to read it")
        with os.fdopen(fd, "rb", closefd=False) as f:
            raw = f.read(max_bytes + 1)
    except OSError as e:
        raise InputError.single(name, f"cannot be read: {e.strerror}") from None
    finally:
        os.close(fd)
    if len(raw) > max_bytes:  # it grew while we read it
        raise InputError.single(name, f"is larger than {max_bytes // 1024} KiB; refusing to read it")
    return raw


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def _not_regular(mode: int) -> str | None:
    """What a path is when it is not a regular file, in words; None for a file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        # utf-8-sig counts e.start after the BOM; columns count characters, as YAML marks do.
        before = raw.removeprefix(b"\xef\xbb\xbf")[: e.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8")) + 1
        raise InputError.single(name, "is not UTF-8 text", line, col) from None


def load(text: str, name: str) -> Document:
    """Parse one YAML document into plain data with positions; raise InputError if it cannot."""
    doc = Document(name, None, text=text)
    stack: list[Any] = []  # open containers
    paths: list[Path_] = []  # path of each open container
    pending_key: list[Any] = []  # for mappings: the key waiting for its value, or _NO_KEY
    documents = 0

    def fail(mark: Any, message: str) -> InputError:
        return InputError.single(name, message, mark.line + 1, mark.column + 1)

    def place(value: Any, mark: Any, is_container: bool) -> Path_ | None:
        """Attach a finished scalar or a new container to its parent; return its path."""
        pos = (mark.line + 1, mark.column + 1)
        if not stack:
            doc.data = value
            doc.marks[()] = pos
            return ()
        parent = stack[-1]
        if isinstance(parent, list):
            path = paths[-1] + (len(parent),)
            parent.append(value)
            doc.marks[path] = pos
            return path
        key = pending_key[-1]
        if key is _NO_KEY:  # this node is a key
            if is_container:
                raise fail(mark, "a mapping key must be a plain value, not a list or mapping")
            if isinstance(value, float) or value is None or isinstance(value, bool):
                raise fail(mark, f"key {value!r} must be a name or a number")
            path = paths[-1] + (value,)
            if value in parent:
                first = doc.key_marks.get(path, (0, 0))
                raise fail(mark, f"duplicate key {value!r} (first given at line {first[0]})")
            doc.key_marks[path] = pos
            pending_key[-1] = value
            return None
        path = paths[-1] + (key,)
        parent[key] = value
        doc.marks[path] = pos
        pending_key[-1] = _NO_KEY
        return path

    try:
        for event in yaml.parse(text, Loader=_Loader):
            kind = type(event)
            if kind is not yaml.AliasEvent and getattr(event, "anchor", None) is not None:  # only there for an alias
                raise fail(event.start_mark, f"anchors (&{event.anchor}) are not allowed: write each value out in full")
            if kind is yaml.ScalarEvent:
                if event.tag is not None and event.tag != "!":
                    raise fail(event.start_mark, f"tags such as {_short(event.tag)!r} are not used here; write the plain value")
                # only an untagged plain scalar is resolved; quoted or `!`-tagged ones stay text
                plain = event.implicit[0] and event.tag is None
                try:
                    value = plain_scalar(event.value) if plain else event.value
                except ValueError:  # Python refuses to read integers of more than 4300 digits
                    raise fail(event.start_mark, "this number has too many digits") from None
                place(value, event.start_mark, False)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.tag is not None:
                    raise fail(event.start_mark, f"tags such as {_short(event.tag)!r} are not used here")
                if len(stack) >= MAX_DEPTH:
                    raise fail(event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
                container: Any = {} if kind is yaml.MappingStartEvent else []
                path = place(container, event.start_mark, True)
                stack.append(container)
                paths.append(path if path is not None else ())
                pending_key.append(_NO_KEY)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                paths.pop()
                pending_key.pop()
            elif kind is yaml.AliasEvent:
                raise fail(event.start_mark, "aliases (*name) are not allowed: write the value out in full")
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise fail(event.start_mark, "only one YAML document is allowed per file (found a second '---')")
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = (e.problem or e.context or "malformed YAML").strip()
        if e.context and e.problem and e.context_mark is not None:
            problem = f"{problem} ({e.context} at line {e.context_mark.line + 1})"
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        raise InputError.single(name, f"YAML syntax: {problem}", line, col) from None
    except yaml.reader.ReaderError as e:  # a control character, which YAML does not allow in a file
        before = text[: e.position]
        line = before.count("\n") + 1
        col = e.position - (before.rfind("\n") + 1) + 1
        char = chr(e.character) if isinstance(e.character, int) else e.character
        raise InputError.single(name, f"YAML syntax: character {char!r} is not allowed in a YAML file", line, col) from None
    except yaml.YAMLError as e:
        raise InputError.single(name, "YAML syntax: " + " ".join(str(e).split())) from None
    return doc


def _short(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


class _NoKey:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY = _NoKey()


def load_file(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read and parse a YAML file; every failure is an InputError naming the file."""
    return load(read_text(path, max_bytes=max_bytes), str(path))

"""Check plain data read from a file against a pydantic model, with positions.

Pydantic reports errors by path (`pieces[3].hex`); the YAML reader kept the
line and column of every path, so each error becomes one located line for
people, with a "did you mean" hint for misspelt keys. Scenarios and saves both
come through here.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import InputError, Problem
from .yamlsafe import Document

M = TypeVar("M", bound=BaseModel)


def validate_model(doc: Document, model: type[M]) -> M:
    """The document's data as `model`, or an InputError with every problem located."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as e:
        raise InputError(sorted(_problems(doc, e, model), key=lambda p: (p.line, p.column))) from None


def _problems(doc: Document, error: ValidationError, model: type[BaseModel]) -> list[Problem]:
    out: list[Problem] = []
    seen: set[tuple] = set()
    meant = _meant_keys(doc, error, model)
    for err in error.errors(include_url=False):
        path = _data_path(doc.data, err["loc"])
        if path is None:  # an error from the union branch that does not match the data
            continue
        key = (path, err["type"])
        if key in seen or (err["type"] == "missing" and path in meant):
            continue
        seen.add(key)
        out.append(_problem(doc, path, err, model))
    if not out:  # never hide a failure because every branch was filtered
        err = error.errors(include_url=False)[0]
        out.append(doc.problem((), err["msg"]))
    return out


def _meant_keys(doc: Document, error: ValidationError, model: type[BaseModel]) -> set[tuple]:
    """Paths of required keys that a misspelt key was surely meant to be.

    `rnage: 14` is one mistake: it is reported once, as an unknown key with its
    "did you mean 'range'?" hint, not a second time (and first, by line) as the
    missing 'range'.
    """
    meant: set[tuple] = set()
    for err in error.errors(include_url=False):
        if err["type"] != "extra_forbidden":
            continue
        path = _data_path(doc.data, err["loc"])
        if path:
            hint = _did_you_mean(model, path, doc.data)
            if hint is not None:
                meant.add(path[:-1] + (hint,))
    return meant


def _did_you_mean(model: type[BaseModel], path: tuple, data: Any) -> str | None:
    hint = difflib.get_close_matches(str(path[-1]), _fields_at(model, path[:-1], data), n=1)
    return hint[0] if hint else None


def _data_path(data: Any, loc: tuple) -> tuple | None:
    """The part of pydantic's error location that indexes into the data.

    Union tags in the location ('strike_flight', 'list[ResultRow]') are skipped;
    an error inside the list branch when the data is a mapping (or the reverse)
    returns None so the reader sees only the branch they wrote. When the data is
    neither (`results: 5`), the list branch speaks for both (see `_message`):
    dropping both once hid the mistake entirely.
    """
    path: list[Any] = []
    node = data
    for seg in loc:
        if isinstance(node, dict) and seg in node:
            path.append(seg)
            node = node[seg]
        elif isinstance(node, list) and isinstance(seg, int) and 0 <= seg < len(node):
            path.append(seg)
            node = node[seg]
        elif isinstance(seg, str) and seg.startswith("list["):
            if isinstance(node, dict):
                return None
        elif isinstance(seg, str) and seg.startswith("dict["):
            if not isinstance(node, dict):
                return None
        elif isinstance(node, dict) and isinstance(node.get("kind"), str) and seg == node.get("kind"):
            continue  # discriminated union tag
        else:
            path.append(seg)  # a missing key or a tag: point at the last real node
            node = None
    return tuple(path)


def _dotted(path: tuple) -> str:
    out = ""
    for seg in path:
        out += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if out else str(seg))
    return out or "(top)"


def _real_prefix(doc: Document, path: tuple) -> tuple:
    while path and path not in doc.marks:
        path = path[:-1]
    return path


def _problem(doc: Document, path: tuple, err: dict, model: type[BaseModel]) -> Problem:
    kind = err["type"]
    value = err.get("input")
    real = _real_prefix(doc, path)
    where = _dotted(path)
    if kind == "missing":
        return doc.problem(real, f"{_dotted(real)}: missing required key {path[-1]!r}")
    if kind == "extra_forbidden":
        known = _fields_at(model, path[:-1], doc.data)
        hint = _did_you_mean(model, path, doc.data)
        tail = f" (did you mean {hint!r}?)" if hint else (f" (expected one of: {', '.join(known)})" if known else "")
        return doc.problem(path, f"{_dotted(path[:-1])}: unknown key {path[-1]!r}{tail}", at_key=True)
    if kind == "union_tag_invalid":
        ctx = err.get("ctx") or {}
        tag_path = real + ("kind",)
        return doc.problem(
            tag_path, f"{where}.kind: unknown kind {ctx.get('tag')!r}; expected one of {ctx.get('expected_tags', '?')}"
        )
    return doc.problem(real, f"{where}: {_message(kind, err, value)}")


# What each pattern of the models means, by the exact pattern: a substring test
# once called a date "not a hex name" (both patterns hold `[0-9]{4}`).
PATTERN_WORDS = {
    r"^[0-9]{4}$": "is not a hex name: four digits CCRR, column then row, e.g. '1207'",
    r"^[a-z][a-z0-9_]*$": "is not an identifier (lower-case letters, digits and underscores, starting with a letter)",
    r"^#[0-9a-fA-F]{6}$": "is not a colour (#rrggbb)",
    r"^[A-Za-z]$": "is not a single letter",
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "is not a date (YYYY-MM-DD)",
}


def _message(kind: str, err: dict, value: Any) -> str:
    shown = _show(value)
    ctx = err.get("ctx") or {}
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, found {shown}"
    if kind in ("float_type", "float_parsing"):
        return f"expected a number, found {shown}"
    if kind in ("string_type",):
        return f"expected text, found {shown}"
    if kind in ("bool_type", "bool_parsing"):
        hint = " (YAML 1.2: write true or false)" if isinstance(value, str) else ""
        return f"expected true or false, found {shown}{hint}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping of keys, found {shown}"
    if kind in ("list_type", "tuple_type"):
        either = str(err["loc"][-1]).startswith("list[") if err.get("loc") else False  # a list-or-mapping union
        return f"expected a list{' or a mapping of keys' if either else ''}, found {shown}"
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected', '?')}, found {shown}"
    if kind == "union_tag_not_found":
        key = str(ctx.get("discriminator", "kind")).strip("'")  # pydantic quotes it already: "'kind'"
        return f"missing key {key!r}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        return f"{shown} {PATTERN_WORDS.get(pattern, 'does not have the expected form')}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "?")
        words = {"greater_than_equal": "at least", "greater_than": "more than", "less_than_equal": "at most", "less_than": "less than"}
        return f"must be {words[kind]} {bound}, found {shown}"
    if kind in ("too_short", "too_long"):  # pydantic says "List should have ... after validation"
        bound = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        one, many = ("entry", "entries") if ctx.get("field_type") == "Dictionary" else ("item", "items")
        most = "at least" if kind == "too_short" else "at most"
        return f"must have {most} {bound} {one if bound == 1 else many}, found {ctx.get('actual_length', '?')}"
    if kind == "string_too_short":
        n = ctx.get("min_length", 1)
        return "must not be empty" if n == 1 else f"must be at least {n} characters long, found {shown}"
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length', '?')} characters long, found {shown}"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    return str(err["msg"])


def _show(value: Any) -> str:
    if value is None:  # an empty value in YAML; "None" is Python's word, not the reader's
        return "null (an empty value)"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _fields_at(model: type[BaseModel], path: tuple, data: Any) -> list[str]:
    """The keys the model at `path` accepts, for 'did you mean' hints."""
    node: Any = model
    for seg in path:
        node = _step(node, seg, data)
        data = _index(data, seg)
        if node is None:
            return []
    node = _unwrap_model(node, data)
    if isinstance(node, type) and issubclass(node, BaseModel):
        return list(node.model_fields)
    return []


def _index(data: Any, seg: Any) -> Any:
    if isinstance(data, dict):
        return data.get(seg)
    if isinstance(data, list) and isinstance(seg, int) and 0 <= seg < len(data):
        return data[seg]
    return None


def _step(node: Any, seg: Any, data: Any) -> Any:
    node = _unwrap_model(node, data)
    if isinstance(node, type) and issubclass(node, BaseModel):
        field = node.model_fields.get(seg) if isinstance(seg, str) else None
        return field.annotation if field is not None else None
    origin = typing.get_origin(node)
    args = typing.get_args(node)
    if origin is list and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None


def _unwrap_model(node: Any, data: Any) -> Any:
    """Strip Annotated and Optional; in a union of models pick the one whose
    `kind` matches the data (or the first)."""
    for _ in range(8):
        origin = typing.get_origin(node)
        if origin is typing.Annotated:
            node = typing.get_args(node)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(node) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            if not models:
                return args[0] if len(args) == 1 else node
            kind = data.get("kind") if isinstance(data, dict) else None
            node = next((m for m in models if _kind_of(m) == kind), models[0])
        else:
            return node
    return node


def _kind_of(model: type[BaseModel]) -> Any:
    field = model.model_fields.get("kind")
    args = typing.get_args(field.annotation) if field is not None else ()
    return args[0] if args else None

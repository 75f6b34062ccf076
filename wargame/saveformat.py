"""The save file's lines: how each is written, and how each is read back in linear time.

A save is a YAML document written in a strict, line-oriented form (see
docs/save-format.md): every line is `key: VALUE`, an indented sub-key, a step
`  - VALUE` or the closing `end: VALUE`, and every VALUE is one line of JSON,
which YAML reads the same way. The game reads it line by line with Python's
json (C speed, one pass), never through the YAML event loop, whose cost per
value (and a position kept for every die) made a large save take a minute.
Each line must be exactly as the game writes it, so no edit, however
harmless-looking, passes unnoticed; the chain of hashes (record.py) then
catches any edit that is written in the game's own form.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from .errors import InputError

HASH = re.compile(r"[0-9a-f]{32}\Z")
SHA256 = re.compile(r"[0-9a-f]{64}\Z")
# raw characters JSON leaves alone but YAML readers do not (C1 controls, NEL, the
# Unicode line and paragraph separators that YAML 1.1 breaks lines at, a stray BOM)
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")


def canonical(value: Any) -> str:
    """One line of JSON as the game writes it: JSON's escapes are YAML's, so the
    line reads the same to any YAML reader."""
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "), allow_nan=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def link(*parts: Any) -> str:
    """One hash of the chain: BLAKE2b-128 over the parts as compact JSON."""
    data = json.dumps(parts, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class SavedScenario:
    id: str
    sha256: str
    text: str


@dataclass(frozen=True, slots=True)
class SavedStep:
    """One recorded step: the command as data (None for the game's start), the dice
    it rolled as (sides, face), the state hash after it, and (from format 2) the
    chain hash binding it to every step and header value before it."""

    command: dict[str, Any] | None
    faces: list[tuple[int, int]]
    hash: str
    chain: str | None = None


@dataclass(frozen=True)
class SaveFile:
    """What a save file says, as read (after `load_game` has checked it)."""

    format: str
    rules: int
    game: str
    scenario: SavedScenario
    seed: int
    dice_drawn: int
    players: dict[str, str] = field(default_factory=dict)
    result: str | None = None
    steps: list[SavedStep] = field(default_factory=list)


# --- reading -----------------------------------------------------------------------


class Lines:
    """A save's text as numbered lines, with located errors for each.

    Lines are split at '\\n' only (not at the Unicode separators `splitlines`
    breaks at), and the text must end with one: a file cut short anywhere is
    refused, including one cut cleanly between two lines.
    """

    def __init__(self, text: str, name: str):
        self.name = name
        self.lines = text.split("\n")
        self.complete = self.lines[-1] == ""
        if self.complete:
            self.lines.pop()
        self.at = 0  # index of the next line to read

    def error(self, number: int, message: str, column: int = 1) -> InputError:
        return InputError.single(self.name, message, number, column)

    def peek(self) -> str | None:
        return self.lines[self.at] if self.at < len(self.lines) else None

    def take(self) -> tuple[int, str]:
        """The next line and its 1-based number; refuses a file that ends here."""
        if self.at >= len(self.lines):
            raise self.error(len(self.lines) + 1, "the save ends here: it was cut short", 1)
        line = self.lines[self.at]
        self.at += 1
        if self.at == len(self.lines) and not self.complete:
            raise self.error(self.at, "the last line is incomplete (no end of line): the save was cut short", len(line) + 1)
        return self.at, line

    def field(self, key: str, check: Callable[[Any], str | None] | None = None, writer: Callable[[Any], str] = canonical) -> Any:
        """The value of the next line, which must read `key: VALUE` with VALUE as the game writes it."""
        number, line = self.take()
        prefix = key + ":" if check is None else key + ": "
        if not line.startswith(prefix):
            shown = line.split(":")[0].strip() or line[:20]
            if shown == key.strip():  # the right key, mangled around it: say where and how
                indent = len(key) - len(key.lstrip())
                if not line.startswith(key):
                    said = f"indented by {indent} spaces" if indent else "at the start of its line"
                    raise self.error(number, f"{key.strip()!r} must stand {said}, as the game writes it", 1)
                at = next(i for i, (a, b) in enumerate(zip(line + "\0", prefix)) if a != b)
                raise self.error(number, f"{key.strip()!r} must be followed by {prefix[len(key):]!r}, "
                                 f"as the game writes it; found {line[len(key):at + 1]!r}", at + 1)  # fmt: skip
            raise self.error(number, f"expected {key.strip()!r} here, found {shown!r}", 1)
        if check is None:
            if line != prefix:
                raise self.error(number, f"'{key.strip()}:' stands alone on its line", len(prefix) + 1)
            return None
        return self.value(number, line, len(prefix), check, key.strip(), writer)

    def value(self, number: int, line: str, start: int, check: Callable[[Any], str | None], what: str,
              writer: Callable[[Any], str] = canonical) -> Any:  # fmt: skip
        raw = line[start:]
        column = start + 1
        try:
            value = json.loads(raw, parse_constant=_no_constant)
        except (ValueError, RecursionError) as e:
            where = getattr(e, "pos", 0) or 0
            message = getattr(e, "msg", None) or str(e)
            if "integer string conversion" in message:  # Python's own limit, and its advice to a programmer
                message = "a number with more digits than any the game writes"
            raise self.error(number, f"{what}: not a value the game writes ({message})", column + where) from None
        problem = check(value)
        if problem is not None:
            raise self.error(number, f"{what}: {problem}", column)
        if writer(value) != raw:
            raise self.error(number, f"{what}: not written as the game writes it: the save was edited by hand", column)
        return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a save holds")


# --- what each value may be -----------------------------------------------------------


def is_text(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")  # a lone surrogate written as \\ud800
    except UnicodeEncodeError:
        return False
    return True


def text_check(most: int) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if not is_text(value):
            return "expected text"
        return None if len(value) <= most else f"longer than {most} characters"

    return check


def int_check(low: int, high: int) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if not isinstance(value, int) or isinstance(value, bool):
            return "expected a whole number"
        if low <= value <= high:
            return None
        # Python will not write out a whole number of more than 4,300 digits: say how long it is
        found = value if abs(value) < 10**18 else f"a number of about {int(value.bit_length() * 0.30103) + 1:,} digits"
        return f"must be from {low} to {high}, found {found}"

    return check


def pattern_check(pattern: re.Pattern, words: str) -> Callable[[Any], str | None]:
    return lambda value: None if isinstance(value, str) and pattern.match(value) else f"expected {words}"


def players_check(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "expected a mapping of sides to players"
    for side, who in value.items():
        if side not in ("blue", "red"):
            return f"unknown side {side!r} (blue or red)"
        if not is_text(who) or len(who) > 100:
            return f"the {side} player must be a short text"
    return None


def optional_text(value: Any) -> str | None:
    return None if value is None or (is_text(value) and len(value) <= 1000) else "expected text or null"


def faces_of(value: Any) -> list[tuple[int, int]] | str:
    """Recorded dice as (sides, face) pairs, or what is wrong with them."""
    if not isinstance(value, list):
        return "faces must be a list of [sides, face] pairs"
    out = []
    for pair in value:
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not all(isinstance(x, int) and not isinstance(x, bool) for x in pair)
            or not 2 <= pair[0] <= 1000
            or not 1 <= pair[1] <= pair[0]
        ):
            return f"a die is recorded as [sides, face] with 1 <= face <= sides, found {json.dumps(pair)[:40]}"
        out.append((pair[0], pair[1]))
    return out


def step_lines(lines: Lines, keys: tuple[str, ...]) -> Iterator[tuple[int, int, dict[str, Any]]]:
    """Each `  - {...}` step line as (step number, line number, mapping holding exactly
    `keys` in the order the game writes them); stops before the first other line."""
    wanted = list(keys)

    def check(value: Any) -> str | None:
        if not isinstance(value, dict):
            return "a step is a mapping"
        if list(value) != wanted:
            return f"a step holds {', '.join(wanted)}, in that order"
        return None

    i = 0
    while True:
        line = lines.peek()
        if line is None or not line.startswith("  - "):
            return
        number, line = lines.take()
        yield i, number, lines.value(number, line, 4, check, f"step {i}")
        i += 1

"""Saved games: the record of commands and dice that replays a game exactly.

A save (docs/save-format.md) holds the format and rules versions, the full text
of the scenario it was played on with its SHA-256, the seed, one line per step
(the command, the dice faces it rolled, the state hash after it and a chain
hash) and a closing line with the step count, how far the dice stream has run
and the final chain hash. Loading replays every step with the recorded faces
(never re-rolling, as VASSAL does) and stops at the first step where the replay
and the record part, naming it.

Why a chain and not only a state hash per step: a changed die that gives the
same result leaves every state as it was, and the seed and `dice_drawn` are
not in the state at all (editing `dice_drawn` once rerolled the future
unnoticed). Each chain hash covers the previous one, the step's command and
faces and the state hash, and the first covers the header, so any change is
caught at the step it touches; the closing line binds the count (a file cut
cleanly between two steps has none) and `dice_drawn`. No key is involved: a
hot-seat game has nowhere to keep a secret, and the document says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import __version__
from .atomic import write_atomic
from .dice import ReplayDiverged
from .errors import InputError, Problem
from .replay import dice_drawn, play_on, rerun_step, replay_digests, start
from .rules.commands import from_data, to_data
from .rules.engine import Game, IllegalCommand, Step
from .rules.rulebook import Rulebook
from .saves import FIRST_LINE, SAVE_SUFFIX, is_save
from .saveformat import (
    HASH,
    SHA256,
    Lines,
    SavedScenario,
    SavedStep,
    SaveFile,
    canonical,
    faces_of,
    int_check,
    link,
    pattern_check,
    players_check,
    step_lines,
    text_check,
)
from .scenario.load import MAX_SCENARIO_BYTES, LoadedScenario, load_scenario_text, scenario_digest
from .migrate import rules_2_hash
from .yamlsafe import decode, read_bytes

__all__ = [
    "SAVE_FORMAT", "RULES_VERSION", "MAX_SAVE_BYTES", "SAVE_SUFFIX", "RecordParted", "SaveFile",
    "save_text", "save_game", "write_atomic", "is_save", "load_game", "load_game_text",
]  # fmt: skip

SAVE_FORMAT = "wargame-save/2"
FORMAT_NUMBER = 2
# The rules a game is replayed by; bumped whenever a recorded game would replay
# differently (other dice asked, other commands legal, other results or state
# hashes: docs/save-format.md, Versions). 2: each side's own pieces count as known
# from the start, and the state hash covers the victory-point log link by link.
# 3: cards, markers, active teams, politics, repair, casualties that score as
# inflicted; the state (and its hash) holds hands, markers and the day's counts.
# 4: final scoring counts every objective before the points decide (under 3, the first
# objective to reach an automatic-victory level ended the game before the rest were scored).
# A rules-2 save replays under rules 4 and is checked with the rules-2 hash (migrate.py); a
# rules-3 save with today's hash. One whose game ended at final scoring on an automatic
# level parts from its record there, and is refused naming both versions.
RULES_VERSION = 4
OLDER_RULES = (2, 3)  # rules versions of format 2 this wargame still replays
# What a save may hold, so that loading answers in a few seconds whatever it is
# given: a replayed step costs about 0.1 ms plus 4.4 us a piece (the engine copies
# the state for undo and hashes it whole after every command), so the work is
# counted in steps x (pieces + 25), and 700,000 of those take 2 to 3 s here.
# A 365-turn game of the June scenario is 0.8 MB and 4,349 steps (190,000).
MAX_SAVE_BYTES = 4 * 1024 * 1024
MAX_REPLAY_WORK = 700_000
STEP_OVERHEAD = 25  # a step's fixed cost, in pieces
STEP_KEYS = ("command", "faces", "state", "chain")
END_KEYS = ("steps", "dice_drawn", "result", "chain")


class RecordParted(InputError):
    """The replay and the record part at a step: what `wargame replay --verify` reports.

    An InputError, so every other command refuses the save in its one line."""

    def __init__(self, file: str, line: int, step: int, turn: int, phase: str, command: str, reason: str,
                 expected: str | None = None, found: str | None = None, chain: tuple[str, str] | None = None):  # fmt: skip
        self.step, self.turn, self.phase, self.command = step, turn, phase, command
        self.reason, self.expected, self.found, self.chain = reason, expected, found, chain
        if chain is not None:
            hashes = f" (the state, {found}, is as recorded; expected chain {chain[0]}, found {chain[1]})"
        elif expected and found:
            hashes = f" (expected state {expected}, found {found})"
        else:
            hashes = ""
        where = f"turn {turn}, {phase}: {command}" if step else "the game's start"
        super().__init__([Problem(file, line, 5, f"step {step} ({where}): {reason}{hashes}")])

    def report(self) -> str:
        """The lines `--verify` prints: the located line, then each fact on its own."""
        lines = [str(self.problems[0]), f"  step {self.step}, turn {self.turn}, {self.phase}", f"  command: {self.command or 'none (the start)'}"]
        if self.expected:
            lines.append(f"  expected state {self.expected}")
            lines.append(f"  found state    {self.found or '(none: the step does not replay)'}")
        if self.chain:
            lines.append(f"  expected chain {self.chain[0]}")
            lines.append(f"  found chain    {self.chain[1]}")
        return "\n".join(lines)


# --- writing ---------------------------------------------------------------------


def save_text(game: Game, loaded: LoadedScenario | None = None, players: dict[str, str] | None = None) -> str:
    """The save file for a game, with each step's hash computed by replaying it.

    Replaying here (rather than hashing during play) keeps play fast and checks
    the engine's determinism at every save: the replayed final state must hash
    the same as the live one."""
    loaded = loaded or game.rules.loaded
    digests = replay_digests(game.rules, game.seed, game.history)
    if digests[-1] != game.digest():
        raise RuntimeError("replaying this game does not reproduce it: the engine is not deterministic")
    st = game.state
    result = st.result.summary() if st.result else None
    first = _printable(f"{FIRST_LINE}: {loaded.scenario.meta.title}, turn {st.turn} of {loaded.scenario.turns.count}"
                       + (f", {result}" if result else ""))  # fmt: skip
    sid, sha, players = loaded.scenario.id, scenario_digest(loaded.text), dict(players or {})
    lines = [
        first,
        f"format: {canonical(SAVE_FORMAT)}",
        f"rules: {RULES_VERSION}",
        f"game: {canonical(__version__)}",
        "scenario:",
        f"  id: {canonical(sid)}",
        f"  sha256: {canonical(sha)}",
        f"  text: {canonical(loaded.text)}",
        f"seed: {game.seed}",
        f"players: {canonical(players)}",
        "steps:",
    ]
    chain = _start_link(first, RULES_VERSION, __version__, sid, sha, game.seed, players)
    for step, digest in zip(game.history, digests):
        command = None if step.command is None else to_data(step.command)
        faces = [[s, f] for s, f in step.faces]
        chain = link(chain, command, faces, digest)
        lines.append("  - " + canonical({"command": command, "faces": faces, "state": digest, "chain": chain}))
    drawn = dice_drawn(game)
    end = {"steps": len(game.history), "dice_drawn": drawn, "result": result, "chain": _end_link(chain, len(game.history), drawn, result)}
    lines.append("end: " + canonical(end))
    return "\n".join(lines) + "\n"


def save_game(path: str | Path, game: Game, players: dict[str, str] | None = None) -> None:
    """Write the game's save to `path` atomically (see atomic.py)."""
    write_atomic(path, save_text(game, players=players))


def _start_link(first: str, rules: int, version: str, sid: str, sha: str, seed: int, players: dict[str, str]) -> str:
    return link(SAVE_FORMAT, first, rules, version, sid, sha, seed, players)


def _end_link(chain: str, steps: int, drawn: int, result: str | None) -> str:
    return link(chain, "end", steps, drawn, result)


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else " " for c in text)


# --- reading ---------------------------------------------------------------------


def load_game(path: str | Path) -> tuple[Game, SaveFile]:
    """Replay a save into a live game, checking every step; InputError if it cannot."""
    name = str(path)
    return load_game_text(decode(read_bytes(path, max_bytes=MAX_SAVE_BYTES), name), name)


def load_game_text(text: str, name: str) -> tuple[Game, SaveFile]:
    """Replay a save's text (see `load_game`); the format decides how it is read."""
    lines = Lines(text, name)
    if not text:
        raise lines.error(0, "is empty: not a wargame save")
    number, first = lines.take()
    if not first.startswith(FIRST_LINE):
        raise lines.error(1, f"not a wargame save (a save's first line reads '{FIRST_LINE}: ...')")
    if "\r" in text:  # an editor rewrote the line ends: every line would be refused, say why once
        at = text.index("\r")
        raise lines.error(text.count("\n", 0, at) + 1, "has Windows line ends (CR LF), which the game never writes: the save was rewritten by an editor", at - text.rfind("\n", 0, at))  # fmt: skip
    fmt, number = _format_of(lines)
    if fmt == 1:
        from .migrate import load_format_1

        return load_format_1(lines)
    if fmt != FORMAT_NUMBER:
        raise lines.error(number, f"made by a newer wargame (format wargame-save/{fmt}; this one reads up to {SAVE_FORMAT}): update wargame to open it", 9)  # fmt: skip
    return _load(lines, first)


def _format_of(lines: Lines) -> tuple[int, int]:
    """The format's number from the second line: `format: "wargame-save/N"` (N = 1 wrote it unquoted)."""
    number, line = lines.take()
    if not line.startswith("format: "):
        raise lines.error(number, "not a wargame save (its second line should name the format)")
    value = line[len("format: "):]
    for prefix, suffix in (('"wargame-save/', '"'), ("wargame-save/", "")):
        digits = value[len(prefix) : len(value) - len(suffix)]
        if value.startswith(prefix) and value.endswith(suffix) and digits.isdigit() and len(digits) < 6:
            return int(digits), number
    raise lines.error(number, f"not a wargame save this version can read (format {value[:40]}; expected {SAVE_FORMAT})", 9)


def embedded_rules(lines: Lines, sid: str, sha: str, text: str, number: int) -> Rulebook:
    """The rules of the scenario a save embeds, after checking it is the one the save names."""
    if len(text.encode("utf-8")) > MAX_SCENARIO_BYTES:
        raise lines.error(number, "the embedded scenario is larger than a scenario may be", 9)
    if scenario_digest(text) != sha:
        raise lines.error(number, "the embedded scenario does not match its SHA-256: the save was changed by hand or is corrupt", 9)
    book = _RULEBOOKS.get(sha)
    if book is None:
        try:
            loaded = load_scenario_text(text, f"{lines.name} (embedded scenario)")
        except InputError as e:
            raise lines.error(number, f"the embedded scenario is invalid: {e.problems[0]}", 9) from None
        book = Rulebook(loaded)
        _RULEBOOKS[sha] = book
        while len(_RULEBOOKS) > 8:
            del _RULEBOOKS[next(iter(_RULEBOOKS))]
    if book.scenario.id != sid:
        raise lines.error(number - 2, f"the scenario's id {sid!r} is not the embedded scenario's ({book.scenario.id!r})", 7)
    return book


# The rules of the scenarios saves embedded lately, by SHA-256: reloading a save
# (the autosave, the viewer, a test's hundred edits) skips reading its scenario
# again, and a Rulebook is made to be shared by any number of games.
_RULEBOOKS: dict[str, Rulebook] = {}


def check_replay_work(lines: Lines, book: Rulebook) -> None:
    """Refuse, before replaying anything, a record longer than loading may take."""
    steps = sum(1 for line in lines.lines[lines.at :] if line.startswith("  - "))
    pieces = len(book.scenario.pieces)
    most = MAX_REPLAY_WORK // (pieces + STEP_OVERHEAD)
    if steps > most:
        raise lines.error(lines.at, f"holds {steps} steps of a {pieces}-piece scenario: this wargame replays at most {most} "
                                    "steps of it (docs/save-format.md, Limits)")  # fmt: skip


def rules_version(lines: Lines, played: int | tuple[int, ...], fmt: str) -> int:
    """The save's rules version, refused unless this wargame plays it."""
    number = lines.at + 1
    rules = lines.field("rules", int_check(0, 10**6))
    if rules > RULES_VERSION:
        raise lines.error(number, f"made by a newer wargame (rules version {rules}; this one plays rules version {RULES_VERSION}): update wargame to open it", 8)  # fmt: skip
    if rules not in (played if isinstance(played, tuple) else (played,)):
        if rules != RULES_VERSION and rules not in OLDER_RULES:
            raise lines.error(number, f"made with rules version {rules}, which this wargame (rules version {RULES_VERSION}) no longer plays in {fmt}", 8)  # fmt: skip
        held = ", ".join(map(str, played if isinstance(played, tuple) else (played,)))  # a version played, in another format
        raise lines.error(number, f"rules version {rules} is not one a {fmt} record holds (it holds rules version {held}): "
                                  "the first line or this one was changed, or another program wrote the record", 8)  # fmt: skip
    return rules


def _load(lines: Lines, first: str) -> tuple[Game, SaveFile]:
    rules = rules_version(lines, (RULES_VERSION, *OLDER_RULES), SAVE_FORMAT)
    version = lines.field("game", text_check(40))
    lines.field("scenario")
    sid = lines.field("  id", text_check(100))
    sha = lines.field("  sha256", pattern_check(SHA256, "a SHA-256 as 64 hexadecimal digits"))
    text_at = lines.at + 1
    text = lines.field("  text", text_check(MAX_SCENARIO_BYTES))
    seed = lines.field("seed", int_check(0, 2**63 - 1))
    players = lines.field("players", players_check)
    lines.field("steps")
    book = embedded_rules(lines, sid, sha, text, text_at)
    check_replay_work(lines, book)
    chain = _start_link(first, rules, version, sid, sha, seed, players)
    game: Game | None = None
    steps: list[SavedStep] = []
    older = rules != RULES_VERSION
    hash_of = rules_2_hash if rules == 2 else None  # rules 3 hashed the state as today

    def refuse(number: int, i: int, why: str) -> InputError:
        return lines.error(number, f"step {i}: made with rules version {rules}, which this wargame (rules version {RULES_VERSION}) "
                                   f"no longer plays for this game: {why}", 5)  # fmt: skip

    for i, number, data in step_lines(lines, STEP_KEYS):
        step, command = _step(lines, i, number, data)
        turn, phase, what = _where(game, step)
        try:
            if game is None:
                game = start(book, seed, step.faces)
            else:
                rerun_step(game, step)
        except IllegalCommand as e:
            if older:
                raise refuse(number, i, f"the rules refuse {what}: {e.reason}") from None
            raise RecordParted(lines.name, number, i, turn, phase, what, f"the rules refuse it: {e.reason}", data["state"]) from None
        except ReplayDiverged as e:
            if older:
                raise refuse(number, i, str(e)) from None
            raise RecordParted(lines.name, number, i, turn, phase, what, str(e), data["state"]) from None
        digest = hash_of(game.state) if hash_of is not None else game.digest()
        if older and digest != data["state"]:
            raise refuse(number, i, "the replayed state differs from the record (or the save was changed by hand)")
        if digest != data["state"]:
            raise RecordParted(lines.name, number, i, turn, phase, what, "the replayed state differs from the record: the save was changed or made by other rules", data["state"], digest)  # fmt: skip
        chain = link(chain, command, data["faces"], digest)
        if chain != data["chain"]:
            changed = "the header (seed, players, versions, scenario) or this step's dice or command" if i == 0 else "this step's dice or command"
            raise RecordParted(lines.name, number, i, turn, phase, what, f"the chain of hashes breaks here: {changed} was changed by hand",
                               data["state"], digest, (data["chain"], chain))  # fmt: skip
        steps.append(SavedStep(data["command"], step.faces, digest, chain))
    if game is None:
        raise lines.error(lines.at + 1, "the save holds no steps (the first is the game's start)")
    drawn, result = _end(lines, len(steps), chain, game)
    play_on(game, drawn)
    scenario = SavedScenario(sid, sha, text)
    return game, SaveFile(SAVE_FORMAT, rules, version, scenario, seed, drawn, players, result, steps)


def _step(lines: Lines, i: int, number: int, data: dict[str, Any]) -> tuple[Step, Any]:
    """A step line's command and dice, checked for form (not yet against the rules)."""
    faces = faces_of(data["faces"])
    if isinstance(faces, str):
        raise lines.error(number, f"step {i}: {faces}", 5)
    for key in ("state", "chain"):
        if not isinstance(data[key], str) or not HASH.match(data[key]):
            raise lines.error(number, f"step {i}: {key} must be a hash of 32 hexadecimal digits", 5)
    if (data["command"] is None) != (i == 0):
        said = "the first step must be the game's start (command: null)" if i == 0 else "only the first step may have no command"
        raise lines.error(number, f"step {i}: {said}", 5)
    command = None
    if i:
        try:
            command = from_data(data["command"])
        except ValueError as e:
            raise lines.error(number, f"step {i}: {e}", 5) from None
    return Step(command, faces), None if command is None else to_data(command)


def _where(game: Game | None, step: Step) -> tuple[int, str, str]:
    """Turn, phase and the command in words, as they stood before a step, for reports."""
    if game is None:
        return 1, "the game's start", ""
    assert step.command is not None
    phase = "game over" if game.over else game.phase_title
    return game.state.turn, phase, step.command.describe()


def _end(lines: Lines, count: int, chain: str, game: Game) -> tuple[int, str | None]:
    """Check the closing line: the step count, the dice drawn and the result, bound to the chain."""
    line = lines.peek()
    if line is None:
        raise lines.error(lines.at + 1, f"the save stops after step {count - 1} without its closing line ('end: ...'): it was cut short")
    if not line.startswith("end: "):
        raise lines.error(lines.at + 1, "expected a step ('  - ...') or the closing line ('end: ...')")
    number = lines.at + 1

    def check(value: Any) -> str | None:
        if not isinstance(value, dict) or list(value) != list(END_KEYS):
            return f"the closing line holds {', '.join(END_KEYS)}, in that order"
        if int_check(0, 2**62)(value["steps"]) or int_check(0, 2**62)(value["dice_drawn"]):
            return "steps and dice_drawn are whole numbers"
        if value["result"] is not None and not isinstance(value["result"], str):
            return "result is text or null"
        return None if isinstance(value["chain"], str) and HASH.match(value["chain"]) else "chain must be a hash of 32 hexadecimal digits"

    end = lines.field("end", check)
    if end["steps"] != count:
        raise lines.error(number, f"the closing line counts {end['steps']} steps, but the save holds {count}: steps were added or removed", 7)
    if _end_link(chain, count, end["dice_drawn"], end["result"]) != end["chain"]:
        raise lines.error(number, "the closing line does not match the record's chain: its dice_drawn or result was changed by hand", 7)
    if (end["result"] is None) == game.over:
        raise lines.error(number, "the closing line's result does not match the replayed game", 7)
    if lines.peek() is not None:
        raise lines.error(lines.at + 1, "nothing may follow the closing line")
    return end["dice_drawn"], end["result"]

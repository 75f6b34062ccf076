"""Saved games: the record of commands and dice that replays a game exactly.

A save is a self-describing YAML file: format and rules versions, the full text
of the scenario it was played on (with its SHA-256, so it replays after the
scenario file changes and refuses a tampered copy), the seed and how far the
dice stream has run, and one line per step: the command, the dice faces it
rolled, and the state hash after it. Loading replays every step with the
recorded faces (never re-rolling, as VASSAL does) and stops with a located
error at the first step whose hash differs.

Writing goes to a temporary file that is then renamed over the target, so a
crash or a full disk never leaves a half-written save in place of a good one.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from . import __version__
from .errors import InputError, Problem
from .located import validate_model
from .rules.commands import from_data, to_data
from .dice import RecordedDice, ReplayDiverged, SeededDice
from .rules.engine import Game, IllegalCommand
from .rules.rulebook import Rulebook
from .scenario.load import MAX_SCENARIO_BYTES, LoadedScenario, load_scenario_text, scenario_digest
from .yamlsafe import load, read_text

SAVE_FORMAT = "wargame-save/1"
RULES_VERSION = 1
MAX_SAVE_BYTES = 32 * 1024 * 1024


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class SavedScenario(_Strict):
    id: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    text: str


class SavedStep(_Strict):
    command: dict[str, Any] | None
    faces: list[list[int]]
    hash: str = Field(pattern=r"^[0-9a-f]{32}$")


class SaveFile(_Strict):
    format: Literal["wargame-save/1"]
    rules: int
    game: str
    scenario: SavedScenario
    seed: int = Field(ge=0, lt=2**63)
    dice_drawn: int = Field(ge=0)
    players: dict[str, str] = Field(default_factory=dict)
    result: str | None = None
    steps: list[SavedStep] = Field(min_length=1)


# --- writing ---------------------------------------------------------------------


def save_text(game: Game, loaded: LoadedScenario | None = None, players: dict[str, str] | None = None) -> str:
    """The save file for a game, with each step's hash computed by replaying it.

    Replaying here (rather than hashing during play) keeps play fast and checks
    the engine's determinism at every save: the replayed final state must hash
    the same as the live one."""
    loaded = loaded or game.rules.loaded
    hashes = _replay_hashes(game)
    if hashes[-1] != game.digest():
        raise RuntimeError("replaying this game does not reproduce it: the engine is not deterministic")
    drawn = game.dice.drawn if isinstance(game.dice, SeededDice) else 0
    st = game.state
    title = loaded.scenario.meta.title
    lines = [
        f"# wargame save: {title}, turn {st.turn} of {loaded.scenario.turns.count}"
        + (f", {st.result.summary()}" if st.result else ""),
        f"format: {SAVE_FORMAT}",
        f"rules: {RULES_VERSION}",
        f"game: {_q(__version__)}",
        "scenario:",
        f"  id: {_q(loaded.scenario.id)}",
        f"  sha256: {_q(scenario_digest(loaded.text))}",
        f"  text: {_q(loaded.text)}",
        f"seed: {game.seed}",
        f"dice_drawn: {drawn}",
        "players: " + json.dumps(players or {}, ensure_ascii=False, separators=(", ", ": ")),
        f"result: {_q(st.result.summary()) if st.result else 'null'}",
        "steps:",
    ]
    for step, digest in zip(game.history, hashes):
        command = "null" if step.command is None else json.dumps(to_data(step.command), separators=(", ", ": "))
        faces = "[" + ", ".join(f"[{s}, {f}]" for s, f in step.faces) + "]"
        lines.append(f"  - {{command: {command}, faces: {faces}, hash: {_q(digest)}}}")
    return "\n".join(lines) + "\n"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _replay_hashes(game: Game) -> list[str]:
    steps = game.history
    replay = Game(game.rules, game.seed, RecordedDice(list(steps[0].faces)))
    hashes = [replay.digest()]
    for step in steps[1:]:
        replay.dice = RecordedDice(list(step.faces))
        assert step.command is not None
        replay.apply(step.command)
        hashes.append(replay.digest())
    return hashes


def write_atomic(path: str | Path, text: str) -> None:
    """Write a file so that it is either the old one or the whole new one, never half."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def save_game(path: str | Path, game: Game, players: dict[str, str] | None = None) -> None:
    write_atomic(path, save_text(game, players=players))


# --- reading ---------------------------------------------------------------------

SAVE_SUFFIX = ".wgsave"


def is_save(path: str | Path) -> bool:
    """A save by its suffix or its first line (saves start with '# wargame save')."""
    path = Path(path)
    if path.suffix == SAVE_SUFFIX:
        return True
    try:  # never block: a pipe or a device is no save (the scenario reader refuses it)
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        return os.read(fd, 64).startswith(b"# wargame save")
    except OSError:
        return False
    finally:
        os.close(fd)



def load_game(path: str | Path) -> tuple[Game, SaveFile]:
    """Replay a save into a live game, checking every step; InputError if it cannot."""
    name = str(path)
    return load_game_text(read_text(path, max_bytes=MAX_SAVE_BYTES), name)


def load_game_text(text: str, name: str) -> tuple[Game, SaveFile]:
    doc = load(text, name)
    if not isinstance(doc.data, dict):
        raise InputError.single(name, "not a wargame save (expected keys format, scenario, steps, ...)", *doc.where(()))
    fmt = doc.data.get("format")
    if fmt != SAVE_FORMAT:
        what = f"format {fmt!r}" if fmt else "no 'format' key"
        raise InputError.single(name, f"not a wargame save this version can read ({what}; expected {SAVE_FORMAT})", *doc.where(("format",)))
    rules = doc.data.get("rules")
    if isinstance(rules, int) and rules > RULES_VERSION:
        raise InputError.single(
            name,
            f"made by a newer wargame (rules version {rules}; this is version {RULES_VERSION}): update wargame to open it",
            *doc.where(("rules",)),
        )
    save = validate_model(doc, SaveFile)
    if save.rules < RULES_VERSION:
        raise InputError.single(name, f"made with older rules (version {save.rules}) that this wargame no longer plays", *doc.where(("rules",)))
    if len(save.scenario.text.encode("utf-8")) > MAX_SCENARIO_BYTES:
        raise InputError.single(name, "the embedded scenario is larger than a scenario may be", *doc.where(("scenario", "text")))
    if scenario_digest(save.scenario.text) != save.scenario.sha256:
        raise InputError.single(
            name, "the embedded scenario does not match its SHA-256: the save was changed by hand or is corrupt", *doc.where(("scenario", "text"))
        )
    try:
        loaded = load_scenario_text(save.scenario.text, f"{name} (embedded scenario)")
    except InputError as e:
        raise InputError([Problem(name, *doc.where(("scenario", "text")), f"the embedded scenario is invalid: {e.problems[0]}")]) from None
    rules_book = Rulebook(loaded)
    game = _replay(doc, save, rules_book)
    return game, save


def _replay(doc: Any, save: SaveFile, rules: Rulebook) -> Game:
    name = doc.file

    def fail(i: int, message: str) -> InputError:
        line, col = doc.where(("steps", i))
        return InputError.single(name, f"step {i}: {message}", line, col)

    steps = save.steps
    i = 0
    if steps[0].command is not None:
        raise fail(0, "the first step must be the game's start (command: null)")
    try:
        game = Game(rules, save.seed, RecordedDice(_faces(steps[0].faces)))
        for i, step in enumerate(steps):
            if i:
                if step.command is None:
                    raise fail(i, "only the first step may have no command")
                try:
                    command = from_data(step.command)
                except ValueError as e:
                    raise fail(i, str(e)) from None
                game.dice = RecordedDice(_faces(step.faces))
                try:
                    game.apply(command)
                except IllegalCommand as e:
                    raise fail(i, f"the rules refuse {command.describe()}: {e.reason}") from None
            dice = game.dice
            if isinstance(dice, RecordedDice) and not dice.exhausted:
                raise fail(i, "the record holds more dice than the rules rolled: the save was changed or made by other rules")
            if game.digest() != step.hash:
                raise fail(i, "the replayed state differs from the recorded one: the save was changed or made by other rules")
    except ReplayDiverged as e:
        raise fail(i, str(e)) from None
    game.dice = SeededDice(save.seed, save.dice_drawn)
    return game


def _faces(pairs: list[list[int]]) -> list[tuple[int, int]]:
    out = []
    for pair in pairs:
        if len(pair) != 2:
            raise ReplayDiverged("a die is recorded as [sides, face]")
        out.append((pair[0], pair[1]))
    return out

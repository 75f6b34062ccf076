"""Saves of format 1 (`wargame-save/1`, rules 1): read, checked as far as they can be, and played on.

Format 1 recorded a state hash per step but no chain, so by itself it could
not see a changed die that gave the same result, nor an edited seed or
`dice_drawn`. Every format-1 save was written by a game whose dice came from
its seed, so here the recorded faces are drawn again from the seed and must
match one by one, and `dice_drawn` must be where that stream stops: this
binds the dice, the seed and `dice_drawn` to the record after the fact.

Rules 1 and rules 2 differ in one thing only: under rules 1 a side's own
pieces were not "known from the start" (Blue's pieces began with no detection
turn); commit 4d09dc0 made them so without bumping the version, and saves
written after it carry today's state hashes under the old number. A format-1
save is therefore replayed under today's rules and each step checked against
its recorded hash as either rules 1 first hashed it or as they hash it now,
whichever its start matches. A game that replays so is the same game and
loads (the next save writes format 2); one that parts from its record under
today's rules is refused with one line naming both rules versions.
"""

from __future__ import annotations

import hashlib
import json
import sys
from array import array
from typing import Any, Callable

from .dice import ReplayDiverged
from .errors import InputError
from .replay import play_on, rerun_step, seeded, start
from .rules.commands import from_data
from .rules.engine import Game, IllegalCommand, Step
from .rules.state import NEVER, GameState
from .saveformat import SHA256, Lines, SavedScenario, SavedStep, SaveFile, faces_of, int_check, optional_text, pattern_check, players_check, text_check
from .scenario.load import MAX_SCENARIO_BYTES

FORMAT_1 = "wargame-save/1"
RULES_1 = 1
# The statistics rules 2 kept, in its order (rules 3 counts strikes, detections and cards played too).
RULES_2 = 2
_RULES_2_STATS = (
    "attacks", "drones_launched", "drones_shot_down", "drones_through", "rockets_fired",
    "us_casualties", "militia_casualties", "civilian_casualties", "sorties_flown",
    "sorties_turned_back", "unauthorized_sorties", "targets_destroyed", "quiet_turns",
)  # fmt: skip


def _v1_json(value: Any) -> str:
    """How format 1 wrote each value (JSON, without format 2's escapes for YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _format_1_hash(state: GameState) -> str:
    """The state hash exactly as format 1 wrote it (GameState.digest of commit 690c3d4).

    Frozen here: today's digest hashes the victory-point log link by link (it was
    quadratic over a long game), so format-1 hashes are checked with the formula
    that wrote them, over the state as today's rules replay it."""
    flat = _frozen_pieces(state)
    result = None if state.result is None else (state.result.winner, state.result.reason, sorted(state.result.vp.items()))
    rest = (
        state.turn, state.phase, tuple(state.pieces), sorted(state.tracks.items()),
        sorted((s, sorted(v.items())) for s, v in state.stocks.items()), sorted(state.vp.items()), state.vp_log,
        sorted((k, state.stats.get(k, 0)) for k in _RULES_2_STATS), [(a.number, a.kind, a.team, a.target, a.count, a.resolved) for a in state.attacks],
        state.attacks_this_turn, state.attacks_last_turn, state.strikes_today, state.pending_authorization,
        sorted(state.reached), result,
    )  # fmt: skip
    h = hashlib.blake2b(flat.tobytes(), digest_size=16)
    h.update(repr(rest).encode("utf-8"))
    return h.hexdigest()


_NO_AIM = (-(1 << 30), -(1 << 30))


def _frozen_pieces(state: GameState) -> array:
    """The pieces as rules 1 and 2 both flattened them for their hash (frozen: never change)."""
    flat = array("i")
    for p in state.pieces.values():
        aim = p.aim if p.aim is not None else _NO_AIM
        flat.extend((
            p.hex[0], p.hex[1],
            p.damaged | p.destroyed << 1 | p.hidden << 2 | p.seen_damaged << 3 | p.seen_destroyed << 4 | p.unconfirmed << 5,
            p.detected_turn, p.moved_turn, p.attacked_turn, p.suppressed_turn, p.sorties_used, aim[0], aim[1], p.casualties,
        ))  # fmt: skip
    if sys.byteorder == "big":
        flat.byteswap()
    return flat


def _rules_1_hash(state: GameState) -> str:
    """As rules 1 hashed a state: Blue's own pieces not yet 'known' (no detection turn)."""
    old = state.clone()
    for p in old.pieces.values():
        if p.side == "blue" and p.detected_turn == 0:
            p.detected_turn = NEVER
    return _format_1_hash(old)


def rules_2_hash(state: GameState) -> str:
    """The state hash exactly as rules 2 wrote it (GameState.digest of commit 23aaea5).

    Rules 3 adds to the state what only its new parts use (cards, markers, active
    teams, the day's counts) and hashes them too. A game played under rules 2 on a
    scenario without those parts replays the same under rules 3, so its record is
    checked with this formula over the state as rules 3 replays it: a step that
    matches is the same game; one that does not is refused, naming both versions."""
    flat = _frozen_pieces(state)
    result = None if state.result is None else (state.result.winner, state.result.reason, sorted(state.result.vp.items()))
    chain = ""
    for entry in state.vp_log:
        chain = hashlib.blake2b((chain + repr(entry)).encode("utf-8"), digest_size=16).hexdigest()
    stats = {k: state.stats.get(k, 0) for k in _RULES_2_STATS}
    rest = (
        state.turn, state.phase, tuple(state.pieces), sorted(state.tracks.items()),
        sorted((s, sorted(v.items())) for s, v in state.stocks.items()), sorted(state.vp.items()), chain,
        sorted(stats.items()), [(a.number, a.kind, a.team, a.target, a.count, a.resolved) for a in state.attacks],
        state.attacks_this_turn, state.attacks_last_turn, state.strikes_today, state.pending_authorization,
        sorted(state.reached), result,
    )  # fmt: skip
    h = hashlib.blake2b(flat.tobytes(), digest_size=16)
    h.update(repr(rest).encode("utf-8"))
    return h.hexdigest()


def load_format_1(lines: Lines) -> tuple[Game, SaveFile]:
    from .record import RULES_VERSION, check_replay_work, embedded_rules, rules_version

    first = lines.lines[0]

    def field(key: str, check: Callable[[Any], str | None] | None = None) -> Any:
        return lines.field(key, check, _v1_json)

    rules = rules_version(lines, RULES_1, FORMAT_1)
    version = field("game", text_check(40))
    field("scenario")
    sid = field("  id", text_check(100))
    sha = field("  sha256", pattern_check(SHA256, "a SHA-256 as 64 hexadecimal digits"))
    text_at = lines.at + 1
    text = field("  text", text_check(MAX_SCENARIO_BYTES))
    seed = field("seed", int_check(0, 2**63 - 1))
    drawn_at = lines.at + 1
    drawn = field("dice_drawn", int_check(0, 2**62))
    players = field("players", players_check)
    result_at = lines.at + 1
    result = field("result", optional_text)
    field("steps")
    book = embedded_rules(lines, sid, sha, text, text_at)
    check_replay_work(lines, book)

    def refuse(number: int, i: int, why: str) -> InputError:
        return lines.error(number, f"step {i}: made with rules version {RULES_1}, which this wargame (rules version {RULES_VERSION}) "
                                   f"no longer plays for this game: {why}", 5)  # fmt: skip

    stream = seeded(seed)
    digest: Callable[[GameState], str] | None = None
    game: Game | None = None
    steps: list[SavedStep] = []
    i = 0
    while lines.peek() is not None and lines.peek().startswith("  - "):  # type: ignore[union-attr]
        number, line = lines.take()
        command_data, faces, recorded = _step_line(lines, number, line, i)
        for k, (sides, face) in enumerate(faces):
            if stream.die(sides) != face:
                raise lines.error(number, f"step {i}: die {k + 1} (a d{sides} showing {face}) is not what the game's seed rolled: the save was changed by hand", 5)  # fmt: skip
        try:
            if game is None:
                game = start(book, seed, faces)
            else:
                rerun_step(game, Step(from_data(command_data), faces))
        except IllegalCommand as e:
            raise refuse(number, i, f"the rules refuse {from_data(command_data).describe()}: {e.reason}") from None
        except ReplayDiverged as e:
            raise refuse(number, i, str(e)) from None
        if digest is None:  # the start tells which code wrote the hashes
            digest = next((d for d in (_format_1_hash, _rules_1_hash) if d(game.state) == recorded), None)
            if digest is None:
                raise refuse(number, i, "its start hashes differently under both")
        if digest(game.state) != recorded:
            raise refuse(number, i, "the replayed state differs from the record (or the save was changed by hand)")
        steps.append(SavedStep(command_data, faces, recorded))
        i += 1
    if game is None:
        raise lines.error(lines.at + 1, "the save holds no steps (the first is the game's start)")
    if lines.peek() is not None:
        raise lines.error(lines.at + 1, "expected a step ('  - {command: ...}') or the end of the save")
    if drawn != stream.drawn:  # type: ignore[attr-defined]
        raise lines.error(drawn_at, "dice_drawn is not where the recorded dice leave the game's dice: the save was changed by hand", 13)
    summary = game.state.result.summary() if game.state.result else None
    if result != summary:
        raise lines.error(result_at, "the result is not the replayed game's: the save was changed by hand", 9)
    scenario = book.scenario
    described = f"# wargame save: {scenario.meta.title}, turn {game.state.turn} of {scenario.turns.count}" + (f", {summary}" if summary else "")
    if first != described:
        raise lines.error(1, "the first line does not describe the game the save holds: the save was changed by hand or cut short")
    play_on(game, drawn)
    return game, SaveFile(FORMAT_1, rules, version, SavedScenario(sid, sha, text), seed, drawn, players, result, steps)


def _step_line(lines: Lines, number: int, line: str, i: int) -> tuple[dict | None, list[tuple[int, int]], str]:
    """`  - {command: JSON, faces: JSON, hash: "HEX"}`, exactly as format 1 wrote it."""
    cut_faces, cut_hash = line.rfind(", faces: "), line.rfind(', hash: "')
    if not (line.startswith("  - {command: ") and line.endswith('"}') and 0 < cut_faces < cut_hash):
        raise lines.error(number, f"step {i}: not a step as format 1 wrote it ({{command: ..., faces: ..., hash: ...}})", 5)
    parts = line[len("  - {command: ") : cut_faces], line[cut_faces + len(", faces: ") : cut_hash], line[cut_hash + len(', hash: "') : -2]
    try:
        command, faces = json.loads(parts[0]), json.loads(parts[1])
    except (ValueError, RecursionError) as e:
        raise lines.error(number, f"step {i}: not a step as format 1 wrote it ({e})", 5) from None
    if _v1_json(command) != parts[0] or _v1_json(faces) != parts[1] or len(parts[2]) != 32 or parts[2].strip("0123456789abcdef"):
        raise lines.error(number, f"step {i}: not written as format 1 wrote it: the save was edited by hand", 5)
    pairs = faces_of(faces)
    if isinstance(pairs, str):
        raise lines.error(number, f"step {i}: {pairs}", 5)
    if (command is None) != (i == 0):
        said = "the first step must be the game's start (command: null)" if i == 0 else "only the first step may have no command"
        raise lines.error(number, f"step {i}: {said}", 5)
    if command is not None:
        try:
            from_data(command)
        except ValueError as e:
            raise lines.error(number, f"step {i}: {e}", 5) from None
    return command, pairs, parts[2]

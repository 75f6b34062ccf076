"""A corpus of broken saves, each refused in one located line naming the step.

Every case is a small mutation of a save written in the test itself, so the
corpus follows the format as it changes; each mutation asserts that it changed
something, and each expected line and step is found in the mutated text, never
written down as a number."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from typing import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.ai.random_player import RandomPlayer
from wargame.errors import InputError
from wargame.record import RULES_VERSION, SAVE_FORMAT, RecordParted, load_game, load_game_text, save_text
from wargame.replay import Replay, rerun_step
from wargame.rules.engine import Game, Step

NAME = "game.wgsave"


@dataclass
class Fresh:
    game: Game
    text: str

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def step_index(self, n: int) -> int:
        """0-based index of step n's line."""
        return self.lines.index("steps:") + 1 + n

    def step(self, n: int) -> dict:
        return json.loads(self.lines[self.step_index(n)][4:])

    def with_step(self, n: int, data: dict) -> str:
        lines = self.lines
        lines[self.step_index(n)] = "  - " + json.dumps(data, ensure_ascii=False)
        return "\n".join(lines) + "\n"

    def with_line(self, index: int, text: str | None) -> str:
        lines = self.lines
        if text is None:
            del lines[index]
        else:
            lines[index] = text
        return "\n".join(lines) + "\n"

    def first_step(self, test: Callable[[int, dict], bool]) -> int:
        return next(n for n in range(1, len(self.game.history)) if test(n, self.step(n)))


@pytest.fixture(scope="module")
def fresh(tutorial_rules) -> Fresh:
    g = Game(tutorial_rules, 9)
    p = RandomPlayer(9)
    while len(g.history) < 70 and not g.over:
        g.apply(p.choose(g.decision(g.side_to_move)))
    return Fresh(g, save_text(g, players={"blue": "human", "red": "ai:random"}))


def refusal(text: str) -> tuple[str, InputError]:
    with pytest.raises(InputError) as info:
        load_game_text(text, NAME)
    problems = info.value.problems
    assert len(problems) == 1, problems
    line = str(problems[0])
    assert "\n" not in line and line.startswith(NAME + ":")
    return line, info.value


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def die_change(fresh: Fresh, same_result: bool) -> tuple[int, list]:
    """The first step and faces where changing one die leaves the state as it was
    (same_result) or changes it; found by replaying, so it follows the rules."""
    replay = Replay.from_game(fresh.game)
    for n in range(1, len(replay)):
        step = replay.steps[n]
        for k, (sides, face) in enumerate(step.faces):
            for other in range(1, sides + 1):
                if other == face:
                    continue
                faces = list(step.faces)
                faces[k] = (sides, other)
                game = replay.game_at(n - 1)
                try:
                    rerun_step(game, Step(step.command, faces))
                except Exception:
                    continue
                if (game.digest() == replay.digests[n]) == same_result:
                    return n, [list(f) for f in faces]
    raise AssertionError("no such die in this game")


# --- the corpus: name -> (mutation, expected fragment, where: "step N", a line index, or a callable)

Case = Callable[[Fresh], tuple[str, str, int]]  # mutated text, fragment, 0-based line index
CASES: dict[str, Case] = {}


def case(fn: Case) -> Case:
    CASES[fn.__name__] = fn
    return fn


@case
def cut_inside_a_step(f: Fresh):
    i = f.step_index(20)
    text = "\n".join(f.lines[:i] + [f.lines[i][:40]])
    return text, "the last line is incomplete (no end of line): the save was cut short", i


@case
def cut_cleanly_between_two_steps(f: Fresh):
    i = f.step_index(30)
    return "\n".join(f.lines[: i + 1]) + "\n", "the save stops after step 30 without its closing line", i + 1


@case
def cut_before_the_last_newline(f: Fresh):
    return f.text[:-1], "the last line is incomplete", len(f.lines) - 1


@case
def cut_inside_the_header(f: Fresh):
    i = f.lines.index("scenario:")
    return "\n".join(f.lines[: i + 1]) + "\n", "the save ends here: it was cut short", i + 1


@case
def cut_to_nothing(f: Fresh):
    return "", "is empty: not a wargame save", -1


@case
def a_scenario_is_not_a_save(f: Fresh):
    return f.game.rules.loaded.text, "not a wargame save", 0


@case
def words_are_not_a_save(f: Fresh):
    return "dear diary\n", "not a wargame save", 0


@case
def a_newer_format(f: Fresh):
    return replace_once(f.text, f'format: "{SAVE_FORMAT}"', 'format: "wargame-save/9"'), "made by a newer wargame (format wargame-save/9", 1


@case
def a_newer_rules_version(f: Fresh):
    return replace_once(f.text, f"\nrules: {RULES_VERSION}\n", "\nrules: 99\n"), "made by a newer wargame (rules version 99", 2


@case
def an_edited_seed(f: Fresh):
    return replace_once(f.text, "\nseed: 9\n", "\nseed: 10\n"), "step 0 (the game's start): the chain of hashes breaks here: the header", f.step_index(0)


@case
def edited_players(f: Fresh):
    return replace_once(f.text, '"blue": "human"', '"blue": "ai:greedy"'), "the chain of hashes breaks here: the header", f.step_index(0)


@case
def an_edited_first_line(f: Fresh):
    return f.with_line(0, f.lines[0].replace("turn ", "turn 1")), "step 0 (the game's start): the chain of hashes breaks", f.step_index(0)


@case
def an_edited_dice_drawn(f: Fresh):
    end = f.lines[-1]
    drawn = json.loads(end[5:])["dice_drawn"]
    return f.with_line(len(f.lines) - 1, end.replace(f'"dice_drawn": {drawn}', f'"dice_drawn": {drawn + 1}')), "the closing line does not match the record's chain: its dice_drawn", len(f.lines) - 1


@case
def an_edited_result(f: Fresh):
    end = json.loads(f.lines[-1][5:])
    assert end["result"]  # the game is over: its result is claimed for the other side
    other = end["result"].replace("Blue wins", "Red wins") if "Blue" in end["result"][:9] else "Blue wins"
    return f.with_line(len(f.lines) - 1, "end: " + json.dumps({**end, "result": other}, ensure_ascii=False)), "the closing line does not match the record's chain", len(f.lines) - 1


@case
def an_edited_step_count(f: Fresh):
    end = f.lines[-1]
    n = json.loads(end[5:])["steps"]
    return f.with_line(len(f.lines) - 1, end.replace(f'"steps": {n}', f'"steps": {n + 1}')), f"the closing line counts {n + 1} steps, but the save holds {n}", len(f.lines) - 1


@case
def an_edited_scenario_id(f: Fresh):
    return replace_once(f.text, '  id: "tutorial"', '  id: "border_strikes_2021"'), "the scenario's id 'border_strikes_2021' is not the embedded scenario's ('tutorial')", f.lines.index('  id: "tutorial"')


@case
def an_edited_scenario(f: Fresh):
    i = next(k for k, line in enumerate(f.lines) if line.startswith("  text: "))
    return f.with_line(i, f.lines[i].replace("counter_drone: 6", "counter_drone: 9", 1)), "the embedded scenario does not match its SHA-256", i


@case
def an_edited_scenario_hash(f: Fresh):
    i = next(k for k, line in enumerate(f.lines) if line.startswith("  sha256: "))
    return f.with_line(i, f.lines[i][:11] + "0" * 64 + '"'), "the embedded scenario does not match its SHA-256", i + 1


@case
def a_die_changed_to_another_result(f: Fresh):
    n, faces = die_change(f, same_result=False)
    return f.with_step(n, {**f.step(n), "faces": faces}), f"step {n} (", f.step_index(n)


@case
def a_die_changed_to_the_same_result(f: Fresh):
    n, faces = die_change(f, same_result=True)
    return f.with_step(n, {**f.step(n), "faces": faces}), f"step {n} (turn", f.step_index(n)


@case
def a_die_removed(f: Fresh):
    n = f.first_step(lambda n, s: len(s["faces"]) > 1)
    s = f.step(n)
    return f.with_step(n, {**s, "faces": s["faces"][:-1]}), f"step {n} (", f.step_index(n)


@case
def a_die_added(f: Fresh):
    n = f.first_step(lambda n, s: len(s["faces"]) > 0)
    s = f.step(n)
    return f.with_step(n, {**s, "faces": s["faces"] + [s["faces"][-1]]}), "the record holds more dice than the rules rolled", f.step_index(n)


@case
def a_die_with_an_impossible_face(f: Fresh):
    n = f.first_step(lambda n, s: len(s["faces"]) > 0)
    s = f.step(n)
    sides = s["faces"][0][0]
    return f.with_step(n, {**s, "faces": [[sides, sides + 1]] + s["faces"][1:]}), f"step {n}: a die is recorded as [sides, face]", f.step_index(n)


@case
def a_move_to_another_hex(f: Fresh):
    n = f.first_step(lambda n, s: s["command"]["command"] == "move_team")
    s = f.step(n)
    game = Replay.from_game(f.game).game_at(n - 1)
    other = next(c for c in game.legal_commands()
                 if c.name == "move_team" and c.team == s["command"]["team"] and c != f.game.history[n].command)  # fmt: skip
    from wargame.rules.commands import to_data

    return f.with_step(n, {**s, "command": to_data(other)}), f"step {n} (turn", f.step_index(n)


@case
def an_illegal_command(f: Fresh):
    n = f.first_step(lambda n, s: s["command"]["command"] == "end_phase")
    s = f.step(n)
    bad = {"command": "fly_sortie", "flight": "viper_1", "target": "ain_al_asad_base"}
    return f.with_step(n, {**s, "command": bad}), f"step {n} (turn 1, ", f.step_index(n)


@case
def an_unknown_command(f: Fresh):
    n = f.first_step(lambda n, s: True)
    return f.with_step(n, {**f.step(n), "command": {"command": "nuke"}}), f"step {n}: unknown command 'nuke'", f.step_index(n)


@case
def a_step_deleted(f: Fresh):
    return f.with_line(f.step_index(25), None), "step 25 (", f.step_index(25)


@case
def two_steps_swapped(f: Fresh):
    n = f.first_step(lambda n, s: n > 10 and f.step(n + 1) != s)
    lines = f.lines
    a, b = f.step_index(n), f.step_index(n + 1)
    lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines) + "\n", f"step {n} (", a


@case
def a_step_repeated(f: Fresh):
    lines = f.lines
    i = f.step_index(12)
    lines.insert(i + 1, lines[i])
    return "\n".join(lines) + "\n", "step 13 (", i + 1


@case
def a_state_hash_edited(f: Fresh):
    s = f.step(15)
    return f.with_step(15, {**s, "state": "0" * 32}), "the replayed state differs from the record", f.step_index(15)


@case
def a_chain_hash_edited(f: Fresh):
    s = f.step(15)
    return f.with_step(15, {**s, "chain": "f" * 32}), "step 15 (turn", f.step_index(15)


@case
def a_start_with_a_command(f: Fresh):
    s = f.step(0)
    return f.with_step(0, {**s, "command": {"command": "end_phase"}}), "step 0: the first step must be the game's start", f.step_index(0)


@case
def a_later_step_without_a_command(f: Fresh):
    s = f.step(5)
    return f.with_step(5, {**s, "command": None}), "step 5: only the first step may have no command", f.step_index(5)


@case
def a_step_written_differently(f: Fresh):
    i = f.step_index(7)
    return f.with_line(i, f.lines[i].replace('"faces": ', '"faces":')), "step 7: not written as the game writes it", i


@case
def a_step_in_block_style(f: Fresh):
    i = f.step_index(7)
    return f.with_line(i, "  - command: null"), "step 7: not a value the game writes", i


@case
def a_step_with_keys_reordered(f: Fresh):
    s = f.step(7)
    return f.with_step(7, {"faces": s["faces"], "command": s["command"], "state": s["state"], "chain": s["chain"]}), "a step holds command, faces, state, chain, in that order", f.step_index(7)


@case
def a_step_with_a_duplicate_key(f: Fresh):
    i = f.step_index(7)
    return f.with_line(i, f.lines[i][:-1] + ', "chain": "' + "1" * 32 + '"}'), "step 7: not written as the game writes it", i


@case
def not_a_number_among_the_dice(f: Fresh):
    n = f.first_step(lambda n, s: len(s["faces"]) > 0)
    i = f.step_index(n)
    return f.with_line(i, re.sub(r'"faces": \[\[(\d+), \d+\]', r'"faces": [[\1, NaN]', f.lines[i], count=1)), "NaN is not a number a save holds", i


@case
def a_lone_surrogate_in_the_players(f: Fresh):
    return replace_once(f.text, '"blue": "human"', '"blue": "\\ud800"'), "players: the blue player must be a short text", f.lines.index("steps:") - 1


@case
def windows_line_ends(f: Fresh):
    return f.text.replace("\n", "\r\n"), "has Windows line ends (CR LF)", 0


@case
def text_after_the_closing_line(f: Fresh):
    return f.text + f.text, "nothing may follow the closing line", len(f.lines)


@case
def a_comment_added(f: Fresh):
    i = f.lines.index("steps:")
    lines = f.lines
    lines.insert(i, "# saved after a good turn")
    return "\n".join(lines) + "\n", "expected 'steps' here, found '# saved after a good turn'", i


@case
def a_key_without_its_space(f: Fresh):
    i = next(k for k, line in enumerate(f.lines) if line.startswith("players: "))
    return f.with_line(i, "players:" + f.lines[i][len("players: "):]), "'players' must be followed by ': '", i


@case
def a_key_out_of_its_indentation(f: Fresh):
    i = next(k for k, line in enumerate(f.lines) if line.startswith("  id: "))
    return f.with_line(i, f.lines[i].lstrip()), "'id' must stand indented by 2 spaces", i


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_broken_save_is_refused_at_its_line(fresh, name):
    text, fragment, index = CASES[name](fresh)
    assert text != fresh.text
    line, error = refusal(text)
    assert fragment in line, line
    if index >= 0:
        assert line.startswith(f"{NAME}:{index + 1}:"), line
    if isinstance(error, RecordParted):  # a parted replay is located at its step's line, and reported whole
        assert index == fresh.step_index(error.step), line
        assert error.report().startswith(line + "\n") and f"  command: {error.command}" in error.report()


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 25


def test_every_one_pip_change_of_every_die_is_refused_at_its_step(fresh):
    """Once, about a quarter of single-die edits loaded: the step hash covers the
    state, not the dice. Now the chain covers the dice: every edit is caught."""
    tried = 0
    for n in range(1, len(fresh.game.history)):
        s = fresh.step(n)
        for k, (sides, face) in enumerate(s["faces"]):
            for other in (face - 1, face + 1):
                if not 1 <= other <= sides:
                    continue
                faces = [list(x) for x in s["faces"]]
                faces[k] = [sides, other]
                line, error = refusal(fresh.with_step(n, {**s, "faces": faces}))
                assert isinstance(error, RecordParted) and error.step == n, line
                tried += 1
    assert tried >= 25


def test_a_file_that_is_not_utf8_is_one_line(tmp_path, fresh):
    bad = tmp_path / NAME
    data = fresh.text.encode()
    bad.write_bytes(data[:300] + b"\xff\xfe" + data[300:])
    with pytest.raises(InputError) as info:
        load_game(bad)
    assert str(info.value.problems[0]).startswith(f"{bad}:") and "is not UTF-8 text" in str(info.value)


def test_a_truncated_save_never_loads_at_any_offset(fresh):
    """Cut anywhere (every offset of the last two lines, a sample before): always refused."""
    data = fresh.text
    tail = data.rindex("\n", 0, data.rindex("\n", 0, len(data) - 1))  # the last step and the closing line
    offsets = list(range(0, tail, 173)) + list(range(tail, len(data)))
    for cut in offsets:
        with pytest.raises(InputError):
            load_game_text(data[:cut], NAME)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(at=st.floats(0, 1), width=st.integers(0, 3), new=st.text(alphabet='0123456789abcdef"{}[]:, \n-\\ulnt', max_size=3))
def test_any_edit_anywhere_is_refused_in_one_line(fresh, at, width, new):
    """An edit of any bytes anywhere (replaced, inserted or deleted) is refused, in
    one located line and at once, never loaded as a game and never a traceback."""
    text = fresh.text
    start = int(at * len(text))
    edited = text[:start] + new + text[start + width :]
    if edited == text:
        return
    began = time.process_time()
    line, _ = refusal(edited)
    assert time.process_time() - began < 2, line

"""Saved games: round trips, resuming the dice stream, and refusing bad files."""

from __future__ import annotations

import json
import os
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.ai.random_player import RandomPlayer
from wargame.cli import main
from wargame.errors import InputError
from wargame.record import RULES_VERSION, SAVE_FORMAT, load_game, load_game_text, save_game, save_text, write_atomic
from wargame.replay import Replay
from wargame.rules.engine import Game


def play_some(rules, seed: int, steps: int) -> Game:
    g = Game(rules, seed)
    p = RandomPlayer(seed)
    for _ in range(steps):
        if g.over:
            break
        g.apply(p.choose(g.decision()))
    return g


@settings(max_examples=25)
@given(seed=st.integers(0, 5000), steps=st.integers(0, 120))
def test_save_and_load_round_trip(tutorial_rules, seed, steps):
    g = play_some(tutorial_rules, seed, steps)
    loaded, save = load_game_text(save_text(g), "round.wgsave")
    assert loaded.digest() == g.digest()
    assert len(loaded.history) == len(g.history)
    assert [e.text for e in loaded.log] == [e.text for e in g.log]
    assert save.seed == seed


def test_a_resumed_game_continues_exactly_as_if_never_saved(tutorial_rules, tmp_path):
    """The dice stream resumes where it stopped: the same seed and commands give
    the same game whether or not it was saved and loaded halfway."""
    whole = play_some(tutorial_rules, 77, 200)
    half = play_some(tutorial_rules, 77, 20)
    path = tmp_path / "half.wgsave"
    save_game(path, half)
    resumed, _ = load_game(path)
    for step in whole.history[len(half.history) :]:
        resumed.apply(step.command)
    assert resumed.digest() == whole.digest()
    assert [s.faces for s in resumed.history] == [s.faces for s in whole.history]


@pytest.mark.parametrize("cut", [1, 17, 40])
def test_save_continue_and_finish_is_the_game_played_straight_through(border_rules, tmp_path, cut):
    """Saved at any step, loaded and played on to the end, a game is the same game
    as played straight through: the same steps, dice and hashes, byte for byte."""
    from wargame.ai import make_player

    def players():
        return {"blue": make_player("greedy", 5), "red": make_player("greedy", 6)}

    whole = Game(border_rules, 21)
    ps = players()
    while not whole.over:
        whole.apply(ps[whole.side_to_move].choose(whole.decision(whole.side_to_move)))
    path = tmp_path / "half.wgsave"
    half = Game(border_rules, 21)
    ps = players()
    while len(half.history) <= cut:
        half.apply(ps[half.side_to_move].choose(half.decision(half.side_to_move)))
    save_game(path, half, {"blue": "ai:greedy", "red": "ai:greedy"})
    resumed, _ = load_game(path)
    while not resumed.over:  # the same player objects carry on, so their own choices match too
        resumed.apply(ps[resumed.side_to_move].choose(resumed.decision(resumed.side_to_move)))
    assert resumed.digest() == whole.digest()
    assert save_text(resumed) == save_text(whole)
    final = tmp_path / "final.wgsave"
    save_game(final, resumed)
    done, save = load_game(final)
    assert [s.hash for s in save.steps] == Replay.from_game(whole).digests and done.over


def test_a_replay_of_a_save_hashes_as_the_save(tutorial_rules, tmp_path):
    g = play_some(tutorial_rules, 31, 80)
    path = tmp_path / "r.wgsave"
    save_game(path, g)
    replay = Replay.from_save(path)
    assert replay.save is not None and [s.hash for s in replay.save.steps] == replay.digests
    assert [s.chain for s in replay.save.steps] == [json.loads(l[4:])["chain"] for l in path.read_text().splitlines() if l.startswith("  - ")]


def test_save_file_is_readable_and_self_describing(tutorial_rules):
    text = save_text(play_some(tutorial_rules, 3, 10))
    assert text.startswith("# wargame save: Tutorial: rockets on Ain al-Asad, turn ")
    assert f'\nformat: "{SAVE_FORMAT}"\n' in text and f"\nrules: {RULES_VERSION}\n" in text
    assert re.search(r"\n  sha256: \"[0-9a-f]{64}\"\n", text)
    assert '\n  - {"command": {"command": "end_phase"}, "faces": ' in text
    assert re.search(r'\nend: \{"steps": 11, "dice_drawn": \d+, "result": null, "chain": "[0-9a-f]{32}"\}\n\Z', text)


def _corrupt(text: str, old: str, new: str, count: int = 1) -> str:
    assert old in text, old
    return text.replace(old, new, count)


@pytest.fixture
def save(tutorial_rules) -> str:
    return save_text(play_some(tutorial_rules, 9, 60))


def problem(text: str) -> str:
    with pytest.raises(InputError) as info:
        load_game_text(text, "game.wgsave")
    assert len(info.value.problems) == 1
    line = str(info.value.problems[0])
    assert "\n" not in line and line.startswith("game.wgsave")
    return line


def test_truncated_save_is_refused_with_a_location(save):
    cut = save[: len(save) * 2 // 3]
    cut = cut[: cut.rfind("[")]  # stop inside a flow list
    line = problem(cut)
    assert re.match(r"game\.wgsave:\d+:\d+: ", line)


def step_line(save: str, n: int) -> int:
    """The 0-based index in the save's lines of step `n`."""
    return save.splitlines().index("steps:") + 1 + n


def test_changed_hash_names_the_step(save):
    lines = save.splitlines()
    i = next(k for k, l in enumerate(lines) if l.startswith('  - {"command": {') and "end_phase" not in l)
    step_no = i - lines.index("steps:") - 1
    lines[i] = re.sub(r'"state": "[0-9a-f]{32}"', '"state": "' + "0" * 32 + '"', lines[i])
    line = problem("\n".join(lines) + "\n")
    assert f"game.wgsave:{i + 1}:5: step {step_no} (turn " in line and "the replayed state differs" in line
    assert "expected state 00000000000000000000000000000000, found " in line


def test_changed_dice_are_caught(save):
    lines = save.splitlines()
    i = next(k for k, l in enumerate(lines) if '"faces": [[6, ' in l and l.startswith("  - "))
    lines[i] = lines[i].replace('"faces": [[6, ', '"faces": [[10, ', 1)
    line = problem("\n".join(lines) + "\n")
    assert f"game.wgsave:{i + 1}:5: step" in line
    assert "asked for a d6" in line


def test_tampered_scenario_is_refused(save):
    line = problem(_corrupt(save, "counter_drone: 6", "counter_drone: 9"))
    assert line.startswith("game.wgsave:8:9: ")
    assert "does not match its SHA-256" in line


def test_newer_rules_are_refused_politely(save):
    line = problem(_corrupt(save, f"\nrules: {RULES_VERSION}\n", "\nrules: 7\n"))
    assert f"made by a newer wargame (rules version 7; this one plays rules version {RULES_VERSION})" in line


def test_not_a_save(tutorial):
    line = problem(tutorial.text)
    assert "not a wargame save" in line
    assert "not a wargame save" in problem("just words\n")


def test_illegal_recorded_command_is_located(save):
    line = problem(_corrupt(save, '{"command": "end_phase"}', '{"command": "fly_sortie", "flight": "viper_1", "target": "wadi_depot"}'))
    assert re.search(r"game\.wgsave:\d+:5: step \d+ \(turn 1, [^:]+: viper_1 strikes wadi_depot\): the rules refuse it", line)


def test_unknown_command_is_located(save):
    line = problem(_corrupt(save, '{"command": "end_phase"}', '{"command": "nuke"}'))
    assert "unknown command 'nuke'" in line


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    path = tmp_path / "game.wgsave"
    path.write_text("old and good\n")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(path, "new\n")
    assert path.read_text() == "old and good\n"
    assert [p.name for p in tmp_path.iterdir()] == ["game.wgsave"]  # no temporary file left behind


def test_autoplay_writes_a_record_that_loads(tmp_path, capsys):
    path = tmp_path / "auto.wgsave"
    assert main(["autoplay", "tutorial", "--seed", "4", "--save", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Turn 1 (03 Mar): attacks" in out
    assert re.search(r"(Blue wins|Red wins|Draw): ", out)
    final = re.search(r"final state hash ([0-9a-f]{32})", out).group(1)
    game, _ = load_game(path)
    assert game.over and game.digest() == final
    # the same seed gives the same game
    assert main(["autoplay", "tutorial", "--seed", "4"]) == 0
    assert f"final state hash {final}" in capsys.readouterr().out


def test_cli_refuses_a_corrupt_save_in_one_line(tmp_path, capsys, save):
    bad = tmp_path / "bad.wgsave"
    bad.write_text(save[:200])
    with pytest.raises(InputError):
        load_game(bad)

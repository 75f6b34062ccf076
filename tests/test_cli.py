"""The command line: one clear line and exit status 2 for every bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wargame.cli import main
from wargame.record import load_game

TUTORIAL = "tutorial"


def run(args, capsys) -> tuple[int, str, str]:
    try:
        code = main(args)
    except SystemExit as e:  # argparse's own exit
        code = e.code
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["autoplay", TUTORIAL, "--seed", "-1"], "a seed is a whole number from 0"),
        (["autoplay", TUTORIAL, "--seed", "x"], "'x' is not a whole number"),
        (["render", TUTORIAL, "--out", "x.png", "--size", "640x400"], "width 1024-8192"),
        (["render", TUTORIAL, "--out", "x.png", "--at", "12a7"], "--at: hex name '12a7'"),
        (["render", TUTORIAL, "--out", "x.png", "--at", "9999"], "--at: that hex is not on the map"),
        (["render", TUTORIAL, "--out", "x.jpg"], "must be a .png file"),
        (["play", "no_such_scenario"], "no such file or shipped scenario"),
        (["nonsense"], "invalid choice"),
    ],
)
def test_bad_arguments_are_one_line_and_status_2(args, fragment, capsys):
    code, out, err = run(args, capsys)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and fragment in err


def test_an_unwritable_record_is_one_line_after_the_game(tmp_path, capsys):
    code, out, err = run(["autoplay", TUTORIAL, "--seed", "3", "--save", str(tmp_path)], capsys)
    assert code == 2 and "cannot write the record" in err and len(err.strip().splitlines()) == 1


def test_an_unwritable_picture_is_one_line(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, out, err = run(["render", TUTORIAL, "--out", str(blocker / "x.png")], capsys)
    assert code == 2 and "cannot write the picture" in err


def test_a_control_character_is_located(tmp_path, capsys):
    bad = tmp_path / "c.yaml"
    bad.write_text("format: x\x01\n")
    code, out, err = run(["validate", str(bad)], capsys)
    assert code == 2 and err.strip() == f"{bad}:1:10: YAML syntax: character '\\x01' is not allowed in a YAML file"


@pytest.mark.parametrize("date, fragment", [("2021-02-30", "is not a day of the calendar"), ("9999-12-30", "past the year 9999")])
def test_an_impossible_date_is_located(tmp_path, capsys, date, fragment):
    from conftest import scenario_path

    text = scenario_path(TUTORIAL).read_text().replace('date: "2021-03-03"', f'date: "{date}"')
    bad = tmp_path / "d.yaml"
    bad.write_text(text)
    code, out, err = run(["validate", str(bad)], capsys)
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.strip().startswith("date:"))
    assert code == 2 and re.match(rf"{re.escape(str(bad))}:{line}:\d+: meta.date '{date}'", err) and fragment in err


def test_autoplay_finishes_a_saved_game(tmp_path, capsys):
    from wargame.ai.random_player import RandomPlayer
    from wargame.record import save_game
    from wargame.rules.engine import Game
    from wargame.rules.rulebook import Rulebook
    from wargame.scenario.load import load_scenario
    from conftest import scenario_path

    g = Game(Rulebook(load_scenario(scenario_path(TUTORIAL))), 12)
    p = RandomPlayer(1)
    for _ in range(15):
        g.apply(p.choose(g.decision()))
    path = tmp_path / "half.wgsave"
    save_game(path, g)
    done = tmp_path / "done.wgsave"
    code, out, err = run(["autoplay", str(path), "--save", str(done)], capsys)
    assert code == 0 and "seed 12" in out and re.search(r"(Blue wins|Red wins|Draw): ", out)
    finished, _ = load_game(done)
    assert finished.over and finished.history[: len(g.history)] == g.history


def test_replay_verify_says_ok_or_where_record_and_replay_part(tmp_path, capsys):
    path = tmp_path / "game.wgsave"
    assert main(["autoplay", TUTORIAL, "--seed", "6", "--save", str(path)]) == 0
    capsys.readouterr()
    game, save = load_game(path)
    code, out, err = run(["replay", str(path), "--verify"], capsys)
    assert (code, err) == (0, "") and out == f"ok: {game.state.turn} turns, {len(save.steps)} steps\n"
    lines = path.read_text().splitlines()
    at = next(i for i, l in enumerate(lines) if '"command": {"command": "end_phase"}' in l and i > lines.index("steps:") + 3)
    step = at - lines.index("steps:") - 1
    recorded = save.steps[step].hash
    lines[at] = lines[at].replace(recorded, "0" * 32)
    edited = tmp_path / "edited.wgsave"
    edited.write_text("\n".join(lines) + "\n")
    code, out, err = run(["replay", str(edited), "--verify"], capsys)
    report = out.splitlines()
    assert code == 1 and err == "" and len(report) == 5
    assert report[0].startswith(f"{edited}:{at + 1}:5: step {step} (turn ") and "the replayed state differs" in report[0]
    assert re.fullmatch(r"  step \d+, turn \d+, .+", report[1]) and report[2] == "  command: End the phase"
    assert report[3:] == [f"  expected state {'0' * 32}", f"  found state    {recorded}"]
    code, out, err = run(["autoplay", str(edited)], capsys)  # any other command refuses it in its one line
    assert code == 2 and err.strip() == report[0]


def test_replay_verify_reads_an_old_save_and_refuses_a_non_save(tmp_path, capsys):
    from conftest import scenario_path

    old = Path(__file__).parent / "fixtures" / "saves" / "v1-tutorial-finished.wgsave"
    code, out, err = run(["replay", str(old), "--verify"], capsys)
    assert code == 0 and out == "ok: 4 turns, 35 steps (format wargame-save/1, read through its migration)\n"
    code, out, err = run(["replay", str(scenario_path(TUTORIAL)), "--verify"], capsys)
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and ":1:1: not a wargame save" in err
    code, out, err = run(["replay", str(tmp_path / "none.wgsave"), "--verify"], capsys)
    assert code == 2 and err.strip() == f"{tmp_path / 'none.wgsave'}: no such file"


def test_replay_without_a_display_is_one_line(capsys, monkeypatch):
    monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    old = Path(__file__).parent / "fixtures" / "saves" / "v2-tutorial-finished.wgsave"
    code, out, err = run(["replay", str(old)], capsys)
    assert code == 2 and len(err.splitlines()) == 1 and "--verify" in err


def test_replay_of_an_unfinished_game_as_everything_needs_the_umpire(capsys):
    half = Path(__file__).parent / "fixtures" / "saves" / "v2-border-strikes-turn3.wgsave"
    code, out, err = run(["replay", str(half), "--side", "all"], capsys)
    assert code == 2 and "umpire" in err and len(err.splitlines()) == 1

"""Any input, in bounded time: only regular files are read, a path is never a
shipped scenario by accident, and every value a scenario may hold plays to the end.

The fuzz cases are bounded by their number of examples and by a wall-clock
deadline of their own, so a regression that hangs fails here instead of
hanging the suite."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.ai.random_player import RandomPlayer
from wargame.cli import main
from wargame.errors import InputError
from wargame.resources import find_scenario
from wargame.rules.engine import Game
from wargame.scenario.load import load_scenario_text
from wargame.scenario.model import MAX_A_DAY, MAX_HEXES, MAX_PIECES

TUTORIAL = (Path(__file__).resolve().parent.parent / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")

# (text in the tutorial, the key in it to change, the key's cap): each multiplies a turn's work
CAPPED = {
    "strike range": ("    range: 14\n", "range", MAX_HEXES),
    "strike sorties": ("    range: 14\n    sorties: 1\n", "sorties", MAX_A_DAY),
    "ISR range": ("    range: 8\n    search_radius: 1\n", "range", MAX_HEXES),
    "ISR search radius": ("    search_radius: 1\n", "search_radius", MAX_HEXES),
    "ISR sorties": ("    search_radius: 1\n    sorties: 1\n", "sorties", MAX_A_DAY),
    "launch team move": ("    move: 2\n    range: 8\n", "move", MAX_HEXES),
    "drones per attack": ("    drones_per_attack: 2\n", "drones_per_attack", MAX_A_DAY),
    "rocket team range": ("    range: 3\n", "range", MAX_HEXES),
    "rockets per attack": ("    rockets_per_attack: 3\n", "rockets_per_attack", MAX_HEXES),
    "threshold adjust": ("        adjust: {drones_per_attack: 1}\n", "drones_per_attack", MAX_A_DAY),
}


def with_value(case: str, value: int) -> tuple[str, int]:
    """The tutorial with the case's key set to `value`, and the line it is on."""
    old, key, _ = CAPPED[case]
    assert TUTORIAL.count(old) == 1, case
    new = re.sub(rf"(\b{key}: )-?\d+", rf"\g<1>{value}", old, count=1)
    assert new != old or str(value) in old
    at = TUTORIAL.index(old) + re.search(rf"\b{key}: ", old).start()
    return TUTORIAL.replace(old, new), TUTORIAL.count("\n", 0, at) + 1


def run(args: list[str], capsys) -> tuple[int, str, str]:
    try:
        code = main(args)
    except SystemExit as e:
        code = e.code
    out = capsys.readouterr()
    return code, out.out, out.err


# --- files that are not files ------------------------------------------------------------


def test_a_named_pipe_is_refused_without_blocking(tmp_path, capsys):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for command in (["validate", str(fifo)], ["autoplay", str(fifo)], ["replay", str(fifo), "--verify"]):
        code, out, err = run(command, capsys)  # a blocking open would hang here, with no writer
        assert code == 2 and err.strip() == f"{fifo}: is a named pipe (FIFO), not a file", command


def test_a_device_and_a_folder_are_refused_in_one_line(tmp_path, capsys):
    for path, words in (("/dev/zero", "is a device, not a file"), (str(tmp_path), "is a folder, not a file")):
        code, out, err = run(["validate", path], capsys)
        assert code == 2 and err.strip() == f"{path}: {words}"
        code, out, err = run(["replay", path, "--verify"], capsys)
        assert code == 2 and err.strip() == f"{path}: {words}"


def test_a_path_that_does_not_exist_is_not_the_shipped_scenario(capsys):
    assert find_scenario("/no/such/dir/tutorial.yaml") is None
    assert find_scenario("./tutorial.yaml") is None  # a path in this folder, which holds none
    assert find_scenario("tutorial") is not None and find_scenario("tutorial.yaml") is not None
    code, out, err = run(["validate", "/no/such/dir/tutorial.yaml"], capsys)
    assert code == 2 and out == "" and err.strip() == "/no/such/dir/tutorial.yaml: no such file"


def test_a_file_of_the_shipped_name_in_a_folder_is_that_file(tmp_path, capsys, monkeypatch):
    mine = tmp_path / "tutorial.yaml"
    mine.write_text("format: nonsense\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["validate", "./tutorial.yaml"], capsys)
    assert code == 2 and err.startswith("tutorial.yaml:1:")  # the path as pathlib writes it
    code, out, err = run(["validate", "tutorial.yaml"], capsys)  # a bare name that exists here is this file too
    assert code == 2 and err.startswith("tutorial.yaml:1:")


# --- values a scenario may hold ----------------------------------------------------------


@pytest.mark.parametrize("case", sorted(CAPPED))
def test_a_value_past_its_cap_is_a_located_error(case):
    cap = CAPPED[case][2]
    text, row = with_value(case, 10**12)
    with pytest.raises(InputError) as info:
        load_scenario_text(text, "t.yaml")
    line = str(info.value.problems[0])
    assert re.match(rf"t\.yaml:{row}:\d+: .*must be at most {cap}, found 1000000000000", line), line


def test_more_pieces_than_the_cap_is_a_located_error():
    piece = "  - {id: extra_NNN, type: launch_team, name: Extra, hex: \"0907\", hidden: true}\n"
    start = TUTORIAL.index("pieces:\n") + len("pieces:\n")
    extra = "".join(piece.replace("NNN", str(i)) for i in range(MAX_PIECES))
    with pytest.raises(InputError) as info:
        load_scenario_text(TUTORIAL[:start] + extra + TUTORIAL[start:], "t.yaml")
    assert f"pieces: must have at most {MAX_PIECES} items" in str(info.value.problems[0])


@st.composite
def capped_values(draw) -> tuple[str, int]:
    """A key and a value for it: mostly near its cap (the slowest games), sometimes anything."""
    case = draw(st.sampled_from(sorted(CAPPED)))
    cap = CAPPED[case][2]
    return case, draw(st.one_of(st.integers(cap - 2, cap + 1), st.integers(0, 10**18)))


@settings(max_examples=15, deadline=None)
@given(chosen=capped_values(), seed=st.integers(0, 1000))
def test_every_value_a_scenario_may_hold_plays_to_the_end_in_bounded_time(chosen, seed):
    """Any value either is refused where it stands or gives a game that ends."""
    case, value = chosen
    text, _ = with_value(case, value)
    began = time.process_time()
    try:
        loaded = load_scenario_text(text, "t.yaml")
    except InputError as e:
        assert len(e.problems) == 1 and e.problems[0].line > 0
        return
    game = Game(loaded, seed)
    player = RandomPlayer(seed)
    while not game.over:
        game.apply(player.choose(game.decision(game.side_to_move)))
        assert time.process_time() - began < 10, f"{case} = {value} still playing after 10 s"


def test_an_effect_adjust_past_the_days_cap_is_a_located_error():
    """A card that adds 100,000 ISR sorties today passed validation and hung autoplay:
    an effect's adjust is held to the cap a threshold's adjust is held to."""
    june = Path(find_scenario("border_strikes_2021")).read_text(encoding="utf-8")
    old = "{adjust: isr_sorties, change: 1}"
    assert june.count(old) == 1
    text = june.replace(old, "{adjust: isr_sorties, change: 100000}")
    with pytest.raises(InputError) as info:
        load_scenario_text(text, "t.yaml")
    row = text[: text.index("change: 100000")].count("\n") + 1
    line = str(info.value.problems[0])
    assert re.match(rf"t\.yaml:{row}:\d+: .*at most {MAX_A_DAY} either way \(found 100000\)", line), line
    load_scenario_text(june.replace(old, f"{{adjust: isr_sorties, change: {-MAX_A_DAY}}}"), "t.yaml")


# --- command-line values -----------------------------------------------------------------


@pytest.mark.parametrize("value", ["9223372036854775808", "9223372036854775807", "-9223372036854775809", "9" * 40])
def test_odds_with_any_whole_number_is_exact(value, capsys):
    """A modifier past the table's span reads the end row, as a roll does: no overflow of
    numpy's 64-bit totals, no wrap-around to the other end."""
    code, out, err = run(["odds", "tutorial", "isr_detection", "-m", f"Sensor={value}", "--json"], capsys)
    assert code == 0, err
    import json

    (column,) = json.loads(out)["columns"]
    chances = [r["probability"] for r in column["results"]]
    assert chances == ([1.0, 0.0] if value.startswith("-") else [0.0, 1.0])  # the first row, or the last


def test_set_with_a_byte_that_is_not_utf8_is_one_line(capsys):
    code, _, err = run(["simulate", "tutorial", "--games", "1", "--quiet", "--set", "meta.title=\udcff"], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "not UTF-8" in err


@pytest.mark.parametrize("args, words", [
    (["--games", "99999999999999999999999999"], "at most 1,000,000"),
    (["--games", "1", "--jobs", "2000"], "at most 256"),
    (["--games", "1", "--report", ""], "give the folder"),
])  # fmt: skip
def test_simulate_refuses_what_would_run_without_bound(args, words, capsys):
    start = time.perf_counter()
    code, out, err = run(["simulate", "tutorial", "--quiet", *args], capsys)
    assert code == 2 and words in err and not out and time.perf_counter() - start < 5


def test_simulate_checks_the_report_folder_before_playing(tmp_path, capsys):
    afile = tmp_path / "x.txt"
    afile.write_text("x")
    code, out, err = run(["simulate", "tutorial", "--quiet", "--games", "2", "--report", str(afile)], capsys)
    assert code == 2 and not out and "not a folder" in err  # no figures printed: nothing was played


def test_empty_output_paths_are_refused(capsys):
    for args in (["autoplay", "tutorial", "--save", ""], ["report", "nowhere.wgsave", "--out", ""]):
        code, out, err = run(args, capsys)
        assert code == 2 and len(err.strip().splitlines()) == 1, args


def test_a_flood_of_problems_is_told_in_a_screenful(tmp_path, capsys):
    keys = "".join(f"  k{i}: 1\n" for i in range(500))
    path = tmp_path / "many.yaml"
    path.write_text(TUTORIAL.replace("meta:\n", "meta:\n" + keys, 1), encoding="utf-8")
    code, _, err = run(["validate", str(path)], capsys)
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 21 and lines[-1].endswith("and 480 more problems (fix these first)")

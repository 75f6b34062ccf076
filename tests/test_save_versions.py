"""Every save written by an earlier release loads, or is refused in the one line
naming both versions, after every later change (tests/fixtures/saves/README.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wargame.ai import make_player
from wargame.errors import InputError
from wargame.record import RULES_VERSION, SAVE_FORMAT, load_game, load_game_text, save_text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "saves"

# file -> (format it was written in, turn and steps it holds, finished?), for a save
# that must load; or the words of its refusal (beside both rules versions), for a
# save a later rules version can no longer play. No fixture ever silently disappears.
EXPECTED: dict[str, tuple[str, int, int, bool] | str] = {
    "v1-border-strikes-turn4.wgsave": ("wargame-save/1", 4, 50, False),
    "v1-tutorial-finished.wgsave": ("wargame-save/1", 4, 35, True),
    "v1-tutorial-turn3-690c3d4.wgsave": ("wargame-save/1", 3, 20, False),
    "v2-border-strikes-turn3.wgsave": ("wargame-save/2", 3, 38, False),
    "v2-tutorial-finished.wgsave": ("wargame-save/2", 4, 35, True),
    "v2r3-border-strikes-turn3.wgsave": ("wargame-save/2", 3, 35, False),
    "v2r3-february-finished.wgsave": ("wargame-save/2", 10, 95, True),
    # rules 3 ended this game on Red's objective reaching its automatic level, Blue leading 5 to 2
    "v2r3-tutorial-automatic-at-final-scoring.wgsave": "no longer plays for this game: the replayed state differs",
    "v2r4-tutorial-automatic-finished.wgsave": ("wargame-save/2", 4, 27, True),
}


def test_every_fixture_has_an_expectation():
    assert sorted(p.name for p in FIXTURES.glob("*.wgsave")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_an_old_save_loads_and_plays_on_or_is_refused_naming_both_versions(name):
    expected = EXPECTED[name]
    if isinstance(expected, str):
        with pytest.raises(InputError) as info:
            load_game(FIXTURES / name)
        line = str(info.value.problems[0])
        assert expected in line and f"rules version {RULES_VERSION}" in line and len(info.value.problems) == 1
        return
    fmt, turn, steps, over = expected
    game, save = load_game(FIXTURES / name)
    assert (save.format, game.state.turn, len(save.steps), game.over) == (fmt, turn, steps, over)
    assert len(game.history) == steps
    again, resaved = load_game_text(save_text(game, players=save.players), "again.wgsave")  # written anew as today's format
    assert resaved.format == SAVE_FORMAT and resaved.rules == RULES_VERSION and again.digest() == game.digest()
    assert resaved.dice_drawn == save.dice_drawn and resaved.players == save.players
    players = {"blue": make_player("greedy", 1), "red": make_player("greedy", 2)}
    while not again.over:  # the migrated game goes on to its end, with its own dice
        again.apply(players[again.side_to_move].choose(again.decision(again.side_to_move)))


def _problem(text: str) -> str:
    with pytest.raises(InputError) as info:
        load_game_text(text, "old.wgsave")
    assert len(info.value.problems) == 1
    return str(info.value.problems[0])


def test_a_format_1_game_that_parts_under_todays_rules_is_refused_naming_both():
    text = (FIXTURES / "v1-tutorial-finished.wgsave").read_text()
    lines = text.splitlines()
    i = lines.index("steps:") + 6
    assert re.search(r'hash: "[0-9a-f]{32}"}$', lines[i])
    lines[i] = re.sub(r'hash: "[0-9a-f]{32}"}$', 'hash: "' + "0" * 32 + '"}', lines[i])
    line = _problem("\n".join(lines) + "\n")
    assert line.startswith(f"old.wgsave:{i + 1}:5: step 5: made with rules version 1, which this wargame (rules version {RULES_VERSION}) no longer plays")


def test_versions_this_wargame_does_not_play_are_refused_naming_both():
    v1 = (FIXTURES / "v1-tutorial-finished.wgsave").read_text()
    assert "\nrules: 1\n" in v1
    assert f"made with rules version 0, which this wargame (rules version {RULES_VERSION}) no longer plays" in _problem(v1.replace("\nrules: 1\n", "\nrules: 0\n"))
    v2 = (FIXTURES / "v2-tutorial-finished.wgsave").read_text()
    assert "\nrules: 2\n" in v2  # written under rules 2, which this wargame still replays
    line = _problem(v2.replace("\nrules: 2\n", "\nrules: 1\n"))
    assert line == f"old.wgsave:3:8: made with rules version 1, which this wargame (rules version {RULES_VERSION}) no longer plays in {SAVE_FORMAT}"
    line = _problem(v2.replace("\nrules: 2\n", f"\nrules: {RULES_VERSION + 1}\n"))
    assert f"made by a newer wargame (rules version {RULES_VERSION + 1}; this one plays rules version {RULES_VERSION})" in line
    line = _problem(v2.replace(f'\nformat: "{SAVE_FORMAT}"\n', '\nformat: "wargame-save/3"\n'))
    assert line.startswith("old.wgsave:2:9: made by a newer wargame (format wargame-save/3; this one reads up to wargame-save/2)")


def test_a_rules_2_game_that_parts_under_todays_rules_is_refused_naming_both(tutorial_rules):
    """A rules-2 save replays under today's rules, each step checked with the rules-2
    hash; a record whose states are not what rules 2 would have hashed (here: today's
    hashes under a rules-2 label) is refused in one line naming both versions."""
    from wargame.rules.engine import Game

    game = Game(tutorial_rules, 5)
    players = {"blue": make_player("greedy", 1), "red": make_player("greedy", 2)}
    for _ in range(6):
        game.apply(players[game.side_to_move].choose(game.decision()))
    text = save_text(game).replace(f"\nrules: {RULES_VERSION}\n", "\nrules: 2\n")
    line = _problem(text)
    assert f"step 0: made with rules version 2, which this wargame (rules version {RULES_VERSION}) no longer plays for this game" in line


def test_a_rules_version_played_in_another_format_is_refused_without_contradiction():
    v2 = (FIXTURES / "v2-tutorial-finished.wgsave").read_text()
    line = _problem(v2.replace(f'\nformat: "{SAVE_FORMAT}"\n', '\nformat: "wargame-save/1"\n', 1).replace("\nrules: 2\n", f"\nrules: {RULES_VERSION}\n", 1))
    assert f"rules version {RULES_VERSION} is not one a wargame-save/1 record holds (it holds rules version 1)" in line
    assert "no longer plays" not in line


def test_a_seed_of_thousands_of_digits_is_refused_in_the_games_words():
    v2 = (FIXTURES / "v2-tutorial-finished.wgsave").read_text()
    seed_line = next(x for x in v2.splitlines() if x.startswith("seed: "))
    line = _problem(v2.replace(seed_line, "seed: " + "7" * 5000, 1))
    assert "seed" in line and "more digits" in line and "set_int_max_str_digits" not in line

"""The table rules of a sitting: hand-over in hot-seat, computer sides, autosaves per game."""

from __future__ import annotations

import datetime
import os

import pytest

from wargame import saves
from wargame.hexgrid import parse_ccrr
from wargame.record import load_game
from wargame.rules.commands import EndPhase, MoveTeam
from wargame.rules.engine import Game
from wargame.session import Session
from conftest import scenario_path


@pytest.fixture(autouse=True)
def _own_saves(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def test_hot_seat_hands_over_before_each_sides_phase(tutorial_rules):
    s = Session(Game(tutorial_rules, 1))
    assert s.hot_seat and s.viewer is None
    assert s.handover_due() == "red" and not s.my_move
    s.take_screen()
    assert s.viewer == "red" and s.my_move and s.handover_due() is None
    s.apply(EndPhase())  # Red ends; Blue's phases come next
    assert s.handover_due() == "blue" and not s.my_move
    assert s.legal() == []  # until Blue takes the screen nobody may give a command
    s.take_screen()
    assert s.viewer == "blue"
    view = s.view()
    assert all(not p.hidden for p in view.pieces.values() if p.side == "red")
    assert "red" not in view.stocks


def test_against_the_computer_the_screen_stays_with_the_human(tutorial_rules):
    s = Session(Game(tutorial_rules, 2), {"blue": "human", "red": "greedy"})
    assert s.viewer == "blue" and s.handover_due() is None
    assert s.ai_step() is not None  # Red's turn: the computer plays
    while s.to_move == "red":
        s.ai_step()
    assert s.to_move == "blue" and s.my_move
    assert s.ai_step() is None


def test_each_game_autosaves_in_its_own_folder_keeping_the_last_few():
    path = scenario_path("tutorial")
    a = Session.new(path, 3, {"blue": "greedy", "red": "greedy"})
    b = Session.new(path, 3, {"blue": "greedy", "red": "greedy"})  # same scenario, same seed: still another game
    assert a.folder != b.folder
    while not a.game.over:
        a.ai_step()
    b.ai_step()
    b.save_now("left")
    kept = sorted(p.name for p in a.folder.glob("*.wgsave"))
    assert len(kept) == saves.KEEP  # four turns and the end: only the newest three stay
    final, _ = load_game(a.folder / kept[-1])
    assert final.over and final.digest() == a.game.digest()
    assert list(b.folder.glob("*.wgsave"))  # b's autosave did not touch a's, nor a's b's


def test_the_listing_describes_each_save_and_resume_is_the_newest():
    path = scenario_path("tutorial")
    s = Session.new(path, 4, {"blue": "human", "red": "human"})
    s.take_screen()
    s.apply(EndPhase())
    s.save_now("left")
    info = saves.latest()
    assert info is not None and info.scenario == s.rules.scenario.meta.title
    assert (info.turn, info.turns, info.to_move) == (1, s.rules.scenario.turns.count, "Blue")
    assert info.date == s.rules.scenario.meta.date and info.phase == s.phase_title
    later = Session.new(scenario_path("february_2021"), 5, {"blue": "human", "red": "human"})
    later.save_now()
    assert saves.latest().scenario == later.rules.scenario.meta.title


def test_loading_an_autosave_goes_on_in_its_folder_and_another_save_starts_a_new_one(tmp_path):
    s = Session.new(scenario_path("tutorial"), 6, {"blue": "human", "red": "human"})
    s.save_now("left")
    auto = next(s.folder.glob("*.wgsave"))
    assert Session.load(auto).folder == s.folder
    mine = tmp_path / "mine.wgsave"
    s.save_as(mine)
    again = Session.load(mine)
    assert again.folder != s.folder and again.folder != mine.parent


def test_a_failed_autosave_is_reported_not_fatal(tutorial_rules, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    s = Session(Game(tutorial_rules, 4), {"blue": "random", "red": "random"}, folder=blocker / "game")
    while s.game.state.turn == 1:
        s.ai_step()
    assert s.last_save_error is not None and "autosave" in s.last_save_error


def test_a_finished_turn_asks_for_its_summary_once(tutorial_rules):
    s = Session(Game(tutorial_rules, 7))
    s.take_screen()
    while s.turn == 1:
        s.take_screen()
        s.apply(EndPhase())
    assert s.summary_due == 1 and s.tracks_at[1] and s.tracks_at[2] == s.tracks()
    s.summary_seen()
    assert s.summary_due is None


def test_the_umpire_sees_everything_and_never_hands_over(tutorial_rules):
    s = Session(Game(tutorial_rules, 5), fixed_view="all")
    assert s.handover_due() is None
    assert "drone_team" in s.view().pieces and "red" in s.view().stocks


def test_a_fixed_view_shows_one_side_whoever_is_to_move(tutorial_rules):
    s = Session(Game(tutorial_rules, 5), fixed_view="blue")
    assert s.to_move == "red" and s.handover_due() is None and s.viewer == "blue"
    assert "drone_team" not in s.view().pieces and not s.my_move


def test_leaving_the_board_saves_the_turn_in_progress(tmp_path):
    from wargame.ui.app import headless_app
    from wargame.ui.screens.play import PlayScreen

    s = Session.new(scenario_path("tutorial"), 8, {"blue": "human", "red": "human"})
    s.take_screen()
    s.apply(MoveTeam("drone_team", parse_ccrr("1008")))
    play = PlayScreen(headless_app((1280, 720)), s)
    play.close()  # the Menu button or closing the window
    saved, _ = load_game(saves.latest().path)
    assert saved.digest() == s.game.digest() and saved.state.turn == 1


def test_the_session_makes_the_search_player_at_its_level_and_saves_it(tutorial_rules, tmp_path):
    from wargame.ai.search import SearchPlayer
    from wargame.session import player_name, read_player

    assert player_name("ai", "hard") == "ai:hard" and read_player("ai:hard") == ("ai", "hard")
    assert read_player("ai:greedy") == ("greedy", "normal") and read_player("ai") == ("ai", "normal")
    assert read_player("someone") == ("human", "normal")
    s = Session(Game(tutorial_rules, 3), {"blue": "human", "red": player_name("ai", "fast")})
    assert isinstance(s.ai["red"], SearchPlayer) and s.ai["red"].level == "fast"
    assert s.human_sides == ["blue"] and s.viewer == "blue"
    while s.to_move == "red":
        s.ai_step()
    assert s.my_move
    path = s.save_as(tmp_path / "game.wgsave")
    again = Session.load(path, autosave=False)
    assert again.players == {"blue": "human", "red": "ai:fast"} and again.ai["red"].level == "fast"

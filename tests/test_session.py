"""The table rules of a sitting: hand-over in hot-seat, computer sides, autosave."""

from __future__ import annotations

from wargame.record import load_game
from wargame.rules.commands import EndPhase
from wargame.rules.engine import Game
from wargame.session import Session


def test_hot_seat_hands_over_before_each_sides_phase(tutorial_rules):
    s = Session(Game(tutorial_rules, 1))
    assert s.hot_seat and s.viewer is None
    assert s.handover_due() == "red" and not s.my_move
    s.take_screen()
    assert s.viewer == "red" and s.my_move and s.handover_due() is None
    s.apply(EndPhase())  # Red ends; Blue's phases come next
    assert s.handover_due() == "blue" and not s.my_move
    # until Blue takes the screen, the view is still Red's: the screen shows the hand-over card instead
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


def test_autosave_at_the_end_of_every_turn(tutorial_rules, tmp_path):
    path = tmp_path / "saves" / "auto.wgsave"
    s = Session(Game(tutorial_rules, 3), {"blue": "greedy", "red": "greedy"}, autosave=path)
    while s.game.state.turn == 1:
        s.ai_step()
    assert path.exists()
    saved, save = load_game(path)
    assert saved.state.turn == 2 and save.players == {"blue": "greedy", "red": "greedy"}
    while not s.game.over:
        s.ai_step()
    final, _ = load_game(path)
    assert final.over and final.digest() == s.game.digest()


def test_a_failed_autosave_is_reported_not_fatal(tutorial_rules, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    s = Session(Game(tutorial_rules, 4), {"blue": "random", "red": "random"}, autosave=blocker / "auto.wgsave")
    while s.game.state.turn == 1:
        s.ai_step()
    assert s.last_save_error is not None and "autosave" in s.last_save_error


def test_the_umpire_sees_everything_and_never_hands_over(tutorial_rules):
    s = Session(Game(tutorial_rules, 5), fixed_view="all")
    assert s.handover_due() is None
    assert "drone_team" in s.view().pieces and "red" in s.view().stocks


def test_a_fixed_view_shows_one_side_whoever_is_to_move(tutorial_rules):
    s = Session(Game(tutorial_rules, 5), fixed_view="blue")
    assert s.to_move == "red" and s.handover_due() is None and s.viewer == "blue"
    assert "drone_team" not in s.view().pieces and not s.my_move


def test_leaving_the_board_saves_the_turn_in_progress(tutorial_rules, tmp_path):
    from wargame.rules.commands import MoveTeam
    from wargame.hexgrid import parse_ccrr
    from wargame.ui.app import headless_app
    from wargame.ui.play import PlayScreen

    path = tmp_path / "auto.wgsave"
    s = Session(Game(tutorial_rules, 8), autosave=path)
    s.take_screen()
    s.apply(MoveTeam("drone_team", parse_ccrr("1008")))
    play = PlayScreen(headless_app((1280, 720)), s)
    play.leave()  # the Menu button or closing the window
    saved, _ = load_game(path)
    assert saved.digest() == s.game.digest() and saved.state.turn == 1

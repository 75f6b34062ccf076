"""The screens around the board, driven by synthetic events: the menu, the Load list,
Resume, the end-of-turn summary, cards that fit at 1024x600, remembered settings."""

from __future__ import annotations

import pygame
import pytest

from conftest import scenario_path
from uidrive import click, frame, key, press, start, take_screen, top
from wargame import saves
from wargame.rules.commands import EndPhase, FlySortie, MoveTeam
from wargame.rules.engine import Game
from wargame.session import Session
from wargame.ui.app import headless_app
from wargame.ui.screens.flow import Shell
from wargame.ui.screens.load import LoadScreen
from wargame.ui.screens.menu import MenuScreen
from wargame.ui.screens.play import PlayScreen
from wargame.ui.screens.summary import SummaryScreen


@pytest.fixture(autouse=True)
def _own_saves(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


def _menu(size=(1280, 720)):
    app = headless_app(size)
    shell = Shell(app)
    shell.menu()
    frame(app)
    return app, shell, top(app)


def test_a_new_game_from_the_menu_never_overwrites_another_games_autosave():
    app, shell, menu = _menu()
    press(app, menu.start)
    first = top(app) if isinstance(top(app), PlayScreen) else app.stack[0]
    assert isinstance(first, PlayScreen)
    first.session.save_now()
    kept = sorted(first.session.folder.glob("*.wgsave"))
    shell.menu()
    frame(app)
    menu = top(app)
    press(app, menu.start)  # a second new game of the same scenario
    second = app.stack[0]
    assert second.session.folder != first.session.folder
    assert sorted(first.session.folder.glob("*.wgsave")) == kept  # the first game's saves are untouched


def test_resume_opens_the_latest_game_where_it_was():
    s = Session.new(scenario_path("tutorial"), 9, {"blue": "human", "red": "human"})
    s.take_screen()
    s.apply(MoveTeam("drone_team", next(iter(s.game.legal_commands("red"))).to))
    s.save_now("left")
    app, shell, menu = _menu()
    assert menu.resume.enabled
    press(app, menu.resume)
    play = app.stack[0]
    assert isinstance(play, PlayScreen) and play.session.game.digest() == s.game.digest()
    assert play.session.folder == s.folder  # it goes on saving in its own game's folder


def test_the_load_list_shows_each_save_and_loads_the_chosen_one():
    a = Session.new(scenario_path("tutorial"), 1, {"blue": "human", "red": "human"})
    a.save_now()
    b = Session.new(scenario_path("february_2021"), 2, {"blue": "human", "red": "greedy"})
    b.save_now()
    app, shell, menu = _menu()
    press(app, menu.load)
    lst = top(app)
    assert isinstance(lst, LoadScreen)
    titles = [s.scenario for s in lst.saves]
    assert titles == [b.rules.scenario.meta.title, a.rules.scenario.meta.title]  # newest first
    assert all(s.turn == 1 and s.to_move == "Red" for s in lst.saves)
    frame(app)
    rect, index = lst.rows[1]
    click(app, rect.center)
    assert lst.selected == 1
    key(app, pygame.K_RETURN)
    play = app.stack[0]
    assert isinstance(play, PlayScreen) and play.rules.scenario.id == "tutorial"


def test_a_broken_save_is_one_line_on_the_load_list(tmp_path):
    folder = saves.saves_dir()
    folder.mkdir(parents=True, exist_ok=True)
    s = Session.new(scenario_path("tutorial"), 1, {"blue": "human", "red": "human"})
    path = folder / "broken.wgsave"
    s.save_as(path)
    path.write_text(path.read_text(encoding="utf-8")[:300], encoding="utf-8")
    app, shell, menu = _menu()
    press(app, menu.load)
    lst = top(app)
    lst.selected = next(i for i, info in enumerate(lst.saves) if info.path == str(path))
    key(app, pygame.K_RETURN)
    assert top(app) is lst and lst.error.startswith(str(path)) and "\n" not in lst.error


def test_every_odds_and_dice_card_fits_at_1024x600(border_rules):
    """Cards for every kind of command of a June game: inside the board, their buttons inside them."""
    session = Session(Game(border_rules, 12), {"blue": "human", "red": "human"})
    app, play = start(session, (1024, 600))
    checked = 0
    for _ in range(400):
        if session.over or checked > 40:
            break
        take_screen(app)
        legal = session.legal()
        for c in legal[:: max(1, len(legal) // 6)]:
            if isinstance(c, (EndPhase, MoveTeam)):
                continue
            play.open_odds(c, tuple(x for x in legal if type(x) is type(c) and getattr(x, "target", None) == getattr(c, "target", 0)))
            card = play.card
            assert play.map.viewport.contains(card.rect), (c, card.rect)
            for b in card.buttons:
                assert card.surface.get_rect().contains(b.rect), (c, b.label)
            checked += 1
            play.close_card()
        command = next((c for c in legal if isinstance(c, FlySortie)), legal[-1])
        play.send(command)
        if play.card is not None:
            assert play.map.viewport.contains(play.card.rect)
            assert all(play.card.surface.get_rect().contains(b.rect) for b in play.card.buttons)
        frame(app)
    assert checked > 10


def test_the_summary_comes_before_the_hand_over_and_shows_public_news(tutorial_rules):
    session = Session(Game(tutorial_rules, 3), {"blue": "human", "red": "human"})
    app, play = start(session)
    while session.turn == 1:
        take_screen(app)
        session.apply(EndPhase())
        play.after_change()
        frame(app)
    assert isinstance(top(app), SummaryScreen)
    text = " ".join(line.name for line in top(app).summary.tracks)
    assert "Escalation" in text
    key(app, pygame.K_RETURN)
    assert not isinstance(top(app), SummaryScreen) and session.summary_due is None


def test_hiding_the_legend_is_remembered_after_a_reload():
    app, shell, menu = _menu()
    press(app, menu.start)
    play = app.stack[0]
    take_screen(app)
    assert not play.map.show_legend  # off by default: it hides a third of the map at 1024x600
    key(app, pygame.K_l)
    assert play.map.show_legend
    app2, shell2, menu2 = _menu()
    press(app2, menu2.start)
    assert app2.stack[0].map.show_legend
    take_screen(app2)
    key(app2, pygame.K_l)
    app3, _, menu3 = _menu()
    press(app3, menu3.start)
    assert not app3.stack[0].map.show_legend


def test_menu_cycles_players_and_starts_against_the_computer():
    app, shell, menu = _menu((1024, 600))
    press(app, menu.red)
    assert "Computer" in menu.red.label
    press(app, menu.start)
    play = app.stack[0]
    assert play.session.players == {"blue": "human", "red": "ai:normal"}
    assert play.session.viewer == "blue"


def test_another_scenario_file_is_checked_before_it_is_offered(tmp_path):
    app, shell, menu = _menu()
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: wargame-scenario/1\nid: Bad\n", encoding="utf-8")
    menu._picked(bad)
    assert menu.error.startswith(str(bad)) and len(menu.choices) == 3
    good = tmp_path / "mine.yaml"
    good.write_text(scenario_path("tutorial").read_text(encoding="utf-8"), encoding="utf-8")
    menu._picked(good)
    assert menu.choices[menu.choice].path == good
    press(app, menu.start)
    assert app.stack[0].rules.scenario.id == "tutorial"


def test_the_menus_file_dialog_offers_the_picked_scenario_and_closes(tmp_path):
    import pygame_gui

    app, shell, menu = _menu()
    good = tmp_path / "mine.yaml"
    good.write_text(scenario_path("tutorial").read_text(encoding="utf-8"), encoding="utf-8")
    press(app, menu.other)
    dialog = menu.dialog
    assert dialog is not None and dialog.alive()
    frame(app, [pygame.event.Event(pygame_gui.UI_FILE_DIALOG_PATH_PICKED, text=str(good), ui_element=dialog)])
    assert menu.dialog is None and menu.choices[menu.choice].path == good
    press(app, menu.other)
    frame(app, [pygame.event.Event(pygame_gui.UI_WINDOW_CLOSE, ui_element=menu.dialog)])
    assert menu.dialog is None and menu.choices[menu.choice].path == good  # closing picks nothing


def test_the_load_lists_file_dialog_opens_the_picked_save(tmp_path):
    import pygame_gui

    s = Session.new(scenario_path("tutorial"), 4, {"blue": "human", "red": "human"})
    path = tmp_path / "elsewhere.wgsave"
    s.save_as(path)
    app, shell, menu = _menu()
    press(app, menu.load)
    lst = top(app)
    press(app, next(b for b in lst.buttons if b.action == "file"))
    frame(app, [pygame.event.Event(pygame_gui.UI_FILE_DIALOG_PATH_PICKED, text=str(path), ui_element=lst.dialog)])
    play = app.stack[0]
    assert isinstance(play, PlayScreen) and play.session.game.digest() == s.game.digest()


def test_the_file_dialogs_are_one_size(tmp_path, tutorial_rules):
    """The menu's Open and the Load list's file dialog (and Save as, the editor's) size
    themselves in one place: each had its own rect, 520 to 560 wide, 440 to 460 high."""
    app, shell, menu = _menu()
    press(app, menu.other)
    opened = menu.dialog.rect.size
    frame(app, [pygame.event.Event(__import__("pygame_gui").UI_WINDOW_CLOSE, ui_element=menu.dialog)])
    press(app, menu.load)
    lst = top(app)
    press(app, next(b for b in lst.buttons if b.action == "file"))
    assert lst.dialog.rect.size == opened
    w, h = app.size
    assert opened[0] <= w - 40 and opened[1] <= h - 40
    game_app, play = start(Session(Game(tutorial_rules, 11), {"blue": "human", "red": "human"}))
    take_screen(game_app)
    key(game_app, pygame.K_s, pygame.KMOD_CTRL)
    assert game_app.size == app.size and play.file_dialog.window.rect.size == opened  # the game's Save as


def test_no_screen_imports_pygame_gui_before_a_dialog_opens(tmp_path):
    """pygame_gui costs a fresh process 60-80 ms, and only the file dialogs and the
    editor's forms use it (ui/dialogs.py): the menu, a game's first frame and
    `wargame render` must come up without it."""
    import subprocess
    import sys

    code = ("import os, sys\n"
            "os.environ['SDL_VIDEODRIVER'] = 'dummy'\n"
            f"os.environ['XDG_DATA_HOME'] = {str(tmp_path)!r}\n"
            "from wargame.resources import find_scenario\n"
            "from wargame.session import Session\n"
            "from wargame.ui.app import headless_app\n"
            "from wargame.ui.screens.flow import Shell\n"
            "app = headless_app((1024, 600))\n"
            "shell = Shell(app)\n"
            "shell.menu(); app.frame([], 0.0)\n"
            "shell.play(Session.new(find_scenario('tutorial'), 1, {'blue': 'human', 'red': 'greedy'})); app.frame([], 0.0)\n"
            "from wargame.cli import main\n"
            f"assert main(['render', 'tutorial', '--out', {str(tmp_path / 'board.png')!r}]) == 0\n"
            "assert 'pygame_gui' not in sys.modules, 'pygame_gui was imported'\n")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]

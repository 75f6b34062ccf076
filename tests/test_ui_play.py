"""The play screen driven by synthetic events under SDL's dummy driver: a whole
turn of the tutorial played by clicks, the hand-over hiding the board, and
hidden pieces absent from Blue's pixels."""

from __future__ import annotations

import pygame
import pytest

from wargame.hexgrid import Hex
from wargame.rules.commands import DroneAttack, EndPhase, MoveTeam, RocketAttack
from wargame.rules.engine import Game
from wargame.session import Session
from wargame.ui import style
from wargame.ui.app import headless_app
from wargame.ui.play import PlayScreen

HANDOVER_BG = (18, 20, 24)


@pytest.fixture
def screen(tutorial_rules):
    app = headless_app((1280, 720))
    session = Session(Game(tutorial_rules, 11), {"blue": "human", "red": "human"})
    play = PlayScreen(app, session)
    play.board.frame_budget_ms = None  # every frame complete, so pixels can be compared
    app.show(play)
    frame(app)
    yield app, play
    play.leave()


def frame(app, events=()) -> None:
    """One frame with these events, then one more to deliver what pygame_gui posted."""
    app.frame(list(events), 1 / 60)
    app.frame(pygame.event.get(), 1 / 60)


def click(app, pos, button=1) -> None:
    frame(app, [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
                pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button)])  # fmt: skip


def press(app, button) -> None:
    assert button.visible and button.is_enabled, button.text
    click(app, button.rect.center)


def key(app, k, mod=0) -> None:
    frame(app, [pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)])


def hex_pos(play: PlayScreen, h: Hex) -> tuple[int, int]:
    x, y = play.board.centre(h)
    return int(x), int(y)


def zoom_in(app, play: PlayScreen, levels: int) -> None:
    for _ in range(levels):
        frame(app, [pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False, precise_x=0.0, precise_y=1.0)])


def assert_handover(app, side: str) -> None:
    surface = app.surface
    w, h = surface.get_size()
    assert surface.get_at((20, 20))[:3] == HANDOVER_BG  # where the board was
    assert surface.get_at((w - 20, 40))[:3] == HANDOVER_BG  # where the panel and its tracks were
    assert surface.get_at((w // 2, h // 2 + 120))[:3] == style.SIDE_DARK[side]  # the card itself
    colours = {surface.get_at((x, y))[:3] for x in range(0, w, 16) for y in range(0, h, 16)}
    assert style.RED not in colours and style.BLUE not in colours  # no counter anywhere


def test_a_whole_turn_played_by_clicks(screen):
    app, play = screen
    game = play.game
    # the hand-over card hides everything until Red takes the screen
    assert_handover(app, "red")
    assert not play.end_button.visible
    click(app, (640, 360))
    assert play.session.viewer == "red" and play.end_button.visible
    zoom_in(app, play, 3)

    # Red: move the drone team by clicking it, then a shaded hex
    team = game.state.pieces["drone_team"]
    play.board.centre_on(team.hex)
    frame(app)
    click(app, hex_pos(play, team.hex))
    assert play.selected == "drone_team"
    destination = sorted(play.options.moves)[0]
    click(app, hex_pos(play, destination))
    assert team.hex == destination and team.moved_turn == 1
    # Red: the rocket team fires at Ain al-Asad after seeing the odds
    rockets = game.state.pieces["rocket_team_1"]
    base = game.state.pieces["ain_al_asad_base"]
    play.board.centre_on(base.hex)
    frame(app)
    click(app, hex_pos(play, rockets.hex))
    assert play.selected == "rocket_team_1"
    click(app, hex_pos(play, base.hex))
    assert play.card_kind == "odds" and isinstance(play.pending, RocketAttack)
    assert sum(c for _, s in play.preview.odds for c in s.odds().chances) == len(play.preview.odds)
    commit = next(b for b, what in play.card_buttons if what == "commit")
    press(app, commit)
    assert len(game.state.attacks) == 1 and rockets.attacked_turn == 1
    frame(app)
    assert "Drone team moves" in play.log_box.html_text  # Red reads its own moves
    press(app, play.end_button)

    # hand-over to Blue: nothing of Red's turn shows
    assert play.session.handover_due() == "blue"
    frame(app)
    assert_handover(app, "blue")
    click(app, (640, 360))
    assert play.session.viewer == "blue" and game.phase == "blue_reaction"
    frame(app)
    assert "Drone team moves" not in play.log_box.html_text  # Red's log went with Red
    assert "Turn 1, Blue reaction" in play.log_box.html_text
    # Blue's reaction: the card for the incoming attack opens by itself
    frame(app)
    assert play.card_kind == "odds"
    press(app, next(b for b, what in play.card_buttons if what == "commit"))
    assert all(a.resolved for a in game.state.attacks)
    assert play.card_kind == "roll"  # the dice, shown as dice
    press(app, next(b for b, what in play.card_buttons if what == "cancel"))
    press(app, play.end_button)

    # Blue ISR: select the ISR drone at its base, click a hex in range, commit
    assert game.phase == "blue_isr"
    play.board.centre_on(base.hex)
    frame(app)
    click(app, hex_pos(play, base.hex))
    assert play.selected == "reaper_1"
    aim = next(h for h in sorted(play.options.searches) if play.board.viewport.collidepoint(hex_pos(play, h)))
    click(app, hex_pos(play, aim))
    assert play.card_kind == "odds"
    press(app, next(b for b, what in play.card_buttons if what == "commit"))
    assert game.state.pieces["reaper_1"].aim == aim
    press(app, play.end_button)

    # Blue air: Tab selects the flight (its base is off the map), click the known facility, commit
    assert game.phase == "blue_air"
    key(app, pygame.K_TAB)
    assert play.selected == "viper_1"
    facility = game.state.pieces["desert_facility"]
    play.board.centre_on(facility.hex)
    frame(app)
    click(app, hex_pos(play, facility.hex))
    assert play.card_kind == "odds"
    assert [label for label, _ in play.preview.odds] == ["Air defence", "Strike", "Collateral harm"]
    press(app, next(b for b, what in play.card_buttons if what == "commit"))
    assert game.state.stats["sorties_flown"] == 1
    if play.card_kind == "roll":
        press(app, next(b for b, what in play.card_buttons if what == "cancel"))
    press(app, play.end_button)

    # the turn is over: turn 2 begins with Red, behind the hand-over card
    assert game.state.turn == 2 and game.phase == "red_operations"
    frame(app)
    assert_handover(app, "red")


def test_undo_by_keyboard_takes_back_a_move(screen):
    app, play = screen
    click(app, (640, 360))
    team = play.game.state.pieces["drone_team"]
    start = team.hex
    zoom_in(app, play, 3)
    play.board.centre_on(team.hex)
    frame(app)
    click(app, hex_pos(play, team.hex))
    click(app, hex_pos(play, sorted(play.options.moves)[0]))
    assert team.hex != start
    key(app, pygame.K_z, pygame.KMOD_CTRL)
    assert play.game.state.pieces["drone_team"].hex == start


def test_hidden_pieces_are_absent_from_blues_pixels(tutorial_rules):
    """The same camera drawn for Red and for Blue: the hidden drone team's counter
    is in Red's picture and nowhere in Blue's, which there shows the bare map."""
    pictures = {}
    for side in ("red", "blue", None):
        app = headless_app((1280, 720))
        session = Session(Game(tutorial_rules, 11), {"blue": "human", "red": "human"})
        if side == "blue":
            session.game.apply(EndPhase())  # Red's operations are over: Blue is at the screen
        session.viewer = side
        session.fixed_view = "all" if side is None else None
        assert session.handover_due() is None
        play = PlayScreen(app, session)
        play.board.frame_budget_ms = None
        play.show_legend = False
        app.show(play)
        for _ in range(3):
            play.board.zoom(1, play.board.viewport.center)
        team = session.game.state.pieces["drone_team"]
        play.board.centre_on(team.hex)
        frame(app)
        if side is None:  # the bare map, for comparison
            app.surface.fill((0, 0, 0))
            play.board.draw(app.surface)
        pictures[side] = (app.surface.copy(), hex_pos(play, team.hex))
        play.leave()
    (red, at), (blue, _), (bare, _) = pictures["red"], pictures["blue"], pictures[None]
    x, y = at
    patch = [(x + dx, y + dy) for dx in range(-8, 9, 2) for dy in range(-8, 9, 2)]
    assert sum(red.get_at(p) != bare.get_at(p) for p in patch) > len(patch) // 2  # Red sees its counter
    assert all(blue.get_at(p) == bare.get_at(p) for p in patch)  # Blue sees only the map there


def test_escape_closes_the_card_then_deselects(screen):
    app, play = screen
    click(app, (640, 360))
    play.select("drone_team")
    target = next(iter(play.options.attacks))
    play.open_odds(play.options.attacks[target][0], play.options.attacks[target])
    assert isinstance(play.pending, DroneAttack)
    key(app, pygame.K_ESCAPE)
    assert play.card is None and play.selected == "drone_team"
    key(app, pygame.K_ESCAPE)
    assert play.selected is None
    assert not any(isinstance(c, MoveTeam) for c in play.game.history[-1:] if c is not None)


def test_help_overlay_lists_every_key(screen):
    app, play = screen
    click(app, (640, 360))
    before = app.surface.copy()
    key(app, pygame.K_F1)
    assert play.show_help
    assert app.surface.get_at((640, 360)) != before.get_at((640, 360))
    key(app, pygame.K_F1)
    assert not play.show_help


def test_window_resizes_to_full_hd(screen):
    app, play = screen
    frame(app, [pygame.event.Event(pygame.VIDEORESIZE, w=1920, h=1080, size=(1920, 1080))])
    assert app.surface.get_size() == (1920, 1080)
    assert play.board.viewport.right == play.panel.rect.left
    assert play.end_button.rect.bottom <= 1080


def test_the_dice_card_hides_a_strike_whose_results_were_unclear(tutorial_rules):
    from wargame.rules.commands import FlySortie
    from wargame.dice import RecordedDice

    app = headless_app((1280, 720))
    session = Session(Game(tutorial_rules, 1, RecordedDice([(6, 1), (6, 1)])), {"blue": "human", "red": "human"})
    play = PlayScreen(app, session)
    app.show(play)
    session.game.apply(EndPhase())
    session.game.apply(EndPhase())
    session.take_screen()
    # air defence 2, strike 12: destroyed; collateral 1; assessment 1: unclear
    session.game.dice = RecordedDice([(6, 1), (6, 1), (6, 6), (6, 6), (6, 1), (6, 1)])
    play.dirty = True
    frame(app)
    play.send(FlySortie("viper_1", "desert_facility"))
    assert session.game.state.pieces["desert_facility"].destroyed
    assert play.card_kind == "roll"
    shown = [r.table for r in play.card_rolls]
    assert shown == ["air_defence", "collateral_harm", "damage_assessment"]  # no strike roll
    play.leave()


def test_two_people_play_the_june_scenario_to_the_end(border_rules):
    """Every command two players give, through the screen: pick the piece on the
    board, click its target, choose on the odds card, commit; hand the screen
    over whenever the card asks. The choices come from the greedy player, so the
    game is a sensible one; the screen must offer each of them."""
    from wargame.ai.greedy import GreedyPlayer
    from wargame.rules.commands import EndPhase, ResolveAttack, TaskIsr
    from wargame.ui.screens import EndScreen, start_play

    app = headless_app((1280, 720))
    session = Session(Game(border_rules, 5), {"blue": "human", "red": "human"})
    start_play(app, session)
    play = app.screen
    play.board.frame_budget_ms = None
    game = session.game
    brains = {"blue": GreedyPlayer(1), "red": GreedyPlayer(2)}
    handovers = 0
    for _ in range(2000):
        if game.over:
            break
        frame(app)
        if session.handover_due():
            click(app, (640, 360))
            handovers += 1
            continue
        if play.card_kind == "roll":  # the dice of the last command: the player reads them and presses OK
            press(app, next(b for b, what in play.card_buttons if what == "cancel"))
            continue
        side = session.to_move
        command = brains[side].choose(game.decision(side))
        before = len(game.history)
        if isinstance(command, EndPhase):
            press(app, play.end_button)
        elif isinstance(command, ResolveAttack):
            assert play.card_kind == "odds" and play.pending == command
            press(app, next(b for b, what in play.card_buttons if what == "commit"))
        else:
            actor = getattr(command, "team", None) or getattr(command, "drone", None) or getattr(command, "flight")
            where = game.state.pieces[actor].hex
            for _ in range(6):  # click the piece's hex until it is the one selected (stacks cycle)
                play.click_hex(where)
                if play.selected == actor:
                    break
            assert play.selected == actor
            if isinstance(command, MoveTeam):
                play.click_hex(command.to)
            else:
                aim = command.hex if isinstance(command, TaskIsr) else game.state.pieces[command.target].hex
                play.click_hex(aim)
                assert play.card_kind == "odds"
                if play.pending != command:  # another number of drones, or another target in the hex
                    frame(app)
                    press(app, next(b for b, what in play.card_buttons if what == command))
                assert play.pending == command, (play.pending, command)
                frame(app)
                press(app, next(b for b, what in play.card_buttons if what == "commit"))
        assert len(game.history) == before + 1 and game.history[-1].command == command
    frame(app)
    assert game.over and isinstance(app.screen, EndScreen)
    assert handovers >= 2 * game.state.turn - 1


def test_the_hand_over_hides_where_the_last_player_looked(screen):
    app, play = screen
    click(app, (640, 360))  # Red takes the screen
    fit_level = play.board.level
    key(app, pygame.K_TAB)  # centres on a (hidden) Red team
    zoom_in(app, play, 3)
    red_camera = (play.board.level, play.board.hex_at(play.board.viewport.center))
    press(app, play.end_button)
    click(app, (640, 360))  # Blue takes the screen: the whole map, nothing hovered
    assert play.session.viewer == "blue"
    assert play.board.level == fit_level and play.hover is None
    play.session.game.apply(EndPhase())  # Blue ISR over
    play.session.game.apply(EndPhase())  # Blue air over: back to Red
    play.dirty = True
    play._after_change()
    frame(app)
    click(app, (640, 360))
    assert (play.board.level, play.board.hex_at(play.board.viewport.center)) == red_camera  # Red's own view back


def test_keys_typed_in_the_save_dialog_are_not_commands(screen):
    app, play = screen
    click(app, (640, 360))
    key(app, pygame.K_s, pygame.KMOD_CTRL)
    assert play.file_dialog is not None and play.file_dialog.alive()
    key(app, pygame.K_e)
    assert play.game.phase == "red_operations"


def test_a_cancelled_reaction_card_stays_closed_until_enter(screen):
    app, play = screen
    click(app, (640, 360))
    play.session.apply(RocketAttack("rocket_team_1", "ain_al_asad_base"))
    play.session.apply(EndPhase())
    play.dirty = True
    play._after_change()
    frame(app)
    click(app, (640, 360))  # Blue
    frame(app)
    assert play.card_kind == "odds"
    key(app, pygame.K_ESCAPE)
    frame(app)
    assert play.card is None
    key(app, pygame.K_RETURN)
    assert play.card_kind == "odds"

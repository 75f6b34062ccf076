"""The play screen driven by synthetic events under SDL's dummy driver: a whole turn
of the tutorial played by clicks, the hand-over hiding the board, hidden pieces
absent from Blue's pixels, and the June scenario played to its end by the screen."""

from __future__ import annotations

import pygame
import pytest

from uidrive import click, frame, hex_pos, key, press, press_card, start, take_screen, top, zoom_in
from wargame.rules.commands import (
    DroneAttack, EndPhase, FlySortie, GoToGround, MoveTeam, PlaceMarker, PlayCard, ResolveAttack, RocketAttack, TaskIsr,
)  # fmt: skip
from wargame.rules.engine import Game
from wargame.session import Session
from wargame.ui import style
from wargame.ui.screens.end import EndScreen
from wargame.ui.screens.handover import BACKGROUND, HandoverScreen
from wargame.ui.screens.play import PlayScreen
from wargame.ui.screens.question import QuestionScreen
from wargame.ui.screens.summary import SummaryScreen


@pytest.fixture
def screen(tutorial_rules):
    app, play = start(Session(Game(tutorial_rules, 11), {"blue": "human", "red": "human"}))
    yield app, play


def assert_handover(app, side: str) -> None:
    assert isinstance(top(app), HandoverScreen) and top(app).side == side
    surface = app.surface
    w, h = surface.get_size()
    assert surface.get_at((20, 20))[:3] == BACKGROUND  # where the board was
    assert surface.get_at((w - 20, 40))[:3] == BACKGROUND  # where the panel and its tracks were
    assert surface.get_at((w // 2, h // 2 + 120))[:3] == style.SIDE_DARK[side]  # the card itself
    colours = {surface.get_at((x, y))[:3] for x in range(0, w, 16) for y in range(0, h, 16)}
    assert style.RED not in colours and style.BLUE not in colours  # no counter anywhere


def test_a_whole_turn_played_by_clicks(screen):
    app, play = screen
    game = play.session.game
    assert_handover(app, "red")  # the hand-over card hides everything until Red takes the screen
    click(app, (640, 360))
    assert top(app) is play and play.session.viewer == "red"
    zoom_in(app, 3)

    # Red: move the drone team by clicking it, then a shaded hex
    team = game.state.pieces["drone_team"]
    play.map.centre_on(team.hex)
    frame(app)
    click(app, hex_pos(play, team.hex))
    assert play.selected == "drone_team"
    destination = sorted(play.options.moves)[0]
    click(app, hex_pos(play, destination))
    assert team.hex == destination and team.moved_turn == 1
    # Red: the rocket team fires at Ain al-Asad after seeing the odds
    rockets = game.state.pieces["rocket_team_1"]
    base = game.state.pieces["ain_al_asad_base"]
    play.map.centre_on(base.hex)
    frame(app)
    click(app, hex_pos(play, rockets.hex))
    assert play.selected == "rocket_team_1"
    click(app, hex_pos(play, base.hex))
    assert play.card.kind == "odds" and isinstance(play.card.pending, RocketAttack)
    assert all(sum(b.chance for b in sec.bars) == 1 for sec in play.card.words.sections)
    press_card(app, play, "commit")
    assert len(game.state.attacks) == 1 and rockets.attacked_turn == 1
    assert any("Drone team moves" in line.text for line in play.panel.log.lines)  # Red reads its own moves
    press(app, play.end_button)

    # hand-over to Blue: nothing of Red's turn shows
    assert play.session.handover_due() == "blue"
    assert_handover(app, "blue")
    click(app, (640, 360))
    assert play.session.viewer == "blue" and game.phase == "blue_reaction"
    frame(app)
    texts = [line.text for line in play.panel.log.lines]
    assert not any("Drone team moves" in t for t in texts)  # Red's log went with Red
    assert "Turn 1, Blue reaction" in texts
    # Blue's reaction: the card for the incoming attack opens by itself
    assert play.card.kind == "odds" and isinstance(play.card.pending, ResolveAttack)
    press_card(app, play, "commit")
    assert all(a.resolved for a in game.state.attacks)
    assert play.card.kind == "roll"  # the dice, shown as dice
    press_card(app, play, "cancel")
    press(app, play.end_button)

    # Blue ISR: select the ISR drone at its base, click a hex in range, commit
    assert game.phase == "blue_isr"
    play.map.centre_on(base.hex)
    frame(app)
    click(app, hex_pos(play, base.hex))
    assert play.selected == "reaper_1"
    aim = next(h for h in sorted(play.options.searches) if play.map.viewport.collidepoint(hex_pos(play, h)))
    click(app, hex_pos(play, aim))
    assert play.card.kind == "odds"
    press_card(app, play, "commit")
    assert game.state.pieces["reaper_1"].aim == aim
    press(app, play.end_button)

    # Blue air: Tab selects the flight (its base is off the map), click the known facility, commit
    assert game.phase == "blue_air"
    key(app, pygame.K_TAB)
    assert play.selected == "viper_1"
    facility = game.state.pieces["desert_facility"]
    play.map.centre_on(facility.hex)
    frame(app)
    click(app, hex_pos(play, facility.hex))
    assert play.card.kind == "odds"
    assert [sec.label for sec in play.card.words.sections] == ["Air defence", "Strike", "Collateral harm"]
    press_card(app, play, "commit")
    assert game.state.stats["sorties_flown"] == 1
    if play.card is not None:
        press_card(app, play, "cancel")
    press(app, play.end_button)

    # the turn is over: the summary both players read, then turn 2 begins with Red behind the card
    assert game.state.turn == 2 and game.phase == "red_operations"
    assert isinstance(top(app), SummaryScreen) and top(app).summary.turn == 1
    key(app, pygame.K_RETURN)
    assert_handover(app, "red")


def test_undo_by_keyboard_takes_back_a_move(screen):
    app, play = screen
    take_screen(app)
    team = play.session.game.state.pieces["drone_team"]
    start_hex = team.hex
    zoom_in(app, 3)
    play.map.centre_on(team.hex)
    frame(app)
    click(app, hex_pos(play, team.hex))
    click(app, hex_pos(play, sorted(play.options.moves)[0]))
    assert team.hex != start_hex
    key(app, pygame.K_z, pygame.KMOD_CTRL)
    assert play.session.game.state.pieces["drone_team"].hex == start_hex


def test_hidden_pieces_are_absent_from_blues_pixels(tutorial_rules):
    """The same camera drawn for Red and for Blue: the hidden drone team's counter
    is in Red's picture and nowhere in Blue's, which there shows the bare map."""
    pictures = {}
    for side in ("red", "blue", None):
        session = Session(Game(tutorial_rules, 11), {"blue": "human", "red": "human"}, fixed_view=side or "all")
        app, play = start(session)
        zoom_in(app, 3)
        team = session.game.state.pieces["drone_team"]
        play.map.centre_on(team.hex)
        play.map.show_minimap = play.map.show_legend = False
        frame(app)
        if side is None:  # the bare map, for comparison
            app.surface.fill((0, 0, 0))
            play.map.draw(app.surface, None)
        pictures[side] = (app.surface.copy(), hex_pos(play, team.hex))
    (red, at), (blue, _), (bare, _) = pictures["red"], pictures["blue"], pictures[None]
    x, y = at
    patch = [(x + dx, y + dy) for dx in range(-8, 9, 2) for dy in range(-8, 9, 2)]
    assert sum(red.get_at(p) != bare.get_at(p) for p in patch) > len(patch) // 2  # Red sees its counter
    assert all(blue.get_at(p) == bare.get_at(p) for p in patch)  # Blue sees only the map there


def test_escape_closes_the_card_then_deselects_then_asks_before_leaving(screen):
    app, play = screen
    take_screen(app)
    play.select("drone_team")
    target = next(iter(play.options.attacks))
    play.open_odds(play.options.attacks[target][0], tuple(play.options.attacks[target]))
    assert isinstance(play.card.pending, DroneAttack)
    key(app, pygame.K_ESCAPE)
    assert play.card is None and play.selected == "drone_team"
    key(app, pygame.K_ESCAPE)
    assert play.selected is None
    key(app, pygame.K_ESCAPE)
    assert isinstance(top(app), QuestionScreen)  # leaving asks first
    key(app, pygame.K_ESCAPE)  # no: back on the board, nothing lost
    assert top(app) is play and len(play.session.game.history) == 1


def test_ending_a_phase_with_pieces_that_have_not_acted_asks(screen):
    app, play = screen
    take_screen(app)
    press(app, play.end_button)
    question = top(app)
    assert isinstance(question, QuestionScreen) and "have not acted" in question.text
    assert "Drone team" in question.text
    key(app, pygame.K_RETURN)  # yes
    assert play.session.to_move == "blue"  # Red's operations are over


def test_help_is_drawn_over_everything_and_works_on_the_menu(screen):
    app, play = screen
    take_screen(app)
    panel_spot = (play.panel.rect.centerx, play.end_button.rect.centery)
    before = app.surface.get_at(panel_spot)
    key(app, pygame.K_F1)
    assert app.show_help
    after = app.surface.get_at(panel_spot)
    assert sum(after[:3]) < sum(before[:3])  # the panel's buttons are dimmed under the help, not bright over it
    key(app, pygame.K_F1)
    assert not app.show_help
    from wargame.ui.screens.menu import MenuScreen

    play.shell.menu()
    assert isinstance(top(app), MenuScreen)
    key(app, pygame.K_F1)
    assert app.show_help


def test_window_resizes_to_full_hd(screen):
    app, play = screen
    take_screen(app)
    frame(app, [pygame.event.Event(pygame.VIDEORESIZE, w=1920, h=1080, size=(1920, 1080))])
    assert app.surface.get_size() == (1920, 1080)
    assert play.map.viewport.right == play.panel.rect.left
    assert play.end_button.rect.bottom <= 1080 and play.end_button.rect.right <= 1920


def test_the_dice_card_hides_a_strike_whose_results_were_unclear(tutorial_rules):
    from wargame.dice import RecordedDice

    session = Session(Game(tutorial_rules, 1, RecordedDice([(6, 1), (6, 1)])), {"blue": "human", "red": "human"})
    app, play = start(session)
    session.game.apply(EndPhase())
    session.game.apply(EndPhase())
    take_screen(app)
    # air defence 2, strike 12: destroyed; collateral 1; assessment 1: unclear
    session.game.dice = RecordedDice([(6, 1), (6, 1), (6, 6), (6, 6), (6, 1), (6, 1)])
    play.refresh()
    play.send(FlySortie("viper_1", "desert_facility"))
    assert session.game.state.pieces["desert_facility"].destroyed
    assert play.card.kind == "roll"
    shown = [r.table for r in play.card.words.rolls]
    assert shown == ["Militia air defence", "Collateral harm", "Damage assessment"] or len(shown) == 3
    assert not any("strike" == r.table.lower() or r.table.startswith("Strike") for r in play.card.words.rolls)


def test_the_hand_over_hides_where_the_last_player_looked(screen):
    app, play = screen
    take_screen(app)  # Red takes the screen
    fit_level = play.map.level
    key(app, pygame.K_TAB)  # centres on a (hidden) Red team
    zoom_in(app, 3)
    red_camera = play.map.camera()
    play.session.apply(EndPhase())
    play.after_change()
    frame(app)
    take_screen(app)  # Blue takes the screen: the whole map, nothing hovered
    assert play.session.viewer == "blue"
    assert play.map.level == fit_level and play.hover is None
    while play.session.to_move == "blue":  # Blue's phases go by: back to Red
        play.session.apply(EndPhase())
    play.after_change()
    frame(app)
    take_screen(app)
    assert play.map.camera() == red_camera  # Red's own view back


def test_keyboard_camera_moves_drop_the_hover_tooltip(screen):
    app, play = screen
    take_screen(app)
    zoom_in(app, 2)
    centre = play.map.viewport.center
    click(app, centre)
    assert play.hover is not None
    key(app, pygame.K_TAB)
    assert play.hover is None
    frame(app, [pygame.event.Event(pygame.MOUSEMOTION, pos=centre, rel=(1, 0), buttons=(0, 0, 0))])
    key(app, pygame.K_HOME)
    assert play.hover is None


def test_keys_typed_in_the_save_dialog_are_not_commands(screen):
    app, play = screen
    take_screen(app)
    key(app, pygame.K_s, pygame.KMOD_CTRL)
    assert play.file_dialog is not None and play.file_dialog.open
    key(app, pygame.K_e)
    assert play.session.phase == "red_operations"


def _at_a_rocket_attacks_odds_card(screen):
    """Blue's reaction to one rocket salvo, its odds card open (the hand-over passed)."""
    app, play = screen
    take_screen(app)
    play.session.apply(RocketAttack("rocket_team_1", "ain_al_asad_base"))
    play.session.apply(EndPhase())
    play.after_change()
    frame(app)
    take_screen(app)
    frame(app)
    assert play.card.kind == "odds"
    return app, play


def test_a_cancelled_reaction_card_stays_closed_until_enter(screen):
    app, play = _at_a_rocket_attacks_odds_card(screen)
    key(app, pygame.K_ESCAPE)
    frame(app)
    assert play.card is None
    key(app, pygame.K_RETURN)
    assert play.card.kind == "odds"


def test_enter_closes_the_dice_card_then_opens_the_next_attack(screen):
    """The dice card after a resolution offers OK: Enter takes it (it did nothing, and a
    player pressing Enter through the Blue reaction was stuck on the first dice)."""
    app, play = _at_a_rocket_attacks_odds_card(screen)
    key(app, pygame.K_RETURN)  # resolve
    assert play.card is not None and play.card.kind == "roll"
    key(app, pygame.K_RETURN)  # OK
    assert play.card is None


def test_an_idle_board_draws_nothing(screen):
    app, play = screen
    take_screen(app)
    frame(app)
    for _ in range(20):  # let the map finish rendering ahead
        app.frame([], 1 / 60, force=False)
    assert not app.frame([], 1 / 60, force=False)  # nothing moved: nothing drawn


def select_piece(play, where, actor) -> None:
    """Click the piece's hex until it is the one selected (stacks cycle), with nothing selected
    first (as a right click does): a click on a hex the selected piece may reach would move it."""
    if play.selected != actor:
        play.select(None)
    for _ in range(6):
        play.click_hex(where)
        if play.selected == actor:
            break
    assert play.selected == actor


def press_strip(app, play, action) -> None:
    """Press a button of the hand strip (a marker to place, a team to ground)."""
    b = next(b for b in play.panel.strip.buttons if b.action == action)
    click(app, b.rect.center)


def play_from_hand(app, play, command) -> None:
    """Play a card as a person does: click it in the hand, choose its use on its card, commit."""
    tile = next(t for t in play.panel.strip.tiles if t.card == command.card)
    click(app, tile.rect.center)
    assert play.card is not None and play.card.kind == "odds"
    if play.card.pending != command:
        frame(app)
        press_card(app, play, command)
    assert play.card.pending == command, (play.card.pending, command)
    frame(app)
    press_card(app, play, "commit")


def test_two_people_play_the_june_scenario_to_the_end(border_rules):
    """Every command two players give, through the screen: pick the piece on the
    board, click its target, choose on the odds card, commit; hand the screen over
    whenever the card asks. The choices come from the greedy player, so the game is
    a sensible one; the screen must offer each of them."""
    from wargame.ai.greedy import GreedyPlayer

    session = Session(Game(border_rules, 5), {"blue": "human", "red": "human"})
    app, play = start(session)
    game = session.game
    brains = {"blue": GreedyPlayer(1), "red": GreedyPlayer(2)}
    handovers = summaries = plays = markers = 0
    for _ in range(3000):
        if game.over:
            break
        frame(app)
        screen = top(app)
        if isinstance(screen, SummaryScreen):
            summaries += 1
            key(app, pygame.K_RETURN)
            continue
        if isinstance(screen, HandoverScreen):
            click(app, (640, 360))
            handovers += 1
            continue
        if isinstance(screen, QuestionScreen):
            key(app, pygame.K_RETURN)
            continue
        if play.card is not None and play.card.kind == "roll":  # the dice of the last command: OK
            press_card(app, play, "cancel")
            continue
        side = session.to_move
        command = brains[side].choose(game.decision(side))
        before = len(game.history)
        if isinstance(command, EndPhase):
            press(app, play.end_button)
            if isinstance(top(app), QuestionScreen):
                key(app, pygame.K_RETURN)
        elif isinstance(command, ResolveAttack):
            if play.card is None or play.card.pending != command:  # a card played first took its place
                key(app, pygame.K_RETURN)  # Enter opens the next attack's card
            assert play.card.kind == "odds" and play.card.pending == command
            press_card(app, play, "commit")
        elif isinstance(command, PlayCard):
            plays += 1
            play_from_hand(app, play, command)
        elif isinstance(command, (PlaceMarker, GoToGround)):
            actor = command.piece if isinstance(command, PlaceMarker) else command.team
            select_piece(play, game.state.pieces[actor].hex, actor)
            frame(app)
            press_strip(app, play, command)
            markers += isinstance(command, PlaceMarker)
        else:
            actor = getattr(command, "team", None) or getattr(command, "drone", None) or getattr(command, "flight")
            select_piece(play, game.state.pieces[actor].hex, actor)
            if isinstance(command, MoveTeam):
                play.click_hex(command.to)
            else:
                aim = command.hex if isinstance(command, TaskIsr) else game.state.pieces[command.target].hex
                play.click_hex(aim)
                assert play.card.kind == "odds"
                if play.card.pending != command:  # another number of drones, or another target in the hex
                    frame(app)
                    press_card(app, play, command)
                assert play.card.pending == command, (play.card.pending, command)
                frame(app)
                press_card(app, play, "commit")
        assert len(game.history) == before + 1 and game.history[-1].command == command, (command, [s.command for s in game.history[before:]])
    frame(app)
    assert game.over and isinstance(top(app), EndScreen)
    assert handovers >= 2 * game.state.turn - 1
    assert summaries >= game.state.turn - 1
    assert plays > 0 and markers > 0  # the cards and the markers went through the screen too


def test_tooltips_stay_on_the_board_and_off_the_tracks(screen):
    from uidrive import move

    app, play = screen
    take_screen(app)
    v = play.map.viewport
    move(app, (v.right - 6, v.centery))  # a hex at the board's right edge, beside the log
    if play.hover is not None:
        assert v.contains(play.tooltip_rect)  # never clipped by, or drawn over, the side panel
    track = play.panel.hotspots[0].rect
    move(app, track.center)  # the escalation track's tooltip goes beside the panel, not over the tracks
    assert play.tooltip_rect is not None and not play.tooltip_rect.colliderect(play.panel.rect)


def test_save_as_writes_the_game_where_the_player_chose(screen, tmp_path):
    import pygame_gui

    from wargame.record import load_game

    app, play = screen
    take_screen(app)
    key(app, pygame.K_s, pygame.KMOD_CTRL)
    window = play.file_dialog.window
    frame(app, [pygame.event.Event(pygame_gui.UI_FILE_DIALOG_PATH_PICKED, text=str(tmp_path / "mine"), ui_element=window)])
    saved, _ = load_game(tmp_path / "mine.wgsave")
    assert saved.digest() == play.session.game.digest()
    assert play.message.startswith("Saved to")
    assert not (tmp_path / "index.json").exists()  # nothing of ours left in the player's own folder


def test_save_as_by_its_ok_button_writes_the_game(screen, tmp_path):
    """Clicking the dialog's OK: the window dies a frame before its picked path arrives,
    and the save must still be written (it was silently lost)."""
    from pathlib import Path

    from wargame.record import load_game

    app, play = screen
    take_screen(app)
    key(app, pygame.K_s, pygame.KMOD_CTRL)
    window = play.file_dialog.window
    window.current_file_path = Path(tmp_path / "clicked.wgsave")
    window.ok_button.enable()
    click(app, window.ok_button.rect.center)
    for _ in range(3):
        frame(app, pygame.event.get())
    saved, _ = load_game(tmp_path / "clicked.wgsave")
    assert saved.digest() == play.session.game.digest()
    assert play.message.startswith("Saved to")


def test_the_computer_plays_at_a_persons_pace_and_never_shows_a_hidden_move(tutorial_rules):
    """Against the computer: its moves come one by one, its dice on a card for a moment,
    nothing of a hidden team drawn on Blue's screen; Space skips ahead to Blue's turn."""
    session = Session(Game(tutorial_rules, 11), {"blue": "human", "red": "greedy"})
    app, play = start(session)
    assert session.viewer == "blue" and top(app) is play  # no hand-over card for a computer's phase
    moves = 0
    for _ in range(200):
        if not session.computer_to_move:
            break
        before = len(session.game.history)
        app.frame([], 0.1)
        if len(session.game.history) > before:
            moves += 1
            for slide, _ in play.playback.slides:  # only what Blue may see ever slides
                assert slide.counter.piece in session.view().pieces
                assert not (session.game.state.pieces[slide.counter.piece].side == "red"
                            and session.game.state.pieces[slide.counter.piece].hidden)  # fmt: skip
    assert moves >= 1 and session.my_move
    # next turn: Space skips the computer's moves at once
    while session.my_move:
        session.apply(EndPhase())
    play.refresh()
    assert session.computer_to_move
    key(app, pygame.K_SPACE)
    assert not session.computer_to_move


def test_a_click_on_a_target_out_of_reach_says_why_and_keeps_the_selection(screen):
    from wargame import hexgrid

    app, play = screen
    game = play.session.game
    take_screen(app)
    zoom_in(app, 3)
    team = game.state.pieces["rocket_team_1"]
    base = game.state.pieces["ain_al_asad_base"]
    reach = game.rules.value(game.state, team, "range")
    team.hex = next(h for h in sorted(game.rules.terrain) if hexgrid.distance(h, base.hex) == reach + 2)  # arranged out of reach
    play.refresh()
    play.map.centre_on(team.hex)
    frame(app)
    click(app, hex_pos(play, team.hex))
    assert play.selected == team.id
    play.map.centre_on(base.hex)
    frame(app)
    click(app, hex_pos(play, base.hex))
    assert play.selected == team.id and play.card is None  # not dropped
    assert play.message == f"{game.rules.name_of(base.id)} is out of Rocket team's range", play.message
    frame(app)
    off_map = next(p for p in game.state.pieces.values() if p.kind == "base" and p.id not in game.rules.site_set)
    assert play.session.why_not(RocketAttack(team.id, off_map.id)).startswith(game.rules.name_of(off_map.id))

"""The replay viewer driven by synthetic events: stepping both ways by event,
command, phase and turn, the timeline, the view switch and the umpire's rule,
and "while you were away" in hot-seat play — never more than the side saw."""

from __future__ import annotations

import pygame
import pytest

from uidrive import click, frame, key, press, start, take_screen, top
from wargame.ai import make_player
from wargame.replay import Replay
from wargame.rules.commands import EndPhase
from wargame.rules.engine import Game
from wargame.session import Session
from wargame.ui.app import headless_app
from wargame.ui.screens.flow import Shell
from wargame.ui.screens.handover import HandoverScreen
from wargame.ui.screens.replay import ReplayScreen
from wargame.viewing import UmpireOnly, Viewing


def _game(rules, seed: int, turns: int | None = None) -> Game:
    g = Game(rules, seed)
    players = {"blue": make_player("greedy", 1), "red": make_player("greedy", 2)}
    while not g.over and (turns is None or g.state.turn <= turns):
        g.apply(players[g.side_to_move].choose(g.decision(g.side_to_move)))
    return g


@pytest.fixture(scope="module")
def finished(tutorial_rules):
    return _game(tutorial_rules, 3)


def _viewer(record, side, size=(1280, 720), **kw) -> tuple:
    app = headless_app(size)
    shell = Shell(app, autosave=False)
    screen = shell.replay(record, side, standalone=True, **kw)
    screen.map.frame_budget_ms = None
    frame(app)
    return app, screen


def test_stepping_both_ways_lands_on_the_same_turn_phase_and_roll(finished):
    record = Replay.from_game(finished)
    app, viewer = _viewer(record, None)
    v = viewer.viewing
    assert v.position == 0 and v.turn == 1
    seen = []
    for _ in range(len(v) - 1):
        key(app, pygame.K_RIGHT)
        seen.append((v.position, v.turn, record.marks[v.step].phase_title, v.event().text))
    assert v.position == len(v) - 1
    for position, turn, phase, text in reversed(seen[:-1]):
        key(app, pygame.K_LEFT)
        assert (v.position, v.turn, record.marks[v.step].phase_title, v.event().text) == (position, turn, phase, text)
    # by turn: each stop is the first event of its turn
    key(app, pygame.K_HOME, pygame.KMOD_CTRL)
    turns = []
    for _ in range(finished.state.turn + 2):
        turns.append(v.turn)
        key(app, pygame.K_RIGHT, pygame.KMOD_CTRL)
    assert turns[: finished.state.turn] == list(range(1, finished.state.turn + 1))
    # by command: the step changes at each stop
    key(app, pygame.K_HOME, pygame.KMOD_CTRL)
    steps = []
    for _ in range(6):
        steps.append(v.step)
        key(app, pygame.K_RIGHT, pygame.KMOD_SHIFT)
    assert steps == sorted(set(steps))
    key(app, pygame.K_LEFT, pygame.KMOD_SHIFT)
    assert v.step == steps[-2] or v.step == steps[-1]


def test_the_dice_card_is_the_current_roll_and_the_board_follows(finished):
    record = Replay.from_game(finished)
    app, viewer = _viewer(record, None)
    v = viewer.viewing
    roll_at = next(p for p in range(len(v)) if v.event(p).roll is not None)
    viewer.seek(roll_at)
    frame(app)
    assert v.event().roll is not None
    # the log's current line is the roll, marked
    assert viewer.panel.log.marked == len(viewer.panel.log.lines) - 1
    assert viewer.panel.log.lines[-1].faces == tuple(v.event().roll.faces)


def test_the_timeline_jumps_where_it_is_clicked(finished):
    record = Replay.from_game(finished)
    app, viewer = _viewer(record, None)
    bar = viewer.timeline.bar
    click(app, (bar.right - 1, bar.centery))
    assert viewer.viewing.position == len(viewer.viewing) - 1
    click(app, (bar.x + bar.w // 2, bar.centery))
    assert abs(viewer.viewing.position - len(viewer.viewing) // 2) <= 1


def test_a_sides_replay_holds_nothing_it_did_not_see(border_rules):
    g = _game(border_rules, 4, turns=3)
    record = Replay.from_game(g)
    never = {p.id for p in g.state.pieces.values() if p.side == "red" and p.hidden}
    never -= {pid for e in g.events_for("blue") for pid in e.pieces}
    assert never
    v = Viewing(record, "blue")
    for position in range(0, len(v), max(1, len(v) // 25)):
        v.seek(position)
        view = v.view()
        assert not never & set(view.pieces)
        assert "red" not in view.stocks
        for e in v.log():
            assert not never & set(e.pieces) and e.seen_by("blue") == e
    with pytest.raises(UmpireOnly):
        Viewing(record, None)  # the game is not over: everything is the umpire's
    assert len(Viewing(record, None, umpire=True)) == len(record.events)


def test_switching_views_keeps_the_moment_and_asks_for_the_umpire(border_rules):
    g = _game(border_rules, 6, turns=2)
    record = Replay.from_game(g)
    app, viewer = _viewer(record, "blue")
    viewer.seek(len(viewer.viewing) // 2)
    index = viewer.viewing.index
    key(app, pygame.K_r)
    assert viewer.viewing.side == "red" and viewer.viewing.index <= index
    key(app, pygame.K_a)
    assert viewer.viewing.side == "red" and "umpire" in viewer.message  # refused: not over, not an umpire
    app2, umpire = _viewer(record, None, umpire=True)
    assert umpire.viewing.side is None and umpire.umpire


def test_while_you_were_away_shows_a_side_what_it_missed_in_its_own_view(tutorial_rules):
    session = Session(Game(tutorial_rules, 11), {"blue": "human", "red": "human"})
    app, play = start(session)
    take_screen(app)  # Red's first turn: nothing to catch up on
    assert session.viewer == "red"
    play.end_phase(confirmed=True)
    frame(app)
    while session.to_move == "blue":  # Blue plays its turn at the screen
        take_screen(app)
        play.end_phase(confirmed=True)
        frame(app)
    frame(app)
    while not isinstance(top(app), HandoverScreen):
        key(app, pygame.K_RETURN)  # the summary
    card = top(app)
    assert card.side == "red" and card.missed > 0
    key(app, pygame.K_w)
    viewer = top(app)
    assert isinstance(viewer, ReplayScreen) and viewer.away and viewer.viewing.side == "red"
    first = viewer.viewing.order[0]
    assert first >= session.away_from["red"]
    for e in viewer.viewing.order:
        assert session.game.log[e].seen_by("red") is not None
    key(app, pygame.K_ESCAPE)  # play on
    assert top(app) is play and session.viewer == "red" and session.my_move


def test_the_menu_and_the_end_screen_open_the_replay(tutorial_rules, tmp_path, monkeypatch):
    from wargame.ui.screens.end import EndScreen
    from wargame.ui.screens.load import LoadScreen

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    g = _game(tutorial_rules, 3)
    s = Session(g, {"blue": "human", "red": "human"})
    from wargame import saves

    s.save_as(saves.saves_dir() / "done.wgsave")
    app = headless_app((1280, 720))
    shell = Shell(app)
    shell.menu()
    frame(app)
    press(app, top(app).watch)
    assert isinstance(top(app), LoadScreen) and top(app).replay
    frame(app)
    key(app, pygame.K_RETURN)
    viewer = top(app)
    assert isinstance(viewer, ReplayScreen) and viewer.viewing.side is None  # finished: everything
    key(app, pygame.K_ESCAPE)
    assert isinstance(top(app), LoadScreen)
    app2, play = start(Session(g, {"blue": "human", "red": "human"}))
    press(app2, play.end_button)  # a finished game's board: "Result" opens the end screen
    assert isinstance(top(app2), EndScreen)
    frame(app2)
    press(app2, top(app2).buttons[1])
    assert isinstance(top(app2), ReplayScreen)


def test_a_replay_tooltip_names_only_what_the_side_saw(border_rules):
    from uidrive import move

    g = _game(border_rules, 4, turns=2)
    record = Replay.from_game(g)
    app, viewer = _viewer(record, "blue")
    hidden = [p for p in g.state.pieces.values() if p.side == "red" and p.hidden]
    viewer.seek(len(viewer.viewing) - 1)
    for p in hidden[:3]:
        viewer.map.centre_on(p.hex)
        frame(app)
        move(app, tuple(int(c) for c in viewer.map.centre(p.hex)))
        view = viewer.viewing.view()
        stack = [q for q in view.pieces.values() if q.hex == p.hex]
        from wargame.present.hints import hex_tooltip

        tip = hex_tooltip(border_rules, view, p.hex, "blue", None, stack)
        assert not any(border_rules.name_of(p.id) in line for line in tip.lines)

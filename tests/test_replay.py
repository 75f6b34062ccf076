"""The replay iterator: any step, any moment between two events, in any side's view."""

from __future__ import annotations

import random
import re

import pytest

from wargame.ai import make_player
from wargame.replay import Replay, dice_drawn, seeded
from wargame.rules.engine import Game


def play(rules, seed: int, kind: str = "greedy", steps: int | None = None) -> Game:
    g = Game(rules, seed)
    players = {"blue": make_player(kind, seed), "red": make_player(kind, seed + 1)}
    while not g.over and (steps is None or len(g.history) < steps):
        g.apply(players[g.side_to_move].choose(g.decision(g.side_to_move)))
    return g


@pytest.fixture(scope="module")
def june(border_rules) -> tuple[Game, Replay]:
    game = play(border_rules, 11)
    return game, Replay.from_game(game)


def test_each_step_hashes_as_played_and_backward_equals_forward(june):
    game, replay = june
    live = Game(replay.rules, game.seed)  # the same commands played again, live
    digests = [live.digest()]
    for step in game.history[1:]:
        live.apply(step.command)
        digests.append(live.digest())
    assert digests == replay.digests
    forward = [replay.game_at(i).state for i in range(len(replay))]
    assert [s.digest() for s in forward] == replay.digests
    for i in reversed(range(len(replay))):
        assert replay.state_at(i) == forward[i], i
    for i in random.Random(5).sample(range(len(replay)), 20):  # jumping about gives the same
        assert replay.game_at(i).digest() == replay.digests[i]


def test_a_sought_game_is_the_game_as_it_stood(june):
    game, replay = june
    assert replay.game_at(-1).digest() == game.digest()
    for i in (0, 1, len(replay) // 2, len(replay) - 1):
        g = replay.game_at(i)
        assert len(g.history) == i + 1 and [s.command for s in g.history] == replay.commands[: i + 1]
        assert [e.text for e in g.log] == [e.text for e in replay.events[: replay.events_of(i).stop]]
        assert (g.state.turn, g.phase) == (replay.marks[i].turn, replay.marks[i].phase)
    g = replay.game_at(3)
    g.state.turn = 99  # a copy: changing it changes nothing in the replay
    assert replay.game_at(3).digest() == replay.digests[3]
    with pytest.raises(IndexError):
        replay.game_at(len(replay))


def test_every_event_belongs_to_one_step_in_order(june):
    game, replay = june
    assert len(replay.events) == len(game.log) == len(replay.event_step)
    assert replay.event_step == sorted(replay.event_step)
    for i in range(len(replay)):
        assert all(replay.event_step[k] == i for k in replay.events_of(i))
    assert [e.text for e in replay.events] == [e.text for e in game.log]


TRACK = re.compile(r"^(?P<name>.+?) (?P<before>-?\d+) → (?P<after>-?\d+)")


def test_between_a_roll_and_its_consequences(june):
    """A roll's event shows the board before the track it moves has moved; the
    track's own event shows it moved: the moment between a roll and its effect."""
    game, replay = june
    names = {t.name: tid for tid, t in replay.rules.tracks.items()}
    seen = 0
    for k in range(len(replay.events) - 1):
        roll, moved = replay.events[k], replay.events[k + 1]
        m = TRACK.match(moved.text)
        if roll.kind != "roll" or moved.kind != "track" or not m or m["name"] not in names:
            continue
        if replay.event_step[k] != replay.event_step[k + 1]:
            continue
        track = names[m["name"]]
        assert replay.state_at_event(k).tracks[track] == int(m["before"])
        assert replay.state_at_event(k + 1).tracks[track] == int(m["after"])
        seen += 1
    assert seen >= 3  # the start's Iran reaction is one of them: the start is watched too


def test_a_moment_is_a_game_with_the_log_up_to_that_event(june):
    game, replay = june
    for k in (0, 1, len(replay.events) // 3, len(replay.events) - 1):
        g = replay.game_at_event(k)
        step = replay.event_step[k]
        assert g.log[-1] == replay.events[k] and len(g.log) == k + 1
        assert len(g.history) == step
        assert g.state == replay.state_at_event(k)
    with pytest.raises(IndexError):
        replay.game_at_event(len(replay.events))


def test_each_side_steps_only_through_what_it_saw(june):
    game, replay = june
    blue = replay.visible_events("blue")
    red = replay.visible_events("red")
    everything = replay.visible_events(None)
    assert everything == list(range(len(replay.events)))
    assert set(blue) < set(everything) and set(red) < set(everything)  # each side missed something
    hidden_moves = [k for k, e in enumerate(replay.events) if e.kind == "move" and e.visible == "red"]
    assert hidden_moves and not set(hidden_moves) & set(blue)
    for k in blue[:: max(1, len(blue) // 15)]:
        g = replay.game_at_event(k)
        seen = g.events_for("blue")
        assert seen[-1] == replay.event_as(k, "blue")
        assert [e.text for e in seen] == [replay.event_as(j, "blue").text for j in blue if j <= k]
        view = g.view("blue")
        assert all(not (p.side == "red" and p.hidden) for p in view.pieces.values())


def test_a_replay_of_a_game_that_is_not_over(tutorial_rules):
    game = play(tutorial_rules, 4, "random", steps=25)
    replay = Replay.from_game(game, snapshot_every=3)
    assert not game.over and replay.marks[-1].side_to_move == game.side_to_move
    for i in reversed(range(len(replay))):
        assert replay.game_at(i).digest() == replay.digests[i]
    last = replay.game_at(-1)
    last.dice = seeded(game.seed, dice_drawn(game))  # a sought game plays on like any other
    rolled = 0
    while not game.over:
        command = game.legal_commands()[-1]
        assert [e.text for e in last.apply(command)] == [e.text for e in game.apply(command)]
        rolled += len(game.history[-1].faces)
    assert last.digest() == game.digest() and rolled > 0


def test_a_game_handed_out_knows_what_the_resolved_attacks_revealed(border_rules):
    """A computer side playing on from a replay believes what it believed in the game:
    its belief of where hidden teams stand reads the launchers the attacks revealed."""
    g = Game(border_rules, 11, keep_undo=False)
    players = {"blue": make_player("greedy", 11), "red": make_player("greedy", 12)}
    revealed = [list(g.revealed)]
    while not g.over and g.state.turn <= 3:
        g.apply(players[g.side_to_move].choose(g.decision(g.side_to_move)))
        revealed.append(list(g.revealed))
    assert len(revealed[-1]) >= 3  # attacks were resolved on three days
    replay = Replay.from_game(g, snapshot_every=7)
    for i in range(len(replay)):
        assert replay.game_at(i).revealed == revealed[i]
    for k in range(0, len(replay.events), 5):
        step = replay.event_step[k]
        got = replay.game_at_event(k).revealed
        assert revealed[step - 1 if step else 0] == got[: len(revealed[step - 1 if step else 0])]
        assert got == revealed[step][: len(got)]  # what the step revealed before this event, no more
    i = max(i for i in range(len(replay)) if replay.marks[i].side_to_move == "blue" and revealed[i])
    live = Game(border_rules, 11, keep_undo=False)  # the game again, live, to that step
    for step in g.history[1 : i + 1]:
        live.apply(step.command)
    sought = replay.game_at(i)
    assert [live.decision().worlds(s).digest() for s in range(3)] == [sought.decision().worlds(s).digest() for s in range(3)]

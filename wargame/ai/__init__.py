"""Computer players. A player is handed a `Decision` (its side's view, the legal
commands, the rulebook, its side's log and a chance that lists outcomes) and
returns one of the legal commands. It never sees the `Game`, its state or its
dice, so it cannot peek at hidden pieces, and an AI game records and replays
like any other."""

from __future__ import annotations

from typing import Protocol

from ..rules.commands import Command
from ..rules.views import Decision


class Player(Protocol):
    name: str

    def choose(self, decision: Decision) -> Command: ...


def make_player(kind: str, seed: int) -> Player:
    """A computer player by name: 'random' or 'greedy'."""
    from .greedy import GreedyPlayer
    from .random_player import RandomPlayer

    if kind == "random":
        return RandomPlayer(seed)
    if kind == "greedy":
        return GreedyPlayer(seed)
    raise ValueError(f"unknown player {kind!r} (known: random, greedy)")


PLAYER_KINDS = ("random", "greedy")


def choose(player: Player, game: Game, side: str) -> Command:
    """Ask a computer player for its command: the one place that knows how players are called."""
    return player.choose(game.decision(side))

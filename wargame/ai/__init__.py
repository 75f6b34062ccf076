"""Computer players. A player looks at its side's view and the legal commands
and picks one; it never touches the state or the dice, so an AI game records and
replays like any other."""

from __future__ import annotations

from typing import Protocol

from ..rules.commands import Command
from ..rules.engine import Game


class Player(Protocol):
    name: str

    def choose(self, game: Game, side: str) -> Command: ...


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
    return player.choose(game, side)

"""Computer players. A player is handed a `Decision` (its side's view, the legal
commands, the rulebook, its side's log, a chance that lists outcomes, and a
sampler of worlds its side could be in) and returns one of the legal commands.
It never sees the `Game`, its state or its dice, so it cannot peek at hidden
pieces, and an AI game records and replays like any other.

Players by name, for the command line, the screens and balance runs:

- `random`: any legal command (a fuzz test of the rules, and a floor);
- `greedy`: readable priorities, weighed by the exact odds (the fast baseline);
- `ai`: the search player, at a level: `fast`, `normal` (the default) or `hard`;
- the named plans (`plans.py`), each for one side: `all-out` and `never` (Red),
  `no-strike` and `scout-first` (Blue).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ..rules.commands import Command
from ..rules.views import Decision

if TYPE_CHECKING:
    from ..rules.engine import Game

from .plans import PLANS

PLAYER_KINDS = ("ai", "greedy", "random", *PLANS)


def kinds_for(side: str) -> tuple[str, ...]:
    """The computer players that may play `side`: every player, and the plans made for it."""
    return tuple(k for k in PLAYER_KINDS if k not in PLANS or PLANS[k].side == side)
LEVEL_NAMES = ("fast", "normal", "hard")
DEFAULT_LEVEL = "normal"


class Player(Protocol):
    name: str

    def choose(self, decision: Decision) -> Command: ...


def make_player(kind: str, seed: int, level: str = DEFAULT_LEVEL) -> Player:
    """A computer player by name ('ai', 'greedy' or 'random'); `level` is the search
    player's ('fast', 'normal', 'hard') and means nothing to the others. The same
    kind, seed and level play the same moves in the same game."""
    if kind == "random":
        from .random_player import RandomPlayer

        return RandomPlayer(seed)
    if kind == "greedy":
        from .greedy import GreedyPlayer

        return GreedyPlayer(seed)
    if kind in ("ai", "search"):
        from .search import SearchPlayer

        return SearchPlayer(seed, level)
    if kind in PLANS:
        from .plans import PlanPlayer

        return PlanPlayer(kind, seed)
    raise ValueError(f"unknown player {kind!r} (known: {', '.join(PLAYER_KINDS)})")


def player_seed(game_seed: int, side: str) -> int:
    """The seed of a computer player of `side` in a game with this seed (the same everywhere)."""
    return game_seed * 2 + (1 if side == "blue" else 2)


def choose(player: Player, game: Game, side: str) -> Command:
    """Ask a computer player for its command: the one place that knows how players are called."""
    return player.choose(game.decision(side))

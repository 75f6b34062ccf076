"""The simplest computer player: any legal command, uniformly at random.

Useful beyond testing: it explores every corner of the rules, so a thousand
random games are a cheap fuzz test of the engine and the benchmark's workload.
Its choices come from its own generator, not the game's dice, so they do not
change the dice stream of the game it plays. It reads neither the view nor
the log, so the game never makes them for it.
"""

from __future__ import annotations

import random

from ..rules.commands import Command
from ..rules.views import Decision


class RandomPlayer:
    name = "random"

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def choose(self, decision: Decision) -> Command:
        return self.rng.choice(decision.legal)

"""The greedy player: the tactics with their default knobs, one command at a time.

It decides from its side's view, its side's log and the exact odds of the
tables only (it is never handed the game, so it cannot peek at hidden pieces).
It is the fast baseline: the search player is measured against it, and plays
the same tactics for both sides in the worlds it imagines. What it weighs and
why is in `tactics.py` and `stakes.py`.
"""

from __future__ import annotations

import random

from ..hexgrid import Hex
from ..rules.commands import Command
from ..rules.hiding import block_hexes, launch_block
from ..rules.views import Decision
from .tactics import GREEDY, Tactics


class GreedyPlayer:
    name = "greedy"

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self._tactics: dict[int, Tactics] = {}  # per rulebook (a player may outlive a game)

    def tactics(self, decision: Decision) -> Tactics:
        t = self._tactics.get(id(decision.rules))
        if t is None or t.rules is not decision.rules:
            t = self._tactics[id(decision.rules)] = Tactics(decision.rules, self.rng)
        return t

    def choose(self, decision: Decision) -> Command:
        if len(decision.legal) == 1:
            return decision.legal[0]
        view = decision.view
        hints = search_hints(decision) if view.phase_kind == "blue_isr" else ()
        return self.tactics(decision).choose(decision.side, view, decision.legal, GREEDY, hints)


def search_hints(decision: Decision) -> list[Hex]:
    """Where an ISR search is likeliest to pay, from the side's own log: the blocks
    launches were seen from today and yesterday (an active team lies low or moves on
    from there), where contact was lost since yesterday, and the sites attacked today."""
    turn = decision.view.turn
    launches: list[Hex] = []
    wanted: list[Hex] = []
    log = decision.log
    # the last 300 events at most, read back only as far as yesterday (the log runs in turn order)
    for i in range(len(log) - 1, max(-1, len(log) - 301), -1):
        e = log[i]
        if e.turn < turn - 1:
            break
        if e.where is None:
            continue
        if e.kind == "launch_area":  # anywhere in the block it was seen from
            launches.extend(reversed(block_hexes(decision.rules, launch_block(decision.rules, e.where))))
        elif e.kind == "lost" or (e.kind == "attack" and e.turn == turn):
            wanted.append(e.where)
    return launches + wanted[::-1]

"""The other side as a search imagines it: the ways it may play, each as likely as
what the side has seen of it says.

A search that imagines several ways the other side may play picks the plan that
does best against them all. That is right while it cannot tell them apart, and
wrong once it can: a Red that keeps imagining a Blue that strikes only what its
drones saw today or yesterday, after watching Blue strike a site nobody had
looked at for days, plans against a Blue it is not playing (a drone a salvo wins
62% of the decided games against greedy Blue and 28% against that one, so the
imagined mix talked Red out of its best plan against greedy).

Only hard evidence rules a way out: a command that way of playing never gives,
read from what the side itself saw (its log, and its own pieces as its view shows
them), never from the other side's view:

- a Blue that strikes only fresh finds never strikes a target last seen two days
  or more before. Red reads each sortie at one of its pieces in its log, and
  knows it was at a stale target when the piece's `detected_turn` is still older
  than the day before the strike (it only ever goes up, so it was older when the
  strike flew), or when a roll of the strike left out a modifier the table gives
  for fresh intelligence (the June strike table shifts a column for it; a
  confirmed assessment refreshes `detected_turn`, so only the roll tells then);
- a Red that fires a drone a salvo never launches two at once: Blue sees each
  attack's drones in its view.

Softer evidence weighs the ways: each search predicts, in its playouts, which
targets the other side will strike from the air for the rest of the day under
each way, and when the day is over the side reads what was struck. A way that
rarely predicted it loses weight (the chance it gave the day, smoothed, so no
single day rules anything out: Laplace's rule of succession). Greedy Blue
restrikes the border sites it knows; a Blue that strikes only fresh finds, or
none, seldom does, and two or three days tell them apart. The playouts then
imagine each way in proportion to its weight.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Sequence

from ..rules.rulebook import Rulebook
from ..rules.views import Decision
from .knobs import GREEDY, Knobs

# How a search imagines the other side playing, for the whole game: a different one of these
# in each world in turn. A plan judged against greedy play alone is tuned to greedy's habits: a
# Red that imagined every Blue striking as greedy does won 45% of its decided games against a
# Blue that strikes only what it saw today or yesterday, and 55% once it imagined such Blues
# too (100 games each, search `fast`). The first is never ruled out.
OPPONENTS: dict[str, tuple[Knobs, ...]] = {
    "blue": (GREEDY, Knobs(strike_floor=0.6), Knobs(fresh_only=True)),  # greedy's strikes, the better ones, fresh finds only
    "red": (GREEDY, Knobs(one_drone=True)),  # greedy's salvos, a drone a salvo
}

STALE_STRIKE = "a strike at a target not seen today or yesterday"
DRONE_SALVO = "an attack of more than one drone"


def contradicted(way: Knobs, seen: set[str]) -> bool:
    """Whether what was seen is something this way of playing never does."""
    return (way.fresh_only and STALE_STRIKE in seen) or (way.one_drone and DRONE_SALVO in seen)


class Opponent:
    """The ways the other side may play and their weights, as one side's player learns them over a game."""

    def __init__(self, side: str):
        self.side = side
        self.ways = OPPONENTS["red" if side == "blue" else "blue"]
        self.seen: set[str] = set()
        self._log_weight = [0.0] * len(self.ways)  # each way's log-likelihood of the days seen so far
        self._predicted: dict[int, list[Counter]] = {}  # turn -> per way, the strikes its playouts predicted
        self._read = 0  # log events read so far
        self._struck: dict[int, list[str]] = {}  # turn -> the targets the other side struck from the air
        self._fresh: dict[str, frozenset[str]] = {}  # table -> its modifiers for fresh intelligence

    def weights(self, decision: Decision) -> tuple[float, ...]:
        """Each way's weight (they sum to one) after all this side has seen up to now."""
        self._read_log(decision)
        turn = decision.view.turn
        for t in [t for t in self._predicted if t < turn]:  # days over: what was struck is known
            struck = tuple(sorted(self._struck.pop(t, ())))
            for k, counts in enumerate(self._predicted.pop(t)):
                n = sum(counts.values())
                if n:
                    self._log_weight[k] += math.log((counts[struck] + 1) / (n + 2))
        for t in [t for t in self._struck if t < turn]:  # struck on a day no search predicted
            del self._struck[t]
        top = max(self._log_weight)
        raw = [0.0 if contradicted(w, self.seen) else math.exp(x - top) for w, x in zip(self.ways, self._log_weight)]
        total = sum(raw)
        if total == 0:  # every way contradicted: the first, which nothing contradicts
            raw, total = [1.0] + [0.0] * (len(raw) - 1), 1.0
        return tuple(x / total for x in raw)

    def predict(self, turn: int, way: int, struck: tuple[str, ...]) -> None:
        """A playout's strikes by the other side for the rest of `turn`, under way number `way`."""
        got = self._predicted.get(turn)
        if got is None:
            got = self._predicted[turn] = [Counter() for _ in self.ways]
        got[way][struck] += 1

    def _read_log(self, decision: Decision) -> None:
        view = decision.view
        if self.side == "blue":
            if any(a.kind == "drone" and a.count > 1 for a in view.attacks):
                self.seen.add(DRONE_SALVO)
            return
        log = decision.log
        if len(log) < self._read:  # cut back (an undo): read it again
            self._read = 0
            self._struck = {}
        pieces = view.pieces
        struck = None  # the own piece the sortie being read flew at
        for e in log[self._read :]:
            if e.kind == "sortie" and len(e.pieces) == 2:
                target = pieces.get(e.pieces[1])
                self._struck.setdefault(e.turn, []).append(e.pieces[1])
                struck = target.id if target is not None and target.side == self.side else None
                if struck is not None and target.detected_turn < e.turn - 1:
                    self.seen.add(STALE_STRIKE)
            elif e.kind == "roll" and struck is not None and e.roll is not None and e.pieces == (struck,):
                fresh = self._fresh.get(e.roll.table)
                if fresh is None:
                    fresh = self._fresh[e.roll.table] = _fresh_names(decision.rules, e.roll.table)
                applied = {name for name, _ in e.roll.modifiers} | {name for name, _ in e.roll.shifts}
                if fresh and not fresh & applied:
                    self.seen.add(STALE_STRIKE)
            elif e.kind == "phase":
                struck = None
        self._read = len(log)


def ways_of(worlds: int, weights: Sequence[float], start: list[float] | None = None) -> list[int]:
    """The way imagined in each of the next `worlds` worlds: every way in proportion to
    its weight, spread evenly (smooth weighted round-robin: with equal weights, each in
    turn from the first), the same on any machine. `start` carries the round-robin's
    state from one call to the next."""
    current = start if start is not None else [0.0] * len(weights)
    got = []
    for _ in range(worlds):
        for k, w in enumerate(weights):
            current[k] += w
        k = max(range(len(weights)), key=lambda k: (current[k], -k))
        current[k] -= 1.0
        got.append(k)
    return got


def _fresh_names(rules: Rulebook, table_id: str) -> frozenset[str]:
    """The names of the table's modifiers and column shifts that apply exactly when the
    target's intelligence is fresh, and on no other condition."""
    table = rules.tables.get(table_id)
    if table is None:
        return frozenset()
    parts = [*table.spec.modifiers, *table.spec.column_shifts]
    return frozenset(m.name for m in parts if m.when.model_dump(exclude_defaults=True) == {"intel_fresh": True})

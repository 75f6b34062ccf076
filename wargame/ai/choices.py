"""The computer players' sense of cards and markers: which card to play, where a marker goes.

A card is weighed by what its event or operation does, in the scenario's own
terms (`Stakes.effects_value`: points, tracks, stocks, the day's changed values
while the phases that read them are still ahead); the best play is made if it
is worth more than the knob's floor, or anything not harmful on the last turn
(a card left in hand at the end is worth nothing). A marker goes where it is
likeliest to matter: an alert on the US sites the militias hit lately or that
an objective wants unharmed; a marker on a militia site on the ones Blue knows
of and would gain most by destroying. Both read only what the side may know
(its view, or a world drawn from its belief), through the same attribute names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Sequence

from ..rules.cards import hand_plays
from ..rules.commands import PlaceMarker, PlayCard
from ..rules.rulebook import Rulebook, Situation
from ..scenario.choices import EVENT
from .stakes import Stakes

if TYPE_CHECKING:
    from .knobs import Knobs

# (what a side knows, a piece of its own, a marker) -> what the marker on the piece takes off the
# other side's best strike at it
Relief = Callable[[Any, Any, str], float]


class Choices:
    def __init__(self, rules: Rulebook, stakes: Stakes):
        self.rules = rules
        self.stakes = stakes
        self.last_turn = rules.scenario.turns.count

    # --- cards ---------------------------------------------------------------------------

    def plays(self, side: str, know) -> Sequence[PlayCard]:
        """The card plays the rules allow `side` now, read from what it knows (its own hand)."""
        return hand_plays(self.rules, side, know)

    def play_value(self, side: str, know, c: PlayCard) -> float:
        rules = self.rules
        card = rules.cards[c.card]
        effects = card.effects if c.use == EVENT else rules.operations[side][c.use].effects
        return self.stakes.effects_value(side, know, effects, Situation(), side)

    def best_play(self, side: str, know, knobs: Knobs, rng) -> PlayCard | None:
        if not knobs.cards:
            return None
        plays = self.plays(side, know)
        if not plays:
            return None
        floor = -0.01 if know.turn >= self.last_turn else knobs.card_floor
        best, best_value = None, floor
        for c in plays:
            v = self.play_value(side, know, c) + rng.random() * 1e-6
            if v > best_value:
                best, best_value = c, v
        return best

    # --- markers --------------------------------------------------------------------------

    def best_marker(self, side: str, know, phase: str, knobs: Knobs,
                    relief: Relief | None = None) -> PlaceMarker | None:  # fmt: skip
        """The next marker to place in this phase, on the piece where it matters most.

        Where the other side's strikes can be weighed (`relief`: what a marker on a
        piece takes off the worth of its best strike there), a marker goes where it
        takes most: where the strike would come, not where the loss alone would hurt
        most. Greedy Red, which weighs the loss alone, digs in the Iraqi facility,
        which Blue seldom strikes for its price in Baghdad, and leaves the Syrian one
        open to 173 of Blue's 293 strikes at it (100 games against greedy Blue)."""
        if not knobs.markers:
            return None
        rules = self.rules
        for mid, m in rules.markers.items():
            if m.side != side or m.placed_in != phase:
                continue
            on = [pid for k, pid in know.markers if k == mid]
            if len(on) >= m.count:
                continue
            kinds = set(m.on)
            could = [p for pid, p in know.pieces.items() if p.side == side and p.kind in kinds
                     and not p.destroyed and pid not in on]  # fmt: skip
            if not could:
                continue
            if relief is not None:
                eased = {p.id: relief(know, p, mid) for p in could}
                if max(eased.values()) > 0:
                    best = max(could, key=lambda p: (eased[p.id], self._worth_guarding(know, p), p.id))
                    return PlaceMarker(mid, best.id)
            best = max(could, key=lambda p: (self._worth_guarding(know, p), p.id))
            return PlaceMarker(mid, best.id)
        return None

    def _worth_guarding(self, know, p) -> float:
        """How much a piece stands to lose tomorrow: the objectives on it, its people and
        points, more if it was hit lately (the other side comes back) or is known to the enemy."""
        stakes, rules = self.stakes, self.rules
        worth = float(rules.piece_types[p.type].vp)
        for obj, how in stakes.by_piece.get(p.id, ()):
            if how == "undamaged" and not p.damaged:
                worth += obj.points
            elif how in ("survive", "destroyed"):
                worth += obj.points / 2
        worth += 0.5 * max(0, rules.value(know, p, "personnel") - p.casualties)
        if p.hit_turn >= know.turn - 1:
            worth += 3
        if p.side == "red" and not p.hidden:
            worth += 2
        return worth

"""Cross-checks of the choices beyond the board: cards, markers, politics, repair.

Called by `checks._Checker.run`, with the same located problems: a card that
draws from a deck the scenario lacks, a marker placed in the other side's
phase, an operation no card's value can buy, a Blue card whose event hangs on
a count Blue never learns (it would tell Blue the secret through what it may
play) are all errors at the key that says them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ..errors import Problem
from ..grammar import NO_ROLES
from ..kinds import PHASE_SIDE, SIDE_KINDS, US_SITES
from .choices import EVENT
from .parts import SECRET_STATS, Condition

if TYPE_CHECKING:
    from .checks import _Checker

_COUNTS = ("stat_at_least", "stat_at_most", "today_at_least", "today_at_most", "yesterday_at_least", "yesterday_at_most")


def check_choices(c: _Checker) -> Iterator[Problem]:
    yield from _authorization(c)
    yield from _politics(c)
    yield from _markers(c)
    yield from _cards(c)


def _authorization(c: _Checker) -> Iterator[Problem]:
    types = c.s.piece_types
    for tid in c.s.rules.authorization.per_attack_on:
        path = ("rules", "authorization", "per_attack_on", tid)
        if tid not in types:
            yield c.p(path, f"unknown piece type {tid!r}", at_key=True)
        elif types[tid].kind not in US_SITES:
            yield c.p(path, f"piece type {tid} is a {types[tid].kind}: militias attack only a {' or a '.join(US_SITES)}", at_key=True)


def _politics(c: _Checker) -> Iterator[Problem]:
    for j, rule in enumerate(c.s.rules.politics):
        path = ("rules", "politics", j)
        yield from c.condition(path + ("when",), rule.when, NO_ROLES)
        yield from c.effects(path + ("effects",), rule.effects, NO_ROLES, None)


def _markers(c: _Checker) -> Iterator[Problem]:
    phases = {p.phase for p in c.s.turns.sequence}
    for mid, m in c.s.markers.items():
        path = ("markers", mid)
        if PHASE_SIDE.get(m.placed_in) != m.side:
            yield c.p(path + ("placed_in",), f"marker {mid}: {m.placed_in} is not a phase in which {m.side} decides")
        elif m.placed_in not in phases:
            yield c.p(path + ("placed_in",), f"marker {mid}: the sequence of play has no {m.placed_in} phase")
        for k, kind in enumerate(m.on):
            if kind not in SIDE_KINDS[m.side]:
                yield c.p(path + ("on", k), f"marker {mid}: a {kind} is not a {m.side} piece")
        kinds = set(m.on)
        for name in m.adjust:
            if not any(isinstance(getattr(pt, name, None), int) and not isinstance(getattr(pt, name), bool)
                       for pt in c.s.piece_types.values() if pt.kind in kinds):  # fmt: skip
                yield c.p(path + ("adjust", name), f"marker {mid}: no {', '.join(m.on)} has a value {name!r}", at_key=True)


def _cards(c: _Checker) -> Iterator[Problem]:
    cards = c.s.cards
    if cards is None:
        return
    path = ("cards",)
    by_side: dict[str, list] = {"blue": [], "red": []}
    seen: dict[str, int] = {}
    for j, card in enumerate(cards.deck):
        cpath = path + ("deck", j)
        if card.id in seen:
            yield c.p(cpath + ("id",), f"duplicate card id {card.id!r} (also deck[{seen[card.id]}])")
        seen.setdefault(card.id, j)
        by_side[card.side].append(card)
        yield from _secret(c, cpath + ("when",), card.when, card.side)
        yield from c.condition(cpath + ("when",), card.when, NO_ROLES)
        yield from c.effects(cpath + ("effects",), card.effects, NO_ROLES, None)
    for key in ("deal", "draw", "plays"):
        for side, n in getattr(cards, key).items():
            if n and not by_side[side]:
                yield c.p(path + (key, side), f"cards.{key}.{side}: the deck holds no {side} card")
    for side, n in cards.deal.items():
        if n > cards.hand_limit:
            yield c.p(path + ("deal", side), f"cards.deal.{side}: {n} cards is more than the hand limit ({cards.hand_limit})")
    for side, ops in cards.operations.items():
        best = max((card.ops for card in by_side[side]), default=0)
        names: set[str] = set()
        for j, op in enumerate(ops):
            opath = path + ("operations", side, j)
            if op.id == EVENT:
                yield c.p(opath + ("id",), f"an operation may not be called {EVENT!r}: that use plays the card's event")
            elif op.id in names:
                yield c.p(opath + ("id",), f"duplicate operation id {op.id!r}")
            names.add(op.id)
            if op.cost > best:
                yield c.p(opath + ("cost",), f"operation {op.id}: no {side} card has an operations value of {op.cost} or more")
            yield from c.effects(opath + ("effects",), op.effects, NO_ROLES, None)


def _secret(c: _Checker, path: tuple, cond: Condition, side: str) -> Iterator[Problem]:
    """A card's condition may read only what its side knows: which cards it may play is its to see."""
    for key in _COUNTS:
        for stat in getattr(cond, key) or {}:
            if stat in SECRET_STATS.get(side, ()):
                yield c.p(path + (key, stat), f"{side} never learns {stat}, so its card cannot depend on it", at_key=True)

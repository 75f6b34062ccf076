"""Conditions and modifier values compiled to small functions, once per scenario.

A table's modifiers and column shifts, a card's `when` and a political rule's are
read on every roll and every legal-command check, so each condition becomes one
closure over the rulebook's lookups (terrain, country and population by hex, the
piece types) instead of a walk over its fields each time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from .. import hexgrid
from ..grammar import ValueRef
from ..scenario.model import Condition
from .state import NEVER, PieceState

if TYPE_CHECKING:
    from .rulebook import Knowledge, Predicate, Rulebook, Situation


def _total(st: Knowledge, stat: str) -> int:
    return st.stats.get(stat, 0)


def _today(st: Knowledge, stat: str) -> int:
    return st.stats.get(stat, 0) - getattr(st, "dawn", {}).get(stat, 0)


def _yesterday(st: Knowledge, stat: str) -> int:
    return getattr(st, "yesterday", {}).get(stat, 0)


# the stat conditions: key, how the count is read, at most (else at least), and whether it
# reads the day before (the first day has no yesterday in the game: nothing holds of it)
_STAT_KEYS = (
    ("stat_at_least", _total, False, False), ("stat_at_most", _total, True, False),
    ("today_at_least", _today, False, False), ("today_at_most", _today, True, False),
    ("yesterday_at_least", _yesterday, False, True), ("yesterday_at_most", _yesterday, True, True),
)  # fmt: skip


def compile_modifier(rules: Rulebook, m):
    """A table modifier as (name, fixed value, value getter or None, times, condition or None)."""
    getter = value_getter(rules, m.value_from) if m.value_from is not None else None
    pred = compile_condition(rules, m.when) if m.when.model_fields_set else None
    return (m.name, m.value or 0, getter, m.times, pred)


def value_getter(rules: Rulebook, ref: ValueRef) -> Callable[[Knowledge, Situation], int]:
    name = ref.name
    if ref.source == "hex":
        return lambda st, sit: rules.population.get(sit.hex, 0) if sit.hex is not None else 0
    if ref.source == "track":
        return lambda st, sit: st.tracks[name]
    if ref.source == "attacker":
        return lambda st, sit: rules.value(st, sit.attacker, name) if sit.attacker is not None else 0
    return lambda st, sit: rules.value(st, sit.target, name) if sit.target is not None else 0


def compile_condition(rules: Rulebook, cond: Condition) -> Predicate | None:
    """A condition as one function; each key given adds one test."""
    tests: list[Predicate] = []
    types = rules.piece_types
    if cond.track_at_least:
        for tid, v in cond.track_at_least.items():
            tests.append(lambda st, sit, tid=tid, v=v: st.tracks[tid] >= v)
    if cond.track_at_most:
        for tid, v in cond.track_at_most.items():
            tests.append(lambda st, sit, tid=tid, v=v: st.tracks[tid] <= v)

    for key, read, most, before in _STAT_KEYS:
        for stat, n in (getattr(cond, key) or {}).items():
            if most:
                test: Predicate = lambda st, sit, r=read, k=stat, n=n: r(st, k) <= n  # noqa: E731
            else:
                test = lambda st, sit, r=read, k=stat, n=n: r(st, k) >= n  # noqa: E731
            if before:
                test = lambda st, sit, t=test: st.turn > 1 and t(st, sit)  # noqa: E731
            tests.append(test)

    def target(test: Callable[[PieceState], bool]) -> Predicate:
        return lambda st, sit: sit.target is not None and test(sit.target)

    def attacker(test: Callable[[PieceState], bool]) -> Predicate:
        return lambda st, sit: sit.attacker is not None and test(sit.attacker)

    for who, on in (("target", target), ("attacker", attacker)):  # what both pieces of a roll may be asked
        if (kinds := getattr(cond, f"{who}_kind")) is not None:
            tests.append(on(lambda p, kinds=set(kinds): p.kind in kinds))
        if (tset := getattr(cond, f"{who}_type")) is not None:
            tests.append(on(lambda p, tset=set(tset): p.type in tset))
        if (trait := getattr(cond, f"{who}_trait")) is not None:
            tests.append(on(lambda p, trait=trait: trait in types[p.type].traits))
        if (want := getattr(cond, f"{who}_damaged")) is not None:
            tests.append(on(lambda p, want=want: p.damaged == want))
    if cond.target_terrain is not None:
        terr = set(cond.target_terrain)
        tests.append(lambda st, sit: sit.hex is not None and rules.terrain_key.get(sit.hex) in terr)
    if cond.target_country is not None:
        ctry = set(cond.target_country)
        tests.append(lambda st, sit: sit.hex is not None and rules.country.get(sit.hex) in ctry)
    if cond.target_population_at_least is not None:
        n = cond.target_population_at_least
        tests.append(lambda st, sit: sit.hex is not None and rules.population.get(sit.hex, 0) >= n)
    if cond.target_attacked_this_turn is not None:
        want_a = cond.target_attacked_this_turn
        tests.append(lambda st, sit: sit.target is not None and (sit.target.attacked_turn == st.turn) == want_a)
    if cond.target_moved_this_turn is not None:
        want_m = cond.target_moved_this_turn
        tests.append(lambda st, sit: sit.target is not None and (sit.target.moved_turn == st.turn) == want_m)
    if cond.target_active is not None:
        want_act = cond.target_active
        tests.append(target(lambda p: p.active == want_act))
    if cond.target_marker is not None:
        marker = cond.target_marker
        tests.append(lambda st, sit: sit.target is not None and (marker, sit.target.id) in getattr(st, "markers", ()))
    if cond.intel_fresh is not None:
        want_f = cond.intel_fresh
        tests.append(
            lambda st, sit: sit.target is not None
            and (sit.target.detected_turn != NEVER and st.turn - sit.target.detected_turn <= 1) == want_f
        )
    if cond.distance_at_most is not None:
        d = cond.distance_at_most
        tests.append(
            lambda st, sit: sit.hex is not None
            and sit.aim is not None
            and hexgrid.distance(sit.aim, sit.hex) <= d
        )
    if not tests:
        return None
    if len(tests) == 1:
        return tests[0]
    return lambda st, sit: all(t(st, sit) for t in tests)

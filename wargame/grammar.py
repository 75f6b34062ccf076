"""The scenario format's small languages, below both the loader and the rules.

A table's rows name ranges of modified totals ('2-6', '10+'), a modifier may
take its value from a piece, the hex or a track ('target.counter_drone'), and
every table the rules roll has an acting piece and a piece acted upon. The
checks (is every total covered?) and the compiled rulebook (which row does a 7
land on?) must read these the same way, so they are defined once, here, where
`scenario/` and `rules/` can both use them without either importing the other.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable, Literal, NamedTuple

from .kinds import RED_KINDS, US_SITES

if TYPE_CHECKING:
    from .scenario.model import Effect, Scenario, Table

# --- roll ranges -----------------------------------------------------------------

_EXACT = re.compile(r"^\s*(-?\d+)\s*$")
_PLUS = re.compile(r"^\s*(-?\d+)\s*\+\s*$")
_MINUS = re.compile(r"^\s*(-?\d+)\s*-\s*$")
_SPAN = re.compile(r"^\s*(-?\d+)\s*-\s*(-?\d+)\s*$")


def parse_roll_range(value: int | str) -> tuple[int | None, int | None]:
    """`7` -> (7, 7); `"2-6"` -> (2, 6); `"10+"` -> (10, None); `"0-"` -> (None, 0)."""
    if isinstance(value, bool):
        raise ValueError("a roll range is a number or text such as '2-6', '10+' or '0-'")
    if isinstance(value, int):
        return value, value
    for pattern, make in (
        (_EXACT, lambda m: (int(m[1]), int(m[1]))),
        (_PLUS, lambda m: (int(m[1]), None)),
        (_MINUS, lambda m: (None, int(m[1]))),
        (_SPAN, lambda m: (int(m[1]), int(m[2]))),
    ):
        m = pattern.match(value)
        if m:
            lo, hi = make(m)
            if lo is not None and hi is not None and lo > hi:
                raise ValueError(f"roll range {value!r} runs backwards")
            return lo, hi
    raise ValueError(f"roll range {value!r} is not a number, 'A-B', 'N+' (N or more) or 'N-' (N or less)")


def describe_range(lo: int | None, hi: int | None) -> str:
    if lo is None and hi is None:
        return "any total"
    if lo is None:
        return f"{hi} or less"
    if hi is None:
        return f"{lo} or more"
    return str(lo) if lo == hi else f"{lo}-{hi}"


# --- where a modifier takes its value from ------------------------------------------

ValueSource = Literal["attacker", "target", "hex", "track"]
VALUE_REF_FORMS = "attacker.NAME, target.NAME, hex.population or track.NAME"
_VALUE_REF = re.compile(r"^(attacker|target)\.([a-z_]+)$|^(hex)\.(population)$|^(track)\.([a-z][a-z0-9_]*)$")


class ValueRef(NamedTuple):
    """`target.counter_drone` read once: the source and the value's name."""

    source: ValueSource
    name: str

    def __str__(self) -> str:
        return f"{self.source}.{self.name}"


def parse_value_ref(text: object) -> ValueRef:
    if isinstance(text, ValueRef):
        return text
    m = _VALUE_REF.match(text) if isinstance(text, str) else None
    if m is None:
        shown = repr(text) if isinstance(text, str) else "a value that is not text"
        raise ValueError(f"{shown} is not a value to take a modifier from: {VALUE_REF_FORMS}")
    groups = [g for g in m.groups() if g is not None]
    return ValueRef(groups[0], groups[1])  # type: ignore[arg-type]


# --- who acts in each table ----------------------------------------------------------

Roles = tuple[tuple[str, ...], tuple[str, ...]]  # (attacker kinds, target kinds)
NO_ROLES: Roles = ((), ())

# Who acts and who is acted upon in each table the rules roll themselves.
# A table reached only through another table's `roll:` effect takes its caller's roles.
TABLE_ROLES: dict[str, Roles] = {
    "isr_detection": (("isr_drone",), RED_KINDS),
    "counter_drone": (("launch_team",), US_SITES),
    "drone_attack": (("launch_team",), US_SITES),
    "rocket_attack": (("rocket_team",), US_SITES),
    "air_defence": (("strike_flight",), RED_KINDS),
    "strike": (("strike_flight",), RED_KINDS),
    "collateral_harm": (("strike_flight",), RED_KINDS),
    "damage_assessment": (("strike_flight",), RED_KINDS),
    "iran_reaction": NO_ROLES,
}
REQUIRED_TABLES = tuple(TABLE_ROLES)


def table_effects(table: Table) -> Iterable[Effect]:
    """Every effect of a table's rows, with those nested under a casualties effect's `then`."""
    groups = table.results.values() if isinstance(table.results, dict) else [table.results]
    for rows in groups:
        for row in rows:
            yield from nested(row.effects)


def nested(effects: Iterable[Effect] | None) -> Iterable[Effect]:
    """Effects and, after each, the effects that follow from it (`then`)."""
    for e in effects or ():
        yield e
        if e.then:
            yield from nested(e.then)


def table_roles(scenario: Scenario) -> dict[str, Roles]:
    """Who acts and who is acted upon in every table: the rules' own tables by
    TABLE_ROLES, and a table rolled by another's `roll:` effect as its callers."""
    roles: dict[str, Roles] = dict(TABLE_ROLES)
    changed = True
    while changed:
        changed = False
        for tid, table in scenario.tables.items():
            if tid not in roles:
                continue
            for eff in table_effects(table):
                if eff.roll is None or eff.roll not in scenario.tables:
                    continue
                a, t = roles[tid]
                old = roles.get(eff.roll, NO_ROLES)
                new = (tuple(sorted(set(old[0]) | set(a))), tuple(sorted(set(old[1]) | set(t))))
                if new != old:
                    roles[eff.roll] = new
                    changed = True
    return roles


# --- what values a modifier can take ---------------------------------------------

POPULATION_CLASSES = range(0, 5)


def piece_values(scenario: Scenario, kinds: Iterable[str], name: str) -> set[int]:
    """Every value `name` can have on a piece of these kinds, damaged or not (0 where absent)."""
    out: set[int] = set()
    kinds = set(kinds)
    for pt in scenario.piece_types.values():
        if pt.kind not in kinds:
            continue
        base = getattr(pt, name, None)
        if not isinstance(base, int) or isinstance(base, bool):
            out.add(0)
            continue
        out.add(base)
        if name in pt.damaged:
            out.add(base + pt.damaged[name])
    return out


def modifier_values(scenario: Scenario, roles: Roles, ref: ValueRef) -> set[int]:
    """Every value a `value_from` reference can produce in a table with these roles."""
    if ref.source == "hex":
        return set(POPULATION_CLASSES)
    if ref.source == "track":
        track = scenario.tracks.get(ref.name)
        return set(range(track.min, track.max + 1)) if track else set()
    kinds = roles[0] if ref.source == "attacker" else roles[1]
    return piece_values(scenario, kinds, ref.name)


def modifier_choices(scenario: Scenario, mod, roles: Roles) -> set[int]:
    """Every amount one modifier can add in a table with these roles (a conditional
    one may also add nothing)."""
    if mod.value_from is None:
        values = {(mod.value or 0) * mod.times}
    else:
        values = {v * mod.times for v in modifier_values(scenario, roles, mod.value_from)} or {0}
    if mod.when.model_fields_set:
        values.add(0)
    return values


def modifier_bounds(scenario: Scenario, table: Table, roles: Roles) -> tuple[int, int]:
    """Lowest and highest total of the modifiers."""
    lo = hi = 0
    for mod in table.modifiers:
        values = modifier_choices(scenario, mod, roles)
        lo += min(values)
        hi += max(values)
    return lo, hi

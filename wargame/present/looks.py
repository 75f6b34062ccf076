"""From a side's view to the scene the map draws: each counter's look, the stacks,
and the marks of what the selected piece may do."""

from __future__ import annotations

from collections.abc import Mapping

from .. import hexgrid
from ..hexgrid import Hex
from ..kinds import KIND_VALUES, TEAMS, US_SITES
from ..rules.hiding import block_hexes, launch_block
from ..rules.state import NEVER
from .hints import stack_order
from .options import Options
from .scene import Counter, CounterLook, Mark, Scene, Shade, Stack

MOVE_FILL, MOVE_EDGE = (255, 214, 64, 70), (255, 214, 64, 160)
SEARCH_FILL = (120, 200, 255, 40)
AREA_FILL, AREA_EDGE = (80, 170, 255, 90), (40, 120, 220, 220)
REACH_EDGE = (220, 60, 50, 55)
LAUNCH_FILL, LAUNCH_EDGE = (230, 90, 40, 45), (200, 70, 30, 200)  # a block a team was seen launching from today
SEARCHED = (40, 120, 220)
ATTACK = (214, 84, 40)
TARGET = (220, 60, 50)
HOVER = (255, 255, 255)


def values_line(kind: str, values: Mapping[str, int]) -> str:
    """The values printed along a counter's foot, in the compact wargame style:
    base "6-4" (counter-drone, personnel), flight "2-40" (strike, range), ISR
    drone "1-16", launch team "2-20-3" (drones, range, move), rocket team
    "3-2-2", facility "AD1", depot "+1" or "AD1 +1". A missing value is "?"."""

    def v(name: str) -> str:
        x = values.get(name)
        return "?" if x is None else str(x)

    def joined(*names: str) -> str:
        return "-".join(v(n) for n in names)

    if kind in US_SITES:
        return joined("counter_drone", "personnel")
    if kind == "strike_flight":
        return joined("strike", "range")
    if kind == "isr_drone":
        return joined("detection", "range")
    if kind == "launch_team":
        return joined("drones_per_attack", "range", "move")
    if kind == "rocket_team":
        return joined("rockets_per_attack", "range", "move")
    if kind == "facility":
        return f"AD{v('air_defence')}"
    if kind == "depot":
        supply = values.get("resupply")
        text = "+?" if supply is None else f"{supply:+d}"
        ad = values.get("air_defence")
        return f"AD{ad} {text}" if ad else text
    return "-".join(str(x) for x in values.values())


def short_label(name: str) -> str:
    words = name.replace("air base", "AB").replace("Drone team", "Team").replace("Rocket team", "Rkt").split()
    text = " ".join(words)
    return text if len(text) <= 12 else text[:11] + "…"


def marker_letters(rules, view) -> dict[str, str]:
    """Each piece's markers as letters for its counter's badge ("A" for an alert). Only the
    markers the view holds: a side's own, never the other side's hidden ones."""
    out: dict[str, str] = {}
    for mid, pid in getattr(view, "markers", ()):
        m = rules.markers.get(mid)
        out[pid] = out.get(pid, "") + (m.name if m is not None else mid)[:1].upper()
    return out


def counter_look(rules, view, p, viewer: str | None, spent: bool = False, markers: str = "") -> CounterLook:
    pt = rules.piece_types[p.type]
    values = {n: rules.value(view, p, n) for n in KIND_VALUES.get(p.kind, ())}
    if p.kind in US_SITES:
        values["personnel"] = max(0, values.get("personnel", 0) - p.casualties)
    return CounterLook(
        type_id=p.type,
        kind=p.kind,
        side=p.side,
        symbol=pt.symbol,
        label=rules.piece_specs[p.id].label or short_label(rules.name_of(p.id)),
        values=values_line(p.kind, values),
        damaged=p.damaged and not p.destroyed,
        destroyed=p.destroyed,
        suppressed=p.suppressed_turn != NEVER and p.suppressed_turn >= view.turn,
        spent=spent,
        hidden=p.hidden and viewer == p.side,
        unknown=p.unconfirmed and viewer is not None and viewer != p.side,
        active=bool(getattr(p, "active", False)) and not p.destroyed,
        markers=markers,
    )


def stacks_of(rules, view, viewer: str | None, selected: str | None, may_act: set[str] | None) -> tuple[Stack, ...]:
    """Every piece of the view in its stack. `may_act`: the pieces of the player at the
    screen that can still act this phase (None when it is not their move); their other
    mobile pieces are drawn spent."""
    by_hex: dict[Hex, list] = {}
    for p in view.pieces.values():
        by_hex.setdefault(p.hex, []).append(p)
    out = []
    off_map = rules.off_map_hexes
    letters = marker_letters(rules, view)
    for h, pieces in by_hex.items():
        counters = []
        for p in stack_order(pieces, selected):
            spent = may_act is not None and p.side == viewer and p.kind not in US_SITES and p.kind in (
                *TEAMS, "strike_flight", "isr_drone") and p.id not in may_act  # fmt: skip
            counters.append(Counter(p.id, counter_look(rules, view, p, viewer, spent, letters.get(p.id, ""))))
        out.append(Stack(h, tuple(counters), h in off_map))
    return tuple(out)


def scene_for(rules, view, viewer: str | None, *, selected: str | None = None, options: Options | None = None,
              hover: Hex | None = None, may_act: set[str] | None = None) -> Scene:  # fmt: skip
    """The play screen's scene: counters, what the selected piece may reach and hit,
    the searches flown today, the attacks declared (only in the view that knows them)."""
    shades: list[Shade] = []
    marks: list[Mark] = []
    o = options or Options()
    p = view.pieces.get(selected) if selected else None
    if p is not None:
        if o.moves:
            shades.append(Shade(frozenset(o.moves), MOVE_FILL, MOVE_EDGE))
        if o.searches:
            shades.append(Shade(frozenset(o.searches), SEARCH_FILL))
            if hover in o.searches:
                radius = rules.value(view, p, "search_radius")
                shades.append(Shade(frozenset(rules.area(hover, radius)), AREA_FILL, AREA_EDGE))
        reach = rules.value(view, p, "range")
        if reach and p.kind in (*TEAMS, "strike_flight"):
            edge = frozenset(h for h in hexgrid.ring(p.hex, min(reach, rules.diameter)) if rules.on_map(h))
            if edge:
                shades.append(Shade(edge, REACH_EDGE))
        for t in sorted(o.targets()):
            target = view.pieces.get(t)
            if target is not None:
                marks.append(Mark("target", target.hex, TARGET, 3))
    launches = launch_blocks(rules, view)
    if launches:
        shades.append(Shade(launches, LAUNCH_FILL, LAUNCH_EDGE))
    for q in view.pieces.values():
        if q.kind == "isr_drone" and q.aim is not None:
            radius = rules.value(view, q, "search_radius")
            marks.append(Mark("circle", q.aim, SEARCHED, 2, radius=radius + 0.9))
    for a in view.attacks:
        if not a.resolved and a.team in view.pieces and a.target in view.pieces:
            marks.append(Mark("arrow", view.pieces[a.team].hex, ATTACK, 3, to=view.pieces[a.target].hex))
    if hover is not None:
        marks.append(Mark("outline", hover, HOVER, 2))
    stacks = stacks_of(rules, view, viewer, selected, may_act)
    return Scene(stacks=stacks, shades=tuple(shades), marks=tuple(marks), hover=hover, selected=selected)


def launch_blocks(rules, view) -> frozenset[Hex]:
    """The hexes of every block of map a team was seen launching from today, as the view
    knows it (Blue: the block the log names; Red: the block its own team gave away)."""
    if rules.scenario.rules.active_teams is None:
        return frozenset()
    blocks = {launch_block(rules, a.origin) for a in view.attacks if a.resolved and a.origin is not None}
    return frozenset(h for b in blocks for h in block_hexes(rules, b) if rules.on_map(h))

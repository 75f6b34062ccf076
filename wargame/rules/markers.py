"""Markers: counters a side places on its own pieces, in force until its next placing phase.

The design's "decision in defence": Blue puts alert markers on the sites it
expects the militias to hit tomorrow (placed at the end of its turn, in the air
operations phase), each raising the site's counter-drone defence; Red never
sees where they stand, so its odds are worked out without them. A marker's
values are read through `Rulebook.value` and conditions through `target_marker`,
both on the knowledge at hand, so a view without the marker gives odds without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..kinds import SIDE_NAMES
from .commands import Command, PlaceMarker

if TYPE_CHECKING:
    from .engine import Game


def pick_up(g: Game, phase: str) -> None:
    """As its placing phase begins, a side takes back the markers it placed in it last time."""
    markers = g.rules.markers
    st = g.state
    if st.markers and any(m.placed_in == phase for m in markers.values()):
        st.markers = [(mid, pid) for mid, pid in st.markers if markers[mid].placed_in != phase]


def placed(g: Game, marker: str) -> int:
    return sum(1 for mid, _ in g.state.markers if mid == marker)


def marker_commands(g: Game, side: str, phase: str) -> tuple[Command, ...]:
    """Every marker placement `side` may make now, marker by marker, piece by piece in scenario order.

    Asked before every command: each marker's placements on the pieces it may go
    on are made once per rulebook, and only the pieces destroyed or taken are left out,
    once per game for each placing of the markers and count of pieces destroyed (all
    they depend on: a piece is destroyed only by a hit, which counts it)."""
    rules, st = g.rules, g.state
    mine = rules.markers_placed.get((side, phase))
    if mine is None:
        return ()
    key = (mine, tuple(st.markers), st.stats["targets_destroyed"])
    kept = g.legal_cache.placements
    got = kept.get(key)
    if got is None:
        got = kept[key] = _open_placements(g, mine)
    return got


def _open_placements(g: Game, mine: tuple[str, ...]) -> tuple[Command, ...]:
    rules, st = g.rules, g.state
    out: list[Command] = []
    for mid in mine:
        m = rules.markers[mid]
        taken = [pid for k, pid in st.markers if k == mid]
        if len(taken) >= m.count:
            continue
        pieces = st.pieces
        for pid, c in _placements(g, mid):
            if not pieces[pid].destroyed and pid not in taken:
                out.append(c)
    return tuple(out)


def _placements(g: Game, mid: str) -> tuple[tuple[str, PlaceMarker], ...]:
    """A marker's placement on each piece of its side and kinds, in scenario order (made once per rulebook)."""
    rules = g.rules
    key = ("placements", mid)
    got = rules.command_cache.get(key)
    if got is None:
        m = rules.markers[mid]
        got = rules.command_cache[key] = tuple(
            (pid, PlaceMarker(mid, pid)) for pid in rules.side_pieces[m.side] if g.state.pieces[pid].kind in m.on
        )
    return got  # type: ignore[return-value]


def check_place(g: Game, c: PlaceMarker) -> str | None:
    rules, st = g.rules, g.state
    m = rules.markers.get(c.marker)
    if m is None:
        return f"unknown marker {c.marker!r}"
    if g.phase != m.placed_in or g.side_to_move != m.side:
        return f"{m.name} markers are placed in {SIDE_NAMES[m.side]}'s {m.placed_in.replace('_', ' ')} phase"
    p = st.pieces.get(c.piece)
    if p is None or p.side != m.side or p.kind not in m.on:
        return f"a {m.name} marker goes on a {', '.join(m.on)} of {SIDE_NAMES[m.side]}'s"
    if p.destroyed:
        return f"{rules.name_of(p.id)} has been destroyed"
    if (c.marker, c.piece) in st.markers:
        return f"{rules.name_of(p.id)} already has a {m.name} marker"
    if placed(g, c.marker) >= m.count:
        return f"all {m.count} {m.name} markers are placed"
    return None


def place(g: Game, c: PlaceMarker) -> None:
    rules = g.rules
    m = rules.markers[c.marker]
    g.state.markers.append((c.marker, c.piece))
    text = f"{m.name} marker placed on {rules.name_of(c.piece)}"
    g.emit("marker", text, m.side if m.hidden else "all", pieces=(c.piece,))

"""What a finished game's log says beyond its result: the figures a designer tunes by.

Read once per game from the full log (every event, both sides' secrets
included) and the final state, as plain counts a balance run adds up over its
games: which table rows and columns came up, how each track moved (did it ever
rise, ever fall, stand at its top after the first turn), which hidden pieces
were ever detected, which cards were played and how, strikes beyond
authorization, quiet days and the points scored under each heading.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..rules.engine import Game

_TRACK = re.compile(r"^(?P<name>.+?) (?P<old>-?\d+) → (?P<new>-?\d+)")


@dataclass
class Counts:
    rows: dict[str, int] = field(default_factory=dict)  # "table:result" -> how often it came up
    columns: dict[str, int] = field(default_factory=dict)  # "table:column" -> rolls on that column
    rose: list[str] = field(default_factory=list)  # tracks that rose at some point
    fell: list[str] = field(default_factory=list)  # tracks that fell at some point
    top_after_first: list[str] = field(default_factory=list)  # tracks at their top at some point after turn 1
    detected: list[str] = field(default_factory=list)  # hidden pieces found at least once
    cards: dict[str, int] = field(default_factory=dict)  # "card:event" / "card:ops" -> plays
    unauthorized: int = 0  # sorties flown beyond authorization
    quiet_days: int = 0
    points: dict[str, int] = field(default_factory=dict)  # "side:reason" -> victory points scored so


def count_game(g: Game) -> Counts:
    """The counts of one finished game, from its log and state."""
    rules, st = g.rules, g.state
    rows: Counter[str] = Counter()
    columns: Counter[str] = Counter()
    by_name = {t.name: tid for tid, t in rules.tracks.items()}
    level = dict((tid, t.start) for tid, t in rules.tracks.items())
    rose: set[str] = set()
    fell: set[str] = set()
    top: set[str] = set()
    detected: set[str] = set()
    cards: Counter[str] = Counter()
    card_names = sorted(((c.name, cid) for cid, c in rules.cards.items()), key=lambda x: -len(x[0]))
    seen_turn = 1
    for e in g.log:
        if e.turn != seen_turn:  # a new turn: a track at its top as it begins counts
            seen_turn = e.turn
            if e.turn >= 2:
                top.update(tid for tid, v in level.items() if v >= rules.tracks[tid].max)
        kind = e.kind
        if e.roll is not None:
            rows[f"{e.roll.table}:{e.roll.result}"] += 1
            if e.roll.column is not None:
                columns[f"{e.roll.table}:{e.roll.column}"] += 1
        elif kind == "track":
            m = _TRACK.match(e.text)
            tid = by_name.get(m["name"]) if m else None
            if tid is not None:
                old, new = int(m["old"]), int(m["new"])
                (rose if new > old else fell).add(tid)
                level[tid] = new
                if e.turn >= 2 and new >= rules.tracks[tid].max:
                    top.add(tid)
        elif kind == "detect" and e.pieces:
            detected.add(e.pieces[0])
        elif kind == "card":
            for name, cid in card_names:
                if f" plays {name} for " in e.text:
                    cards[f"{cid}:{'event' if ' for its event' in e.text else 'ops'}"] += 1
                    break
    points: Counter[str] = Counter()
    for side, pts, reason, _ in st.vp_log:
        points[f"{side}:{reason}"] += pts
    return Counts(dict(rows), dict(columns), sorted(rose), sorted(fell), sorted(top), sorted(detected), dict(cards),
                  st.stats.get("unauthorized_sorties", 0), st.stats.get("quiet_turns", 0), dict(points))  # fmt: skip

"""The end-of-turn summary: what each track and the victory points did today, and why.

Shown to both players before the next hand-over, so the political phase does not
flash by. Only public information goes in: events every side may read (a track
move both sides saw, points both know were scored); a side's secrets stay out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..kinds import SIDE_NAMES
from ..rules.events import ALL, Event

_TRACK = re.compile(r"^(?P<name>.+?) (?P<old>-?\d+) → (?P<new>-?\d+)(?: \((?P<why>.*)\))?$")
_VP = re.compile(r"^(?P<side>Blue|Red) (?P<pts>[+-]\d+) VP: (?P<why>.*)$")


@dataclass(frozen=True)
class TrackLine:
    name: str
    start: int
    end: int
    reasons: tuple[str, ...]  # "+1 a day of US strikes", in the order they happened
    thresholds: tuple[str, ...]  # "reaches 5: Open war"


@dataclass(frozen=True)
class TurnSummary:
    turn: int
    tracks: tuple[TrackLine, ...]
    vp: dict[str, tuple[str, ...]]  # side -> "+2 Targets destroyed"
    events: tuple[str, ...]  # the day's other public headlines: attacks, strikes, a quiet day


HEADLINES = ("attack", "sortie", "quiet", "detect", "destroyed", "casualties", "civilians", "unauthorized", "game_over")


def turn_summary(turn: int, events: list[Event], tracks_at_start: dict[str, int], tracks_at_end: dict[str, int],
                 track_names: dict[str, str]) -> TurnSummary:  # fmt: skip
    """The summary of `turn` from the game's events (any side's log: only public ones are read)."""
    public = [e for e in events if e.turn == turn and e.visible == ALL]
    by_name = {name: tid for tid, name in track_names.items()}
    reasons: dict[str, list[str]] = {tid: [] for tid in track_names}
    crossed: dict[str, list[str]] = {tid: [] for tid in track_names}
    vp: dict[str, list[str]] = {"blue": [], "red": []}
    headlines: list[str] = []
    for e in public:
        if e.kind == "track":
            m = _TRACK.match(e.text)
            if m and m["name"] in by_name:
                change = int(m["new"]) - int(m["old"])
                reasons[by_name[m["name"]]].append(f"{change:+d} {m['why'] or ''}".strip())
        elif e.kind == "threshold":
            for name, tid in by_name.items():
                if e.text.startswith(name + " "):
                    crossed[tid].append(e.text[len(name) + 1 :].split(". ")[0])
        elif e.kind == "vp":
            m = _VP.match(e.text)
            if m:
                side = "blue" if m["side"] == SIDE_NAMES["blue"] else "red"
                vp[side].append(f"{m['pts']} {m['why']}")
        elif e.kind in HEADLINES:
            headlines.append(e.text)
    start, end = _values(turn, events, by_name, tracks_at_start, tracks_at_end)
    lines = tuple(
        TrackLine(track_names[tid], start[tid], end[tid], tuple(reasons[tid]), tuple(crossed[tid]))
        for tid in track_names
    )
    return TurnSummary(turn, lines, {s: tuple(v) for s, v in vp.items()}, tuple(headlines[-12:]))


def _values(turn: int, events: list[Event], by_name: dict[str, str], tracks_at_start: dict[str, int],
            tracks_at_end: dict[str, int]) -> tuple[dict[str, int], dict[str, int]]:  # fmt: skip
    """Each track's value at the start and the end of `turn`, read from its moves (every
    track move is public): the recorded values are taken after a day's strategic phase, so
    the next day's Iran's reaction and authorization would count as today's, unexplained.
    The recorded values serve only a track that never moved in the log."""
    before: dict[str, int] = {}  # the value the last move before the turn left
    first: dict[str, int] = {}  # the value before the turn's first move
    last: dict[str, int] = {}  # the value after the turn's last move
    after: dict[str, int] = {}  # the value before the first move after the turn
    for e in events:
        m = _TRACK.match(e.text) if e.kind == "track" and e.visible == ALL else None
        if m is None or m["name"] not in by_name:
            continue
        tid, old, new = by_name[m["name"]], int(m["old"]), int(m["new"])
        if e.turn < turn:
            before[tid] = new
        elif e.turn == turn:
            first.setdefault(tid, old)
            last[tid] = new
        else:
            after.setdefault(tid, old)
    start: dict[str, int] = {}
    end: dict[str, int] = {}
    for tid in by_name.values():
        if tid in first:
            start[tid], end[tid] = first[tid], last[tid]
        else:
            recorded = tracks_at_end.get(tid, tracks_at_start.get(tid, 0))
            start[tid] = end[tid] = before.get(tid, after.get(tid, recorded))
    return start, end

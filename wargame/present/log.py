"""The event log as lines a player reads.

The engine's events already say what happened and who may know it; here they
become lines with a tone (a heading, a roll, a loss, a gain) that the screen
colours, and rolls are reworded the way a table is read (see rolls.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..rules.events import Event
from .rolls import roll_words

# the tone of each kind of event: how the log colours it
TONES = {
    "roll": "roll",
    "phase": "phase",
    "threshold": "warning",
    "vp": "gain",
    "game_over": "phase",
    "detect": "info",
    "destroyed": "loss",
    "damage": "loss",
    "casualties": "loss",
    "civilians": "loss",
    "lost": "muted",
    "quiet": "gain",
    "unauthorized": "warning",
    "card": "card",  # a card played: both sides read it
    "draw": "muted",  # the other side reads only how many
    "marker": "info",  # a hidden marker: its own side's line alone
    "ground": "muted",
    "launch_area": "warning",
}


@dataclass(frozen=True)
class LogLine:
    text: str
    tone: str  # "heading", "phase", "roll", "warning", "gain", "loss", "info", "card", "muted", "plain"
    turn: int
    faces: tuple[int, ...] = ()  # dice shown before a roll's words
    sides: tuple[int, ...] = ()
    index: int = -1  # the event's place in the log it came from


def log_line(event: Event, index: int = -1) -> LogLine:
    if event.roll is not None:
        w = roll_words(event)
        return LogLine(f"{w.label} — {w.sentence()}", "roll", event.turn, w.faces, w.sides, index)
    if event.kind == "phase" and event.text.startswith("Turn "):
        return LogLine(event.text, "heading", event.turn, index=index)
    return LogLine(event.text, TONES.get(event.kind, "plain"), event.turn, index=index)


def log_lines(events: list[Event], start: int = 0) -> list[LogLine]:
    """Lines for events, numbered from `start` (their place in the side's log)."""
    return [log_line(e, start + i) for i, e in enumerate(events)]

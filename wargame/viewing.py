"""Watching a recorded game: a cursor over its events, as one side saw them.

The replay viewer, "while you were away" and the computer's moves shown at a
person's pace all step through a game the same way: event by event (each roll
is an event), command by command, phase by phase, turn by turn, both ways. In a
side's view the cursor only ever stands on events that side could read, and the
board at each stop is that side's view of the state just after the event: the
log, the board, the tooltips and the dice card then hold nothing the side did
not see at the time. The whole truth ("everything") of a game that is not over
is the umpire's, and must be asked for.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import InputError
from .replay import Replay
from .rules.events import Event
from .rules.views import SideView, make_view


@dataclass(frozen=True)
class Mark:
    """A place on the timeline: where a turn or a phase begins."""

    position: int
    turn: int
    title: str  # "Turn 3, Blue air operations"
    turn_start: bool


class UmpireOnly(InputError):
    """Everything of a game that is not over was asked for without saying 'umpire'."""


class Viewing:
    def __init__(self, replay: Replay, side: str | None, umpire: bool = False, first: int = 0, last: int | None = None):
        over = replay.marks[-1].side_to_move is None
        if side is None and not (over or umpire):
            raise UmpireOnly.single("replay", "this game is not over: everything in it is the umpire's view; ask for it as the umpire")
        self.replay = replay
        self.rules = replay.rules
        self.side = side
        self.umpire = umpire and not over
        last = len(replay.events) - 1 if last is None else last
        self.order = [e for e in replay.visible_events(side) if first <= e <= last]
        self.position = 0
        self._views: dict[int, SideView] = {}

    def __len__(self) -> int:
        return len(self.order)

    # --- where the cursor stands -----------------------------------------------------

    @property
    def index(self) -> int:
        """The current event's index in the whole game's log."""
        return self.order[self.position] if self.order else 0

    def event(self, position: int | None = None) -> Event | None:
        if not self.order:
            return None
        e = self.order[self.position if position is None else position]
        return self.replay.event_as(e, self.side)

    def log(self) -> list[Event]:
        """The side's log up to and including the current event."""
        return [ev for e in self.order[: self.position + 1] if (ev := self.replay.event_as(e, self.side)) is not None]

    def view(self, position: int | None = None) -> SideView:
        """The side's view of the board just after the event at `position` (default: the cursor)."""
        position = self.position if position is None else position
        got = self._views.get(position)
        if got is None:
            state, to_move = self._state_after(self.order[position] if self.order else 0)
            got = make_view(self.rules, state, self.side, to_move)
            if len(self._views) > 64:
                self._views.clear()
            self._views[position] = got
        return got

    def _state_after(self, e: int):
        r = self.replay
        step = r.event_step[e] if r.events else 0
        mark = r.marks[step]
        if e + 1 < len(r.events) and r.event_step[e + 1] == step:
            return r.state_at_event(e + 1), mark.side_to_move
        return r.state_at(step), mark.side_to_move

    @property
    def turn(self) -> int:
        ev = self.event()
        return ev.turn if ev is not None else 1

    @property
    def step(self) -> int:
        return self.replay.event_step[self.index] if self.order else 0

    # --- moving the cursor --------------------------------------------------------------

    def seek(self, position: int) -> None:
        self.position = max(0, min(len(self.order) - 1, position)) if self.order else 0

    def by_event(self, direction: int) -> None:
        self.seek(self.position + direction)

    def by_command(self, direction: int) -> None:
        """To the first event of the next (or this, then the previous) command."""
        self._to(lambda a, b: self.replay.event_step[self.order[a]] != self.replay.event_step[self.order[b]], direction)

    def by_phase(self, direction: int) -> None:
        self._to_mark(direction, turns_only=False)

    def by_turn(self, direction: int) -> None:
        self._to_mark(direction, turns_only=True)

    def _to(self, differs, direction: int) -> None:
        p = self.position
        if direction > 0:
            while p + 1 < len(self.order) and not differs(p, p + 1):
                p += 1
            self.seek(p + 1)
        else:
            while p > 0 and not differs(p - 1, p):
                p -= 1
            if p == self.position:  # already at the first event of a command: the one before
                p -= 1
                while p > 0 and not differs(p - 1, p):
                    p -= 1
            self.seek(p)

    def _to_mark(self, direction: int, turns_only: bool) -> None:
        stops = [m.position for m in self.marks() if m.turn_start or not turns_only]
        if direction > 0:
            nxt = [s for s in stops if s > self.position]
            self.seek(nxt[0] if nxt else len(self.order) - 1)
        else:
            prev = [s for s in stops if s < self.position]
            self.seek(prev[-1] if prev else 0)

    # --- the timeline -----------------------------------------------------------------

    def marks(self) -> list[Mark]:
        """Where each phase and each turn begins, among the events the side could see."""
        out = []
        last_turn = None
        for p, e in enumerate(self.order):
            ev = self.replay.events[e]
            if ev.kind == "phase" and ev.text.startswith("Turn "):
                out.append(Mark(p, ev.turn, ev.text, ev.turn != last_turn))
                last_turn = ev.turn
        return out

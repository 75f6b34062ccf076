"""A finished (or unfinished) game turn by turn, as one side knew it.

The report and the review need, for each turn, the board as the turn ended, the
tracks and points, and what the side read in its log. A game is replayed from
its record with the recorded dice (never rolled again); the state is caught the
moment a turn ends, just before the next day's strategic phase begins (the
engine's observer is told before each event is emitted), and taken through the
side's view, so nothing the side could not know goes any further.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from ..dice import RecordedDice
from ..rules.engine import Game
from ..rules.events import Event


@dataclass
class TurnEnd:
    turn: int
    date: datetime.date
    view: object  # the side's SideView as the turn ended
    tracks: dict[str, int]
    vp: dict[str, int]
    events: list[Event] = field(default_factory=list)  # the side's log of this turn


def turn_ends(game: Game, side: str | None) -> list[TurnEnd]:
    """Every turn of `game`'s record, as `side` saw it (None: everything)."""
    history = game.history
    replay = Game(game.rules, game.seed, RecordedDice(list(history[0].faces)))
    start = datetime.date.fromisoformat(game.rules.scenario.meta.date)
    out: list[TurnEnd] = []
    current = {"turn": replay.state.turn}

    def catch(turn: int) -> None:
        v = replay.view(side)
        out.append(TurnEnd(turn, start + datetime.timedelta(days=turn - 1), v, dict(v.tracks), dict(v.vp)))

    def observe(_index: int) -> None:
        if replay.state.turn != current["turn"]:
            catch(current["turn"])
            current["turn"] = replay.state.turn

    replay.observer = observe
    for step in history[1:]:
        replay.dice = RecordedDice(list(step.faces))
        assert step.command is not None
        replay.apply(step.command)
    replay.observer = None
    if not out or out[-1].turn != replay.state.turn:
        catch(replay.state.turn)  # the last turn, finished or not
    by_turn: dict[int, list[Event]] = {}
    for e in replay.events_for(side):
        by_turn.setdefault(e.turn, []).append(e)
    for t in out:
        t.events = by_turn.get(t.turn, [])
    return out

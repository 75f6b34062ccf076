"""Hide and seek with a cost, as the COIN series' underground and active guerrillas.

With `rules.active_teams`, a team that launches becomes active: the other side
learns the block of map it launched from (a square of `launch_area` hexes, the
same for every hex in it, so the block says where, not the exact hex), and an
active team that the other side has detected stays in its sight as it moves.
To slip away again a team goes back to ground: that takes its move for the day
(it stays where it is), ends its active state and, if it was seen, loses the
other side's contact. The detection table may read `target_active`.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from .. import hexgrid
from ..hexgrid import Hex, ccrr
from ..kinds import OTHER, TEAMS
from .commands import GoToGround
from .effects import hex_name

if TYPE_CHECKING:
    from .engine import Game
    from .rulebook import Rulebook
    from .state import PieceState


def launch_block(rules: Rulebook, h: Hex) -> tuple[int, int, int, int]:
    """The block of map a launch from `h` reveals: first and last column, first and last row (1-based)."""
    spec = rules.scenario.rules.active_teams
    size = spec.launch_area if spec is not None else 1
    col, row = hexgrid.to_offset(h)
    c0, r0 = col // size * size, row // size * size
    return c0 + 1, min(rules.columns, c0 + size), r0 + 1, min(rules.rows, r0 + size)


def block_hexes(rules: Rulebook, block: tuple[int, int, int, int]) -> tuple[Hex, ...]:
    """The hexes of a block, column by column (the same tuple each time: a search's hints read it often)."""
    return _block_hexes(block)


@functools.lru_cache(maxsize=4096)
def _block_hexes(block: tuple[int, int, int, int]) -> tuple[Hex, ...]:
    c0, c1, r0, r1 = block
    return tuple(hexgrid.from_offset(c - 1, r - 1) for c in range(c0, c1 + 1) for r in range(r0, r1 + 1))


def block_centre(rules: Rulebook, block: tuple[int, int, int, int]) -> Hex:
    c0, c1, r0, r1 = block
    return hexgrid.from_offset((c0 + c1) // 2 - 1, (r0 + r1) // 2 - 1)


def launched(g: Game, team: PieceState, origin: Hex) -> None:
    """A team's attack is resolved: it becomes active and shows where it launched from."""
    if g.rules.scenario.rules.active_teams is None:
        return
    team.active = True
    block = launch_block(g.rules, origin)
    c0, c1, r0, r1 = block
    where = block_centre(g.rules, block)
    name = g.rules.name_of(team.id)
    g.emit("launch_area", f"Launch seen: {name} fired from the block of columns {c0:02d}-{c1:02d}, rows {r0:02d}-{r1:02d}",
           pieces=(team.id,), where=where)  # fmt: skip


def keeps_contact(g: Game, team: PieceState) -> bool:
    """Does the other side keep its sight of this detected team as it moves?"""
    return g.rules.scenario.rules.active_teams is not None and team.active


def check_ground(g: Game, c: GoToGround) -> str | None:
    st, rules = g.state, g.rules
    team = st.pieces.get(c.team)
    if team is None or team.kind not in TEAMS:
        return f"{c.team!r} is not a launch or rocket team"
    name = rules.name_of(team.id)
    if rules.scenario.rules.active_teams is None:
        return "teams are never active in this scenario"
    if team.destroyed:
        return f"{name} has been destroyed"
    if not team.active:
        return f"{name} is not active"
    if team.moved_turn == st.turn:
        return f"{name} has already moved today"
    if team.attacked_turn == st.turn:
        return f"{name} launched today and cannot go to ground until tomorrow"
    return None


def go_to_ground(g: Game, c: GoToGround) -> None:
    st = g.state
    team = st.pieces[c.team]
    name = g.rules.name_of(team.id)
    team.active = False
    team.moved_turn = st.turn
    if not team.hidden:
        team.hidden = True
        g.emit("lost", f"Contact lost: {name} goes to ground at {hex_name(team.hex)}", OTHER[team.side],
               pieces=(team.id,), where=team.hex)  # fmt: skip
        g.emit("ground", f"{name} goes to ground at {ccrr(team.hex)}", team.side, pieces=(team.id,))
    else:
        g.emit("ground", f"{name} goes to ground", pieces=(team.id,))

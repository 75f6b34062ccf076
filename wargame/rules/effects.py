"""Effects: what a roll's result, a threshold or a fixed cost does to the game.

Rolling a table and carrying out its row's effects are one job: tracks move
(and may cross thresholds, which have effects of their own), points are
scored, stocks change, pieces are damaged, destroyed, pinned down or found,
and the game may end. Each function takes the game it acts on; none keeps
anything of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from ..grammar import describe_range
from ..hexgrid import Hex, ccrr
from ..kinds import OTHER, SIDE_NAMES
from ..scenario.model import Effect, ObjectiveCondition
from ..words import count
from .events import ALL, Event, Roll, describe_roll
from .rulebook import Rulebook, Setup, Situation
from .state import GameResult, PieceState

if TYPE_CHECKING:
    from .engine import Game


class Outcome:
    """What a table's effects told the procedure that rolled it: stop (the attack
    or sortie ends here) and the damage assessment's verdict."""

    __slots__ = ("stop", "assessment")

    def __init__(self) -> None:
        self.stop = False
        self.assessment: str | None = None


# what an adjusted rule value is called in the log
ADJUST_WORDS = {
    "drones_per_attack": "Drones per attack", "rockets_per_attack": "Rockets per salvo", "team_move": "Team moves",
    "team_range": "Team ranges", "sorties": "Sorties a day", "strike_sorties": "Strike sorties a day",
    "isr_sorties": "ISR sorties a day", "isr_range": "ISR range", "search_radius": "Search radius",
    "counter_drone": "Counter-drone defence", "air_defence": "Air defence", "resupply": "Resupply",
}  # fmt: skip


def hex_name(h: Hex | None) -> str:
    return ccrr(h) if h is not None else "?"


# --- rolling -------------------------------------------------------------------------


def roll(g: Game, table_id: str, sit: Situation, label: str, visible: str = ALL,
         other: Callable[[Roll], str] | str | None = None, pieces: tuple[str, ...] = (),
         shown_when_found: bool = False) -> tuple[Roll, Outcome]:  # fmt: skip
    """Roll a table through the game's chance, log the roll, apply its effects.

    The setup is the one the odds are computed from. `shown_when_found`: a
    search roll kept secret from the searching side becomes public when it
    finds its piece (the searcher learns the piece anyway)."""
    rules = g.rules
    setup = rules.setup(table_id, g.state, sit)
    draw = g.chance.roll(setup)
    table, row = setup.table, draw.row
    if g.quiet:  # an imagined world: the row's effects only, no words for a log nobody reads
        out = Outcome()
        if row.effects:
            apply_effects(g, row.effects, sit, out, "", visible)
        return None, out  # type: ignore[return-value]
    r = Roll(
        table_id, table.spec.title, table.dice.text, draw.faces, draw.natural, setup.modifiers,
        table.columns[setup.column], setup.shifts, draw.total, row.result, row.text,
        lambda: needed_words(rules, setup, row), table.bands[setup.column][draw.index],
    )  # fmt: skip
    if shown_when_found and visible != ALL and any(e.verb == "target" and e.target == "detect" for e in row.effects):
        visible = ALL
    other_text: Callable[[], str] | str | None = other
    if other is not None and not isinstance(other, str):
        other_text = lambda: other(r)  # noqa: E731 (what the other side reads)
    g.emit("roll", lambda: f"{label}: {row.text} ({describe_roll(r)})", visible, other_text, r, pieces)
    out = Outcome()
    if row.effects:
        # the roll's consequences are public unless the roll itself is secret from both readers' view
        apply_effects(g, row.effects, sit, out, f"{table.spec.title}: {row.text}", ALL if other_text else visible)
    return r, out


def needed_words(rules: Rulebook, setup: Setup, row) -> str:
    """What the dice had to show: for a two-row table the roll that gives its
    effect, otherwise the natural range that gave this row."""
    rows = setup.table.rows[setup.column]
    if len(rows) == 2:
        goal = next((r for r in reversed(rows) if r.effects), rows[-1])
        return f"{rules.needed(setup, goal.result)} for {goal.text}"
    spans = setup.odds()
    for r, nat in zip(spans.rows, spans.natural):
        if r is row and nat[0] is not None:
            return f"{describe_range(*nat)} gives {row.text}"
    return ""


# --- effects -----------------------------------------------------------------------------


def apply_effects(
    g: Game, effects: list[Effect], sit: Situation, out: Outcome, reason: str, visible: str = ALL
) -> None:
    st = g.state
    rules = g.rules
    for e in effects:
        if st.result is not None:
            return
        verb = e.verb
        if verb == "track":
            move_track(g, e.track, e.change, reason, visible)
        elif verb == "vp":
            award(g, e.vp, e.points, e.reason or reason, visible=visible)
        elif verb == "stock":
            change_stock(g, e.side, e.stock, e.change, reason)
        elif verb == "target" and sit.target is not None:
            hit(g, sit.target, e.target, visible)
        elif verb == "attacker" and sit.attacker is not None:
            a = sit.attacker
            if e.attacker == "damage":
                a.damaged = True
                g.emit("damage", f"{rules.name_of(a.id)} is damaged", visible, pieces=(a.id,))
            else:
                a.suppressed_turn = st.turn + 1
                g.emit("suppress", f"{rules.name_of(a.id)} is pinned down until tomorrow", visible, pieces=(a.id,))
        elif verb == "attack":
            out.stop = True
        elif verb == "casualties" and sit.target is not None:
            # no more casualties than the site has personnel left
            left = rules.value(st, sit.target, "personnel") - sit.target.casualties
            n = min(e.casualties, max(0, left))
            if n:
                short = rules.sides[sit.target.side].short
                sit.target.casualties += n
                st.stats["us_casualties"] += n
                st.pending_authorization += rules.scenario.rules.authorization.per_casualty * n
                g.emit(
                    "casualties",
                    f"{count(n, f'{short} casualty', f'{short} casualties')} at {rules.name_of(sit.target.id)}",
                    visible,
                    where=sit.hex,
                )
                # what follows a casualty follows only the casualties actually inflicted
                if e.vp_each:
                    award(g, OTHER[sit.target.side], e.vp_each * n, e.reason or f"{short} casualties", visible=visible)
                if e.then:
                    apply_effects(g, e.then, sit, out, reason, visible)
            elif e.vp_each or e.then:
                g.emit("casualties", f"No one left to hurt at {rules.name_of(sit.target.id)}", visible, where=sit.hex)
        elif verb == "militia_casualties":
            st.stats["militia_casualties"] += e.militia_casualties
            fighters = count(e.militia_casualties, "fighter")
            g.emit("casualties", f"{fighters} of the {rules.sides['red'].name} killed", visible, where=sit.hex)
        elif verb == "civilian_casualties":
            st.stats["civilian_casualties"] += e.civilian_casualties
            where = f" at {hex_name(sit.hex)}" if sit.hex is not None else ""
            g.emit("civilians", f"Civilian casualties reported{where}", visible)
        elif verb == "roll":
            roll(g, e.roll, sit, rules.tables[e.roll].spec.title, visible)
        elif verb == "assessment":
            out.assessment = e.assessment
        elif verb == "adjust":
            st.today[e.adjust] = st.today.get(e.adjust, 0) + e.change
            g.emit("adjust", f"{ADJUST_WORDS.get(e.adjust, e.adjust)} {e.change:+d} for the rest of the turn ({reason})")
        elif verb == "draw":
            from .cards import draw

            draw(g, e.side, e.draw)
        elif verb == "confirm":
            confirm(g, g.cause)
        elif verb == "authorize":
            st.pending_authorization += e.authorize
            g.emit("authorize", f"Authorization {e.authorize:+d} at the next strategic phase ({reason})", visible)


def hit(g: Game, target: PieceState, what: str, visible: str) -> None:
    st = g.state
    rules = g.rules
    name = rules.name_of(target.id)
    if what == "detect":
        detect(g, target)
    elif what == "suppress":
        target.suppressed_turn = st.turn + 1
        g.emit("suppress", f"{name} is pinned down until tomorrow", visible, pieces=(target.id,))
    elif target.destroyed:
        return
    elif what == "damage":
        if not target.damaged:
            target.damaged = True
            g.emit("damage", f"{name} is damaged", visible, pieces=(target.id,))
    elif what == "destroy":
        target.destroyed = True
        target.damaged = True
        st.stats["targets_destroyed"] += 1
        g.emit("destroyed", f"{name} is destroyed", visible, pieces=(target.id,))
        pt = rules.piece_types[target.type]
        if pt.vp:
            award(g, OTHER[target.side], pt.vp, "Targets destroyed", piece=target.id, visible=visible)


def confirm(g: Game, side: str | None) -> None:
    """`side` learns what each of its strikes with unclear results did (a report from the ground)."""
    if side is None:
        return
    rules = g.rules
    for p in g.state.pieces.values():
        if p.side == OTHER[side] and p.unconfirmed:
            p.seen_damaged, p.seen_destroyed, p.unconfirmed = p.damaged, p.destroyed, False
            what = "destroyed" if p.destroyed else "damaged" if p.damaged else "intact"
            g.emit("assess", f"Reports confirm {rules.name_of(p.id)}: {what}", pieces=(p.id,))


def detect(g: Game, target: PieceState) -> None:
    was_hidden = target.hidden
    if was_hidden:
        g.state.stats["detections"] += 1
    target.hidden = False
    target.detected_turn = g.state.turn
    target.seen_damaged, target.seen_destroyed = target.damaged, target.destroyed
    target.unconfirmed = False
    if was_hidden:
        rules = g.rules
        label = rules.piece_types[target.type].name.lower()
        g.emit("detect", f"Detected: {rules.name_of(target.id)} ({label}) at {hex_name(target.hex)}",
               pieces=(target.id,), where=target.hex)  # fmt: skip


# --- tracks, points, stocks, the end ------------------------------------------------------


def move_track(g: Game, tid: str, change: int, reason: str, visible: str = ALL) -> None:
    st = g.state
    rules = g.rules
    spec = rules.tracks[tid]
    old = st.tracks[tid]
    new = max(spec.min, min(spec.max, old + change))
    if new == old:
        return
    st.tracks[tid] = new
    other = f"{spec.name} {old} → {new}" if visible != ALL else None
    g.emit("track", f"{spec.name} {old} → {new} ({reason})", visible, other)
    for i, th in rules.thresholds_of.get(tid, ()):
        at = th.at
        was, now = (old >= at, new >= at) if th.direction == "up" else (old <= at, new <= at)  # Rulebook.in_force
        if now and not was:
            g.emit("threshold", f"{spec.name} reaches {th.at}: {th.name}. {th.description}".strip())
            if (tid, i) not in st.reached:
                st.reached.add((tid, i))
                apply_effects(g, th.on_reach, Situation(), Outcome(), f"{spec.name}: {th.name}")
            if th.ends_game is not None and st.result is None:
                end_game(g, th.ends_game.result, th.ends_game.text)
        elif was and not now:
            g.emit("threshold", f"{spec.name} leaves {th.name}")


def award(g: Game, side: str, points: int, reason: str, piece: str = "", visible: str = ALL) -> None:
    """Points in play, where reaching an automatic-victory level ends the game at once."""
    score(g, side, points, reason, piece, visible)
    st = g.state
    for auto in g.rules.scenario.victory.automatic:
        if auto.side == side and st.vp[side] >= auto.at_least and st.result is None:
            end_game(g, side, auto.text)


def score(g: Game, side: str, points: int, reason: str, piece: str = "", visible: str = ALL) -> None:
    """Points on the record. Final scoring adds the objectives this way: every objective
    counts before the points are compared, so the first objective scored cannot end the
    game as a sudden-death victory before the other side's are counted."""
    st = g.state
    st.vp[side] += points
    st.vp_log.append((side, points, reason, piece))
    g.emit("vp", f"{SIDE_NAMES[side]} {points:+d} VP: {reason}", visible)


def change_stock(g: Game, side: str, stock: str, change: int, reason: str) -> None:
    st = g.state
    have = st.stocks[side].get(stock, 0)
    cap = g.rules.sides[side].stock_max.get(stock)
    new = max(0, have + change)
    if cap is not None:
        new = min(cap, new)
    st.stocks[side][stock] = new
    if new != have:
        g.emit("stock", f"{SIDE_NAMES[side]} {stock} {have} → {new} ({reason})", side)


def end_game(g: Game, result: str, text: str) -> None:
    st = g.state
    cause = g.cause
    if result == "responsible_side_loses":
        winner = OTHER.get(cause) if cause else None
        if cause is None:
            text += " No side's action caused it, so neither side wins."
        else:
            text += f" {SIDE_NAMES[cause]}'s action caused it."
    elif result == "draw":
        winner = None
    else:
        winner = result
    st.result = GameResult(winner, text, dict(st.vp))
    g.emit("game_over", "Game over. " + st.result.summary())


def holds(g: Game, cond: ObjectiveCondition) -> bool:
    """Does an objective's condition hold now?"""
    st = g.state
    pieces = st.pieces
    if cond.pieces_destroyed is not None:
        n = sum(1 for pid in cond.pieces_destroyed.pieces if pieces[pid].destroyed)
        if n < cond.pieces_destroyed.at_least:
            return False
    if cond.pieces_undamaged is not None and any(
        pieces[p].damaged or pieces[p].destroyed for p in cond.pieces_undamaged
    ):
        return False
    if cond.pieces_survive is not None and any(pieces[p].destroyed for p in cond.pieces_survive):
        return False
    for k, v in (cond.stat_at_least or {}).items():
        if st.stats[k] < v:
            return False
    for k, v in (cond.stat_at_most or {}).items():
        if st.stats[k] > v:
            return False
    for k, v in (cond.track_at_least or {}).items():
        if st.tracks[k] < v:
            return False
    for k, v in (cond.track_at_most or {}).items():
        if st.tracks[k] > v:
            return False
    return True


def effect_words(rules: Rulebook, e: Effect) -> str:
    """An effect in a note: 'Escalation +1', 'Red +1 VP'."""
    if e.verb == "track":
        return f"{rules.tracks[e.track].name} {e.change:+d}"
    if e.verb == "vp":
        return f"{SIDE_NAMES[e.vp]} {e.points:+d} VP"
    if e.verb == "stock":
        return f"{SIDE_NAMES[e.side]} {e.stock} {e.change:+d}"
    return e.verb


def hide_from_blue(e: Event) -> Event:
    """A strike's secret events after an unclear assessment: Red's alone (a track's move stays public)."""
    other = None
    if e.kind == "track":
        other = e.other_text or e.text.split(" (")[0]
    return Event(
        e.turn, e.phase, e.kind, e.text, "red" if e.visible == ALL else e.visible, other, e.roll, e.pieces, e.where
    )

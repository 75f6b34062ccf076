"""Previews: what a command will risk, worked out on the view of the side that gives it.

A preview lists the exact odds of every roll the command makes, its fixed
costs in words, and every track threshold it may cross before the player
commits: the fixed costs that certainly cross one, and the outcomes that may,
each with its exact probability. The chances come from the same compiled
tables the dice are rolled on; nothing is sampled.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Callable, Union

from ..hexgrid import ccrr, hex_range
from ..words import count
from .chance import Chance
from ..scenario.choices import EVENT
from .commands import Command, DroneAttack, FlySortie, PlayCard, ResolveAttack, RocketAttack, TaskIsr
from .effects import effect_words
from .hiding import launch_block
from .rulebook import Rulebook, Setup, Situation
from .state import PieceState

if TYPE_CHECKING:
    from .state import GameState
    from .views import SideView

Knowledge = Union["SideView", "GameState"]
_OVER = 1 << 30  # a path on which the game has ended: nothing after it happens


@dataclass(frozen=True, slots=True)
class ThresholdCrossing:
    """A track threshold a command may cross: certain (chance 1) or with its exact chance."""

    track: str
    track_name: str
    from_level: int
    to_level: int
    threshold: str
    description: str
    reaches: bool  # True: the track reaches the threshold; False: it leaves it
    chance: Fraction
    ends_game: bool = False

    def describe(self) -> str:
        """'Escalation 4 → 5: Open war — the militias gain a drone per attack (1 in 3)'."""
        what = self.threshold if self.reaches else f"leaves {self.threshold}"
        text = f"{self.track_name} {self.from_level} → {self.to_level}: {what}"
        if self.reaches and self.description:
            text += f" — {self.description}"
        if self.chance != 1:
            text += f" ({float(self.chance):.0%} chance)"
        return text


@dataclass(frozen=True, slots=True)
class Preview:
    """What a command will risk, shown before the player commits: the exact odds
    of each roll it makes, its fixed costs in plain words, and the thresholds it
    may cross."""

    title: str
    odds: tuple[tuple[str, Setup], ...]
    notes: tuple[str, ...]
    thresholds: tuple[ThresholdCrossing, ...] = ()


def preview_command(rules: Rulebook, view: Knowledge, command: Command, crossings: bool = True) -> Preview:
    """The preview of `command` for the side whose knowledge `view` holds: the
    odds and fixed costs from the command's own entry in `PREVIEWS`, then the
    exact chance of every threshold its steps may cross."""
    plan = PREVIEWS.get(type(command))
    made = plan(rules, view, command) if plan is not None else None
    if made is None:  # nothing rolls, or the view does not hold the pieces
        return Preview(command.describe(), (), ())
    title, odds, notes, steps = made
    found = _Crossings(rules, view).run(steps) if crossings and steps else ()
    return Preview(title, tuple(odds), tuple(notes), found)


# what a command shows: (title, odds, notes, the steps whose track moves may cross thresholds)
_Plan = tuple[str, list[tuple[str, Setup]], list[str], list[tuple]]


def _sortie(rules: Rulebook, st: Knowledge, command: FlySortie) -> _Plan | None:
    flight, target = st.pieces.get(command.flight), st.pieces.get(command.target)
    if flight is None or target is None:
        return None
    sit = Situation(flight, target, target.hex)
    odds = [("Air defence", rules.setup("air_defence", st, sit)), ("Strike", rules.setup("strike", st, sit)),
            ("Collateral harm", rules.setup("collateral_harm", st, sit))]  # fmt: skip
    notes: list[str] = []
    steps: list[tuple] = []
    auth = rules.scenario.rules.authorization
    if st.tracks["authorization"] < auth.per_sortie:
        notes.append(f"Beyond authorization: {', '.join(effect_words(rules, e) for e in auth.unauthorized)}")
        steps.append(("effects", auth.unauthorized, Situation()))
    else:
        notes.append(f"Uses {auth.per_sortie} authorization ({st.tracks['authorization']} left)")
        steps.append(("move", "authorization", -auth.per_sortie))
    steps.append(("roll", "air_defence", sit, _OVER))  # a flight turned back strikes nothing
    if st.strikes_today == 0:
        notes.extend("First strike today: " + effect_words(rules, e) for e in rules.scenario.rules.strike_day_effects)
        steps.append(("effects", rules.scenario.rules.strike_day_effects, sit))
    country = rules.scenario.map.countries[rules.country[target.hex]]
    notes.extend(f"Striking in {country.name}: " + effect_words(rules, e) for e in country.strike_effects)
    steps.append(("effects", country.strike_effects, sit))
    steps.extend(("roll", table, sit, 0) for table in ("strike", "collateral_harm", "damage_assessment"))
    return f"{rules.name_of(flight.id)} strikes {rules.name_of(target.id)}", odds, notes, steps


def _attack(rules: Rulebook, st: Knowledge, command: DroneAttack | RocketAttack | ResolveAttack) -> _Plan | None:
    if isinstance(command, ResolveAttack):
        attack = next((a for a in st.attacks if a.number == command.attack), None)
        if attack is None:
            return None
        team_id, target_id, kind, n = attack.team, attack.target, attack.kind, attack.count
    else:
        team_id, target_id = command.team, command.target
        kind = "drone" if isinstance(command, DroneAttack) else "rocket"
        n = command.drones if isinstance(command, DroneAttack) else 1
    team, target = st.pieces.get(team_id), st.pieces.get(target_id)
    if team is None or target is None:
        return None
    sit = Situation(team, target, target.hex)
    steps: list[tuple] = []
    if kind == "drone":
        title = f"{count(n, 'drone')} at {rules.name_of(target_id)}"
        odds = [("Each drone: interception", rules.setup("counter_drone", st, sit)),
                ("Each drone through: effect", rules.setup("drone_attack", st, sit))]  # fmt: skip
        for _ in range(n):  # a drone shot down skips its effect roll
            steps += [("roll", "counter_drone", sit, 1), ("roll", "drone_attack", sit, 0)]
    else:
        title = f"Rocket salvo at {rules.name_of(target_id)}"
        odds = [("Salvo effect", rules.setup("rocket_attack", st, sit))]
        steps.append(("roll", "rocket_attack", sit, 0))
    steps.append(("effects", rules.scenario.rules.attack_effects, sit))
    return title, odds, [], steps


def _search(rules: Rulebook, st: Knowledge, command: TaskIsr) -> _Plan | None:
    drone = st.pieces.get(command.drone)
    if drone is None:
        return None
    radius = rules.value(st, drone, "search_radius")
    odds = []
    # a stand-in made from the scenario's launch teams: the view has none until one is found
    spec = next((p for p in rules.scenario.pieces if rules.piece_types[p.type].kind == "launch_team"), None)
    if spec is not None:
        probe = PieceState(spec.id, spec.type, "launch_team", "red", command.hex, hidden=True)
        odds.append(
            (
                "A hidden launch team here",
                rules.setup("isr_detection", st, Situation(drone, probe, command.hex, command.hex)),
            )
        )
        # a team seen launching from a block the search reaches today: active and just fired
        if _launched_within(rules, st, command.hex, radius):
            fired = PieceState(spec.id, spec.type, "launch_team", "red", command.hex, hidden=True, active=True,
                               attacked_turn=st.turn)  # fmt: skip
            odds.append(("A team seen launching here today",
                         rules.setup("isr_detection", st, Situation(drone, fired, command.hex, command.hex))))  # fmt: skip
    notes = ["Each hidden piece within the radius is rolled for separately."]
    return f"{rules.name_of(drone.id)} searches {ccrr(command.hex)} (radius {radius})", odds, notes, []


def _launched_within(rules: Rulebook, st: Knowledge, centre, radius: int) -> bool:
    """Did a team launch today from a block of map that a search of `radius` around `centre` reaches?"""
    if rules.scenario.rules.active_teams is None:
        return False
    blocks = {launch_block(rules, a.origin) for a in st.attacks if a.resolved and a.origin is not None}
    return bool(blocks) and any(launch_block(rules, h) in blocks for h in hex_range(centre, radius))


def _card(rules: Rulebook, st: Knowledge, command: PlayCard) -> _Plan | None:
    card = rules.cards.get(command.card)
    if card is None:
        return None
    if command.use == EVENT:
        effects, title = card.effects, f"{card.name}: event"
    else:
        op = rules.operations.get(card.side, {}).get(command.use)
        if op is None:
            return None
        effects, title = op.effects, f"{card.name} for operations: {op.name}"
    sit = Situation()
    odds = [(rules.tables[e.roll].spec.title, rules.setup(e.roll, st, sit)) for e in effects if e.verb == "roll"]
    notes = [card.text] if command.use == EVENT else []
    notes += [effect_words(rules, e) for e in effects if e.verb in ("track", "vp", "stock")]
    return title, odds, notes, [("effects", effects, sit)]


PREVIEWS: dict[type, Callable[[Rulebook, Knowledge, Any], _Plan | None]] = {
    PlayCard: _card,
    FlySortie: _sortie,
    DroneAttack: _attack,
    RocketAttack: _attack,
    ResolveAttack: _attack,
    TaskIsr: _search,
}
# commands previewed with what they reveal as they are carried out (an attack's launcher)
REVEALED_NOW = frozenset({ResolveAttack})


class _Levels:
    """The tracks as they would stand part-way through a command, for the setups of later rolls;
    everything else a roll's modifiers may read (the day's stats, the pieces) as the view has it,
    since only the tracks are followed along the paths."""

    __slots__ = ("turn", "tracks", "_view")

    def __init__(self, view: Knowledge, tracks: dict[str, int]):
        self.turn, self.tracks, self._view = view.turn, tracks, view

    def __getattr__(self, name: str):
        return getattr(self._view, name)


class _Crossings:
    """The exact chance of each threshold crossing, over every way the command's
    rolls can come up. Paths that leave the tracks alike are merged, so the work
    grows with the number of distinct track levels, not of dice outcomes."""

    def __init__(self, rules: Rulebook, view: Knowledge):
        self.rules = rules
        self.view = view
        self.ids = tuple(rules.tracks)
        self.reached = frozenset(view.reached)
        self._setups: dict[tuple, Setup] = {}

    def run(self, steps: list[tuple]) -> tuple[ThresholdCrossing, ...]:
        start = tuple(self.view.tracks[t] for t in self.ids)
        dist: dict[tuple, Fraction] = {(start, frozenset(), 0): Fraction(1)}
        for i, step in enumerate(steps):
            nxt: dict[tuple, Fraction] = {}
            for (levels, crossed, resume), p in dist.items():
                if resume > i:
                    _add(nxt, (levels, crossed, resume), p)
                    continue
                for (lv, cr, over), q, skip in self._step(step, levels, crossed):
                    after = _OVER if over else (i + 1 + skip if skip else 0)
                    _add(nxt, (lv, cr, after), p * q)
            dist = nxt
        total: dict[tuple, Fraction] = {}
        best: dict[tuple, tuple[Fraction, tuple]] = {}
        for (_, crossed, _), p in dist.items():
            for c in crossed:
                key = c[:3]
                total[key] = total.get(key, Fraction(0)) + p
                if key not in best or p > best[key][0]:
                    best[key] = (p, c)
        out = []
        for key, p in total.items():
            tid, i, reaches = key
            _, (_, _, _, old, new) = best[key]
            spec = self.rules.tracks[tid]
            th = spec.thresholds[i]
            out.append(ThresholdCrossing(tid, spec.name, old, new, th.name, th.description, reaches, p,
                                         reaches and th.ends_game is not None))  # fmt: skip
        out.sort(key=lambda c: (-c.chance, self.ids.index(c.track), c.to_level))
        return tuple(out)

    def _step(self, step: tuple, levels: tuple, crossed: frozenset):
        """Each way the step can go: ((levels, crossed, game over), chance, steps to skip)."""
        if step[0] == "move":
            for state, q in self._move((levels, crossed, False), step[1], step[2]):
                yield state, q, 0
        elif step[0] == "effects":
            for state, q in self._effects([((levels, crossed, False), Fraction(1))], step[1], step[2]):
                yield state, q, 0
        else:
            _, table, sit, skip = step
            for o in Chance.outcomes(self._setup(table, levels, sit)):
                stops = skip and any(e.verb == "attack" for e in o.row.effects)
                for state, q in self._effects([((levels, crossed, False), o.chance)], o.row.effects, sit):
                    yield state, q, skip if stops else 0

    def _effects(self, states: list, effects, sit: Situation) -> list:
        for e in effects:
            if e.verb == "track":
                states = [(s2, q * q2) for s, q in states
                          for s2, q2 in ([(s, Fraction(1))] if s[2] else self._move(s, e.track, e.change))]  # fmt: skip
            elif e.verb == "roll":
                nxt = []
                for s, q in states:
                    if s[2]:
                        nxt.append((s, q))
                        continue
                    for o in Chance.outcomes(self._setup(e.roll, s[0], sit)):
                        nxt.extend(self._effects([(s, q * o.chance)], o.row.effects, sit))
                states = nxt
        return states

    def _move(self, state: tuple, tid: str, change: int) -> list:
        """Move a track on one path: the paths that follow (a threshold's effects may roll)."""
        levels, crossed, over = state
        rules = self.rules
        spec = rules.tracks[tid]
        k = self.ids.index(tid)
        old = levels[k]
        new = max(spec.min, min(spec.max, old + change))
        if new == old:
            return [(state, Fraction(1))]
        levels = levels[:k] + (new,) + levels[k + 1 :]
        states = [((levels, crossed, over), Fraction(1))]
        for i, th in rules.thresholds_of.get(tid, ()):
            was, now = rules.in_force(th, old), rules.in_force(th, new)
            if was == now:
                continue
            nxt = []
            for (lv, cr, ov), q in states:
                if ov:  # the game ended at an earlier threshold of this move
                    nxt.append(((lv, cr, ov), q))
                    continue
                done = (tid, i) in self.reached or any(c[:3] == (tid, i, True) for c in cr)
                s = (lv, cr | {(tid, i, now, old, new)}, ov)
                after = self._effects([(s, q)], th.on_reach, Situation()) if now and not done else [(s, q)]
                if now and th.ends_game is not None:
                    after = [((a, b, True), r) for (a, b, _), r in after]
                nxt.extend(after)
            states = nxt
        return states

    def _setup(self, table: str, levels: tuple, sit: Situation) -> Setup:
        key = (table, levels, id(sit))
        got = self._setups.get(key)
        if got is None:
            got = self._setups[key] = self.rules.setup(table, _Levels(self.view, dict(zip(self.ids, levels))), sit)
        return got


def _add(dist: dict, key: tuple, p: Fraction) -> None:
    dist[key] = dist.get(key, Fraction(0)) + p

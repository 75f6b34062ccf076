"""The turn engine: a game is a rulebook, a state, one seeded generator, and a log.

`Game.apply(command)` checks the command against the rules, changes the state,
rolls what must be rolled (each die from the game's one generator, each roll
recorded in its event) and runs the automatic phases that follow, stopping at
the next phase where a side must decide. Nothing here draws, reads the clock
or rolls a die of its own; a game can be played start to finish by commands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .. import hexgrid, words
from ..hexgrid import ccrr
from ..scenario.load import LoadedScenario
from ..scenario.model import Effect, ObjectiveCondition
from .commands import (
    Command,
    DroneAttack,
    EndPhase,
    FlySortie,
    MoveTeam,
    ResolveAttack,
    RocketAttack,
    TaskIsr,
)
from ..dice import DiceSource, SeededDice
from ..grammar import describe_range
from ..kinds import AIRCRAFT, OTHER, SIDE_NAMES, TEAMS
from .events import ALL, Event, Roll, for_side
from .rulebook import Rulebook, Setup, Situation
from .state import NEVER, Attack, GameResult, GameState, PieceState

PHASE_SIDE = {"red_operations": "red", "blue_reaction": "blue", "blue_isr": "blue", "blue_air": "blue"}


class IllegalCommand(Exception):
    """The rules do not allow this command now; the state is unchanged."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


@dataclass(slots=True)
class Step:
    """One entry of the game's history: a command (None for the game's start) and
    the dice it rolled as (sides, face) pairs. The state hashes of the saved
    record are computed when it is written, by replaying these steps (record.py),
    so live play and AI search never pay for hashing."""

    command: Command | None
    faces: list[tuple[int, int]]


@dataclass(slots=True)
class _Outcome:
    """What a table's effects told the procedure that rolled it."""

    stop: bool = False
    assessment: str | None = None
    rows: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Preview:
    """What a command will risk, shown before the player commits: the exact odds
    of each roll it makes, and its fixed costs in plain words."""

    title: str
    odds: tuple[tuple[str, Setup], ...]
    notes: tuple[str, ...]


class Game:
    """One game in play. Build it with a Rulebook (or a loaded scenario) and a seed."""

    def __init__(self, rules: Rulebook | LoadedScenario, seed: int, dice: DiceSource | None = None,
                 observer: Callable[[int], None] | None = None):  # fmt: skip
        self.rules = rules if isinstance(rules, Rulebook) else Rulebook(rules)
        self.seed = seed
        self.dice: DiceSource = dice if dice is not None else SeededDice(seed)
        self.state: GameState = self.rules.new_state()
        self.log: list[Event] = []
        self.history: list[Step] = []
        self._events: list[Event] = []
        self._faces: list[tuple[int, int]] = []
        self._cause: str | None = None
        self._undo: list[tuple[GameState, int, Step]] = []
        # Called with an event's index in the log just before the event is emitted, so a
        # replay can take the state as it stood between two events (a roll and its damage);
        # given here, it also sees the events of the game's start.
        self.observer: Callable[[int], None] | None = observer
        self.state.phase = -1
        self._advance()
        self._finish_step(None)

    # --- asking ------------------------------------------------------------------

    @property
    def phase(self) -> str:
        return self.rules.sequence[self.state.phase]

    @property
    def phase_title(self) -> str:
        return self.rules.phase_titles[self.state.phase]

    @property
    def side_to_move(self) -> str | None:
        """The side that must decide now, or None when the game is over."""
        if self.state.result is not None:
            return None
        return PHASE_SIDE.get(self.phase)

    @property
    def over(self) -> bool:
        return self.state.result is not None

    def digest(self) -> str:
        return self.state.digest()

    def legal_commands(self, side: str | None = None) -> list[Command]:
        """Exactly the commands the rules allow now (for `side`, if given)."""
        st = self.state
        mover = self.side_to_move
        if mover is None or (side is not None and side != mover):
            return []
        kind = self.phase
        out: list[Command] = []
        rules = self.rules
        if kind == "red_operations":
            red_stock = st.stocks.get("red", {})
            drones = red_stock.get(rules.scenario.rules.drone_stock, 0)
            rockets = red_stock.get(rules.scenario.rules.rocket_stock, 0)
            for p in st.pieces.values():
                if p.kind not in TEAMS or p.destroyed or p.suppressed_turn == st.turn:
                    continue
                if p.moved_turn != st.turn:
                    out.extend(self._moves(p))
                if p.attacked_turn != st.turn:
                    reach = rules.value(st, p, "range")
                    if p.kind == "launch_team":
                        most = min(rules.value(st, p, "drones_per_attack"), drones)
                        for target in rules.sites_in_range(p.hex, reach, st.pieces):
                            if not st.pieces[target].destroyed:
                                out.extend(self._cached(("drones", p.id, target, most),
                                                        lambda: (DroneAttack(p.id, target, n) for n in range(1, most + 1))))  # fmt: skip
                    elif rockets > 0:
                        for target in rules.sites_in_range(p.hex, reach, st.pieces):
                            if not st.pieces[target].destroyed:
                                out.append(RocketAttack(p.id, target))
        elif kind == "blue_reaction":
            out.extend(ResolveAttack(a.number) for a in st.attacks if not a.resolved)
        elif kind == "blue_isr":
            for p in st.pieces.values():
                if p.kind == "isr_drone" and self._can_fly(p):
                    out.extend(self._isr_tasks(p))
        elif kind == "blue_air":
            for f in st.pieces.values():
                if f.kind == "strike_flight" and self._can_fly(f):
                    in_range = rules.area_set(f.hex, rules.value(st, f, "range"))
                    enemy = OTHER[f.side]
                    out.extend(FlySortie(f.id, t.id) for t in st.pieces.values()
                               if t.side == enemy and not t.hidden and not t.seen_destroyed and t.hex in in_range)  # fmt: skip
        out.append(EndPhase())
        return out

    def _moves(self, p: PieceState) -> tuple[MoveTeam, ...]:
        points = self.rules.value(self.state, p, "move")
        return self._cached(("move", p.id, p.hex, points),
                            lambda: (MoveTeam(p.id, h) for h in self.rules.reachable(p.hex, points, p.side)))  # fmt: skip

    def _isr_tasks(self, p: PieceState) -> tuple[TaskIsr, ...]:
        reach = self.rules.value(self.state, p, "range")
        return self._cached(("isr", p.id, p.hex, reach), lambda: (TaskIsr(p.id, h) for h in self.rules.area(p.hex, reach)))

    def _cached(self, key: tuple, make) -> tuple:
        """Commands that depend only on the scenario and a piece's place (a team's moves
        from a hex, a drone's searches), made once and shared by every game on the rulebook."""
        cache = self.rules.command_cache
        got = cache.get(key)
        if got is None:
            got = cache[key] = tuple(make())
        return got

    def _can_fly(self, p: PieceState) -> bool:
        base = self.rules.piece_specs[p.id].base
        if base is not None and self.state.pieces[base].destroyed:
            return False
        if p.suppressed_turn == self.state.turn:
            return False  # grounded by an `attacker: suppress` effect
        return p.sorties_used < self.rules.value(self.state, p, "sorties")

    def why_illegal(self, command: Command) -> str | None:
        """Why the rules refuse this command now, or None if they allow it."""
        st = self.state
        rules = self.rules
        if st.result is not None:
            return "the game is over"
        kind = self.phase
        if isinstance(command, EndPhase):
            return None
        wants = {
            MoveTeam: "red_operations",
            DroneAttack: "red_operations",
            RocketAttack: "red_operations",
            ResolveAttack: "blue_reaction",
            TaskIsr: "blue_isr",
            FlySortie: "blue_air",
        }.get(type(command))
        if wants is None:
            return f"unknown command {command!r}"
        if wants != kind:
            return f"{command.name} is not allowed in the {self.phase_title}"
        if isinstance(command, (MoveTeam, DroneAttack, RocketAttack)):
            team = st.pieces.get(command.team)
            if team is None or team.kind not in TEAMS:
                return f"{command.team!r} is not a launch or rocket team"
            name = rules.name_of(team.id)
            if team.destroyed:
                return f"{name} has been destroyed"
            if team.suppressed_turn == st.turn:
                return f"{name} is pinned down today"
            if isinstance(command, MoveTeam):
                if team.moved_turn == st.turn:
                    return f"{name} has already moved today"
                if command.to not in rules.reachable(team.hex, rules.value(st, team, "move"), team.side):
                    return f"{name} cannot reach {_name(command.to)} today"
                return None
            if team.attacked_turn == st.turn:
                return f"{name} has already attacked today"
            target = st.pieces.get(command.target)
            if target is None or command.target not in rules.sites:
                return f"{command.target!r} is not a US site that can be attacked"
            if target.destroyed:
                return f"{rules.name_of(target.id)} is already destroyed"
            if hexgrid.distance(team.hex, target.hex) > rules.value(st, team, "range"):
                return f"{rules.name_of(target.id)} is out of {name}'s range"
            stock = st.stocks["red"]
            if isinstance(command, DroneAttack):
                if team.kind != "launch_team":
                    return f"{name} launches rockets, not drones"
                most = min(rules.value(st, team, "drones_per_attack"), stock.get(rules.scenario.rules.drone_stock, 0))
                if not 1 <= command.drones <= most:
                    return f"{name} can launch 1 to {most} drones now" if most else "no drones left in stock"
                return None
            if team.kind != "rocket_team":
                return f"{name} launches drones, not rockets"
            if stock.get(rules.scenario.rules.rocket_stock, 0) < 1:
                return "no rockets left in stock"
            return None
        if isinstance(command, ResolveAttack):
            if not any(a.number == command.attack and not a.resolved for a in st.attacks):
                return f"there is no unresolved attack {command.attack}"
            return None
        if isinstance(command, TaskIsr):
            drone = st.pieces.get(command.drone)
            if drone is None or drone.kind != "isr_drone":
                return f"{command.drone!r} is not an ISR drone"
            if not self._can_fly(drone):
                return f"{rules.name_of(drone.id)} has flown all its sorties today"
            if not rules.on_map(command.hex):
                return "that hex is off the map"
            if hexgrid.distance(drone.hex, command.hex) > rules.value(st, drone, "range"):
                return f"{_name(command.hex)} is out of {rules.name_of(drone.id)}'s range"
            return None
        if isinstance(command, FlySortie):
            flight = st.pieces.get(command.flight)
            if flight is None or flight.kind != "strike_flight":
                return f"{command.flight!r} is not a strike flight"
            if not self._can_fly(flight):
                return f"{rules.name_of(flight.id)} has flown all its sorties today"
            target = st.pieces.get(command.target)
            if target is None or target.side != OTHER[flight.side] or target.hidden:
                return "that target is not known to Blue"
            if target.seen_destroyed:
                return f"{rules.name_of(target.id)} is already destroyed"
            if hexgrid.distance(flight.hex, target.hex) > rules.value(st, flight, "range"):
                return f"{rules.name_of(target.id)} is out of {rules.name_of(flight.id)}'s range"
            return None
        return f"unknown command {command!r}"

    # --- doing ---------------------------------------------------------------------

    def apply(self, command: Command) -> list[Event]:
        """Carry out a command; raise IllegalCommand (changing nothing) if the rules refuse it."""
        reason = self.why_illegal(command)
        if reason is not None:
            raise IllegalCommand(reason)
        undoable = isinstance(command, (MoveTeam, DroneAttack, RocketAttack))
        before = (self.state.clone(), len(self.log)) if undoable else None
        self._events = []
        self._faces = []
        self._cause = self.side_to_move
        if isinstance(command, EndPhase):
            self._end_phase()
        elif isinstance(command, MoveTeam):
            self._move(command)
        elif isinstance(command, DroneAttack):
            self._declare(command.team, command.target, "drone", command.drones)
        elif isinstance(command, RocketAttack):
            self._declare(command.team, command.target, "rocket", 0)
        elif isinstance(command, ResolveAttack):
            self._resolve(next(a for a in self.state.attacks if a.number == command.attack))
        elif isinstance(command, TaskIsr):
            self._isr(command)
        elif isinstance(command, FlySortie):
            self._sortie(command)
        events = self._events
        step = self._finish_step(command)
        if before is not None and not self._faces:
            self._undo.append((before[0], before[1], step))
        else:
            self._undo.clear()
        return events

    def can_undo(self) -> bool:
        """Undo reaches back only to the last roll or phase change, never past a die."""
        return bool(self._undo)

    def undo(self) -> Command:
        if not self._undo:
            raise IllegalCommand("nothing to undo since the last roll")
        state, log_len, step = self._undo.pop()
        self.state = state
        del self.log[log_len:]
        self.history.pop()
        assert step.command is not None
        return step.command

    def _finish_step(self, command: Command | None) -> Step:
        self.log.extend(self._events)
        step = Step(command, self._faces)
        self.history.append(step)
        return step

    def _emit(self, kind: str, text: str, visible: str = ALL, other: str | None = None,
              roll: Roll | None = None, pieces: tuple[str, ...] = (), where: hexgrid.Hex | None = None) -> Event:  # fmt: skip
        if self.observer is not None:
            self.observer(len(self.log) + len(self._events))
        phase = self.phase if self.state.phase >= 0 else ""
        e = Event(self.state.turn, phase, kind, text, visible, other, roll, pieces, where)
        self._events.append(e)
        return e

    def _die(self, sides: int) -> int:
        face = self.dice.die(sides)
        self._faces.append((sides, face))
        return face

    # --- views -----------------------------------------------------------------------

    def view(self, side: str | None) -> GameState:
        """A copy of the state holding only what `side` may know (None: everything).

        The other side's hidden pieces are left out; of its pieces `side` knows
        only what it last learned (a strike whose results were unclear), not
        when they moved or attacked; its stocks and its undisclosed attacks are
        left out, and so are the points `side` cannot yet know were scored."""
        v = self.state.clone()
        if side is None:
            return v
        other = OTHER[side]
        for pid in [pid for pid, p in v.pieces.items() if p.side == other and p.hidden]:
            del v.pieces[pid]
        unconfirmed = set()
        for p in v.pieces.values():
            if p.side == other:
                if not p.assessed:
                    unconfirmed.add(p.id)
                p.damaged, p.destroyed = p.seen_damaged, p.seen_destroyed
                p.moved_turn = p.attacked_turn = NEVER
                p.suppressed_turn = NEVER
        v.stocks = {s: stock for s, stock in v.stocks.items() if s != other}
        attacker = "red"  # attacks are declared by Red and revealed to Blue as they are resolved
        if side != attacker:
            v.attacks = [a for a in v.attacks if a.resolved]
            v.attacks_this_turn = len(v.attacks)
        v.vp_log = [e for e in v.vp_log if e[3] not in unconfirmed]
        v.vp = {"blue": 0, "red": 0}
        for s, pts, _, _ in v.vp_log:
            v.vp[s] += pts
        v.stats["targets_destroyed"] = sum(1 for p in v.pieces.values() if p.side == other and p.destroyed)
        if side == "blue":
            v.stats.pop("militia_casualties", None)  # the militias do not publish their dead
        return v

    def events_for(self, side: str | None) -> list[Event]:
        return for_side(self.log, side)

    # --- odds ----------------------------------------------------------------------------

    def odds(self, table_id: str, situation: Situation) -> Setup:
        """The setup (column, modifiers) of a roll and, through `.odds()`, its exact odds."""
        return self.rules.setup(table_id, self.state, situation)

    def preview(self, command: Command) -> Preview:
        """The odds of every roll a command will make, for the player to see first.
        Worked out on the mover's view, so Blue's odds never reveal what Blue has
        not seen (a target's unconfirmed damage, say)."""
        st = self.view(self.side_to_move)
        rules = self.rules
        odds: list[tuple[str, Setup]] = []
        notes: list[str] = []
        if isinstance(command, FlySortie):
            flight, target = st.pieces[command.flight], st.pieces[command.target]
            sit = Situation(flight, target, target.hex)
            title = f"{rules.name_of(flight.id)} strikes {rules.name_of(target.id)}"
            odds.append(("Air defence", rules.setup("air_defence", st, sit)))
            odds.append(("Strike", rules.setup("strike", st, sit)))
            odds.append(("Collateral harm", rules.setup("collateral_harm", st, sit)))
            auth = rules.scenario.rules.authorization
            if st.tracks["authorization"] < auth.per_sortie:
                costs = ", ".join(_effect_text(rules, e) for e in auth.unauthorized)
                notes.append(f"Beyond authorization: {costs}")
            else:
                notes.append(f"Uses {auth.per_sortie} authorization ({st.tracks['authorization']} left)")
            if st.strikes_today == 0:
                for e in rules.scenario.rules.strike_day_effects:
                    notes.append("First strike today: " + _effect_text(rules, e))
            country = rules.scenario.map.countries[rules.country[target.hex]]
            for e in country.strike_effects:
                notes.append(f"Striking in {country.name}: " + _effect_text(rules, e))
            return Preview(title, tuple(odds), tuple(notes))
        if isinstance(command, (DroneAttack, RocketAttack, ResolveAttack)):
            if isinstance(command, ResolveAttack):
                st = self.state  # the attack is being revealed to Blue now: its target, count and launcher's modifiers
                attack = next(a for a in st.attacks if a.number == command.attack)
                team_id, target_id, kind, count = attack.team, attack.target, attack.kind, attack.count
            else:
                team_id, target_id = command.team, command.target
                kind = "drone" if isinstance(command, DroneAttack) else "rocket"
                count = command.drones if isinstance(command, DroneAttack) else 1
            team, target = st.pieces[team_id], st.pieces[target_id]
            sit = Situation(team, target, target.hex)
            if kind == "drone":
                title = f"{words.count(count, 'drone')} at {rules.name_of(target_id)}"
                odds.append(("Each drone: interception", rules.setup("counter_drone", st, sit)))
                odds.append(("Each drone through: effect", rules.setup("drone_attack", st, sit)))
            else:
                title = f"Rocket salvo at {rules.name_of(target_id)}"
                odds.append(("Salvo effect", rules.setup("rocket_attack", st, sit)))
            return Preview(title, tuple(odds), tuple(notes))
        if isinstance(command, TaskIsr):
            drone = st.pieces[command.drone]
            radius = rules.value(st, drone, "search_radius")
            # a stand-in made from the scenario's launch teams: the view has none until one is found
            spec = next((p for p in rules.scenario.pieces if rules.piece_types[p.type].kind == "launch_team"), None)
            title = f"{rules.name_of(drone.id)} searches {_name(command.hex)} (radius {radius})"
            if spec is not None:
                probe = PieceState(spec.id, spec.type, "launch_team", "red", command.hex, hidden=True)
                sit = Situation(drone, probe, command.hex, command.hex)
                odds.append(("A hidden launch team here", rules.setup("isr_detection", st, sit)))
            notes.append("Each hidden piece within the radius is rolled for separately.")
            return Preview(title, tuple(odds), tuple(notes))
        return Preview(command.describe(), (), ())

    # --- rolling -------------------------------------------------------------------------

    def _roll(self, table_id: str, sit: Situation, label: str, visible: str = ALL,
              other=None, pieces: tuple[str, ...] = ()) -> tuple[Roll, _Outcome]:  # fmt: skip
        """Roll a table, log the roll, apply its effects; the same setup as the odds."""
        setup = self.rules.setup(table_id, self.state, sit)
        table = setup.table
        faces = tuple(self._die(s) for s in table.dice.dice)
        natural = table.dice.total(list(faces))
        total = natural + setup.modifier
        row = table.row_at(setup.column, total)
        roll = Roll(
            table_id, table.spec.title, table.dice.text, faces, natural, setup.modifiers,
            setup.column_name, setup.shifts, total, row.result, row.text, self._needed(setup, row),
        )  # fmt: skip
        other_text = other(roll) if callable(other) else other  # what the other side reads, if anything
        self._emit("roll", f"{label}: {row.text} ({describe_roll(roll)})", visible, other_text, roll, pieces)
        out = _Outcome()
        # the roll's consequences are public unless the roll itself is secret from both readers' view
        self._effects(row.effects, sit, out, f"{table.spec.title}: {row.text}", ALL if other_text else visible)
        return roll, out

    def _needed(self, setup: Setup, row) -> str:
        rows = setup.table.rows[setup.column]
        if len(rows) == 2:
            goal = next((r for r in reversed(rows) if r.effects), rows[-1])
            return f"{self.rules.needed(setup, goal.result)} for {goal.text}"
        spans = setup.odds()
        for r, nat in zip(spans.rows, spans.natural):
            if r is row and nat[0] is not None:
                return f"{describe_range(*nat)} gives {row.text}"
        return ""

    def _effects(self, effects: list[Effect], sit: Situation, out: _Outcome, reason: str, visible: str = ALL) -> None:
        st = self.state
        rules = self.rules
        for e in effects:
            if st.result is not None:
                return
            verb = e.verb
            if verb == "track":
                self._move_track(e.track, e.change, reason, visible)
            elif verb == "vp":
                self._award(e.vp, e.points, e.reason or reason, visible=visible)
            elif verb == "stock":
                self._stock(e.side, e.stock, e.change, reason)
            elif verb == "target" and sit.target is not None:
                self._hit(sit.target, e.target, visible)
            elif verb == "attacker" and sit.attacker is not None:
                a = sit.attacker
                if e.attacker == "damage":
                    a.damaged = True
                    self._emit("damage", f"{rules.name_of(a.id)} is damaged", visible, pieces=(a.id,))
                else:
                    a.suppressed_turn = st.turn + 1
                    self._emit("suppress", f"{rules.name_of(a.id)} is pinned down until tomorrow", visible, pieces=(a.id,))
            elif verb == "attack":
                out.stop = True
            elif verb == "casualties" and sit.target is not None:
                # no more casualties than the site has personnel left
                left = rules.value(st, sit.target, "personnel") - sit.target.casualties
                n = min(e.casualties, max(0, left))
                if n:
                    sit.target.casualties += n
                    st.stats["us_casualties"] += n
                    st.pending_authorization += rules.scenario.rules.authorization.per_casualty * n
                    noun = "casualty" if n == 1 else "casualties"
                    self._emit("casualties", f"{n} US {noun} at {rules.name_of(sit.target.id)}", visible, where=sit.hex)
            elif verb == "militia_casualties":
                st.stats["militia_casualties"] += e.militia_casualties
                noun = "fighter" if e.militia_casualties == 1 else "fighters"
                self._emit("casualties", f"{e.militia_casualties} militia {noun} killed", visible, where=sit.hex)
            elif verb == "civilian_casualties":
                st.stats["civilian_casualties"] += e.civilian_casualties
                where = f" at {_name(sit.hex)}" if sit.hex is not None else ""
                self._emit("civilians", f"Civilian casualties reported{where}", visible)
            elif verb == "roll":
                title = rules.tables[e.roll].spec.title
                self._roll(e.roll, sit, title, visible)
            elif verb == "assessment":
                out.assessment = e.assessment

    def _hit(self, target: PieceState, what: str, visible: str) -> None:
        st = self.state
        rules = self.rules
        name = rules.name_of(target.id)
        if what == "detect":
            self._detect(target)
        elif what == "suppress":
            target.suppressed_turn = st.turn + 1
            self._emit("suppress", f"{name} is pinned down until tomorrow", visible, pieces=(target.id,))
        elif target.destroyed:
            return
        elif what == "damage":
            if not target.damaged:
                target.damaged = True
                self._emit("damage", f"{name} is damaged", visible, pieces=(target.id,))
        elif what == "destroy":
            target.destroyed = True
            target.damaged = True
            st.stats["targets_destroyed"] += 1
            self._emit("destroyed", f"{name} is destroyed", visible, pieces=(target.id,))
            pt = rules.piece_types[target.type]
            if pt.vp:
                self._award(OTHER[target.side], pt.vp, "Targets destroyed", piece=target.id, visible=visible)

    def _detect(self, target: PieceState) -> None:
        st = self.state
        was_hidden = target.hidden
        target.hidden = False
        target.detected_turn = st.turn
        target.seen_damaged, target.seen_destroyed = target.damaged, target.destroyed
        target.unconfirmed = False
        rules = self.rules
        if was_hidden:
            label = rules.piece_types[target.type].name.lower()
            self._emit(
                "detect",
                f"Detected: {rules.name_of(target.id)} ({label}) at {_name(target.hex)}",
                pieces=(target.id,),
                where=target.hex,
            )

    # --- tracks, points, stocks -------------------------------------------------------------

    def _move_track(self, tid: str, change: int, reason: str, visible: str = ALL) -> None:
        st = self.state
        spec = self.rules.tracks[tid]
        old = st.tracks[tid]
        new = max(spec.min, min(spec.max, old + change))
        if new == old:
            return
        st.tracks[tid] = new
        other = f"{spec.name} {old} → {new}" if visible != ALL else None
        self._emit("track", f"{spec.name} {old} → {new} ({reason})", visible, other)
        for track_id, i, th in self.rules.thresholds:
            if track_id != tid:
                continue
            was, now = self.rules.in_force(th, old), self.rules.in_force(th, new)
            if now and not was:
                self._emit("threshold", f"{spec.name} reaches {th.at}: {th.name}. {th.description}".strip())
                if (tid, i) not in st.reached:
                    st.reached.add((tid, i))
                    self._effects(th.on_reach, Situation(), _Outcome(), f"{spec.name}: {th.name}")
                if th.ends_game is not None and st.result is None:
                    self._end_game(th.ends_game.result, th.ends_game.text)
            elif was and not now:
                self._emit("threshold", f"{spec.name} leaves {th.name}")

    def _award(self, side: str, points: int, reason: str, piece: str = "", visible: str = ALL) -> None:
        st = self.state
        st.vp[side] += points
        st.vp_log.append((side, points, reason, piece))
        label = SIDE_NAMES[side]
        self._emit("vp", f"{label} {points:+d} VP: {reason}", visible)
        for auto in self.rules.scenario.victory.automatic:
            if auto.side == side and st.vp[side] >= auto.at_least and st.result is None:
                self._end_game(side, auto.text)

    def _stock(self, side: str, stock: str, change: int, reason: str) -> None:
        st = self.state
        have = st.stocks[side].get(stock, 0)
        cap = self.rules.sides[side].stock_max.get(stock)
        new = max(0, have + change)
        if cap is not None:
            new = min(cap, new)
        st.stocks[side][stock] = new
        if new != have:
            self._emit("stock", f"{_side(side)} {stock} {have} → {new} ({reason})", side)

    def _end_game(self, result: str, text: str) -> None:
        st = self.state
        if result == "responsible_side_loses":
            winner = OTHER.get(self._cause) if self._cause else None
            if self._cause is None:
                text += " No side's action caused it, so neither side wins."
            else:
                text += f" {_side(self._cause)}'s action caused it."
        elif result == "draw":
            winner = None
        else:
            winner = result
        st.result = GameResult(winner, text, dict(st.vp))
        self._emit("game_over", "Game over. " + st.result.summary())

    # --- the sequence of play -------------------------------------------------------------

    def _end_phase(self) -> None:
        if self.phase == "blue_reaction":
            for attack in self.state.attacks:
                if not attack.resolved and self.state.result is None:
                    self._resolve(attack)
        if self.state.result is None:
            self._advance()

    def _advance(self) -> None:
        """Go to the next phase, running automatic phases, until a side must decide."""
        st = self.state
        rules = self.rules
        while st.result is None:
            st.phase += 1
            if st.phase >= len(rules.sequence):
                st.phase = len(rules.sequence) - 1  # the turn ends within its last phase
                self._end_turn()
                if st.result is not None:
                    return
                st.phase = 0
            kind = rules.sequence[st.phase]
            self._cause = PHASE_SIDE.get(kind)
            self._emit("phase", f"Turn {st.turn}, {self.phase_title}")
            if kind == "strategic":
                self._strategic()
            elif kind == "political":
                self._political()
            elif kind == "blue_reaction" and not any(not a.resolved for a in st.attacks):
                self._emit("phase", "No attacks to react to.")
            else:
                return

    def _end_turn(self) -> None:
        st = self.state
        if st.turn >= self.rules.scenario.turns.count:
            self._final_scoring()
            return
        st.turn += 1
        st.attacks_last_turn = st.attacks_this_turn
        st.attacks_this_turn = 0
        st.strikes_today = 0
        st.attacks = []

    def _strategic(self) -> None:
        st = self.state
        rules = self.rules
        self._cause = None
        for p in st.pieces.values():
            if p.kind in AIRCRAFT:
                p.sorties_used = 0
                p.aim = None
                p.damaged = False  # aircraft are repaired overnight
        # resupply through the depots and the crossings
        supply = rules.scenario.rules.supply
        gained = 0
        sources = []
        depots = [p for p in st.pieces.values() if p.kind == "depot" and not p.destroyed]
        for d in depots:
            n = rules.value(st, d, "resupply")
            if n:
                gained += n
                sources.append(f"{rules.name_of(d.id)} {n}")
        for pid in supply.crossings:
            h = hexgrid.parse_ccrr(rules.places[pid].hex)
            if supply.per_crossing and any(hexgrid.distance(h, d.hex) <= supply.crossing_needs_depot_within for d in depots):
                gained += supply.per_crossing
                sources.append(f"{rules.places[pid].name} {supply.per_crossing}")
        bonus = rules.adjustment(st, "resupply")
        if bonus and gained:
            gained += bonus
            sources.append(f"escalation {bonus:+d}")
        if gained:
            self._stock("red", supply.stock, gained, "resupply: " + ", ".join(sources))
        else:
            self._emit("stock", "No resupply reaches the militias", "red")
        # Iran's reaction
        self._roll("iran_reaction", Situation(), "Iran's reaction")
        if st.result is not None:
            return
        # authorization
        auth = rules.scenario.rules.authorization
        if st.pending_authorization:
            self._move_track("authorization", st.pending_authorization, "militia attacks on US sites")
        elif st.turn > 1 and st.attacks_last_turn == 0 and auth.decay_without_attacks:
            self._move_track("authorization", -auth.decay_without_attacks, "no attacks to answer")
        st.pending_authorization = 0

    def _political(self) -> None:
        st = self.state
        self._cause = None
        if st.attacks_this_turn == 0:
            st.stats["quiet_turns"] += 1
            self._emit("quiet", "A quiet day: no militia attacks.")
            self._effects(self.rules.scenario.rules.quiet_turn_effects, Situation(), _Outcome(), "a quiet day")

    def _final_scoring(self) -> None:
        st = self.state
        v = self.rules.scenario.victory
        self._emit("phase", "The last turn is over: final scoring")
        for obj in v.objectives:
            if st.result is not None:
                return
            if self._holds(obj.when):
                self._award(obj.side, obj.points, f"Objective: {obj.name}")
        if st.result is not None:
            return
        diff = st.vp["blue"] - st.vp["red"]
        if diff >= v.margin and diff > 0:
            self._end_game("blue", f"Blue leads by {diff} VP (needs {v.margin})")
        elif -diff >= v.margin and diff < 0:
            self._end_game("red", f"Red leads by {-diff} VP (needs {v.margin})")
        else:
            self._end_game("draw", f"neither side leads by {v.margin} VP or more")

    def _holds(self, cond: ObjectiveCondition) -> bool:
        st = self.state
        pieces = st.pieces
        if cond.pieces_destroyed is not None:
            n = sum(1 for pid in cond.pieces_destroyed.pieces if pieces[pid].destroyed)
            if n < cond.pieces_destroyed.at_least:
                return False
        if cond.pieces_undamaged is not None and any(pieces[p].damaged or pieces[p].destroyed for p in cond.pieces_undamaged):
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

    # --- Red operations -----------------------------------------------------------------

    def _move(self, c: MoveTeam) -> None:
        st = self.state
        team = st.pieces[c.team]
        name = self.rules.name_of(team.id)
        was_seen = not team.hidden
        origin = team.hex
        team.hex = c.to
        team.moved_turn = st.turn
        self._emit("move", f"{name} moves {_name(origin)} → {_name(c.to)}", team.side, pieces=(team.id,))
        if was_seen and self.rules.scenario.rules.detected_teams_hide_on_move:
            team.hidden = True
            kind = self.rules.piece_types[team.type].name.lower()
            self._emit("lost", f"Contact lost with the {kind} at {_name(origin)}", OTHER[team.side], pieces=(team.id,), where=origin)

    def _declare(self, team_id: str, target_id: str, kind: str, drones: int) -> None:
        st = self.state
        rules = self.rules
        team = st.pieces[team_id]
        team.attacked_turn = st.turn
        if kind == "drone":
            stock, count = rules.scenario.rules.drone_stock, drones
        else:
            stock = rules.scenario.rules.rocket_stock
            count = min(rules.value(st, team, "rockets_per_attack"), st.stocks["red"].get(stock, 0))
        st.stocks["red"][stock] -= count
        st.attacks_this_turn += 1
        number = len(st.attacks) + 1
        st.attacks.append(Attack(number, kind, team_id, target_id, count))
        what = words.count(count, "drone") if kind == "drone" else f"a salvo of {words.count(count, 'rocket')}"
        self._emit(
            "declare", f"{rules.name_of(team_id)} launches {what} at {rules.name_of(target_id)}", "red", pieces=(team_id,)
        )

    # --- Blue reaction ---------------------------------------------------------------------

    def _resolve(self, attack: Attack) -> None:
        st = self.state
        rules = self.rules
        cause, self._cause = self._cause, "red"  # the consequences of an attack are Red's doing
        attack.resolved = True
        team, target = st.pieces[attack.team], st.pieces[attack.target]
        tname = rules.name_of(target.id)
        sit = Situation(team, target, target.hex)
        st.stats["attacks"] += 1
        if attack.kind == "drone":
            st.stats["drones_launched"] += attack.count
            self._emit("attack", f"Drone attack on {tname}: {words.count(attack.count, 'drone')} inbound", pieces=(target.id,), where=target.hex)
            for i in range(1, attack.count + 1):
                if st.result is not None:
                    break
                label = f"Drone {i} of {attack.count} vs {tname} counter-drone defences"
                _, out = self._roll("counter_drone", sit, label, pieces=(target.id,))
                if out.stop:
                    st.stats["drones_shot_down"] += 1
                    continue
                st.stats["drones_through"] += 1
                self._roll("drone_attack", sit, f"Drone {i} of {attack.count} hits {tname}", pieces=(target.id,))
        else:
            st.stats["rockets_fired"] += attack.count
            self._emit("attack", f"Rocket attack on {tname}: {attack.count} rockets", pieces=(target.id,), where=target.hex)
            self._roll("rocket_attack", sit, f"Rocket salvo on {tname}", pieces=(target.id,))
        if st.result is None:
            st.pending_authorization += rules.scenario.rules.authorization.per_attack
            self._effects(rules.scenario.rules.attack_effects, sit, _Outcome(), f"attack on {tname}")
        self._cause = cause

    # --- Blue ISR --------------------------------------------------------------------------

    def _isr(self, c: TaskIsr) -> None:
        st = self.state
        rules = self.rules
        drone = st.pieces[c.drone]
        drone.sorties_used += 1
        drone.aim = c.hex
        dname = rules.name_of(drone.id)
        radius = rules.value(st, drone, "search_radius")
        around = f" and the hexes within {radius}" if radius else ""
        self._emit("isr", f"{dname} searches {_name(c.hex)}{around}", pieces=(drone.id,), where=c.hex)
        found = 0
        for p in list(st.pieces.values()):
            if p.side != OTHER[drone.side] or hexgrid.distance(p.hex, c.hex) > radius:
                continue
            if not p.hidden:
                changed = not p.assessed
                p.detected_turn = st.turn
                p.seen_damaged, p.seen_destroyed = p.damaged, p.destroyed
                p.unconfirmed = False
                if changed:
                    state = "destroyed" if p.destroyed else "damaged" if p.damaged else "intact"
                    self._emit("assess", f"{dname} observes {rules.name_of(p.id)}: {state}", pieces=(p.id,))
                continue
            if p.destroyed:
                continue
            sit = Situation(drone, p, p.hex, c.hex)
            label = f"{dname} over {_name(c.hex)} vs hidden {rules.name_of(p.id)}"
            _, out = self._roll("isr_detection", sit, label, visible=p.side)
            if not p.hidden:
                found += 1
        if not found:
            self._emit("isr", f"{dname}: nothing found around {_name(c.hex)}", drone.side)

    # --- Blue air operations --------------------------------------------------------------------

    def _sortie(self, c: FlySortie) -> None:
        st = self.state
        rules = self.rules
        flight, target = st.pieces[c.flight], st.pieces[c.target]
        fname, tname = rules.name_of(flight.id), rules.name_of(target.id)
        flight.sorties_used += 1
        st.stats["sorties_flown"] += 1
        self._emit(
            "sortie", f"{fname} flies a sortie against {tname} at {_name(target.hex)}", pieces=(flight.id, target.id), where=target.hex
        )
        auth = rules.scenario.rules.authorization
        if st.tracks["authorization"] >= auth.per_sortie:
            self._move_track("authorization", -auth.per_sortie, "sortie flown")
        else:
            st.stats["unauthorized_sorties"] += 1
            self._emit("unauthorized", f"{fname} strikes beyond authorization")
            self._effects(auth.unauthorized, Situation(), _Outcome(), "strike beyond authorization")
        if st.result is not None:
            return
        if target.destroyed:
            self._emit("sortie", f"{fname} finds {tname} already destroyed and returns", pieces=(target.id,))
            target.seen_damaged = target.seen_destroyed = True
            target.unconfirmed = False
            return
        sit = Situation(flight, target, target.hex)
        label = f"Militia air defence vs {fname}"
        if target.unconfirmed:
            # the roll's modifiers would tell Blue what its unclear strike did to the site
            _, out = self._roll("air_defence", sit, label, visible="red", pieces=(flight.id,),
                                other=lambda roll: f"{label}: {roll.text} (modifiers unknown: the site's condition is unconfirmed)")  # fmt: skip
        else:
            _, out = self._roll("air_defence", sit, label, pieces=(flight.id,))
        if out.stop:
            st.stats["sorties_turned_back"] += 1
            return
        if st.result is not None:
            return
        if st.strikes_today == 0:
            self._effects(rules.scenario.rules.strike_day_effects, sit, _Outcome(), "a day of US strikes")
        st.strikes_today += 1
        country = rules.scenario.map.countries[rules.country[target.hex]]
        self._effects(country.strike_effects, sit, _Outcome(), f"a strike in {country.name}")
        if st.result is not None:
            return
        # The strike's results stay Red's alone until Blue's damage assessment confirms them.
        first = len(self._events)
        self._roll("strike", sit, f"{fname} strikes {tname}", pieces=(target.id,))
        secret = (first, len(self._events))
        if st.result is not None:
            return
        self._roll("collateral_harm", sit, f"Collateral harm at {_name(target.hex)}")
        if st.result is not None:
            return
        _, out = self._roll("damage_assessment", sit, f"Damage assessment of {tname}")
        if out.assessment == "unclear":
            a, b = secret
            self._events[a:b] = [_hide_from_blue(e) for e in self._events[a:b]]
            self._emit("assess", f"Strike on {tname}: results unclear", "blue", pieces=(target.id,))
            target.unconfirmed = True
        else:
            target.seen_damaged, target.seen_destroyed = target.damaged, target.destroyed
            target.unconfirmed = False
            target.detected_turn = st.turn


# --- words ----------------------------------------------------------------------------------


def describe_roll(roll: Roll) -> str:
    """'rolled 7 on 1d10, site defence -6 = 1; needed 6 or less for Shot down'."""
    text = f"rolled {roll.natural} on {roll.dice}"
    if roll.modifiers:
        text += "".join(f", {name} {value:+d}" for name, value in roll.modifiers) + f" = {roll.total}"
    if roll.column is not None:
        text += f", column {roll.column}"
        if roll.shifts:
            text += " (" + ", ".join(f"{n} {s:+d}" for n, s in roll.shifts) + ")"
    if roll.needed:
        text += f"; {roll.needed}"
    return text


def _name(h: hexgrid.Hex | None) -> str:
    return ccrr(h) if h is not None else "?"


def _side(side: str) -> str:
    return SIDE_NAMES[side]


def _effect_text(rules: Rulebook, e: Effect) -> str:
    if e.verb == "track":
        return f"{rules.tracks[e.track].name} {e.change:+d}"
    if e.verb == "vp":
        return f"{_side(e.vp)} {e.points:+d} VP"
    if e.verb == "stock":
        return f"{_side(e.side)} {e.stock} {e.change:+d}"
    return e.verb


def _hide_from_blue(e: Event) -> Event:
    other = None
    if e.kind == "track":
        other = e.other_text or e.text.split(" (")[0]
    return Event(e.turn, e.phase, e.kind, e.text, "red" if e.visible == ALL else e.visible, other, e.roll, e.pieces, e.where)

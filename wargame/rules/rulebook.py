"""The rulebook: a scenario compiled for fast, repeated play.

Built once per scenario and shared by every game played on it: the map as
lookups by hex, the tables with their row arrays, every condition compiled to a
small function, and caches of reachable hexes and targets in range. Nothing
here changes during a game, so many games (the AI's, the benchmark's, the
tests') can share one Rulebook.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, NamedTuple, Union

from .. import hexgrid
from ..grammar import NO_ROLES, describe_range, modifier_bounds, table_roles
from ..hexgrid import Hex
from ..kinds import AIRCRAFT, TEAMS, US_SITES
from ..scenario.load import LoadedScenario
from ..scenario.model import STATS, Condition, Piece, Scenario, TerrainType
from .state import GameState, PieceState
from .conditions import compile_condition, compile_modifier
from .tables import CompiledTable, Odds

if TYPE_CHECKING:
    from .views import SideView

# What values and tables are read from: the true state, or a side's view of it
# (a player's odds then come only from what its side knows).
Knowledge = Union[GameState, "SideView"]
# The adjustable rule values (thresholds' `adjust`, the `adjust` effect of cards and
# operations) that change a value of a piece of a kind: (kind, value) -> names.
# "resupply" is added once a turn to the militias' supply instead.
ADJUSTS: dict[tuple[str, str], tuple[str, ...]] = {
    ("launch_team", "drones_per_attack"): ("drones_per_attack",),
    ("rocket_team", "rockets_per_attack"): ("rockets_per_attack",),
    ("launch_team", "move"): ("team_move",),
    ("rocket_team", "move"): ("team_move",),
    ("launch_team", "range"): ("team_range",),
    ("rocket_team", "range"): ("team_range",),
    ("strike_flight", "sorties"): ("sorties", "strike_sorties"),
    ("isr_drone", "sorties"): ("sorties", "isr_sorties"),
    ("isr_drone", "range"): ("isr_range",),
    ("isr_drone", "search_radius"): ("search_radius",),
    ("base", "counter_drone"): ("counter_drone",),
    ("consulate", "counter_drone"): ("counter_drone",),
    ("facility", "air_defence"): ("air_defence",),
    ("depot", "air_defence"): ("air_defence",),
}


@dataclass(slots=True)
class Situation:
    """Who rolls against whom: the acting piece, the piece or hex it acts on,
    and for ISR the hex it aims at. Tables with neither (Iran's reaction) pass None."""

    attacker: PieceState | None = None
    target: PieceState | None = None
    hex: Hex | None = None
    aim: Hex | None = None


class Setup(NamedTuple):
    """What a roll on a table will add and which column it reads: the same for
    the odds shown beforehand and the roll itself. (A named tuple: one is made
    for every roll, and a tuple is the cheapest immutable thing to make.)"""

    table: CompiledTable
    column: int
    modifier: int
    modifiers: tuple[tuple[str, int], ...]
    shifts: tuple[tuple[str, int], ...]

    def odds(self) -> Odds:
        return self.table.odds(self.column, self.modifier)

    @property
    def column_name(self) -> str | None:
        return self.table.columns[self.column]


# a roll's setup is made for every roll: built as the tuple it is, without the named
# tuple's own __new__ (a Python function, a frame for each roll)
_make_setup = tuple.__new__


Predicate = Callable[[Knowledge, Situation], bool]


class Rulebook:
    def __init__(self, loaded: LoadedScenario):
        self.loaded = loaded
        s: Scenario = loaded.scenario
        self.scenario = s
        self.columns, self.rows = s.map.columns, s.map.rows
        self.sequence = [p.phase for p in s.turns.sequence]
        self.phase_titles = [p.title for p in s.turns.sequence]
        self.piece_types = s.piece_types
        self.piece_specs: dict[str, Piece] = {p.id: p for p in s.pieces}
        self.places = {p.id: p for p in s.map.places}
        self.tracks = s.tracks
        self.sides = s.sides

        by_code_t = {t.code: t for t in s.map.terrain_types.values()}
        self.terrain_id = {t.code: k for k, t in s.map.terrain_types.items()}
        by_code_c = {c.code: k for k, c in s.map.countries.items()}
        self.terrain: dict[Hex, TerrainType] = {}
        self.terrain_key: dict[Hex, str] = {}
        self.country: dict[Hex, str] = {}
        self.population: dict[Hex, int] = {}
        for row in range(self.rows):
            for col in range(self.columns):
                h = hexgrid.from_offset(col, row)
                t = s.map.terrain[row][col]
                self.terrain[h] = by_code_t[t]
                self.terrain_key[h] = self.terrain_id[t]
                self.country[h] = by_code_c[s.map.country[row][col]]
                self.population[h] = by_code_t[t].population
        self.places_at: dict[Hex, list] = {}
        for place in s.map.places:
            h = hexgrid.parse_ccrr(place.hex)
            self.places_at.setdefault(h, []).append(place)
            self.population[h] = max(self.population[h], place.population)

        roles = table_roles(s)
        self.tables: dict[str, CompiledTable] = {}
        self._mods: dict[str, list] = {}
        self._shifts: dict[str, list] = {}
        for tid, table in s.tables.items():
            r = roles.get(tid, NO_ROLES)
            lo, hi = modifier_bounds(s, table, r)
            dice = CompiledTable(tid, table, 0, 0).dice
            self.tables[tid] = CompiledTable(tid, table, dice.low + lo, dice.high + hi)
            self._mods[tid] = [compile_modifier(self, m) for m in table.modifiers]
            self._shifts[tid] = [(c.name, c.shift, compile_condition(self, c.when)) for c in table.column_shifts]

        self.thresholds = [
            (tid, i, th) for tid, track in s.tracks.items() for i, th in enumerate(track.thresholds)
        ]
        self.thresholds_of: dict[str, list] = {}
        for tid, i, th in self.thresholds:
            self.thresholds_of.setdefault(tid, []).append((i, th))
        # each piece type's whole-number values, read on every legal-commands call (read off
        # the fields, not model_dump(): that would build each type's serializer at start-up)
        self._values = {
            tid: {k: v for k in type(pt).model_fields
                  if isinstance(v := getattr(pt, k), int) and not isinstance(v, bool)}
            for tid, pt in s.piece_types.items()
        }  # fmt: skip
        self._damage = {tid: dict(pt.damaged) for tid, pt in s.piece_types.items()}
        self._adjusters: dict[str, list] = {}
        for tid, _, th in self.thresholds:
            for name in th.adjust:
                self._adjusters.setdefault(name, []).append((tid, th))
        # the adjust effects of cards, operations and politics: changed for the rest of a turn
        self.day_adjusts = frozenset(e.adjust for e in scenario_effects(s) if e.verb == "adjust")
        changeable = set(self._adjusters) | self.day_adjusts
        self._adjust_of: dict[tuple[str, str], tuple[str, ...]] = {
            key: tuple(n for n in names if n in changeable) for key, names in ADJUSTS.items()
        }
        self._adjust_of = {k: v for k, v in self._adjust_of.items() if v}
        self.markers = s.markers
        # the markers each side places in each phase kind, asked before every command
        self.markers_placed: dict[tuple[str, str], tuple[str, ...]] = {}
        for mid, m in s.markers.items():
            self.markers_placed[(m.side, m.placed_in)] = self.markers_placed.get((m.side, m.placed_in), ()) + (mid,)
        self.marker_adjust = {mid: dict(m.adjust) for mid, m in s.markers.items() if m.adjust}
        # cards: each by id, and each side's deck in the scenario's order
        self.cards = {c.id: c for c in s.cards.deck} if s.cards else {}
        self.deck_of = {side: [c.id for c in s.cards.deck if c.side == side] for side in ("blue", "red")} if s.cards else {}
        self.operations = {side: {op.id: op for op in ops} for side, ops in s.cards.operations.items()} if s.cards else {}
        self._reach: dict[tuple[Hex, int, str], tuple[Hex, ...]] = {}
        self._steps_of: dict[str, dict[Hex, tuple[tuple[Hex, int], ...]]] = {}
        self._in_range: dict[tuple[Hex, int], tuple[str, ...]] = {}
        self._area: dict[tuple[Hex, int], tuple[Hex, ...]] = {}
        self._area_set: dict[tuple[Hex, int], frozenset[Hex]] = {}
        # Command objects that depend only on the scenario (a team's moves from a
        # hex, an ISR drone's tasks), shared by every game on this rulebook.
        self.command_cache: dict[tuple, tuple] = {}
        self.command_ids: dict[int, frozenset[int]] = {}
        self._start: GameState | None = None  # id of a cached tuple -> the ids of its commands
        self.blocked = {hexgrid.parse_ccrr(p.hex) for p in s.pieces if p.hex and s.piece_types[p.type].side == "blue"}
        # hexes of off-map bases, whose stacks are drawn beside the map edge
        self.off_map_hexes = frozenset(
            hexgrid.parse_ccrr(p.hex) for p in s.pieces if p.hex and getattr(s.piece_types[p.type], "off_map", False)
        )
        self.diameter = self.columns + self.rows  # no two hexes of the map are further apart
        self.sites = [p.id for p in s.pieces if s.piece_types[p.type].kind in US_SITES and not getattr(s.piece_types[p.type], "off_map", False)]
        self.site_set = frozenset(self.sites)
        # the pieces that act in each phase, in scenario order (the order of their commands)
        kinds = {p.id: s.piece_types[p.type].kind for p in s.pieces}
        self.teams = [pid for pid, k in kinds.items() if k in TEAMS]
        self.isr_drones = [pid for pid, k in kinds.items() if k == "isr_drone"]
        self.strike_flights = [pid for pid, k in kinds.items() if k == "strike_flight"]
        self.drone_stock, self.rocket_stock = s.rules.drone_stock, s.rules.rocket_stock
        self.side_pieces = {side: [pid for pid in self.piece_specs if self.piece_types[self.piece_specs[pid].type].side == side]
                            for side in ("blue", "red")}  # fmt: skip
        self.aircraft = [pid for pid, k in kinds.items() if k in AIRCRAFT]
        self.depots = [pid for pid, k in kinds.items() if k == "depot"]
        self.crossings = [(pid, hexgrid.parse_ccrr(self.places[pid].hex)) for pid in s.rules.supply.crossings]
        self._corners = [hexgrid.from_offset(c, r) for c in (0, self.columns - 1) for r in (0, self.rows - 1)]
        self._limit: dict[Hex, int] = {}
        self._conditions: dict[int, tuple] = {}
        self._reach_set: dict[tuple[Hex, int, str], frozenset[Hex]] = {}

    # --- the map ---------------------------------------------------------------

    def on_map(self, h: Hex) -> bool:
        return h in self.terrain

    def clamp(self, center: Hex, radius: int) -> int:
        """A radius no larger than the farthest hex of the map from `center`: a range of
        10^12 covers the map and costs no more than one the map's size."""
        limit = self._limit.get(center)
        if limit is None:
            # +1: the map's zigzag edge may lie a step past the line between two corners
            limit = self._limit[center] = max(hexgrid.distance(center, c) for c in self._corners) + 1
        return radius if radius < limit else limit

    def area(self, center: Hex, radius: int) -> tuple[Hex, ...]:
        """On-map hexes within `radius` of `center` (cached: ISR tasking asks often)."""
        radius = self.clamp(center, radius)
        key = (center, radius)
        got = self._area.get(key)
        if got is None:
            got = tuple(h for h in hexgrid.hex_range(center, radius) if h in self.terrain)
            self._area[key] = got
        return got

    def area_set(self, center: Hex, radius: int) -> frozenset[Hex]:
        """Hexes within `radius` of `center` (every on-map one, at most), as a set."""
        radius = self.clamp(center, radius)
        key = (center, radius)
        got = self._area_set.get(key)
        if got is None:
            got = frozenset(hexgrid.hex_range(center, radius))
            self._area_set[key] = got
        return got

    def reachable(self, start: Hex, points: int, side: str) -> tuple[Hex, ...]:
        """Hexes a team can end its move in: by terrain cost, in its side's
        countries, not into a hex holding a US site. Excludes the start."""
        key = (start, points, side)
        got = self._reach.get(key)
        if got is not None:
            return got
        steps = self._steps(side)
        best = {start: 0}
        frontier = [start]
        far = 1 << 30
        while frontier:
            nxt = []
            for h in frontier:
                spent = best[h]
                for n, move_cost in steps.get(h, ()):
                    cost = spent + move_cost
                    if cost <= points and cost < best.get(n, far):
                        best[n] = cost
                        nxt.append(n)
            frontier = nxt
        got = tuple(sorted(h for h in best if h != start))
        self._reach[key] = got
        return got

    def _steps(self, side: str) -> dict[Hex, tuple[tuple[Hex, int], ...]]:
        """From each hex, the neighbours a team of `side` may step into and what each costs:
        on the map, passable, in the side's countries, not holding a US site. Made once per
        side, since a random or searching game asks the moves from new hexes all game long."""
        got = self._steps_of.get(side)
        if got is None:
            allowed = set(self.sides[side].move_countries) if side in self.sides else set()
            open_cost = {
                h: t.move_cost for h, t in self.terrain.items()
                if t.move_cost is not None and h not in self.blocked and (not allowed or self.country[h] in allowed)
            }  # fmt: skip
            got = self._steps_of[side] = {
                h: tuple((n, open_cost[n]) for n in h.neighbours() if n in open_cost) for h in self.terrain
            }
        return got

    def reachable_set(self, start: Hex, points: int, side: str) -> frozenset[Hex]:
        key = (start, points, side)
        got = self._reach_set.get(key)
        if got is None:
            got = self._reach_set[key] = frozenset(self.reachable(start, points, side))
        return got

    def pieces_near(self, state: GameState, center: Hex, radius: int, side: str) -> list[PieceState]:
        """The side's pieces within `radius` of `center`, in scenario order."""
        dist = hexgrid.distance
        return [p for p in state.pieces.values() if p.side == side and dist(p.hex, center) <= radius]

    def sites_in_range(self, origin: Hex, reach: int, pieces: dict[str, PieceState]) -> tuple[str, ...]:
        """US sites (on the map) within `reach` hexes of `origin`."""
        key = (origin, reach)
        got = self._in_range.get(key)
        if got is None:
            got = tuple(sid for sid in self.sites if hexgrid.distance(origin, pieces[sid].hex) <= reach)
            self._in_range[key] = got
        return got

    # --- pieces ----------------------------------------------------------------

    def new_state(self) -> GameState:
        """The state at the start of a game: a copy of one made once per rulebook."""
        if self._start is None:
            self._start = self._first_state()
        return self._start.clone()

    def _first_state(self) -> GameState:
        s = self.scenario
        pieces: dict[str, PieceState] = {}
        hexes = {p.id: hexgrid.parse_ccrr(p.hex) for p in s.pieces if p.hex}
        for p in s.pieces:
            pt = s.piece_types[p.type]
            h = hexes[p.id] if p.hex else hexes[p.base or ""]
            pieces[p.id] = PieceState(p.id, p.type, pt.kind, pt.side, h, hidden=p.hidden)
        for p in pieces.values():
            if not p.hidden:
                p.detected_turn = 0  # known from intelligence before the game
        tracks = {tid: t.start for tid, t in s.tracks.items()}
        stocks = {side: dict(spec.stocks) for side, spec in s.sides.items()}
        state = GameState(1, 0, pieces, tracks, stocks, stats={k: 0 for k in STATS})
        state.dawn = dict(state.stats)
        if s.cards is not None:
            state.hands = {side: [] for side in ("blue", "red")}
            state.played = {side: 0 for side in ("blue", "red")}
        state.reached = {(tid, i) for tid, i, th in self.thresholds if self.in_force(th, tracks[tid])}
        return state

    def value(self, state: Knowledge, piece: PieceState, name: str) -> int:
        """A piece's value now: its type's, changed while damaged, by track thresholds
        in force, by the day's adjustments (cards, operations) and by its markers."""
        v = self._values[piece.type].get(name, 0)
        if piece.damaged:
            v += self._damage[piece.type].get(name, 0)
        names = self._adjust_of.get((piece.kind, name))
        if names is not None:
            today = getattr(state, "today", None)
            for adjust in names:
                if adjust in self._adjusters:
                    v += self.adjustment(state, adjust)
                if today:
                    v += today.get(adjust, 0)
        if self.marker_adjust:
            for mid, pid in getattr(state, "markers", ()):
                if pid == piece.id and mid in self.marker_adjust:
                    v += self.marker_adjust[mid].get(name, 0)
        return v if v > 0 else 0

    @staticmethod
    def in_force(threshold, level: int) -> bool:
        return level >= threshold.at if threshold.direction == "up" else level <= threshold.at

    def adjustment(self, state: Knowledge, name: str) -> int:
        """What the thresholds in force add to a rule value (most values have no threshold at all)."""
        total = 0
        for tid, th in self._adjusters.get(name, ()):
            if self.in_force(th, state.tracks[tid]):
                total += th.adjust[name]
        return total

    def name_of(self, pid: str) -> str:
        return self.piece_specs[pid].name

    # --- tables ----------------------------------------------------------------

    def setup(self, table_id: str, state: Knowledge, sit: Situation) -> Setup:
        """The column and modifiers a roll on this table gets in this situation."""
        table = self.tables[table_id]
        mods = []
        total = 0
        for name, fixed, getter, times, pred in self._mods[table_id]:
            if pred is not None and not pred(state, sit):
                continue
            value = (fixed if getter is None else getter(state, sit)) * times
            if value:
                mods.append((name, value))
                total += value
        column = 0
        shifts: list[tuple[str, int]] = []
        if table.columns[0] is not None:
            target = sit.target
            hardness = self.piece_types[target.type].hardness if target is not None else None
            column = table.column_index(hardness)
            for name, shift, pred in self._shifts[table_id]:
                if pred is None or pred(state, sit):
                    shifts.append((name, shift))
                    column += shift
            column = max(0, min(len(table.columns) - 1, column))
        return _make_setup(Setup, (table, column, total, tuple(mods), tuple(shifts)))

    def needed(self, setup: Setup, result: str) -> str:
        """'needed 6 or less on 1d10' for the natural rolls that give `result`."""
        odds = setup.odds()
        spans = [nat for row, nat in zip(odds.rows, odds.natural) if row.result == result and nat[0] is not None]
        if not spans:
            return f"{result} was impossible"
        lo, hi = spans[0]
        dice = setup.table.dice
        lo_text = None if lo <= dice.low else lo
        hi_text = None if hi >= dice.high else hi
        if lo_text is None and hi_text is None:
            return f"any roll on {dice.text}"
        return f"needed {describe_range(lo_text, hi_text)} on {dice.text}"

    def holds(self, cond: Condition, state: Knowledge, sit: Situation | None = None) -> bool:
        """Does a condition hold now (cards' and political rules' `when`)? Compiled once per condition."""
        key = id(cond)
        got = self._conditions.get(key)
        if got is None:
            got = self._conditions[key] = (cond, compile_condition(self, cond))
        pred = got[1]
        return pred is None or pred(state, sit or Situation())


def scenario_effects(s: Scenario):
    """Every effect a scenario writes, wherever it stands (tables, thresholds, rules, cards)."""
    from ..grammar import nested, table_effects

    for table in s.tables.values():
        yield from table_effects(table)
    for track in s.tracks.values():
        for th in track.thresholds:
            yield from nested(th.on_reach)
    r = s.rules
    for effects in (r.authorization.unauthorized, r.attack_effects, r.strike_day_effects, r.quiet_turn_effects):
        yield from nested(effects)
    for rule in r.politics:
        yield from nested(rule.effects)
    for country in s.map.countries.values():
        yield from nested(country.strike_effects)
    if s.cards:
        for card in s.cards.deck:
            yield from nested(card.effects)
        for ops in s.cards.operations.values():
            for op in ops:
                yield from nested(op.effects)

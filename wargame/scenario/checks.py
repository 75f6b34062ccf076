"""Cross-checks: what one part of a scenario says about another.

The schema already knows each value's type; these checks know the game. A piece
must stand on the map and on passable ground, a place must lie in the country
its hex belongs to, a table's rows must give exactly one result for every total
the dice and modifiers can make, a threshold must lie on its track. Every check
reports where the offending value is written, so the designer can jump to it.
"""

from __future__ import annotations

import datetime
from typing import Iterator

from .. import hexgrid
from ..errors import Problem
from ..grammar import NO_ROLES, Roles
from ..kinds import AIRCRAFT, HIDEABLE, SIDE_KINDS
from ..yamlsafe import Document
from .checks_choices import check_choices
from .checks_tables import MAX_SPAN, check_tables
from .model import (
    BaseType,
    Condition,
    Effect,
    ObjectiveCondition,
    PhaseKind,
    Scenario,
)

SYMBOLS = ("fixed_wing", "uav", "rocket", "drone_launcher", "installation", "consulate", "depot", "facility")
REQUIRED_TRACKS = ("escalation", "authorization")


def check(scenario: Scenario, doc: Document) -> list[Problem]:
    """Every cross-reference problem in a schema-valid scenario, in file order."""
    problems = list(_Checker(scenario, doc).run())
    return sorted(problems, key=lambda p: (p.line, p.column))


class _Checker:
    def __init__(self, scenario: Scenario, doc: Document):
        self.s = scenario
        self.doc = doc
        self.m = scenario.map

    def p(self, path: tuple, message: str, *, at_key: bool = False) -> Problem:
        """A problem at the value of `path`, or at its key with `at_key`: a problem with
        a whole mapping or list (a table missing from `tables`) points at the key that
        names it, not at its first entry, which would name some other table."""
        return self.doc.problem(path, message, at_key=at_key)

    def run(self) -> Iterator[Problem]:
        yield from self.dates()
        yield from self.map_rows()
        yield from self.map_features()
        yield from self.sides()
        yield from self.piece_types()
        yield from self.pieces()
        yield from self.tracks()
        yield from check_tables(self)
        yield from self.sequence()
        yield from self.rules()
        yield from self.victory()
        yield from check_choices(self)

    def dates(self) -> Iterator[Problem]:
        """The first turn's date must exist, and so must the last turn's."""
        try:
            start = datetime.date.fromisoformat(self.s.meta.date)
        except ValueError:
            yield self.p(("meta", "date"), f"meta.date {self.s.meta.date!r} is not a day of the calendar")
            return
        if (datetime.date.max - start).days < self.s.turns.count - 1:
            yield self.p(("meta", "date"), f"meta.date {self.s.meta.date!r}: {self.s.turns.count} turns would run past the year 9999")

    # --- map ------------------------------------------------------------------

    def map_rows(self) -> Iterator[Problem]:
        m = self.m
        terrain_codes = {t.code for t in m.terrain_types.values()}
        country_codes = {c.code for c in m.countries.values()}
        yield from _unique_codes(self, "terrain_types", {k: t.code for k, t in m.terrain_types.items()})
        yield from _unique_codes(self, "countries", {k: c.code for k, c in m.countries.items()})
        for key, codes, what in (("terrain", terrain_codes, "terrain"), ("country", country_codes, "country")):
            rows = getattr(m, key)
            if len(rows) != m.rows:
                yield self.p(("map", key), f"map.{key} has {len(rows)} rows but map.rows is {m.rows}")
            for r, text in enumerate(rows):
                if len(text) != m.columns:
                    yield self.p(
                        ("map", key, r),
                        f"map.{key} row {r + 1:02d} has {len(text)} letters but map.columns is {m.columns}",
                    )
                for c, ch in enumerate(text):
                    if ch not in codes:
                        yield self._in_row(
                            ("map", key, r),
                            c,
                            f"map.{key} row {r + 1:02d}, column {c + 1:02d}: unknown {what} code {ch!r}"
                            f" (known: {''.join(sorted(codes))})",
                        )
                        break

    def _in_row(self, path: tuple, index: int, message: str) -> Problem:
        """Point at the letter itself inside a row string, quoted or not."""
        line, col = self.doc.where(path)
        text = self.doc.line_text(line)
        if col - 1 < len(text) and text[col - 1] in "'\"":
            col += 1
        return Problem(self.doc.file, line, col + index, message)

    def offset(self, name: str) -> tuple[int, int]:
        """0-based column and row of a CCRR name the schema let through (four digits).

        Not `hexgrid.parse_ccrr`, which raises on column or row 00: here '0700' is
        just a hex off the map, to report like any other, not a crash."""
        return int(name[:2]) - 1, int(name[2:]) - 1

    def hex_of(self, name: str) -> hexgrid.Hex:
        return hexgrid.from_offset(*self.offset(name))

    def on_map(self, path: tuple, name: str, what: str) -> Iterator[Problem]:
        col, row = self.offset(name)
        if not (0 <= col < self.m.columns and 0 <= row < self.m.rows):
            yield self.p(
                path,
                f"{what} is at hex {name}, off the map (columns 01-{self.m.columns:02d}, rows 01-{self.m.rows:02d})",
            )

    def code_at(self, key: str, name: str) -> str | None:
        col, row = self.offset(name)
        rows = getattr(self.m, key)
        if 0 <= row < len(rows) and 0 <= col < len(rows[row]):
            return rows[row][col]
        return None

    def map_features(self) -> Iterator[Problem]:
        for i, river in enumerate(self.m.rivers):
            prev = None
            for j, name in enumerate(river.hexes):
                path = ("map", "rivers", i, "hexes", j)
                yield from self.on_map(path, name, f"river {river.name}")
                h = self.hex_of(name)
                if prev is not None and hexgrid.distance(prev, h) != 1:
                    yield self.p(path, f"river {river.name}: hex {name} does not touch the hex before it")
                prev = h
        seen: dict[str, int] = {}
        code_to_country = {c.code: k for k, c in self.m.countries.items()}
        for i, place in enumerate(self.m.places):
            path = ("map", "places", i)
            if place.id in seen:
                yield self.p(path + ("id",), f"duplicate place id {place.id!r} (also places[{seen[place.id]}])")
            seen.setdefault(place.id, i)
            yield from self.on_map(path + ("hex",), place.hex, f"place {place.id}")
            if place.country not in self.m.countries:
                yield self.p(path + ("country",), f"place {place.id}: unknown country {place.country!r}" + _known(self.m.countries))
                continue
            code = self.code_at("country", place.hex)
            if code is not None and code_to_country.get(code) not in (None, place.country):
                yield self.p(
                    path + ("country",),
                    f"place {place.id} is said to be in {place.country} but hex {place.hex} belongs to {code_to_country[code]}",
                )

    # --- sides and pieces -------------------------------------------------------

    def sides(self) -> Iterator[Problem]:
        for side in ("blue", "red"):
            if side not in self.s.sides:
                yield self.p(("sides",), f"sides: missing side {side!r} (a scenario has sides blue and red)", at_key=True)
        for side, spec in self.s.sides.items():
            for stock in spec.stock_max:
                if stock not in spec.stocks:
                    yield self.p(("sides", side, "stock_max", stock), f"sides.{side}.stock_max: {stock!r} is not one of its stocks", at_key=True)
                elif spec.stocks[stock] > spec.stock_max[stock]:
                    yield self.p(("sides", side, "stocks", stock), f"sides.{side}.stocks.{stock} starts above its stock_max")
            for stock, n in spec.stocks.items():
                if n < 0:
                    yield self.p(("sides", side, "stocks", stock), f"sides.{side}.stocks.{stock} is negative")
            for i, c in enumerate(spec.move_countries):
                if c not in self.m.countries:
                    yield self.p(("sides", side, "move_countries", i), f"unknown country {c!r}" + _known(self.m.countries))

    def piece_types(self) -> Iterator[Problem]:
        strike = self.s.tables.get("strike")
        columns = strike.columns if strike is not None and strike.columns else None
        for tid, pt in self.s.piece_types.items():
            path = ("piece_types", tid)
            allowed = SIDE_KINDS[pt.side]
            if pt.kind not in allowed:
                yield self.p(path + ("side",), f"piece type {tid}: a {pt.kind} cannot belong to {pt.side}")
            if pt.symbol not in SYMBOLS:
                yield self.p(path + ("symbol",), f"piece type {tid}: unknown symbol {pt.symbol!r} (known: {', '.join(SYMBOLS)})")
            if columns is not None and pt.side == "red" and pt.hardness not in columns:
                yield self.p(
                    path + ("hardness",),
                    f"piece type {tid}: hardness {pt.hardness!r} is not a column of the strike table ({', '.join(columns)})",
                )
            for name in pt.damaged:
                value = getattr(pt, name, None)
                if not isinstance(value, int) or isinstance(value, bool):
                    yield self.p(path + ("damaged", name), f"piece type {tid}: damaged.{name} is not one of its values", at_key=True)

    def pieces(self) -> Iterator[Problem]:
        seen: dict[str, int] = {}
        types = self.s.piece_types
        by_id = {p.id: p for p in self.s.pieces}
        terrain_by_code = {t.code: t for t in self.m.terrain_types.values()}
        for i, piece in enumerate(self.s.pieces):
            path = ("pieces", i)
            if piece.id in seen:
                yield self.p(path + ("id",), f"duplicate piece id {piece.id!r} (also pieces[{seen[piece.id]}])")
            seen.setdefault(piece.id, i)
            pt = types.get(piece.type)
            if pt is None:
                yield self.p(path + ("type",), f"piece {piece.id}: unknown piece type {piece.type!r}" + _known(types))
                continue
            if pt.kind in AIRCRAFT:
                if piece.hex is not None:
                    yield self.p(path + ("hex",), f"piece {piece.id}: a {pt.kind} flies from its base; give 'base', not 'hex'", at_key=True)
                if piece.base is None:
                    if piece.hex is not None:  # one mistake, one line: the 'hex' problem above says what to write
                        continue
                    yield self.p(path, f"piece {piece.id}: a {pt.kind} needs 'base' (the base it flies from)")
                else:
                    base = by_id.get(piece.base)
                    bt = types.get(base.type) if base else None
                    if base is None:
                        yield self.p(path + ("base",), f"piece {piece.id}: unknown base {piece.base!r}")
                    elif not isinstance(bt, BaseType) or bt.side != pt.side:
                        yield self.p(path + ("base",), f"piece {piece.id}: {piece.base!r} is not a {pt.side} base")
                continue
            if piece.base is not None:
                yield self.p(path + ("base",), f"piece {piece.id}: only flights and ISR drones have a base", at_key=True)
            if piece.hex is None:
                yield self.p(path, f"piece {piece.id}: missing 'hex' (where it stands)")
                continue
            off = list(self.on_map(path + ("hex",), piece.hex, f"piece {piece.id}"))
            yield from off
            if off:
                continue
            terrain = terrain_by_code.get(self.code_at("terrain", piece.hex) or "")
            if terrain is not None and terrain.move_cost is None:
                yield self.p(path + ("hex",), f"piece {piece.id} stands on impassable {terrain.name} at {piece.hex}")
            if piece.hidden and pt.kind not in HIDEABLE:
                yield self.p(
                    path + ("hidden",),
                    f"piece {piece.id}: a {pt.kind} cannot start hidden (only a {', '.join(HIDEABLE)}, which the other side can search for)",
                )

    # --- tracks -----------------------------------------------------------------

    def tracks(self) -> Iterator[Problem]:
        for name in REQUIRED_TRACKS:
            if name not in self.s.tracks:
                yield self.p(("tracks",), f"tracks: missing the {name!r} track, which the rules use", at_key=True)
        for tid, track in self.s.tracks.items():
            path = ("tracks", tid)
            if track.min >= track.max:
                yield self.p(path + ("max",), f"track {tid}: max ({track.max}) must be above min ({track.min})")
            elif track.max - track.min > MAX_SPAN:
                yield self.p(path + ("max",), f"track {tid}: {track.min} to {track.max} is more than {MAX_SPAN} steps")
            if not track.min <= track.start <= track.max:
                yield self.p(path + ("start",), f"track {tid}: start {track.start} is outside the track ({track.min}-{track.max})")
            for j, th in enumerate(track.thresholds):
                if not track.min <= th.at <= track.max:
                    yield self.p(
                        path + ("thresholds", j, "at"),
                        f"track {tid}: threshold {th.name!r} at {th.at} is outside the track ({track.min}-{track.max})",
                    )
                yield from self.effects(path + ("thresholds", j, "on_reach"), th.on_reach, NO_ROLES, None)

    # --- tables -----------------------------------------------------------------

    def condition(self, path: tuple, cond: Condition | ObjectiveCondition, roles: Roles) -> Iterator[Problem]:
        s = self.s
        for key in ("track_at_least", "track_at_most"):
            for track, value in (getattr(cond, key) or {}).items():
                if track not in s.tracks:
                    yield self.p(path + (key, track), f"unknown track {track!r}" + _known(s.tracks), at_key=True)
                elif not s.tracks[track].min <= value <= s.tracks[track].max:
                    yield self.p(path + (key, track), f"{value} is outside track {track} ({s.tracks[track].min}-{s.tracks[track].max})")
        if not isinstance(cond, Condition):
            return
        if cond.target_marker is not None and cond.target_marker not in s.markers:
            yield self.p(path + ("target_marker",), f"unknown marker {cond.target_marker!r}" + _known(s.markers))
        for key, names, known in (
            ("target_type", cond.target_type, s.piece_types),
            ("attacker_type", cond.attacker_type, s.piece_types),
            ("target_terrain", cond.target_terrain, self.m.terrain_types),
            ("target_country", cond.target_country, self.m.countries),
        ):
            for j, name in enumerate(names or ()):
                if name not in known:
                    yield self.p(path + (key, j), f"unknown {key.split('_')[1]} {name!r}" + _known(known))
        uses_target = any(
            getattr(cond, k) is not None
            for k in Condition.model_fields
            if k.startswith("target") or k in ("intel_fresh", "distance_at_most")
        )
        uses_attacker = any(getattr(cond, k) is not None for k in Condition.model_fields if k.startswith("attacker"))
        if uses_target and not roles[1]:
            yield self.p(path, "this table has no target, so a condition on the target can never hold")
        if uses_attacker and not roles[0]:
            yield self.p(path, "this table has no attacker, so a condition on the attacker can never hold")

    def effects(self, path: tuple, effects: list[Effect], roles: Roles, tid: str | None) -> Iterator[Problem]:
        s = self.s
        for j, eff in enumerate(effects):
            epath = path + (j,)
            verb = eff.verb
            if verb == "track" and eff.track not in s.tracks:
                yield self.p(epath + ("track",), f"unknown track {eff.track!r}" + _known(s.tracks))
            elif verb == "stock":
                side = s.sides.get(eff.side) if eff.side else None
                if side is not None and eff.stock not in side.stocks:
                    yield self.p(epath + ("stock",), f"side {eff.side} has no stock {eff.stock!r}" + _known(side.stocks))
            elif verb == "roll" and eff.roll not in s.tables:
                yield self.p(epath + ("roll",), f"unknown table {eff.roll!r}" + _known(s.tables))
            elif verb in ("target", "casualties", "militia_casualties", "civilian_casualties") and not roles[1]:
                yield self.p(epath, f"a '{verb}' effect needs a target, and {_where(tid)} has none")
            elif verb == "attacker" and not roles[0]:
                yield self.p(epath, f"an 'attacker' effect needs an attacker, and {_where(tid)} has none")
            elif verb == "attack" and tid not in ("counter_drone", "air_defence"):
                yield self.p(epath, "'attack: stop' only means something in the counter_drone and air_defence tables")
            elif verb == "assessment" and tid != "damage_assessment":
                yield self.p(epath, "'assessment' only means something in the damage_assessment table")
            elif verb == "draw" and s.cards is None:
                yield self.p(epath, "a 'draw' effect needs the scenario's cards, and it has none")
            if eff.then:
                yield from self.effects(epath + ("then",), eff.then, roles, tid)

    # --- sequence, rules, victory ---------------------------------------------------

    def sequence(self) -> Iterator[Problem]:
        seen: dict[str, int] = {}
        for j, phase in enumerate(self.s.turns.sequence):
            if phase.phase in seen:
                yield self.p(("turns", "sequence", j, "phase"), f"phase {phase.phase} appears twice in the sequence of play")
            seen.setdefault(phase.phase, j)
        # every phase does work no other phase does (the strategic phase refuels the
        # aircraft, the reaction phase resolves attacks): the order is the designer's, the set is not
        for needed in PhaseKind.__args__:  # type: ignore[attr-defined]
            if needed not in seen:
                yield self.p(("turns", "sequence"), f"the sequence of play needs a {needed} phase", at_key=True)

    def rules(self) -> Iterator[Problem]:
        r = self.s.rules
        red = self.s.sides.get("red")
        for key in ("drone_stock", "rocket_stock"):
            stock = getattr(r, key)
            if red is not None and stock not in red.stocks:
                yield self.p(("rules", key), f"rules.{key}: Red has no stock {stock!r}" + _known(red.stocks))
        if red is not None and r.supply.stock not in red.stocks:
            yield self.p(("rules", "supply", "stock"), f"rules.supply.stock: Red has no stock {r.supply.stock!r}")
        places = {p.id: p for p in self.m.places}
        for j, pid in enumerate(r.supply.crossings):
            if pid not in places:
                yield self.p(("rules", "supply", "crossings", j), f"unknown place {pid!r}" + _known(places))
            elif places[pid].kind != "crossing":
                yield self.p(("rules", "supply", "crossings", j), f"place {pid} is a {places[pid].kind}, not a crossing")
        none = NO_ROLES
        yield from self.effects(("rules", "authorization", "unauthorized"), r.authorization.unauthorized, none, None)
        yield from self.effects(("rules", "attack_effects"), r.attack_effects, none, None)
        yield from self.effects(("rules", "strike_day_effects"), r.strike_day_effects, none, None)
        yield from self.effects(("rules", "quiet_turn_effects"), r.quiet_turn_effects, none, None)
        for cid, country in self.m.countries.items():
            yield from self.effects(("map", "countries", cid, "strike_effects"), country.strike_effects, none, None)

    def victory(self) -> Iterator[Problem]:
        v = self.s.victory
        pieces = {p.id for p in self.s.pieces}
        seen: set[str] = set()
        for j, obj in enumerate(v.objectives):
            path = ("victory", "objectives", j)
            if obj.id in seen:
                yield self.p(path + ("id",), f"duplicate objective id {obj.id!r}")
            seen.add(obj.id)
            when = obj.when
            if not when.model_fields_set:
                yield self.p(path + ("when",), f"objective {obj.id}: 'when' gives no condition")
            if when.pieces_destroyed is not None:
                for k, pid in enumerate(when.pieces_destroyed.pieces):
                    if pid not in pieces:
                        yield self.p(path + ("when", "pieces_destroyed", "pieces", k), f"unknown piece {pid!r}")
                if when.pieces_destroyed.at_least > len(when.pieces_destroyed.pieces):
                    yield self.p(path + ("when", "pieces_destroyed", "at_least"), f"objective {obj.id}: at_least is more than the pieces listed")
            for key in ("pieces_undamaged", "pieces_survive"):
                for k, pid in enumerate(getattr(when, key) or ()):
                    if pid not in pieces:
                        yield self.p(path + ("when", key, k), f"unknown piece {pid!r}")
            yield from self.condition(path + ("when",), when, NO_ROLES)


def _unique_codes(checker: _Checker, key: str, codes: dict[str, str]) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for name, code in codes.items():
        if code in seen:
            yield checker.p(("map", key, name, "code"), f"map.{key}: {name} and {seen[code]} share the code {code!r}")
        seen.setdefault(code, name)


def _known(names: object) -> str:
    keys = sorted(names) if not isinstance(names, dict) else sorted(names.keys())
    if not keys:
        return ""
    shown = ", ".join(keys[:12]) + (", ..." if len(keys) > 12 else "")
    return f" (known: {shown})"


def _where(tid: str | None) -> str:
    return f"table {tid}" if tid else "this place"

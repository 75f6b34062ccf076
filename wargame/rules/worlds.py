"""Worlds a side could be in: whole states consistent with what it has seen.

A search player must not look ahead in the true game (it would see the hidden
teams), so it looks ahead in states drawn from its side's belief. A `Belief` is
made from the side's view, its reading of the log and the attacks it saw
resolved, and nothing else; each `sample(seed)` places the other side's hidden
pieces where they could be and fills in what the side cannot know:

- a hidden piece starts from where it was last known (detected, or where contact
  was lost as it moved away), or from the scenario's start; each turn since, it
  stayed or moved within its move allowance (the rulebook's own reachable hexes);
- a turn in which it launched an attack the side saw resolved, it stood within
  range of the target;
- a turn in which one of the side's searches covered the hex and found nothing,
  it stood there only as often as that search misses (the exact odds of the
  detection table, read through the one chance interface);
- a piece struck with unclear results has the true condition the strike table
  gives with its exact odds;
- the other side's stocks are the scenario's, plus what resupply and public
  shipments could bring, less what the attacks it saw spent;
- attacks declared but not yet resolved come from teams that could launch them.

Everything is read from the scenario: piece values, move costs, tables,
supply rules. The belief never reads the game's state.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Sequence

from .. import hexgrid
from ..hexgrid import Hex
from ..kinds import OTHER, TEAMS
from ..scenario.model import STATS
from .chance import Chance
from .hiding import block_hexes, launch_block
from .rulebook import Rulebook, Situation
from .state import NEVER, Attack, GameState, PieceState

if TYPE_CHECKING:
    from .events import Event
    from .views import SideView

Revealed = tuple[tuple[int, str, str, str, int], ...]  # (turn, kind, team, target, count)
TRIES = 12  # draws of a hex before the evidence is taken as it comes


class Belief:
    """What one side may believe of the game at one decision, ready to be sampled."""

    def __init__(self, rules: Rulebook, side: str, view: SideView, log: Sequence[Event], revealed: Revealed,
                 unresolved: Sequence[int] = ()):  # fmt: skip
        self.key: tuple = ()
        self.rules, self.side, self.view = rules, side, view
        self.other = other = OTHER[side]
        self.turn = view.turn
        # has the other side's move of this turn been made? (the side decides after it, or before)
        ops = [i for i, k in enumerate(rules.sequence) if k == "red_operations"]
        self.moved_now = bool(ops) and view.phase > ops[0] if other == "red" else False
        self.hidden = [pid for pid in rules.side_pieces[other] if pid not in view.pieces]
        self.unresolved = tuple(unresolved)
        self._read_log(log, revealed)
        self._templates = {pid: self._template(pid) for pid in self.hidden}
        self._miss: dict[tuple, float] = {}
        self.stocks = self._estimate_stocks(revealed)

    # --- reading what the side saw ------------------------------------------------------

    def _read_log(self, log: Sequence[Event], revealed: Revealed) -> None:
        rules, side = self.rules, self.side
        self.anchor: dict[str, tuple[int, Hex, bool]] = {}  # piece -> (turn, hex, moved away that turn)
        self.searches: dict[int, list[tuple[str, Hex]]] = {}  # turn -> (drone, aim)
        self.suppressed: dict[str, int] = {}
        self.damaged: set[str] = set()
        self.iran: dict[int, dict[str, int]] = {}  # turn -> public stock changes of the other side
        self.active: dict[str, bool] = {}  # the other side's teams seen launching (True) or going to ground
        self.blocks: dict[tuple[int, str], frozenset[Hex]] = {}  # (turn, team) -> the block it launched from
        self.grounded: set[tuple[int, str]] = set()  # (turn, team): it went to ground, so it did not move
        self.played_now: set[str] = set()  # the other side's cards played this turn (not in its hand)
        mine = set(rules.side_pieces[side])
        names = {c.name: c.id for c in rules.cards.values()}
        for e in log:
            kind = e.kind
            if kind == "launch_area" and e.pieces and e.where is not None:
                self.active[e.pieces[0]] = True
                self.blocks[(e.turn, e.pieces[0])] = frozenset(block_hexes(rules, launch_block(rules, e.where)))
            elif kind == "ground" and e.pieces:
                self.active[e.pieces[0]] = False
                self.grounded.add((e.turn, e.pieces[0]))
            elif kind == "card" and e.turn == self.turn:
                for name, cid in names.items():
                    if f" plays {name} for " in e.text:
                        self.played_now.add(cid)
            if kind == "detect" and e.pieces and e.where is not None:
                self.anchor[e.pieces[0]] = (e.turn, e.where, False)
            elif kind == "lost" and e.pieces and e.where is not None:
                self.anchor[e.pieces[0]] = (e.turn, e.where, True)
            elif kind == "isr" and e.pieces and e.where is not None and e.pieces[0] in mine:
                self.searches.setdefault(e.turn, []).append((e.pieces[0], e.where))
            elif kind == "suppress" and e.pieces:
                self.suppressed[e.pieces[0]] = e.turn + 1
            elif kind in ("damage", "destroyed") and e.pieces:
                self.damaged.add(e.pieces[0])
            elif kind == "roll" and e.roll is not None and e.roll.table in rules.tables:
                row = next((r for rows in rules.tables[e.roll.table].rows for r in rows if r.result == e.roll.result), None)
                for eff in row.effects if row is not None else ():
                    if eff.verb == "stock" and eff.side == self.other:
                        got = self.iran.setdefault(e.turn, {})
                        got[eff.stock] = got.get(eff.stock, 0) + eff.change
        self.attacks: dict[tuple[int, str], list[tuple[str, str]]] = {}  # (turn, team) -> (kind, target)
        self.spent: dict[int, dict[str, int]] = {}
        stock_of = {"drone": rules.drone_stock, "rocket": rules.rocket_stock}
        for turn, kind, team, target, count in revealed:
            self.attacks.setdefault((turn, team), []).append((kind, target))
            spent = self.spent.setdefault(turn, {})
            spent[stock_of[kind]] = spent.get(stock_of[kind], 0) + count

    def _template(self, pid: str) -> PieceState:
        spec = self.rules.piece_specs[pid]
        pt = self.rules.piece_types[spec.type]
        h = hexgrid.parse_ccrr(spec.hex) if spec.hex else self.view.pieces[spec.base or ""].hex
        p = PieceState(pid, spec.type, pt.kind, pt.side, h, hidden=True)
        p.damaged = p.seen_damaged = pid in self.damaged
        return p

    def _estimate_stocks(self, revealed: Revealed) -> dict[str, int]:
        """The other side's stocks as the scenario's supply rules and the public record allow."""
        rules, view = self.rules, self.view
        other = self.other
        if other in view.stocks:
            return dict(view.stocks[other])
        stocks = dict(rules.sides[other].stocks) if other in rules.sides else {}
        cap = rules.sides[other].stock_max if other in rules.sides else {}
        supply = rules.scenario.rules.supply
        depots = [view.pieces.get(pid) or self._templates.get(pid) or self._template(pid) for pid in rules.depots]
        depots = [d for d in depots if not d.destroyed and d.side == other]
        for turn in range(1, self.turn + 1):
            gained = sum(rules.value(view, d, "resupply") for d in depots)
            for _, h in rules.crossings:
                if supply.per_crossing and any(
                    hexgrid.distance(h, d.hex) <= supply.crossing_needs_depot_within for d in depots
                ):
                    gained += supply.per_crossing
            if gained:
                gained += rules.adjustment(view, "resupply")
            changes = dict(self.iran.get(turn, {}))
            changes[supply.stock] = changes.get(supply.stock, 0) + gained
            for name, spent in self.spent.get(turn, {}).items():
                changes[name] = changes.get(name, 0) - spent
            for name, change in changes.items():
                new = max(0, stocks.get(name, 0) + change)
                stocks[name] = min(cap[name], new) if name in cap else new
        return stocks

    # --- drawing a world -------------------------------------------------------------------

    def sample(self, seed: int) -> GameState:
        """One whole state, drawn with `seed` (the same seed, the same world)."""
        rng = random.Random(seed)
        rules, view = self.rules, self.view
        placed = {pid: self._place(pid, rng) for pid in self.hidden}
        pieces: dict[str, PieceState] = {}
        vp_log = list(view.vp_log)
        for pid in rules.piece_specs:
            seen = view.pieces.get(pid)
            if seen is None:
                p = self._templates[pid].clone()
                p.hex = placed[pid]
            else:
                p = seen.clone()
                if p.side == self.other and p.unconfirmed:
                    self._struck(p, rng, vp_log)
            if p.side == self.other:
                p.suppressed_turn = self.suppressed.get(pid, NEVER)
                if self.attacks_by(pid, self.turn):
                    p.attacked_turn = self.turn
                if seen is None and pid in self.active:
                    p.active = self.active[pid]
            pieces[pid] = p
        stats = {k: 0 for k in STATS}
        stats.update(view.stats)
        stats["targets_destroyed"] = sum(p.destroyed for p in pieces.values())
        stocks = {s: dict(v) for s, v in view.stocks.items()}
        stocks[self.other] = dict(self.stocks)
        for s in rules.sides:
            stocks.setdefault(s, {})
        attacks = [a.clone() for a in view.attacks]
        self._pending_attacks(attacks, pieces, stocks, rng)
        vp = {"blue": 0, "red": 0}
        for s, pts, _, _ in vp_log:
            vp[s] += pts
        return GameState(
            view.turn, view.phase, pieces, dict(view.tracks), stocks, vp, vp_log, stats, attacks,
            max(view.attacks_this_turn, len(attacks)), view.attacks_last_turn, view.strikes_today,
            view.pending_authorization, set(view.reached), None, self._hands(rng), list(view.removed),
            dict(view.played), self._markers(pieces, rng), dict(view.today), {**stats, **view.dawn},
            {k: 0 for k in STATS} | dict(view.yesterday),
        )  # fmt: skip

    def _hands(self, rng: random.Random) -> dict[str, list[str]]:
        """The side's own hand as it is; the other's drawn from the cards it could hold."""
        view, rules = self.view, self.rules
        hands = {s: list(h) for s, h in view.hands.items()}
        n = view.hand_sizes.get(self.other, 0)
        if n or self.other in view.hand_sizes:
            out = set(view.removed) | self.played_now
            could = [c for c in rules.deck_of.get(self.other, ()) if c not in out]
            rng.shuffle(could)
            hands[self.other] = could[:n]
        return hands

    def _markers(self, pieces: dict[str, PieceState], rng: random.Random) -> list[tuple[str, str]]:
        """The markers the side sees, and the other side's hidden ones where they could stand."""
        rules, view = self.rules, self.view
        markers = list(view.markers)
        for mid, m in rules.markers.items():
            if m.side != self.other or not m.hidden:
                continue
            if view.turn == 1 and m.placed_in in rules.sequence[view.phase:]:
                continue  # not yet placed this game
            could = [pid for pid in rules.side_pieces[self.other] if pieces[pid].kind in m.on and not pieces[pid].destroyed]
            rng.shuffle(could)
            markers.extend((mid, pid) for pid in could[: m.count])
        return markers

    def attacks_by(self, pid: str, turn: int) -> list[tuple[str, str]]:
        return self.attacks.get((turn, pid), [])

    def _place(self, pid: str, rng: random.Random) -> Hex:
        """Walk a hidden piece from where it was last known to a hex it could hold now."""
        rules = self.rules
        p = self._templates[pid]
        start, h, forced = self.anchor.get(pid, (0, p.hex, False))
        last = self.turn if self.moved_now else self.turn - 1
        points = rules.value(self.view, p, "move") if p.kind in TEAMS else 0
        first = start if forced else start + 1
        for turn in range(first, last + 1):
            options = rules.reachable(h, points, p.side) if points else ()
            if (turn, pid) in self.grounded:
                options = ()
            if not (forced and turn == start):
                options = (h,) + options
            if not options:
                continue
            block = self.blocks.get((turn, pid))
            if block is not None:
                inside = tuple(o for o in options if o in block)
                options = inside or (min(options, key=lambda o: min(hexgrid.distance(o, b) for b in block)),)
            for kind, target in self.attacks_by(pid, turn):
                where = self.view.pieces[target].hex if target in self.view.pieces else None
                if where is None:
                    continue
                reach = rules.value(self.view, p, "range")
                near = tuple(o for o in options if hexgrid.distance(o, where) <= reach)
                options = near or (min(options, key=lambda o: hexgrid.distance(o, where)),)
            searches = self.searches.get(turn, ())
            attacked = bool(self.attacks_by(pid, turn))
            for _ in range(TRIES):
                h = options[rng.randrange(len(options))]
                if not searches or rng.random() < self._missed(p, h, searches, attacked):
                    break
        return h

    def _missed(self, p: PieceState, h: Hex, searches, attacked: bool) -> float:
        """The chance that every search of a turn missed a piece standing on `h`."""
        rules, view = self.rules, self.view
        chance = 1.0
        for drone_id, aim in searches:
            drone = view.pieces.get(drone_id)
            if drone is None:
                continue
            radius = rules.value(view, drone, "search_radius")
            if hexgrid.distance(h, aim) > radius:
                continue
            key = (drone.type, p.type, h, aim == h, hexgrid.distance(h, aim), attacked)
            miss = self._miss.get(key)
            if miss is None:
                probe = p.clone()
                probe.hex = h
                probe.attacked_turn = view.turn if attacked else NEVER
                setup = rules.setup("isr_detection", view, Situation(drone, probe, h, aim))
                found = sum(o.chance for o in Chance.outcomes(setup)
                            if any(e.verb == "target" and e.target == "detect" for e in o.row.effects))  # fmt: skip
                miss = self._miss[key] = float(1 - found)
            chance *= miss
        return chance

    def _struck(self, p: PieceState, rng: random.Random, vp_log: list) -> None:
        """A piece whose strike results were unclear: its condition as the strike table gives it."""
        rules, view = self.rules, self.view
        flight = next((view.pieces[f] for f in rules.strike_flights if f in view.pieces), None)
        if flight is None or "strike" not in rules.tables:
            return
        outcomes = Chance.outcomes(rules.setup("strike", view, Situation(flight, p, p.hex)))
        pick = rng.random()
        for o in outcomes:
            pick -= float(o.chance)
            if pick <= 0:
                break
        for e in o.row.effects:
            if e.verb == "target" and e.target == "damage":
                p.damaged = True
            elif e.verb == "target" and e.target == "destroy" and not p.destroyed:
                p.damaged = p.destroyed = True
                pts = rules.piece_types[p.type].vp
                if pts:
                    vp_log.append((OTHER[p.side], pts, "Targets destroyed", p.id))

    def _pending_attacks(self, attacks: list[Attack], pieces: dict[str, PieceState], stocks: dict, rng) -> None:
        """Attacks declared but not yet shown to the side: launched by teams that could have."""
        known = {a.number for a in attacks}
        used = {a.team for a in attacks}
        rules = self.rules
        for number in self.unresolved:
            if number in known:
                continue
            teams = [pieces[t] for t in rules.teams if t not in used and not pieces[t].destroyed]
            rng.shuffle(teams)
            for team in teams:
                in_range = rules.sites_in_range(team.hex, rules.value(self.view, team, "range"), pieces)
                in_range = [s for s in in_range if not pieces[s].destroyed]
                if not in_range:
                    continue
                target = in_range[rng.randrange(len(in_range))]
                mine = stocks[team.side]
                if team.kind == "launch_team":
                    kind, stock, n = "drone", rules.drone_stock, rules.value(self.view, team, "drones_per_attack")
                else:
                    kind, stock, n = "rocket", rules.rocket_stock, rules.value(self.view, team, "rockets_per_attack")
                n = max(1, min(n, mine.get(stock, 0) or 1))
                mine[stock] = max(0, mine.get(stock, 0) - n)
                team.attacked_turn = self.turn
                attacks.append(Attack(number, kind, team.id, target, n))
                used.add(team.id)
                break
        attacks.sort(key=lambda a: a.number)


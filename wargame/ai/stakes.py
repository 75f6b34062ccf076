"""What a roll is worth to a side, read from the scenario: points, objectives, tracks, the war.

The computer players weigh a command by the exact odds of the rolls it makes
and what each result does, in the scenario's own terms: the victory points it
scores, the objectives it breaks or brings nearer (an undamaged site, no
casualties, drones through, targets destroyed), the tracks it moves (a track
that favours a side is worth keeping up) and the risk that a move of a track
reaches a threshold that ends the game, whose cost falls on the side whose
action caused it. Nothing here names a scenario: every number comes from its
victory section, its tracks and its tables.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from ..kinds import OTHER
from ..rules.chance import Chance
from ..rules.rulebook import Rulebook, Situation

WAR = 12.0  # what ending the game by one's own action costs, in victory points (more than any margin)
TRACK_STEP = 0.35  # a step of a track that favours a side, in victory points
# the stat each effect adds to (the rules' own bookkeeping, the same for every scenario)
STAT_OF = {"casualties": "us_casualties", "militia_casualties": "militia_casualties",
           "civilian_casualties": "civilian_casualties"}  # fmt: skip
AUTHORIZATION_WORTH = 0.6  # a point of authorization earned by Blue, in victory points (about a sortie's worth)
EXPOSED_WORTH = 0.6  # ... while Blue knows of a militia site it could spend it on
CARD_WORTH = 0.3  # a card drawn into a hand
CONFIRM_WORTH = 0.3  # learning what one strike with unclear results did
# What a day's change of a rule value is worth a step, to the side it helps, and the
# phases in which it is read (worth nothing once they are over for the turn).
ADJUST_WORTH: dict[str, tuple[str, float, tuple[str, ...]]] = {
    "drones_per_attack": ("red", 0.5, ("red_operations",)),
    "rockets_per_attack": ("red", 0.2, ("red_operations",)),
    "team_move": ("red", 0.1, ("red_operations",)),
    "team_range": ("red", 0.06, ("red_operations",)),
    "air_defence": ("red", 0.3, ("blue_air",)),
    "resupply": ("red", 0.3, ("strategic",)),
    "sorties": ("blue", 0.6, ("blue_isr", "blue_air")),
    "strike_sorties": ("blue", 0.7, ("blue_air",)),
    "isr_sorties": ("blue", 0.45, ("blue_isr",)),
    "isr_range": ("blue", 0.04, ("blue_isr",)),
    "search_radius": ("blue", 0.4, ("blue_isr",)),
    "counter_drone": ("blue", 0.35, ("blue_reaction",)),
}


_SHARED: WeakKeyDictionary[Rulebook, dict[str, dict]] = WeakKeyDictionary()


class Stakes:
    """The scenario's victory conditions, read once per rulebook for quick valuing."""

    def __init__(self, rules: Rulebook):
        self.rules = rules
        v = rules.scenario.victory
        self.margin = v.margin
        self.objectives = list(v.objectives)
        # piece -> [(objective, how)], how: "undamaged", "survive", "destroyed"
        self.by_piece: dict[str, list[tuple[Any, str]]] = {}
        self.by_stat: dict[str, list[tuple[Any, str, int]]] = {}  # stat -> (objective, "most"/"least", n)
        self.by_track: dict[str, list[tuple[Any, str, int]]] = {}  # track -> (objective, "most"/"least", n)
        for obj in self.objectives:
            w = obj.when
            for pid in w.pieces_undamaged or ():
                self.by_piece.setdefault(pid, []).append((obj, "undamaged"))
            for pid in w.pieces_survive or ():
                self.by_piece.setdefault(pid, []).append((obj, "survive"))
            if w.pieces_destroyed is not None:
                for pid in w.pieces_destroyed.pieces:
                    self.by_piece.setdefault(pid, []).append((obj, "destroyed"))
            for stat, n in (w.stat_at_most or {}).items():
                self.by_stat.setdefault(stat, []).append((obj, "most", n))
            for stat, n in (w.stat_at_least or {}).items():
                self.by_stat.setdefault(stat, []).append((obj, "least", n))
            for tid, n in (w.track_at_most or {}).items():
                self.by_track.setdefault(tid, []).append((obj, "most", n))
            for tid, n in (w.track_at_least or {}).items():
                self.by_track.setdefault(tid, []).append((obj, "least", n))
        # thresholds that end the game when reached, by track: (level, who wins: a side, "cause" or None)
        self.enders: dict[str, list[tuple[int, str, str | None]]] = {}
        for tid, track in rules.tracks.items():
            for th in track.thresholds:
                if th.ends_game is not None:
                    r = th.ends_game.result
                    who = "cause" if r == "responsible_side_loses" else (None if r == "draw" else r)
                    self.enders.setdefault(tid, []).append((th.at, th.direction, who))
        # each stat an objective counts, and the count past which more of it changes nothing
        # to any objective (one past an "at most", the "at least" itself): a value kept for
        # reuse is kept per count up to there (`context`)
        caps: dict[str, int] = {}
        for stat, objectives in self.by_stat.items():
            for _, how, n in objectives:
                caps[stat] = max(caps.get(stat, 0), n + 1 if how == "most" else n)
        self._stat_caps = tuple(caps.items())
        self._cache: dict[tuple, float] = {}
        self._context: tuple | None = None  # the last view's context and the view (`context`)
        # What is a function of the rulebook alone, kept for every game played on it (a
        # player is made for each game): a track's move by (track, level, change, side,
        # actor), see track_value; a roll's rows and chances by its table's column and
        # modifier total; and the tactics' own (the hexes' distances to the US sites).
        shared = _SHARED.get(rules)
        if shared is None:
            shared = _SHARED[rules] = {}
        self.shared: dict[str, dict] = shared
        self._moves: dict[tuple, tuple[float, tuple, tuple[float, ...]]] = shared.setdefault("moves", {})
        self._rows: dict[tuple, tuple[tuple[float, list], ...]] = shared.setdefault("rows", {})
        self._chances: dict[tuple, float] = shared.setdefault("chances", {})
        self._rolls: dict[tuple, tuple[Situation, float]] | None = None  # the valuation under way's further rolls
        self.memo: dict[str, dict] = {}  # the tactics' caches, shared by all that use these stakes

    # --- one effect, one row, one roll ------------------------------------------------------

    def track_value(self, side: str, know, tid: str, change: int, actor: str | None) -> float:
        """A move of a track to `side`: a step of a track that favours a side, and the game's
        end if the move reaches a threshold that ends it (the actor's loss for a war it causes).

        All of it but the one-time effects of the thresholds it reaches is a function of the
        track's level, the move, the side and the actor alone (the rest is the scenario's),
        so that is worked out once (`_track_move`); the thresholds' effects, which read the
        rest of what the side knows, are valued each time, in the same order of sums."""
        old = know.tracks[tid]
        key = (tid, old, change, side, actor)
        got = self._moves.get(key)
        if got is None:
            got = self._moves[key] = self._track_move(side, tid, old, change, actor)
        value, reaching, ends = got
        for i, th in reaching:
            if (tid, i) not in know.reached:
                value += self.effects_value(side, know, th.on_reach, Situation(), actor, 3)
        for v in ends:
            value += v
        return value

    def _track_move(self, side: str, tid: str, old: int, change: int,
                    actor: str | None) -> tuple[float, tuple[tuple[int, Any], ...], tuple[float, ...]]:  # fmt: skip
        """A move's worth before its thresholds' one-time effects (the steps and objectives),
        the thresholds with such effects it reaches, and the worth of each end of the game
        it reaches or nears, to be added after them."""
        spec = self.rules.tracks[tid]
        new = max(spec.min, min(spec.max, old + change))
        if new == old:
            return 0.0, (), ()
        value = 0.0
        if spec.favours is not None:
            value += TRACK_STEP * (new - old) * (1 if spec.favours == side else -1)
        for obj, how, n in self.by_track.get(tid, ()):
            was, now = (old <= n, new <= n) if how == "most" else (old >= n, new >= n)
            if was != now:  # an objective on this track is met, or lost, by the move
                value += (obj.points if obj.side == side else -obj.points) * (1 if now else -1) * 0.7
        reaching = []
        for i, th in enumerate(spec.thresholds):
            reached = (new >= th.at > old) if th.direction == "up" else (new <= th.at < old)
            if reached and th.on_reach:
                reaching.append((i, th))
        ends = []
        for at, direction, who in self.enders.get(tid, ()):
            if (new >= at > old) if direction == "up" else (new <= at < old):
                winner = OTHER.get(actor) if who == "cause" and actor else who
                ends.append(WAR if winner == side else -WAR if winner is not None else -WAR / 3)
            elif direction == "up" and who == "cause" and new > old and new == at - 1 and actor == side:
                ends.append(-(WAR / 8))  # one step short of a war this side would be blamed for
        return value, tuple(reaching), tuple(ends)

    def effects_value(self, side: str, know, effects, sit: Situation, actor: str | None, depth: int = 0) -> float:
        value = 0.0
        target = sit.target
        for e in effects:
            verb = e.verb
            if verb == "vp":
                value += e.points if e.vp == side else -e.points
            elif verb == "track":
                value += self.track_value(side, know, e.track, e.change, actor)
            elif verb == "target" and target is not None and e.target in ("damage", "destroy"):
                value += self._hit_value(side, know, target, e.target)
            elif verb == "casualties" and target is not None:
                n = min(e.casualties, max(0, self.rules.value(know, target, "personnel") - target.casualties))
                if n:
                    value += self.stat_value(side, know, "us_casualties", n)
                    if e.vp_each:
                        value += e.vp_each * n * (1 if side != target.side else -1)
                    if e.then and depth < 4:
                        value += self.effects_value(side, know, e.then, sit, actor, depth + 1)
            elif verb in STAT_OF:
                value += self.stat_value(side, know, STAT_OF[verb], getattr(e, verb))
            elif verb == "roll" and depth < 4:
                value += self.roll_value(side, know, e.roll, sit, actor, depth + 1)
            elif verb in ("stock", "adjust", "draw", "confirm", "authorize"):
                value += self.choice_value(side, know, e, actor)
        return value

    def choice_value(self, side: str, know, e, actor: str | None) -> float:
        """What the effects of cards and operations are worth: stocks, the day's values, cards, reports."""
        rules = self.rules
        verb = e.verb
        if verb == "stock":
            sign = 1 if e.side == side else -1
            have = know.stocks.get(e.side, {}).get(e.stock) if e.side in know.stocks else None
            cap = rules.sides[e.side].stock_max.get(e.stock)
            n = e.change if have is None or cap is None else max(-have, min(e.change, cap - have))
            worth = 0.35 if e.stock == rules.drone_stock else 0.12 if e.stock == rules.rocket_stock else 0.1
            return sign * worth * n
        if verb == "adjust":
            helps, worth, phases = ADJUST_WORTH.get(e.adjust, (side, 0.0, ()))
            ahead = rules.sequence[know.phase:]
            if not any(ph in ahead for ph in phases):
                return 0.0
            return (1 if helps == side else -1) * worth * e.change
        if verb == "draw":
            return (1 if e.side == side else -1) * CARD_WORTH * e.draw
        if verb == "confirm":
            mine = actor == side
            unclear = sum(1 for p in know.pieces.values() if p.unconfirmed and p.side != actor)
            return (1 if mine else 0) * CONFIRM_WORTH * unclear
        if verb == "authorize":
            return AUTHORIZATION_WORTH * e.authorize * (1 if side == "blue" else -1)
        return 0.0

    def roll_value(self, side: str, know, table_id: str, sit: Situation, actor: str | None, depth: int = 0) -> float:
        """The expected worth of a roll on a table, over its exact outcomes.

        Rows of one table often roll the same further table (a hit, then its
        casualties): within one valuation the knowledge stands still, so each such
        roll is worked out once (kept with its situation, so no id is reused)."""
        memo = self._rolls
        outer = memo is None
        if outer:
            memo = self._rolls = {}
        else:
            key = (table_id, id(sit), side, actor, depth)
            got = memo.get(key)
            if got is not None:
                return got[1]
        try:
            total = 0.0
            for p, effects in self._weighted(self.rules.setup(table_id, know, sit)):
                total += p * self.effects_value(side, know, effects, sit, actor, depth)
        finally:
            if outer:
                self._rolls = None
        if not outer:
            memo[key] = (sit, total)
        return total

    def _weighted(self, setup) -> tuple[tuple[float, list], ...]:
        """The rows of a roll that do something, with their chances as floats (made once per setup)."""
        key = (setup.table.id, setup.column, setup.modifier)
        got = self._rows.get(key)
        if got is None:
            got = self._rows[key] = tuple((float(o.chance), o.row.effects) for o in Chance.outcomes(setup) if o.row.effects)
        return got

    def chance_of(self, table_id: str, know, sit: Situation, verb: str) -> float:
        """The chance that a roll lands on a row with an effect of this verb ('attack': stopped)."""
        setup = self.rules.setup(table_id, know, sit)
        key = (table_id, setup.column, setup.modifier, verb)
        got = self._chances.get(key)
        if got is None:
            got = self._chances[key] = float(
                sum(o.chance for o in Chance.outcomes(setup) if any(e.verb == verb for e in o.row.effects))
            )
        return got

    def _hit_value(self, side: str, know, target, what: str) -> float:
        if target.destroyed or (what == "damage" and target.damaged):
            return 0.0
        value = 0.0
        sign = 1 if target.side != side else -1
        if what == "destroy":
            value += sign * self.rules.piece_types[target.type].vp
        for obj, how in self.by_piece.get(target.id, ()):
            mine = 1 if obj.side == side else -1
            if how == "undamaged" or (how == "survive" and what == "destroy"):
                value -= mine * obj.points
            elif how == "destroyed" and what == "destroy":
                value += mine * obj.points / max(1, obj.when.pieces_destroyed.at_least)
        return value

    def stat_value(self, side: str, know, stat: str, n: int) -> float:
        """Adding `n` to a stat, against the objectives that count it (once broken, broken)."""
        value = 0.0
        have = know.stats.get(stat, 0)
        for obj, how, limit in self.by_stat.get(stat, ()):
            mine = 1 if obj.side == side else -1
            if how == "most" and have <= limit < have + n:
                value -= mine * obj.points
            elif how == "least" and have < limit:
                value += mine * obj.points * min(n, limit - have) / limit
        return value

    # --- commands -----------------------------------------------------------------------------

    def context(self, know, *pieces) -> tuple:
        """What a value kept for reuse (an attack's, a sortie's) reads of the state beyond
        the pieces' own type and damage: the tracks and the thresholds already reached, the
        counts of the stats objectives are made of, the day's changes of rule values (a
        card's extra counter-drone defence), what Blue's authorization is worth and the
        markers on the pieces (a site dug in or on alert). A value kept without one of
        these would be read again after it changed: a Red still weighing casualties
        against an objective already broken. `know` is taken as standing still while
        it is weighed again and again (as the players' views and imagined sides do)."""
        last = self._context
        if last is not None and last[0] is know:  # the same view, weighed again (a decision's many commands)
            base = last[1]
        else:
            stats = know.stats
            today = know.today
            base = (tuple(know.tracks.values()), len(know.reached),
                    tuple([min(stats.get(stat, 0), cap) for stat, cap in self._stat_caps]),
                    tuple(today.items()) if today else (), self.authorization_worth(know))  # fmt: skip
            self._context = (know, base)  # held, so its id is not another view's while kept
        markers = know.markers
        if not markers:
            return base
        ids = [p.id for p in pieces]
        return base + tuple([m for m in markers if m[1] in ids])

    def authorization_worth(self, know) -> float:
        """A point of Blue's authorization, in victory points: a sortie's worth while a
        militia site Blue knows of stands to be struck, much less once none does."""
        for pid in self.rules.side_pieces["red"]:
            p = know.pieces.get(pid)
            if p is not None and p.kind in ("facility", "depot") and not p.hidden and not p.destroyed:
                return EXPOSED_WORTH
        return AUTHORIZATION_WORTH / 2

    def quiet_value(self, side: str, know) -> float:
        """What a day without a militia attack is worth to `side`: the scenario's quiet-day
        effects and political rules that ask for one, and Blue's authorization lapsing."""
        rules = self.rules
        r = rules.scenario.rules
        value = self.effects_value(side, know, r.quiet_turn_effects, Situation(), None)
        for rule in r.politics:
            w = rule.when
            quiet = (w.today_at_most or {}).get("attacks") == 0 or (w.today_at_most or {}).get("attacks_declared") == 0
            if quiet and not w.today_at_least:
                value += self.effects_value(side, know, rule.effects, Situation(), None) * 0.7
        lapse = min(r.authorization.decay_without_attacks, know.tracks["authorization"])
        value += lapse * self.authorization_worth(know) * (1 if side == "red" else -1)
        return value

    def authorization_earned(self, know, team, target, kind: str) -> float:
        """The authorization an attack on `target` is expected to earn the other side:
        the attack itself, the site's type, the damage it may do and the casualties."""
        auth = self.rules.scenario.rules.authorization
        earned = float(auth.per_attack + auth.per_attack_on.get(target.type, 0))
        if auth.per_damage and not target.damaged:
            earned += auth.per_damage * 0.5
        if auth.per_casualty:
            earned += auth.per_casualty * 0.3
        return earned

    def attack_value(self, know, team, target, n: int, kind: str, memo: dict | None = None) -> float:
        """What an attack of `n` drones (or one salvo) is worth to the attacking side.

        `memo`, a dict the caller keeps while `know` stands still (one decision), holds
        what does not depend on `n` (the odds of getting through, a drone's worth,
        the attack's costs), so the salvos of one team at one site are weighed on one
        working-out; the arithmetic is the same, so the values are too."""
        side = team.side
        key = ("attack", team.type, team.damaged, target.id, target.damaged, n, kind, self.context(know, team, target))
        got = self._cache.get(key)
        if got is not None:
            return got
        parts = memo.get((id(team), id(target), kind)) if memo is not None else None
        if parts is None:
            parts = self._attack_parts(know, team, target, kind)
            if memo is not None:
                memo[(id(team), id(target), kind)] = parts
        through, each, tracks, cost = parts
        got = through * each * (1 + 0.6 * (n - 1)) if kind == "drone" else each
        for v in tracks:
            got += v
        got -= cost
        if len(self._cache) > 100_000:
            self._cache.clear()
        self._cache[key] = got
        return got

    def _attack_parts(self, know, team, target, kind: str) -> tuple[float, float, list[float], float]:
        """An attack's worth but for its size: the chance a drone gets through and what one
        is worth (a salvo's worth, for rockets), the tracks it moves, and what it earns Blue."""
        side = team.side
        sit = Situation(team, target, target.hex)
        rules = self.rules
        through = 0.0
        if kind == "drone":
            through = 1 - self.chance_of("counter_drone", know, sit, "attack")
            # breaking an objective happens once: the first drone through counts in full, later ones less
            each = self.roll_value(side, know, "drone_attack", sit, side) + self.stat_value(side, know, "drones_through", 1)
        else:
            each = self.roll_value(side, know, "rocket_attack", sit, side)
        tracks = [self.track_value(side, know, e.track, e.change, side) for e in rules.scenario.rules.attack_effects
                  if e.verb == "track"]  # fmt: skip
        cost = self.authorization_earned(know, team, target, kind) * self.authorization_worth(know) * (1 if side == "red" else -1)
        return through, each, tracks, cost

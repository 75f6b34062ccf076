"""Balance runs: many games between computer players, and what they say of a scenario.

A designer wants to know, before anyone plays, how often each side wins, how
games end, and which rules carry the weight. `run_games` plays game after game
(game `i` has dice seed `seed + i`, and its players' seeds follow from that),
sharded by ranges of seeds; each shard returns one small `GameRecord` per game,
and `summarize` turns the records, put back in seed order, into figures. The
figures depend only on the seeds, never on how the shards were spread over
processes or machines, so any number of jobs, or a Dask cluster, gives the
same ones.

How a game ended is read from the scenario itself: by points at the end (and
the margin), by a threshold that ends the game (with the side whose action
caused it, for a war the causer loses), or by an automatic victory.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from ..kinds import OTHER, SIDE_NAMES
from ..rules.rulebook import Rulebook
from .counters import Counts, count_game

SIDES = ("blue", "red")


@dataclass(frozen=True)
class Matchup:
    """Who plays: the kind of player of each side and the search player's level."""

    blue: str = "greedy"
    red: str = "greedy"
    level: str = "normal"


@dataclass(frozen=True)
class Shard:
    """Games `start` to `stop - 1` of a run (game i has dice seed `seed + i`)."""

    text: str  # the scenario's text (with any --set applied), so a worker needs no file
    name: str
    matchup: Matchup
    seed: int
    start: int
    stop: int


@dataclass
class GameRecord:
    index: int
    winner: str | None
    ending: str
    vp: dict[str, int]
    tracks: dict[str, int]
    objectives: list[str]
    rows: dict[str, int]  # "table:result" -> how often it came up
    turns: int
    counts: Counts | None = None  # the rest of what its log says (counters.py)


# --- playing ---------------------------------------------------------------------------

_RULEBOOKS: dict[str, Rulebook] = {}  # per process: one compiled scenario per text


def rulebook_of(text: str, name: str) -> Rulebook:
    from ..scenario.load import load_scenario_text, scenario_digest

    key = scenario_digest(text)
    rules = _RULEBOOKS.get(key)
    if rules is None:
        if len(_RULEBOOKS) > 8:
            _RULEBOOKS.clear()
        rules = _RULEBOOKS[key] = Rulebook(load_scenario_text(text, name))
    return rules


def play_shard(shard: Shard) -> list[GameRecord]:
    """Play the shard's games, in seed order (what a worker runs)."""
    rules = rulebook_of(shard.text, shard.name)
    return [play_one(rules, shard.matchup, shard.seed + i, i) for i in range(shard.start, shard.stop)]


def play_one(rules: Rulebook, matchup: Matchup, seed: int, index: int) -> GameRecord:
    from ..ai import make_player, player_seed
    from ..rules.effects import holds
    from ..rules.engine import Game

    g = Game(rules, seed, keep_undo=False)
    kinds = {"blue": matchup.blue, "red": matchup.red}
    players = {s: make_player(kinds[s], player_seed(seed, s), matchup.level) for s in SIDES}
    while not g.over:
        side = g.side_to_move
        g.apply(players[side].choose(g.decision(side)))  # type: ignore[index]
    st = g.state
    assert st.result is not None
    counts = count_game(g)
    met = [o.id for o in rules.scenario.victory.objectives if holds(g, o.when)]
    return GameRecord(index, st.result.winner, ending_of(rules, st.result), dict(st.vp), dict(st.tracks), met,
                      counts.rows, st.turn, counts)  # fmt: skip


def ending_of(rules: Rulebook, result) -> str:
    """How a game ended, in the scenario's words: 'points: Blue', 'Regional war (caused by Red)'."""
    s = rules.scenario
    for tid, track in s.tracks.items():
        for th in track.thresholds:
            if th.ends_game is not None and result.reason.startswith(th.ends_game.text):
                if th.ends_game.result == "responsible_side_loses":
                    cause = OTHER.get(result.winner) if result.winner else None
                    return f"{th.name} (caused by {SIDE_NAMES[cause] if cause else 'no side'})"
                return th.name
    for auto in s.victory.automatic:
        if result.reason.startswith(auto.text):
            return f"automatic victory: {SIDE_NAMES[auto.side]}"
    return f"points: {SIDE_NAMES[result.winner]}" if result.winner else "points: draw"


def shards(text: str, name: str, matchup: Matchup, games: int, seed: int, size: int) -> list[Shard]:
    return [Shard(text, name, matchup, seed, a, min(games, a + size)) for a in range(0, games, size)]


# --- figures -------------------------------------------------------------------------------


def wilson(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """The 95% Wilson score interval of k successes in n trials."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass
class Figures:
    games: int
    matchup: dict[str, str]
    seed: int
    wins: dict[str, int]
    draws: int
    rate_all: dict[str, dict[str, Any]]
    rate_decided: dict[str, dict[str, Any]]
    endings: dict[str, int]
    vp: dict[str, dict[int, int]]
    vp_difference: dict[int, int]
    tracks: dict[str, dict[int, int]]
    objectives: dict[str, int]
    rows: dict[str, dict[str, int]]
    turns: dict[int, int] = field(default_factory=dict)
    choices: dict[str, Any] = field(default_factory=dict)  # what the counters add up to (choices_figures)

    def as_data(self) -> dict[str, Any]:
        def keyed(d: dict) -> dict:
            return {str(k): v for k, v in sorted(d.items())}

        return {
            "games": self.games, "matchup": self.matchup, "seed": self.seed, "wins": self.wins, "draws": self.draws,
            "win_rate": self.rate_all, "win_rate_of_decided": self.rate_decided, "endings": self.endings,
            "vp": {s: keyed(v) for s, v in self.vp.items()}, "vp_difference": keyed(self.vp_difference),
            "tracks": {t: keyed(v) for t, v in self.tracks.items()}, "objectives": self.objectives,
            "table_rows": self.rows, "turns": keyed(self.turns), **self.choices,
        }  # fmt: skip


def summarize(rules: Rulebook, records: Iterable[GameRecord], matchup: Matchup, seed: int) -> Figures:
    """The figures of a run, from its games' records (in any order: they are sorted by seed)."""
    recs = sorted(records, key=lambda r: r.index)
    n = len(recs)
    wins = {s: sum(r.winner == s for r in recs) for s in SIDES}
    draws = n - wins["blue"] - wins["red"]
    decided = wins["blue"] + wins["red"]

    def rate(k: int, m: int) -> dict[str, Any]:
        lo, hi = wilson(k, m)
        return {"wins": k, "of": m, "rate": k / m if m else None, "low": lo, "high": hi}

    endings = Counter(r.ending for r in recs)
    objectives = {o.id: sum(o.id in r.objectives for r in recs) for o in rules.scenario.victory.objectives}
    rows: dict[str, dict[str, int]] = {}
    for tid, table in rules.tables.items():
        results = dict.fromkeys(dict.fromkeys(row.result for col in table.rows for row in col), 0)
        rows[tid] = results
    for r in recs:
        for key, count in r.rows.items():
            tid, result = key.split(":", 1)
            rows.setdefault(tid, {}).setdefault(result, 0)
            rows[tid][result] += count
    return Figures(
        n, {"blue": matchup.blue, "red": matchup.red, "level": matchup.level}, seed, wins, draws,
        {s: rate(wins[s], n) for s in SIDES}, {s: rate(wins[s], decided) for s in SIDES},
        dict(sorted(endings.items(), key=lambda kv: (-kv[1], kv[0]))),
        {s: dict(Counter(r.vp[s] for r in recs)) for s in SIDES},
        dict(Counter(r.vp["blue"] - r.vp["red"] for r in recs)),
        {t: dict(Counter(r.tracks[t] for r in recs)) for t in rules.tracks},
        objectives, rows, dict(Counter(r.turns for r in recs)), choices_figures(rules, recs),
    )  # fmt: skip


def choices_figures(rules: Rulebook, recs: list[GameRecord]) -> dict[str, Any]:
    """Games in which each thing happened (tracks up and down, finds, columns, cards...)."""
    counted = [r.counts for r in recs if r.counts is not None]
    n = len(counted)

    def games(pick) -> int:
        return sum(1 for c in counted if pick(c))

    columns: dict[str, dict[str, int]] = {}
    for tid, table in rules.tables.items():
        if table.columns[0] is not None:
            columns[tid] = {col: games(lambda c, k=f"{tid}:{col}": k in c.columns) for col in table.columns}
    hidden = [p.id for p in rules.scenario.pieces if p.hidden]
    cards: dict[str, dict[str, int]] = {}
    for cid in rules.cards:
        cards[cid] = {use: sum(c.cards.get(f"{cid}:{use}", 0) for c in counted) for use in ("event", "ops")}
    points: Counter[str] = Counter()
    for c in counted:
        points.update(c.points)
    return {
        "games_counted": n,
        "tracks_moved": {tid: {"rose": games(lambda c, t=tid: t in c.rose), "fell": games(lambda c, t=tid: t in c.fell),
                               "top_after_turn_1": games(lambda c, t=tid: t in c.top_after_first)}
                         for tid in rules.tracks},
        "beyond_authorization": {"games": games(lambda c: c.unauthorized > 0), "sorties": sum(c.unauthorized for c in counted)},
        "quiet_days": {"games": games(lambda c: c.quiet_days > 0), "days": sum(c.quiet_days for c in counted)},
        "detected": {pid: games(lambda c, p=pid: p in c.detected) for pid in hidden},
        "table_columns": columns,
        "cards_played": cards,
        "points_by_reason": {k: v / max(1, n) for k, v in sorted(points.items())},
    }  # fmt: skip


def merge(parts: Sequence[list[GameRecord]]) -> list[GameRecord]:
    return sorted((r for part in parts for r in part), key=lambda r: r.index)

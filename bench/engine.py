"""Engine benchmark, run by hand: `python bench/engine.py [SCENARIO]`.

Prints, on the default scenario, each figure beside its target:
- full games per second with random legal players on one core (target >= 200),
- the time of one `legal_commands` call, median over every state of those games (target < 0.5 ms),
- the time of one exact `odds` call, uncached (target < 0.2 ms),
and, for information, games per second with the greedy players and the time to
write a game record (which replays the game to hash every step).
"""

from __future__ import annotations

import statistics
import sys
import time

from wargame.ai import make_player
from wargame.ai.random_player import RandomPlayer
from wargame.record import save_text
from wargame.resources import DEFAULT_SCENARIO, find_scenario
from wargame.rules.engine import Game
from wargame.rules.rulebook import Rulebook, Situation
from wargame.scenario.load import load_scenario


def play(rules: Rulebook, seed: int, kind: str = "random") -> Game:
    g = Game(rules, seed)
    players = {"blue": make_player(kind, seed), "red": make_player(kind, seed + 1)}
    while not g.over:
        side = g.side_to_move
        g.apply(players[side].choose(g.decision(side)))
    return g


def games_per_second(rules: Rulebook, kind: str, seconds: float) -> tuple[float, float]:
    n, commands = 0, 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        g = play(rules, n, kind)
        commands += len(g.history)
        n += 1
    elapsed = time.perf_counter() - start
    return n / elapsed, commands / n


def legal_commands_times(rules: Rulebook, games: int) -> list[float]:
    times = []
    for seed in range(games):
        g = Game(rules, seed)
        p = RandomPlayer(seed)
        while not g.over:
            t = time.perf_counter()
            legal = g.legal_commands()
            times.append(time.perf_counter() - t)
            g.apply(p.rng.choice(legal))
    return times


def odds_times(rules: Rulebook, calls: int) -> list[float]:
    """Uncached: each call clears the table's cache, so the numpy work is timed."""
    g = Game(rules, 0)
    st = g.state
    flight = next(p for p in st.pieces.values() if p.kind == "strike_flight")
    targets = [p for p in st.pieces.values() if p.side == "red"]
    times = []
    table = rules.tables["strike"]
    for i in range(calls):
        target = targets[i % len(targets)]
        table._odds.clear()
        t = time.perf_counter()
        setup = rules.setup("strike", st, Situation(flight, target, target.hex))
        setup.odds()
        times.append(time.perf_counter() - t)
    return times


def line(label: str, value: str, target: str, ok: bool) -> None:
    print(f"{label:<44} {value:>14}   target {target:<10} {'ok' if ok else 'MISSED'}")


def main() -> int:
    name = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_SCENARIO
    path = find_scenario(name)
    if path is None:
        print(f"no scenario {name!r}", file=sys.stderr)
        return 2
    rules = Rulebook(load_scenario(path))
    print(f"scenario {name}, one core, Python {sys.version.split()[0]}")
    play(rules, 10_000)  # warm the rulebook's caches as any long session would
    rate, per_game = games_per_second(rules, "random", 5.0)
    line("full games/s, random legal players", f"{rate:,.0f}", ">= 200", rate >= 200)
    print(f"{'':<44} {per_game:>14.0f}   commands a game")
    lc = legal_commands_times(rules, 60)
    med = statistics.median(lc) * 1e3
    line("legal_commands, median", f"{med:.3f} ms", "< 0.5 ms", med < 0.5)
    print(f"{'':<44} {statistics.quantiles(lc, n=100)[98] * 1e3:>11.3f} ms   99th percentile")
    od = odds_times(rules, 2000)
    med = statistics.median(od) * 1e3
    line("exact odds (strike table, uncached), median", f"{med:.3f} ms", "< 0.2 ms", med < 0.2)
    greedy, _ = games_per_second(rules, "greedy", 3.0)
    print(f"{'full games/s, greedy players':<44} {greedy:>14,.0f}   (information)")
    g = play(rules, 5)
    t = time.perf_counter()
    save_text(g)
    print(f"{'writing a game record (replay + hashes)':<44} {(time.perf_counter() - t) * 1e3:>11.1f} ms   (information)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Engine benchmark, run by hand: `python bench/engine.py [SCENARIO]`.

Every figure is CPU time as a multiple of the reference loop (bench/reference.py:
one million `s += i * i`, about 58 ms on the machine the targets were set on),
measured in the same process. On the default scenario, beside its target:

- one `legal_commands` call, median over every state of 60 random games
  (target <= 0.0086 reference, i.e. 0.5 ms at 58 ms),
- one exact `odds` call with the table's cache cleared, so the numpy work is
  timed (target <= 0.0034 reference, i.e. 0.2 ms),
- one `preview` of a sortie with the exact chance of every threshold it may
  cross, as the odds card asks when a target is chosen (target <= 0.01
  reference, 0.6 ms: well inside a frame),
and, for information, writing a game record (which replays the game to hash
every step). Whole games and the scaled scenario are in bench/simulate.py.
"""

from __future__ import annotations

import statistics
import sys
import time

from reference import line, reference

from wargame.ai.random_player import RandomPlayer
from wargame.record import save_text
from wargame.resources import DEFAULT_SCENARIO, find_scenario
from wargame.rules.commands import EndPhase, FlySortie
from wargame.rules.engine import Game
from wargame.rules.rulebook import Rulebook, Situation
from wargame.scenario.load import load_scenario

clock = time.process_time


def play(rules: Rulebook, seed: int) -> Game:
    g = Game(rules, seed)
    p = RandomPlayer(seed)
    while not g.over:
        g.apply(p.choose(g.decision()))
    return g


def legal_commands_times(rules: Rulebook, games: int) -> list[float]:
    times = []
    for seed in range(games):
        g = Game(rules, seed)
        p = RandomPlayer(seed)
        while not g.over:
            t = clock()
            legal = g.legal_commands()
            times.append(clock() - t)
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
        t = clock()
        rules.setup("strike", st, Situation(flight, target, target.hex)).odds()
        times.append(clock() - t)
    return times


def preview_times(rules: Rulebook, calls: int) -> list[float]:
    g = Game(rules, 0)
    while g.phase != "blue_air":
        g.apply(EndPhase())
    sorties = [c for c in g.legal_commands() if isinstance(c, FlySortie)]
    times = []
    for i in range(calls):
        t = clock()
        g.preview(sorties[i % len(sorties)])
        times.append(clock() - t)
    return times


def main() -> int:
    name = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_SCENARIO
    path = find_scenario(name)
    if path is None:
        print(f"no scenario {name!r}", file=sys.stderr)
        return 2
    rules = Rulebook(load_scenario(path))
    ref = reference()
    print(f"scenario {name}, Python {sys.version.split()[0]}, reference {ref * 1e3:.1f} ms CPU")
    for seed in range(1000, 1100):
        play(rules, seed)  # warm the rulebook's caches as any long session would
    lc = legal_commands_times(rules, 60)
    print(line("legal_commands, median", statistics.median(lc) / ref, 0.0086))
    print(line("legal_commands, 99th percentile", statistics.quantiles(lc, n=100)[98] / ref))
    od = odds_times(rules, 2000)
    print(line("exact odds (strike table, uncached), median", statistics.median(od) / ref, 0.0034))
    pv = preview_times(rules, 500)
    print(line("preview of a sortie with thresholds, median", statistics.median(pv) / ref, 0.01))
    g = play(rules, 5)
    t = clock()
    save_text(g)
    print(line(f"writing a game record ({len(g.history)} steps)", (clock() - t) / ref) + "   (information)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

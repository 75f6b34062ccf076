"""Simulation benchmark, run by hand: `python bench/simulate.py [SCENARIO] [--strength N]`.

Every figure is CPU time as a multiple of the reference loop (bench/reference.py)
measured in the same process, so machines and noise matter less. On the
default (June) scenario, with the rulebook's caches warm as in any long run:

- a whole game between random legal players (target <= 0.06 reference),
- a whole game between greedy players (target <= 0.25 reference),
  each the best of five rounds, every round beside a reference of its own (the
  reference is a best of five too; the median is printed beside it),
- the scenario scaled by copying its Red teams and US sites 1, 2, 4 and 8
  times: the cost of one command and of one Red operations phase, each as a
  multiple of the unscaled one, beside the multiple of pieces. One command
  must not grow faster than the number of pieces.

- the search player (`ai`) against greedy, at `fast` and `normal`: the CPU time
  its own moves cost in a whole game (targets <= 20 and <= 100 references) and
  its slowest move (target <= 1 s at `normal`), over `--search-games` games a side.

`--strength N` also plays N games each way of greedy against random (target:
greedy wins >= 80% of decided games on each side) and, with `--search-strength N`,
N games each way of the search player at `normal` against greedy (target >= 70%),
each with its 95% Wilson interval. The same tables come from `wargame simulate
--games N --blue ai --red greedy` (and the other pairings), on 2 cores with --jobs 2.
"""

from __future__ import annotations

import argparse
import sys
import time

from reference import in_references, line, reference

from wargame.ai import make_player, player_seed
from wargame.analysis.balance import wilson
from wargame.kinds import TEAMS, US_SITES
from wargame.resources import DEFAULT_SCENARIO, find_scenario
from wargame.rules.engine import Game
from wargame.rules.rulebook import Rulebook
from wargame.scenario.load import LoadedScenario, load_scenario


def play(rules: Rulebook, seed: int, blue: str, red: str, timing: dict | None = None, level: str = "normal") -> Game:
    """One game to its end; with `timing`, the CPU time of each Red operations command is added up."""
    g = Game(rules, seed, keep_undo=False)
    players = {"blue": make_player(blue, player_seed(seed, "blue"), level),
               "red": make_player(red, player_seed(seed, "red"), level)}  # fmt: skip
    clock = time.process_time
    while not g.over:
        side = g.side_to_move
        if timing is not None and g.phase == "red_operations":
            t = clock()
            g.apply(players[side].choose(g.decision(side)))
            timing["red"] += clock() - t
            if g.phase != "red_operations":
                timing["phases"] += 1
        else:
            g.apply(players[side].choose(g.decision(side)))
    return g


def search_costs(rules: Rulebook, seed: int, side: str, level: str) -> tuple[float, float]:
    """CPU seconds of the search player's own moves in one game against greedy, and its slowest move."""
    g = Game(rules, seed, keep_undo=False)
    players = {s: make_player("greedy", player_seed(seed, s)) for s in ("blue", "red")}
    players[side] = make_player("ai", player_seed(seed, side), level)
    clock = time.process_time
    own = worst = 0.0
    while not g.over:
        mover = g.side_to_move
        d = g.decision(mover)
        t = clock()
        c = players[mover].choose(d)
        t = clock() - t
        if mover == side:
            own += t
            worst = max(worst, t)
        g.apply(c)
    return own, worst


def games(rules: Rulebook, seeds: range, kind: str) -> int:
    commands = 0
    for s in seeds:
        commands += len(play(rules, s, kind, kind).history)
    return commands


def scaled(loaded: LoadedScenario, copies: int) -> Rulebook:
    """The scenario with each Red team and US site standing `copies` times (same hexes, new ids)."""
    s = loaded.scenario
    extra = []
    for n in range(2, copies + 1):
        for p in s.pieces:
            if s.piece_types[p.type].kind in TEAMS + US_SITES:
                extra.append(p.model_copy(update={"id": f"{p.id}_{n}", "name": f"{p.name} {n}"}))
    return Rulebook(LoadedScenario(s.model_copy(update={"pieces": list(s.pieces) + extra}), loaded.text, loaded.path))


def search_figures(rules: Rulebook, n: int) -> None:
    """The search player's cost a game at `fast` and `normal`, each side, over `n` games a side."""
    print("\nthe search player against greedy: CPU of its own moves, each side")
    for level, target in (("fast", 20.0), ("normal", 100.0)):
        slowest = 0.0
        for side in ("blue", "red"):
            costs = []
            for seed in range(n):
                # this host's speed drifts within seconds: the reference is taken on both sides
                # of the game, and the game set against their mean
                before = reference()
                own, worst = search_costs(rules, seed, side, level)
                costs.append(own / ((before + reference()) / 2))
                slowest = max(slowest, worst)
            costs.sort()
            print(line(f"search {side.capitalize()} game at {level} (median of {len(costs)})", costs[len(costs) // 2],
                       target) + f"   (most {costs[-1]:.3g})")  # fmt: skip
        if level == "normal":
            print(line("slowest search move at normal", slowest, 1.0, unit="s"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("scenario", nargs="?", default=DEFAULT_SCENARIO)
    ap.add_argument(
        "--strength", type=int, default=0, metavar="N", help="also play N games each way, greedy against random"
    )
    ap.add_argument("--search-games", type=int, default=5, metavar="N",
                    help="games a side for the search player's costs (default 5; 0 leaves them out)")  # fmt: skip
    ap.add_argument("--search-strength", type=int, default=0, metavar="N",
                    help="also play N games each way, the search player at normal against greedy")  # fmt: skip
    args = ap.parse_args()
    path = find_scenario(args.scenario)
    if path is None:
        print(f"no scenario {args.scenario!r}", file=sys.stderr)
        return 2
    loaded = load_scenario(path)
    rules = Rulebook(loaded)
    ref = reference()
    print(f"scenario {args.scenario}, Python {sys.version.split()[0]}, reference {ref * 1e3:.1f} ms CPU")

    games(rules, range(1000, 1300), "random")  # warm the rulebook's caches, as any long run does
    n = 100
    cmds = games(rules, range(n), "random")
    cost, median = (x / n for x in in_references(lambda: games(rules, range(n), "random")))
    print(line("random legal game (best of 5)", cost, 0.06)
          + f"   (median {median:.3g}; {cmds / n:.0f} commands, {cost / (cmds / n):.2g} ref each)")

    games(rules, range(1000, 1020), "greedy")
    n = 20
    cmds = games(rules, range(n), "greedy")
    cost, median = (x / n for x in in_references(lambda: games(rules, range(n), "greedy")))
    print(line("greedy game (best of 5)", cost, 0.25)
          + f"   (median {median:.3g}; {cmds / n:.0f} commands, {cost / (cmds / n):.2g} ref each)")

    print("\nscaled: Red teams and US sites copied k times (random players, 30 games each)")
    print(
        f"{'k':>3} {'pieces':>7} {'x pieces':>9} {'commands':>9} {'x command':>10} {'x Red phase':>12}   one command ≤ pieces"
    )
    base = None
    for k in (1, 2, 4, 8):
        rk = scaled(loaded, k)
        seeds = range(30)
        for s in range(2000, 2010):
            play(rk, s, "random", "random")
        timing = {"red": 0.0, "phases": 0}
        t = time.process_time()
        commands = sum(len(play(rk, s, "random", "random", timing).history) for s in seeds)
        per_command = (time.process_time() - t) / commands
        per_phase = timing["red"] / max(1, timing["phases"])
        pieces = len(rk.piece_specs)
        if base is None:
            base = (pieces, per_command, per_phase)
        xp, xc, xr = pieces / base[0], per_command / base[1], per_phase / base[2]
        print(
            f"{k:>3} {pieces:>7} {xp:>9.2f} {commands / len(seeds):>9.0f} {xc:>10.2f} {xr:>12.2f}   {'ok' if xc <= xp else 'MISSED'}"
        )

    if args.search_games > 0:
        search_figures(rules, args.search_games)
    pairings = []
    if args.strength:
        pairings += [("greedy", "random", args.strength, 0.8, "blue"), ("random", "greedy", args.strength, 0.8, "red")]
    if args.search_strength:
        n = args.search_strength
        pairings += [("ai", "greedy", n, 0.7, "blue"), ("greedy", "ai", n, 0.7, "red")]
    if pairings:
        print()
    for blue, red, n, target, side in pairings:
        won = {"blue": 0, "red": 0, None: 0}
        for s in range(n):
            won[play(rules, s, blue, red).state.result.winner] += 1
        decided = won["blue"] + won["red"]
        lo, hi = wilson(won[side], decided)
        rate = won[side] / max(1, decided)
        print(f"{blue} Blue v {red} Red: {side} wins {won[side]}, loses {decided - won[side]}, draws {won[None]}; "
              f"{rate:.0%} of decided games [{lo:.0%}-{hi:.0%}]   target >= {target:.0%} {'ok' if rate >= target else 'MISSED'}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

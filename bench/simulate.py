"""Simulation benchmark, run by hand: `python bench/simulate.py [SCENARIO] [--strength N]`.

Every figure is CPU time as a multiple of the reference loop (bench/reference.py)
measured in the same process, so machines and noise matter less. On the
default (June) scenario, with the rulebook's caches warm as in any long run:

- a whole game between random legal players (target <= 0.06 reference),
- a whole game between greedy players (target <= 0.25 reference),
  each the median of five rounds, every round beside a reference of its own,
- the scenario scaled by copying its Red teams and US sites 1, 2, 4 and 8
  times: the cost of one command and of one Red operations phase, each as a
  multiple of the unscaled one, beside the multiple of pieces. One command
  must not grow faster than the number of pieces.

`--strength N` also plays N games of greedy Blue against random Red and N of
random Blue against greedy Red, and prints the win rates.
"""

from __future__ import annotations

import argparse
import sys
import time

from reference import in_references, line, reference

from wargame.ai import make_player
from wargame.kinds import TEAMS, US_SITES
from wargame.resources import DEFAULT_SCENARIO, find_scenario
from wargame.rules.engine import Game
from wargame.rules.rulebook import Rulebook
from wargame.scenario.load import LoadedScenario, load_scenario


def play(rules: Rulebook, seed: int, blue: str, red: str, timing: dict | None = None) -> Game:
    """One game to its end; with `timing`, the CPU time of each Red operations command is added up."""
    g = Game(rules, seed, keep_undo=False)
    players = {"blue": make_player(blue, seed * 2 + 1), "red": make_player(red, seed * 2 + 2)}
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("scenario", nargs="?", default=DEFAULT_SCENARIO)
    ap.add_argument(
        "--strength", type=int, default=0, metavar="N", help="also play N games each way, greedy against random"
    )
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
    cost = in_references(lambda: games(rules, range(n), "random")) / n
    print(line("random legal game", cost, 0.06) + f"   ({cmds / n:.0f} commands, {cost / (cmds / n):.2g} ref each)")

    games(rules, range(1000, 1020), "greedy")
    n = 20
    cmds = games(rules, range(n), "greedy")
    cost = in_references(lambda: games(rules, range(n), "greedy")) / n
    print(line("greedy game", cost, 0.25) + f"   ({cmds / n:.0f} commands, {cost / (cmds / n):.2g} ref each)")

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

    if args.strength:
        print()
        for blue, red in (("greedy", "random"), ("random", "greedy")):
            won = {"blue": 0, "red": 0, None: 0}
            for s in range(args.strength):
                won[play(rules, s, blue, red).state.result.winner] += 1
            side = "blue" if blue == "greedy" else "red"
            decided = won["blue"] + won["red"]
            print(f"greedy {side} against random: wins {won[side]} of {args.strength} "
                  f"({won[side] / args.strength:.0%}; {won[side] / max(1, decided):.0%} of decided games), draws {won[None]}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Replay benchmark, run by hand: `python bench/replay.py [--limits]`.

Every figure is CPU time in multiples of a reference measured in the same
process (a plain loop of one million `s += i * i`, best of five calls), so it
reads the same on a faster or slower machine. On a full game of the June
scenario (greedy against greedy), it prints each figure beside its target:
- seeking to any step with the replay iterator, worst and median over every
  step in a shuffled order (target at most 0.25 reference),
- `wargame replay SAVE --verify` of the whole game in this process, reading the
  save from disk and its scenario afresh (target at most 1 reference),
- `wargame report SAVE` of the whole game in this process: a board picture for each
  turn, the charts, the page (target at most 60 references),
and, for information, seeking to an event inside a step and building the
iterator. With `--limits`, it also builds a save at the replay-work limit (499
pieces) and times loading it, the worst case the limits allow (docs/save-format.md).
"""

from __future__ import annotations

import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from wargame import record
from wargame.ai import make_player
from wargame.ai.random_player import RandomPlayer
from wargame.cli import main as wargame
from wargame.record import save_game
from wargame.replay import Replay
from wargame.resources import find_scenario
from wargame.rules.engine import Game
from wargame.rules.rulebook import Rulebook
from wargame.scenario.load import load_scenario, load_scenario_text

JUNE = "border_strikes_2021"


def reference() -> float:
    """CPU seconds of one million `s += i * i`, best of five."""
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        s = 0
        for i in range(1_000_000):
            s += i * i
        best = min(best, time.process_time() - start)
    return best


def cpu(fn, *args) -> float:
    start = time.process_time()
    fn(*args)
    return time.process_time() - start


def full_game(rules: Rulebook, seed: int) -> Game:
    g = Game(rules, seed)
    players = {"blue": make_player("greedy", seed), "red": make_player("greedy", seed + 1)}
    while not g.over:
        g.apply(players[g.side_to_move].choose(g.decision(g.side_to_move)))
    return g


def line(label: str, value: float, ref: float, target: float | None) -> None:
    x = value / ref
    goal = f"target <= {target:g}" if target is not None else "(information)"
    verdict = ("ok" if x <= target else "MISSED") if target is not None else ""
    print(f"{label:<52} {x:>8.3f} ref  {value * 1e3:>8.2f} ms   {goal:<15} {verdict}")


def verify(path: Path) -> None:
    record._RULEBOOKS.clear()  # read the embedded scenario afresh, as a new process would
    code = wargame(["replay", str(path), "--verify"])
    assert code == 0, code


def limit_save(folder: Path) -> Path:
    """A save at the replay-work limit: the June scenario with 96 more copies of each
    team (499 pieces), no early end, random players, as many steps as the limit allows."""
    text = find_scenario(JUNE).read_text(encoding="utf-8")  # type: ignore[union-attr]
    text = re.sub(r"\n        ends_game: \{[^\n]*\}", "", text.replace("\n  count: 8\n", "\n  count: 365\n"))
    text = text.replace("at_least: 20, text: The militias'", "at_least: 99999, text: The militias'").replace("vp_max: 30", "vp_max: 1000")
    text = text.replace("{drones: 6, rockets: 10}", "{drones: 9999, rockets: 9999}").replace("{drones: 12, rockets: 20}", "{drones: 9999, rockets: 9999}")
    copies = [f"  - {{id: {m[1]}_{k}, {m[2]}" for m in re.finditer(r"(?m)^  - \{id: (team_\w+|rockets_\w+), (.*)$", text) for k in range(96)]
    text = text.replace("\ntracks:", "\n" + "\n".join(copies) + "\n\ntracks:", 1)
    rules = Rulebook(load_scenario_text(text, "limit"))
    most = record.MAX_REPLAY_WORK // (len(rules.scenario.pieces) + record.STEP_OVERHEAD)
    g = Game(rules, 1)
    p = RandomPlayer(1)
    while not g.over and len(g.history) < most:
        g.apply(p.choose(g.decision(g.side_to_move)))
    path = folder / "limit.wgsave"
    save_game(path, g)
    print(f"{'':<52} save at the limit: {len(rules.scenario.pieces)} pieces, {len(g.history)} steps, {path.stat().st_size / 2**20:.2f} MiB")
    return path


def main() -> int:
    ref = reference()
    print(f"reference: {ref * 1e3:.1f} ms (one million s += i * i, best of five), Python {sys.version.split()[0]}")
    rules = Rulebook(load_scenario(find_scenario(JUNE)))  # type: ignore[arg-type]
    game = full_game(rules, 11)
    print(f"a full game of {JUNE}: {len(game.history)} steps, {len(game.log)} events, turn {game.state.turn}")

    built = cpu(Replay.from_game, game)
    replay = Replay.from_game(game)
    order = list(range(len(replay)))
    random.Random(1).shuffle(order)
    seeks = [cpu(replay.game_at, i) for i in order]
    line("seek to any step, worst", max(seeks), ref, 0.25)
    line("seek to any step, median", statistics.median(seeks), ref, 0.25)
    events = list(range(len(replay.events)))
    random.Random(2).shuffle(events)
    inside = [cpu(replay.game_at_event, k) for k in events]
    line("seek to any event, worst", max(inside), ref, None)
    line("seek to any event, median", statistics.median(inside), ref, None)
    line("build the iterator (replays the game once)", built, ref, None)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "june.wgsave"
        save_game(path, game)
        verify(path)  # warm the code paths once
        from io import StringIO
        import contextlib

        with contextlib.redirect_stdout(StringIO()):
            times = [cpu(verify, path) for _ in range(5)]
        line("wargame replay --verify, whole game (best of 5)", min(times), ref, 1.0)
        with contextlib.redirect_stdout(StringIO()):
            report = cpu(wargame, ["report", str(path), "--out", str(Path(folder) / "report")])
        line("wargame report of the whole game (boards, charts, log)", report, ref, 60.0)
        if "--limits" in sys.argv[1:]:
            big = limit_save(Path(folder))
            with contextlib.redirect_stdout(StringIO()):
                loaded = cpu(verify, big)
            line("load a save at the replay-work limit", loaded, ref, None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

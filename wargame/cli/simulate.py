"""`wargame simulate`: many games between computer players, and the figures of a scenario's balance."""

from __future__ import annotations

import argparse
import time

from ..errors import InputError
from ..resources import DEFAULT_SCENARIO
from .args import command, scenario_path, seed
from .players import add_player_options


MAX_GAMES = 1_000_000  # a million games is hours of play on any machine; more is a slip of the keyboard
MAX_JOBS = 256  # worker processes on one machine


def _count(text: str, most: int | None = None) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: at least 1")
    if most is not None and n > most:
        raise argparse.ArgumentTypeError(f"{text!r}: at most {most:,}")
    return n


def _games(text: str) -> int:
    return _count(text, MAX_GAMES)


def _jobs(text: str) -> int:
    return _count(text, MAX_JOBS)


def register(sub) -> None:
    p = command(sub, "simulate", _simulate, "play many games between computer players and print the scenario's balance")
    p.add_argument("scenario", nargs="?", default=DEFAULT_SCENARIO, metavar="SCENARIO",
                   help=f"scenario file or shipped name (default {DEFAULT_SCENARIO})")  # fmt: skip
    p.add_argument("--games", type=_games, required=True, metavar="N", help="how many games to play")
    add_player_options(p, computers_only=True)
    p.add_argument("--seed", type=seed, default=1, help="dice seed of the first game; game i has seed+i (default 1)")
    p.add_argument("--jobs", type=_jobs, default=1, metavar="J", help="worker processes on this machine (default 1)")
    p.add_argument("--set", dest="settings", action="append", default=[], metavar="PATH=VALUE",
                   help="change a scenario value for this run, e.g. tracks.authorization.start=0 (list items by id)")  # fmt: skip
    p.add_argument("--report", metavar="DIR", help="also write the figures as JSON and the charts as PNG into DIR")
    p.add_argument("--cluster", metavar="ADDRESS", help="play the games on a Dask cluster (tcp://HOST:PORT)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def _simulate(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..analysis.balance import Matchup
    from ..analysis.balance_report import format_figures, write_report
    from ..analysis.overrides import apply_overrides
    from ..analysis.runner import CLUSTER_EXTRA, simulate
    from ..scenario.load import load_scenario

    if args.cluster:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise InputError.single("wargame simulate", CLUSTER_EXTRA) from None
    if args.report is not None:  # before hours of play, not after
        report = Path(args.report)
        if not args.report.strip():
            raise InputError.single("--report", "give the folder to write the report into")
        if report.exists() and not report.is_dir():
            raise InputError.single(args.report, "is a file, not a folder: give a folder for the report")
    loaded = apply_overrides(load_scenario(scenario_path(args.scenario)), args.settings)
    matchup = Matchup(args.blue, args.red, args.level)
    wall = time.perf_counter()
    rules, figures = simulate(loaded, matchup, args.games, args.seed, args.jobs, args.cluster,
                              show_progress=not args.quiet)  # fmt: skip
    wall = time.perf_counter() - wall
    print(format_figures(rules, figures))
    if args.settings:
        print("\nscenario values set for this run: " + "; ".join(args.settings))
    where = "cluster " + args.cluster if args.cluster else f"{args.jobs} job{'s' * (args.jobs > 1)}"
    print(f"\n{args.games} games in {wall:.1f} s on {where}")
    if args.report:
        try:
            files = write_report(rules, figures, Path(args.report))
        except OSError as e:
            raise InputError.single(e.filename or args.report, f"cannot write the report: {e.strerror or e}") from None
        print(f"report written: {', '.join(str(f) for f in files)}")
    return 0

"""The `wargame` command.

Every failure a person can cause (a missing file, a broken scenario, a corrupt
save, a wrong argument) ends in one clear line per problem and exit status 2,
never a traceback. Subcommands that open a window import pygame only when they
run, so the rules-only commands work on a machine without a display.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path
from typing import Callable, NoReturn, Sequence

from . import __version__
from .errors import InputError
from .resources import DEFAULT_SCENARIO, find_scenario, shipped_scenarios

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see {self.prog} --help)\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return args.run(args)
    except InputError as e:
        for problem in e.problems:
            print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `wargame autoplay | head`
        return 0


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="wargame", description="A hex-and-counter simulator of the 2021 Iraq-Syria border strikes.")
    parser.add_argument("--version", action="version", version=f"wargame {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, run: Callable[[argparse.Namespace], int], help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(run=run)
        return p

    p = command("play", _play, "play in a window: hot-seat, or against the computer")
    p.add_argument("target", nargs="?", default=DEFAULT_SCENARIO, metavar="SCENARIO|SAVE",
                   help=f"a scenario (file or shipped name, default {DEFAULT_SCENARIO}) or a saved game")  # fmt: skip
    p.add_argument("--blue", default="human", choices=("human", "greedy", "random"), help="who plays Blue (default human)")
    p.add_argument("--red", default="human", choices=("human", "greedy", "random"), help="who plays Red (default human)")
    p.add_argument("--seed", type=_seed, default=None, help="seed of the dice (default: a new one each game)")
    p.add_argument("--size", type=_size, default=(1280, 720), metavar="WxH", help="window size (default 1280x720)")

    p = command("render", _render, "draw the board and panel to a PNG, headless")
    p.add_argument("target", nargs="?", default=DEFAULT_SCENARIO, metavar="SCENARIO|SAVE")
    p.add_argument("--out", required=True, metavar="FILE.png", help="where to write the picture")
    p.add_argument("--side", choices=("blue", "red", "all"), default=None,
                   help="whose view to draw (default: the side to move; all: the umpire's view)")  # fmt: skip
    p.add_argument("--size", type=_size, default=(1280, 720), metavar="WxH", help="picture size (default 1280x720)")
    p.add_argument("--seed", type=_seed, default=1, help="seed for a new game (default 1)")
    p.add_argument("--at", metavar="CCRR", help="centre the picture on this hex (default: the whole map)")
    p.add_argument("--zoom", type=int, default=0, metavar="N", help="zoom in N steps from the whole map (default 0)")

    p = command("validate", _validate, "check scenario files (all shipped scenarios when none is given)")
    p.add_argument("files", nargs="*", metavar="FILE", help="scenario files or names of shipped scenarios")

    command("schema", _schema, "print the JSON Schema of the scenario format")
    command("scenarios", _scenarios, "list the shipped scenarios")

    p = command("autoplay", _autoplay, "play a whole game headless with computer players (or finish a saved one)")
    p.add_argument("scenario", nargs="?", default=DEFAULT_SCENARIO, metavar="SCENARIO|SAVE",
                   help=f"scenario file or name (default {DEFAULT_SCENARIO}), or a saved game to play to its end")  # fmt: skip
    p.add_argument("--seed", type=_seed, default=1, help="seed of the game's dice (default 1)")
    p.add_argument("--save", metavar="FILE", help="write the game record to FILE")
    p.add_argument("--blue", default="greedy", choices=("random", "greedy"), help="Blue's player (default greedy)")
    p.add_argument("--red", default="greedy", choices=("random", "greedy"), help="Red's player (default greedy)")
    p.add_argument("--log", action="store_true", help="print every event, not just the summary of each turn")
    return parser


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"{text!r}: a seed is a whole number from 0 to 2**63-1")
    return value


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 1280x720") from None
    if not (1024 <= w <= 8192 and 600 <= h <= 8192):
        raise argparse.ArgumentTypeError(f"{text!r}: width 1024-8192 and height 600-8192")
    return w, h


def _scenario_path(name: str) -> Path:
    path = find_scenario(name)
    if path is None:
        known = ", ".join(shipped_scenarios())
        raise InputError.single(name, f"no such file or shipped scenario (shipped: {known})")
    return path


# --- commands ------------------------------------------------------------------------


def _play(args: argparse.Namespace) -> int:
    import random

    from .ui.launch import play

    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 31)
    return play(_scenario_path(args.target), seed, {"blue": args.blue, "red": args.red}, args.size)


def _render(args: argparse.Namespace) -> int:
    from .ui.launch import render

    out = Path(args.out)
    if out.suffix.lower() != ".png":
        raise InputError.single(args.out, "the picture must be a .png file")
    at = None
    if args.at is not None:
        from .hexgrid import parse_ccrr

        try:
            at = parse_ccrr(args.at)
        except ValueError as e:
            raise InputError.single("wargame render", f"--at: {e}") from None
    code = render(_scenario_path(args.target), out, args.side, args.size, args.seed, at, args.zoom)
    print(f"wrote {out}")
    return code


def _validate(args: argparse.Namespace) -> int:
    from .scenario.load import load_scenario

    names = args.files or list(shipped_scenarios())
    failed = False
    for name in names:
        try:
            load_scenario(_scenario_path(name))
        except InputError as e:
            failed = True
            for problem in e.problems:
                print(problem, file=sys.stderr)
            continue
        print(f"{name}: ok")
    return EXIT_BAD_INPUT if failed else 0


def _schema(args: argparse.Namespace) -> int:
    from .scenario.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def _scenarios(args: argparse.Namespace) -> int:
    from .scenario.load import load_scenario

    for sid, path in shipped_scenarios().items():
        s = load_scenario(path).scenario
        mark = " (default)" if sid == DEFAULT_SCENARIO else ""
        print(f"{sid}{mark}: {s.meta.title} — {s.turns.count} turns, {s.map.columns}x{s.map.rows} hexes")
    return 0


def _autoplay(args: argparse.Namespace) -> int:
    from .ai import make_player
    from .record import is_save, load_game, save_game
    from .rules.engine import Game
    from .scenario.load import load_scenario

    path = _scenario_path(args.scenario)
    if is_save(path):
        game, _ = load_game(path)  # the saved game goes on with its own seed and dice
        loaded = game.rules.loaded
    else:
        loaded = load_scenario(path)
        game = Game(loaded, args.seed)
    players = {"blue": make_player(args.blue, args.seed * 2 + 1), "red": make_player(args.red, args.seed * 2 + 2)}
    s = loaded.scenario
    print(f"{s.meta.title} — seed {game.seed}, Blue: {args.blue}, Red: {args.red}")
    start = datetime.date.fromisoformat(s.meta.date)
    shown = 0
    turn = game.state.turn
    before = _snapshot(game)
    while not game.over:
        side = game.side_to_move
        assert side is not None
        game.apply(players[side].choose(game, side))
        if args.log:
            for e in game.log[shown:]:
                print(f"  [{e.visible:>4}] {e.text}")
            shown = len(game.log)
        if game.state.turn != turn or game.over:
            after = _snapshot(game)
            print(_turn_line(turn, start + datetime.timedelta(days=turn - 1), before, after, game))
            turn, before = game.state.turn, after
    result = game.state.result
    assert result is not None
    print(result.summary())
    for side in ("blue", "red"):
        parts: dict[str, int] = {}
        for s_, pts, reason, _ in game.state.vp_log:
            if s_ == side:
                parts[reason] = parts.get(reason, 0) + pts
        lines = ", ".join(f"{r} {p:+d}" for r, p in parts.items()) or "none"
        print(f"  {side.capitalize()} VP {game.state.vp[side]}: {lines}")
    print(f"  final state hash {game.digest()}")
    if args.save:
        try:
            save_game(args.save, game, {"blue": f"ai:{args.blue}", "red": f"ai:{args.red}"})
        except OSError as e:
            raise InputError.single(args.save, f"cannot write the record: {e.strerror or e}") from None
        print(f"  record written to {args.save}")
    return 0


def _snapshot(game) -> dict:
    st = game.state
    return {"stats": dict(st.stats), "tracks": dict(st.tracks), "vp": dict(st.vp)}


def _turn_line(turn: int, date: datetime.date, before: dict, after: dict, game) -> str:
    d = {k: after["stats"][k] - before["stats"][k] for k in after["stats"]}
    tracks = " ".join(
        f"{game.rules.tracks[t].name.split()[0].lower()} {after['tracks'][t]}" for t in game.rules.tracks
    )
    return (
        f"Turn {turn} ({date:%d %b}): attacks {d['attacks']} (drones {d['drones_launched']}: "
        f"{d['drones_shot_down']} shot down, {d['drones_through']} through; rockets {d['rockets_fired']}), "
        f"US casualties {d['us_casualties']}, sorties {d['sorties_flown']}, destroyed {d['targets_destroyed']}, "
        f"civilian harm {d['civilian_casualties']} | {tracks} | VP blue {after['vp']['blue']} red {after['vp']['red']}"
    )


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

"""`wargame play` and `wargame render`: the commands that draw."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import InputError
from ..resources import DEFAULT_SCENARIO
from .args import command, scenario_path, seed, size
from .players import add_player_options


def register(sub) -> None:
    p = command(sub, "play", _play, "play in a window: hot-seat, or against the computer")
    p.add_argument("target", nargs="?", default=DEFAULT_SCENARIO, metavar="SCENARIO|SAVE",
                   help=f"a scenario (file or shipped name, default {DEFAULT_SCENARIO}) or a saved game")  # fmt: skip
    add_player_options(p, default="human")
    p.add_argument("--seed", type=seed, default=None, help="seed of the dice (default: a new one each game)")
    p.add_argument("--size", type=size, default=(1280, 720), metavar="WxH", help="window size (default 1280x720)")

    p = command(sub, "render", _render, "draw the board and panel to a PNG, headless")
    p.add_argument("target", nargs="?", default=DEFAULT_SCENARIO, metavar="SCENARIO|SAVE")
    p.add_argument("--out", required=True, metavar="FILE.png", help="where to write the picture")
    p.add_argument("--side", choices=("blue", "red", "all"), default=None,
                   help="whose view to draw (default: the side to move; all: the umpire's view)")  # fmt: skip
    p.add_argument("--size", type=size, default=(1280, 720), metavar="WxH", help="picture size (default 1280x720)")
    p.add_argument("--seed", type=seed, default=1, help="seed for a new game (default 1)")
    p.add_argument("--at", metavar="CCRR", help="centre the picture on this hex (default: the whole map)")
    p.add_argument("--zoom", type=int, default=0, metavar="N", help="zoom in N steps from the whole map (default 0)")
    p.add_argument("--umpire", action="store_true",
                   help="allow --side all of a game that is not over (everything both sides keep secret)")  # fmt: skip


def _play(args: argparse.Namespace) -> int:
    import random

    from ..ui.launch import play

    dice_seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 31)
    from ..session import player_name

    players = {side: player_name(getattr(args, side), args.level) for side in ("blue", "red")}
    return play(scenario_path(args.target), dice_seed, players, args.size)


def _render(args: argparse.Namespace) -> int:
    from ..ui.launch import render

    out = Path(args.out)
    if out.suffix.lower() != ".png":
        raise InputError.single(args.out, "the picture must be a .png file")
    at = None
    if args.at is not None:
        from ..hexgrid import parse_ccrr

        try:
            at = parse_ccrr(args.at)
        except ValueError as e:
            raise InputError.single("wargame render", f"--at: {e}") from None
    code = render(scenario_path(args.target), out, args.side, args.size, args.seed, at, args.zoom, args.umpire)
    print(f"wrote {out}")
    return code

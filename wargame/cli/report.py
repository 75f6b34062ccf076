"""`wargame report SAVE --out DIR`: the after-action report of a saved game."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import InputError
from .args import command


def register(sub) -> None:
    p = command(sub, "report", _report, "write the after-action report of a saved game (an HTML page)")
    p.add_argument("save", metavar="SAVE", help="a saved game (.wgsave)")
    p.add_argument("--out", required=True, metavar="DIR", help="the folder to write the page and its pictures into")
    p.add_argument("--side", choices=("blue", "red", "all"), default="all",
                   help="whose knowledge the report shows (default all: only for a finished game, or with --umpire)")  # fmt: skip
    p.add_argument("--umpire", action="store_true", help="allow --side all of a game that is not over")


def _report(args: argparse.Namespace) -> int:
    from ..analysis.report import write_report
    from ..record import load_game

    game, _ = load_game(Path(args.save))
    side = None if args.side == "all" else args.side
    if side is None and not game.over and not args.umpire:
        raise InputError.single(args.save, "this game is not over: everything in it is the umpire's view; "
                                           "give --side blue or red, or add --umpire")  # fmt: skip
    if not args.out.strip():
        raise InputError.single("--out", "give the folder to write the report into")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise InputError.single(args.out, "is a file, not a folder")
    draw = None
    try:
        from ..ui.snapshot import BoardCamera

        camera = BoardCamera(game.rules)
        draw = lambda view, path: camera.draw(view, side, path)  # noqa: E731
    except ImportError:  # pragma: no cover - pygame is a dependency; the page is still useful without boards
        print("pygame is missing: the report has no pictures of the board", file=sys.stderr)
    try:
        page = write_report(game, out, side, draw)
    except OSError as e:
        raise InputError.single(e.filename or args.out, f"cannot write the report: {e.strerror or e}") from None
    print(f"wrote {page}")
    return 0

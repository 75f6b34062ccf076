"""`wargame replay SAVE [--verify]`: check a saved game by replaying it, or watch it."""

from __future__ import annotations

import argparse

from .args import command, size

EXIT_PARTED = 1


def register(sub) -> None:
    p = command(sub, "replay", _replay, "replay a saved game: --verify checks it headless, without it the viewer opens")
    p.add_argument("save", metavar="SAVE", help="a saved game (.wgsave)")
    p.add_argument("--verify", action="store_true",
                   help="replay every step headless and report the first where record and replay part (exit 1)")  # fmt: skip
    p.add_argument("--side", choices=("blue", "red", "all"), default=None,
                   help="whose view to watch (default: Blue's, or everything for a finished game)")  # fmt: skip
    p.add_argument("--umpire", action="store_true", help="allow everything (--side all) of a game that is not over")
    p.add_argument("--size", type=size, default=(1280, 720), metavar="WxH", help="window size (default 1280x720)")


def _replay(args: argparse.Namespace) -> int:
    if args.verify:
        return _verify(args.save)
    from pathlib import Path

    from ..ui.launch import replay

    return replay(Path(args.save), args.side, args.umpire, args.size)


def _verify(path: str) -> int:
    from ..record import SAVE_FORMAT, RecordParted, load_game
    from ..words import count

    try:
        game, save = load_game(path)
    except RecordParted as e:
        print(e.report())
        return EXIT_PARTED
    note = f" (format {save.format}, read through its migration)" if save.format != SAVE_FORMAT else ""
    print(f"ok: {count(game.state.turn, 'turn')}, {count(len(save.steps), 'step')}{note}")
    return 0

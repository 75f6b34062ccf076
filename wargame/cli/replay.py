"""`wargame replay SAVE [--verify]`: check a saved game by replaying it, or watch it."""

from __future__ import annotations

import argparse

from ..errors import InputError
from .args import command

EXIT_PARTED = 1


def register(sub) -> None:
    p = command(sub, "replay", _replay, "replay a saved game: --verify checks it headless, without it the viewer opens")
    p.add_argument("save", metavar="SAVE", help="a saved game (.wgsave)")
    p.add_argument("--verify", action="store_true",
                   help="replay every step headless and report the first where record and replay part (exit 1)")  # fmt: skip


def _replay(args: argparse.Namespace) -> int:
    if args.verify:
        return _verify(args.save)
    # The replay viewer is being built on the reusable map view; until it lands, say so in one line.
    raise InputError.single("wargame replay", "the replay viewer is not available yet (it needs a display); "
                                              "check the save headless with `wargame replay SAVE --verify`")  # fmt: skip


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

"""The `wargame` command.

Every failure a person can cause (a missing file, a broken scenario, a corrupt
save, a wrong argument) ends in one clear line per problem and exit status 2,
never a traceback. Each subcommand lives in a module of its own that registers
its parser here; subcommands that open a window import pygame only when they
run, so the rules-only commands work on a machine without a display.
"""

from __future__ import annotations

import gc
import sys
from typing import Sequence

from .. import __version__
from ..errors import InputError
from . import autoplay, edit, odds, replay, report, scenarios, simulate, window
from .args import EXIT_BAD_INPUT, Parser, tell

# each module's `register(sub)` adds its subcommands, in the order `--help` lists them
MODULES = (window, edit, replay, autoplay, simulate, odds, report, scenarios)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:  # told by the subcommand they followed, so the line names it and its --help
        words = list(sys.argv[1:] if argv is None else argv)
        sub = getattr(args, "parser", None)
        name = sub.prog.split()[-1] if sub is not None else None
        after = sub is not None and name in words and all(
            e in words[words.index(name) + 1:] for e in extra)  # fmt: skip
        (sub if after else parser).error(f"unrecognized arguments: {' '.join(extra)}")
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return args.run(args)
    except InputError as e:
        tell(e)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `wargame autoplay | head`
        return 0


def entry() -> int:
    """The `wargame` program (and `python -m wargame`): `main`, then an exit that does not
    walk the heap. The interpreter's last collections would walk every object the command
    made: `wargame render` spent 134 ms exiting, 23 ms with them frozen. Objects are still
    freed as their last reference goes; only those in reference cycles are left to the
    process's end, and every file the game writes is closed where it is written
    (atomic.write_atomic). Not in `main`, which tests call again and again in one process."""
    code = main()
    gc.freeze()
    return code


def build_parser() -> Parser:
    parser = Parser(prog="wargame", description="A hex-and-counter simulator of the 2021 Iraq-Syria border strikes.")
    parser.add_argument("--version", action="version", version=f"wargame {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)
    for module in MODULES:
        module.register(sub)
    return parser


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

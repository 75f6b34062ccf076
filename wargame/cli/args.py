"""What every subcommand shares: the parser that fails in one line, argument types,
and finding a scenario by path or shipped name."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable, NoReturn

from ..errors import InputError
from ..resources import find_scenario, shipped_scenarios

EXIT_BAD_INPUT = 2


class Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see {self.prog} --help)\n")


def command(sub, name: str, run: Callable[[argparse.Namespace], int], help: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help, description=help)
    p.set_defaults(run=run, parser=p)
    return p


def seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"{text!r}: a seed is a whole number from 0 to 2**63-1")
    return value


def size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 1280x720") from None
    if not (1024 <= w <= 8192 and 600 <= h <= 8192):
        raise argparse.ArgumentTypeError(f"{text!r}: width 1024-8192 and height 600-8192")
    return w, h


def scenario_path(name: str) -> Path:
    path = find_scenario(name)
    if path is None:
        if Path(name).name != name:  # a path: only a bare name may mean a shipped scenario
            raise InputError.single(name, "no such file")
        known = ", ".join(shipped_scenarios())
        raise InputError.single(name, f"no such file or shipped scenario (shipped: {known})")
    return path


PROBLEMS_SHOWN = 20  # one line each, then how many more


def tell(e: InputError) -> None:
    """Print a refusal's problems, one line each: a screenful at most (a file of a hundred
    thousand unknown keys is one mistake made many times), then how many more there are."""
    for problem in e.problems[:PROBLEMS_SHOWN]:
        print(problem, file=sys.stderr)
    more = len(e.problems) - PROBLEMS_SHOWN
    if more > 0:
        print(f"{e.problems[0].file}: and {more:,} more problem{'s' * (more > 1)} (fix these first)", file=sys.stderr)

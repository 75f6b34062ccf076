"""`wargame validate`, `wargame schema` and `wargame scenarios`: the commands a designer checks files with."""

from __future__ import annotations

import argparse
import sys

from ..errors import InputError
from ..resources import DEFAULT_SCENARIO, shipped_scenarios
from .args import EXIT_BAD_INPUT, command, scenario_path, tell


def register(sub) -> None:
    p = command(sub, "validate", _validate, "check scenario files (all shipped scenarios when none is given)")
    p.add_argument("files", nargs="*", metavar="FILE", help="scenario files or names of shipped scenarios")
    command(sub, "schema", _schema, "print the JSON Schema of the scenario format")
    command(sub, "scenarios", _scenarios, "list the shipped scenarios")


def _validate(args: argparse.Namespace) -> int:
    from ..scenario.load import load_scenario

    names = args.files or list(shipped_scenarios())
    failed = False
    for name in names:
        try:
            load_scenario(scenario_path(name))
        except InputError as e:
            failed = True
            tell(e)
            continue
        print(f"{name}: ok")
    return EXIT_BAD_INPUT if failed else 0


def _schema(args: argparse.Namespace) -> int:
    from ..scenario.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def _scenarios(args: argparse.Namespace) -> int:
    from ..scenario.load import load_scenario

    for sid, path in shipped_scenarios().items():
        s = load_scenario(path).scenario
        mark = " (default)" if sid == DEFAULT_SCENARIO else ""
        print(f"{sid}{mark}: {s.meta.title} — {s.turns.count} turns, {s.map.columns}x{s.map.rows} hexes")
    return 0

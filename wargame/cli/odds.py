"""`wargame odds`: the exact odds of a dice table, as a table and a bar chart (or JSON)."""

from __future__ import annotations

import argparse
import json

from .args import command, scenario_path


def register(sub) -> None:
    p = command(sub, "odds", _odds, "the exact probability of every result of a dice table")
    p.add_argument("scenario", metavar="SCENARIO", help="scenario file or shipped name")
    p.add_argument("table", metavar="TABLE", help="the table's id, as the scenario names it (e.g. strike)")
    p.add_argument("--modifier", "-m", action="append", default=[], metavar="NAME[=VALUE]",
                   help="apply a modifier by its name; one whose value comes from the game takes it after '='")  # fmt: skip
    p.add_argument("--json", action="store_true", help="print the odds as JSON (exact fractions and numbers)")


def _odds(args: argparse.Namespace) -> int:
    from ..analysis.odds import format_chances, parse_modifiers, parse_shifts, table_chances
    from ..errors import InputError
    from ..rules.rulebook import Rulebook
    from ..scenario.load import load_scenario

    rules = Rulebook(load_scenario(scenario_path(args.scenario)))
    if args.table not in rules.tables:
        known = ", ".join(rules.tables)
        raise InputError.single("wargame odds", f"no table {args.table!r} in {rules.scenario.id} (tables: {known})")
    modifiers = parse_modifiers(rules, args.table, args.modifier)
    chances = table_chances(rules, args.table, modifiers, parse_shifts(rules, args.table, args.modifier))
    print(json.dumps(chances.as_data(), indent=2) if args.json else format_chances(chances))
    return 0

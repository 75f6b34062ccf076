"""`wargame edit [SCENARIO]` and `wargame edit --new FILE --size CxR [--from SCENARIO]`: the editor.

A shipped scenario is never edited inside the installed game: with `--out FILE`
it is copied there first, without it the editor asks for a file on the first
save. A new scenario is written to its file at once (a blank but valid one), so
the editor always has a file of the user's own to save into.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import InputError
from .args import EXIT_BAD_INPUT, command, scenario_path, size


def register(sub) -> None:
    p = command(sub, "edit", _edit, "open the scenario editor on a scenario, or on a new one (--new)")
    p.add_argument("scenario", nargs="?", metavar="SCENARIO", help="a scenario file or a shipped scenario's name")
    p.add_argument("--out", metavar="FILE", help="copy the scenario to FILE first and edit the copy (for a shipped one)")
    p.add_argument("--new", metavar="FILE", help="start a new, blank scenario in FILE")
    p.add_argument("--size", type=map_size, metavar="CxR", help="the new scenario's columns and rows, e.g. 20x14")
    p.add_argument("--from", dest="from_map", metavar="SCENARIO", help="start the new scenario on this scenario's map")
    p.add_argument("--window", type=size, default=(1280, 720), metavar="WxH", help="window size (default 1280x720)")


def map_size(text: str) -> tuple[int, int]:
    try:
        columns, rows = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a map size such as 20x14 (columns x rows)") from None
    if not (2 <= columns <= 99 and 2 <= rows <= 99):
        raise argparse.ArgumentTypeError(f"{text!r}: a map has 2 to 99 columns and 2 to 99 rows")
    return columns, rows


def _bad(text: str) -> int:
    print(f"wargame edit: {text} (see wargame edit --help)", file=sys.stderr)
    return EXIT_BAD_INPUT


def _edit(args: argparse.Namespace) -> int:
    from ..editing import EditingDocument, find_recovery, is_shipped

    if args.new is not None:
        if args.scenario is not None or args.out is not None:
            return _bad("--new starts a scenario of its own: give no SCENARIO and no --out")
        if args.size is None:
            return _bad("--new needs --size CxR, the map's columns and rows")
        path = _new(Path(args.new), args.size, args.from_map)
    elif args.size is not None or args.from_map is not None:
        return _bad("--size and --from go with --new FILE")
    elif args.scenario is None:
        return _bad("say which scenario to edit, or start one with --new FILE --size CxR")
    else:
        path = scenario_path(args.scenario)
        if args.out is not None:
            path = _copy(path, Path(args.out))
    doc = EditingDocument.open(path)
    if not isinstance(doc.data, dict) or "map" not in doc.data:
        raise InputError.single(str(path), "this is not a scenario: it has no map (a scenario is a mapping with format, id, meta, map, ...)")
    if is_shipped(path):
        print(f"{path.stem} is a shipped scenario: the first save asks for a file of your own (or use --out FILE)")
    from ..ui.launch import edit

    return edit(doc, find_recovery(doc.path, doc.name), args.window)


def _new(path: Path, map_size: tuple[int, int], from_map: str | None) -> Path:
    from ..atomic import write_atomic
    from ..editing import is_shipped, new_scenario
    from ..scenario.load import load_scenario

    if path.exists():
        raise InputError.single(str(path), "exists already: open it with `wargame edit FILE`, or choose another name")
    if is_shipped(path):
        raise InputError.single(str(path), "is inside the installed game: choose a file of your own")
    source = load_scenario(scenario_path(from_map)) if from_map is not None else None
    stem = "".join(c if c.isalnum() else "_" for c in path.stem.lower()).strip("_") or "new_scenario"
    scenario_id = stem if stem[0].isalpha() else f"scenario_{stem}"
    text = new_scenario(*map_size, source, scenario_id=scenario_id)
    try:
        write_atomic(path, text)
    except OSError as e:
        raise InputError.single(str(path), f"cannot write it: {e.strerror or e}") from None
    print(f"wrote a new scenario of {map_size[0]} x {map_size[1]} hexes to {path}")
    return path


def _copy(source: Path, target: Path) -> Path:
    from ..editing import ShippedScenario, copy_for_editing

    try:
        copy_for_editing(source, target)
    except FileExistsError:
        raise InputError.single(str(target), "exists already: edit it with `wargame edit FILE`, or choose another --out") from None
    except ShippedScenario as e:
        raise InputError.single(str(target), str(e)) from None
    except OSError as e:
        raise InputError.single(str(target), f"cannot write it: {e.strerror or e}") from None
    print(f"copied {source} to {target}")
    return target

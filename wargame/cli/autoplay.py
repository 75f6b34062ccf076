"""`wargame autoplay`: a whole game headless, computer against computer."""

from __future__ import annotations

import argparse
import datetime

from ..errors import InputError
from ..resources import DEFAULT_SCENARIO
from .args import command, scenario_path, seed
from .players import add_player_options


def register(sub) -> None:
    p = command(sub, "autoplay", _autoplay, "play a whole game headless with computer players (or finish a saved one)")
    p.add_argument("scenario", nargs="?", default=DEFAULT_SCENARIO, metavar="SCENARIO|SAVE",
                   help=f"scenario file or name (default {DEFAULT_SCENARIO}), or a saved game to play to its end")  # fmt: skip
    p.add_argument("--seed", type=seed, default=1, help="seed of the game's dice (default 1)")
    p.add_argument("--save", metavar="FILE", help="write the game record to FILE")
    add_player_options(p, computers_only=True)
    p.add_argument("--log", action="store_true", help="print every event, not just the summary of each turn")


def _autoplay(args: argparse.Namespace) -> int:
    from ..ai import make_player, player_seed
    from ..record import is_save, load_game, save_game
    from ..rules.engine import Game
    from ..scenario.load import load_scenario

    if args.save is not None and not args.save.strip():  # refused before the game, not silently after it
        raise InputError.single("--save", "give the file to write the record to")
    path = scenario_path(args.scenario)
    if is_save(path):
        game, _ = load_game(path)  # the saved game goes on with its own seed and dice
        loaded = game.rules.loaded
    else:
        loaded = load_scenario(path)
        game = Game(loaded, args.seed, keep_undo=False)
    kinds = {"blue": args.blue, "red": args.red}
    players = {side: make_player(kinds[side], player_seed(args.seed, side), args.level) for side in kinds}
    s = loaded.scenario
    level = f" (level {args.level})" if "ai" in kinds.values() else ""
    print(f"{s.meta.title} — seed {game.seed}, Blue: {args.blue}, Red: {args.red}{level}")
    start = datetime.date.fromisoformat(s.meta.date)
    shown = 0
    turn = game.state.turn
    before = _snapshot(game)
    ended: list[dict] = []  # the state as the turn ended, before the next turn's first phase told anything

    def watch(_: int) -> None:
        if game.state.turn != turn and not ended:
            ended.append(_snapshot(game))

    game.observer = watch
    while not game.over:
        side = game.side_to_move
        assert side is not None
        game.apply(players[side].choose(game.decision(side)))
        if args.log:
            for e in game.log[shown:]:
                print(f"  [{e.visible:>4}] {e.text}")
            shown = len(game.log)
        if game.state.turn != turn or game.over:
            after = ended.pop() if ended else _snapshot(game)
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
            names = {side: f"ai:{args.level}" if kind == "ai" else f"ai:{kind}" for side, kind in kinds.items()}
            save_game(args.save, game, names)
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
        f"{game.rules.sides['blue'].short} casualties {d['us_casualties']}, sorties {d['sorties_flown']}, destroyed {d['targets_destroyed']}, "
        f"civilian harm {d['civilian_casualties']} | {tracks} | VP blue {after['vp']['blue']} red {after['vp']['red']}"
    )

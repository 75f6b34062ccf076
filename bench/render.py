"""Map view benchmark, run by hand: `python bench/render.py [SCENARIO] [--quick]`.

Prints each figure beside its target, as multiples of a full-screen blit measured
in the same run (CPU time of one opaque blit of the whole window), memory in MB,
and the first frame as a multiple of a fresh process that only imports the
dependencies (wall time, median of several runs):

- panning, 95th percentile of a frame, at 1920x1080 and at 1280x720 (target 15
  blits): a minimal play loop over `MapView` directly (the play screen is being
  rebuilt), the board as wide as the play screen leaves it, a selected team's
  moves, reach and targets shaded, zooming through every level and panning at
  each, the spare time of each 60 Hz frame given to `idle()` as a screen would;
- peak resident memory over five hot-seat turns of the scenario (target 300 MB,
  VmHWM: it must stay under, not end under), in a fresh process: the computer
  plays both sides' commands, and after each one the view of the side to move
  is drawn with that piece's options shaded, the camera zooms through every
  level and pans, as a player looks around;
- first frame (target 1.5x the imports alone): a fresh process that loads the
  scenario, opens the window and draws the map with its counters once, to the
  moment it has drawn (its exit is not counted, as in bench/screens.py); and, for
  the screens, `wargame render` end to end (the play screen as it is today),
  against the imports alone end to end; all with bytecode cached, as an
  installed game runs.

CPU time is used where it can be (frames, blits), because the machine may be
shared; the first frame is wall time, as a player waits it.

`WARGAME_BENCH_MAP=module:Class` benchmarks another map class with the same
constructor, `draw(surface, scene)`, `idle(ms)` and camera methods (how the
figures of the renderer before MapView were measured).
"""

from __future__ import annotations

import importlib
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from wargame import hexgrid  # noqa: E402
from wargame.kinds import KIND_VALUES  # noqa: E402
from wargame.present.scene import Counter, CounterLook, Mark, Scene, Shade, Stack  # noqa: E402
from wargame.resources import DEFAULT_SCENARIO, find_scenario  # noqa: E402

TARGET_PAN_BLITS = 15.0
TARGET_RSS_MB = 300.0
TARGET_FIRST_FRAME = 1.5
FRAME_BUDGET_MS = 8.0  # what a screen would give a frame to render new tiles
HZ_MS = 1000 / 60


def map_class():
    spec = os.environ.get("WARGAME_BENCH_MAP", "wargame.ui.map:MapView")
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def board_rect(size: tuple[int, int]) -> pygame.Rect:
    """The board's part of a window, as the play screen lays it out (panel on the right)."""
    panel = max(340, min(520, int(size[0] * 0.28)))
    return pygame.Rect(0, 0, size[0] - panel, size[1])


# --- scenes, as a play screen would build them ----------------------------------------------


def _actor(c) -> str | None:
    for name in ("team", "drone", "flight"):
        if hasattr(c, name):
            return getattr(c, name)
    return None


def scene_for(game, side: str | None, selected: str | None = None, hover=None) -> Scene:
    """The scene of `side`'s view: its stacks, and the selected piece's options."""
    rules = game.rules
    view = game.view(side)
    legal = game.legal_commands(side) if side == game.side_to_move else []
    actors = {_actor(c) for c in legal}
    by_hex: dict = {}
    for p in view.pieces.values():
        by_hex.setdefault(p.hex, []).append(p)
    off_map = {hexgrid.parse_ccrr(p.hex) for p in rules.scenario.pieces
               if p.hex and getattr(rules.piece_types[p.type], "off_map", False)}  # fmt: skip
    stacks = []
    for h, pieces in by_hex.items():
        pieces.sort(key=lambda p: (p.kind not in ("base", "consulate", "facility", "depot"), p.id))
        counters = []
        for p in pieces:
            values = {n: rules.value(view, p, n) for n in KIND_VALUES.get(p.kind, ())}
            label = rules.piece_specs[p.id].label or rules.name_of(p.id)[:12]
            look = CounterLook(p.type, p.kind, p.side, rules.piece_types[p.type].symbol, label,
                               "-".join(str(v) for v in values.values()), damaged=p.damaged and not p.destroyed,
                               destroyed=p.destroyed, spent=bool(legal) and p.side == side and p.id not in actors
                               and p.kind not in ("base", "consulate", "facility", "depot"),
                               hidden=p.hidden and side == "red")  # fmt: skip
            counters.append(Counter(p.id, look))
        stacks.append(Stack(h, tuple(counters), h in off_map))
    shades, marks = [], []
    if selected is not None and selected in view.pieces:
        mine = [c for c in legal if _actor(c) == selected]
        moves = frozenset(c.to for c in mine if hasattr(c, "to"))
        searches = frozenset(c.hex for c in mine if hasattr(c, "hex"))
        targets = {c.target for c in mine if hasattr(c, "target")}
        if moves:
            shades.append(Shade(moves, (255, 214, 64, 70), (255, 214, 64, 160)))
        if searches:
            shades.append(Shade(searches, (120, 200, 255, 40)))
        p = view.pieces[selected]
        reach = rules.value(view, p, "range") if "range" in KIND_VALUES.get(p.kind, ()) else 0
        if reach:
            edge = frozenset(h for h in hexgrid.ring(p.hex, reach) if rules.on_map(h))
            shades.append(Shade(edge, (220, 60, 50, 55)))
        for t in targets:
            if t in view.pieces:
                marks.append(Mark("target", view.pieces[t].hex, (220, 60, 50), 3))
    for a in view.attacks:
        if not a.resolved and a.team in view.pieces and a.target in view.pieces:
            marks.append(Mark("arrow", view.pieces[a.team].hex, (214, 84, 40), 3, to=view.pieces[a.target].hex))
    return Scene(tuple(stacks), tuple(shades), tuple(marks), (), hover, selected)


def new_game(path: str, seed: int = 1):
    from wargame.rules.engine import Game
    from wargame.rules.rulebook import Rulebook
    from wargame.scenario.load import load_scenario

    return Game(Rulebook(load_scenario(Path(path))), seed)


def busiest_piece(game, side: str) -> str | None:
    """The piece of `side` with the most legal commands (the biggest shades)."""
    counts: dict[str, int] = {}
    for c in game.legal_commands(side):
        a = _actor(c)
        if a:
            counts[a] = counts.get(a, 0) + 1
    return max(counts, key=counts.get) if counts else None


# --- the unit: one full-screen blit ------------------------------------------------------------


def blit_unit(screen: pygame.Surface, n: int = 300) -> float:
    """CPU seconds of one opaque blit of a whole window-sized surface onto the window."""
    src = pygame.Surface(screen.get_size(), 0, screen)
    src.fill((120, 130, 140))
    times = []
    for _ in range(n):
        t = time.process_time()
        screen.blit(src, (0, 0))
        times.append(time.process_time() - t)
    return statistics.median(times)


# --- panning ----------------------------------------------------------------------------------------


def pan_frames(path: str, size: tuple[int, int], frames_per_level: int = 120):
    """CPU times of panning frames over every level and of the frames that zoomed, the
    blit unit, and the map's memory."""
    pygame.display.init()
    pygame.font.init()
    screen = pygame.display.set_mode(size)
    unit = blit_unit(screen)
    game = new_game(path)
    side = game.side_to_move
    m = map_class()(game.rules, board_rect(size))
    m.frame_budget_ms = FRAME_BUDGET_MS
    scene = scene_for(game, side, busiest_piece(game, side))
    m.draw(screen, scene)
    m.idle(2000)  # the player looks at the map a moment before the first move
    times, zooms = [], []
    moves = ((6, 0), (0, 5), (-6, 0), (0, -5))
    for level in range(len(m.ZOOM_SIZES)):
        if level < m.level:
            continue
        if level > m.level:  # a turn of the wheel: its frame is a zooming frame, not a panning one
            t = time.process_time()
            m.zoom(1, m.viewport.center)
            m.draw(screen, scene)
            zooms.append(time.process_time() - t)
        for i in range(frames_per_level):
            dx, dy = moves[(i // 30) % 4]
            t = time.process_time()
            m.pan(dx, dy)
            m.draw(screen, scene)
            spent = time.process_time() - t
            times.append(spent)
            m.idle(max(0.0, HZ_MS - spent * 1000 - 1.0))
    mem = m.memory() if hasattr(m, "memory") else {}
    pygame.display.quit()
    return times, zooms, unit, mem


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[18]


# --- memory, in a fresh process ------------------------------------------------------------------


def session(path: str, turns: int = 5, size: tuple[int, int] = (1280, 720)) -> dict:
    """Five hot-seat turns played by the computer for both sides, looked at as a player
    looks: each command's piece selected and shaded, zooming and panning."""
    from wargame.ai import make_player
    from wargame.ui.app import headless_app

    app = headless_app(size)  # the window and pygame_gui's manager, as the game opens them
    screen = app.surface
    game = new_game(path, 7)
    players = {s: make_player("greedy", 11 + i) for i, s in enumerate(("blue", "red"))}
    m = map_class()(game.rules, board_rect(size))
    m.frame_budget_ms = FRAME_BUDGET_MS
    levels = len(m.ZOOM_SIZES)
    step = 0
    while not game.over and game.state.turn <= turns:
        side = game.side_to_move
        cmd = players[side].choose(game.decision(side))
        actor = _actor(cmd)
        scene = scene_for(game, side, actor)
        # the mouse passes over a few hexes of the first shade: each shows its own area
        for h in sorted(scene.shades[0].hexes)[:3] if scene.shades else ():
            area = Shade(frozenset(hexgrid.hex_range(h, 1)), (80, 170, 255, 90), (40, 120, 220, 220))
            m.draw(screen, Scene(scene.stacks, scene.shades + (area,), scene.marks, (), h, actor))
        if actor is not None:
            m.centre_on(game.view(side).pieces[actor].hex)
        m.draw(screen, scene)
        m.idle(4)
        if step % 6 == 0:  # a look around: in to the closest zoom and out again, panning
            for k in list(range(levels)) + list(reversed(range(levels))):
                m.zoom(k - m.level, m.viewport.center)
                for dx, dy in ((40, 0), (0, 30), (-40, 0), (0, -30)):
                    m.pan(dx, dy)
                    m.draw(screen, scene)
                m.idle(6)
        game.apply(cmd)
        step += 1
    return {"commands": step, "turn": game.state.turn, **(m.memory() if hasattr(m, "memory") else {})}


def _status_mb() -> tuple[float, float]:
    rss = peak = 0.0
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    return rss, peak


MEMORY = """
import sys, json
sys.path.insert(0, {bench!r})
import render
info = render.session({path!r}, {turns})
rss, peak = render._status_mb()
print(json.dumps({{"rss": rss, "peak": peak, **info}}))
"""


def memory_mb(path: str, turns: int = 5) -> dict:
    import json

    import tempfile

    code = MEMORY.format(bench=str(Path(__file__).parent), path=path, turns=turns)
    with tempfile.TemporaryDirectory(prefix="bench-render-") as tmp:  # no checkout on sys.path by accident
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp)
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- the first frame, in fresh processes ----------------------------------------------------------

# the dependencies as the game imports them (as bench/screens.py has it): pydantic's package
# is lazy, and what the game uses of it (BaseModel) loads its machinery, so that is imported too
IMPORTS = "import pygame, pygame_gui, numpy, yaml; from pydantic import BaseModel, Field"
# the moment a process has done its work, printed by it: the first frame is on screen
# then, and what the process does to exit (tearing down numpy, SDL, its last garbage
# collection) is not a wait the player sees; bench/screens.py measures the same way
MOMENT = "\nimport time\nprint(time.time())\n"

FIRST_FRAME = """
import os, sys
sys.path.insert(0, {bench!r})
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
import pygame
import render
from wargame.ui.app import headless_app
game = render.new_game({path!r})
app = headless_app((1280, 720))
m = render.map_class()(game.rules, render.board_rect((1280, 720)))
m.frame_budget_ms = None
m.draw(app.surface, render.scene_for(game, game.side_to_move))
"""


def _moment(args: list[str], env: dict, cwd: str) -> float:
    """Wall seconds from starting the process to the moment it prints (see MOMENT)."""
    t = time.time()
    out = subprocess.run(args, check=True, capture_output=True, text=True, env=env, cwd=cwd)
    return float(out.stdout.strip().splitlines()[-1]) - t


def _wall(args: list[str], env: dict, cwd: str) -> float:
    t = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, env=env, cwd=cwd)
    return time.perf_counter() - t


def first_frame(path: str, runs: int = 5) -> tuple[float, float, float, float]:
    """Median wall seconds: imports alone and the map's first frame, each to the moment
    it is done (the process's exit is not counted: the player already sees the map);
    `wargame render` end to end, and the imports alone end to end to compare it with.

    With bytecode cached, as an installed game has it (pip compiles at install): an
    environment with PYTHONDONTWRITEBYTECODE set would otherwise compile every
    module of the game in every fresh process (about 0.1 s for the map alone) and
    none of the dependencies', which are installed compiled."""
    import tempfile

    code = FIRST_FRAME.format(bench=str(Path(__file__).parent), path=path) + MOMENT
    with tempfile.TemporaryDirectory(prefix="bench-render-") as tmp:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        render_cmd = [sys.executable, "-m", "wargame", "render", path, "--out", str(Path(tmp) / "render.png")]
        imports_cmd = [sys.executable, "-c", IMPORTS + MOMENT]
        commands = (imports_cmd, [sys.executable, "-c", code], render_cmd)
        for args in commands:  # once to fill the bytecode cache
            _wall(args, env, tmp)
        times: list[list[float]] = [[], [], [], []]
        for _ in range(runs):  # interleaved, so a busy moment hits all alike
            times[0].append(_moment(commands[0], env, tmp))
            times[1].append(_moment(commands[1], env, tmp))
            times[2].append(_wall(commands[2], env, tmp))
            times[3].append(_wall(imports_cmd, env, tmp))
    imports, frame, render, imports_whole = (statistics.median(t) for t in times)
    return imports, frame, render, imports_whole


# --- the report ---------------------------------------------------------------------------------------


NOT_CACHES = ("rss", "peak", "commands", "turn")


def _line(name: str, value: str, target: str, ok: bool) -> None:
    print(f"{name:<52} {value:>12}   target {target:<10} {'ok' if ok else 'MISSED'}")


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    quick = "--quick" in sys.argv
    name = args[0] if args else DEFAULT_SCENARIO
    path = find_scenario(name)
    if path is None:
        print(f"no scenario {name!r}", file=sys.stderr)
        return 2
    path = str(path)
    print(f"scenario {name}, map {os.environ.get('WARGAME_BENCH_MAP', 'wargame.ui.map:MapView')}, "
          f"dummy video driver, Python {sys.version.split()[0]}")  # fmt: skip
    for size in ((1920, 1080), (1280, 720)):
        times, zooms, unit, mem = pan_frames(path, size, 40 if quick else 120)
        ratio = p95(times) / unit
        _line(f"panning frame, 95th percentile, {size[0]}x{size[1]}", f"{ratio:.1f} blits", f"<= {TARGET_PAN_BLITS:g}",
              ratio <= TARGET_PAN_BLITS)  # fmt: skip
        print(f"    median {statistics.median(times) / unit:.1f} blits, max {max(times) / unit:.1f}; zooming frames "
              f"median {statistics.median(zooms) / unit:.0f} blits; one blit {unit * 1e3:.2f} ms CPU")
        print(f"    map caches {', '.join(f'{k} {v / 2**20:.0f} MB' for k, v in mem.items())}")
    mem = memory_mb(path, 2 if quick else 5)
    _line(f"peak resident memory, {mem['turn'] - 1} turns ({mem['commands']} commands)", f"{mem['peak']:.0f} MB",
          f"< {TARGET_RSS_MB:g} MB", mem["peak"] < TARGET_RSS_MB)  # fmt: skip
    print(f"    at the end {mem['rss']:.0f} MB; map caches "
          f"{', '.join(f'{k} {v / 2**20:.0f} MB' for k, v in mem.items() if k not in NOT_CACHES)}")
    imports, frame, render, imports_whole = first_frame(path, 3 if quick else 5)
    _line("first frame of the map (fresh process)", f"{frame / imports:.2f}x", f"<= {TARGET_FIRST_FRAME:g}x",
          frame / imports <= TARGET_FIRST_FRAME)  # fmt: skip
    _line("  `wargame render` end to end (play screen)", f"{render / imports_whole:.2f}x",
          f"<= {TARGET_FIRST_FRAME:g}x", render / imports_whole <= TARGET_FIRST_FRAME)  # fmt: skip
    print(f"    imports alone {imports * 1e3:.0f} ms, map first frame {frame * 1e3:.0f} ms; end to end: "
          f"imports alone {imports_whole * 1e3:.0f} ms, render {render * 1e3:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

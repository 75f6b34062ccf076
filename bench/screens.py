"""Screen benchmark, run by hand: `python bench/screens.py`.

Figures for the screens (the map view's own figures are in bench/render.py),
each printed with its target:
- idle CPU: a fresh process runs the real main loop on an idle board, and on the
  hand-over card, for a few seconds; the share of one core it used (target < 5%);
- the frame in which a command lands (a Red drone attack committed on its odds
  card: the log grows, the dice card opens, the panel is redrawn), in CPU time,
  as a multiple of a full-screen blit measured in the same run (target <= 60);
- the play window's peak resident memory after five hot-seat turns of the June
  scenario played through the screen (each command's piece selected, its odds
  card opened, the camera zoomed through every level and panned as a player
  looks around), in MB (target < 300);
- the first frame of `wargame play` in a fresh process, as a multiple of a fresh
  process that only imports the dependencies (wall time, median, bytecode cached
  as an installed game has it): hot-seat (the hand-over card) and against the
  computer (the board) (target <= 1.5).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

IDLE = """
import os, resource, sys, threading, time, tempfile
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp()
import pygame
from wargame.resources import find_scenario
from wargame.session import Session
from wargame.ui.app import headless_app
from wargame.ui.screens.flow import Shell
session = Session.new(find_scenario("border_strikes_2021"), 1, {{"blue": "human", "red": "human"}}, autosave=False)
app = headless_app((1280, 720))
play = Shell(app, autosave=False).play(session)
app.frame([], 0.0)
if {board}:
    session.take_screen()
    app.pop()
    app.frame([], 0.0)
# settle: let the loop finish rendering ahead, then measure
def stop_after(seconds):
    time.sleep(seconds)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
threading.Thread(target=stop_after, args=(4.0,), daemon=True).start()
app.run()
app.running = True
threading.Thread(target=stop_after, args=({seconds},), daemon=True).start()
t0, c0 = time.perf_counter(), time.process_time()
app.run()
print((time.process_time() - c0) / (time.perf_counter() - t0))
"""


def idle_share(board: bool, seconds: float = 5.0) -> float:
    out = subprocess.run([sys.executable, "-c", IDLE.format(board=board, seconds=seconds)], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(out.stderr[-2000:])
    return float(out.stdout.strip().splitlines()[-1])


def command_frame() -> tuple[float, float]:
    """CPU time of the frame a committed command lands in, and of a full-screen blit."""
    import tempfile

    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp()
    import pygame

    from wargame.resources import find_scenario
    from wargame.rules.commands import DroneAttack
    from wargame.session import Session
    from wargame.ui.app import headless_app
    from wargame.ui.screens.flow import Shell

    samples, blits = [], []
    for seed in range(1, 8):
        session = Session.new(find_scenario("border_strikes_2021"), seed, {"blue": "human", "red": "human"}, autosave=False)
        app = headless_app((1280, 720))
        play = Shell(app, autosave=False).play(session)
        app.frame([], 0.0)
        session.take_screen()
        app.pop()
        for _ in range(30):  # the board settles: tiles rendered, caches warm
            app.frame([], 1 / 60)
        attack = next(c for c in session.legal() if isinstance(c, DroneAttack))
        play.open_odds(attack, (attack,))
        app.frame([], 1 / 60)
        pos = play.card.button_pos("commit")
        events = [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
                  pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)]  # fmt: skip
        t = time.process_time()
        app.frame(events, 1 / 60)
        samples.append(time.process_time() - t)
        screen = app.surface
        copy = screen.copy()
        for _ in range(50):
            t = time.process_time()
            screen.blit(copy, (0, 0))
            blits.append(time.process_time() - t)
    return statistics.median(samples), statistics.median(blits)


MEMORY = """
import os, tempfile, json
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp()
import pygame
from wargame.ai import make_player
from wargame.resources import find_scenario
from wargame.rules.commands import EndPhase, MoveTeam
from wargame.session import Session
from wargame.ui.app import headless_app
from wargame.ui.screens.flow import Shell
session = Session.new(find_scenario("border_strikes_2021"), 7, {"blue": "human", "red": "human"}, autosave=False)
app = headless_app((1280, 720))
play = Shell(app, autosave=False).play(session)
brains = {"blue": make_player("greedy", 1), "red": make_player("greedy", 2)}
step = 0
while not session.over and session.turn <= 5:
    app.frame([], 1 / 60)
    while len(app.stack) > 1:  # summary and hand-over cards
        top = app.stack[-1]
        if hasattr(top, "on_taken"):
            session.take_screen(); top.on_taken()
        else:
            session.summary_seen(); app.pop()
        app.frame([], 1 / 60)
    command = brains[session.to_move].choose(session.game.decision(session.to_move))
    actor = getattr(command, "team", None) or getattr(command, "drone", None) or getattr(command, "flight", None)
    if actor is not None:
        play.select(actor)
        play.map.centre_on(session.game.state.pieces[actor].hex)
        app.frame([], 1 / 60)
        if not isinstance(command, MoveTeam):
            play.open_odds(command, (command,))
            app.frame([], 1 / 60)
    if step % 5 == 0:
        for k in list(range(8)) + list(reversed(range(8))):
            play.map.zoom(1 if k < 8 else -1, play.map.viewport.center)
            for dx, dy in ((40, 0), (0, 30), (-40, 0), (0, -30)):
                play.map.pan(dx, dy)
                app.frame([], 1 / 60)
    play.send(command)
    app.frame([], 1 / 60)
    step += 1
peak = rss = 0
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"): peak = int(line.split()[1]) / 1024
    if line.startswith("VmRSS:"): rss = int(line.split()[1]) / 1024
print(json.dumps({"peak": peak, "rss": rss, "commands": step, "turns": session.turn - 1}))
"""

FIRST_FRAME = """
import os, tempfile
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp()
from wargame.resources import find_scenario
from wargame.session import Session
from wargame.ui.app import headless_app
from wargame.ui.screens.flow import Shell
session = Session.new(find_scenario("border_strikes_2021"), 1, {{"blue": "human", "red": "{red}"}})
app = headless_app((1280, 720))
Shell(app).play(session)
app.frame([], 0.0)
import time
print(time.time())
"""
# The dependencies as the game imports them: pydantic's package is lazy, and what the game
# uses of it (BaseModel) loads its machinery, so that is imported too.
IMPORTS = "import pygame, pygame_gui, numpy, yaml, time; from pydantic import BaseModel, Field; print(time.time())"


def memory() -> dict:
    import json

    out = subprocess.run([sys.executable, "-c", MEMORY], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def first_frame(runs: int = 7) -> tuple[float, float, float]:
    """Median wall seconds from starting a fresh process to the moment it has imported the
    dependencies alone, or drawn its first frame (hot-seat, against the computer); the
    process's exit is not counted: the player already sees the window."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bench-screens-") as tmp:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = os.path.join(tmp, "pycache")  # compiled once, as pip does at install
        commands = ([sys.executable, "-c", IMPORTS], [sys.executable, "-c", FIRST_FRAME.format(red="human")],
                    [sys.executable, "-c", FIRST_FRAME.format(red="greedy")])  # fmt: skip
        for args in commands:
            subprocess.run(args, check=True, capture_output=True, env=env, cwd=tmp)
        times: list[list[float]] = [[], [], []]
        for _ in range(runs):  # interleaved: a busy moment hits all three alike
            for i, args in enumerate(commands):
                t = time.time()
                out = subprocess.run(args, check=True, capture_output=True, text=True, env=env, cwd=tmp)
                times[i].append(float(out.stdout.strip().splitlines()[-1]) - t)
    a, b, c = (statistics.median(t) for t in times)
    return a, b, c


def line(label: str, value: str, target: str, ok: bool) -> None:
    print(f"{label:<52} {value:>12}   target {target:<10} {'ok' if ok else 'MISSED'}")


def main() -> int:
    print(f"screens, 1280x720, dummy video driver, Python {sys.version.split()[0]}")
    board = idle_share(True)
    line("idle board, share of one core", f"{board * 100:.1f}%", "< 5%", board < 0.05)
    card = idle_share(False)
    line("idle hand-over card, share of one core", f"{card * 100:.1f}%", "< 5%", card < 0.05)
    frame, blit = command_frame()
    ratio = frame / blit
    line("frame a command lands in, in full-screen blits", f"{ratio:.0f}", "<= 60", ratio <= 60)
    print(f"{'':<52} {frame * 1e3:>9.1f} ms   (a blit: {blit * 1e3:.2f} ms)")
    mem = memory()
    line(f"peak memory, {mem['turns']} hot-seat turns ({mem['commands']} commands)", f"{mem['peak']:.0f} MB", "< 300 MB",
         mem["peak"] < 300)  # fmt: skip
    imports, hot_seat, solo = first_frame()
    line("first frame, hot-seat (hand-over card)", f"{hot_seat / imports:.2f}x", "<= 1.5x", hot_seat / imports <= 1.5)
    line("first frame, against the computer (board)", f"{solo / imports:.2f}x", "<= 1.5x", solo / imports <= 1.5)
    print(f"{'':<52} imports alone {imports * 1e3:.0f} ms, hot-seat {hot_seat * 1e3:.0f} ms, board {solo * 1e3:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

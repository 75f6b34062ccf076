"""Screen benchmark, run by hand: `python bench/screens.py`.

Figures for the screens (the map view's own figures are in bench/render.py),
each printed with its target:
- idle CPU: a fresh process runs the real main loop on an idle board, and on the
  hand-over card, for a few seconds; the share of one core it used (target < 5%);
- the frame in which a command lands (a Red drone attack committed on its odds
  card: the log grows, the dice card opens, the panel is redrawn), in CPU time,
  as a multiple of a full-screen blit measured in the same run (target <= 60).
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

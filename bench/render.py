"""Rendering benchmark, run by hand: `python bench/render.py [SCENARIO]`.

Prints, on the default scenario at 1280x720 (SDL's dummy video driver, so the
display's own flip is not counted), each figure beside its target:
- the median frame time while panning and zooming (target < 2 ms with cached
  layers; a full-screen blit here is about 0.15 ms): a scripted mouse drags the
  map and turns the wheel through every zoom level, as a player would;
- the time from start to first frame (target < 1 s): a fresh Python process
  that imports the game, loads the scenario, opens the window and draws once.
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

import pygame  # noqa: E402

from wargame.resources import DEFAULT_SCENARIO, find_scenario  # noqa: E402

SIZE = (1280, 720)

FIRST_FRAME = """
import time
t0 = time.perf_counter()
import os
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
from pathlib import Path
from wargame.ui.app import headless_app
from wargame.ui.screens import new_session
from wargame.ui.play import PlayScreen
session = new_session(Path({path!r}), 1, {{"blue": "human", "red": "human"}})
session.take_screen()
app = headless_app((1280, 720))
app.show(PlayScreen(app, session))
app.frame([], 0.0)
print(time.perf_counter() - t0)
"""


def first_frame_seconds(path: str, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", FIRST_FRAME.format(path=path)], capture_output=True, text=True, check=True)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def frame_times(path: str) -> tuple[list[float], list[float]]:
    from pathlib import Path

    from wargame.ui.app import headless_app
    from wargame.ui.play import PlayScreen
    from wargame.ui.screens import new_session

    session = new_session(Path(path), 1, {"blue": "human", "red": "human"})
    session.take_screen()
    app = headless_app(SIZE)
    screen = PlayScreen(app, session)
    app.show(screen)
    app.frame([], 0.0)
    board = screen.board
    centre = board.viewport.center
    # render every zoom level once, as idle time would, so the figure is the steady state
    for level in range(len(board.ZOOM_SIZES)):
        board.prerender(level)
    pan, zoom = [], []
    x, y = centre
    for i in range(600):
        if i % 100 < 90:
            dx = 6 if (i // 100) % 2 == 0 else -6
            events = [pygame.event.Event(pygame.MOUSEMOTION, pos=(x + dx, y), rel=(dx, 0), buttons=(1, 0, 0))]
            if i % 100 == 0:
                events.insert(0, pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(x, y), button=1))
            x += dx
            bucket = pan
        else:
            step = 1 if (i // 100) % 2 == 0 else -1
            events = [pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(x, y), button=1),
                      pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=step, flipped=False, precise_x=0.0, precise_y=float(step))]  # fmt: skip
            bucket = zoom
        t = time.perf_counter()
        app.frame(events, 1 / 60)
        bucket.append(time.perf_counter() - t)
    return pan, zoom


def main() -> int:
    name = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_SCENARIO
    path = find_scenario(name)
    if path is None:
        print(f"no scenario {name!r}", file=sys.stderr)
        return 2
    print(f"scenario {name}, {SIZE[0]}x{SIZE[1]}, dummy video driver, Python {sys.version.split()[0]}")
    pan, zoom = frame_times(str(path))
    both = pan + zoom
    med = statistics.median(both) * 1e3
    ok = "ok" if med < 2.0 else "MISSED"
    print(f"{'median frame time, panning and zooming':<44} {med:>9.2f} ms   target < 2 ms   {ok}")
    print(f"{'  panning only (median)':<44} {statistics.median(pan) * 1e3:>9.2f} ms")
    print(f"{'  zooming only (median)':<44} {statistics.median(zoom) * 1e3:>9.2f} ms")
    print(f"{'  95th percentile, all frames':<44} {statistics.quantiles(both, n=20)[18] * 1e3:>9.2f} ms")
    first = first_frame_seconds(str(path))
    ok = "ok" if first < 1.0 else "MISSED"
    print(f"{'start to first frame (fresh process)':<44} {first * 1e3:>9.0f} ms   target < 1 s    {ok}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

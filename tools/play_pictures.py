"""Pictures of the play screen's cards, markers and hiding teams, drawn headless:
`python -m tools.play_pictures OUT_DIR`.

A hot-seat June game at three moments, at 1280x720 and 1024x600: Red's first
operations with its hand in the panel and a card open over the board (its event,
its source, its uses); Blue's air operations with an alert marker placed and a
site selected (its button in the strip); Red's second day with an active team
selected (ringed amber, "Go to ground"). One PNG per moment and size, to look at.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ["XDG_DATA_HOME"] = os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="wargame-pictures-")

import pygame  # noqa: E402

from wargame.resources import scenarios_dir  # noqa: E402
from wargame.rules.commands import DroneAttack, EndPhase, GoToGround, PlaceMarker  # noqa: E402
from wargame.rules.engine import Game  # noqa: E402
from wargame.rules.rulebook import Rulebook  # noqa: E402
from wargame.scenario.load import load_scenario  # noqa: E402
from wargame.session import Session  # noqa: E402
from wargame.ui.app import headless_app  # noqa: E402
from wargame.ui.png import save_png  # noqa: E402
from wargame.ui.screens.flow import Shell  # noqa: E402

SIZES = ((1280, 720), (1024, 600))


def frame(app) -> None:
    app.frame([], 1 / 60)
    app.frame(pygame.event.get(), 1 / 60)


def _take(app, play) -> None:
    """Click through the summary and hand-over cards to the board."""
    for _ in range(4):
        if app.stack[-1] is play:
            return
        app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="", scancode=0)], 1 / 60)
        frame(app)


def _board(size, game: Game):
    app = headless_app(size)
    play = Shell(app, autosave=False).play(Session(game, {"blue": "human", "red": "human"}))
    play.map.frame_budget_ms = None
    frame(app)
    _take(app, play)
    frame(app)
    return app, play


def _save(app, path: Path, out: list[Path]) -> None:
    frame(app)
    save_png(app.surface, path)
    out.append(path)


def pictures(dest: Path) -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    rules = Rulebook(load_scenario(scenarios_dir() / "border_strikes_2021.yaml"))
    out: list[Path] = []
    for size in SIZES:
        tag = f"{size[0]}x{size[1]}"
        # 1. Red's hand, and its first card open
        app, play = _board(size, Game(rules, 5))
        play.actions.open_number(1)
        _save(app, dest / f"play-hand-{tag}.png", out)
        # 2. Blue's air operations: one alert placed, another site selected
        g = Game(rules, 5)
        while g.phase != "blue_air":
            g.apply(EndPhase())
        placed = next(c for c in g.legal_commands() if isinstance(c, PlaceMarker))
        g.apply(placed)
        app, play = _board(size, g)
        nxt = next(c for c in play.legal if isinstance(c, PlaceMarker))
        play.select(nxt.piece)
        play.map.zoom(4, play.map.viewport.center)
        play.map.centre_on(play.view.pieces[placed.piece].hex)
        _save(app, dest / f"play-marker-{tag}.png", out)
        # 3. Red's second day: an active team selected
        g = active_team_game(rules)
        app, play = _board(size, g)
        team = next(c for c in play.legal if isinstance(c, GoToGround)).team
        play.select(team)
        play.map.zoom(4, play.map.viewport.center)
        play.map.centre_on(play.view.pieces[team].hex)
        _save(app, dest / f"play-active-{tag}.png", out)
    return out


def active_team_game(rules) -> Game:
    """A game at Red's second operations phase with a team that launched on the first day."""
    for seed in range(1, 40):
        g = Game(rules, seed)
        attack = next((c for c in g.legal_commands() if isinstance(c, DroneAttack)), None)
        if attack is None:
            continue
        g.apply(attack)
        while not (g.state.turn == 2 and g.phase == "red_operations") and not g.over:
            g.apply(EndPhase())
        if any(isinstance(c, GoToGround) for c in g.legal_commands()):
            return g
    raise SystemExit("no seed gives an active team on day 2")


if __name__ == "__main__":
    for p in pictures(Path(sys.argv[1] if len(sys.argv) > 1 else "pictures")):
        print(p)

"""`wargame play` and `wargame render`: open the game in a window, or draw it to a PNG."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..record import is_save
from ..session import HUMAN, Session


def session_for(path: Path, seed: int, players: dict[str, str]) -> Session:
    from .screens import loaded_session, new_session

    if is_save(path):
        return loaded_session(path)
    return new_session(path, seed, players)


def play(path: Path, seed: int, players: dict[str, str], size: tuple[int, int]) -> int:
    from .app import no_display_reason, open_window
    from .screens import start_play

    reason = no_display_reason()
    if reason is not None:
        raise InputError.single(
            "wargame play", f"{reason}; draw the board to a PNG instead with `wargame render SCENARIO --out board.png`"
        )
    session = session_for(path, seed, players)
    import pygame

    try:
        app = open_window(size, f"wargame: {session.game.rules.scenario.meta.title}")
    except pygame.error as e:
        raise InputError.single("wargame play", f"cannot open a window ({e}); try `wargame render` instead") from None
    start_play(app, session)
    app.run()
    if app.screen is not None:
        app.screen.leave()  # the play screen autosaves as it closes
    pygame.quit()
    return 0


def render(path: Path, out: Path, side: str | None, size: tuple[int, int], seed: int, at=None, zoom: int = 0) -> int:
    """Draw the play screen for one side's view (or everything) to a PNG, headless."""
    from .app import headless_app
    from .play import PlayScreen

    session = session_for(path, seed, {"blue": HUMAN, "red": HUMAN})
    session.fixed_view = side or session.to_move or "all"
    session.viewer = session.fixed_view if session.fixed_view != "all" else None
    import pygame

    app = headless_app(size)
    screen = PlayScreen(app, session)
    screen.board.frame_budget_ms = None  # a picture must be complete on its first frame
    if zoom:
        screen.board.zoom(zoom, screen.board.viewport.center)
    if at is not None:
        if not screen.rules.on_map(at):
            raise InputError.single("wargame render", "--at: that hex is not on the map")
        screen.board.centre_on(at)
    app.show(screen)
    app.frame([], 0.0)
    app.frame([], 0.0)  # the second frame draws the log at its settled size
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(app.surface, str(out))
    except (pygame.error, OSError) as e:
        raise InputError.single(str(out), f"cannot write the picture: {e}") from None
    pygame.quit()
    return 0

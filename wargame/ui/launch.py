"""`wargame play` and `wargame render`: open the game in a window, or draw it to a PNG."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..session import HUMAN, Session


def session_for(path: Path, seed: int, players: dict[str, str], autosave: bool) -> Session:
    if Session.is_save(path):
        return Session.load(path, autosave=autosave)
    return Session.new(path, seed, players, autosave=autosave)


def play(path: Path, seed: int, players: dict[str, str], size: tuple[int, int]) -> int:
    from .app import no_display_reason, open_window
    from .screens.flow import Shell

    reason = no_display_reason()
    if reason is not None:
        raise InputError.single(
            "wargame play", f"{reason}; draw the board to a PNG instead with `wargame render SCENARIO --out board.png`"
        )
    session = session_for(path, seed, players, autosave=True)
    import pygame

    try:
        app = open_window(size, f"wargame: {session.rules.scenario.meta.title}")
    except pygame.error as e:
        raise InputError.single("wargame play", f"cannot open a window ({e}); try `wargame render` instead") from None
    shell = Shell(app)
    play_screen = shell.play(session)
    app.run()
    if play_screen in app.stack:
        play_screen.close()  # the board autosaves as the window closes
    pygame.quit()
    return 0


def replay(path: Path, side: str | None, umpire: bool, size: tuple[int, int]) -> int:
    """Open the replay viewer on a save: `side` "blue", "red" or "all" (None: Blue's view,
    or everything for a finished game); everything of an unfinished game needs `umpire`."""
    from ..replay import Replay
    from .app import no_display_reason, open_window
    from .screens.flow import Shell

    reason = no_display_reason()
    if reason is not None:
        raise InputError.single("wargame replay", f"{reason}; check the save headless with `wargame replay SAVE --verify`")
    record = Replay.from_save(path)
    over = record.marks[-1].side_to_move is None
    chosen = {"blue": "blue", "red": "red", "all": None}.get(side or "", None if over else "blue")
    if chosen is None and not over and not umpire:
        raise InputError.single(str(path), "this game is not over: everything in it is the umpire's view; add --umpire to watch it")
    import pygame

    app = open_window(size, f"wargame replay: {record.rules.scenario.meta.title}")
    Shell(app).replay(record, chosen, umpire=umpire, standalone=True)
    app.run()
    pygame.quit()
    return 0


def render(path: Path, out: Path, side: str | None, size: tuple[int, int], seed: int, at=None, zoom: int = 0,
           umpire: bool = False) -> int:  # fmt: skip
    """Draw the play screen for one side's view (or everything) to a PNG, headless."""
    from .app import headless_app
    from .png import save_png
    from .screens.play import PlayScreen

    session = session_for(path, seed, {"blue": HUMAN, "red": HUMAN}, autosave=False)
    if side == "all" and not session.over and not umpire and Session.is_save(path):
        raise InputError.single(str(path), "this game is not over: everything in it is the umpire's view; add --umpire to draw it")
    session.fixed_view = side or session.to_move or "all"
    session.viewer = session.fixed_view if session.fixed_view != "all" else None
    import pygame

    app = headless_app(size)
    screen = PlayScreen(app, session)
    screen.map.frame_budget_ms = None  # a picture must be complete on its first frame
    if zoom:
        screen.map.zoom(zoom, screen.map.viewport.center)
    if at is not None:
        if not session.rules.on_map(at):
            raise InputError.single("wargame render", "--at: that hex is not on the map")
        screen.map.centre_on(at)
    app.push(screen)
    app.frame([], 0.0)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        save_png(app.surface, out)
    except OSError as e:
        raise InputError.single(str(out), f"cannot write the picture: {e.strerror or e}") from None
    pygame.quit()
    return 0


def edit(doc, recovery, size: tuple[int, int]) -> int:
    """Open the scenario editor on a document (`wargame edit`); closing it quits. A recovery
    file of the scenario is offered first; unsaved edits go to it when the window closes."""
    from .app import no_display_reason, open_window
    from .screens.flow import Shell

    reason = no_display_reason()
    if reason is not None:
        raise InputError.single(
            "wargame edit", f"{reason}; edit the YAML by hand and check it with `wargame validate FILE`"
        )
    import pygame

    try:
        app = open_window(size, f"wargame editor: {doc.name}")
    except pygame.error as e:
        raise InputError.single("wargame edit", f"cannot open a window ({e})") from None
    screen = Shell(app).edit(doc, recovery, on_close=app.quit)
    app.run()
    screen.autosave.write()  # the window closed with edits unsaved: the recovery file keeps them
    pygame.quit()
    return 0

"""Driving screens with synthetic pygame events, as a player would (helpers for the UI tests)."""

from __future__ import annotations

import pygame

from wargame.ui.app import headless_app
from wargame.ui.screens.flow import Shell


def start(session, size=(1280, 720)):
    """An app showing `session`'s board through the real screen flow."""
    app = headless_app(size)
    shell = Shell(app, autosave=False)
    play = shell.play(session)
    play.map.frame_budget_ms = None  # every frame complete, so pixels can be compared
    frame(app)
    return app, play


def frame(app, events=()) -> None:
    """One frame with these events, then one more to deliver what pygame_gui posted."""
    app.frame(list(events), 1 / 60)
    app.frame(pygame.event.get(), 1 / 60)


def move(app, pos) -> None:
    frame(app, [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))])


def click(app, pos, button=1) -> None:
    frame(app, [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
                pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button)])  # fmt: skip


def press(app, button) -> None:
    """Click one of the hand-drawn buttons (it must be shown and enabled)."""
    assert button.enabled, button.label
    click(app, button.rect.center)


def press_card(app, play, action) -> None:
    assert play.card is not None
    click(app, play.card.button_pos(action))


def key(app, k, mod=0) -> None:
    frame(app, [pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)])


def hex_pos(play, h) -> tuple[int, int]:
    x, y = play.map.centre(h)
    return int(x), int(y)


def zoom_in(app, levels: int) -> None:
    for _ in range(levels):
        frame(app, [pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False, precise_x=0.0, precise_y=1.0)])


def top(app):
    return app.stack[-1]


def take_screen(app) -> None:
    """Click through the summary and the hand-over card, whichever is showing."""
    from wargame.ui.screens.handover import HandoverScreen
    from wargame.ui.screens.summary import SummaryScreen

    for _ in range(3):
        screen = top(app)
        if isinstance(screen, SummaryScreen):
            key(app, pygame.K_RETURN)
        elif isinstance(screen, HandoverScreen):
            click(app, (app.size[0] // 2, app.size[1] // 2))
        else:
            return

"""The window, the main loop and the screens on it.

Screens are states (as in Tuxemon or the tcod tutorial engine): each handles
events, updates and draws, and the app swaps them. The loop gives pygame_gui
the first look at every event, so a click on a button never also lands on
the board beneath it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Protocol

import pygame
import pygame_gui

from . import style
from .theme import theme

MIN_SIZE = (1024, 600)


class Screen(Protocol):
    def handle(self, event: pygame.event.Event) -> None: ...
    def update(self, dt: float) -> None: ...
    def draw(self, surface: pygame.Surface) -> None: ...
    def resize(self, size: tuple[int, int]) -> None: ...
    def leave(self) -> None: ...


class App:
    """Owns the window, the UI manager and the current screen."""

    def __init__(self, surface: pygame.Surface, manager: pygame_gui.UIManager):
        self.surface = surface
        self.manager = manager
        self.screen: Screen | None = None
        self.running = True
        self.clock = pygame.time.Clock()

    @property
    def size(self) -> tuple[int, int]:
        return self.surface.get_size()

    def show(self, screen: Screen) -> None:
        if self.screen is not None:
            self.screen.leave()
        self.screen = screen

    def quit(self) -> None:
        self.running = False

    def frame(self, events: list[pygame.event.Event], dt: float) -> None:
        """One frame: events, update, draw (no flip: the caller decides)."""
        for event in events:
            if event.type == pygame.QUIT:
                self.quit()
                continue
            if event.type == pygame.VIDEORESIZE:
                self._resize(event.w, event.h)
                continue
            consumed = self.manager.process_events(event)
            if self.screen is not None and not consumed:
                self.screen.handle(event)
        if self.screen is not None:
            self.screen.update(dt)
        self.manager.update(dt)
        if self.screen is not None:
            self.screen.draw(self.surface)
        self.manager.draw_ui(self.surface)

    def _resize(self, w: int, h: int) -> None:
        w, h = max(w, MIN_SIZE[0]), max(h, MIN_SIZE[1])
        if pygame.display.get_surface() is not None and (w, h) != self.surface.get_size():
            self.surface = pygame.display.set_mode((w, h), pygame.RESIZABLE)
        self.manager.set_window_resolution((w, h))
        if self.screen is not None:
            self.screen.resize((w, h))

    def run(self) -> None:
        while self.running:
            dt = self.clock.tick(60) / 1000.0
            self.frame(pygame.event.get(), dt)
            pygame.display.flip()


def no_display_reason() -> str | None:
    """Why a window cannot open here, or None if it probably can."""
    if os.environ.get("SDL_VIDEODRIVER") in ("dummy", "offscreen"):
        return None
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return "no display found (DISPLAY and WAYLAND_DISPLAY are not set)"
    return None


def open_window(size: tuple[int, int], title: str) -> App:
    """Start pygame quietly (no mixer: no audio errors on machines without sound)."""
    pygame.display.init()
    pygame.font.init()
    style.forget_fonts()
    pygame.key.set_repeat(300, 40)
    flags = pygame.RESIZABLE
    surface = pygame.display.set_mode(size, flags)
    pygame.display.set_caption(title)
    base = 14 if size[1] < 900 else 16
    manager = pygame_gui.UIManager(size, theme(base), enable_live_theme_updates=False)
    manager.preload_fonts(
        [{"name": "dejavu_sans", "point_size": s, "style": "bold"} for s in (base - 2, base)]
    )
    return App(surface, manager)


def headless_app(size: tuple[int, int]) -> App:
    """An app drawing to an off-screen window, for `wargame render` and the tests."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    return open_window(size, "wargame")


def user_data_dir() -> Path:
    """Where autosaves go: $XDG_DATA_HOME/wargame (or ~/.local/share/wargame)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "wargame"

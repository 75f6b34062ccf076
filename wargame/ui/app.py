"""The window, the main loop, and the screens stacked on it.

Screens are states on one stack (as in Tuxemon or the tcod tutorial engine): the
menu, the board, a hand-over card pushed over the board, the end-of-turn summary,
a question. Only the top screen gets events; screens below it are drawn first when
the top one does not cover the window. The loop draws only when something changed
and otherwise sleeps in `pygame.event.wait`, so an idle board costs almost nothing.
pygame_gui (file dialogs) gets the first look at every event, so a click on a
dialog never also lands on the board beneath it.
"""

from __future__ import annotations

import math
import os
import sys
from typing import TYPE_CHECKING, Callable, Protocol

import pygame

from . import keys, style
from .help import draw_help
from .theme import theme

if TYPE_CHECKING:
    from pygame_gui import UIManager

MIN_SIZE = (1024, 600)
IDLE_WAIT_MS = 400  # how long the loop sleeps when nothing moves
FPS = 60


class Screen(Protocol):
    contexts: tuple[str, ...]  # which key contexts (keys.py) work here, for F1's help
    opaque: bool  # covers the whole window: the screens below need not be drawn

    def handle(self, event: pygame.event.Event) -> None: ...
    def update(self, dt: float) -> bool: ...  # True if something changed and must be drawn
    def draw(self, surface: pygame.Surface) -> None: ...
    def resize(self, size: tuple[int, int]) -> None: ...
    def enter(self) -> None: ...  # on top again (widgets shown)
    def leave(self) -> None: ...  # covered or removed (widgets hidden or killed)
    def animating(self) -> bool: ...  # wants frames at full speed (a slide, the computer playing)


class App:
    """Owns the window, the UI manager and the stack of screens.

    The UI manager is pygame_gui's, which only the file dialogs and the editor's forms
    use: made on first use (`make_manager`, given the window's size), since loading its
    themes takes longer than drawing the board or the hand-over card a game opens on."""

    def __init__(self, surface: pygame.Surface, manager: UIManager | Callable[[tuple[int, int]], UIManager]):
        self.surface = surface
        made = hasattr(manager, "process_events")  # a manager, or what makes one when first needed
        self._manager = manager if made else None
        self._make_manager = None if made else manager
        self.stack: list[Screen] = []
        self.running = True
        self.clock = pygame.time.Clock()
        self.show_help = False
        self.fullscreen = False
        self.windowed_size = surface.get_size()
        self._dirty = True

    @property
    def manager(self) -> UIManager:
        if self._manager is None:
            self._manager = self._make_manager(self.size)
        return self._manager

    @property
    def size(self) -> tuple[int, int]:
        return self.surface.get_size()

    @property
    def screen(self) -> Screen | None:
        return self.stack[-1] if self.stack else None

    # --- the stack ----------------------------------------------------------------------

    def push(self, screen: Screen) -> None:
        if self.stack:
            self.stack[-1].leave()
        self.stack.append(screen)
        screen.resize(self.size)
        screen.enter()
        self._dirty = True

    def pop(self) -> Screen | None:
        """Remove the top screen; the one below comes back."""
        if not self.stack:
            return None
        top = self.stack.pop()
        top.leave()
        if self.stack:
            self.stack[-1].resize(self.size)
            self.stack[-1].enter()
        self._dirty = True
        return top

    def replace(self, screen: Screen) -> None:
        """Swap the top screen for another."""
        if self.stack:
            self.stack.pop().leave()
        self.push(screen)

    def reset(self, screen: Screen) -> None:
        """Clear the stack down to one screen (back to the menu, a new game)."""
        while self.stack:
            self.stack.pop().leave()
        self.push(screen)

    def quit(self) -> None:
        self.running = False

    def refresh(self) -> None:
        self._dirty = True

    # --- a frame ---------------------------------------------------------------------------

    def frame(self, events: list[pygame.event.Event], dt: float, force: bool = True) -> bool:
        """One frame: events, update, draw if anything changed (always with `force`).
        Returns whether it drew; the caller flips the display."""
        for event in events:
            self._dirty = True
            if event.type == pygame.QUIT:
                self.quit()
                continue
            if event.type == pygame.VIDEORESIZE:
                self._resize(event.w, event.h)
                continue
            if self._global_key(event):
                continue
            if self._manager is not None and self._manager.process_events(event):
                continue
            if self.screen is not None and not self.show_help:
                self.screen.handle(event)
        top = self.screen
        if top is not None and top.update(dt):
            self._dirty = True
        if self._manager is not None:
            self._manager.update(dt)
        if not (self._dirty or force or self._dialog_open()):
            return False
        self._draw()
        self._dirty = False
        return True

    def _draw(self) -> None:
        start = len(self.stack) - 1
        while start > 0 and not self.stack[start].opaque:
            start -= 1
        for screen in self.stack[start:]:
            screen.draw(self.surface)
        if self._manager is not None:
            self._manager.draw_ui(self.surface)
        if self.show_help and self.screen is not None:
            draw_help(self.surface, keys.help_rows(self.screen.contexts))

    def _global_key(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN or self._typing():
            return False
        action = keys.action_for(event, ("global",))
        if action == "help":
            self.show_help = not self.show_help
            return True
        if action == "fullscreen":
            self.toggle_fullscreen()
            return True
        if self.show_help and event.key == pygame.K_ESCAPE:
            self.show_help = False
            return True
        return False

    def _typing(self) -> bool:
        if self._manager is None:  # no text field without the manager
            return False
        from pygame_gui.elements import UITextEntryLine

        focus = self._manager.get_focus_set()
        return any(isinstance(el, UITextEntryLine) for el in (focus or ()))

    def _dialog_open(self) -> bool:
        if self._manager is None:
            return False
        from pygame_gui.elements import UIWindow

        return any(isinstance(w, UIWindow) and w.alive()
                   for w in self._manager.get_root_container().elements)  # fmt: skip

    def toggle_fullscreen(self) -> None:
        if pygame.display.get_surface() is None:
            return
        self.fullscreen = not self.fullscreen
        if self.fullscreen:
            self.windowed_size = self.size
            self.surface = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            self.surface = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        self._resized(self.surface.get_size())

    def _resize(self, w: int, h: int) -> None:
        w, h = max(w, MIN_SIZE[0]), max(h, MIN_SIZE[1])
        if pygame.display.get_surface() is not None and (w, h) != self.surface.get_size():
            self.surface = pygame.display.set_mode((w, h), pygame.RESIZABLE)
        self._resized((w, h))

    def _resized(self, size: tuple[int, int]) -> None:
        if self._manager is not None:
            self._manager.set_window_resolution(size)
        for screen in self.stack:
            screen.resize(size)
        self._dirty = True

    def run(self) -> None:
        """The loop: full speed while something moves, asleep in event.wait otherwise."""
        while self.running:
            top = self.screen
            busy = self._dirty or self._dialog_open() or (top is not None and top.animating())
            if busy:
                dt = self.clock.tick(FPS) / 1000.0
                events = pygame.event.get()
            else:
                first = pygame.event.wait(IDLE_WAIT_MS)
                events = ([first] if first.type != pygame.NOEVENT else []) + pygame.event.get()
                dt = self.clock.tick() / 1000.0
            if self.frame(events, dt, force=False):
                pygame.display.flip()
            if not self.stack:
                self.running = False


def no_display_reason() -> str | None:
    """Why a window cannot open here, or None if it probably can."""
    if os.environ.get("SDL_VIDEODRIVER") in ("dummy", "offscreen"):
        return None
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return "no display found (DISPLAY and WAYLAND_DISPLAY are not set)"
    return None


def window_icon() -> pygame.Surface:
    """The game's icon, drawn: a paper hex with a blue and a red counter on it. Set before
    the window opens, it also spares pygame loading its own default icon from its package
    data (about 3 ms of every start)."""
    icon = pygame.Surface((32, 32), pygame.SRCALPHA)
    hexagon = [(16 + 15 * math.cos(math.pi / 3 * k), 16 + 15 * math.sin(math.pi / 3 * k)) for k in range(6)]
    pygame.draw.polygon(icon, style.PAPER, hexagon)
    pygame.draw.polygon(icon, style.INK, hexagon, 2)
    pygame.draw.rect(icon, style.BLUE, (7, 9, 9, 9))
    pygame.draw.rect(icon, style.RED, (16, 15, 9, 9))
    return icon


def ui_manager(size: tuple[int, int], base: int) -> UIManager:
    """pygame_gui's manager, with the game's theme: imported here, when the first dialog
    needs it (dialogs.py says why)."""
    import pygame_gui

    return pygame_gui.UIManager(size, theme(base), enable_live_theme_updates=False)


def open_window(size: tuple[int, int], title: str) -> App:
    """Start pygame quietly (no mixer: no audio errors on machines without sound)."""
    pygame.display.init()
    pygame.font.init()
    style.forget_fonts()
    pygame.key.set_repeat(300, 40)
    pygame.display.set_icon(window_icon())
    surface = pygame.display.set_mode(size, pygame.RESIZABLE)
    pygame.display.set_caption(title)
    base = 14 if size[1] < 900 else 16
    return App(surface, lambda now: ui_manager(now, base))


def headless_app(size: tuple[int, int]) -> App:
    """An app drawing to an off-screen window, for `wargame render` and the tests."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    return open_window(size, "wargame")

"""The side panel of the board: tracks and points, what to do now, the hand, the log, the buttons.

The tracks part is drawn once per change of the view and kept as a picture; the
log renders each line once (logview.py); the buttons are drawn by hand and sized
to their words. Nothing here decides a rule: it shows what the screen hands it.
"""

from __future__ import annotations

import pygame

from ...present.log import LogLine
from .. import style
from ..logview import LogView
from ..panel import Hotspot, Panel
from ..text import wrap
from ..widgets import Button, hit, hover, spread
from .hand_strip import HandStrip


def scale_for(size: tuple[int, int]) -> float:
    """Type and cards grow with the window: 1 at 720 pixels high, 1.25 at 1080."""
    return max(1.0, min(1.5, 1.0 + (size[1] - 720) / 1440))


def panel_width(size: tuple[int, int]) -> int:
    return max(330, min(520, int(size[0] * 0.28)))


class SidePanel:
    def __init__(self, rules, rect: pygame.Rect, scale: float, buttons: list[Button]):
        self.rules = rules
        self.rect = pygame.Rect(rect)
        self.scale = scale
        self.tracks = Panel(rules, pygame.Rect(0, 0, self.rect.w, self.rect.h), scale)
        self.buttons = buttons
        self.log = LogView(pygame.Rect(self.rect.x + 8, self.rect.y, self.rect.w - 16, 100), scale)
        self._picture: pygame.Surface | None = None
        self._key = None
        self.hotspots: list[Hotspot] = []
        self.hint: list[tuple[str, str]] = []  # (text, tone)
        self.strip = HandStrip(self.rect.x + 14, self.rect.w - 28, scale)
        self._strip_key = None
        self._layout_buttons()

    def _layout_buttons(self) -> None:
        r = self.rect
        bh = round(30 * self.scale)
        rows = [b for b in self.buttons if b.row == 0], [b for b in self.buttons if b.row == 1]
        y = r.bottom - bh - 10
        spread(rows[0], r.x + 10, y, r.w - 20, bh, [b.weight for b in rows[0]])
        if rows[1]:
            y -= bh + 6
            spread(rows[1], r.x + 10, y, r.w - 20, round(26 * self.scale), [b.weight for b in rows[1]])
        self.buttons_top = y

    @property
    def font(self) -> pygame.font.Font:
        return style.font(round(12 * self.scale), bold=True)

    def show(self, view, phase_title: str, to_move: str | None, viewer: str | None, result: str | None,
             hint: list[tuple[str, str]], lines: list[LogLine], hand=None, actions: tuple = ()) -> None:  # fmt: skip
        """What the panel shows now; the tracks picture is redrawn only when its inputs change.
        `hand`: the viewer's own hand (present/hand.py), `actions`: the selected piece's
        (command, label, tooltip) buttons; both drawn in the strip under the hint."""
        strip_key = (hand, tuple(actions))
        if strip_key != self._strip_key:
            self._strip_key = strip_key
            self.strip.set(hand, list(actions), viewer)
            self._key = None  # the log moves down or up with the strip
        key = (id(view), phase_title, to_move, viewer, result, tuple(hint))
        if key != self._key:
            self._key = key
            self._picture = None
            self.hint = hint
            self._view, self._phase, self._to_move, self._viewer, self._result = view, phase_title, to_move, viewer, result
        self.log.set_lines(lines)

    def _draw_picture(self) -> None:
        canvas = pygame.Surface(self.rect.size)
        used = self.tracks.draw(canvas, self._view, self._phase, self._to_move, self._viewer, self._result)
        x, y, w = 14, used + 6, self.rect.w - 28
        f = style.font(round(12 * self.scale))
        fb = style.font(round(13 * self.scale), bold=True)
        tones = {"title": (fb, style.PANEL_TEXT), "muted": (f, style.PANEL_MUTED), "hint": (f, style.HIGHLIGHT),
                 "warn": (f, (255, 150, 110))}  # fmt: skip
        for text, tone in self.hint:
            font, colour = tones.get(tone, (f, style.PANEL_TEXT))
            for line in wrap(text, font, w):
                canvas.blit(font.render(line, True, colour), (x, y))
                y += font.get_linesize()
        self.hotspots = [Hotspot(h.rect.move(self.rect.topleft), h.title, h.lines) for h in self.tracks.hotspots]
        self._picture = canvas
        top = self.rect.y + y + 6
        bottom = self.buttons_top - 8
        log_lines = 4  # the log keeps at least this many lines whatever the strip holds
        used = self.strip.layout(top, bottom - top - log_lines * self.log.font.get_linesize() - 8)
        top += used + (4 if used else 0)
        self.log.set_rect(pygame.Rect(self.rect.x + 8, top, self.rect.w - 16, max(40, bottom - top)))

    @property
    def tracks_rect(self) -> pygame.Rect:
        return pygame.Rect(self.rect.x, self.rect.y, self.rect.w, self.tracks.height)

    def draw(self, surface: pygame.Surface) -> None:
        if self._picture is None:
            self._draw_picture()
        surface.blit(self._picture, self.rect.topleft)
        self.strip.draw(surface)
        self.log.draw(surface)
        for b in self.buttons:
            b.draw(surface, self.font)

    def click(self, pos) -> Button | None:
        return hit(self.buttons, pos)

    def motion(self, pos) -> bool:
        return self.strip.motion(pos) | hover(self.buttons, pos)

    def hotspot_at(self, pos) -> Hotspot | None:
        return next((h for h in self.hotspots if h.rect.collidepoint(pos)), None)

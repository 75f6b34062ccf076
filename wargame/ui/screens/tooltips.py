"""Which tooltip the board screen shows, and where: a button's, a track's, or a hex's."""

from __future__ import annotations

import pygame

from ...present import hints
from ..text import draw_tooltip


def board_tooltip(surface: pygame.Surface, play) -> pygame.Rect | None:
    """Draw the tooltip for what the pointer is over; return its box (None: no tooltip).
    Map tooltips stay on the board (never over the panel or its log); a track's goes
    beside the panel, never over the tracks themselves."""
    if play.controls.dragged:
        return None
    pos = play.mouse
    button = next((b for b in play.panel.buttons if b.hot and b.tip), None)
    if button is not None:
        return draw_tooltip(surface, pos, button.label, [button.tip], bounds=surface.get_rect(), avoid=[button.rect])
    strip = play.panel.strip.tip_at(pos)
    if strip is not None:
        title, lines, rect = strip
        return draw_tooltip(surface, pos, title, lines, bounds=surface.get_rect(), avoid=[play.panel.rect])
    spot = play.panel.hotspot_at(pos)
    if spot is not None:
        return draw_tooltip(surface, pos, spot.title, spot.lines, bounds=surface.get_rect(), avoid=[play.panel.rect])
    h = play.hover
    if h is None or not play.map.viewport.collidepoint(pos) or (play.card is not None and play.card.rect.collidepoint(pos)):
        return None
    stack = hints.stack_order([p for p in play.view.pieces.values() if p.hex == h], play.selected)
    tip = hints.hex_tooltip(play.rules, play.view, h, play.session.seen_as, play.options, stack)
    avoid = [play.card.rect] if play.card is not None else []
    return draw_tooltip(surface, pos, tip.title, tip.lines, bounds=play.map.viewport, avoid=avoid)

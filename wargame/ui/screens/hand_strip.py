"""The hand strip of the side panel: the player's own cards, and the buttons of the selected piece.

Between the hint and the log: first the buttons of commands that need no target
(place a marker on the selected site, send the selected team to ground), then
the hand, one row a card: its name, its operations value and what it may do
now. Clicking a card opens it over the board with its event, its source and its
odds (screens/play.py). Only the side's own hand is ever handed to the strip
(present/hand.py builds it from the side's view); of the other hand the strip
says the size alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ...present.hand import Hand
from ...rules.commands import Command
from .. import style
from ..text import fit_text, wrap
from ..widgets import Button, flow, hit, hover

TILE = (226, 220, 206)
TILE_HOT = (240, 234, 220)
TILE_OFF = (120, 124, 128)


@dataclass
class Tile:
    card: str
    rect: pygame.Rect
    name: str
    right: str  # "ops 2 · event"
    playable: bool
    hot: bool = False


class HandStrip:
    def __init__(self, x: int, width: int, scale: float):
        self.x, self.width, self.scale = x, width, scale
        self.hand: Hand | None = None
        self.buttons: list[Button] = []
        self.tiles: list[Tile] = []
        self.heading: list[str] = []
        self.top = 0
        self.height = 0

    @property
    def font(self) -> pygame.font.Font:
        return style.font(round(12 * self.scale))

    @property
    def bold(self) -> pygame.font.Font:
        return style.font(round(12 * self.scale), bold=True)

    def set(self, hand: Hand | None, actions: list[tuple[Command, str, str]], side: str | None) -> None:
        """What the strip shows: the hand (None: no cards in this scenario or view) and the
        selected piece's commands as (command, label, tooltip)."""
        self.hand = hand
        kind = "red" if side == "red" else "blue"
        self.buttons = [Button(label, command, kind=kind, tip=tip) for command, label, tip in actions]

    def layout(self, top: int, room: int | None = None) -> int:
        """Place everything from `top` down; return the height used. With less than `room`
        pixels to spare (a small window, a long hint), the cards go side by side in one row,
        their names cut (the tooltip has them whole), so the log keeps some lines."""
        self.top = top
        y = top
        w = self.width
        if self.buttons:
            y = flow(self.buttons, self.bold, self.x, y, w, round(26 * self.scale)) + 6
        self.tiles = []
        self.heading = []
        hand = self.hand
        if hand is not None and (hand.cards or hand.heading):
            f = self.font
            self.heading = wrap(f"{hand.heading} · {hand.others}", f, w)[:2]
            y += len(self.heading) * f.get_linesize() + 2
            th, gap = round(20 * self.scale), 2
            n = len(hand.cards)
            if room is not None and n > 1 and y - top + n * (th + gap) > room:
                cw = (w - gap * (n - 1)) // n
                for i, c in enumerate(hand.cards):
                    rect = pygame.Rect(self.x + i * (cw + gap), y, cw, th)
                    self.tiles.append(Tile(c.card, rect, c.name, f"{c.ops}", bool(c.plays)))
                y += th + gap
            else:
                for c in hand.cards:
                    right = f"ops {c.ops} · {c.status}"
                    self.tiles.append(Tile(c.card, pygame.Rect(self.x, y, w, th), c.name, right, bool(c.plays)))
                    y += th + gap
        self.height = y - top
        return self.height

    def draw(self, surface: pygame.Surface) -> None:
        bold = self.bold
        for b in self.buttons:
            b.draw(surface, bold)
        f = self.font
        y = self.top + (self.buttons[-1].rect.bottom + 6 - self.top if self.buttons else 0)
        for line in self.heading:
            surface.blit(f.render(line, True, style.PANEL_TEXT), (self.x, y))
            y += f.get_linesize()
        small = style.font(round(11 * self.scale))
        for i, t in enumerate(self.tiles):
            fill = (TILE_HOT if t.hot else TILE) if t.playable else TILE_OFF
            pygame.draw.rect(surface, fill, t.rect, border_radius=4)
            pygame.draw.rect(surface, (0, 0, 0), t.rect, 1, border_radius=4)
            right = small.render(t.right, True, style.INK_SOFT if t.playable else style.INK)
            rx = t.rect.right - 6 - right.get_width()
            surface.blit(right, (rx, t.rect.centery - right.get_height() // 2))
            name = f"{i + 1}  {t.name}"
            img = bold.render(fit_text(name, bold, rx - t.rect.x - 14), True, style.INK)
            surface.blit(img, (t.rect.x + 6, t.rect.centery - img.get_height() // 2))

    def click(self, pos) -> object | None:
        """A command (a button's), ("hand", card id) for a card, or None."""
        b = hit(self.buttons, pos)
        if b is not None:
            return b.action
        tile = next((t for t in self.tiles if t.rect.collidepoint(pos)), None)
        return ("hand", tile.card) if tile is not None else None

    def motion(self, pos) -> bool:
        changed = hover(self.buttons, pos)
        for t in self.tiles:
            hot = t.rect.collidepoint(pos)
            if hot != t.hot:
                t.hot, changed = hot, True
        return changed

    def tip_at(self, pos) -> tuple[str, list[str], pygame.Rect] | None:
        """The tooltip of the button or card under the pointer: (title, lines, its rect)."""
        b = next((b for b in self.buttons if b.rect.collidepoint(pos)), None)
        if b is not None and b.tip:
            return b.label, [b.tip], b.rect
        tile = next((t for t in self.tiles if t.rect.collidepoint(pos)), None)
        if tile is None or self.hand is None:
            return None
        c = next(c for c in self.hand.cards if c.card == tile.card)
        lines = [f"Event: {c.text}", f"Operations value {c.ops}."]
        lines.append("Click (or its number key) to see what it does and play it." if c.plays
                     else "Not playable now: click to read it.")  # fmt: skip
        return c.name, lines, tile.rect

"""The card over the board's lower left corner: odds before a command, dice after."""

from __future__ import annotations

import pygame

from ...present.cards import OddsCard, RollCard
from ...present.hints import choice_label, verb
from ...rules.commands import Command
from .. import cards
from ..widgets import Button, hit, hover

CARD_WIDTH = 420


class Card:
    """One card: its picture, its buttons, and for an odds card the command it is about."""

    def __init__(self, kind: str, surface: pygame.Surface, buttons: list[Button], scale: float,
                 pending: Command | None = None, choices: tuple[Command, ...] = (), words=None):  # fmt: skip
        self.kind = kind  # "odds", "roll" or "read" (a card of the hand to read, not to play now)
        self.scale = scale
        self.surface = surface
        self.buttons = buttons  # rects in the card's own coordinates
        self.pending = pending
        self.choices = choices
        self.words = words  # the OddsCard / RollCard it shows, for tests and tooltips
        self.rect = pygame.Rect(0, 0, *surface.get_size())

    def place(self, viewport: pygame.Rect) -> None:
        self.rect.bottomleft = (viewport.x + 12, viewport.bottom - 12)
        self.rect.clamp_ip(viewport)

    def click(self, pos) -> object | None:
        local = (pos[0] - self.rect.x, pos[1] - self.rect.y)
        b = hit(self.buttons, local)
        return b.action if b is not None else None

    def motion(self, pos) -> bool:
        local = (pos[0] - self.rect.x, pos[1] - self.rect.y)
        changed = hover(self.buttons, local)
        if changed:
            self._redraw_buttons()
        return changed

    def _redraw_buttons(self) -> None:
        f = cards.Fonts(self.scale).button
        for b in self.buttons:
            b.draw(self.surface, f)

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self.surface, self.rect)

    def button(self, action) -> Button:
        """The button that does `action` ("commit", "cancel" or a command), for tests."""
        return next(b for b in self.buttons if b.action == action)

    def button_pos(self, action) -> tuple[int, int]:
        return self.button(action).rect.move(self.rect.topleft).center


def card_width(viewport: pygame.Rect, scale: float) -> int:
    return min(round(CARD_WIDTH * scale), viewport.w - 24)


def odds(words: OddsCard, command: Command | None, choices: tuple[Command, ...], side: str, name_of,
         viewport: pygame.Rect, scale: float, rules=None) -> Card:  # fmt: skip
    """The card before a command: its words, the commit button, Cancel, and a button for each
    alternative (another drone count, another use of a card). `command` None: a card to read
    only (a card of the hand that cannot be played now), with a Close button alone."""
    if command is None:
        buttons = [Button("Close", "cancel", kind="card")]
    else:
        buttons = [Button(verb(command), "commit", kind="blue" if side == "blue" else "red"),
                   Button("Cancel", "cancel", kind="card")]  # fmt: skip
    if len(choices) > 1:
        buttons += [Button(choice_label(c, name_of, rules), c, kind="card") for c in choices if c != command]
    surf = cards.odds_card(words, card_width(viewport, scale), scale, buttons, viewport.h - 24)
    card = Card("odds" if command is not None else "read", surf, buttons, scale, command, choices, words)
    card.place(viewport)
    return card


def dice(words: RollCard, viewport: pygame.Rect, scale: float) -> Card:
    buttons = [Button("OK", "cancel", kind="card")]
    surf = cards.roll_card(words, card_width(viewport, scale), scale, buttons, viewport.h - 24)
    card = Card("roll", surf, buttons, scale, words=words)
    card.place(viewport)
    return card

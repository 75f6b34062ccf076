"""The hand-over card: the whole window, nothing of the board, the log or the other side.

Pushed over the board before a side's phase in hot-seat play. It draws no map,
no counter, no track, no widget of the board below; the board itself has already
forgotten the last player's camera, selection, card and pointer.
"""

from __future__ import annotations

import pygame

from ...kinds import OTHER, SIDE_NAMES
from ...words import count
from .. import keys, style
from ..widgets import Button
from ..text import wrap
from .base import CardScreen

BACKGROUND = (18, 20, 24)


class HandoverScreen(CardScreen):
    contexts = ("handover",)

    def __init__(self, app, session, on_taken, on_watch=None):
        super().__init__(app)
        self.session = session
        self.side = session.handover_due()
        self.on_taken = on_taken
        self.on_watch = on_watch  # "while you were away": watch what happened since this side's last turn
        self.missed = session.away_events(self.side) if on_watch is not None else 0
        self.watch = Button(f"Watch what happened since your last turn ({count(self.missed, 'event')})", "watch",
                            kind="plain")  # fmt: skip
        self.buttons = [self.watch] if self.missed else []

    def handle(self, event) -> None:
        if event.type == pygame.MOUSEMOTION:
            super().handle(event)
            return
        action = keys.action_for(event, self.contexts)
        if self.missed and (action == "watch" or (event.type == pygame.MOUSEBUTTONUP and event.button == 1
                                                  and self.watch.rect.collidepoint(event.pos))):  # fmt: skip
            self.session.take_screen()
            self.on_watch()
        elif (event.type == pygame.MOUSEBUTTONUP and event.button == 1) or action == "take":
            self.session.take_screen()
            self.on_taken()

    def draw(self, surface: pygame.Surface) -> None:
        side = self.side
        w, h = surface.get_size()
        surface.fill(BACKGROUND)
        card = pygame.Rect(0, 0, min(640, w - 80), 300 + (56 if self.missed else 0))
        card.center = (w // 2, h // 2)
        pygame.draw.rect(surface, style.SIDE_DARK[side], card, border_radius=12)
        pygame.draw.rect(surface, style.SIDE_LIGHT[side], card, 3, border_radius=12)
        s = self.session
        lines = [
            (f"{SIDE_NAMES[side]}'s turn", style.font(34, bold=True), (255, 255, 255)),
            (s.rules.scenario.sides[side].name, style.font(18), style.SIDE_LIGHT[side]),
            (f"Turn {s.turn} · {s.date():%d %B %Y} · {s.phase_title}", style.font(16), (235, 235, 235)),
            (s.phase_description, style.font(14), (210, 210, 210)),
            ("", style.font(8), (0, 0, 0)),
            (f"Pass the screen to the {SIDE_NAMES[side]} player. {SIDE_NAMES[OTHER[side]]}, please look away.",
             style.font(15), (235, 235, 235)),
            ("Click or press Enter when you are ready.", style.font(15, bold=True), style.HIGHLIGHT),
        ]  # fmt: skip
        y = card.y + 28
        for text, f, colour in lines:
            for line in wrap(text, f, card.w - 40)[:3]:
                img = f.render(line, True, colour)
                surface.blit(img, img.get_rect(midtop=(card.centerx, y)))
                y += img.get_height() + 4
            y += 6
        if self.missed:
            width = min(card.w - 40, style.font(14, bold=True).size(self.watch.label)[0] + 30)
            self.watch.rect = pygame.Rect(0, 0, width, 36)
            self.watch.rect.midtop = (card.centerx, y + 4)
            self.draw_buttons(surface)

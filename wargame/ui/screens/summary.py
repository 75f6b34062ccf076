"""The end-of-turn summary: each track and the victory points today, and why.

Public information only, shown to both players before the next hand-over (so it
draws nothing of either side's view: no board, no hidden piece, no stock).
"""

from __future__ import annotations

import pygame

from ...kinds import SIDE_NAMES
from ...present.summary import turn_summary
from .. import keys, style
from ..text import fit_text, wrap
from ..widgets import Button, flow
from .base import CardScreen


class SummaryScreen(CardScreen):
    contexts = ("handover",)

    def __init__(self, app, session, on_done):
        super().__init__(app)
        self.session = session
        self.on_done = on_done
        s = session
        turn = s.summary_due
        start = s.tracks_at.get(turn, {})
        end = s.tracks_at.get(turn + 1, s.tracks())
        names = {tid: t.name for tid, t in s.rules.tracks.items()}
        self.summary = turn_summary(turn, s.public_log(), start, end, names)
        self.buttons = [Button("Continue", "go", kind="go")]

    def press(self, action) -> None:
        self.session.summary_seen()
        self.on_done()

    def handle(self, event) -> None:
        if keys.action_for(event, self.contexts) == "take":
            self.press("go")
            return
        super().handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        surface.fill((20, 23, 28))
        box = pygame.Rect(0, 0, min(820, w - 40), h - 40)
        box.center = (w // 2, h // 2)
        s = self.session
        ft, fh, fb, fs = style.font(24, bold=True), style.font(15, bold=True), style.font(14), style.font(13)
        y = box.y + 10
        title = f"End of turn {self.summary.turn} · {s.date(self.summary.turn):%A %d %B %Y}"
        surface.blit(ft.render(fit_text(title, ft, box.w), True, style.PANEL_TEXT), (box.x, y))
        y += ft.get_linesize() + 4
        surface.blit(fs.render("What both sides know of the day: the tracks, the points, the news.", True, style.PANEL_MUTED), (box.x, y))
        y += fs.get_linesize() + 12
        col = box.w - 160
        for line in self.summary.tracks:
            moved = line.end - line.start
            colour = style.PANEL_TEXT if moved else style.PANEL_MUTED
            head = f"{line.name}: {line.start} → {line.end}" if moved or line.reasons else f"{line.name}: {line.end} (no change)"
            surface.blit(fh.render(head, True, colour), (box.x, y))
            y += fh.get_linesize()
            notes = list(line.reasons) + [f"reaches {t}" if not t.startswith(("reaches", "leaves")) else t for t in line.thresholds]
            for note in notes:
                for text in wrap(note, fs, col):
                    surface.blit(fs.render(text, True, style.PANEL_MUTED), (box.x + 24, y))
                    y += fs.get_linesize()
            y += 4
        y += 6
        for side in ("blue", "red"):
            awards = self.summary.vp[side]
            head = f"{SIDE_NAMES[side]} VP: " + (", ".join(awards) if awards else "none today")
            for text in wrap(head, fb, box.w):
                surface.blit(fb.render(text, True, style.SIDE_LIGHT[side]), (box.x, y))
                y += fb.get_linesize()
        if self.summary.events:
            y += 10
            surface.blit(fh.render("The day's news", True, style.PANEL_TEXT), (box.x, y))
            y += fh.get_linesize()
            for event in self.summary.events:
                if y > box.bottom - 70:
                    break
                surface.blit(fs.render(fit_text("• " + event, fs, box.w), True, style.PANEL_MUTED), (box.x + 8, y))
                y += fs.get_linesize()
        flow(self.buttons, self.button_font, box.x, box.bottom - 40, 200, 36)
        self.draw_buttons(surface)

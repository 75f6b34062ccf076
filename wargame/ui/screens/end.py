"""The end of the game: the result and why, where every victory point came from."""

from __future__ import annotations

import pygame

from .. import style
from ..text import fit_text, wrap
from ..widgets import Button, flow
from .base import CardScreen


class EndScreen(CardScreen):
    contexts = ()

    def __init__(self, app, session, on_review, on_menu, on_replay=None, menu_label: str = "Main menu"):
        super().__init__(app)
        self.session = session
        self.on_review = on_review
        self.on_menu = on_menu
        self.on_replay = on_replay
        self.buttons = [Button("Review the board", "review", kind="go"), Button("Watch the replay", "replay"),
                        Button(menu_label, "menu"), Button("Quit", "quit")]  # fmt: skip

    def press(self, action) -> None:
        if action == "review":
            self.on_review()
        elif action == "replay" and self.on_replay is not None:
            self.on_replay()
        elif action == "menu":
            self.on_menu()
        else:
            self.app.quit()

    def draw(self, surface: pygame.Surface) -> None:
        draw_result(surface, self.session)
        w, h = surface.get_size()
        width = sum(f + 6 for f in (190, 180, max(150, self.button_font.size(self.buttons[2].label)[0] + 24), 110))
        flow(self.buttons, self.button_font, (w - width) // 2, h - 70, width, 40)
        self.draw_buttons(surface)


def draw_result(surface: pygame.Surface, session) -> None:
    result = session.result
    w, h = surface.get_size()
    surface.fill((22, 25, 30))
    if result is None:
        return
    view = session.view()  # the game is over: everything
    winner = result.winner
    colour = style.SIDE_LIGHT.get(winner or "", style.HIGHLIGHT)
    head = {"blue": "Blue wins", "red": "Red wins", None: "A draw"}[winner]
    y = 36
    img = style.font(44, bold=True).render(head, True, colour)
    surface.blit(img, img.get_rect(midtop=(w // 2, y)))
    y += img.get_height() + 8
    for line in wrap(result.reason, style.font(17), min(900, w - 80)):
        img = style.font(17).render(line, True, style.PANEL_TEXT)
        surface.blit(img, img.get_rect(midtop=(w // 2, y)))
        y += img.get_height() + 2
    y += 16
    col_w = min(420, (w - 120) // 2)
    rows = 0
    for i, side in enumerate(("blue", "red")):
        x = w // 2 - col_w - 20 + i * (col_w + 40)
        name = session.rules.scenario.sides[side].name
        f20 = style.font(20, bold=True)
        surface.blit(f20.render(fit_text(f"{name}: {result.vp[side]} VP", f20, col_w), True, style.SIDE_LIGHT[side]), (x, y))
        yy = y + 34
        totals: dict[str, int] = {}
        for s, pts, reason, _ in view.vp_log:
            if s == side:
                totals[reason] = totals.get(reason, 0) + pts
        if not totals:
            surface.blit(style.font(15).render("no victory points", True, style.PANEL_MUTED), (x, yy))
        f15, f15b = style.font(15), style.font(15, bold=True)
        for reason, pts in sorted(totals.items(), key=lambda kv: -kv[1])[:8]:
            val = f15b.render(f"{pts:+d}", True, style.PANEL_TEXT)
            surface.blit(f15.render(fit_text(reason, f15, col_w - val.get_width() - 10), True, style.PANEL_TEXT), (x, yy))
            surface.blit(val, (x + col_w - val.get_width(), yy))
            yy += 24
        rows = max(rows, len(totals))
    y += 34 + 24 * max(1, min(8, rows)) + 16
    st = view.stats
    tracks = ", ".join(f"{t.name} {view.tracks[tid]}" for tid, t in session.rules.tracks.items())
    blue, red = session.rules.sides["blue"].short, session.rules.sides["red"].short
    facts = [
        f"{st['attacks']} attacks by the {red}: {st['drones_launched']} drones ({st['drones_shot_down']} shot down, "
        f"{st['drones_through']} through), {st['rockets_fired']} rockets",
        f"{st['us_casualties']} {blue} casualties · {st.get('militia_casualties', 0)} fighters killed · "
        f"{st['civilian_casualties']} civilian casualties",
        f"{st['sorties_flown']} sorties ({st['sorties_turned_back']} turned back, {st['unauthorized_sorties']} "
        f"beyond authorization) · {st['targets_destroyed']} targets destroyed · {st['quiet_turns']} quiet days",
        "Tracks at the end: " + tracks,
    ]
    f14 = style.font(14)
    for fact in facts:
        for line in wrap(fact, f14, w - 60):
            if y > h - 90:
                return
            img = f14.render(line, True, style.PANEL_MUTED)
            surface.blit(img, img.get_rect(midtop=(w // 2, y)))
            y += 20

"""Cards over the board: the odds before a command, the dice after it.

The words come from `present/cards.py`; here they are laid out as a card: the
odds as a bar chart of exact chances with the fraction beside each bar, the dice
as dice. Every line is fitted or wrapped to the card's width and the card's
buttons flow onto as many rows as their labels need, so nothing is cut at
1024x600 or runs past the card's edge.
"""

from __future__ import annotations

import pygame

from ..present.cards import OddsCard, RollCard, earlier_text, fraction, percent
from ..present.rolls import RollWords
from . import style
from .text import fit_text, wrap
from .widgets import Button, flow

CARD_BG = (250, 246, 236)
CARD_EDGE = (120, 110, 96)
BAR_BG = (226, 220, 206)
BAR = (70, 110, 160)
WARN = (160, 60, 20)
NOTE = (150, 70, 20)
RESULT = (20, 70, 140)


class Fonts:
    def __init__(self, scale: float):
        self.title = style.font(round(15 * scale), bold=True)
        self.head = style.font(round(12 * scale), bold=True)
        self.body = style.font(round(12 * scale))
        self.small = style.font(round(11 * scale))
        self.button = style.font(round(12 * scale), bold=True)
        self.row_h = round(19 * scale)
        self.button_h = round(28 * scale)
        self.scale = scale


def _buttons_height(buttons: list[Button], f: Fonts, width: int) -> int:
    if not buttons:
        return 0
    return flow(buttons, f.button, 12, 0, width - 24, f.button_h) + 10


def _finish(card_h: int, width: int, buttons: list[Button], f: Fonts) -> pygame.Surface:
    surf = pygame.Surface((width, card_h), pygame.SRCALPHA)
    pygame.draw.rect(surf, CARD_BG, surf.get_rect(), border_radius=6)
    pygame.draw.rect(surf, CARD_EDGE, surf.get_rect(), 1, border_radius=6)
    return surf


def odds_card(card: OddsCard, width: int, scale: float, buttons: list[Button], max_h: int) -> pygame.Surface:
    """The odds card; `buttons` get their rects in the card's coordinates (bottom rows)."""
    f = Fonts(scale)
    inner = width - 24
    lines: list[tuple[str, object, int]] = []  # kind, payload, height

    def text(kind: str, s: str, font: pygame.font.Font) -> None:
        for line in wrap(s, font, inner):
            lines.append((kind, line, font.get_linesize()))

    text("title", card.title, f.title)
    for w in card.warnings:
        text("warn", "⚠ " + w, f.small)
    for sec in card.sections:
        lines.append(("gap", None, round(4 * scale)))
        text("head", f"{sec.label}: {sec.dice}", f.head)
        text("small", ", ".join(sec.modifiers), f.small)
        if sec.column:
            text("small", sec.column, f.small)
        for bar in sec.bars:
            lines.append(("bar", bar, f.row_h))
    if card.notes:
        lines.append(("gap", None, round(4 * scale)))
    for note in card.notes:
        text("note", note, f.small)
    button_h = _buttons_height(buttons, f, width)
    body_h = 10 + sum(h for _, _, h in lines) + 8
    # too tall for the board: drop bars of no chance, then shorten the rows
    if body_h + button_h > max_h:
        lines = [ln for ln in lines if not (ln[0] == "bar" and not ln[1].chance)]
        body_h = 10 + sum(h for _, _, h in lines) + 8
    surf = _finish(body_h + button_h, width, buttons, f)
    y = 10
    bar_x = 12 + min(round(170 * scale), inner // 2)
    pct_w = f.body.size("100.0%")[0]
    frac_w = f.small.size("1295/1296")[0]
    bar_w = max(30, width - bar_x - pct_w - frac_w - 24)
    colours = {"title": style.INK, "head": style.INK, "small": style.INK_SOFT, "note": NOTE, "warn": WARN}
    fonts = {"title": f.title, "head": f.head, "small": f.small, "note": f.small, "warn": f.small}
    for kind, payload, lh in lines:
        if kind == "bar":
            chance = payload.chance
            colour = style.INK if chance else style.INK_SOFT
            surf.blit(f.body.render(fit_text(payload.text, f.body, bar_x - 20), True, colour), (16, y + 2))
            bh = lh - 7
            pygame.draw.rect(surf, BAR_BG, (bar_x, y + 3, bar_w, bh), border_radius=2)
            if chance:
                pygame.draw.rect(surf, BAR, (bar_x, y + 3, max(2, round(bar_w * float(chance))), bh), border_radius=2)
            pct = f.body.render(percent(chance), True, colour)
            surf.blit(pct, (bar_x + bar_w + 6 + pct_w - pct.get_width(), y + 1))
            fr = f.small.render(fraction(chance), True, style.INK_SOFT)
            surf.blit(fr, (width - 10 - fr.get_width(), y + 3))
        elif kind != "gap":
            surf.blit(fonts[kind].render(payload, True, colours[kind]), (12, y))
        y += lh
    _place_buttons(surf, buttons, f, y + 2, width)
    return surf


def _place_buttons(surf: pygame.Surface, buttons: list[Button], f: Fonts, top: int, width: int) -> None:
    flow(buttons, f.button, 12, top, width - 24, f.button_h)
    for b in buttons:
        b.draw(surf, f.button)


# --- the dice card --------------------------------------------------------------------------

PIPS = {
    1: [(0.5, 0.5)],
    2: [(0.27, 0.27), (0.73, 0.73)],
    3: [(0.27, 0.27), (0.5, 0.5), (0.73, 0.73)],
    4: [(0.27, 0.27), (0.73, 0.27), (0.27, 0.73), (0.73, 0.73)],
    5: [(0.27, 0.27), (0.73, 0.27), (0.5, 0.5), (0.27, 0.73), (0.73, 0.73)],
    6: [(0.27, 0.25), (0.73, 0.25), (0.27, 0.5), (0.73, 0.5), (0.27, 0.75), (0.73, 0.75)],
}


def die(face: int, sides: int, size: int) -> pygame.Surface:
    """A die showing a face: pips on a d6, the number on any other die."""
    s = pygame.Surface((size, size), pygame.SRCALPHA)
    rect = s.get_rect().inflate(-2, -2)
    colour = (252, 252, 248) if sides == 6 else (230, 236, 248)
    pygame.draw.rect(s, colour, rect, border_radius=max(3, size // 6))
    pygame.draw.rect(s, (60, 60, 60), rect, 1, border_radius=max(3, size // 6))
    if sides == 6 and face in PIPS:
        r = max(1, size // 10)
        for fx, fy in PIPS[face]:
            pygame.draw.circle(s, (30, 30, 30), (rect.x + fx * rect.w, rect.y + fy * rect.h), r)
    else:
        font = style.font(max(8, int(size * (0.55 if face < 10 else 0.42))), bold=True)
        img = font.render(str(face), True, (30, 30, 30))
        s.blit(img, img.get_rect(center=rect.center))
    return s


def roll_card(card: RollCard, width: int, scale: float, buttons: list[Button], max_h: int) -> pygame.Surface:
    f = Fonts(scale)
    inner = width - 24
    die_px = round(22 * scale)
    title = wrap(card.title, f.title, inner)
    blocks: list[tuple[RollWords, list[str], list[str]]] = []
    for r in card.rolls:
        label = wrap(r.label, f.small, inner)
        x_after_dice = 12 + len(r.faces) * (die_px + 3) + 6
        words = wrap(r.sum_text + (f", {r.column_text}" if r.column else ""), f.head, width - x_after_dice - 12)
        blocks.append((r, label, words))
    outcomes = [line for o in card.outcomes for line in wrap("• " + o, f.body, inner)]
    button_h = _buttons_height(buttons, f, width)

    def block_h(r, label, words) -> int:
        return len(label) * f.small.get_linesize() + max(die_px, len(words) * f.head.get_linesize()) + f.body.get_linesize() + 6

    while True:
        h = 10 + len(title) * f.title.get_linesize() + 4
        h += (f.small.get_linesize() if card.earlier else 0)
        h += sum(block_h(*b) for b in blocks) + len(outcomes) * f.body.get_linesize() + 8
        if h + button_h <= max_h or len(blocks) <= 1:
            break
        blocks.pop(0)  # the oldest rolls go first; the log has them all
    surf = _finish(h + button_h, width, buttons, f)
    y = 10
    for line in title:
        surf.blit(f.title.render(line, True, style.INK), (12, y))
        y += f.title.get_linesize()
    y += 4
    hidden = card.earlier + len(card.rolls) - len(blocks)
    if hidden:
        surf.blit(f.small.render(earlier_text(hidden), True, style.INK_SOFT), (12, y))
        y += f.small.get_linesize()
    for r, label, words in blocks:
        for line in label:
            surf.blit(f.small.render(line, True, style.INK_SOFT), (12, y))
            y += f.small.get_linesize()
        x = 12
        for face, sides in zip(r.faces, r.sides):
            surf.blit(die(face, sides, die_px), (x, y))
            x += die_px + 3
        yy = y + 2
        for line in words:
            surf.blit(f.head.render(line, True, style.INK), (x + 6, yy))
            yy += f.head.get_linesize()
        y = max(y + die_px, yy) + 1
        res = f"{r.band}: {r.result}"
        surf.blit(f.body.render(fit_text(res, f.body, inner - 12), True, RESULT), (24, y))
        y += f.body.get_linesize() + 5
    for line in outcomes:
        surf.blit(f.body.render(line, True, style.INK), (12, y))
        y += f.body.get_linesize()
    _place_buttons(surf, buttons, f, y + 4, width)
    return surf

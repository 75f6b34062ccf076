"""Cards over the board: the odds before a command, the dice after it.

The odds card shows every roll a command will make as a bar chart of exact
chances (with the fraction, so "1 in 6" is never rounded away), each
modifier and column shift by name, and the command's fixed costs. The roll
card shows the dice as dice, the modifiers and the result, for every roll the
command made. Both only draw what the engine computed.
"""

from __future__ import annotations

from fractions import Fraction

import pygame

from ..rules.engine import Preview
from ..rules.events import Event, Roll
from . import style
from .panel import fit_text, wrap

CARD_BG = (250, 246, 236)
CARD_EDGE = (120, 110, 96)
BAR_BG = (226, 220, 206)
BAR = (70, 110, 160)
BAR_ZERO = (200, 196, 186)


def _percent(p: Fraction) -> str:
    value = float(p) * 100
    if value == 0:
        return "0%"
    if value < 1:
        return f"{value:.1f}%"
    return f"{value:.0f}%" if abs(value - round(value)) < 0.05 else f"{value:.1f}%"


def odds_card(preview: Preview, width: int, scale: float = 1.0) -> pygame.Surface:
    """The whole odds card as one surface (built once per hovered command, then blitted)."""
    ft, fh = style.font(round(15 * scale), bold=True), style.font(round(12 * scale), bold=True)
    fb, fs = style.font(round(12 * scale)), style.font(round(11 * scale))
    row_h = round(19 * scale)
    lines: list[tuple[str, object]] = []  # (kind, payload) to measure, then draw
    inner = width - 24
    lines.append(("title", preview.title))
    for label, setup in preview.odds:
        table = setup.table
        mods = ", ".join(f"{n} {v:+d}" for n, v in setup.modifiers) or "no modifiers"
        lines.append(("head", f"{label}: {table.dice.text}"))
        lines.append(("small", mods))
        if setup.column_name is not None:
            shifts = ", ".join(f"{n} {v:+d}" for n, v in setup.shifts)
            lines.append(("small", f"column {setup.column_name}" + (f" ({shifts})" if shifts else "")))
        odds = setup.odds()
        merged: dict[str, tuple[str, Fraction]] = {}
        for row, chance in zip(odds.rows, odds.chances):
            text, acc = merged.get(row.result, (row.text, Fraction(0)))
            merged[row.result] = (text, acc + chance)
        for text, chance in merged.values():
            lines.append(("bar", (text, chance)))
    for note in preview.notes:
        lines.append(("note", note))
    # measure
    h = 12
    wrapped: list[tuple[str, object, int]] = []
    for kind, payload in lines:
        if kind in ("title", "head"):
            f = ft if kind == "title" else fh
            for line in wrap(str(payload), f, inner):
                wrapped.append((kind, line, f.get_linesize()))
                h += f.get_linesize()
            if kind == "head":
                h += 2
        elif kind in ("small", "note"):
            for line in wrap(str(payload), fs, inner):
                wrapped.append((kind, line, fs.get_linesize()))
                h += fs.get_linesize()
        else:
            wrapped.append((kind, payload, row_h))
            h += row_h
    h += 10
    card = pygame.Surface((width, h), pygame.SRCALPHA)
    pygame.draw.rect(card, CARD_BG, card.get_rect(), border_radius=6)
    pygame.draw.rect(card, CARD_EDGE, card.get_rect(), 1, border_radius=6)
    y = 10
    bar_x = 12 + min(round(170 * scale), inner // 2)
    pct_w = fb.size("100.0%")[0]
    frac_w = fs.size("35/36")[0]
    bar_w = width - bar_x - pct_w - frac_w - 24
    for kind, payload, lh in wrapped:
        if kind == "title":
            card.blit(ft.render(payload, True, style.INK), (12, y))
        elif kind == "head":
            y += 4 if y > 40 else 0
            card.blit(fh.render(payload, True, style.INK), (12, y))
        elif kind == "small":
            card.blit(fs.render(payload, True, style.INK_SOFT), (12, y))
        elif kind == "note":
            card.blit(fs.render(payload, True, (150, 70, 20)), (12, y))
        else:
            text, chance = payload
            colour = style.INK if chance else style.INK_SOFT
            label = fb.render(fit_text(text, fb, bar_x - 18), True, colour)
            card.blit(label, (16, y + 2))
            bar_h = row_h - 7
            pygame.draw.rect(card, BAR_BG, (bar_x, y + 3, bar_w, bar_h), border_radius=2)
            if chance:
                pygame.draw.rect(card, BAR, (bar_x, y + 3, max(2, round(bar_w * float(chance))), bar_h), border_radius=2)
            pct = fb.render(_percent(chance), True, colour)
            card.blit(pct, (bar_x + bar_w + 6 + pct_w - pct.get_width(), y + 1))
            frac = fs.render(f"{chance.numerator}/{chance.denominator}" if 0 < chance < 1 else "", True, style.INK_SOFT)
            card.blit(frac, (width - 10 - frac.get_width(), y + 3))
        y += lh
    return card


# --- the dice ------------------------------------------------------------------------

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
        f = style.font(max(8, int(size * (0.55 if face < 10 else 0.45))), bold=True)
        img = f.render(str(face), True, (30, 30, 30))
        s.blit(img, img.get_rect(center=rect.center))
    return s


def roll_card(events: list[Event], width: int, title: str, scale: float = 1.0) -> pygame.Surface | None:
    """The rolls among a command's events, as dice; None if it rolled nothing."""
    rolls = [e for e in events if e.roll is not None]
    if not rolls:
        return None
    ft, fb, fs = style.font(round(15 * scale), bold=True), style.font(round(12 * scale), bold=True), style.font(round(11 * scale))
    row = round(44 * scale)
    shown = rolls[-8:]
    rows = []
    for e in shown:
        label = e.text.split(": ")[0]
        rows.append((label, e.roll))
    h = 12 + ft.get_linesize() + 6 + len(rows) * row + (16 if len(rolls) > len(shown) else 0) + 8
    card = pygame.Surface((width, h), pygame.SRCALPHA)
    pygame.draw.rect(card, CARD_BG, card.get_rect(), border_radius=6)
    pygame.draw.rect(card, CARD_EDGE, card.get_rect(), 1, border_radius=6)
    card.blit(ft.render(fit_text(title, ft, width - 24), True, style.INK), (12, 10))
    y = 12 + ft.get_linesize() + 6
    if len(rolls) > len(shown):
        card.blit(fs.render(f"… {len(rolls) - len(shown)} earlier roll(s) in the log", True, style.INK_SOFT), (12, y))
        y += 16
    for label, roll in rows:
        _roll_row(card, roll, label, y, width, fb, fs, scale)
        y += row
    return card


def _roll_row(card: pygame.Surface, roll: Roll, label: str, y: int, width: int, fb, fs, scale: float) -> None:
    card.blit(fs.render(fit_text(label, fs, width - 24), True, style.INK_SOFT), (12, y))
    x = 12
    size = round(22 * scale)
    top = y + round(16 * scale)
    sides = [int(t.split("d")[-1]) if "d" in t else 6 for t in _dice_sides(roll)]
    for face, s in zip(roll.faces, sides):
        card.blit(die(face, s, size), (x, top))
        x += size + 3
    mods = "".join(f" {v:+d}" for _, v in roll.modifiers)
    expr = f"{roll.natural}{mods} = {roll.total}" if roll.modifiers else f"{roll.natural}"
    img = fb.render(expr, True, style.INK)
    card.blit(img, (x + 6, top + 3))
    res = fb.render(fit_text("→ " + roll.text, fb, width - (x + 16 + img.get_width()) - 12), True, (20, 70, 140))
    card.blit(res, (x + 16 + img.get_width(), top + 3))


def _dice_sides(roll: Roll) -> list[str]:
    """One entry per die of the roll's expression, e.g. '2d6+1d4' -> ['d6', 'd6', 'd4']."""
    from ..dice import parse_dice

    return [f"d{s}" for s in parse_dice(roll.dice).dice]

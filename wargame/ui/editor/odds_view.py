"""The odds of a whole dice table, drawn over the map as a card: a row for every modifier
total the table can meet, a column for every result, each cell the exact chance.

The numbers are the editing core's (`editing.odds.table_odds`), compiled with the
rules' own tables, so they are the chances a game on this text would roll; the
words (`percent`, `fraction`) are the play screen's odds card's. A share of rolls
no row covers (a gap the designer has not closed yet) is its own column, in red.
"""

from __future__ import annotations

from fractions import Fraction

import pygame

from ...editing.odds import TableOdds
from ...present.cards import percent
from .. import style
from ..cards import BAR, BAR_BG, CARD_BG, CARD_EDGE, WARN
from ..text import fit_text, wrap

GAP = "no row"


def odds_grid(odds: TableOdds, column: str | None) -> tuple[list[str], list[tuple[int, list[Fraction]]]]:
    """The card's words: the result names (and "no row" if any roll has none), and for each
    modifier total the chance of each."""
    col = next((c for c in odds.columns if c.column == column), odds.columns[0] if odds.columns else None)
    if col is None:
        return [], []
    names: list[str] = []
    for t in col.totals:
        for r in t.results:
            if r.text not in names:
                names.append(r.text)
    gap = any(t.gap for t in col.totals)
    rows = []
    for t in col.totals:
        chances = [sum((r.chance for r in t.results if r.text == n), Fraction(0)) for n in names]
        rows.append((t.modifier, chances + ([t.gap] if gap else [])))
    return names + ([GAP] if gap else []), rows


def draw_odds(surface: pygame.Surface, odds: TableOdds, column: str | None, area: pygame.Rect) -> pygame.Rect:
    """The card at the bottom left of `area` (the map's viewport); returns where it is."""
    ft, fh, f, fs = style.font(14, bold=True), style.font(11, bold=True), style.font(12), style.font(10)
    width = min(620, area.w - 24)
    inner = width - 24
    title = f"{odds.title or odds.table_id}: {odds.dice}" + (f", column {column}" if column else "")
    lines = wrap(title, ft, inner)
    names, rows = odds_grid(odds, column) if odds.columns else ([], [])
    label_w = fh.size("Modifier +10")[0] + 8
    cell_w = max(48, (inner - label_w) // max(1, len(names)))
    row_h = f.get_linesize() + 6
    head = [wrap(n, fh, cell_w - 6)[:2] for n in names]
    head_h = max((len(h) for h in head), default=1) * fh.get_linesize() + 4
    notes = [w for p in odds.problems[:3] for w in wrap("⚠ " + p, fs, inner)]
    room = area.h - 24 - 20 - len(lines) * ft.get_linesize() - head_h - len(notes) * fs.get_linesize()
    shown = rows[: max(1, room // row_h)] if rows else []
    height = 12 + len(lines) * ft.get_linesize() + 6 + (head_h + len(shown) * row_h if shown else 0)
    height += len(notes) * fs.get_linesize() + 10 + (fs.get_linesize() if len(shown) < len(rows) else 0)
    rect = pygame.Rect(area.x + 12, area.bottom - 12 - height, width, height)
    pygame.draw.rect(surface, CARD_BG, rect, border_radius=6)
    pygame.draw.rect(surface, CARD_EDGE, rect, 1, border_radius=6)
    x, y = rect.x + 12, rect.y + 10
    for line in lines:
        surface.blit(ft.render(line, True, style.INK), (x, y))
        y += ft.get_linesize()
    y += 6
    if shown:
        for i, h in enumerate(head):
            colour = WARN if names[i] == GAP else style.INK
            for k, line in enumerate(h):
                surface.blit(fh.render(line, True, colour), (x + label_w + i * cell_w, y + k * fh.get_linesize()))
        surface.blit(fh.render("Modifier", True, style.INK_SOFT), (x, y))
        y += head_h
        for modifier, chances in shown:
            surface.blit(f.render(f"{modifier:+d}", True, style.INK), (x + 4, y + 3))
            for i, p in enumerate(chances):
                cell = pygame.Rect(x + label_w + i * cell_w, y + 1, cell_w - 6, row_h - 3)
                pygame.draw.rect(surface, BAR_BG, cell, border_radius=2)
                if p:
                    bar = cell.copy()
                    bar.w = max(2, round(cell.w * float(p)))
                    pygame.draw.rect(surface, WARN if names[i] == GAP else BAR, bar, border_radius=2)
                text = percent(p)
                img = f.render(text, True, style.INK if p else style.INK_SOFT)
                halo = pygame.Rect(cell.x + 3, cell.y + 1, img.get_width() + 4, img.get_height())
                pygame.draw.rect(surface, BAR_BG, halo, border_radius=2)
                surface.blit(img, (cell.x + 5, cell.y + 1))
            y += row_h
        if len(shown) < len(rows):
            more = f"… {len(rows) - len(shown)} more modifier totals (a taller window shows them)"
            surface.blit(fs.render(fit_text(more, fs, inner), True, style.INK_SOFT), (x, y))
            y += fs.get_linesize()
    for line in notes:
        surface.blit(fs.render(line, True, WARN), (x, y + 2))
        y += fs.get_linesize()
    return rect


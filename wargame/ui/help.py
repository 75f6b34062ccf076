"""The F1 help, drawn from the key table over whatever screen is on top."""

from __future__ import annotations

import pygame

from . import style
from .keys import Binding
from .text import wrap


def draw_help(surface: pygame.Surface, sections: list[tuple[str, list[Binding]]]) -> None:
    """Every key of the screen on top, by context, in a box over everything (the panel
    and its buttons included: the help is the topmost thing drawn). When one column would
    run past the window's foot (the editor's many keys at 1024x600), two columns."""
    w, h = surface.get_size()
    shade = pygame.Surface((w, h), pygame.SRCALPHA)
    shade.fill((0, 0, 0, 170))
    surface.blit(shade, (0, 0))
    ft, fh, fk, fd = style.font(20, bold=True), style.font(13, bold=True), style.font(13, bold=True), style.font(13)
    key_w = 150
    box = pygame.Rect(0, 0, min(760, w - 40), h - 40)
    columns = [_rows(sections, fd, box.w - key_w - 56)]
    if _height(columns[0], fd) > box.h - 80:
        box.w = min(1240, w - 40)
        rows = _rows(sections, fd, box.w // 2 - key_w - 48)
        first, used = 0, 0
        for i, (kind, data) in enumerate(rows):
            used += _row_h(kind, data, fd)
            if used > (box.h - 80) and kind == "row":
                break
            first = i + 1
        split = next((i for i in range(first, 0, -1) if rows[i - 1][0] == "row" and (i == len(rows) or rows[i][0] == "head")), first)
        columns = [rows[:split], rows[split:]]
    needed = 60 + max(_height(c, fd) for c in columns) + 30
    box.h = min(box.h, needed)
    box.center = (w // 2, h // 2)
    pygame.draw.rect(surface, (30, 34, 40), box, border_radius=10)
    pygame.draw.rect(surface, style.PANEL_MUTED, box, 1, border_radius=10)
    surface.blit(ft.render("Help: every key", True, style.PANEL_TEXT), (box.x + 24, box.y + 16))
    clip = surface.get_clip()
    surface.set_clip(box.inflate(-4, -30))
    col_w = box.w // len(columns)
    for c, rows in enumerate(columns):
        x, y = box.x + c * col_w, box.y + 52
        for kind, data in rows:
            if kind == "head":
                surface.blit(fh.render(str(data), True, style.HIGHLIGHT), (x + 24, y + 4))
                y += 24
                continue
            label, lines = data
            surface.blit(fk.render(label, True, style.PANEL_TEXT), (x + 36, y))
            for line in lines:
                surface.blit(fd.render(line, True, style.PANEL_MUTED), (x + 36 + key_w, y))
                y += fd.get_linesize()
            y += 4
    surface.set_clip(clip)
    note = style.font(12).render("F1 or Esc to close", True, style.PANEL_MUTED)
    surface.blit(note, (box.right - note.get_width() - 16, box.bottom - 22))


def _rows(sections, fd: pygame.font.Font, width: int) -> list[tuple[str, object]]:
    rows: list[tuple[str, object]] = []
    for title, bindings in sections:
        rows.append(("head", title))
        for b in bindings:
            rows.append(("row", (b.label, wrap(b.help, fd, width))))
    return rows


def _row_h(kind: str, data, fd: pygame.font.Font) -> int:
    return 24 if kind == "head" else 4 + fd.get_linesize() * len(data[1])


def _height(rows, fd: pygame.font.Font) -> int:
    return sum(_row_h(kind, data, fd) for kind, data in rows)

"""Text that fits: cut with an ellipsis, wrapped to a width, tooltips kept on screen.

Every label the screens draw goes through these, so a long piece name never runs
past a card's edge at 1024x600 or any larger window.
"""

from __future__ import annotations

import pygame

from . import style


def fit_text(text: str, f: pygame.font.Font, width: int) -> str:
    """The text, cut with an ellipsis where it would be wider than `width`."""
    if f.size(text)[0] <= width:
        return text
    while text and f.size(text + "…")[0] > width:
        text = text[:-1]
    return text + "…"


def wrap(text: str, f: pygame.font.Font, width: int) -> list[str]:
    """Lines no wider than `width` (a single word wider than that is cut to fit)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if f.size(trial)[0] <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        current = word if f.size(word)[0] <= width else fit_text(word, f, width)
    if current:
        lines.append(current)
    return lines or [""]


def blit_lines(surface: pygame.Surface, lines: list[str], f: pygame.font.Font, colour, x: int, y: int) -> int:
    for line in lines:
        surface.blit(f.render(line, True, colour), (x, y))
        y += f.get_linesize()
    return y


def tooltip_box(size: tuple[int, int], pos: tuple[int, int], bounds: pygame.Rect, avoid: list[pygame.Rect]) -> pygame.Rect:
    """Where a tooltip of `size` goes near the pointer: inside `bounds`, clear of the
    rectangles in `avoid` (the panel's tracks, the log) when there is room."""
    w, h = size
    x0, y0 = pos
    candidates = [(x0 + 16, y0 + 18), (x0 - w - 12, y0 + 18), (x0 + 16, y0 - h - 8), (x0 - w - 12, y0 - h - 8)]
    for a in avoid:  # beside the thing it must not cover: left of it, then right, below, above
        candidates += [(a.left - w - 8, y0 - 10), (a.right + 8, y0 - 10), (x0 - w // 2, a.bottom + 8), (x0 - w // 2, a.top - h - 8)]
    best = None
    for x, y in candidates:
        r = pygame.Rect(x, y, w, h)
        r.clamp_ip(bounds)
        if r.collidelist(avoid) < 0 and not r.collidepoint(pos):
            return r
        best = best or r
    return best


def draw_tooltip(surface: pygame.Surface, pos: tuple[int, int], title: str, lines: list[str] | tuple[str, ...],
                 bounds: pygame.Rect | None = None, avoid: list[pygame.Rect] | None = None, width: int = 320) -> pygame.Rect:  # fmt: skip
    """A dark box with a bold title and wrapped lines, inside `bounds` (the window)."""
    ft, fl = style.font(13, bold=True), style.font(12)
    bounds = bounds or surface.get_rect()
    width = min(width, bounds.w - 8)
    title_lines = wrap(title, ft, width - 16)
    wrapped: list[str] = []
    for line in lines:
        wrapped.extend(wrap(line, fl, width - 16))
    h = 10 + len(title_lines) * ft.get_linesize() + len(wrapped) * fl.get_linesize() + 8
    w = min(width, 16 + max([ft.size(t)[0] for t in title_lines] + [fl.size(line)[0] for line in wrapped]))
    box = tooltip_box((w, min(h, bounds.h)), pos, bounds, avoid or [])
    shade = pygame.Surface(box.size, pygame.SRCALPHA)
    shade.fill((16, 18, 20, 240))
    surface.blit(shade, box)
    pygame.draw.rect(surface, style.PANEL_MUTED, box, 1, border_radius=3)
    y = box.y + 5
    y = blit_lines(surface, title_lines, ft, style.PANEL_TEXT, box.x + 8, y) + 2
    blit_lines(surface, wrapped, fl, style.PANEL_TEXT, box.x + 8, y)
    return box


def draw_banner(surface: pygame.Surface, area: pygame.Rect, text: str) -> None:
    """A short message at the top of an area ("Saved to ...", "Not allowed: ...")."""
    if not text:
        return
    f = style.font(14, bold=True)
    img = f.render(fit_text(text, f, area.w - 40), True, style.PANEL_TEXT)
    box = img.get_rect(midtop=(area.centerx, area.y + 10)).inflate(20, 10)
    box.clamp_ip(area)
    pygame.draw.rect(surface, (20, 22, 26), box, border_radius=5)
    surface.blit(img, img.get_rect(center=box.center))

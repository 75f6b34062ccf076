"""The words on a counter: its short name at the top and its values along the foot.

Text is rendered at the final size (never supersampled), so it stays crisp, and
is fitted rather than cut: a smaller size, then condensed, then a shorter form.
"""

from __future__ import annotations

import pygame

from ...present.looks import values_line  # noqa: F401  (written once, by the presentation layer)
from .. import style
from .frame import Colour


def _label_forms(text: str) -> list[str]:
    """A label, then ever shorter forms of it: later words cut to their initial
    ("Reaper West" -> "Reaper W"; short words such as "AB" stay), then the first word alone."""
    words = text.split()
    forms = [text]
    for n in range(len(words) - 1, 0, -1):
        short = words[:n] + [w if len(w) <= 3 else w[0] for w in words[n:]]
        forms.append(" ".join(short))
    if len(words) > 1:
        forms.append(words[0])
    return list(dict.fromkeys(forms))


def fit_label(text: str, max_w: float, px: int, colour: Colour) -> tuple[pygame.Surface, pygame.font.Font] | None:
    """The label in condensed bold, as large as fits; then shortened; then cut with '…'."""
    if not text:
        return None
    small = 7
    least = max(small, round(px * 0.8))
    for size in range(px, least - 1, -1):
        f = style.font(size, bold=True, condensed=True)
        if f.size(text)[0] <= max_w:
            return f.render(text, True, colour), f
    for form in _label_forms(text)[1:]:
        for size in range(least, small - 1, -1):
            f = style.font(size, bold=True, condensed=True)
            if f.size(form)[0] <= max_w:
                return f.render(form, True, colour), f
    f = style.font(small, bold=True, condensed=True)
    cut = _label_forms(text)[-1]
    while len(cut) > 1 and f.size(cut + "…")[0] > max_w:
        cut = cut[:-1].rstrip(" .-")
    shown = cut + "…"
    if f.size(shown)[0] > max_w * 1.1:
        return None
    return f.render(shown, True, colour), f


def _render_tight(text: str, f: pygame.font.Font, colour: Colour, kern: int) -> pygame.Surface:
    """Text whose hyphens are set `kern` px closer on each side: '2-20-3' fits a small counter."""
    if kern <= 0 or "-" not in text:
        return f.render(text, True, colour)
    parts = text.split("-")
    imgs: list[pygame.Surface] = []
    for i, part in enumerate(parts):
        if i:
            imgs.append(f.render("-", True, colour))
        if part:
            imgs.append(f.render(part, True, colour))
    widths = [im.get_width() for im in imgs]
    total = sum(widths) - 2 * kern * (len(parts) - 1)
    out = pygame.Surface((max(1, total), f.get_height()), pygame.SRCALPHA)
    x = 0
    for im in imgs:
        out.blit(im, (x, 0))
        x += im.get_width() - kern
    return out


def _tight_width(text: str, f: pygame.font.Font, kern: int) -> int:
    return f.size(text)[0] - 2 * kern * text.count("-") if kern > 0 else f.size(text)[0]


def fit_values(text: str, max_w: float, px: int, colour: Colour) -> tuple[pygame.Surface, pygame.font.Font] | None:
    """The values in bold, never cut: smaller, then condensed, then hyphens set tighter."""
    if not text:
        return None
    tries = [(size, False, 0) for size in range(px, max(6, px - 2) - 1, -1)]
    for size in range(px, 5, -1):  # a larger size set tighter beats a smaller one
        tries += [(size, True, 0), (size, True, max(1, size // 6))]
    for size, condensed, kern in tries:
        f = style.font(size, bold=True, condensed=condensed)
        if _tight_width(text, f, kern) <= max_w:
            return _render_tight(text, f, colour, kern), f
    f = style.font(6, bold=True, condensed=True)
    return _render_tight(text, f, colour, 1), f


def blit_baseline(target: pygame.Surface, img: pygame.Surface, f: pygame.font.Font, cx: float,
                   baseline: float) -> None:  # fmt: skip
    """Text centred on cx, standing on the baseline."""
    target.blit(img, (round(cx - img.get_width() / 2), round(baseline) - f.get_ascent()))

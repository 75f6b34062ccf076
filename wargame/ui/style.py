"""Colours and fonts shared by every screen, in one place so the board, the
counters and the panels agree.

Side colours are chosen to stay apart for colour-blind players (blue against a
warm orange-red, differing in lightness as well as hue), and each side's
counters also differ in shape (NATO frames: a rectangle for Blue, a diamond for
Red), so colour is never the only cue.
"""

from __future__ import annotations

import pygame

from ..resources import assets_dir

# sides
BLUE = (46, 110, 196)
BLUE_LIGHT = (128, 176, 232)
BLUE_DARK = (22, 56, 110)
RED = (214, 84, 40)
RED_LIGHT = (240, 156, 120)
RED_DARK = (120, 40, 18)
SIDE_COLOUR = {"blue": BLUE, "red": RED}
SIDE_LIGHT = {"blue": BLUE_LIGHT, "red": RED_LIGHT}
SIDE_DARK = {"blue": BLUE_DARK, "red": RED_DARK}

# paper and ink
INK = (34, 32, 30)
INK_SOFT = (90, 86, 80)
PAPER = (244, 238, 224)
PANEL = (38, 42, 48)
PANEL_LIGHT = (58, 64, 72)
PANEL_TEXT = (232, 232, 226)
PANEL_MUTED = (160, 166, 172)
HIGHLIGHT = (255, 214, 64)
DANGER = (220, 60, 50)
GOOD = (70, 170, 90)
WATER = (94, 150, 205)
BORDER_LINE = (128, 40, 120)

FONT_FILES = {
    (False, False): "DejaVuSans.ttf",
    (True, False): "DejaVuSans-Bold.ttf",
    (False, True): "DejaVuSansCondensed.ttf",
    (True, True): "DejaVuSansCondensed-Bold.ttf",
}


_fonts: dict[tuple[str, int], pygame.font.Font] = {}


def font(size: int, bold: bool = False, condensed: bool = False) -> pygame.font.Font:
    """A shipped DejaVu font at a pixel size (cached: fonts are costly to open)."""
    return _font(FONT_FILES[(bold, condensed)], max(6, int(size)))


def italic_font(size: int) -> pygame.font.Font:
    return _font("DejaVuSans-Oblique.ttf", max(6, int(size)))


def _font(name: str, size: int) -> pygame.font.Font:
    if not pygame.font.get_init():
        pygame.font.init()
        _fonts.clear()
    f = _fonts.get((name, size))
    if f is None:
        f = _fonts[(name, size)] = pygame.font.Font(str(assets_dir() / "fonts" / name), size)
    return f


def forget_fonts() -> None:
    """Drop cached fonts: pygame invalidates them when its font module quits and restarts."""
    _fonts.clear()


def text_with_halo(
    text: str, f: pygame.font.Font, colour: tuple[int, int, int], halo: tuple[int, int, int], width: int = 2
) -> pygame.Surface:
    """Text with an outline in the halo colour, readable over any terrain."""
    core = f.render(text, True, colour)
    ring = f.render(text, True, halo)
    w, h = core.get_width() + 2 * width, core.get_height() + 2 * width
    out = pygame.Surface((w, h), pygame.SRCALPHA)
    for dx in range(-width, width + 1):
        for dy in range(-width, width + 1):
            if dx * dx + dy * dy <= width * width + 1:
                out.blit(ring, (width + dx, width + dy))
    out.blit(core, (width, width))
    return out

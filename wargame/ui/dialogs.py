"""File dialogs, from pygame_gui, which is imported only when the first one opens.

Importing pygame_gui (its elements, themes and text layout) takes 60-80 ms, a
fifth of the time a window takes to reach its first frame, and nothing before a
dialog needs it: the board, the cards and the buttons are drawn by the game's
own widgets (widgets.py). So no screen imports it at the top; they open their
dialogs and read their events through here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pygame

if TYPE_CHECKING:
    from pygame_gui.windows import UIFileDialog


DIALOG_SIZE = (560, 460)  # every file dialog, at most: a screen smaller than this less a margin gets one that fits


def file_dialog(screen: tuple[int, int], manager, title: str, start: Path | str, existing_only: bool,
                centre_x: int | None = None) -> UIFileDialog:  # fmt: skip
    """pygame_gui's file dialog over the screen, starting at `start`, one size for all of
    them (centred, or over the column at `centre_x`, as the editor puts it over its map)."""
    from pygame_gui.windows import UIFileDialog

    w, h = screen
    rect = pygame.Rect(0, 0, min(DIALOG_SIZE[0], w - 40), min(DIALOG_SIZE[1], h - 40))
    rect.center = (w // 2 if centre_x is None else centre_x, h // 2)
    return UIFileDialog(rect, manager, window_title=title, initial_file_path=str(start),
                        allow_existing_files_only=existing_only)  # fmt: skip


def dialog_event(event: pygame.event.Event, dialog) -> tuple[Literal["picked", "closed"], Path | None] | None:
    """("picked", path) or ("closed", None) when `event` is `dialog`'s answer, else None."""
    if dialog is None:
        return None
    import pygame_gui

    if getattr(event, "ui_element", None) is not dialog:
        return None
    if event.type == pygame_gui.UI_FILE_DIALOG_PATH_PICKED:
        return "picked", Path(event.text)
    if event.type == pygame_gui.UI_WINDOW_CLOSE:
        return "closed", None
    return None

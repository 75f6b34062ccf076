"""What every editor tool shares: its buttons and its form in the panel, its say on the map.

A tool is one job of the editor (the map, the pieces, the tracks and victory, the
tables). The screen hands it the left mouse on the map (`press_hex`, `drag_hex`,
`release_hex`, `click_hex`), the buttons and the form events of its part of the
panel, and asks it what to draw over the map (`overlay`). Every change goes
through the editing core (`wargame.editing`), as one undoable edit; a refusal's
reason is shown on the map's banner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

import pygame

from ...editing import EditRefused, PatchError
from ...hexgrid import Hex, ccrr
from ...present.scene import Mark, Shade
from .. import style
from ..text import fit_text
from ..widgets import Button, flow, hit, hover
from .forms import Field, Form

if TYPE_CHECKING:
    from .screen import EditorScreen


class Tool:
    name = ""
    title = ""

    def __init__(self, editor: EditorScreen):
        self.editor = editor
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.buttons: list[Button] = []
        self.form: Form | None = None
        self.form_top = 0
        self.buttons_bottom = 0
        self.shown = False

    # --- what tools reach -------------------------------------------------------------

    @property
    def doc(self):
        return self.editor.doc

    @property
    def data(self) -> dict:
        data = self.editor.doc.data
        return data if isinstance(data, dict) else {}

    def say(self, text: str) -> None:
        self.editor.say(text)

    def run(self, edit: Callable[[], Any], typing_key: Any = None) -> Any:
        """Make one edit through the core; a refusal is said, never raised."""
        try:
            return self.editor.typing.apply(typing_key, edit)
        except (EditRefused, PatchError) as e:
            self.say(str(e))
            return None

    def refuse_reason(self, edit: Callable[[], Any], typing_key: Any = None) -> str | None:
        """As `run`, for a form: the reason of a refusal, or None when the edit was made."""
        try:
            self.editor.typing.apply(typing_key, edit)
        except (EditRefused, PatchError) as e:
            return str(e)
        return None

    # --- the panel ------------------------------------------------------------------------

    def layout(self, rect: pygame.Rect) -> None:
        """Place the buttons at the top of the tool's part of the panel, the form under them."""
        self.rect = pygame.Rect(rect)
        font = style.font(12, bold=True)
        self.buttons_bottom = flow(self.buttons, font, rect.x, rect.y, rect.w, 26, gap=5) if self.buttons else rect.y
        self.form_top = self.buttons_bottom + 8 + self.info_height()
        if self.form is not None:
            self.form.move(self.form_rect())

    def info_height(self) -> int:
        """Room the tool keeps between its buttons and its form (a palette, a list)."""
        return 0

    def form_rect(self) -> pygame.Rect:
        return pygame.Rect(self.rect.x, self.form_top, self.rect.w, max(60, self.rect.bottom - self.form_top))

    def set_buttons(self, buttons: list[Button]) -> None:
        """New buttons; when only their states changed, they keep their places and the form
        is left alone (an entry being typed in keeps its caret)."""
        if [b.label for b in buttons] == [b.label for b in self.buttons]:
            for new, old in zip(buttons, self.buttons):
                new.rect, new.hot = old.rect, old.hot
            self.buttons = buttons
            return
        self.buttons = buttons
        if self.rect.w:
            self.layout(self.rect)

    def open_form(self, title: str, fields: list[Field], on_change: Callable[[Field, Any], str | None]) -> None:
        """Show a form (or bring the one shown up to date when it is the same form)."""
        if self.rect.w and self.buttons_bottom + 8 + self.info_height() != self.form_top:
            self.layout(self.rect)  # the palette above the form grew or shrank
        if self.form is not None and self.form.title == title:
            self.form.on_change = on_change
            self.form.set_fields(fields)
            return
        self.close_form()
        self.editor.typing.stop()
        if self.shown:
            self.form = Form(self.editor.app.manager, self.form_rect(), fields, on_change, title)

    def close_form(self) -> None:
        if self.form is not None:
            self.form.kill()
            self.form = None

    def show(self) -> None:
        self.shown = True
        self.refresh()

    def hide(self) -> None:
        self.shown = False
        self.close_form()

    def refresh(self) -> None:
        """The document changed (or the tool is shown again): bring the form up to date."""

    def press(self, action: Any) -> None:
        """One of the tool's buttons was pressed."""

    def handle(self, event: pygame.event.Event) -> bool:
        """Events in the tool's part of the panel; True if the tool used it."""
        if self.form is not None and self.form.handle(event):
            return True
        if event.type == pygame.MOUSEWHEEL:
            if self.form is not None and self.form.rect.collidepoint(self.editor.controls.mouse):
                self.form.wheel(event.y)
                return True
            return False
        if event.type == pygame.MOUSEMOTION:
            hover(self.buttons, event.pos)
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            b = hit(self.buttons, event.pos)
            if b is not None:
                self.press(b.action)
                return True
            return self.click_panel(event.pos)
        return False

    def click_panel(self, pos) -> bool:
        """A click in the tool's part of the panel that hit no button (a palette row)."""
        return False

    def key(self, action: str, event: pygame.event.Event) -> bool:
        """An editor key meant for this tool (brush, mode, delete); True if used."""
        return False

    def handles(self, path: tuple) -> bool:
        """Whether this tool edits the value at a problem's path."""
        return False

    def open(self, path: tuple) -> None:
        """Open the form of the value at a problem's path (one `handles`)."""

    card_rect: pygame.Rect | None = None  # a card the tool draws over the map (the odds), if any

    def draw_board(self, surface: pygame.Surface) -> None:
        """What the tool draws over the map after the scene (the odds card)."""

    # --- the map ----------------------------------------------------------------------------

    def press_hex(self, h: Hex) -> bool:
        """The left button went down on a hex: True if the tool takes the drag (painting,
        moving a piece); otherwise the drag pans and a click comes to `click_hex`."""
        return False

    def drag_hex(self, h: Hex) -> None:
        pass

    def release_hex(self, h: Hex | None) -> None:
        pass

    def click_hex(self, h: Hex) -> None:
        pass

    def overlay(self) -> tuple[tuple[Shade, ...], tuple[Mark, ...]]:
        return (), ()

    def slides(self) -> tuple:
        """Counters drawn on their way (a piece being dragged)."""
        return ()

    @property
    def selected_piece(self) -> str | None:
        return None

    @property
    def dragged_piece(self) -> str | None:
        return None

    def draw(self, surface: pygame.Surface) -> None:
        f = style.font(12, bold=True)
        for b in self.buttons:
            b.draw(surface, f)
        self.draw_info(surface)
        if self.form is not None:
            self.form.draw(surface)

    def draw_info(self, surface: pygame.Surface) -> None:
        """What the tool shows between its buttons and its form."""

    def line(self, surface: pygame.Surface, text: str, y: int, colour=style.PANEL_MUTED, bold: bool = False) -> int:
        f = style.font(12, bold=bold)
        surface.blit(f.render(fit_text(text, f, self.rect.w), True, colour), (self.rect.x, y))
        return y + f.get_linesize()


def name(h: Hex) -> str:
    return ccrr(h)

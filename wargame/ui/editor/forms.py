"""Forms: a value of the scenario per row, a label beside a pygame_gui entry or drop-down.

A field applies as the designer types: each change of the text that reads as
the field's kind (a whole number, a line of YAML such as `{track: escalation,
change: 1}`) is one edit of the document, and the edits of one typing run in one
field are one undo step (see `Typing`), so the odds and the problems follow every
keystroke while Ctrl+Z still takes the whole word back. A text that does not read
yet (`1x` in a number) is left in the entry with the reason under the form, and
nothing is changed until it reads.

The form is rebuilt from the document after every change, but an entry being
typed in keeps its text and caret: only the other entries are brought up to date.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu, UITextEntryLine

from ...errors import InputError
from ...yamlsafe import load
from .. import style
from ..text import fit_text, wrap

ROW_H = 30
ENTRY_H = 27


@dataclass
class Field:
    """One row of a form. `key` is what the owner is called back with; `choices` are
    (label, value) pairs for a drop-down; `optional`: an empty entry removes the value."""

    key: Any
    label: str
    value: Any
    kind: str = "text"  # text | int | yaml | choice
    choices: tuple[tuple[str, Any], ...] = ()
    optional: bool = False
    tip: str = ""

    def shown(self) -> str:
        """The value as the entry writes it."""
        if self.value is None:
            return ""
        if self.kind == "yaml":
            return flow_yaml(self.value)
        if isinstance(self.value, bool):
            return "true" if self.value else "false"
        return str(self.value)

    def read(self, text: str) -> Any:
        """The typed text as this field's value; ValueError with the reason if it does not read."""
        text = text.strip()
        if not text:
            if self.optional:
                return None
            raise ValueError(f"{self.label.lower()}: needs a value")
        if self.kind == "int":
            try:
                return int(text)
            except ValueError:
                raise ValueError(f"{self.label.lower()}: a whole number, not {text!r}") from None
        if self.kind == "yaml":
            try:
                return load(text, self.label).data
            except InputError as e:
                raise ValueError(f"{self.label.lower()}: {e.problems[0].message}") from None
        return text


def flow_yaml(value: Any) -> str:
    """A value as one line of YAML in flow style ({a: 1, b: [x, y]})."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow_yaml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow_yaml(v) for v in value) + "]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        plain = value and not any(c in value for c in ":{}[],#&*!|>'\"%@`") and value.strip() == value
        return value if plain and value.lower() not in ("yes", "no", "on", "off", "true", "false", "null") else _quoted(value)
    return str(value)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Typing:
    """Keeps one typing run in one field as one undo step: the run's earlier edit is taken
    back before the next keystroke's edit is made."""

    def __init__(self, doc):
        self.doc = doc
        self.key: Any = None
        self.after: str | None = None
        self.on_stack = False

    def apply(self, key: Any, edit: Callable[[], Any]) -> Any:
        doc = self.doc
        if key is not None and key == self.key and self.on_stack and doc.text == self.after and doc.can_undo:
            doc.undo()
        result = edit()
        self.key, self.after = key, doc.text
        self.on_stack = result is not None and key is not None
        return result

    def stop(self) -> None:
        self.key = None


class Form:
    """Rows of fields in a rectangle of the panel; `on_change(field, value)` makes the edit
    and returns None, or a reason to show when the edit was refused."""

    def __init__(self, manager: pygame_gui.UIManager, rect: pygame.Rect, fields: list[Field],
                 on_change: Callable[[Field, Any], str | None], title: str = ""):  # fmt: skip
        self.manager = manager
        self.rect = pygame.Rect(rect)
        self.title = title
        self.on_change = on_change
        self.fields: list[Field] = []
        self.elements: dict[Any, Any] = {}
        self.scroll = 0
        self.error = ""
        self.note = ""  # what the owner says under the rows (the new size of the map)
        self.set_fields(fields)

    # --- fields --------------------------------------------------------------------------

    @property
    def label_w(self) -> int:
        return min(130, self.rect.w * 2 // 5)

    @property
    def rows_shown(self) -> int:
        top = ROW_H if self.title else 0
        return max(1, (self.rect.h - top - 34) // ROW_H)

    def set_fields(self, fields: list[Field]) -> None:
        """New values: entries of the same fields are updated in place (the one being typed in
        keeps its text); a different set of fields is built anew."""
        same = [f.key for f in fields] == [f.key for f in self.fields] and all(
            a.kind == b.kind and a.choices == b.choices for a, b in zip(fields, self.fields)
        )
        old = {f.key: f for f in self.fields}
        self.fields = fields
        if not same:
            self.kill()
            self._build()
            return
        for f in fields:
            el = self.elements.get(f.key)
            if el is None or (old[f.key].value == f.value and old[f.key].shown() == f.shown()):
                continue
            if isinstance(el, UITextEntryLine):
                if not el.is_focused and el.get_text() != f.shown():
                    el.set_text(f.shown())
            else:  # a drop-down shows its new choice only when made anew
                self._rebuild(f)

    def _build(self) -> None:
        for i, f in enumerate(self.fields):
            self.elements[f.key] = self._element(f, self._row_rect(i))
        self._place()

    def _rebuild(self, f: Field) -> None:
        i = self.fields.index(f)
        self.elements.pop(f.key).kill()
        self.elements[f.key] = self._element(f, self._row_rect(i))
        self._place()

    def _row_rect(self, i: int) -> pygame.Rect:
        top = self.rect.y + (ROW_H if self.title else 0)
        x = self.rect.x + self.label_w + 6
        return pygame.Rect(x, top + (i - self.scroll) * ROW_H, self.rect.right - x, ENTRY_H)

    def _element(self, f: Field, rect: pygame.Rect):
        if f.kind == "choice":
            font = style.font(14)  # the theme's size: a label longer than the box is cut with an ellipsis
            options = [(fit_text(label, font, rect.w - 40), str(i)) for i, (label, _) in enumerate(f.choices)]
            current = next((o for o, (_, v) in zip(options, f.choices) if v == f.value), None)
            if current is None:
                options.insert(0, (f.shown() or "(none)", "-1"))
                current = options[0]
            return UIDropDownMenu(options, current, rect, self.manager, expansion_height_limit=220)
        entry = UITextEntryLine(rect, self.manager, initial_text=f.shown())
        entry.set_text_length_limit(400)
        return entry

    def _place(self) -> None:
        """Show the rows in view and hide the others (a long form scrolls with the wheel)."""
        for i, f in enumerate(self.fields):
            el = self.elements[f.key]
            shown = self.scroll <= i < self.scroll + self.rows_shown
            el.set_relative_position(self._row_rect(i).topleft)
            if shown and not el.visible:
                el.show()
            elif not shown and el.visible:
                el.hide()

    def kill(self) -> None:
        for el in self.elements.values():
            el.kill()
        self.elements = {}

    def move(self, rect: pygame.Rect) -> None:
        """Another place or height: the entries move (an entry being typed in keeps its caret);
        another width builds them anew."""
        same_width = rect.w == self.rect.w and rect.x == self.rect.x
        self.rect = pygame.Rect(rect)
        if same_width and self.elements:
            self.scroll = max(0, min(self.scroll, len(self.fields) - self.rows_shown))
            self._place()
            return
        self.kill()
        self._build()

    def wheel(self, dy: int) -> None:
        most = max(0, len(self.fields) - self.rows_shown)
        self.scroll = max(0, min(most, self.scroll - dy))
        self._place()

    @property
    def bottom(self) -> int:
        top = self.rect.y + (ROW_H if self.title else 0)
        return top + min(len(self.fields), self.rows_shown) * ROW_H

    # --- events ----------------------------------------------------------------------------

    def field_of(self, element) -> Field | None:
        return next((f for f in self.fields if self.elements.get(f.key) is element), None)

    def handle(self, event: pygame.event.Event) -> bool:
        """An entry changed or a choice was made in this form: make the edit. True if it was ours."""
        if event.type not in (pygame_gui.UI_TEXT_ENTRY_CHANGED, pygame_gui.UI_TEXT_ENTRY_FINISHED,
                              pygame_gui.UI_DROP_DOWN_MENU_CHANGED):  # fmt: skip
            return False
        f = self.field_of(event.ui_element)
        if f is None:
            return False
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            index = int(event.selected_option_id)
            if index < 0:
                return True
            self._apply(f, f.choices[index][1])
            return True
        try:
            value = f.read(event.ui_element.get_text())
        except ValueError as e:
            self.error = str(e)
            return True
        if value != f.value or event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            self._apply(f, value)
        return True

    def _apply(self, f: Field, value: Any) -> None:
        reason = self.on_change(f, value)
        self.error = reason or ""

    def type_into(self, key: Any) -> UITextEntryLine:
        """The entry of a field (for the tools' "edit this" and for tests)."""
        return self.elements[key]

    # --- drawing ------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        f, fh = style.font(12), style.font(13, bold=True)
        y = self.rect.y
        if self.title:
            surface.blit(fh.render(fit_text(self.title, fh, self.rect.w), True, style.PANEL_TEXT), (self.rect.x, y + 5))
            y += ROW_H
        for i, fld in enumerate(self.fields[self.scroll : self.scroll + self.rows_shown]):
            label = f.render(fit_text(fld.label, f, self.label_w), True, style.PANEL_MUTED)
            surface.blit(label, (self.rect.x, y + i * ROW_H + (ENTRY_H - label.get_height()) // 2))
        y = self.bottom + 2
        if len(self.fields) > self.rows_shown:
            more = f"rows {self.scroll + 1}-{min(len(self.fields), self.scroll + self.rows_shown)} of {len(self.fields)}: wheel to scroll"
            surface.blit(f.render(fit_text(more, f, self.rect.w), True, style.PANEL_MUTED), (self.rect.x, y))
            y += f.get_linesize()
        for text, colour in ((self.note, style.PANEL_TEXT), (self.error, (255, 150, 110))):
            for line in wrap(text, f, self.rect.w)[:3] if text else ():
                surface.blit(f.render(line, True, colour), (self.rect.x, y))
                y += f.get_linesize()


def field(key: Any, label: str, value: Any, kind: str = "text", **kw: Any) -> Field:
    """A field, shorter to write in the tools."""
    return Field(key, label, value, kind, **kw)


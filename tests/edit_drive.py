"""Driving the editor screen with synthetic pygame events (helpers for the editor's UI tests)."""

from __future__ import annotations

import pygame

from uidrive import click, frame, key
from wargame.editing import EditingDocument
from wargame.hexgrid import parse_ccrr
from wargame.ui.app import headless_app
from wargame.ui.screens.flow import Shell


def open_editor(doc: EditingDocument, size=(1280, 720)):
    """An app showing the editor on `doc` through the real screen flow."""
    app = headless_app(size)
    shell = Shell(app, autosave=False)
    editor = shell.edit(doc)
    frame(app)
    return app, editor


def hex_pos(editor, name: str) -> tuple[int, int]:
    x, y = editor.board.view.hex_centre(parse_ccrr(name))
    return int(x), int(y)


def stack_pos(editor, name: str) -> tuple[int, int]:
    x, y = editor.board.view.centre(parse_ccrr(name))
    return int(x), int(y)


def drag(app, start, end, steps: int = 4) -> None:
    """Press the left button at `start`, move to `end` in a few steps, let go."""
    events = [pygame.event.Event(pygame.MOUSEMOTION, pos=start, rel=(0, 0), buttons=(0, 0, 0)),
              pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=start, button=1)]  # fmt: skip
    for k in range(1, steps + 1):
        pos = (start[0] + (end[0] - start[0]) * k // steps, start[1] + (end[1] - start[1]) * k // steps)
        events.append(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(1, 0, 0)))
    events.append(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=end, button=1))
    frame(app, events)


def scroll_to(app, form, key) -> None:
    """Turn the mouse wheel over a form until the row of `key` shows."""
    from uidrive import move

    move(app, (form.rect.centerx, form.rect.y + 40))
    i = [f.key for f in form.fields].index(key)
    while not form.scroll <= i < form.scroll + form.rows_shown:
        down = i >= form.scroll + form.rows_shown
        frame(app, [pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1 if down else 1, flipped=False,
                                       precise_x=0.0, precise_y=-1.0 if down else 1.0)])  # fmt: skip


def type_into(app, entry, text: str, form=None, row=None) -> None:
    """Click an entry, select all it holds, and type `text` over it, one key at a time
    (with `form` and `row`, the form is first scrolled to the row's entry)."""
    if form is not None:
        scroll_to(app, form, row)
        entry = form.type_into(row)
    assert entry.visible, "the entry is scrolled out of view"
    click(app, entry.rect.center)
    key(app, pygame.K_a, pygame.KMOD_CTRL)
    for ch in text:
        frame(app, [pygame.event.Event(pygame.TEXTINPUT, text=ch)])


def chip(tool, value):
    """Where the palette row of `value` is drawn in a tool's part of the panel."""
    return next(r.center for r, v in tool.chips if v == value)


def button(buttons, action):
    return next(b for b in buttons if b.action == action)


def ctrl(app, k, shift: bool = False) -> None:
    key(app, k, pygame.KMOD_CTRL | (pygame.KMOD_SHIFT if shift else 0))

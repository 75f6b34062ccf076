"""The scenario editor's screen: the map view, the tools' panel, the problems, the file.

A controller only. The document (`wargame.editing.EditingDocument`) decides what
an edit does to the text and what is wrong with it; the tools turn the mouse and
the forms into the core's operations; the board draws the newest valid scenario
with the play screen's map view. This class routes events, keeps the panel laid
out, autosaves on a timer, and leads to saving and to the play-test.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pygame

from ...editing import Autosave, EditingDocument, EditorProblem
from ...session import HUMAN
from .. import keys, style
from ..screens.map_controls import MapControls
from ..screens.side_panel import panel_width
from ..text import draw_banner, fit_text
from ..widgets import Button, flow, hit, hover, spread
from .board import EditorBoard
from .files import SaveFlow
from .forms import Typing
from .map_tool import MapTool
from .pieces_tool import PiecesTool
from .problems import ProblemsPanel
from .rules_tool import RulesTool
from .tables_tool import TablesTool

BOARD_PAUSE = 0.5  # seconds of no typing before the board shows what was typed
AUTOSAVE_TICK = 1.0  # seconds between looks at the autosave (it writes at most once a minute)
TYPING_KEYS = ("edit_undo", "edit_redo", "edit_save", "edit_save_as")  # Ctrl keys that work in an entry too
TOOL_KEYS = {pygame.K_F2: 0, pygame.K_F3: 1, pygame.K_F4: 2, pygame.K_F5: 3}


class EditorScreen:
    contexts = ("board", "board_keys", "editor")
    opaque = True

    def __init__(self, app, doc: EditingDocument, shell=None, *, on_close=None):
        self.app = app
        self.doc = doc
        self.shell = shell
        self.on_close = on_close  # where closing the editor leads (the menu, or quitting)
        self.typing = Typing(doc)
        self.autosave = Autosave(doc)
        self.autosave_clock = 0.0
        self.message, self.message_time = "", 0.0
        self._size = app.size
        self.board = EditorBoard(self._board_rect(app.size))
        self.board.follow(doc.last_valid)
        if self.board.view is not None and shell is not None:
            shell.display.apply(self.board.view)
        display = shell.remember_display if shell is not None else None
        self.controls = MapControls(self.board.view, self.click_hex, display, blocked=self._over_card)
        self.problems = ProblemsPanel(pygame.Rect(0, 0, 0, 0))
        self.tools = [MapTool(self), PiecesTool(self), RulesTool(self), TablesTool(self)]
        self.tabs = [Button(t.name, ("tool", i), tip=t.title) for i, t in enumerate(self.tools)]
        self.undo_button = Button("Undo", "undo", tip="Undo the last edit (Ctrl+Z)")
        self.redo_button = Button("Redo", "redo", tip="Redo (Ctrl+Shift+Z)")
        self.save_button = Button("Save", "save", kind="go", tip="Save the scenario (Ctrl+S)")
        self.save_as_button = Button("Save as…", "save_as", tip="Save under another name (Ctrl+Shift+S)")
        self.play_button = Button("Play-test", "playtest", kind="blue", tip="A hot-seat game on the scenario as it stands (F9)")
        self.close_button = Button("Close", "close", tip="Close the editor (Esc)")
        self.bottom = [self.undo_button, self.redo_button, self.save_button, self.save_as_button, self.play_button,
                       self.close_button]  # fmt: skip
        self.files = SaveFlow(self)
        self.tool = self.tools[0]
        self.tool_drag = False
        self.pan_from: tuple[int, int] | None = None
        self.dirty = True
        self.doc_changed = False
        self.board_due = 0.0  # seconds until the board follows the text typed
        doc.listeners.append(self._doc_changed)
        self._layout(app.size)
        self._follow()

    # --- layout ----------------------------------------------------------------------------

    def _board_rect(self, size) -> pygame.Rect:
        return pygame.Rect(0, 0, size[0] - panel_width(size), size[1])

    @property
    def panel_rect(self) -> pygame.Rect:
        w, h = self._size
        pw = panel_width(self._size)
        return pygame.Rect(w - pw, 0, pw, h)

    def _layout(self, size) -> None:
        r = self.panel_rect
        x, w = r.x + 10, r.w - 20
        font = style.font(12, bold=True)
        tabs_bottom = flow(self.tabs, font, x, r.y + 44, w, 28, gap=5)
        rows = ([self.undo_button, self.redo_button, self.save_button], [self.save_as_button, self.play_button, self.close_button])
        y = r.bottom - 2 * 30 - 14
        spread(rows[0], x, y, w, 28)
        spread(rows[1], x, y + 34, w, 28)
        problems_h = self.problems.height_for(len(self.doc.problems), r.h)
        self.problems.rect = pygame.Rect(r.x, y - problems_h - 8, r.w, problems_h)
        self.tool_rect = pygame.Rect(x, tabs_bottom + 10, w, self.problems.rect.y - tabs_bottom - 18)
        for t in self.tools:
            t.layout(self.tool_rect)

    def resize(self, size) -> None:
        if tuple(size) == tuple(self._size):
            return
        self._size = tuple(size)
        self.board.set_viewport(self._board_rect(size))
        self._layout(size)
        self.dirty = True

    def enter(self) -> None:
        """On top again (first shown, or back from a play-test or a question)."""
        self.tool.show()
        self.dirty = True

    def leave(self) -> None:
        self.tool.hide()
        self.files.close()

    def animating(self) -> bool:
        return self.controls.dragging or self.tool_drag or self.message_time > 0 or self.files.busy or self.board_due > 0

    # --- the document ------------------------------------------------------------------------

    def _doc_changed(self, doc) -> None:
        self.doc_changed = True

    def _follow(self) -> None:
        """The panel follows every change at once; the board, whose map may be drawn anew
        (a place's name is on the map), waits while the designer types, until a pause."""
        self.doc_changed = False
        self.board_due = BOARD_PAUSE if self.typing_now() else 0.0
        self._follow_board()
        self.problems.show(self.doc.problems)
        if self.problems.height_for(len(self.doc.problems), self.panel_rect.h) != self.problems.rect.h:
            self._layout(self._size)  # the list grew or shrank: the tool's part of the panel follows
        self.tool.refresh()
        self.undo_button.enabled = self.doc.can_undo
        self.redo_button.enabled = self.doc.can_redo

    def _follow_board(self) -> None:
        if self.board_due > 0 and self.typing_now():
            return
        self.board_due = 0.0
        if self.board.follow(self.doc.last_valid):
            self.controls.view = self.board.view

    def undo(self) -> None:
        self.typing.stop()
        change = self.doc.undo()
        self.say(f"Undone: {change.label}" if change else "Nothing to undo")

    def redo(self) -> None:
        self.typing.stop()
        change = self.doc.redo()
        self.say(f"Redone: {change.label}" if change else "Nothing to redo")

    def say(self, text: str) -> None:
        self.message, self.message_time = text, 4.0
        self.dirty = True

    # --- tools and problems ----------------------------------------------------------------

    def choose_tool(self, index: int) -> None:
        if self.tools[index] is self.tool:
            return
        self.tool.hide()
        self.tool = self.tools[index]
        self.tool.show()
        self.dirty = True

    def go_to_problem(self, problem: EditorProblem) -> None:
        """Centre the map on the problem's hex and open the form of its value, where one edits it."""
        self.problems.chosen = problem
        h = self.board.hex_of(problem.hex)
        if h is not None and self.board.view is not None:
            self.board.view.centre_on(h)
        if problem.path:
            for i, t in enumerate(self.tools):
                if t.handles(problem.path):
                    self.choose_tool(i)
                    t.open(problem.path)
                    break
        self.say(str(problem))

    # --- events ----------------------------------------------------------------------------

    def _over_card(self, pos) -> bool:
        card = getattr(self.tool, "card_rect", None)
        return card is not None and card.collidepoint(pos)

    def typing_now(self) -> bool:
        return self.app._typing()

    def handle(self, event: pygame.event.Event) -> None:
        self.dirty = True
        if self.files.handle(event):
            return
        if self.tool.handle(event):
            return
        if event.type == pygame.KEYDOWN:
            if not self.typing_now():
                self._key(event)
            elif keys.action_for(event, ("editor",)) in TYPING_KEYS:
                self.app.manager.set_focus_set(None)  # the entry shows the document's value again
                self._key(event)
            return
        if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL):
            self._mouse(event)

    def _key(self, event) -> None:
        action = keys.action_for(event, ("editor",))
        if action is None:
            self.controls.handle(event)
        elif action == "edit_undo":
            self.undo()
        elif action == "edit_redo":
            self.redo()
        elif action == "edit_save":
            self.files.save()
        elif action == "edit_save_as":
            self.files.save_as()
        elif action == "edit_tool":
            self.choose_tool(TOOL_KEYS[event.key])
        elif action == "edit_problem":
            p = self.problems.next()
            if p is not None:
                self.go_to_problem(p)
        elif action == "edit_playtest":
            self.playtest()
        elif action == "edit_back":
            if not self.tool.key(action, event):
                self.close()
        elif not self.tool.key(action, event):
            self.controls.handle(event)

    def _mouse(self, event) -> None:
        vp = self.board.viewport
        if event.type == pygame.MOUSEWHEEL:
            if self.problems.rect.collidepoint(self.controls.mouse):
                self.problems.wheel(event.y)
            else:
                self.controls.handle(event)
            return
        if event.type == pygame.MOUSEMOTION:
            hover(self.tabs + self.bottom, event.pos)
            if self.pan_from is not None and event.buttons[2]:
                self.board.view.pan(event.pos[0] - self.pan_from[0], event.pos[1] - self.pan_from[1])
                self.pan_from = event.pos
            if self.tool_drag:
                self.controls.mouse = event.pos
                self.controls.hover = self.board.hex_at(event.pos)
                if self.controls.hover is not None:
                    self.tool.drag_hex(self.controls.hover)
                return
            self.controls.handle(event)
            return
        if event.button == 3:
            self.pan_from = event.pos if event.type == pygame.MOUSEBUTTONDOWN and vp.collidepoint(event.pos) else None
            return
        if event.button != 1:
            return
        if event.type == pygame.MOUSEBUTTONDOWN:
            h = self.board.hex_at(event.pos)
            on_box = self.board.view is not None and self.board.view.box("minimap") is not None and \
                self.board.view.box("minimap").collidepoint(event.pos)  # fmt: skip
            if h is not None and not on_box and not self._over_card(event.pos) and self.tool.press_hex(h):
                self.tool_drag = True
                return
            self.controls.handle(event)
            return
        # the left button came up
        if self.tool_drag:
            self.tool_drag = False
            self.tool.release_hex(self.board.hex_at(event.pos))
            return
        if self.controls.handle(event):
            return
        b = hit(self.tabs + self.bottom, event.pos)
        if b is not None:
            self.press(b.action)
            return
        p = self.problems.click(event.pos)
        if p is not None:
            self.go_to_problem(p)

    def press(self, action) -> None:
        if isinstance(action, tuple) and action[0] == "tool":
            self.choose_tool(action[1])
        elif action == "undo":
            self.undo()
        elif action == "redo":
            self.redo()
        elif action == "save":
            self.files.save()
        elif action == "save_as":
            self.files.save_as()
        elif action == "playtest":
            self.playtest()
        elif action == "close":
            self.close()

    def click_hex(self, h) -> None:
        self.tool.click_hex(h)

    # --- leaving -------------------------------------------------------------------------------

    def playtest(self) -> None:
        """A hot-seat game on the scenario as it stands; the editor waits beneath it, as it is."""
        if not self.doc.valid:
            n = len(self.doc.problems)
            self.say(f"Fix {n} problem{'s' if n != 1 else ''} before a play-test: {self.doc.problems[0]}")
            return
        if self.shell is None:
            self.say("Play-test needs the game's screens (open the editor with `wargame edit`)")
            return
        from ...session import Session

        self.autosave.write()
        seed = random.SystemRandom().randrange(1 << 31)
        session = Session.from_text(self.doc.text, seed, {"blue": HUMAN, "red": HUMAN}, self.doc.name)
        self.shell.playtest(self, session)

    def close(self) -> None:
        if self.doc.dirty:
            self.files.ask_close()
        else:
            self.closed()

    def closed(self) -> None:
        """Leave the editor for good: the recovery file stays only while edits are unsaved."""
        self.autosave.write()
        if self.doc.listeners and self._doc_changed in self.doc.listeners:
            self.doc.listeners.remove(self._doc_changed)
        if self.on_close is not None:
            self.on_close()

    # --- time ------------------------------------------------------------------------------------

    def update(self, dt: float) -> bool:
        changed = self.dirty
        if self.doc_changed:
            self._follow()
            changed = True
        if self.board_due > 0:
            self.board_due = max(0.0, self.board_due - dt)
            if self.board_due == 0 or not self.typing_now():
                self.board_due = 0.0
                self._follow_board()
                changed = True
        self.autosave_clock += dt
        if self.autosave_clock >= AUTOSAVE_TICK:
            self.autosave_clock = 0.0
            if self.autosave.tick(time.monotonic()) is not None or self.autosave.last_error:
                changed = True
        if self.message_time > 0:
            self.message_time -= dt
            changed = changed or self.message_time <= 0
        self.dirty = False
        if not changed and self.board.view is not None:
            self.board.view.idle(3)
        return changed

    # --- drawing -----------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        if self.doc_changed:
            self._follow()
        shades, marks = self.tool.overlay()
        hover = self.controls.hover if self.board.viewport.collidepoint(self.controls.mouse) else None
        scene = self.board.scene(selected=self.tool.selected_piece, hover=hover, shades=shades, marks=marks,
                                 problems=self.problems.problems, chosen_problem=self.problems.chosen,
                                 hide_piece=self.tool.dragged_piece, slides=self.tool.slides())  # fmt: skip
        self.board.draw(surface, scene)
        self.tool.draw_board(surface)
        self._draw_panel(surface)
        banner = self.message if self.message_time > 0 else ""
        if not banner and not self.doc.valid and self.board.rules is not None:
            banner = "The map shows the last valid text until the problems are fixed"
        if not banner and self.autosave.last_error:
            banner = self.autosave.last_error
        draw_banner(surface, self.board.viewport, banner)

    def _draw_panel(self, surface: pygame.Surface) -> None:
        r = self.panel_rect
        pygame.draw.rect(surface, style.PANEL, r)
        fh, f = style.font(14, bold=True), style.font(12)
        data = self.doc.data if isinstance(self.doc.data, dict) else {}
        title = str((data.get("meta") or {}).get("title") or "A scenario") if isinstance(data.get("meta"), dict) else "A scenario"
        surface.blit(fh.render(fit_text(title, fh, r.w - 20), True, style.PANEL_TEXT), (r.x + 10, r.y + 6))
        where = str(self.doc.path) if self.doc.path is not None else f"{Path(self.doc.name).name} (no file yet: Save asks)"
        state = " · unsaved" if self.doc.dirty else ""
        colour = style.HIGHLIGHT if self.doc.dirty else style.PANEL_MUTED
        surface.blit(f.render(fit_text(where + state, f, r.w - 20), True, colour), (r.x + 10, r.y + 25))
        bf = style.font(12, bold=True)
        for i, b in enumerate(self.tabs):
            b.kind = "go" if self.tools[i] is self.tool else "plain"
            b.draw(surface, bf)
        self.tool.draw(surface)
        self.problems.draw(surface)
        for b in self.bottom:
            b.draw(surface, bf)

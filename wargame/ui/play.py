"""The play screen: the board, the pieces, the side panel, commands by pointing.

The screen never decides a rule. It asks the engine for the legal commands of
the side at the screen, groups them by piece to show what a selected piece may
do, asks for the odds of a command before the player commits, sends the
command, and draws what came back. It draws only the view of the side at the
screen (Session.view), and in hot-seat play blanks everything behind a
hand-over card before the other side's phase.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UITextBox
from pygame_gui.windows import UIFileDialog

from .. import hexgrid
from ..hexgrid import Hex, ccrr
from ..record import save_game
from ..rules.commands import (
    Command,
    DroneAttack,
    EndPhase,
    FlySortie,
    MoveTeam,
    ResolveAttack,
    RocketAttack,
    TaskIsr,
)
from ..rules.engine import IllegalCommand, Preview
from ..rules.events import Event
from ..rules.state import GameState, PieceState
from ..kinds import KIND_NAMES, KIND_VALUES
from ..session import Session
from . import style
from .board import Board
from .cards import odds_card, roll_card
from .counters import CounterArt, CounterLook, values_line
from .panel import Panel, draw_tooltip, turn_date, wrap

LOG_PAGE = 80
AI_DELAY = 0.35
SIDE_NAME = {"blue": "Blue", "red": "Red"}
KIND_LABEL = KIND_NAMES
VALUE_NAMES = KIND_VALUES


@dataclass
class Options:
    """What the selected piece may do now, from the engine's legal commands."""

    moves: dict[Hex, MoveTeam] = field(default_factory=dict)
    attacks: dict[str, list[Command]] = field(default_factory=dict)  # target id -> commands
    searches: dict[Hex, TaskIsr] = field(default_factory=dict)
    sorties: dict[str, FlySortie] = field(default_factory=dict)  # target id -> command

    def targets(self) -> set[str]:
        return set(self.attacks) | set(self.sorties)


class PlayScreen:
    def __init__(self, app, session: Session, on_game_over=None, on_menu=None):
        self.app = app
        self.session = session
        self.game = session.game
        self.rules = self.game.rules
        self.on_game_over = on_game_over
        self.on_menu = on_menu
        self.art = CounterArt()
        w, h = app.size
        self.board = Board(self.rules, self._board_rect((w, h)))
        self.board.frame_budget_ms = 12  # a new zoom level fills in over a few frames instead of stalling
        self.board.fit()
        self.scale = _scale((w, h))
        self.panel = Panel(self.rules, self._panel_rect((w, h)), self.scale)
        self.selected: str | None = None
        self.options = Options()
        self.preview: Preview | None = None
        self.pending: Command | None = None  # the command the odds card is about
        self.choices: list[Command] = []  # alternatives on the card (number of drones, targets in a hex)
        self.card: pygame.Surface | None = None
        self.card_kind = ""  # "odds" or "roll"
        self.card_rolls: list = []  # the rolls on the dice card, as the side at the screen sees them
        self.hover: Hex | None = None
        self.mouse = (0, 0)
        self.drag_from: tuple[int, int] | None = None
        self.dragged = False
        self.message = ""
        self.message_time = 0.0
        self.show_help = False
        self.show_legend = True
        self.ai_timer = 0.0
        self.log_page = 0  # 0 = the newest page
        self.file_dialog: UIFileDialog | None = None
        self.cameras: dict[str, tuple[int, Hex | None]] = {}  # each side's last look at the map
        self.reaction_card_for: tuple[int, int] | None = None  # (turn, attack) whose card opened by itself
        self.dirty = True
        self.view: GameState = session.view()
        self.legal: list[Command] = []
        self.actors: set[str | None] = set()
        # hexes of off-map bases, whose stacks stand beside the map edge (fixed for the game)
        self.off_map = {
            hexgrid.parse_ccrr(p.hex)
            for p in self.rules.scenario.pieces
            if p.hex and getattr(self.rules.piece_types[p.type], "off_map", False)
        }
        self._panel_cache: pygame.Surface | None = None
        self._tooltip_key = None
        self._log_count = None
        self.widgets: list = []
        self.widgets_shown = True
        self.card_buttons: list[tuple[UIButton, Command | str]] = []
        self._build_widgets()
        self.game_over_shown = self.game.over

    # --- layout ---------------------------------------------------------------------

    @staticmethod
    def _panel_width(size) -> int:
        return max(340, min(520, int(size[0] * 0.28)))

    def _board_rect(self, size) -> pygame.Rect:
        return pygame.Rect(0, 0, size[0] - self._panel_width(size), size[1])

    def _panel_rect(self, size) -> pygame.Rect:
        pw = self._panel_width(size)
        return pygame.Rect(size[0] - pw, 0, pw, size[1])

    def resize(self, size) -> None:
        self.board.set_viewport(self._board_rect(size))
        self.scale = _scale(size)
        self.panel = Panel(self.rules, self._panel_rect(size), self.scale)
        self._build_widgets()
        self.dirty = True
        self._close_card()

    def _build_widgets(self) -> None:
        for w in self.widgets:
            w.kill()
        self.widgets = []
        m = self.app.manager
        r = self._panel_rect(self.app.size)
        bh = 32
        y = r.bottom - bh - 10
        gap = 6
        bw = (r.w - 20 - 3 * gap) // 4
        self.end_button = UIButton(pygame.Rect(r.x + 10, y, bw * 2 + gap, bh), "End phase", m, object_id="#end_phase_button",
                                   tool_tip_text="Finish this phase (E)")  # fmt: skip
        self.undo_button = UIButton(pygame.Rect(r.x + 10 + 2 * (bw + gap), y, bw, bh), "Undo", m, tool_tip_text="Take back the last move or attack order (Ctrl+Z)")
        self.menu_button = UIButton(pygame.Rect(r.x + 10 + 3 * (bw + gap), y, bw, bh), "Menu", m,
                                    tool_tip_text="The main menu: new game, continue, load, quit (the game is saved first)")  # fmt: skip
        self.log_top = 0
        self.log_box = UITextBox("", pygame.Rect(r.x + 8, 300, r.w - 16, max(60, y - 300 - 40)), m, object_id="#log")
        self.older = UIButton(pygame.Rect(r.x + 8, y - 34, 90, 26), "◀ Older", m, tool_tip_text="Earlier events")
        self.newer = UIButton(pygame.Rect(r.x + 102, y - 34, 90, 26), "Newer ▶", m, tool_tip_text="Later events")
        self.save_button = UIButton(pygame.Rect(r.right - 8 - 90, y - 34, 90, 26), "Save…", m, tool_tip_text="Save the game to a file (Ctrl+S)")
        self.widgets = [self.end_button, self.undo_button, self.menu_button, self.log_box, self.older, self.newer, self.save_button]
        self.widgets_shown = True
        self._log_count = None
        self._panel_cache = None

    def _place_log(self, top: int) -> None:
        """Fit the log between the drawn panel and the buttons."""
        r = self.panel.rect
        bottom = self.older.relative_rect.top - 6
        top = top + 6
        if top != self.log_top and bottom - top > 40:
            self.log_top = top
            self.log_box.set_relative_position((r.x + 8, top))
            self.log_box.set_dimensions((r.w - 16, bottom - top))
            self._log_count = None

    def leave(self) -> None:
        """Leaving the board (menu, window closed) saves the game as it stands, mid-turn
        included, so 'Continue the autosave' picks up exactly here."""
        self.session.save_now()
        for w in self.widgets:
            w.kill()
        self._close_card()
        if self.file_dialog is not None:
            self.file_dialog.kill()

    # --- state ----------------------------------------------------------------------

    def _refresh(self) -> None:
        """Re-read everything the screen shows after the game changed."""
        s = self.session
        self.view = s.view()
        self.legal = s.game.legal_commands(s.viewer) if s.my_move else []
        self.actors = {_actor(c) for c in self.legal}  # read per piece in every frame: a set, not a scan
        if self.selected is not None and (self.selected not in self.view.pieces or not self._may_act(self.selected)):
            self.selected = None
        self.options = self._options_for(self.selected)
        self._panel_cache = None
        self.dirty = False
        self._update_buttons()

    def _update_buttons(self) -> None:
        mine = self.session.my_move
        self.end_button.enable() if (mine or self.game.over) else self.end_button.disable()
        self.undo_button.enable() if (mine and self.game.can_undo()) else self.undo_button.disable()
        label = "Result" if self.game.over else "End phase"
        if self.end_button.text != label:
            self.end_button.set_text(label)

    def _may_act(self, pid: str) -> bool:
        return pid in self.actors

    def _options_for(self, pid: str | None) -> Options:
        o = Options()
        if pid is None:
            return o
        for c in self.legal:
            if _actor(c) != pid:
                continue
            if isinstance(c, MoveTeam):
                o.moves[c.to] = c
            elif isinstance(c, (DroneAttack, RocketAttack)):
                o.attacks.setdefault(c.target, []).append(c)
            elif isinstance(c, TaskIsr):
                o.searches[c.hex] = c
            elif isinstance(c, FlySortie):
                o.sorties[c.target] = c
        return o

    # --- events -----------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        if self.session.handover_due():
            if event.type == pygame.MOUSEBUTTONUP and event.button == 1 or (
                event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_SPACE, pygame.K_KP_ENTER)
            ):
                self.session.take_screen()
                self._restore_camera(self.session.viewer)
                self._show_widgets(True)
                self.dirty = True
            return
        if self._typing() and event.type in (pygame.KEYDOWN, pygame.KEYUP, pygame.TEXTINPUT):
            return  # keys typed into the save dialog are not game commands
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            self._button(event.ui_element)
        elif event.type == pygame_gui.UI_FILE_DIALOG_PATH_PICKED and event.ui_element is self.file_dialog:
            self._save_to(Path(event.text))
        elif event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.file_dialog:
            self.file_dialog = None
        elif event.type == pygame.KEYDOWN:
            self._key(event)
        elif event.type == pygame.MOUSEMOTION:
            self._motion(event)
        elif event.type == pygame.MOUSEBUTTONDOWN:
            self._press(event)
        elif event.type == pygame.MOUSEBUTTONUP:
            self._release(event)
        elif event.type == pygame.MOUSEWHEEL:
            if self.board.viewport.collidepoint(self.mouse):
                if self.board.zoom(1 if event.y > 0 else -1, self.mouse):
                    self._tooltip_key = None

    def _button(self, element) -> None:
        if element is self.end_button:
            self.end_phase()
        elif element is self.undo_button:
            self.undo()
        elif element is self.menu_button:
            if self.on_menu:
                self.on_menu()
        elif element is self.save_button:
            self.ask_save()
        elif element is self.older:
            self.log_page += 1
            self._log_count = None
        elif element is self.newer:
            self.log_page = max(0, self.log_page - 1)
            self._log_count = None
        else:
            for button, what in self.card_buttons:
                if element is button:
                    if what == "commit":
                        self.commit()
                    elif what == "cancel":
                        self._close_card()
                    elif isinstance(what, (DroneAttack, RocketAttack, FlySortie, TaskIsr, ResolveAttack)):
                        self.open_odds(what, self.choices)
                    break

    def _key(self, event) -> None:
        k, mods = event.key, event.mod
        ctrl = mods & (pygame.KMOD_CTRL | pygame.KMOD_META)
        step = 60
        if k == pygame.K_F1 or (k == pygame.K_SLASH and mods & pygame.KMOD_SHIFT):
            self.show_help = not self.show_help
        elif self.show_help and k == pygame.K_ESCAPE:
            self.show_help = False
        elif ctrl and k == pygame.K_s:
            self.ask_save()
        elif ctrl and k == pygame.K_z:
            self.undo()
        elif k == pygame.K_LEFT:
            self.board.pan(step, 0)
        elif k == pygame.K_RIGHT:
            self.board.pan(-step, 0)
        elif k == pygame.K_UP:
            self.board.pan(0, step)
        elif k == pygame.K_DOWN:
            self.board.pan(0, -step)
        elif k in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.board.zoom(1, self.board.viewport.center)
        elif k in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.board.zoom(-1, self.board.viewport.center)
        elif k == pygame.K_HOME:
            self.board.fit()
        elif k == pygame.K_l:
            self.show_legend = not self.show_legend
        elif k == pygame.K_e:
            self.end_phase()
        elif k == pygame.K_TAB:
            self.select_next()
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.card_kind == "odds":
            self.commit()
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.card is None and self.game.phase == "blue_reaction":
            nxt = next((c for c in self.legal if isinstance(c, ResolveAttack)), None)
            if nxt is not None:
                self.open_odds(nxt, [nxt])
        elif k == pygame.K_ESCAPE:
            if self.card is not None:
                self._close_card()
            elif self.selected is not None:
                self.selected = None
                self.options = Options()
            elif self.on_menu:
                self.on_menu()

    def _motion(self, event) -> None:
        self.mouse = event.pos
        if self.drag_from is not None and event.buttons[0]:
            dx, dy = event.pos[0] - self.drag_from[0], event.pos[1] - self.drag_from[1]
            if self.dragged or abs(dx) + abs(dy) > 4:
                self.dragged = True
                self.board.pan(dx, dy)
                self.drag_from = event.pos
        self.hover = self.board.hex_at(event.pos)

    def _press(self, event) -> None:
        self.mouse = event.pos
        if event.button == 1 and self.board.viewport.collidepoint(event.pos):
            if self.card is not None and self._card_rect().collidepoint(event.pos):
                if self.card_kind == "roll":
                    self._close_card()
                return
            self.drag_from = event.pos
            self.dragged = False
        elif event.button == 3:
            self._close_card()
            self.selected = None
            self.options = Options()

    def _release(self, event) -> None:
        if event.button != 1:
            return
        was_drag = self.dragged
        self.drag_from = None
        self.dragged = False
        if was_drag or not self.board.viewport.collidepoint(event.pos):
            return
        if self.card is not None and self._card_rect().collidepoint(event.pos):
            return
        h = self.board.hex_at(event.pos) or self._off_map_stack_at(event.pos)
        if h is not None:
            self.click_hex(h)

    def _off_map_stack_at(self, pos) -> Hex | None:
        """The hex of an off-map stack drawn outside the map edge under `pos`, if any."""
        r = self.board.size * 0.8
        for h in self.off_map:
            cx, cy = self._piece_spot(h)
            if abs(pos[0] - cx) <= r and abs(pos[1] - cy) <= r:
                return h
        return None

    # --- commands by pointing -------------------------------------------------------------

    def click_hex(self, h: Hex) -> None:
        """What a left click on a hex means now: act with the selected piece, or select."""
        if self.card_kind == "roll":
            self._close_card()
        o = self.options
        if self.selected is not None:
            targets = [pid for pid in o.targets() if self.view.pieces[pid].hex == h]
            if targets:
                cmds = [c for t in targets for c in (o.attacks.get(t, []) + ([o.sorties[t]] if t in o.sorties else []))]
                best = max(cmds, key=lambda c: getattr(c, "drones", 0))
                self.open_odds(best, cmds)
                return
            if h in o.moves:
                self.send(o.moves[h])
                return
            if h in o.searches:
                self.open_odds(o.searches[h], [o.searches[h]])
                return
        mine = [p.id for p in self._stack(h) if self._may_act(p.id)]
        if mine:
            if self.selected in mine:
                i = mine.index(self.selected)
                self.select(mine[(i + 1) % len(mine)])
            else:
                self.select(mine[-1])
        else:
            self.select(None)

    def select(self, pid: str | None) -> None:
        self.selected = pid
        self.options = self._options_for(pid)
        self._close_card()
        self._panel_cache = None

    def select_next(self) -> None:
        actors = sorted({_actor(c) for c in self.legal if _actor(c)})
        if not actors:
            return
        i = actors.index(self.selected) + 1 if self.selected in actors else 0
        pid = actors[i % len(actors)]
        self.select(pid)
        self.board.centre_on(self.view.pieces[pid].hex)

    def open_odds(self, command: Command, choices: list[Command]) -> None:
        """Show the exact odds of a command and wait for the player to commit."""
        self.pending = command
        self.choices = choices
        self.preview = self.game.preview(command)
        self.card = odds_card(self.preview, round(400 * self.scale), self.scale)
        self.card_kind = "odds"
        self._card_buttons()

    def commit(self) -> None:
        if self.pending is not None:
            command, self.pending = self.pending, None
            self.send(command)

    def send(self, command: Command) -> None:
        title = self.game.preview(command).title if not isinstance(command, (EndPhase, MoveTeam)) else command.describe()
        try:
            events = self.session.apply(command)
        except IllegalCommand as e:
            self.say(f"Not allowed: {e.reason}")
            return
        self._close_card()
        self.dirty = True
        self.log_page = 0
        # the dice card shows only what the side at the screen may see (a strike
        # whose results were unclear shows Blue no strike roll)
        seen = [v for e in events if (v := e.seen_by(self.session.seen_as)) is not None]
        self.card_rolls = [e.roll for e in seen if e.roll is not None]
        card = roll_card(seen, round(420 * self.scale), title, self.scale)
        if card is not None and not self.session.handover_due():
            self.card, self.card_kind = card, "roll"
            self._card_buttons()
        self._after_change()

    def end_phase(self) -> None:
        if self.game.over:
            if self.on_game_over:
                self.on_game_over()
            return
        if not self.session.my_move:
            return
        self.send(EndPhase())

    def undo(self) -> None:
        if not (self.session.my_move and self.game.can_undo()):
            return
        command = self.session.undo()
        self.say(f"Undone: {self._describe(command)}")
        self.dirty = True
        self._close_card()

    def _after_change(self) -> None:
        if self.session.last_save_error:
            self.say(self.session.last_save_error)
        if self.session.handover_due():
            # nothing of this side's turn may survive the hand-over: no card, no selection, no
            # message, no dialog, not even where the camera looked or what the mouse hovered
            self._close_card()
            self.selected = None
            self.options = Options()
            self.message_time = 0.0
            self.hover = None
            self.mouse = (-1, -1)
            if self.file_dialog is not None:
                self.file_dialog.kill()
                self.file_dialog = None
            if self.session.viewer is not None:
                self.cameras[self.session.viewer] = self._camera()
            self._show_widgets(False)

    def _camera(self) -> tuple[int, Hex | None]:
        b = self.board
        return b.level, b.hex_at(b.viewport.center)

    def _restore_camera(self, side: str | None) -> None:
        """Each side finds the map as it left it; a side's first look is the whole map."""
        b = self.board
        level, centre = self.cameras.get(side, (None, None)) if side else (None, None)
        b.fit()
        if level is not None:
            b.zoom(level - b.level, b.viewport.center)
            if centre is not None:
                b.centre_on(centre)

    def _typing(self) -> bool:
        return self.file_dialog is not None and self.file_dialog.alive()

    def _show_widgets(self, show: bool) -> None:
        if show == self.widgets_shown:
            return
        self.widgets_shown = show
        for w in self.widgets:
            w.show() if show else w.hide()
        for b, _ in self.card_buttons:
            b.show() if show else b.hide()

    def say(self, text: str) -> None:
        self.message = text
        self.message_time = 4.0

    # --- saving -------------------------------------------------------------------------

    def ask_save(self) -> None:
        if self.file_dialog is not None:
            return
        folder = self.session.autosave.parent if self.session.autosave else Path.cwd()
        name = f"{self.rules.scenario.id}-turn{self.game.state.turn}.wgsave"
        w, h = self.app.size
        self.file_dialog = UIFileDialog(pygame.Rect(w // 2 - 260, h // 2 - 220, 520, 440), self.app.manager,
                                        window_title="Save game as", initial_file_path=str(folder / name),
                                        allow_existing_files_only=False)  # fmt: skip

    def _save_to(self, path: Path) -> None:
        self.file_dialog = None
        if path.is_dir():
            path = path / f"{self.rules.scenario.id}-turn{self.game.state.turn}.wgsave"
        if path.suffix == "":
            path = path.with_suffix(".wgsave")
        try:
            save_game(path, self.game, dict(self.session.players))
        except OSError as e:
            self.say(f"Could not save to {path}: {e.strerror or e}")
            return
        self.say(f"Saved to {path}")

    # --- cards ---------------------------------------------------------------------------

    def _card_rect(self) -> pygame.Rect:
        if self.card is None:
            return pygame.Rect(0, 0, 0, 0)
        v = self.board.viewport
        w, h = self.card.get_size()
        extra = 40 if self.card_buttons else 0
        return pygame.Rect(v.x + 12, v.bottom - h - extra - 12, w, h + extra)

    def _card_buttons(self) -> None:
        for b, _ in self.card_buttons:
            b.kill()
        self.card_buttons = []
        if self.card is None:
            return
        r = self._card_rect()
        y = r.bottom - 36
        x = r.x + 10
        m = self.app.manager
        if self.card_kind == "odds" and self.pending is not None:
            side = self.session.viewer or "blue"
            verb = _verb(self.pending)
            commit = UIButton(pygame.Rect(x, y, 150, 30), verb, m, object_id="#commit_button" if side == "blue" else "#red_commit_button")
            cancel = UIButton(pygame.Rect(x + 156, y, 80, 30), "Cancel", m)
            self.card_buttons = [(commit, "commit"), (cancel, "cancel")]
            x += 244
            for c in self.choices:
                if c == self.pending or len(self.choices) < 2:
                    continue
                label = _choice_label(c, self.rules)
                b = UIButton(pygame.Rect(x, y, 64 if len(label) < 8 else 130, 30), label, m)
                self.card_buttons.append((b, c))
                x += b.relative_rect.w + 4
        else:
            close = UIButton(pygame.Rect(x, y, 90, 30), "OK", m)
            self.card_buttons = [(close, "cancel")]

    def _close_card(self) -> None:
        self.card = None
        self.card_kind = ""
        self.pending = None
        self.preview = None
        for b, _ in self.card_buttons:
            b.kill()
        self.card_buttons = []

    # --- update -----------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        if self.dirty:
            self._refresh()
        self._show_widgets(not self.session.handover_due())  # the hand-over card hides every widget too
        if self.message_time > 0:
            self.message_time -= dt
        s = self.session
        if self.game.over and not self.game_over_shown:
            self.game_over_shown = True
            if self.on_game_over:
                self.on_game_over()
            return
        if s.my_move and self.game.phase == "blue_reaction" and self.card is None:
            nxt = next((c for c in self.legal if isinstance(c, ResolveAttack)), None)
            key = (self.game.state.turn, nxt.attack) if nxt is not None else None
            if nxt is not None and key != self.reaction_card_for:
                self.reaction_card_for = key  # once: a cancelled card stays closed (Enter reopens it)
                self.open_odds(nxt, [nxt])
        if not s.handover_due() and s.to_move in s.ai:
            self.ai_timer += dt
            if self.ai_timer >= AI_DELAY:
                self.ai_timer = 0.0
                s.ai_step()
                self.dirty = True
                self._after_change()
        self._update_log()
        self._idle_render()

    def _idle_render(self) -> None:
        """Render the zoom levels next to the current one a little each frame, so the wheel never waits."""
        b = self.board
        for level in (b.level + 1, b.level - 1):
            if 0 <= level < len(b.ZOOM_SIZES) and not b.prerender(level, budget_ms=3):
                return

    def _update_log(self) -> None:
        if self.session.handover_due():
            return
        events = self.session.events()
        key = (self.session.seen_as, len(events), self.log_page)  # another viewer's log is another log
        if key == self._log_count:
            return
        self._log_count = key
        pages = max(1, math.ceil(len(events) / LOG_PAGE))
        self.log_page = min(self.log_page, pages - 1)
        end = len(events) - self.log_page * LOG_PAGE
        chunk = events[max(0, end - LOG_PAGE) : end]
        self.log_box.set_text(log_html(chunk))
        if self.log_page == 0 and self.log_box.scroll_bar is not None:
            self.log_box.scroll_bar.set_scroll_from_start_percentage(1.0)
        self.older.enable() if self.log_page < pages - 1 else self.older.disable()
        self.newer.enable() if self.log_page > 0 else self.newer.disable()

    # --- drawing -----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        if self.session.handover_due():
            self._show_widgets(False)
            self._draw_handover(surface)
            return
        self.board.draw(surface)
        self._draw_highlights(surface)
        self._draw_pieces(surface)
        if self.show_legend:
            # top left: on the shipped maps the least busy corner (the cards use the bottom left)
            legend = self.board.legend_surface()
            v = self.board.viewport
            surface.blit(legend, (v.x + 8, v.y + 8))
        self._draw_banner(surface)
        if self.card is not None:
            r = self._card_rect()
            pygame.draw.rect(surface, (250, 246, 236), r, border_radius=6)
            pygame.draw.rect(surface, (120, 110, 96), r, 1, border_radius=6)
            surface.blit(self.card, r.topleft)
        self._draw_panel(surface)
        self._draw_tooltip(surface)
        if self.show_help:
            draw_help(surface)

    def _draw_panel(self, surface: pygame.Surface) -> None:
        if self._panel_cache is None or self._panel_cache.get_size() != self.panel.rect.size:
            canvas = pygame.Surface(self.panel.rect.size)
            local = Panel(self.rules, pygame.Rect(0, 0, *self.panel.rect.size), self.scale)
            g = self.game
            result = g.state.result.summary() if g.over and g.state.result else None
            used = local.draw(canvas, self.view, g.phase_title, g.side_to_move, self.session.viewer, result)
            used = self._draw_action(canvas, used, local.rect.w)
            self.panel.hotspots = [type(h)(h.rect.move(self.panel.rect.topleft), h.title, h.lines) for h in local.hotspots]
            self._panel_cache = canvas
            self._place_log(self.panel.rect.y + used)
        surface.blit(self._panel_cache, self.panel.rect.topleft)

    def _draw_action(self, canvas: pygame.Surface, top: int, width: int) -> int:
        """What the selected piece can do, or what this phase asks for."""
        x, y = 14, top + 8
        f, fb = style.font(round(12 * self.scale)), style.font(round(13 * self.scale), bold=True)
        lines: list[tuple[str, pygame.font.Font, tuple]] = []
        s = self.session
        if self.selected is not None and self.selected in self.view.pieces:
            p = self.view.pieces[self.selected]
            lines.append((self.rules.name_of(p.id), fb, style.PANEL_TEXT))
            lines.append((self._values_text(p), f, style.PANEL_MUTED))
            lines.append((self._hint_for_selection(), f, style.HIGHLIGHT))
        elif s.my_move:
            lines.append((_phase_hint(self.game.phase, self.legal), f, style.HIGHLIGHT))
        elif s.to_move in s.ai:
            lines.append((f"{SIDE_NAME[s.to_move]} (computer) is playing the {self.game.phase_title}…", f, style.PANEL_MUTED))
        elif self.game.over:
            lines.append(("The game is over. Every event of both sides is now in the log.", f, style.PANEL_MUTED))
        for text, font, colour in lines:
            for line in wrap(text, font, width - 28):
                canvas.blit(font.render(line, True, colour), (x, y))
                y += font.get_linesize()
        return y

    def _hint_for_selection(self) -> str:
        o = self.options
        parts = []
        if o.moves:
            parts.append("click a shaded hex to move")
        if o.attacks:
            parts.append("click a ringed US site to attack")
        if o.searches:
            parts.append("click a hex in range to search it and its surroundings")
        if o.sorties:
            parts.append("click a ringed target to fly a sortie")
        if not parts:
            return "Nothing more this piece can do in this phase."
        text = "; ".join(parts)
        return text[0].upper() + text[1:] + "."

    def _values_text(self, p: PieceState) -> str:
        names = VALUE_NAMES.get(p.kind, ())
        st = self.view
        parts = [f"{n.replace('_', ' ')} {self.rules.value(st, p, n)}" for n in names]
        status = _status_words(p, self.session.viewer)
        return f"{KIND_LABEL.get(p.kind, p.kind)}: " + ", ".join(parts) + (f" ({status})" if status else "")

    def _draw_banner(self, surface: pygame.Surface) -> None:
        v = self.board.viewport
        if self.message_time > 0 and self.message:
            f = style.font(14, bold=True)
            img = f.render(self.message, True, style.PANEL_TEXT)
            box = img.get_rect(midtop=(v.centerx, v.y + 10)).inflate(20, 10)
            pygame.draw.rect(surface, (20, 22, 26), box, border_radius=5)
            surface.blit(img, img.get_rect(center=box.center))

    def _draw_highlights(self, surface: pygame.Surface) -> None:
        b = self.board
        o = self.options
        if self.selected is not None and self.selected in self.view.pieces:
            p = self.view.pieces[self.selected]
            if o.moves:
                b.fill_hexes(surface, frozenset(o.moves), (255, 214, 64, 70), (255, 214, 64, 160))
            if o.searches:
                b.fill_hexes(surface, frozenset(o.searches), (120, 200, 255, 40))
                if self.hover in o.searches:
                    radius = self.rules.value(self.view, p, "search_radius")
                    area = frozenset(self.rules.area(self.hover, radius))
                    b.fill_hexes(surface, area, (80, 170, 255, 90), (40, 120, 220, 220))
            reach = self.rules.value(self.view, p, "range")
            if reach and p.kind in ("launch_team", "rocket_team", "strike_flight"):
                # the edge of the piece's reach: targets inside it are ringed
                edge = frozenset(h for h in hexgrid.ring(p.hex, reach) if self.rules.on_map(h))
                b.fill_hexes(surface, edge, (220, 60, 50, 55))
            spot = self._piece_spot(p.hex)
            if spot != b.centre(p.hex):  # an off-map stack: ring the counters beside the map
                pygame.draw.circle(surface, style.HIGHLIGHT, spot, b.size * 0.95, 3)
            else:
                b.outline_hex(surface, p.hex, style.HIGHLIGHT, 3)
            for pid in o.targets():
                self._target_ring(surface, self.view.pieces[pid].hex)
        # ISR searches flown today, and attacks Red has declared (Red's view only shows them)
        for p in self.view.pieces.values():
            if p.kind == "isr_drone" and p.aim is not None:
                cx, cy = b.centre(p.aim)
                pygame.draw.circle(surface, (40, 120, 220), (cx, cy), b.size * 1.9, 2)
        for a in self.view.attacks:
            if not a.resolved and a.team in self.view.pieces and a.target in self.view.pieces:
                _arrow(surface, b.centre(self.view.pieces[a.team].hex), b.centre(self.view.pieces[a.target].hex), style.RED)
        if self.hover is not None and self.board.viewport.collidepoint(self.mouse):
            b.outline_hex(surface, self.hover, (255, 255, 255), 2)

    def _target_ring(self, surface, h: Hex) -> None:
        cx, cy = self.board.centre(h)
        r = self.board.size * 0.95
        pygame.draw.circle(surface, style.DANGER, (cx, cy), r, 3)
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            pygame.draw.line(surface, style.DANGER, (cx + dx * r * 0.7, cy + dy * r * 0.7), (cx + dx * r * 1.25, cy + dy * r * 1.25), 3)

    def _stack(self, h: Hex) -> list[PieceState]:
        """Pieces drawn in a hex, bottom first: sites, then the rest, the selected on top."""
        pieces = [p for p in self.view.pieces.values() if p.hex == h]
        pieces.sort(key=lambda p: (p.id == self.selected, p.kind not in ("base", "consulate", "facility", "depot"), p.id))
        return pieces

    def _draw_pieces(self, surface: pygame.Surface) -> None:
        b = self.board
        v = b.viewport
        by_hex: dict[Hex, list[PieceState]] = {}
        for p in self.view.pieces.values():
            by_hex.setdefault(p.hex, []).append(p)
        size = b.size
        clip = surface.get_clip()
        surface.set_clip(v)
        for h in by_hex:
            stack = self._stack(h)
            cx, cy = self._piece_spot(h)
            if not v.inflate(size * 4, size * 4).collidepoint(cx, cy):
                continue
            if size < 12:
                top = stack[-1]
                m = self.art.marker(top.side, self.rules.piece_types[top.type].symbol, max(8, int(size * 1.3)))
                surface.blit(m, m.get_rect(center=(cx, cy)))
                continue
            side_px = int(size * 1.45)
            off = max(2, side_px // 12)
            n = len(stack)
            for i, p in enumerate(stack):
                img = self.art.counter(self._look(p), side_px)
                shift = (i - (n - 1) / 2) * off  # each counter up and to the right of the one below
                surface.blit(img, img.get_rect(center=(cx + shift, cy - shift)))
            if n > 1:
                badge = style.font(max(9, int(size * 0.32)), bold=True).render(str(n), True, (255, 255, 255))
                br = badge.get_rect(center=(cx + side_px * 0.55, cy - side_px * 0.55)).inflate(6, 2)
                pygame.draw.rect(surface, (20, 20, 20), br, border_radius=6)
                surface.blit(badge, badge.get_rect(center=br.center))
        surface.set_clip(clip)

    def _piece_spot(self, h: Hex) -> tuple[float, float]:
        """Where a hex's stack stands; an off-map base stands just outside the map edge."""
        cx, cy = self.board.centre(h)
        col, row = hexgrid.to_offset(h)
        if h in self.off_map:
            mid_c, mid_r = self.rules.columns / 2, self.rules.rows / 2
            dx, dy = col - mid_c, row - mid_r
            if abs(dx) / self.rules.columns > abs(dy) / self.rules.rows:
                cx += math.copysign(self.board.size * 2.2, dx)
            else:
                cy += math.copysign(self.board.size * 2.2, dy)
        return cx, cy

    def _look(self, p: PieceState) -> CounterLook:
        pt = self.rules.piece_types[p.type]
        values = {n: self.rules.value(self.view, p, n) for n in VALUE_NAMES.get(p.kind, ())}
        if p.kind in ("base", "consulate"):
            values["personnel"] = max(0, values.get("personnel", 0) - p.casualties)
        st = self.view
        spent = self.session.my_move and p.side == self.session.viewer and not self._may_act(p.id) and p.kind not in (
            "base", "consulate", "facility", "depot")  # fmt: skip
        return CounterLook(
            type_id=p.type,
            kind=p.kind,
            side=p.side,
            symbol=pt.symbol,
            label=self.rules.piece_specs[p.id].label or _short_label(self.rules.name_of(p.id)),
            values=values_line(p.kind, values),
            damaged=p.damaged and not p.destroyed,
            destroyed=p.destroyed,
            suppressed=p.suppressed_turn >= st.turn and p.suppressed_turn != -99,
            spent=spent,
            hidden=p.hidden and self.session.viewer == "red",
            unknown=self.session.viewer == "blue" and p.unconfirmed,
        )

    def _draw_tooltip(self, surface: pygame.Surface) -> None:
        if self.drag_from is not None and self.dragged:
            return
        pos = self.mouse
        spot = self.panel.hotspot_at(pos)
        if spot is not None:
            draw_tooltip(surface, pos, spot.title, spot.lines)
            return
        if self.hover is None or not self.board.viewport.collidepoint(pos) or self.card is not None and self._card_rect().collidepoint(pos):
            return
        h = self.hover
        rules = self.rules
        t = rules.terrain[h]
        country = rules.scenario.map.countries[rules.country[h]].name
        title = f"Hex {ccrr(h)} · {t.name} · {country}"
        lines = []
        for place in rules.places_at.get(h, []):
            lines.append(f"{place.name} ({place.kind.replace('_', ' ')})")
        if rules.population[h]:
            lines.append(f"Population class {rules.population[h]}")
        for p in self._stack(h)[::-1]:
            status = _status_words(p, self.session.viewer)
            lines.append(f"• {rules.name_of(p.id)} — {KIND_LABEL.get(p.kind, p.kind).lower()}" + (f" ({status})" if status else ""))
        o = self.options
        if h in o.moves:
            lines.append("Click: move here")
        if h in o.searches:
            lines.append("Click: search here (shows the odds first)")
        draw_tooltip(surface, pos, title, lines)

    def _draw_handover(self, surface: pygame.Surface) -> None:
        """The hand-over card: nothing of the board, the log or the other side's view."""
        side = self.session.handover_due()
        w, h = surface.get_size()
        surface.fill((18, 20, 24))
        card = pygame.Rect(0, 0, min(640, w - 80), 300)
        card.center = (w // 2, h // 2)
        pygame.draw.rect(surface, style.SIDE_DARK[side], card, border_radius=12)
        pygame.draw.rect(surface, style.SIDE_LIGHT[side], card, 3, border_radius=12)
        other = "red" if side == "blue" else "blue"
        s = self.rules.scenario
        date = turn_date(self.rules, self.game.state.turn)
        lines = [
            (f"{SIDE_NAME[side]}'s turn", style.font(34, bold=True), (255, 255, 255)),
            (f"{s.sides[side].name}", style.font(18), style.SIDE_LIGHT[side]),
            (f"Turn {self.game.state.turn} · {date:%d %B %Y} · {self.game.phase_title}", style.font(16), (235, 235, 235)),
            (self.rules.scenario.turns.sequence[self.game.state.phase].description, style.font(14), (210, 210, 210)),
            ("", style.font(10), (0, 0, 0)),
            (f"Pass the screen to the {SIDE_NAME[side]} player. {SIDE_NAME[other]}, please look away.", style.font(15), (235, 235, 235)),
            ("Click or press Enter when you are ready.", style.font(15, bold=True), style.HIGHLIGHT),
        ]
        y = card.y + 34
        for text, f, colour in lines:
            img = f.render(text, True, colour)
            surface.blit(img, img.get_rect(midtop=(card.centerx, y)))
            y += img.get_height() + 10

    def _describe(self, command: Command) -> str:
        if isinstance(command, MoveTeam):
            return f"{self.rules.name_of(command.team)} to {ccrr(command.to)}"
        if isinstance(command, DroneAttack):
            return f"{self.rules.name_of(command.team)}'s drone attack"
        if isinstance(command, RocketAttack):
            return f"{self.rules.name_of(command.team)}'s rocket attack"
        return command.describe()


# --- helpers -------------------------------------------------------------------------------


def _scale(size) -> float:
    """Type and cards grow with the window: 1 at 720 pixels high, 1.25 at 1080."""
    return max(1.0, min(1.5, 1.0 + (size[1] - 720) / 1440))


def _actor(c: Command) -> str | None:
    for name in ("team", "drone", "flight"):
        if hasattr(c, name):
            return getattr(c, name)
    return None


def _verb(c: Command) -> str:
    if isinstance(c, DroneAttack):
        return f"Launch {c.drones} drone{'s' if c.drones > 1 else ''}"
    if isinstance(c, RocketAttack):
        return "Fire rockets"
    if isinstance(c, FlySortie):
        return "Fly the sortie"
    if isinstance(c, TaskIsr):
        return "Search"
    if isinstance(c, ResolveAttack):
        return "Resolve"
    return "Do it"


def _choice_label(c: Command, rules) -> str:
    if isinstance(c, DroneAttack):
        return f"{c.drones} drone{'s' if c.drones > 1 else ''}"
    if isinstance(c, FlySortie):
        return rules.name_of(c.target)[:16]
    if isinstance(c, RocketAttack):
        return "Rockets"
    return c.describe()[:16]


def _short_label(name: str) -> str:
    words = name.replace("air base", "AB").replace("Drone team", "Team").replace("Rocket team", "Rkt").split()
    text = " ".join(words)
    return text if len(text) <= 12 else text[:11] + "…"


def _status_words(p: PieceState, viewer: str | None) -> str:
    words = []
    if p.destroyed:
        words.append("destroyed")
    elif p.damaged:
        words.append("damaged")
    if p.hidden and viewer == "red":
        words.append("hidden from Blue")
    if p.unconfirmed and viewer == "blue":
        words.append("strike results unclear")
    if p.casualties:
        words.append(f"{p.casualties} casualties")
    return ", ".join(words)


def _phase_hint(phase: str, legal: list[Command]) -> str:
    if phase == "red_operations":
        return "Select a launch or rocket team (click it, or Tab) to move it or attack a US site in range. End the phase when done."
    if phase == "blue_reaction":
        n = sum(1 for c in legal if isinstance(c, ResolveAttack))
        return f"{n} attack(s) incoming. Resolve each on its card (Enter opens it), or end the phase to resolve them all."
    if phase == "blue_isr":
        return "Select an ISR drone (click its base, or Tab) and a hex to search. End the phase when done."
    if phase == "blue_air":
        return "Select a strike flight (click the off-map base, or Tab) and a known target in range. End the phase when done."
    return "End the phase to go on."


def _arrow(surface, a, b, colour) -> None:
    ax, ay = a
    bx, by = b
    d = math.hypot(bx - ax, by - ay)
    if d < 4:
        return
    ux, uy = (bx - ax) / d, (by - ay) / d
    steps = int(d // 12)
    for i in range(steps):
        if i % 2 == 0:
            s, e = i * 12, min(d, i * 12 + 12)
            pygame.draw.line(surface, colour, (ax + ux * s, ay + uy * s), (ax + ux * e, ay + uy * e), 3)
    tip = (bx - ux * 6, by - uy * 6)
    left = (tip[0] - ux * 12 - uy * 7, tip[1] - uy * 12 + ux * 7)
    right = (tip[0] - ux * 12 + uy * 7, tip[1] - uy * 12 - ux * 7)
    pygame.draw.polygon(surface, colour, [tip, left, right])


KIND_COLOUR = {
    "roll": "#c8d2dc",
    "phase": "#ffd640",
    "threshold": "#ffb060",
    "vp": "#a0e0a0",
    "game_over": "#ffd640",
    "detect": "#80c0ff",
    "destroyed": "#ff9070",
    "damage": "#ffb090",
    "casualties": "#ff9070",
    "lost": "#a0a8b0",
}


def log_html(events: list[Event]) -> str:
    """Events as the log's HTML: phase headings in bold, dice rolls with their faces."""
    out = []
    for e in events:
        text = html.escape(e.text)
        colour = KIND_COLOUR.get(e.kind, "#e8e8e2")
        if e.kind == "phase" and e.text.startswith("Turn "):
            out.append(f"<b><font color='{colour}'>{text}</font></b>")
        elif e.roll is not None:
            faces = " ".join(_die_glyph(f, e.roll.dice) for f in e.roll.faces)
            out.append(f"<font color='{colour}'>{faces} {text}</font>")
        else:
            out.append(f"<font color='{colour}'>{text}</font>")
    return "<br>".join(out)


def _die_glyph(face: int, dice: str) -> str:
    if "d6" in dice and 1 <= face <= 6 and "d66" not in dice:
        return "⚀⚁⚂⚃⚄⚅"[face - 1]
    return f"[{face}]"


HELP_LINES = [
    ("Mouse", ""),
    ("Left click", "select a piece; click again to cycle a stack; click a shaded hex or ringed target to act"),
    ("Drag", "pan the map"),
    ("Wheel", "zoom about the mouse"),
    ("Right click", "cancel the selection or the card"),
    ("Keys", ""),
    ("Arrows", "pan"),
    ("+ / -", "zoom in and out; Home: the whole map"),
    ("Tab", "select the next piece that can act"),
    ("Enter", "commit the command on the odds card"),
    ("E", "end the phase"),
    ("Ctrl+Z", "undo the last move or attack order (not past a roll)"),
    ("Ctrl+S", "save the game to a file"),
    ("L", "show or hide the legend"),
    ("Esc", "close the card, deselect, or open the menu"),
    ("F1", "show or hide this help"),
]


def draw_help(surface: pygame.Surface) -> None:
    w, h = surface.get_size()
    box = pygame.Rect(0, 0, min(720, w - 60), min(520, h - 60))
    box.center = (w // 2, h // 2)
    shade = pygame.Surface((w, h), pygame.SRCALPHA)
    shade.fill((0, 0, 0, 150))
    surface.blit(shade, (0, 0))
    pygame.draw.rect(surface, (30, 34, 40), box, border_radius=10)
    pygame.draw.rect(surface, style.PANEL_MUTED, box, 1, border_radius=10)
    ft, fk, fd = style.font(20, bold=True), style.font(14, bold=True), style.font(14)
    surface.blit(ft.render("Help: every key", True, style.PANEL_TEXT), (box.x + 24, box.y + 18))
    y = box.y + 58
    for key, text in HELP_LINES:
        if not text:
            surface.blit(fk.render(key, True, style.HIGHLIGHT), (box.x + 24, y))
            y += 24
            continue
        surface.blit(fk.render(key, True, style.PANEL_TEXT), (box.x + 40, y))
        for line in wrap(text, fd, box.w - 200):
            surface.blit(fd.render(line, True, style.PANEL_MUTED), (box.x + 170, y))
            y += 20
        y += 2
    note = style.font(12).render("F1 or Esc to close", True, style.PANEL_MUTED)
    surface.blit(note, (box.right - note.get_width() - 16, box.bottom - 26))

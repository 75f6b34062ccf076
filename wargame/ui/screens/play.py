"""The play screen: the board, the side panel, commands by pointing.

A controller only: it asks the session for the view and the legal commands, the
presentation layer for words and the scene, the map view to draw, and sends the
player's commands back through the session. Before the other side's phase in
hot-seat play it pushes the hand-over card (and, after a turn, the end-of-turn
summary) and keeps nothing of the last player's turn: no card, no selection,
no message, not even where the camera looked or what the mouse hovered.
"""

from __future__ import annotations

import pygame

from ...present import hints, looks
from ...present.cards import command_card, roll_card
from ...present.log import log_lines
from ...present.options import Intent, Options, actors, click_intent, first_unresolved, options_for, refused_click
from ...rules.commands import Command, EndPhase
from ...session import IllegalCommand, Session
from .. import keys, style
from ..text import draw_banner
from ..widgets import Button
from . import card as cards
from .map_controls import MapControls
from .play_actions import PlayActions
from .play_input import PlayInput
from .computer import ComputerTurn
from .playback import Playback
from .mapview import MapView
from .save_dialog import SaveDialog
from .side_panel import SidePanel, panel_width, scale_for
from .tooltips import board_tooltip



class PlayScreen:
    contexts = ("board", "board_keys", "play")
    opaque = True

    def __init__(self, app, session: Session, shell=None):
        self.app = app
        self.session = session
        self.rules = session.rules
        self.shell = shell  # what leads off the board: the menu, the end screen (screens/flow.py)
        w, h = app.size
        self.scale = scale_for((w, h))
        self.map = MapView(self.rules, self._board_rect((w, h)))
        self.map.frame_budget_ms = 12  # a new zoom level fills in over a few frames instead of stalling
        self.map.fit()
        self.end_button = Button("End phase", "end_phase", kind="go", weight=2, tip="Finish this phase (E)")
        self.undo_button = Button("Undo", "undo", tip="Take back the last move or attack order (Ctrl+Z)")
        self.menu_button = Button("Menu", "menu", tip="The main menu (asks first; the game is saved)")
        self.save_button = Button("Save…", "save", tip="Save the game to a file (Ctrl+S)")
        self.panel = self._make_panel((w, h))
        self._size = (w, h)
        self.selected: str | None = None
        self.options = Options()
        self.card: cards.Card | None = None
        display = shell.remember_display if shell is not None else None
        self.controls = MapControls(self.map, self.click_hex, display, blocked=self._over_card)
        self.input = PlayInput(self)
        self.actions = PlayActions(self)
        self.message = ""
        self.message_time = 0.0
        self.file_dialog: SaveDialog | None = None
        self.cameras: dict[str | None, tuple] = {}  # each side's last look at the map
        self.reaction_card_for: tuple | None = None  # the attack whose card opened by itself
        self.legal: list[Command] = []
        self.may_act: set[str] = set()
        self.view = session.view()
        self.dirty = True
        self.game_over_shown = session.over
        self._log_key = None
        self.map_busy = True
        self.playback = Playback(self.rules)
        self.computer = ComputerTurn(self)
        self.tooltip_rect: pygame.Rect | None = None
        self._log: list = []

    # --- layout -------------------------------------------------------------------

    def _board_rect(self, size) -> pygame.Rect:
        return pygame.Rect(0, 0, size[0] - panel_width(size), size[1])

    def _make_panel(self, size) -> SidePanel:
        pw = panel_width(size)
        rect = pygame.Rect(size[0] - pw, 0, pw, size[1])
        return SidePanel(self.rules, rect, self.scale, [self.end_button, self.undo_button, self.menu_button, self.save_button])

    def resize(self, size) -> None:
        if tuple(size) == self._size:
            return
        self._size = tuple(size)
        self.scale = scale_for(size)
        self.map.set_viewport(self._board_rect(size))
        self.panel = self._make_panel(size)
        self.dirty = True
        self.close_card()

    def enter(self) -> None:
        self.dirty = True

    def leave(self) -> None:
        if self.file_dialog is not None:
            self.file_dialog.close()
            self.file_dialog = None

    def close(self) -> None:
        """Leaving the board for good (menu, window closed): save the game as it stands,
        mid-turn included, so Resume picks up exactly here."""
        self.computer.wait()
        self.session.save_now("left")
        self.leave()

    def animating(self) -> bool:
        return self.session.computer_to_move or self.message_time > 0 or self.controls.dragging or self.map_busy or self.playback.busy

    # --- state --------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read everything the screen shows after the game changed."""
        s = self.session
        self.view = s.view()
        self.legal = s.legal()
        self.may_act = set(actors(self.legal))
        if self.selected is not None and self.selected not in self.may_act:
            self.selected = None
        self.options = options_for(self.selected, self.legal)
        self.end_button.label = "Result" if s.over else "End phase"
        self.end_button.enabled = s.my_move or s.over
        self.undo_button.enabled = s.can_undo()
        self.dirty = False

    # --- events -------------------------------------------------------------------

    @property
    def hover(self):
        return self.controls.hover

    @property
    def mouse(self) -> tuple[int, int]:
        return self.controls.mouse

    def handle(self, event: pygame.event.Event) -> None:
        self.input.handle(event)

    def _over_card(self, pos) -> bool:
        return self.card is not None and self.card.rect.collidepoint(pos)

    def cancel(self) -> None:
        """Esc: close the card, else deselect, else ask to leave the board."""
        if self.card is not None:
            self.close_card()
        elif self.selected is not None:
            self.select(None)
        elif self.shell is not None:
            self.shell.ask_leave(self)

    # --- commands by pointing --------------------------------------------------------

    def click_hex(self, h) -> None:
        """What a left click on a hex means now: act with the selected piece, or select."""
        if self.card is not None and self.card.kind == "roll":
            self.close_card()
        targets = {t: self.view.pieces[t].hex for t in self.options.targets() if t in self.view.pieces}
        mine = [p.id for p in hints.stack_order([p for p in self.view.pieces.values() if p.hex == h], None)
                if p.id in self.may_act]  # fmt: skip
        intent: Intent = click_intent(h, self.selected, self.options, targets, mine)
        if intent.kind == "send":
            self.send(intent.command)
        elif intent.kind == "odds":
            self.open_odds(intent.command, intent.choices)
        elif intent.kind == "select":
            self.select(intent.piece)
        else:
            asked = refused_click(h, self.selected, self.view)
            why = self.session.why_not(asked) if asked is not None else None
            if why is not None:  # keep the piece selected and say why, rather than drop it silently
                self.say(why[:1].upper() + why[1:])
            else:
                self.select(None)

    def select(self, pid: str | None) -> None:
        self.selected = pid
        self.options = options_for(pid, self.legal)
        self.close_card()

    def select_next(self) -> None:
        order = actors(self.legal)
        if not order:
            return
        i = order.index(self.selected) + 1 if self.selected in order else 0
        pid = order[i % len(order)]
        self.select(pid)
        self.map.centre_on(self.view.pieces[pid].hex)

    def open_odds(self, command: Command, choices: tuple[Command, ...]) -> None:
        """Show the exact odds of a command and wait for the player to commit."""
        preview = self.session.preview(command)
        side = self.session.viewer or "blue"
        words = command_card(self.rules, self.view, command, preview)
        self.card = cards.odds(words, command, tuple(choices), side, self.rules.name_of, self.map.viewport, self.scale,
                               self.rules)  # fmt: skip

    def commit(self) -> None:
        if self.card is not None and self.card.pending is not None:
            command = self.card.pending
            self.close_card()
            self.send(command)

    def send(self, command: Command) -> None:
        title = hints.describe(command, self.rules.name_of, self.rules)
        try:
            events = self.session.apply(command)
        except IllegalCommand as e:
            self.say(f"Not allowed: {e.reason}")
            return
        self.close_card()
        self.refresh()
        self.panel.log.follow()
        # the dice card shows only what the side at the screen may see (a strike whose
        # results were unclear shows Blue no strike roll; a search that found nothing, no roll)
        seen = [v for e in events if (v := e.seen_by(self.session.seen_as)) is not None]
        words = roll_card(title, seen)
        if words is not None and not self.session.handover_due() and not isinstance(command, EndPhase):
            self.card = cards.dice(words, self.map.viewport, self.scale)
        self.actions.after(command)
        self.after_change()

    def end_phase(self, confirmed: bool = False) -> None:
        s = self.session
        if s.over:
            if self.shell is not None:
                self.shell.game_over(self)
            return
        if not s.my_move:
            return
        idle = hints.unacted(self.view, self.may_act)
        if idle and not confirmed and self.shell is not None:
            self.shell.ask_end_phase(self, hints.unacted_words(idle, self.rules.name_of))
            return
        self.send(EndPhase())

    def undo(self) -> None:
        if not self.session.can_undo():
            return
        command = self.session.undo()
        self.say(f"Undone: {hints.describe(command, self.rules.name_of, self.rules)}")
        self.close_card()
        self.refresh()

    def after_change(self) -> None:
        s = self.session
        if s.last_save_error:
            self.say(s.last_save_error)
        if s.handover_due() or s.summary_due is not None:
            self.hide_all()

    def hide_all(self) -> None:
        """Forget everything of the side that had the screen before it is handed over."""
        if self.session.viewer is not None:
            self.cameras[self.session.viewer] = self.map.camera()
            self.session.leave_screen()
        self.close_card()
        self.selected = None
        self.options = Options()
        self.message_time = 0.0
        self.controls.forget()
        if self.file_dialog is not None:
            self.file_dialog.close()
            self.file_dialog = None

    def restore_camera(self) -> None:
        """Each side finds the map as it left it; a side's first look is the whole map."""
        camera = self.cameras.get(self.session.viewer)
        self.map.fit()
        if camera is not None:
            self.map.restore(camera)
        self.dirty = True

    def close_card(self) -> None:
        self.card = None

    def say(self, text: str) -> None:
        self.message = text
        self.message_time = 4.0

    # --- saving -------------------------------------------------------------------

    def ask_save(self) -> None:
        if self.file_dialog is None or not self.file_dialog.open:
            name = f"{self.rules.scenario.id}-turn{self.session.turn}.wgsave"
            self.file_dialog = SaveDialog(self.app, self.session, name, self.say)

    # --- update -------------------------------------------------------------------

    def update(self, dt: float) -> bool:
        s = self.session
        changed = self.dirty
        if self.dirty:
            self.refresh()
        if self.message_time > 0:
            self.message_time -= dt
            changed = changed or self.message_time <= 0
        if s.over and not self.game_over_shown:
            self.game_over_shown = True
            if self.shell is not None:
                self.shell.game_over(self)
            return True
        if self.shell is not None and (s.summary_due is not None or s.handover_due()):
            self.shell.between_turns(self)
            return True
        if s.my_move and s.phase == "blue_reaction" and self.card is None:
            nxt = first_unresolved(self.legal)
            key = (s.turn, nxt.attack) if nxt is not None else None
            if nxt is not None and key != self.reaction_card_for:
                self.reaction_card_for = key  # once: a cancelled card stays closed (Enter reopens it)
                self.open_odds(nxt, (nxt,))
                changed = True
        if self.playback.tick(dt):
            changed = True
        if s.computer_to_move and self.computer.tick(dt):
            changed = True
        if not changed:
            self.map_busy = not self.map.idle(3)  # render ahead in spare time; invisible, so nothing to draw
        return changed

    def skip_computer(self) -> None:
        self.computer.skip()

    # --- drawing ------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        s = self.session
        scene = looks.scene_for(self.rules, self.view, s.seen_as, selected=self.selected, options=self.options,
                                hover=self.hover if self.map.viewport.collidepoint(self.mouse) else None,
                                may_act=self.may_act if s.my_move else None)  # fmt: skip
        self.map.draw(surface, self.playback.dress(scene))
        if self.card is not None:
            self.card.draw(surface)
        events = s.events()
        key = (s.seen_as, len(events))
        if key != self._log_key:  # a new line, or another reader: the log's lines again
            self._log_key, self._log = key, log_lines(events)
        lines = self._log
        hint = hints.panel_hint(self.rules, self.view, s, self.selected, self.options, self.legal)
        self.panel.show(self.view, s.phase_title, s.to_move, s.viewer, s.result_text, hint, lines,
                        self.actions.hand(), self.actions.strip_actions())  # fmt: skip
        self.panel.draw(surface)
        draw_banner(surface, self.map.viewport, self.message if self.message_time > 0 else "")
        self.tooltip_rect = board_tooltip(surface, self)

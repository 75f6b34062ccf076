"""The replay viewer: a recorded game stepped through both ways, as one side saw it.

The map view and the panel of the play screen, a timeline under the board, the
transport buttons and the view switch in the panel, the log with the current
event marked, and the dice card of the current roll. Stepping forward one event
plays it out: a counter that moved slides from its old hex to its new one, a hex
where something struck flashes. The same screen shows a hot-seat player what
happened since their last turn ("while you were away") and a human the moves of
the computer at a person's pace: `away=True` limits it to one side and a range.
"""

from __future__ import annotations

import pygame

from ...kinds import SIDE_NAMES
from ...present import hints, looks
from ...present.cards import roll_card
from ...present.log import log_lines
from ...present.rolls import roll_label
from ...viewing import UmpireOnly, Viewing
from .. import keys, style
from ..cards import roll_card as draw_roll_card
from ..text import draw_banner, draw_tooltip
from ..widgets import Button
from . import card as cards
from .map_controls import MapControls
from .playback import Playback
from .mapview import MapView
from .side_panel import SidePanel, panel_width, scale_for
from .timeline import HEIGHT, Timeline

SPEEDS = (0.5, 1.0, 2.0, 4.0, 8.0)
STEP_SECONDS = 1.2  # one event at 1x


class ReplayScreen:
    contexts = ("board", "replay")
    opaque = True

    def __init__(self, app, replay, side: str | None, *, umpire: bool = False, on_done=None, away: bool = False,
                 first: int = 0, last: int | None = None, autoplay: bool = False, shell=None):  # fmt: skip
        self.app = app
        self.replay = replay
        self.rules = replay.rules
        self.umpire = umpire
        self.away = away  # one side's catching-up: no view switch, "Play on" at the end
        self.on_done = on_done
        self.shell = shell
        self.first, self.last = first, last
        self.viewing = Viewing(replay, side, umpire, first, last)
        self.speed = 1
        self.playing = autoplay
        self.clock = 0.0
        self.playback = Playback(self.rules)
        self.message = ""
        w, h = app.size
        self._size = (w, h)
        self.scale = scale_for((w, h))
        self.map = MapView(self.rules, self._board_rect((w, h)))
        self.map.frame_budget_ms = 12
        self.map.fit()
        self.controls = MapControls(self.map, lambda h: None, shell.remember_display if shell else None,
                                    contexts=("board",))  # fmt: skip
        self.timeline = Timeline(self._timeline_rect((w, h)))
        self._buttons()
        self.panel = self._make_panel((w, h))
        self._log_key = None

    # --- layout ---------------------------------------------------------------------

    def _board_rect(self, size) -> pygame.Rect:
        return pygame.Rect(0, 0, size[0] - panel_width(size), size[1] - HEIGHT)

    def _timeline_rect(self, size) -> pygame.Rect:
        return pygame.Rect(0, size[1] - HEIGHT, size[0] - panel_width(size), HEIGHT)

    def _buttons(self) -> None:
        row = 1
        self.transport = [Button("|◀", ("turn", -1), row=row, tip="The previous turn (Ctrl+Left)"),
                          Button("◀◀", ("command", -1), row=row, tip="The previous command (Shift+Left)"),
                          Button("◀", ("event", -1), row=row, tip="The previous event (Left)"),
                          Button("Play", ("play", 0), row=row, kind="go", weight=2, tip="Play or pause (Space)"),
                          Button("▶", ("event", 1), row=row, tip="The next event (Right)"),
                          Button("▶▶", ("command", 1), row=row, tip="The next command (Shift+Right)"),
                          Button("▶|", ("turn", 1), row=row, tip="The next turn (Ctrl+Right)")]  # fmt: skip
        if self.away:
            self.views = []
            done = Button("Play on", ("done", 0), kind="go", weight=3, tip="Back to the board (Esc)")
        else:
            self.views = [Button("Blue", ("view", "blue"), kind="blue", tip="Blue's view (B)"),
                          Button("Red", ("view", "red"), kind="red", tip="Red's view (R)"),
                          Button("All", ("view", None), weight=1, tip="Everything (A): the umpire's, for a game not over")]  # fmt: skip
            done = Button("Close", ("done", 0), tip="Leave the replay (Esc)")
        self.speed_button = Button("1×", ("speed", 1), tip="Faster ([ and ] change it)")
        self.done_button = done
        self.all_buttons = self.transport + self.views + [self.speed_button, done]

    def _make_panel(self, size) -> SidePanel:
        pw = panel_width(size)
        return SidePanel(self.rules, pygame.Rect(size[0] - pw, 0, pw, size[1]), self.scale, self.all_buttons)

    def resize(self, size) -> None:
        if tuple(size) == self._size:
            return
        self._size = tuple(size)
        self.scale = scale_for(size)
        self.map.set_viewport(self._board_rect(size))
        self.timeline = Timeline(self._timeline_rect(size))
        self.panel = self._make_panel(size)

    def enter(self) -> None:
        pass

    def leave(self) -> None:
        pass

    def animating(self) -> bool:
        return self.playing or self.playback.busy or self.controls.dragging or self.timeline.dragging

    # --- moving ---------------------------------------------------------------------

    def go(self, how: str, direction: int) -> None:
        v = self.viewing
        before = v.position
        getattr(v, f"by_{how}")(direction)
        self._arrived(before)

    def seek(self, position: int) -> None:
        before = self.viewing.position
        self.viewing.seek(position)
        self._arrived(before, animate=False)

    def _arrived(self, before: int, animate: bool = True) -> None:
        v = self.viewing
        self.clock = 0.0
        self.panel.log.follow()
        if animate and v.position == before + 1:
            self._play_out(before)
        if v.position >= len(v) - 1:
            self.playing = False

    def _play_out(self, before: int) -> None:
        """The event just stepped onto, as it happened: moved counters slide, struck hexes flash."""
        v = self.viewing
        ev = v.event()
        self.playback.play(v.view(before), v.view(), v.side, [ev] if ev is not None else [])

    def switch(self, side: str | None) -> None:
        """Another side's view, at the same moment of the game (or the last moment that side saw)."""
        if self.away:
            return
        index = self.viewing.index
        try:
            viewing = Viewing(self.replay, side, self.umpire, self.first, self.last)
        except UmpireOnly:
            self.message = "Everything of a game that is not over is the umpire's: open the replay with --umpire"
            return
        viewing.seek(max((p for p, e in enumerate(viewing.order) if e <= index), default=0))
        self.viewing = viewing
        self.playback.clear()
        self._log_key = None

    def press(self, action) -> None:
        what, arg = action
        if what in ("event", "command", "phase", "turn"):
            self.playing = False
            self.go(what, arg)
        elif what == "play":
            if self.viewing.position >= len(self.viewing) - 1:
                self.seek(0)
            self.playing = not self.playing
        elif what == "view":
            self.switch(arg)
        elif what == "speed":
            self.speed = (self.speed + 1) % len(SPEEDS)
        elif what == "done":
            self.close()

    def close(self) -> None:
        if self.on_done is not None:
            self.on_done()

    # --- events -----------------------------------------------------------------------

    def handle(self, event) -> None:
        n = len(self.viewing)
        jump = self.timeline.handle(event, n)
        if jump is not None:
            self.playing = False
            self.seek(jump)
            return
        if event.type == pygame.MOUSEMOTION:
            self.panel.motion(event.pos)
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            b = self.panel.click(event.pos)
            if b is not None:
                self.press(b.action)
                return
        if event.type == pygame.MOUSEWHEEL and self.panel.log.rect.collidepoint(self.controls.mouse):
            self.panel.log.wheel(event.y)
            return
        if event.type == pygame.KEYDOWN:
            action = keys.action_for(event, ("replay",))
            if action is not None:
                self._key(action, event)
                return
        self.controls.handle(event)

    def _key(self, action: str, event) -> None:
        forward = event.key in (pygame.K_RIGHT, pygame.K_PAGEDOWN, pygame.K_END)
        step = 1 if forward else -1
        if action in ("event", "command", "phase", "turn"):
            self.press((action, step))
        elif action == "ends":
            self.playing = False
            self.seek(len(self.viewing) - 1 if forward else 0)
        elif action == "play":
            self.press(("play", 0))
        elif action == "speed":
            self.speed = max(0, min(len(SPEEDS) - 1, self.speed + (1 if event.key == pygame.K_RIGHTBRACKET else -1)))
        elif action == "views":
            self.switch({pygame.K_b: "blue", pygame.K_r: "red", pygame.K_a: None}[event.key])
        elif action == "back":
            self.close()

    # --- time ---------------------------------------------------------------------------

    def update(self, dt: float) -> bool:
        changed = self.playback.tick(dt)
        if self.playing:
            self.clock += dt * SPEEDS[self.speed]
            if self.clock >= STEP_SECONDS:
                self.go("event", 1)
                changed = True
        if not changed and not self.animating():
            self.map.idle(3)
        return changed or self.playing

    # --- drawing ------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        v = self.viewing
        view = v.view() if len(v) else None
        scene = looks.scene_for(self.rules, view, v.side, hover=self.controls.hover)
        scene = self.playback.dress(scene)
        self.map.draw(surface, scene)
        self._dice(surface)
        self.timeline.draw(surface, v.marks(), v.position, len(v))
        if self.viewing.side is None and self.umpire:
            draw_banner(surface, self.map.viewport, "UMPIRE'S VIEW: everything both sides keep secret")
        elif self.message:
            draw_banner(surface, self.map.viewport, self.message)
        self._panel(surface, view)
        self._tooltip(surface, view)

    def _tooltip(self, surface: pygame.Surface, view) -> None:
        """What the pointed hex held at this moment, as the side knew it (never more)."""
        h = self.controls.hover
        pos = self.controls.mouse
        if h is None or view is None or not self.map.viewport.collidepoint(pos) or self.controls.dragged:
            return
        stack = hints.stack_order([p for p in view.pieces.values() if p.hex == h], None)
        tip = hints.hex_tooltip(self.rules, view, h, self.viewing.side, None, stack)
        draw_tooltip(surface, pos, tip.title, tip.lines, bounds=self.map.viewport)

    def _dice(self, surface: pygame.Surface) -> None:
        """The dice card of the current roll, as the side saw it (no buttons: it is a record)."""
        ev = self.viewing.event()
        if ev is None or ev.roll is None:
            return
        words = roll_card(roll_label(ev), [ev])
        width = cards.card_width(self.map.viewport, self.scale)
        picture = draw_roll_card(words, width, self.scale, [], self.map.viewport.h - 24)
        surface.blit(picture, picture.get_rect(bottomleft=(self.map.viewport.x + 12, self.map.viewport.bottom - 12)))

    def _phase_title(self, kind: str) -> str:
        """The title of the phase an event happened in (the panel says where the cursor is)."""
        seq = self.rules.sequence
        return self.rules.phase_titles[seq.index(kind)] if kind in seq else ""

    def _panel(self, surface: pygame.Surface, view) -> None:
        v = self.viewing
        key = (id(v), v.position)
        if key != self._log_key:
            self._log_key = key
            self._lines = log_lines(v.log())
            self.panel.log.marked = len(self._lines) - 1 if self._lines else None
        self.transport[3].label = "Pause" if self.playing else "Play"
        self.speed_button.label = f"{SPEEDS[self.speed]:g}×"
        for b in self.views:
            side = b.action[1]
            b.enabled = side != v.side
        who = "everything" if v.side is None else f"{SIDE_NAMES[v.side]}'s view"
        title = "While you were away" if self.away else "Replay"
        hint = [(f"{title} · {who}", "title"),
                (f"Event {v.position + 1} of {len(v)} · turn {v.turn}" if len(v) else "Nothing to show", "muted")]  # fmt: skip
        ev = v.event()
        phase = self._phase_title(ev.phase) if ev is not None else ""
        to_move = self.replay.marks[v.step].side_to_move if len(v) else None
        result = None if to_move is not None or not len(v) else "The end of the game"
        if view is not None:
            self.panel.show(view, phase, to_move, v.side, result, hint, self._lines)
        self.panel.draw(surface)

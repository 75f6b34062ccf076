"""The editor's board: the play screen's map view, on the scenario as it stands in the editor.

The map view draws a compiled scenario (a Rulebook), so the board follows the
document's newest *valid* text (`doc.last_valid`): while the scenario has
problems the board shows the last valid one, and the problems panel says what
to fix. A new map view is made only when the map itself changed (a paint, a
river, a resize); the camera, the legend and the overview carry over, so an edit
never moves the designer's view. Pieces, selections and problems are only the
scene drawn over it.
"""

from __future__ import annotations

import dataclasses

import pygame

from ...hexgrid import Hex, parse_ccrr
from ...present import looks
from ...present.scene import Counter, Mark, Scene, Shade, Stack
from ...rules.rulebook import Rulebook
from ...scenario.load import LoadedScenario
from ..map import MapView

PROBLEM = (235, 50, 40)
CHOSEN_PROBLEM = (255, 214, 64)
SELECTED = (255, 255, 255)
HOVER = (255, 255, 255)


class EditorBoard:
    """The map view and what the editor shows over it: counters, brush, problems."""

    def __init__(self, viewport: pygame.Rect):
        self.viewport = pygame.Rect(viewport)
        self.view: MapView | None = None
        self.rules: Rulebook | None = None
        self._loaded: LoadedScenario | None = None
        self._stacks: tuple[Stack, ...] = ()
        self.complete_next = True  # the next frame after a new map view renders in full
        self.hexes: dict[str, Hex] = {}  # piece id -> where it stands

    # --- following the document --------------------------------------------------------

    def follow(self, loaded: LoadedScenario | None) -> bool:
        """Show this valid scenario (None: keep what is shown); True if anything changed."""
        if loaded is None or loaded is self._loaded:
            return False
        old = self._loaded
        self._loaded = loaded
        self.rules = Rulebook(loaded)
        if self.view is None or old is None or old.scenario.map != loaded.scenario.map:
            self._new_view()
        else:
            self.view.rules = self.rules  # the same map: its tiles stay; pieces come from the scene
        self._stacks = self._make_stacks()
        return True

    def _new_view(self) -> None:
        assert self.rules is not None
        old = self.view
        view = MapView(self.rules, self.viewport)
        view.frame_budget_ms = 12
        if old is not None:
            view.show_legend, view.show_minimap = old.show_legend, old.show_minimap
            view.restore(old.camera())
        self.view = view
        self.complete_next = True

    def _make_stacks(self) -> tuple[Stack, ...]:
        """Every piece at its hex as the counters of a game's first turn show it; a hidden
        piece is drawn hidden (its own side's look), since the designer sees everything."""
        rules = self.rules
        assert rules is not None
        state = rules.new_state()
        stacks = looks.stacks_of(rules, state, None, None, None)
        hidden = {p.id for p in rules.scenario.pieces if p.hidden}
        self.hexes = {pid: p.hex for pid, p in state.pieces.items()}
        out = []
        for st in stacks:
            counters = tuple(
                dataclasses.replace(c, look=dataclasses.replace(c.look, hidden=True)) if c.piece in hidden else c
                for c in st.counters
            )
            out.append(Stack(st.hex, counters, st.off_map))
        return tuple(out)

    # --- layout --------------------------------------------------------------------------

    def set_viewport(self, rect: pygame.Rect) -> None:
        self.viewport = pygame.Rect(rect)
        if self.view is not None:
            self.view.set_viewport(self.viewport)

    # --- what is where -------------------------------------------------------------------

    def pieces_at(self, h: Hex) -> list[str]:
        """The pieces standing in a hex, top of the stack first."""
        for st in self._stacks:
            if st.hex == h:
                return [c.piece for c in reversed(st.counters)]
        return []

    @staticmethod
    def hex_of(name: str | None) -> Hex | None:
        return _hex(name)

    def counter(self, pid: str) -> Counter | None:
        return next((c for st in self._stacks for c in st.counters if c.piece == pid), None)

    def hex_at(self, pos) -> Hex | None:
        return self.view.hex_at(pos) if self.view is not None else None

    def on_map(self, h: Hex) -> bool:
        return self.rules is not None and self.rules.on_map(h)

    # --- drawing -------------------------------------------------------------------------

    def scene(self, *, selected: str | None = None, hover: Hex | None = None, shades: tuple[Shade, ...] = (),
              marks: tuple[Mark, ...] = (), problems: list = (), chosen_problem=None,
              hide_piece: str | None = None, slides: tuple = ()) -> Scene:  # fmt: skip
        """The counters with the tool's shades and marks, every problem that has a hex ringed
        (the chosen one in yellow), and a piece being dragged left out of its stack."""
        stacks = self._stacks
        if selected is not None or hide_piece is not None:
            stacks = tuple(self._restack(st, selected, hide_piece) for st in stacks)
        out = list(marks)
        for p in problems:
            h = _hex(p.hex)
            if h is not None:
                colour = CHOSEN_PROBLEM if p is chosen_problem else PROBLEM
                out.append(Mark("target", h, colour, 3))
        if selected is not None and selected in self.hexes:
            out.append(Mark("outline", self.hexes[selected], SELECTED, 3))
        if hover is not None:
            out.append(Mark("outline", hover, HOVER, 2))
        return Scene(stacks=stacks, shades=tuple(shades), marks=tuple(out), slides=tuple(slides), hover=hover,
                     selected=selected)  # fmt: skip

    @staticmethod
    def _restack(st: Stack, selected: str | None, hide: str | None) -> Stack:
        counters = [c for c in st.counters if c.piece != hide]
        top = [c for c in counters if c.piece == selected]
        return Stack(st.hex, tuple([c for c in counters if c.piece != selected] + top), st.off_map)

    def draw(self, surface: pygame.Surface, scene: Scene) -> None:
        if self.view is None:
            surface.fill((40, 44, 50), self.viewport)
            return
        if self.complete_next:
            budget, self.view.frame_budget_ms = self.view.frame_budget_ms, None
            self.view.draw(surface, scene)
            self.view.frame_budget_ms = budget
            self.complete_next = False
        else:
            self.view.draw(surface, scene)


def _hex(name: str | None) -> Hex | None:
    if name is None:
        return None
    try:
        return parse_ccrr(name)
    except ValueError:
        return None

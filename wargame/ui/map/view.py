"""MapView: the map drawn for any screen, with its camera, its caches and a scene on it.

A screen (play, hand-over, replay, editor) owns a MapView and gives it, each
frame, a `Scene` (present/scene.py): the stacks its side may see, shades, marks,
slides. The view knows nothing of play: it draws what the scene says, answers
where a hex is and which hex is under the mouse, and spends idle time rendering
ahead. `frame_budget_ms=None` makes every frame complete (tests, `wargame
render`); a number lets a new zoom level fill in over a few frames, shown scaled
from another level meanwhile.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

import pygame

from ...hexgrid import SQRT3, Hex, Layout, parse_ccrr
from ...present.scene import Mark, Scene, Shade
from ...rules.rulebook import Rulebook
from ..counters import CounterArt
from .camera import Camera, CameraState
from .colours import TABLE
from .geometry import TILE
from .legend import Legend
from .minimap import Minimap
from .overlays import ShadeTiles, arrow, flash, outline_hex, search_circle, target_ring
from .pieces import PiecePainter, off_map_offset, piece_px, stack_rects
from .tiles import Renderer

CORNERS = ("topleft", "topright", "bottomright", "bottomleft")
_EMPTY = Scene()


class MapView:
    """The map on screen: camera, cached tiles, and the scene drawn over them."""

    ZOOM_SIZES: tuple[int, ...] = (7, 9, 12, 16, 22, 30, 40, 54)
    TILE_BUDGET = 64 << 20  # bytes of rendered map tiles kept (grown to hold what idle() renders ahead)
    SHADE_BUDGET = 16 << 20  # bytes of shade tiles kept
    frame_budget_ms: float | None = None
    legend_corners = ("topleft", "topright", "bottomleft", "bottomright")  # in order of preference
    minimap_corners = ("bottomright", "topright", "bottomleft", "topleft")

    def __init__(self, rules: Rulebook, viewport: pygame.Rect, art: CounterArt | None = None):
        self.rules = rules
        self.art = art or CounterArt()
        self.show_legend = False
        self.show_minimap = True
        self._r = Renderer(rules, self.ZOOM_SIZES, self.TILE_BUDGET)
        self._cam = Camera(self.ZOOM_SIZES, rules.columns, rules.rows, pygame.Rect(viewport), self._r.level)
        self._shades: ShadeTiles | None = None
        self._pieces = PiecePainter(self.art)
        self._legend: Legend | None = None
        self._minimap = Minimap(self._r, rules.columns, rules.rows)
        self._scene: Scene = _EMPTY
        self._corner: dict[str, str] = {}  # the corner the legend and the minimap are in
        self._boxes: dict[str, pygame.Rect] = {}  # where they were last drawn
        self._shown_stacks: list[pygame.Rect] = []  # screen rects of the last frame's stacks and names
        self._shown_names: list[pygame.Rect] = []
        # bases beyond the map edge: their stacks stand outside it (known from the
        # scenario before any scene is drawn, and from every scene's stacks after)
        self._off_map: set[Hex] = set()
        for p in rules.scenario.pieces:
            if p.hex and getattr(rules.piece_types[p.type], "off_map", False):
                self._off_map.add(parse_ccrr(p.hex))
        self._fit_budget()
        self.fit()

    # --- camera ------------------------------------------------------------------------------

    @property
    def viewport(self) -> pygame.Rect:
        return self._cam.viewport

    def set_viewport(self, rect: pygame.Rect) -> None:
        self._cam.set_viewport(rect)
        self._fit_budget()

    @property
    def level(self) -> int:
        return self._cam.level

    @level.setter
    def level(self, level: int) -> None:
        fq, fr = self._cam.centre_fraction()
        self._cam.level = max(0, min(len(self.ZOOM_SIZES) - 1, int(level)))
        self._cam.place(fq, fr, self.viewport.center)
        self._cam.clamp()

    @property
    def size(self) -> float:
        """The hex radius in pixels at the current zoom."""
        return self._cam.size

    @property
    def layout(self) -> Layout:
        """Hexes in screen pixels at the current camera."""
        return self._cam.layout

    def fit(self) -> None:
        """The whole map, as large as it fits, centred."""
        self._cam.fit()

    def zoom(self, steps: int, about: tuple[float, float]) -> bool:
        """Zoom by whole levels, keeping the map point under `about` still; False at a limit."""
        return self._cam.zoom(steps, about)

    def pan(self, dx: float, dy: float) -> None:
        self._cam.pan(dx, dy)

    def centre_on(self, h: Hex) -> None:
        """Bring a hex's stack to the middle of the view, as far as the map's edges allow."""
        L = self._cam.L
        lx, ly = L.layout.hex_to_pixel(h)
        if h in self._off_map:
            dx, dy = off_map_offset(self.rules.columns, self.rules.rows, h, L.size)
            lx, ly = lx + dx, ly + dy
        self._cam.centre_on_point(lx, ly, piece_px(L.size)[1] * 0.75 + 4)

    def camera(self) -> CameraState:
        """The camera as a value (level and the hex at the centre), for `restore`."""
        return self._cam.state()

    def restore(self, camera: CameraState) -> None:
        self._cam.restore(camera)

    def centre(self, h: Hex) -> tuple[float, float]:
        """Where the hex's stack is drawn on screen (beside the map for an off-map stack)."""
        return self._spot(h)

    def _spot(self, h: Hex) -> tuple[float, float]:
        x, y = self._cam.layout.hex_to_pixel(h)
        if h in self._off_map:
            dx, dy = off_map_offset(self.rules.columns, self.rules.rows, h, self.size)
            return x + dx, y + dy
        return x, y

    def hex_centre(self, h: Hex) -> tuple[float, float]:
        """The hex's own centre on screen, even for an off-map stack's hex."""
        return self._cam.layout.hex_to_pixel(h)

    def hex_at(self, pos: tuple[float, float]) -> Hex | None:
        """The hex under a screen point: an off-map stack drawn beside the map gives its
        hex; None outside the viewport or off the map."""
        x, y = pos
        if not self.viewport.collidepoint(x, y):
            return None
        half = max(self.size * 0.8, piece_px(self.size)[1] / 2)
        for h in self._off_map:
            cx, cy = self._spot(h)
            if abs(x - cx) <= half and abs(y - cy) <= half:
                return h
        h = self._cam.layout.pixel_to_hex(x, y)
        return h if h in self.rules.terrain else None

    def hex_polygon(self, h: Hex) -> list[tuple[float, float]]:
        return self._cam.layout.corners(h)

    # --- drawing ---------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, scene: Scene | None = None) -> None:
        """The map, then the scene over it, then the legend and the minimap if shown."""
        scene = _EMPTY if scene is None else scene
        self._note_scene(scene)
        vp = self.viewport.clip(surface.get_rect())
        if not vp.w or not vp.h:
            return
        start = time.perf_counter()
        old = surface.get_clip()
        surface.set_clip(vp)
        self._draw_tiles(surface, vp, start)
        self._draw_shades(surface, scene.shades, vp, start)
        self._draw_scene(surface, scene, vp)
        self._boxes = {}
        if self.show_legend:
            img = self.legend_surface()
            self._boxes["legend"] = self._corner_rect("legend", img.get_size(), self.legend_corners, ())
            surface.blit(img, self._boxes["legend"])
        if self.minimap_shown:
            img, _, _, _ = self._minimap.picture(self.viewport)
            avoid = (self._corner.get("legend"),) if self.show_legend else ()
            self._boxes["minimap"] = self._corner_rect("minimap", img.get_size(), self.minimap_corners, avoid)
            self._minimap.draw(surface, self._boxes["minimap"], self._cam)
        surface.set_clip(old)

    def _visible(self, vp: pygame.Rect) -> tuple[pygame.Rect, int, int]:
        L = self._cam.L
        bx, by = self._cam.blit_pos()
        return pygame.Rect(vp.x - bx, vp.y - by, vp.w, vp.h).clip(pygame.Rect(0, 0, L.w, L.h)), bx, by

    def _budget_left(self, start: float) -> float | None:
        if self.frame_budget_ms is None:
            return None
        return max(0.0, self.frame_budget_ms - (time.perf_counter() - start) * 1000)

    def _draw_tiles(self, surface: pygame.Surface, vp: pygame.Rect, start: float) -> None:
        L = self._cam.L
        src, bx, by = self._visible(vp)
        if src.w < vp.w or src.h < vp.h:
            surface.fill(TABLE, vp)
        if not src.w or not src.h:
            return
        tiles = list(L.tiles_of(src))
        keep = {(L.level, *t) for t in tiles}
        missing = set(self._r.ensure(L, src, self._budget_left(start), keep))
        for t in tiles:
            r = L.tile_rect(*t)
            if t in missing:
                self._r.stand_in(surface, L, r.move(bx, by).clip(vp), bx, by)
            else:
                surface.blit(self._r.cache.get((L.level, *t)), (bx + r.x, by + r.y))

    @property
    def shades(self) -> ShadeTiles:
        if self._shades is None:
            self._shades = ShadeTiles(self._r.tables, self.rules.terrain, self.SHADE_BUDGET)
        return self._shades

    def _draw_shades(self, surface: pygame.Surface, shades: Iterable[Shade], vp: pygame.Rect, start: float) -> None:
        L = self._cam.L
        src, bx, by = self._visible(vp)
        if not src.w or not src.h:
            return
        tiles = list(L.tiles_of(src))
        st = self.shades
        for shade in shades:
            keep = {(shade, L.level, t) for t in tiles}
            for t in tiles:
                if not st.has(shade, L, t):
                    left = self._budget_left(start)
                    if left is not None and left <= 0:
                        continue  # the next frames finish it
                got = st.get(shade, L, t, keep)
                if got is not None:
                    img, x, y = got
                    surface.blit(img, (bx + x, by + y))

    def fill_hexes(self, surface: pygame.Surface, hexes: Iterable[Hex], rgba, outline_rgba=None) -> None:
        """Shade hexes now, outside a scene (the same per-tile cache as a scene's shades)."""
        key = hexes if isinstance(hexes, frozenset) else frozenset(hexes)
        shade = Shade(key, tuple(rgba), tuple(outline_rgba) if outline_rgba is not None else None)
        old = surface.get_clip()
        vp = self.viewport.clip(old)
        surface.set_clip(vp)
        self._draw_shades(surface, (shade,), vp, time.perf_counter())
        surface.set_clip(old)

    def outline_hex(self, surface: pygame.Surface, h: Hex, colour, width: int = 2) -> None:
        old = surface.get_clip()
        surface.set_clip(self.viewport.clip(old))
        outline_hex(surface, self.hex_centre(h), self.size, colour, width)
        surface.set_clip(old)

    def _spots(self, scene: Scene) -> list[tuple]:
        """(stack, screen spot) for every stack of the scene."""
        out = []
        for stack in scene.stacks:
            out.append((stack, self._spot(stack.hex)))
        return out

    def _draw_scene(self, surface: pygame.Surface, scene: Scene, vp: pygame.Rect) -> None:
        s = self.size
        spots = self._spots(scene)
        for m in scene.marks:
            if m.kind != "flash":
                self._draw_mark(surface, m)
        if scene.hover is not None and (scene.hover in self.rules.terrain or scene.hover in self._off_map):
            outline_hex(surface, self.hex_centre(scene.hover), s, (255, 255, 255), 2)
        # place names over the marks (a target ring must not cut its own base's name),
        # clear of every stack
        L = self._cam.L
        bx, by = self._cam.blit_pos()
        covers = [stack_rects((x - bx, y - by), len(st.counters), s) for st, (x, y) in spots if st.counters]
        self._shown_stacks = [r.move(bx, by) for r in covers]
        self._shown_names = []
        for img, r in self._r.labels.place_names(L, covers):
            rr = r.move(bx, by)
            if rr.colliderect(vp):
                surface.blit(img, rr)
                self._shown_names.append(rr)
        reach = vp.inflate(int(s * 4), int(s * 4))
        for stack, spot in spots:
            if scene.selected is not None and any(c.piece == scene.selected for c in stack.counters):
                self._pieces.draw_selection(surface, spot, self.hex_centre(stack.hex), s, stack.hex in self._off_map)
        for stack, spot in spots:
            if reach.collidepoint(spot):
                self._pieces.draw_stack(surface, stack, spot, s, scene.selected)
        for m in scene.marks:
            if m.kind == "flash":
                self._draw_mark(surface, m)
        for slide in scene.slides:
            self._pieces.draw_slide(surface, slide, self._spot(slide.start), self._spot(slide.end), s)

    def _draw_mark(self, surface: pygame.Surface, m: Mark) -> None:
        s = self.size
        if m.kind == "outline":
            outline_hex(surface, self.hex_centre(m.hex), s, m.colour, m.width)
        elif m.kind == "target":
            target_ring(surface, self._spot(m.hex), s, m.colour, m.width)
        elif m.kind == "circle":
            search_circle(surface, self.hex_centre(m.hex), s, m.radius, m.colour, m.width)
        elif m.kind == "arrow" and m.to is not None:
            arrow(surface, self._spot(m.hex), self._spot(m.to), m.colour, m.width)
        elif m.kind == "flash":
            flash(surface, self.hex_centre(m.hex), s, m.colour, m.strength)

    def _note_scene(self, scene: Scene) -> None:
        if scene is not self._scene:
            self._scene = scene
            for st in scene.stacks:
                if st.off_map:
                    self._off_map.add(st.hex)

    # --- legend and minimap ------------------------------------------------------------------

    def legend_surface(self) -> pygame.Surface:
        """The legend, folded or shrunk to fit the viewport (at most half of it each way)."""
        if self._legend is None:
            t = self._r.tables
            self._legend = Legend(self.rules, t.types, bool(self._r.rivers), t.has_border)
        vp = self.viewport
        return self._legend.fitted(max(60, vp.w // 2 - 16), max(60, vp.h // 2 - 16))

    @property
    def minimap_shown(self) -> bool:
        """Drawn when asked for and when part of the map is out of view (else it only hides it)."""
        return self.show_minimap and not self._cam.whole_map_visible()

    def minimap_click(self, pos: tuple[int, int]) -> bool:
        """True if `pos` is on the minimap as last drawn; the camera then jumps there."""
        rect = self._boxes.get("minimap")
        if not self.minimap_shown or rect is None or not rect.collidepoint(pos):
            return False
        fq, fr = self._minimap.fraction_at(rect, pos, self.viewport)
        self._cam.place(fq, fr, self.viewport.center)
        self._cam.clamp()
        return True

    def box(self, what: str) -> pygame.Rect | None:
        """Where the legend or the minimap was last drawn (None if it was not)."""
        return self._boxes.get(what)

    def _corner_rect(self, what: str, size: tuple[int, int], prefs, avoid) -> pygame.Rect:
        """A box in a corner of the viewport that hides no stack and no place name if it
        can, and as little of the map as it can; it moves only when its corner would
        hide a stack or a name and another corner would not."""
        vp = self.viewport
        inner = vp.inflate(-16, -16)

        def box(corner: str) -> pygame.Rect:
            r = pygame.Rect((0, 0), size)
            setattr(r, corner, getattr(inner, corner))
            return r

        stacks, names = self._shown_stacks, self._shown_names
        options = [c for c in prefs if c not in avoid] or list(prefs)
        L = self._cam.L
        map_rect = L.map_rect.move(self._cam.blit_pos())

        def cost(corner: str) -> tuple[int, int, int]:
            r = box(corner)
            hidden = len(r.collidelistall(stacks)) * 10 + len(r.collidelistall(names))
            on_map = r.clip(map_rect)
            return (hidden, on_map.w * on_map.h // 400, options.index(corner))

        current = self._corner.get(what)
        if current in options and cost(current)[0] == 0:
            return box(current)
        best = min(options, key=cost)
        if current in options and cost(current)[0] <= cost(best)[0]:
            best = current
        self._corner[what] = best
        return box(best)

    # --- idle time ----------------------------------------------------------------------------

    def idle(self, budget_ms: float) -> bool:
        """Render ahead for about `budget_ms`: the view, then around it, then the same place
        one zoom step in and out, then the minimap. True when nothing is left to do."""
        start = time.perf_counter()
        for job in self._idle_jobs():
            if (time.perf_counter() - start) * 1000 >= budget_ms:
                return False
            job()
        return True

    def _view_at(self, level: int):
        """The level, and the layer rect the viewport would show there about the same centre."""
        O = self._r.level(level)
        fq, fr = self._cam.centre_fraction()
        vp = self.viewport
        r = pygame.Rect(0, 0, vp.w, vp.h)
        r.center = (int(O.ox + O.size * 1.5 * fq), int(O.oy + O.size * SQRT3 * (fr + fq * 0.5)))
        return O, r.clip(0, 0, O.w, O.h)

    def _keep(self) -> set:
        L = self._cam.L
        src, _, _ = self._visible(self.viewport)
        return {(L.level, *t) for t in L.tiles_of(src)}

    def render_level_ahead(self, level: int, budget_ms: float | None = None) -> bool:
        """Render for about `budget_ms` what the view would show at `level`; True when done."""
        if not 0 <= level < len(self.ZOOM_SIZES):
            return True
        O, rect = self._view_at(level)
        return not self._r.ensure(O, rect, budget_ms, self._keep())

    def _idle_jobs(self):
        vp = self.viewport
        L = self._cam.L
        src, _, _ = self._visible(vp)
        keep = self._keep()
        for rect in (src, src.inflate(2 * TILE, 2 * TILE)):
            for t in L.tiles_of(rect):
                if not self._r.has(L, t):
                    yield lambda t=t: self._r.tile(L, t, keep)
            for shade in self._scene.shades:
                for t in L.tiles_of(rect):
                    if not self.shades.has(shade, L, t):
                        yield lambda shade=shade, t=t: self.shades.get(shade, L, t)
        for other in (self._cam.level + 1, self._cam.level - 1):
            if 0 <= other < len(self.ZOOM_SIZES):
                O, rect = self._view_at(other)
                for t in O.tiles_of(rect):
                    if not self._r.has(O, t):
                        yield lambda O=O, t=t: self._r.tile(O, t, keep)
        if self.show_minimap and not self._minimap.ready(vp):
            yield lambda: self._minimap.picture(vp)

    def _fit_budget(self) -> None:
        """Grow the tile budget to hold what idle() renders ahead at this viewport size:
        the view and a ring of tiles around it, and the view one level either way."""
        vp = self.viewport
        per_view = ((vp.w // TILE) + 3) * ((vp.h // TILE) + 3)
        need = (per_view * 2 + ((vp.w // TILE) + 5) * ((vp.h // TILE) + 5)) * TILE * TILE * 4
        self._r.cache.budget = max(self.TILE_BUDGET, int(need * 1.25))

    # --- for tests and benchmarks -----------------------------------------------------------------

    @property
    def tiles_rendered(self) -> int:
        return self._r.tiles_rendered

    def memory(self) -> dict[str, int]:
        """Bytes held by each cache."""
        return {
            "tiles": self._r.cache.bytes,
            "tile_budget": self._r.cache.budget,
            "shades": self.shades.bytes if self._shades is not None else 0,
            "counters": self.art.bytes,
        }

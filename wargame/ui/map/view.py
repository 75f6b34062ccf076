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

from ...hexgrid import Hex, Layout, parse_ccrr
from ...present.scene import Scene, Shade
from ...rules.rulebook import Rulebook
from ..counters import CounterArt
from . import ahead
from .camera import Camera, CameraState
from .corners import Corners
from .geometry import TILE
from .legend import Legend
from .level import level_sizes
from .minimap import Minimap
from .overlays import ShadeTiles, outline_hex
from .painter import Frame, ScenePainter
from .pieces import PiecePainter, off_map_offset, piece_px
from .tiles import Renderer

_EMPTY = Scene()


# The map's part of the smallest window (1024x600, beside the panel): at the smallest zoom
# level every map fits it whole, so "the whole map" is always one zoom away
FIT_AREA = (640, 560)
SMALLEST_SIZE = 3  # hex radius in pixels; below this a hex is a speck


def zoom_sizes(sizes: tuple[int, ...], columns: int, rows: int) -> tuple[int, ...]:
    """The hex radii of the zoom levels for a map: the usual ones, and for a map too big
    to fit the smallest window whole at the first of them, smaller ones before it, each
    about three quarters of the next, down to the radius at which it fits."""
    (w, h), = level_sizes((1,), columns, rows)
    fit = max(SMALLEST_SIZE, int(min(FIT_AREA[0] / w, FIT_AREA[1] / h)))
    extra: list[int] = []
    s = sizes[0]
    while s > fit:
        s = max(fit, min(s - 1, round(s * 0.75)))
        extra.insert(0, s)
    return (*extra, *sizes)


class MapView:
    """The map on screen: camera, cached tiles, and the scene drawn over them."""

    ZOOM_SIZES: tuple[int, ...] = (7, 9, 12, 16, 22, 30, 40, 54)
    TILE_BUDGET = 64 << 20  # bytes of rendered map tiles kept (grown to hold what idle() renders ahead)
    SHADE_BUDGET = 16 << 20  # bytes of shade tiles kept
    frame_budget_ms: float | None = None
    legend_corners = ("topleft", "topright", "bottomleft", "bottomright")  # in order of preference
    minimap_corners = ("bottomright", "topright", "bottomleft", "topleft")

    def __init__(self, rules: Rulebook, viewport: pygame.Rect, art: CounterArt | None = None, shipped: bool = True):
        """`shipped=False`: every tile rendered here, none taken from the shipped pictures
        (shipped.py), for the tool that makes them and tests that count renders."""
        self.rules = rules
        self.art = art or CounterArt()
        self.show_legend = False
        self.show_minimap = True
        self.sizes = zoom_sizes(self.ZOOM_SIZES, rules.columns, rules.rows)
        self._r = Renderer(rules, self.sizes, self.TILE_BUDGET, shipped)
        self._cam = Camera(self.sizes, rules.columns, rules.rows, pygame.Rect(viewport), self._r.level)
        self._shades: ShadeTiles | None = None
        self._painter: ScenePainter | None = None
        self._legend: Legend | None = None
        self._minimap = Minimap(self._r, rules.columns, rules.rows)
        self._corners = Corners()
        self._boxes: dict[str, pygame.Rect] = {}  # where the legend and the minimap were last drawn
        self._scene: Scene = _EMPTY
        # bases beyond the map edge: their stacks stand outside it (known from the
        # scenario before any scene is drawn, and from every scene's stacks after)
        self._off_map: set[Hex] = {
            parse_ccrr(p.hex)
            for p in rules.scenario.pieces
            if p.hex and getattr(rules.piece_types[p.type], "off_map", False)
        }
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
        """Another zoom level about the viewport's centre."""
        fq, fr = self._cam.centre_fraction()
        self._cam.level = max(0, min(len(self.sizes) - 1, int(level)))
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

    @property
    def camera_moves(self) -> int:
        """Goes up whenever the view moves (pan, zoom, fit, centre_on, restore, a resize,
        a minimap click): a screen that sees it change re-reads what is under the mouse
        (hex_at) and drops a tooltip that would float over the wrong hex (Tab, Home)."""
        return self._cam.moves

    def camera(self) -> CameraState:
        """The camera as a value (level and the hex at the centre), for `restore`."""
        return self._cam.state()

    def restore(self, camera: CameraState) -> None:
        self._cam.restore(camera)

    def centre(self, h: Hex) -> tuple[float, float]:
        """Where the hex's stack is drawn on screen (beside the map for an off-map stack)."""
        return self._frame(self.viewport).spot(h)

    def hex_centre(self, h: Hex) -> tuple[float, float]:
        """The hex's own centre on screen, even for an off-map stack's hex."""
        return self._cam.layout.hex_to_pixel(h)

    def hex_at(self, pos: tuple[float, float]) -> Hex | None:
        """The hex under a screen point: an off-map stack drawn beside the map gives its
        hex; None outside the viewport or off the map."""
        x, y = pos
        if not self.viewport.collidepoint(x, y):
            return None
        f = self._frame(self.viewport)
        half = max(f.s * 0.8, piece_px(f.s)[1] / 2)
        for h in self._off_map:
            cx, cy = f.spot(h)
            if abs(x - cx) <= half and abs(y - cy) <= half:
                return h
        h = f.lay.pixel_to_hex(x, y)
        return h if h in self.rules.terrain else None

    def hex_polygon(self, h: Hex) -> list[tuple[float, float]]:
        return self._cam.layout.corners(h)

    # --- drawing ---------------------------------------------------------------------------

    def _frame(self, vp: pygame.Rect) -> Frame:
        cam = self._cam
        L = cam.L
        bx, by = cam.blit_pos()
        src = pygame.Rect(vp.x - bx, vp.y - by, vp.w, vp.h).clip(0, 0, L.w, L.h)
        lay = Layout(L.size, (bx + L.ox, by + L.oy))
        return Frame(L, L.size, bx, by, lay, vp, src, self._off_map, self.rules.columns, self.rules.rows,
                     time.perf_counter(), self.frame_budget_ms)  # fmt: skip

    @property
    def shades(self) -> ShadeTiles:
        if self._shades is None:
            self._shades = ShadeTiles(lambda: self._r.tables, self.rules.terrain, self.SHADE_BUDGET)
        return self._shades

    @property
    def painter(self) -> ScenePainter:
        if self._painter is None:
            self._painter = ScenePainter(self._r, self.shades, PiecePainter(self.art), self.rules.terrain)
        return self._painter

    def draw(self, surface: pygame.Surface, scene: Scene | None = None) -> None:
        """The map, then the scene over it, then the legend and the minimap if shown."""
        scene = _EMPTY if scene is None else scene
        if scene is not self._scene:
            self._scene = scene
            self._off_map.update(st.hex for st in scene.stacks if st.off_map)
        vp = self.viewport.clip(surface.get_rect())
        if not vp.w or not vp.h:
            return
        f = self._frame(vp)
        old = surface.get_clip()
        surface.set_clip(vp)
        p = self.painter
        p.tiles(surface, f)
        p.shade_layers(surface, scene.shades, f)
        p.scene(surface, scene, f)
        self._boxes = {}
        map_rect = f.L.map_rect.move(f.bx, f.by)
        if self.show_legend:
            img = self.legend_surface()
            self._boxes["legend"] = self._corners.place("legend", img.get_size(), self.viewport, self.legend_corners,
                                                        (), p.shown_stacks, p.shown_names, map_rect)  # fmt: skip
            surface.blit(img, self._boxes["legend"])
        if self.minimap_shown:
            img, _, _, _ = self._minimap.picture(self.viewport)
            avoid = (self._corners.corner.get("legend"),) if self.show_legend else ()
            self._boxes["minimap"] = self._corners.place("minimap", img.get_size(), self.viewport,
                                                         self.minimap_corners, avoid, p.shown_stacks, p.shown_names,
                                                         map_rect)  # fmt: skip
            self._minimap.draw(surface, self._boxes["minimap"], self._cam)
        surface.set_clip(old)

    def fill_hexes(self, surface: pygame.Surface, hexes: Iterable[Hex], rgba, outline_rgba=None) -> None:
        """Shade hexes now, outside a scene (the same per-tile cache as a scene's shades)."""
        key = hexes if isinstance(hexes, frozenset) else frozenset(hexes)
        shade = Shade(key, tuple(rgba), tuple(outline_rgba) if outline_rgba is not None else None)
        old = surface.get_clip()
        vp = self.viewport.clip(old)
        surface.set_clip(vp)
        self.painter.shade_layers(surface, (shade,), self._frame(vp))
        surface.set_clip(old)

    def outline_hex(self, surface: pygame.Surface, h: Hex, colour, width: int = 2) -> None:
        old = surface.get_clip()
        surface.set_clip(self.viewport.clip(old))
        outline_hex(surface, self.hex_centre(h), self.size, colour, width)
        surface.set_clip(old)

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
        """Where "legend" or "minimap" was last drawn (None if it was not)."""
        return self._boxes.get(what)

    # --- idle time ----------------------------------------------------------------------------

    def idle(self, budget_ms: float) -> bool:
        """Render ahead for about `budget_ms`: the view, then around it, then the same place
        one zoom step in and out, then the minimap. True when nothing is left to do."""
        start = time.perf_counter()
        keep = self._keep()
        for job in ahead.jobs(self._r, self.shades, self._cam, self._scene, self._minimap, self.show_minimap, keep):
            if (time.perf_counter() - start) * 1000 >= budget_ms:
                return False
            job()
        return True

    def render_level_ahead(self, level: int, budget_ms: float | None = None) -> bool:
        """Render for about `budget_ms` what the view would show at `level`; True when done."""
        if not 0 <= level < len(self.sizes):
            return True
        other, rect = ahead.view_at(self._r, self._cam, level)
        return not self._r.ensure(other, rect, budget_ms, self._keep())

    def _keep(self) -> set:
        f = self._frame(self.viewport)
        return {(f.L.level, *t) for t in f.L.tiles_of(f.src)}

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

    @property
    def levels_loaded(self) -> int:
        """How many levels' tiles were taken from the shipped pictures."""
        return self._r.shipped.loaded if self._r.shipped is not None else 0

    def memory(self) -> dict[str, int]:
        """Bytes held by each cache."""
        return {
            "tiles": self._r.cache.bytes,
            "tile_budget": self._r.cache.budget,
            "shades": self.shades.bytes if self._shades is not None else 0,
            "counters": self.art.bytes,
        }

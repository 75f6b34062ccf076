"""The shipped terrain tiles: `python -m tools.map_tiles` (from the repository root).

A window opens on the whole map, at the largest zoom level it fits in, and its first
frame needs every tile of that level: 150-300 ms of rendering, as long again as
importing the dependencies. This tool renders those levels once, for every shipped
scenario at the usual window sizes (WINDOWS), into assets/tiles/ (installed as
wargame/assets/tiles): one PNG per level picture, named by a hash of its pixels (the
June and February maps draw alike at these levels and share their files), and
manifest.json, which files each picture under its key (wargame/ui/map/shipped.py:
a hash of the map, the level, the tile size and the renderer's version).

Rerun it after changing a scenario's map or the drawing code (and bump
RENDERER_VERSION for the latter); tests/test_shipped_tiles.py fails until then.
`--check` only says whether the shipped files are current (exit status 1 if not).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from wargame.resources import shipped_scenarios  # noqa: E402
from wargame.rules.rulebook import Rulebook  # noqa: E402
from wargame.scenario.load import load_scenario  # noqa: E402
from wargame.ui.map.shipped import MANIFEST, RENDERER_VERSION, level_key, map_digest  # noqa: E402
from wargame.ui.map.view import MapView  # noqa: E402
from wargame.ui.screens.side_panel import panel_width  # noqa: E402

# The window sizes whose opening level is shipped: the default (also the benchmarks'),
# and a full-HD screen.
WINDOWS = ((1280, 720), (1920, 1080))
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "tiles"


def opening_level(rules: Rulebook, window: tuple[int, int]) -> int:
    """The zoom level the play screen opens at in a window of this size (the board beside
    the side panel, the whole map fitted: screens/play.py)."""
    w, h = window
    view = MapView(rules, pygame.Rect(0, 0, w - panel_width(window), h), shipped=False)
    view.fit()
    return view.level


def plan() -> dict[str, dict]:
    """key -> what that picture is: the rules to draw it with, its level, and for whom."""
    out: dict[str, dict] = {}
    for name, path in shipped_scenarios().items():
        rules = Rulebook(load_scenario(path))
        digest = map_digest(rules)
        for window in WINDOWS:
            level = opening_level(rules, window)
            size = MapView.ZOOM_SIZES[level]
            entry = out.setdefault(level_key(digest, level, size),
                                   {"rules": rules, "level": level, "size": size, "for": []})  # fmt: skip
            entry["for"].append(f"{name} {window[0]}x{window[1]}")
    return out


def render_level(rules: Rulebook, level: int) -> tuple[pygame.Surface, dict]:
    """The whole level drawn tile by tile, as the map view renders it when nothing is
    shipped, and its label layout (shipped.py: ShippedTiles.layout)."""
    view = MapView(rules, pygame.Rect(0, 0, 800, 600), shipped=False)
    r = view._r
    L = r.level(level)
    out = pygame.Surface((L.w, L.h))
    for tx in range(L.tiles_x):
        for ty in range(L.tiles_y):
            out.blit(r.tile(L, (tx, ty)), L.tile_rect(tx, ty))
    layout = {"obstacles": [list(rect) for rect in L.obstacles], "place_rects": [list(rect) for rect in L.place_rects]}
    return out, layout


def pixel_name(img: pygame.Surface) -> str:
    return hashlib.sha256(pygame.image.tobytes(img, "RGB")).hexdigest()[:20] + ".png"


def build(out: Path = OUT) -> dict:
    """Render every planned picture into `out`, write the manifest, drop stale PNGs."""
    out.mkdir(parents=True, exist_ok=True)
    levels = {}
    for key, entry in sorted(plan().items()):
        img, layout = render_level(entry["rules"], entry["level"])
        name = pixel_name(img)
        if not (out / name).exists():
            pygame.image.save(img, str(out / name))
        levels[key] = {"file": name, "level": entry["level"], "size": entry["size"], "for": entry["for"], **layout}
    manifest = {"renderer_version": RENDERER_VERSION, "levels": levels}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    keep = {e["file"] for e in levels.values()}
    for old in out.glob("*.png"):
        if old.name not in keep:
            old.unlink()
    return manifest


def main(argv: list[str]) -> int:
    pygame.init()
    if "--check" in argv:
        from wargame.ui.map.shipped import read_manifest

        shipped = set(read_manifest(OUT).get("levels", {}))
        wanted = set(plan())
        if shipped != wanted:
            print(f"assets/tiles is stale: {len(wanted - shipped)} pictures missing, {len(shipped - wanted)} unused; "
                  "run `python -m tools.map_tiles`")  # fmt: skip
            return 1
        print("assets/tiles is current (keys; tests/test_shipped_tiles.py compares pixels)")
        return 0
    manifest = build()
    files = sorted({e["file"] for e in manifest["levels"].values()})
    total = sum((OUT / f).stat().st_size for f in files)
    for key, e in sorted(manifest["levels"].items(), key=lambda kv: kv[1]["for"]):
        print(f"{key}  level {e['level']} (radius {e['size']})  {e['file']}  {', '.join(e['for'])}")
    print(f"{len(manifest['levels'])} pictures in {len(files)} files, {total / 2**20:.2f} MB in {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

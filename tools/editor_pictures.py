"""Pictures of the scenario editor, drawn headless: `python -m tools.editor_pictures OUT_DIR`.

Opens the editor on a copy of the June scenario, as a designer would leave it
mid-work in each tool (a brush stroke of hills half drawn, a piece chosen in its
form, a track's threshold, the strike table's odds with a gap not yet closed), and
writes one PNG per tool and window size (1280x720 and 1024x600), and README's
picture (`editor.png`, the Tables tool at 1280x720).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
_scratch = tempfile.mkdtemp(prefix="wargame-pictures-")
os.environ["XDG_DATA_HOME"] = os.environ["XDG_STATE_HOME"] = _scratch  # no settings or recovery files of the user's

import pygame  # noqa: E402

from wargame.editing import EditingDocument, copy_for_editing, tables  # noqa: E402
from wargame.hexgrid import parse_ccrr  # noqa: E402
from wargame.ui.app import headless_app  # noqa: E402
from wargame.ui.png import save_png  # noqa: E402
from wargame.ui.screens.flow import Shell  # noqa: E402

SIZES = ((1280, 720), (1024, 600))
TOOLS = ("map", "pieces", "tracks", "tables")


def frame(app) -> None:
    app.frame([], 1 / 60)
    app.frame(pygame.event.get(), 1 / 60)


def pictures(out: Path) -> list[Path]:
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    os.chdir(_scratch)  # the editor names the file as opened: june.yaml, not a temporary folder
    written = []
    for size in SIZES:
        path = copy_for_editing("border_strikes_2021", Path("june.yaml"), overwrite=True)
        app = headless_app(size)
        editor = Shell(app, autosave=False).edit(EditingDocument.open(path))
        view = editor.board.view
        view.frame_budget_ms = None
        view.zoom(2, view.viewport.center)
        view.centre_on(parse_ccrr("1020"))
        for i, name in enumerate(TOOLS):
            editor.choose_tool(i)
            _stage(editor, name)
            frame(app)
            target = out / f"editor-{name}-{size[0]}x{size[1]}.png"
            save_png(app.surface, target)
            written.append(target)
            if name == "tables" and size == (1280, 720):
                save_png(app.surface, out / "editor.png")
                written.append(out / "editor.png")
        pygame.display.quit()
    return written


def _stage(editor, name: str) -> None:
    """Each tool as a designer would have it open."""
    tool = editor.tool
    if name == "map":
        tool.codes["terrain"] = "h"
        tool.brush = 2
        tool._buttons()
        tool.stroke = ["0919", "1019", "1119", "1018", "1020"]
        tool.refresh()
    elif name == "pieces":
        tool.select("bukamal_facility")
    elif name == "tracks":
        tool.press(("page", "tracks"))
        tool.track = "escalation"
        tool.threshold = 1
        tool.refresh()
    elif name == "tables":
        tables.edit_row(editor.doc, "strike", 0, "hard", roll="5-")  # a gap at 6: the card shows it
        tool.table, tool.column = "strike", "hard"
        editor._follow()
        tool.refresh()


if __name__ == "__main__":
    for p in pictures(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images")):
        print(f"wrote {p}")

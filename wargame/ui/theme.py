"""The widgets' look: assets/theme.json plus the shipped fonts.

pygame_gui reads font files by path, and a relative path would only work from
the source folder; the theme is therefore loaded here and the fonts' absolute
paths, wherever the package is installed, are added before it reaches the UI
manager.
"""

from __future__ import annotations

import json
from typing import Any

from ..resources import assets_dir


def theme(base_size: int = 14) -> dict[str, Any]:
    data = json.loads((assets_dir() / "theme.json").read_text(encoding="utf-8"))
    fonts = assets_dir() / "fonts"
    face = {
        "name": "dejavu_sans",
        "size": str(base_size),
        "regular_path": str(fonts / "DejaVuSans.ttf"),
        "bold_path": str(fonts / "DejaVuSans-Bold.ttf"),
        "italic_path": str(fonts / "DejaVuSans-Oblique.ttf"),
        "bold_italic_path": str(fonts / "DejaVuSans-Bold.ttf"),
    }
    data.setdefault("defaults", {})["font"] = face
    for key in ("button", "text_box", "label", "#log", "tool_tip", "window", "drop_down_menu", "text_entry_line"):
        data.setdefault(key, {})["font"] = dict(face)
    data["#log"]["font"]["size"] = str(max(11, base_size - 2))
    return data

"""The player's display settings, remembered between games (legend, overview map).

A setting a player turned off once (the legend hides a third of the map at
1024x600) stays off after a reload. Kept in a small JSON file beside the saves;
a missing or broken file simply means the defaults.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

from ..atomic import write_atomic
from ..saves import user_data_dir

FILE = "settings.json"


@dataclass
class Display:
    legend: bool = False
    minimap: bool = True

    @classmethod
    def load(cls) -> Display:
        try:
            data = json.loads((user_data_dir() / FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: bool(v) for k, v in data.items() if k in known})

    def save(self) -> None:
        try:
            write_atomic(user_data_dir() / FILE, json.dumps(asdict(self), indent=1))
        except OSError:
            pass  # a read-only home: the settings last for this sitting only

    def apply(self, view) -> None:
        view.show_legend = self.legend
        view.show_minimap = self.minimap

    def take(self, view) -> None:
        self.legend, self.minimap = bool(view.show_legend), bool(view.show_minimap)

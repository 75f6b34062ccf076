"""Where games are saved, and how a player finds them again.

Every game has its own folder of autosaves (`saves/auto/<scenario>-<started>-<seed>/`),
so starting a new game never overwrites another game's autosave, and the last few
autosaves of each game are kept (one bad turn does not cost the whole game). Each
folder holds an index of what its saves show (scenario, turn, date, side to move,
when saved), so the Load dialog can list them without replaying every game.
"""

from __future__ import annotations

import datetime
import json
import os
import stat
from dataclasses import asdict, dataclass
from pathlib import Path

from .atomic import write_atomic

SAVE_SUFFIX = ".wgsave"  # what record.py writes: the game's saves
FIRST_LINE = "# wargame save"  # and how each of them begins

KEEP = 3  # autosaves kept per game
INDEX = "index.json"


def user_data_dir() -> Path:
    """$XDG_DATA_HOME/wargame (or ~/.local/share/wargame)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "wargame"


def saves_dir() -> Path:
    return user_data_dir() / "saves"


def autosave_root() -> Path:
    return saves_dir() / "auto"


@dataclass(frozen=True)
class SaveInfo:
    """What the Load dialog shows of a save."""

    path: str
    scenario: str  # the scenario's title
    turn: int
    turns: int
    date: str  # the game's date at that turn, YYYY-MM-DD
    to_move: str  # "Blue", "Red" or the result when the game is over
    phase: str
    saved: float  # seconds since the epoch

    @property
    def saved_text(self) -> str:
        return datetime.datetime.fromtimestamp(self.saved).strftime("%d %b %H:%M")


def new_game_folder(scenario_id: str, seed: int, now: datetime.datetime | None = None) -> Path:
    """A fresh folder for a new game's autosaves, made now so that no other game started
    in the same second with the same seed can take it. If it cannot be made, the first
    autosave reports why."""
    now = now or datetime.datetime.now()
    base = autosave_root() / f"{scenario_id}-{now:%Y%m%d-%H%M%S}-{seed}"
    folder, n = base, 1
    while True:
        try:
            folder.mkdir(parents=True)
            return folder
        except FileExistsError:
            n += 1
            folder = base.with_name(f"{base.name}-{n}")
        except OSError:
            return folder  # the first save will report why it cannot be written


def autosave_path(folder: Path, turn: int, tag: str = "") -> Path:
    return folder / f"turn-{turn:03d}{'-' + tag if tag else ''}{SAVE_SUFFIX}"


def in_saves(path: Path) -> bool:
    """Inside the game's own saves folder (where an index may be kept)."""
    try:
        return saves_dir().resolve() in path.resolve().parents
    except OSError:
        return False


def in_autosaves(path: Path) -> bool:
    try:
        return path.resolve().parent.parent == autosave_root().resolve()
    except OSError:
        return False


def record(folder: Path, path: Path, info: SaveInfo) -> None:
    """Note a new save in its folder's index, and drop all but the newest KEEP autosaves.
    A save written elsewhere (the player's own folder) gets no index file beside it."""
    if not in_saves(path):
        return
    index = _read_index(folder)
    index[path.name] = asdict(info)
    if in_autosaves(path):
        saves = sorted(index, key=lambda name: index[name]["saved"])
        for old in saves[:-KEEP]:
            try:
                (folder / old).unlink()
            except OSError:
                pass
            index.pop(old, None)
    write_atomic(folder / INDEX, json.dumps(index, indent=1, sort_keys=True))


def listing(root: Path | None = None) -> list[SaveInfo]:
    """Every save under `root` (default: the saves folder) that an index describes,
    newest first; saves without an entry are described by `describe` when asked."""
    root = root or saves_dir()
    out: list[SaveInfo] = []
    if not root.is_dir():
        return out
    folders = [root] + [p for p in root.rglob("*") if p.is_dir()]
    for folder in folders:
        index = _read_index(folder)
        for name, data in index.items():
            path = folder / name
            if path.is_file():
                try:
                    out.append(SaveInfo(**{**data, "path": str(path)}))
                except TypeError:
                    continue  # an index from another version: the file is still there to load
    out.sort(key=lambda s: -s.saved)
    return out


def latest() -> SaveInfo | None:
    """The newest autosave of any game: what "Resume" opens."""
    saves = listing(autosave_root())
    return saves[0] if saves else None


def _read_index(folder: Path) -> dict:
    try:
        data = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def is_save(path: str | Path) -> bool:
    """A save by its suffix or its first line (saves start with '# wargame save'); here, not
    in record.py, so telling a scenario from a save does not import the save reader.

    Never blocks: anything but a regular file is not a save (the scenario
    reader then refuses it in one line)."""
    path = Path(path)
    if path.suffix == SAVE_SUFFIX:
        return True
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return False
    try:
        return stat.S_ISREG(os.fstat(fd).st_mode) and os.read(fd, 64).removeprefix(b"\xef\xbb\xbf").startswith(FIRST_LINE.encode())
    except OSError:
        return False
    finally:
        os.close(fd)

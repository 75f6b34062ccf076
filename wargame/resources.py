"""Where the shipped scenarios and assets are, installed or in a checkout.

After `pip install .` they sit inside the package (wargame/scenarios,
wargame/assets: see pyproject.toml); in a source checkout they are the
top-level scenarios/ and assets/ folders beside the package.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _folder(name: str) -> Path:
    installed = _PACKAGE / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def scenarios_dir() -> Path:
    return _folder("scenarios")


def assets_dir() -> Path:
    return _folder("assets")


DEFAULT_SCENARIO = "border_strikes_2021"


def shipped_scenarios() -> dict[str, Path]:
    """Scenario id (file stem) -> path of every shipped scenario."""
    return {p.stem: p for p in sorted(scenarios_dir().glob("*.yaml"))}


def find_scenario(name: str) -> Path | None:
    """The file at a path, or the shipped scenario of a bare name (with or without .yaml).

    Only a bare name (no folder in it) means a shipped scenario: a path that does
    not exist is not found, never silently the shipped file of the same name
    (`/no/such/dir/tutorial.yaml` once validated the shipped tutorial). A path
    that exists but is no regular file (a folder, a pipe) is returned as it is,
    for the reader to refuse in one line.
    """
    path = Path(name)
    if os.path.lexists(path):
        return path
    if _has_folder(name):
        return None
    return shipped_scenarios().get(name.removesuffix(".yaml"))


def _has_folder(name: str) -> bool:
    seps = {os.sep, "/"} | ({os.altsep} if os.altsep else set())
    return any(sep in name for sep in seps) or name in (".", "..") or name.startswith("~")

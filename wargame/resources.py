"""Where the shipped scenarios and assets are, installed or in a checkout.

After `pip install .` they sit inside the package (wargame/scenarios,
wargame/assets: see pyproject.toml); in a source checkout they are the
top-level scenarios/ and assets/ folders beside the package.
"""

from __future__ import annotations

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
    """A path as given, or the name of a shipped scenario (with or without .yaml)."""
    path = Path(name)
    if path.exists():
        return path
    return shipped_scenarios().get(path.name.removesuffix(".yaml"))

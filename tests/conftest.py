"""Shared fixtures. Every test runs headless: the UI tests need SDL's dummy
drivers, set here before anything can import pygame."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# saves, autosaves and display settings go to a folder of this run, never the tester's home
import atexit  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

os.environ["XDG_DATA_HOME"] = _DATA = tempfile.mkdtemp(prefix="wargame-tests-")
atexit.register(shutil.rmtree, _DATA, True)  # each run (each xdist worker) removes its own, however it ends

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

from wargame.resources import scenarios_dir  # noqa: E402
from wargame.rules.rulebook import Rulebook  # noqa: E402
from wargame.scenario.load import LoadedScenario, load_scenario  # noqa: E402

settings.register_profile("ci", deadline=None, print_blob=True)
settings.load_profile("ci")

SCENARIOS = scenarios_dir()


def scenario_path(name: str) -> Path:
    return SCENARIOS / f"{name}.yaml"


@pytest.fixture(scope="session")
def tutorial() -> LoadedScenario:
    return load_scenario(scenario_path("tutorial"))


@pytest.fixture(scope="session")
def tutorial_rules(tutorial: LoadedScenario) -> Rulebook:
    return Rulebook(tutorial)


@pytest.fixture(scope="session")
def border_rules() -> Rulebook:
    return Rulebook(load_scenario(scenario_path("border_strikes_2021")))

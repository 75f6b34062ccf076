"""The options that choose who plays each side, shared by play, autoplay and simulate."""

from __future__ import annotations

import argparse

from ..ai import DEFAULT_LEVEL, LEVEL_NAMES, PLAYER_KINDS

HUMAN = "human"


def add_player_options(p: argparse.ArgumentParser, computers_only: bool = False, default: str = "greedy") -> None:
    """--blue, --red (ai, greedy, random, and human where a person may play) and --level."""
    kinds = PLAYER_KINDS if computers_only else (HUMAN, *PLAYER_KINDS)
    what = "the search player" if computers_only else "the search player; human: a person at the screen"
    p.add_argument("--blue", default=default, choices=kinds, help=f"who plays Blue (default {default}; ai: {what})")
    p.add_argument("--red", default=default, choices=kinds, help=f"who plays Red (default {default})")
    p.add_argument("--level", default=DEFAULT_LEVEL, choices=LEVEL_NAMES,
                   help=f"the search player's level (default {DEFAULT_LEVEL}): fast, normal or hard")  # fmt: skip

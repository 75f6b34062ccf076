"""The options that choose who plays each side, shared by play, autoplay and simulate."""

from __future__ import annotations

import argparse

from ..ai import DEFAULT_LEVEL, LEVEL_NAMES, PLANS, kinds_for

HUMAN = "human"


def add_player_options(p: argparse.ArgumentParser, computers_only: bool = False, default: str = "greedy") -> None:
    """--blue, --red (ai, greedy, random, each side's named plans, and human where a
    person may play) and --level."""
    human = () if computers_only else (HUMAN,)
    what = "the search player" if computers_only else "the search player; human: a person at the screen"
    plans = {side: ", ".join(f"{k}: {v.description.lower()}" for k, v in PLANS.items() if v.side == side) for side in ("blue", "red")}
    p.add_argument("--blue", default=default, choices=(*human, *kinds_for("blue")),
                   help=f"who plays Blue (default {default}; ai: {what}; {plans['blue']})")  # fmt: skip
    p.add_argument("--red", default=default, choices=(*human, *kinds_for("red")),
                   help=f"who plays Red (default {default}; {plans['red']})")  # fmt: skip
    p.add_argument("--level", default=DEFAULT_LEVEL, choices=LEVEL_NAMES,
                   help=f"the search player's level (default {DEFAULT_LEVEL}): fast, normal or hard")  # fmt: skip

"""wargame: a hex-and-counter simulator of the 2021 Iraq-Syria border strikes.

The rules core (everything outside `wargame.ui`) never imports pygame, never reads
the clock and draws every random number from the game's one seeded generator, so
a whole game can be played, tested and replayed without a screen.
"""

__version__ = "0.1.0"

import gc as _gc

# Start-up creates some hundred thousand long-lived objects (modules, classes, the
# scenario's models, the map's tables) and no garbage worth collecting; at Python's
# default threshold (700) the collector runs some 130 times while the game starts,
# twice through every object in memory (about 25 ms each), for nothing. A higher
# first threshold collects as often as is useful for a game that makes few cycles.
_gc.set_threshold(20_000, 20, 20)

import os as _os

# Pydantic looks for plugins through every installed distribution's entry points when it
# builds its first validator (about 5 ms, more in a crowded environment); the game uses
# none. PYDANTIC_DISABLE_PLUGINS is pydantic's documented switch; set it to "" to let
# plugins load after all.
_os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

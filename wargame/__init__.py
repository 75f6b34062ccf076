"""wargame: a hex-and-counter simulator of the 2021 Iraq-Syria border strikes.

The rules core (everything outside `wargame.ui`) never imports pygame, never reads
the clock and draws every random number from the game's one seeded generator, so
a whole game can be played, tested and replayed without a screen.
"""

__version__ = "0.1.0"

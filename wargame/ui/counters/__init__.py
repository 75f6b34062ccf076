"""Counters: the square pieces of card that stand on the board.

Each counter is drawn the way printed wargame counters are: a piece of card in
the side colour with a NATO-style frame in the middle (APP-6: a rectangle for
Blue, a diamond for Red, so the sides differ in shape as well as colour), the
symbol inside the frame, the short name at the top and the values at the bottom.
Status marks are shapes and letters, never colour alone (marks.py). At far zooms
a token keeps the frame and the symbol and drops the card and the words
(tokens.py). Every picture is cached by look and size, so drawing is blits.

Modules: frame (geometry, pen, frames), symbols, text (name and values), marks
(statuses), tokens (far zooms), art (the cache and the assembly).
"""

from ...present.scene import CounterLook
from .art import CounterArt
from .frame import DIAMOND_WIDE, FIXED_SYMBOLS, LABEL_MIN, SYMBOLS, TEXT_MIN, Layout, layout
from .symbols import SYMBOL_ART
from .text import values_line

__all__ = [
    "CounterArt", "CounterLook", "DIAMOND_WIDE", "FIXED_SYMBOLS", "LABEL_MIN", "SYMBOLS", "SYMBOL_ART", "TEXT_MIN",
    "Layout", "layout", "values_line",
]  # fmt: skip

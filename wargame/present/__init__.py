"""What the screen says, without the screen.

The presentation layer turns a side's view, the legal commands and a selection
into words and marks: card texts, log phrases, hints, tooltips, the scene of
counters and highlights the map view draws, and what a click means. It never
imports pygame, so every sentence a player reads is tested headless, and the
replay viewer and the editor say things the same way as the play screen.
"""

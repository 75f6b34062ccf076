"""Events played out on the map: a counter that moved slides, a hex struck flashes.

One part for the replay viewer, "while you were away" and the computer's moves on
the play screen, so they all look the same. It compares two views of one side
(before and after an event or a command), so a move the side could not see (a
hidden team's) never slides on its screen: the piece is simply not in its views.
"""

from __future__ import annotations

from dataclasses import replace

from ...present import looks
from ...present.scene import Counter, Mark, Scene, Slide

SLIDE_SECONDS = 0.45
FLASH_SECONDS = 0.8
FLASH = (255, 236, 120)
STRUCK = ("roll", "attack", "sortie", "destroyed", "damage")


class Playback:
    def __init__(self, rules):
        self.rules = rules
        self.slides: list[tuple[Slide, float]] = []
        self.flashes: list[tuple[Mark, float]] = []

    @property
    def busy(self) -> bool:
        return bool(self.slides or self.flashes)

    def clear(self) -> None:
        self.slides, self.flashes = [], []

    def play(self, before, after, side: str | None, events=()) -> None:
        """Start the animations of what changed from view `before` to view `after`."""
        for pid, p in after.pieces.items():
            q = before.pieces.get(pid)
            if q is not None and q.hex != p.hex:
                look = looks.counter_look(self.rules, after, p, side)
                self.slides.append((Slide(Counter(pid, look), q.hex, p.hex, 0.0), 0.0))
        for ev in events:
            spot = ev.where
            if spot is None and ev.kind in STRUCK and ev.pieces:
                target = after.pieces.get(ev.pieces[-1])
                spot = target.hex if target is not None else None
            if spot is not None and all(m.hex != spot for m, _ in self.flashes):
                self.flashes.append((Mark("flash", spot, FLASH, 3), 0.0))

    def tick(self, dt: float) -> bool:
        """Advance the clock; True while something is still moving (a frame must be drawn)."""
        moving = self.busy
        self.slides = [(s, t + dt) for s, t in self.slides if t + dt < SLIDE_SECONDS]
        self.flashes = [(m, t + dt) for m, t in self.flashes if t + dt < FLASH_SECONDS]
        return moving

    def dress(self, scene: Scene) -> Scene:
        """The scene with the animations in it: a sliding counter on its way (not yet in
        its new hex), flashes fading."""
        if not self.busy:
            return scene
        moving = {s.counter.piece for s, _ in self.slides}
        stacks = tuple(
            replace(st, counters=tuple(c for c in st.counters if c.piece not in moving)) for st in scene.stacks
        )
        slides = tuple(Slide(s.counter, s.start, s.end, min(1.0, t / SLIDE_SECONDS)) for s, t in self.slides)
        flashes = tuple(replace(m, strength=1 - t / FLASH_SECONDS) for m, t in self.flashes)
        return replace(scene, stacks=stacks, marks=scene.marks + flashes, slides=scene.slides + slides)

"""The yardstick every benchmark figure is a multiple of.

Machines are noisy and differ, so a figure in seconds says little; a figure
as a multiple of a plain Python loop measured in the same process says how
the code compares with the interpreter it runs on. CPU time, not wall time,
so other work on a shared machine counts less.
"""

from __future__ import annotations

import time
from typing import Callable


def _loop() -> int:
    s = 0
    for i in range(1_000_000):
        s += i * i
    return s


def reference() -> float:
    """CPU seconds of one million `s += i * i`, best of five calls (about 58 ms on the CI machine)."""
    best = float("inf")
    for _ in range(5):
        t = time.process_time()
        _loop()
        best = min(best, time.process_time() - t)
    return best


def in_references(work: Callable[[], object], rounds: int = 5) -> float:
    """CPU time of `work` as a multiple of the reference, the median of `rounds`
    runs, each beside a reference taken just before it: a burst of other work on
    a shared machine then skews one round, not the figure."""
    ratios = []
    for _ in range(rounds):
        ref = reference()
        t = time.process_time()
        work()
        ratios.append((time.process_time() - t) / ref)
    ratios.sort()
    return ratios[len(ratios) // 2]


def line(label: str, value: float, target: float | None = None, unit: str = "ref") -> str:
    """'random legal game            0.052 ref   target <= 0.06   ok'."""
    text = f"{label:<48} {value:>10.3g} {unit}"
    if target is not None:
        text += f"   target <= {target:<8g} {'ok' if value <= target else 'MISSED'}"
    return text

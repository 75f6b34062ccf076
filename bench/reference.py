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


def in_references(work: Callable[[], object], rounds: int = 5) -> tuple[float, float]:
    """CPU time of `work` as a multiple of the reference: the best and the median of
    `rounds` runs, each beside a reference taken just before it. The best is the figure,
    as the reference itself is a best of five: other work on a shared machine only ever
    adds time, to the loop as to the work, so a best set against a best compares the two
    without the noise (a median set against a best read 0.066 to 0.079 for the same code
    here within the hour). The median is printed beside it."""
    ratios = []
    for _ in range(rounds):
        ref = reference()
        t = time.process_time()
        work()
        ratios.append((time.process_time() - t) / ref)
    ratios.sort()
    return ratios[0], ratios[len(ratios) // 2]


def line(label: str, value: float, target: float | None = None, unit: str = "ref") -> str:
    """'random legal game            0.052 ref   target <= 0.06   ok'."""
    text = f"{label:<48} {value:>10.3g} {unit}"
    if target is not None:
        text += f"   target <= {target:<8g} {'ok' if value <= target else 'MISSED'}"
    return text

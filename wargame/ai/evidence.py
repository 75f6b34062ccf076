"""How a search tells that one plan beats another: paired differences of scores, world by
world, against their standard error, pooled over the worlds of each way the other side
may play, each way weighed by how likely it is."""

from __future__ import annotations

import math
from typing import Sequence


def clearly_positive(diffs: Sequence[float], confidence: float) -> bool:
    """Whether paired differences of scores (one plan's less another's, world by world)
    say the first plan is better by more than luck could: their mean against its
    standard error (the same worlds and dice make much of the pairs' luck cancel)."""
    if len(diffs) < 2:
        return False
    m, se2 = _mean_and_se2(diffs)
    return m > 0 and m > confidence * math.sqrt(se2)


def _mean_and_se2(ds: Sequence[float]) -> tuple[float, float]:
    """The mean of at least two numbers and its squared standard error."""
    n = len(ds)
    m = sum(ds) / n
    return m, sum((d - m) ** 2 for d in ds) / (n - 1) / n


def _by_way(pool: Sequence[tuple[int, float]], weights: Sequence[float]) -> list[tuple[float, list[float]]]:
    """The pooled differences of the ways with any weight, each with its weight (renormalized)."""
    got: dict[int, list[float]] = {}
    for w, d in pool:
        if weights[w] > 0:
            got.setdefault(w, []).append(d)
    total = sum(weights[w] for w in got)
    return [(weights[w] / total, ds) for w, ds in got.items()]


def weighted_mean(pool: Sequence[tuple[int, float]], weights: Sequence[float]) -> float:
    return sum(p * sum(ds) / len(ds) for p, ds in _by_way(pool, weights))


def clearly_positive_over(pool: Sequence[tuple[int, float]], weights: Sequence[float], confidence: float) -> bool:
    """`clearly_positive` for differences pooled over worlds of several ways, each way's
    mean weighed by how likely the other side is to be playing it."""
    parts = [(p, ds) for p, ds in _by_way(pool, weights) if len(ds) >= 2]
    if not parts:
        return False
    total = sum(p for p, _ in parts)
    m = se2 = 0.0
    for p, ds in parts:
        q = p / total
        mk, sk = _mean_and_se2(ds)
        m += q * mk
        se2 += q * q * sk
    return m > 0 and m > confidence * math.sqrt(se2)

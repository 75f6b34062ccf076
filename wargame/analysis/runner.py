"""Where a balance run's shards are played: here, in worker processes, or on a Dask cluster.

The same shards (ranges of seeds) go everywhere, and their records are put back
in seed order, so the figures are the same whatever runs them. A progress bar
(tqdm, on the error stream) counts games as their shards come back.
"""

from __future__ import annotations

import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Callable

from ..errors import InputError
from .balance import GameRecord, Shard, merge, play_shard

CLUSTER_EXTRA = "the cluster extra is not installed: pip install 'wargame[cluster]'"

Progress = Callable[[int], None]


def progress_bar(total: int, enabled: bool = True):
    """A tqdm bar counting games (silent when not wanted, e.g. in tests)."""
    from tqdm import tqdm

    return tqdm(total=total, unit="game", file=sys.stderr, disable=not enabled, dynamic_ncols=True, smoothing=0.1)


def run_local(shards: list[Shard], jobs: int, advance: Progress) -> list[GameRecord]:
    """Play the shards in this process (one job) or in `jobs` worker processes."""
    if jobs <= 1:
        parts = []
        for shard in shards:
            parts.append(play_shard(shard))
            advance(shard.stop - shard.start)
        return merge(parts)
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    parts = []
    with ProcessPoolExecutor(max_workers=min(jobs, len(shards)), mp_context=ctx) as pool:  # no idle workers
        futures = {pool.submit(play_shard, s): s for s in shards}
        for f in as_completed(futures):
            parts.append(f.result())
            s = futures[f]
            advance(s.stop - s.start)
    return merge(parts)


def run_cluster(shards: list[Shard], address: str, advance: Progress) -> list[GameRecord]:
    """Play the shards on an existing Dask distributed cluster at `address` (tcp://HOST:PORT)."""
    try:
        from distributed import Client, as_completed as dask_completed
    except ImportError:
        raise InputError.single("wargame simulate", CLUSTER_EXTRA) from None
    try:
        client = Client(address, timeout=10)
    except (OSError, TimeoutError, ValueError) as e:
        raise InputError.single("--cluster", f"cannot reach a Dask scheduler at {address}: {e}") from None
    try:
        futures = client.map(play_shard, shards, pure=False)
        sizes = {f.key: s.stop - s.start for f, s in zip(futures, shards)}
        parts = []
        for f in dask_completed(futures):
            parts.append(f.result())
            advance(sizes[f.key])
        return merge(parts)
    finally:
        client.close()


def simulate(loaded, matchup, games: int, seed: int, jobs: int = 1, cluster: str | None = None,
             shard_size: int = 0, show_progress: bool = True):  # fmt: skip
    """Play a whole run and return (the rulebook, its figures)."""
    from .balance import rulebook_of, shards, summarize

    rules = rulebook_of(loaded.text, loaded.path)
    size = shard_size or max(1, min(50, -(-games // (max(1, jobs) * 8))))
    work = shards(loaded.text, loaded.path, matchup, games, seed, size)
    with progress_bar(games, show_progress) as bar:
        if cluster:
            records = run_cluster(work, cluster, bar.update)
        else:
            records = run_local(work, jobs, bar.update)
    return rules, summarize(rules, records, matchup, seed)

"""Neighbours by meaning at scale: the exact search within the time window against the
HNSW index (usearch) over the whole pool, on the same vectors, in the same run.

The vectors are clustered at random (2,000 topics by default, noise around each), one
article a minute, as in bench/provenance.py; each article asks for its 8 nearest neighbours at
CANDIDATE_MIN or more. Prints the time of each, the ratio, and how many in-window
neighbours the index found of those the exact search found.

The exact search is also timed against its earlier form (every score at CANDIDATE_MIN
sorted: ``sort_every_score``), which must find the same neighbours.
``--topics`` sets how many: with 2,000 a week's window holds about ten articles of each
topic, few of them at CANDIDATE_MIN of a query; with 20 it holds about a thousand, all at
CANDIDATE_MIN of each other, as in bench/provenance.py's pool, whose leads come from a
few templates. ``--noise`` sets how far articles spread around their topic.

    .venv/bin/python bench/semantic.py [--articles 100000] [--window-days 7] [--noise 0.8]
                                       [--topics 2000] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import platform
import time

import numpy as np

from babelwire.provenance import semantic
from babelwire.provenance.semantic import SemanticIndex

DAY = 86400.0


def vectors(count: int, seed: int = 0, noise: float = 0.8, topics: int = 2000) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((topics, 512)).astype(np.float32)
    found = centres[rng.integers(0, topics, count)]
    found += noise * rng.standard_normal((count, 512)).astype(np.float32)
    return found / np.linalg.norm(found, axis=1, keepdims=True)


def sort_every_score(index: SemanticIndex, keys: list[str], count: int):
    """The windowed search before the partition: no query narrowed first, every score at
    CANDIDATE_MIN of a batch checked against the window and sorted."""
    saved, semantic.HEAVY_ROW = semantic.HEAVY_ROW, 10 ** 9
    try:
        return index.neighbours(keys, count)
    finally:
        semantic.HEAVY_ROW = saved


def timed(window: float | None, rows: np.ndarray, times: np.ndarray, search=None):
    index = SemanticIndex(window=window)
    for n, (row, at) in enumerate(zip(rows, times.tolist())):
        index.add_vector(f"a{n}", row, at)
    keys = [f"a{n}" for n in range(len(rows))]
    index.vector(keys[0])  # the vectors stacked before timing
    start, cpu = time.perf_counter(), time.process_time()
    found = search(index, keys, 8) if search else index.neighbours(keys, 8)
    return time.perf_counter() - start, time.process_time() - cpu, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--window-days", type=float, default=7.0)
    parser.add_argument("--noise", type=float, default=0.8)
    parser.add_argument("--topics", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    rows = vectors(args.articles, noise=args.noise, topics=args.topics)
    times = 1.7e9 + 60.0 * np.arange(args.articles)
    window = args.window_days * DAY
    exact_wall = before_wall = float("inf")
    for _ in range(args.rounds):  # alternating rounds, the best of each kept
        wall, cpu, exact = timed(window, rows, times)
        if wall < exact_wall:
            exact_wall, exact_cpu = wall, cpu
        wall, cpu, before = timed(window, rows, times, sort_every_score)
        if wall < before_wall:
            before_wall, before_cpu = wall, cpu
    index_wall, index_cpu, approx = timed(None, rows, times)
    at = {f"a{n}": t for n, t in enumerate(times.tolist())}
    in_window = sum(1 for key, near in approx.items() for other in near
                    if abs(at[key] - at[other]) <= window)
    wanted = sum(map(len, exact.values()))
    kept = sum(len(set(near) & set(exact[key])) for key, near in approx.items())
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load "
          f"{os.getloadavg()[0]:.1f}; {args.articles} articles, window {args.window_days} days")
    print(f"exact within the window: {exact_wall:6.1f} s wall, {exact_cpu:6.1f} s CPU, "
          f"{wanted} neighbours")
    print(f"the same, every score sorted (before): {before_wall:6.1f} s wall, "
          f"{before_cpu:6.1f} s CPU, {'the same neighbours' if before == exact else 'DIFFERENT'}"
          f"; partition / sorting speed: {before_wall / exact_wall:.2f}x (wall)")
    print(f"HNSW over the pool:      {index_wall:6.1f} s wall, {index_cpu:6.1f} s CPU, "
          f"{in_window} of its neighbours in the window, {kept} of the exact ones")
    print(f"exact / HNSW speed: {index_wall / exact_wall:.2f}x (wall), "
          f"{index_cpu / exact_cpu:.2f}x (CPU)")


if __name__ == "__main__":
    main()

"""Neighbours by meaning at scale: the exact search within the time window against the
HNSW index (usearch) over the whole pool, on the same vectors, in the same run.

The vectors are clustered at random (2,000 topics, noise around each), one article a
minute, as in bench/provenance.py; each article asks for its 8 nearest neighbours at
CANDIDATE_MIN or more. Prints the time of each, the ratio, and how many in-window
neighbours the index found of those the exact search found.

    .venv/bin/python bench/semantic.py [--articles 100000] [--window-days 7]
"""

from __future__ import annotations

import argparse
import os
import platform
import time

import numpy as np

from babelwire.provenance.semantic import SemanticIndex

DAY = 86400.0


def vectors(count: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    topics = rng.standard_normal((2000, 512)).astype(np.float32)
    found = topics[rng.integers(0, 2000, count)]
    found += 0.8 * rng.standard_normal((count, 512)).astype(np.float32)
    return found / np.linalg.norm(found, axis=1, keepdims=True)


def timed(window: float | None, rows: np.ndarray, times: np.ndarray):
    index = SemanticIndex(window=window)
    for n, (row, at) in enumerate(zip(rows, times.tolist())):
        index.add_vector(f"a{n}", row, at)
    keys = [f"a{n}" for n in range(len(rows))]
    start, cpu = time.perf_counter(), time.process_time()
    found = index.neighbours(keys, 8)
    return time.perf_counter() - start, time.process_time() - cpu, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--window-days", type=float, default=7.0)
    args = parser.parse_args()
    rows = vectors(args.articles)
    times = 1.7e9 + 60.0 * np.arange(args.articles)
    window = args.window_days * DAY
    exact_wall, exact_cpu, exact = timed(window, rows, times)
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
    print(f"HNSW over the pool:      {index_wall:6.1f} s wall, {index_cpu:6.1f} s CPU, "
          f"{in_window} of its neighbours in the window, {kept} of the exact ones")
    print(f"exact / HNSW speed: {index_wall / exact_wall:.2f}x (wall), "
          f"{index_cpu / exact_cpu:.2f}x (CPU)")


if __name__ == "__main__":
    main()

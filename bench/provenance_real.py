"""Provenance on real sentences: original found and wrongly linked, on pools built at run
time from FLORES-200 devtest (``shared/corpora/flores-devtest``, never copied here).

See tests/eval/provenance/real_pools.py for the pools (translations with orphans and lone
originals; five versions of each document at once; relays among near-miss distractors;
rewrites: a translation with three times as much background under another headline).

    .venv/bin/python bench/provenance_real.py [--no-encoder] [--pools translations versions]
                                              [--vs-lead-floor]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "eval" / "provenance"))  # the pools, shared with tests
import real_pools  # noqa: E402

from babelwire.provenance import TraceOptions, compare, trace_documents  # noqa: E402

POOLS = ("translations", "versions", "relays", "rewrites")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pools", nargs="+", default=list(POOLS), choices=POOLS)
    parser.add_argument("--no-encoder", action="store_true")
    parser.add_argument("--vs-lead-floor", action="store_true",
                        help="also trace each pool with the lead floor alone (no exception for "
                             "pairs sharing most names and numbers), in the same run")
    args = parser.parse_args()
    folder = real_pools.flores_dir(ROOT)
    if folder is None:
        print("shared/corpora/flores-devtest not found next to the checkout: nothing to measure")
        return 0
    docs = real_pools.load(folder)
    print(f"load average {os.getloadavg()[0]:.1f}; {folder}")
    for name in args.pools:
        pool = getattr(real_pools, name)(docs)
        _measure(pool, name, args.no_encoder)
        if args.vs_lead_floor:
            saved, compare.LEAD_FLOOR_KEYS = compare.LEAD_FLOOR_KEYS, float("inf")
            try:
                _measure(pool, "  floor alone", args.no_encoder)
            finally:
                compare.LEAD_FLOOR_KEYS = saved
    return 0


def _measure(pool, name: str, no_encoder: bool) -> None:
    start = time.perf_counter()
    outcome = trace_documents(pool.docs, TraceOptions(use_encoder=not no_encoder))
    elapsed = time.perf_counter() - start
    result = real_pools.score(pool, outcome.derived_from, outcome.stories)
    print(result.line(name) + f"   ({len(pool.docs)} articles, {elapsed:.1f} s)")


if __name__ == "__main__":
    raise SystemExit(main())

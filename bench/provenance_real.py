"""Provenance on real sentences: original found and wrongly linked, on pools built at run
time from FLORES-200 devtest (``shared/corpora/flores-devtest``, never copied here).

See tests/eval/provenance/real_pools.py for the pools (translations with orphans and lone
originals; five versions of each document at once; relays among near-miss distractors;
rewrites: a translation with three times as much background under another headline;
catalan: machine-translated Catalan relays, a language the encoder does not know).

    .venv/bin/python bench/provenance_real.py [--no-encoder] [--pools translations versions]
                                              [--vs-lead-floor] [--vs-no-bridge]

``--vs-no-bridge`` traces each pool again with no rendering for the languages the encoder
does not know (bridge.py; they are then aligned by spelling), in the same run.
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
from babelwire.provenance.bridge import Bridge  # noqa: E402
from babelwire.translate import ApertiumTranslator, translate_texts  # noqa: E402

POOLS = ("translations", "versions", "relays", "rewrites", "catalan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pools", nargs="+", default=list(POOLS), choices=POOLS)
    parser.add_argument("--no-encoder", action="store_true")
    parser.add_argument("--vs-lead-floor", action="store_true",
                        help="also trace each pool with the lead floor alone (no exception for "
                             "pairs sharing most names and numbers), in the same run")
    parser.add_argument("--vs-no-bridge", action="store_true",
                        help="also trace each pool with no rendering for the languages the "
                             "encoder does not know, in the same run")
    args = parser.parse_args()
    folder = real_pools.flores_dir(ROOT)
    if folder is None:
        print("shared/corpora/flores-devtest not found next to the checkout: nothing to measure")
        return 0
    docs = real_pools.load(folder)
    print(f"load average {os.getloadavg()[0]:.1f}; {folder}")
    translator = ApertiumTranslator()
    for name in args.pools:
        if name == "catalan":
            if ("fr", "ca") not in translator.pairs() or ("ca", "en") not in translator.pairs():
                print("catalan: needs Apertium fra-cat and cat-eng (apertium-fra-cat, "
                      "apertium-eng-cat); skipped")
                continue
            pool = real_pools.catalan(docs, lambda lines: list(
                translate_texts(translator, lines, "fr", "ca").segments))
        else:
            pool = getattr(real_pools, name)(docs)
        _measure(pool, name, args.no_encoder, Bridge(lambda: translator))
        if args.vs_no_bridge:
            _measure(pool, "  no bridge", args.no_encoder, Bridge(lambda: None))
        if args.vs_lead_floor:
            saved, compare.LEAD_FLOOR_KEYS = compare.LEAD_FLOOR_KEYS, float("inf")
            try:
                _measure(pool, "  floor alone", args.no_encoder, Bridge(lambda: translator))
            finally:
                compare.LEAD_FLOOR_KEYS = saved
    return 0


def _measure(pool, name: str, no_encoder: bool, bridge: Bridge | None = None) -> None:
    start = time.perf_counter()
    outcome = trace_documents(pool.docs, TraceOptions(use_encoder=not no_encoder), bridge)
    elapsed = time.perf_counter() - start
    result = real_pools.score(pool, outcome.derived_from, outcome.stories)
    print(result.line(name) + f"   ({len(pool.docs)} articles, {elapsed:.1f} s)")


if __name__ == "__main__":
    raise SystemExit(main())

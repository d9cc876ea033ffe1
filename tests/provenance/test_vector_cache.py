"""Vectors of released articles are kept (within a budget), so nothing is encoded twice."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np

from babelwire.provenance import TraceOptions, tracer as tracer_module
from babelwire.provenance.batch import read_jsonl
from babelwire.provenance.service import trace_documents
from babelwire.provenance.vector_cache import VectorCache

CORPUS = Path(__file__).resolve().parents[1] / "eval" / "provenance" / "corpus.jsonl"


def test_cache_round_trip_and_budget():
    cache = VectorCache(max_bytes=3 * 512 * 2)  # three sentences of half-precision
    first = np.random.default_rng(1).normal(size=(2, 512)).astype(np.float32)
    cache.put("a", first, np.zeros((0, 512), np.float32))
    vectors, pivot = cache.take("a")
    assert np.allclose(vectors, first, atol=1e-2) and pivot.shape == (0, 512)
    assert cache.take("a") is None
    cache.put("a", first, np.zeros((0, 512), np.float32))
    cache.put("b", first, np.zeros((0, 512), np.float32))  # over budget: "a" goes
    assert cache.take("a") is None and cache.take("b") is not None


def _links(docs, monkeypatch, warm: int):
    monkeypatch.setattr(tracer_module, "MAX_WARM", warm)
    monkeypatch.setattr(tracer_module, "ENCODER_BATCH_PAIRS", 2 if warm < 100 else 500)
    encoded: Counter[str] = Counter()
    original = tracer_module.encode_profiles

    def counting(profiles, threads=2):
        encoded.update(p.doc.key for p in profiles if not p.encoded)
        return original(profiles, threads)

    monkeypatch.setattr(tracer_module, "encode_profiles", counting)
    outcome = trace_documents(docs, TraceOptions())
    found = {k: (l.derived_from, l.relation) for k, l in outcome.derived_from.items() if l}
    return found, encoded


def test_small_warm_set_encodes_each_article_once_and_links_alike(monkeypatch):
    docs, bad = read_jsonl(CORPUS.read_text(encoding="utf-8").splitlines())
    assert not bad and len(docs) > 50
    roomy, _ = _links(docs, monkeypatch, 5000)
    tight, encoded = _links(docs, monkeypatch, 4)
    assert encoded and max(encoded.values()) == 1
    assert tight == roomy

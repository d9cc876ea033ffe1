"""The windowed exact search of the semantic index: the same neighbours as a brute-force
search restricted to the time window, none outside it, never the article itself."""

from __future__ import annotations

import numpy as np

from babelwire.provenance import semantic
from babelwire.provenance.semantic import SemanticIndex

DAY = 86400.0


def _pool(monkeypatch, n=600, window=3 * DAY, with_times=True):
    monkeypatch.setattr(semantic, "EXACT_LIMIT", 100)
    monkeypatch.setattr(semantic, "WINDOW_BATCH", 64)
    rng = np.random.default_rng(3)
    topics = rng.standard_normal((40, 512)).astype(np.float32)
    vectors = topics[rng.integers(0, 40, n)] + 0.7 * rng.standard_normal((n, 512)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    times = rng.uniform(0, 30 * DAY, n)
    index = SemanticIndex(window=window)
    for i in range(n):
        index.add_vector(f"a{i}", vectors[i], float(times[i]) if with_times or i else None)
    return index, vectors, times


def test_windowed_search_is_exact_within_the_window(monkeypatch):
    index, vectors, times = _pool(monkeypatch)
    keys = [f"a{i}" for i in range(0, 600, 7)]
    found = index.neighbours(keys, 8)
    assert index._windowed()
    for key in keys:
        i = int(key[1:])
        scores = vectors @ vectors[i]
        scores[i] = -np.inf
        scores[np.abs(times - times[i]) > 3 * DAY] = -np.inf
        best = [j for j in np.argsort(-scores)[:8] if scores[j] >= semantic.CANDIDATE_MIN]
        assert set(found[key]) == {f"a{j}" for j in best}
        for other, score in found[key].items():
            j = int(other[1:])
            assert abs(times[j] - times[i]) <= 3 * DAY and other != key
            assert abs(score - float(vectors[i] @ vectors[j])) < 1e-5
    assert any(found[k] for k in keys)


def test_an_article_without_time_keeps_the_whole_pool_search(monkeypatch):
    index, _, _ = _pool(monkeypatch, n=150, with_times=False)
    found = index.neighbours(["a1"], 8)   # the index answers one query too
    assert not index._windowed()
    assert set(found) == {"a1"} and "a1" not in found["a1"]

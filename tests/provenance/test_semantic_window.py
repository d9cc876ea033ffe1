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


def test_queries_with_many_close_leads_get_the_same_neighbours_ties_included(monkeypatch):
    """Copies share a lead, so their vectors tie exactly: a query whose window holds many
    leads at CANDIDATE_MIN (narrowed by a partition) gets the neighbours, in the order,
    of sorting every score, ties broken by time."""
    monkeypatch.setattr(semantic, "EXACT_LIMIT", 100)
    monkeypatch.setattr(semantic, "WINDOW_BATCH", 50)
    rng = np.random.default_rng(5)
    topics = rng.standard_normal((3, 512)).astype(np.float32)
    vectors = topics[rng.integers(0, 3, 400)] + 0.3 * rng.standard_normal((400, 512)).astype(
        np.float32)
    vectors[200:260] = vectors[100]           # sixty copies of one lead
    vectors[300:320] = rng.standard_normal((20, 512))   # a few far from every topic
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    times = np.sort(rng.uniform(0, 20 * DAY, 400))
    index = SemanticIndex(window=2 * DAY)
    for i in range(400):
        index.add_vector(f"a{i}", vectors[i], float(times[i]))
    keys = [f"a{i}" for i in range(400)]
    narrowed = []
    best_in_window = SemanticIndex._best_in_window
    monkeypatch.setattr(SemanticIndex, "_best_in_window", lambda self, scores, *rest: (
        narrowed.append(len(scores)), best_in_window(self, scores, *rest))[1])
    found = index.neighbours(keys, 6)
    assert sum(narrowed) > 300                 # most rows were narrowed first
    monkeypatch.setattr(semantic, "HEAVY_ROW", 10 ** 9)
    assert index.neighbours(keys, 6) == found  # every score sorted: the same, in order
    for i in (100, 230, 310, 17):
        scores = (vectors @ vectors[i]).astype(np.float32)
        inside = [j for j in range(400) if j != i and abs(times[j] - times[i]) <= 2 * DAY
                  and scores[j] >= semantic.CANDIDATE_MIN]
        best = sorted(inside, key=lambda j: (-scores[j], times[j]))[:6]
        assert list(found[f"a{i}"]) == [f"a{j}" for j in best]
    assert len(found["a230"]) == 6 and all(
        200 <= int(k[1:]) < 260 or k == "a100" for k in found["a230"])
    assert found["a310"] == {}

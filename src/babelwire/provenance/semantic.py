"""Candidates by meaning: one encoder vector per article (title and lead) in a nearest-
neighbour index, so a translation is found even when no name is spelled alike.

Calibrated on real professional translations (FLORES-200 devtest, en/fr/es, documents
of six sentences, see bench/provenance_real.py): the title-and-lead cosine of an article
and its translation was 0.63 or more for 99% of them (median 0.80), while the best
other document scored 0.50 or less for 99% of articles (median 0.34). Neighbours below
CANDIDATE_MIN are not candidates; pairs in two languages at GATE_MIN or more are worth
the sentence encoder even with no name or number shared (in one language, shared words
decide that more cheaply).

Small pools are searched exactly (one matrix product per batch of queries). Larger ones
are searched exactly too when the tracer has a time window and every article a time:
queries in time order, each batch against the articles within the window of it (one
matrix product on a slice of the vectors sorted by time), so the cost grows with the
pool times the window, not the pool squared. It finds every neighbour in the window,
where the index missed some and spent others on articles outside it, and it is cheaper
(bench/semantic.py: 100,000 articles a minute apart, 7-day window). Without a window, from EXACT_LIMIT articles on, an HNSW index
(usearch) answers in about log(n).
"""

from __future__ import annotations

import logging
from typing import Iterable

import numpy as np

from .encoder import encode_sentences

log = logging.getLogger(__name__)

LEAD_CHARS = 160          # title plus the start of the text, one passage (cost ~ length)
CANDIDATE_MIN = 0.42      # cosine of two leads for a candidate pair
GATE_MIN = 0.55           # cosine of two leads (in two languages) worth the sentence encoder
EXACT_LIMIT = 4000        # below this many articles, exact search
ENCODE_BATCH = 1024
QUERY_BATCH = 2048
WINDOW_BATCH = 1024       # queries per matrix product in the windowed search
HEAVY_ROW = 4             # a query with more than this many times `count` scores at
                          # CANDIDATE_MIN is narrowed by a partition first


def lead_of(title: str, text: str) -> str:
    """The title and the first words of the text, cut at a word near LEAD_CHARS."""
    lead = f"{title.strip()}. {' '.join(text.split())}" if title.strip() else " ".join(text.split())
    if len(lead) <= LEAD_CHARS:
        return lead
    cut = lead.rfind(" ", 0, LEAD_CHARS)
    return lead[:cut if cut > LEAD_CHARS // 2 else LEAD_CHARS]


class SemanticIndex:
    """Lead vectors of every article added; neighbours answered in batches."""

    def __init__(self, threads: int = 2, window: float | None = None) -> None:
        self._threads = threads
        self._window = window
        self._keys: list[str] = []
        self._times: list[float] = []   # per position; NaN when the article has no time
        self._time_of: dict[str, float] = {}
        self._position: dict[str, int] = {}
        self._vectors = np.zeros((0, 512), dtype=np.float32)
        self._pending: list[tuple[str, str]] = []
        self._known: dict[str, np.ndarray] = {}
        self._ann = None

    def __len__(self) -> int:
        return len(self._keys) + len(self._pending) + len(self._known)

    def add(self, key: str, lead: str, time: float | None = None) -> None:
        if key not in self._position:
            self._pending.append((key, lead))
            self._time_of[key] = np.nan if time is None else float(time)

    def add_vector(self, key: str, vector: np.ndarray, time: float | None = None) -> None:
        """An article whose lead vector was saved earlier (no encoding)."""
        if key not in self._position:
            self._known[key] = np.asarray(vector, dtype=np.float32).reshape(-1)
            self._time_of[key] = np.nan if time is None else float(time)

    def vector(self, key: str) -> np.ndarray | None:
        self._flush()
        position = self._position.get(key)
        return None if position is None else self._vectors[position]

    def _flush(self) -> None:
        if not self._pending and not self._known:
            return
        pending, self._pending = self._pending, []
        known, self._known = self._known, {}
        fresh = [(k, lead) for k, lead in dict(pending).items()
                 if k not in self._position and k not in known]
        chunks = [encode_sentences([lead for _, lead in fresh[i:i + ENCODE_BATCH]], self._threads)
                  for i in range(0, len(fresh), ENCODE_BATCH)]
        if known:
            chunks.append(np.vstack(list(known.values())))
        if not chunks:
            return
        for key in [k for k, _ in fresh] + list(known):
            self._position[key] = len(self._keys)
            self._keys.append(key)
            self._times.append(self._time_of.pop(key, np.nan))
        self._vectors = np.vstack([self._vectors, *chunks]).astype(np.float32)
        self._ann = None

    def similarity(self, a: str, b: str) -> float | None:
        va, vb = self.vector(a), self.vector(b)
        return None if va is None or vb is None else float(va @ vb)

    def neighbours(self, keys: Iterable[str], count: int) -> dict[str, dict[str, float]]:
        """For each key: up to ``count`` other articles at CANDIDATE_MIN or more (key -> cosine)."""
        self._flush()
        keys = [k for k in keys if k in self._position]
        found: dict[str, dict[str, float]] = {}
        if not keys or len(self._keys) < 2:
            return {k: {} for k in keys}
        if self._windowed():
            return self._window_neighbours(keys, count)
        for start in range(0, len(keys), QUERY_BATCH):
            chunk = keys[start:start + QUERY_BATCH]
            rows = self._vectors[[self._position[k] for k in chunk]]
            positions, scores = self._search(rows, min(count + 1, len(self._keys)))
            for key, row_positions, row_scores in zip(chunk, positions, scores):
                found[key] = {self._keys[p]: float(s) for p, s in zip(row_positions, row_scores)
                              if p >= 0 and self._keys[p] != key and s >= CANDIDATE_MIN}
        return found

    def _windowed(self) -> bool:
        return (self._window is not None and len(self._keys) >= EXACT_LIMIT
                and not np.isnan(np.asarray(self._times)).any())

    def _window_neighbours(self, keys: list[str], count: int) -> dict[str, dict[str, float]]:
        """Exact neighbours within the time window, queries taken in time order. Only the
        scores at CANDIDATE_MIN or more are looked at further (window, itself, top).

        A query with many such scores (the leads of one story, or of a pool written from
        a few templates) first has its scores outside its window and its own set to -inf
        and a partition finds its count-th best: only the scores at that or more are
        kept. The same neighbours, ties included, and about twice as fast where most
        leads are that close (bench/semantic.py --noise 0.3 and bench/provenance.py)."""
        times = np.asarray(self._times)
        order = np.argsort(times, kind="stable")
        sorted_times, sorted_vectors = times[order], self._vectors[order]
        rank_of = np.empty_like(order)
        rank_of[order] = np.arange(len(order))
        queries = np.array([self._position[k] for k in keys], dtype=np.int64)
        queries = queries[np.argsort(times[queries], kind="stable")]
        found: dict[str, dict[str, float]] = {self._keys[q]: {} for q in queries.tolist()}
        for start in range(0, len(queries), WINDOW_BATCH):
            batch = queries[start:start + WINDOW_BATCH]
            low = np.searchsorted(sorted_times, times[batch[0]] - self._window, "left")
            high = np.searchsorted(sorted_times, times[batch[-1]] + self._window, "right")
            scores = self._vectors[batch] @ sorted_vectors[low:high].T
            hits = scores >= CANDIDATE_MIN
            heavy = np.flatnonzero(hits.view(np.uint8).sum(axis=1, dtype=np.int32)
                                   > HEAVY_ROW * count)
            if heavy.size and count > 0:
                hits[heavy] = self._best_in_window(scores[heavy], times[batch[heavy]],
                                                   rank_of[batch[heavy]] - low,
                                                   sorted_times[low:high], count)
            rows, columns = np.nonzero(hits)
            others = order[low + columns]
            keep = ((np.abs(times[batch[rows]] - times[others]) <= self._window)
                    & (others != batch[rows]))
            rows, others, values = rows[keep], others[keep], scores[rows[keep], columns[keep]]
            ranked = np.lexsort((-values, rows))           # by query, best first
            rows, others, values = rows[ranked], others[ranked], values[ranked]
            rank = np.arange(len(rows)) - np.searchsorted(rows, rows, "left")
            top = rank < count
            for row, other, value in zip(rows[top].tolist(), others[top].tolist(),
                                         values[top].tolist()):
                found[self._keys[batch[row]]][self._keys[other]] = value
        return found

    def _best_in_window(self, scores: np.ndarray, when: np.ndarray, own: np.ndarray,
                        span_times: np.ndarray, count: int) -> np.ndarray:
        """For each query's row of ``scores`` (over articles in time order, at
        ``span_times``; the query's time ``when``, its own column ``own``), the scores
        within its window, not its own, at CANDIDATE_MIN and at its count-th best or more
        (ties kept), as a boolean mask."""
        first = np.searchsorted(span_times, when - self._window, "left")
        last = np.searchsorted(span_times, when + self._window, "right")
        columns = np.arange(len(span_times))
        scores[(columns < first[:, None]) | (columns >= last[:, None])] = -np.inf
        scores[np.arange(len(own)), own] = -np.inf
        floor = np.full(len(own), CANDIDATE_MIN, dtype=scores.dtype)
        width = len(span_times)
        if width > count:
            kth = np.partition(scores, width - count, axis=1)[:, width - count]
            np.maximum(floor, kth, out=floor)
        return scores >= floor[:, None]

    def _search(self, rows: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
        if len(self._keys) < EXACT_LIMIT:
            scores = rows @ self._vectors.T
            top = np.argpartition(-scores, count - 1, axis=1)[:, :count]
            return top, np.take_along_axis(scores, top, axis=1)
        index = self._index()
        matches = index.search(rows, count)  # one query row: one-dimensional answers
        keys, distances = np.atleast_2d(matches.keys), np.atleast_2d(matches.distances)
        return keys.astype(np.int64), 1.0 - distances

    def _index(self):
        if self._ann is None:
            from usearch.index import Index  # imported late: only large pools need it

            index = Index(ndim=self._vectors.shape[1], metric="ip", dtype="f32",
                          connectivity=16, expansion_add=64, expansion_search=64)
            index.add(np.arange(len(self._keys), dtype=np.uint64), self._vectors, threads=2)
            self._ann = index
            log.info("nearest-neighbour index of %d articles built", len(self._keys))
        return self._ann

"""Monotonic sentence alignment: the best order-keeping matching over a similarity matrix.

Dynamic programming over (sentence of A, sentence of B): each matched pair
scores its similarity above ``threshold``; skipping a sentence costs nothing.
Pairs below the threshold are never matched. O(len(A) * len(B)), vectorised
along B.
"""

from __future__ import annotations

import numpy as np


def monotonic_alignment(similarity: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Index pairs (i, j), increasing in both, maximising the sum of similarity - threshold.

    Rows and columns with no cell at the threshold can never be matched: the table is
    built over the others only (the same pairs; most candidate pairs of a tracer have a
    handful of such cells, so the table shrinks from about 8 x 8 to 2 x 2 or none)."""
    if similarity.size == 0:
        return []
    usable = similarity >= threshold
    rows = np.flatnonzero(usable.any(axis=1))
    if rows.size == 0:
        return []
    cols = np.flatnonzero(usable.any(axis=0))
    gain = similarity[np.ix_(rows, cols)]
    gain = np.where(gain >= threshold, gain - threshold, -np.inf)
    table = np.zeros((len(rows) + 1, len(cols) + 1))
    for i in range(1, len(rows) + 1):
        best = np.maximum(table[i - 1, 1:], table[i - 1, :-1] + gain[i - 1])
        table[i, 1:] = np.maximum.accumulate(np.maximum(best, 0.0))
    return [(int(rows[i]), int(cols[j])) for i, j in _backtrack(table)]


def _backtrack(table: np.ndarray) -> list[tuple[int, int]]:
    pairs = []
    i, j = table.shape[0] - 1, table.shape[1] - 1
    while i > 0 and j > 0:
        if table[i, j] == table[i - 1, j]:
            i -= 1
        elif table[i, j] == table[i, j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    pairs.reverse()
    return pairs


def lexical_similarity(a: list[frozenset[str]], b: list[frozenset[str]]) -> np.ndarray:
    """Jaccard similarity of the word sets of every sentence pair."""
    matrix = np.zeros((len(a), len(b)), dtype=np.float32)
    for i, words_a in enumerate(a):
        if not words_a:
            continue
        for j, words_b in enumerate(b):
            common = len(words_a & words_b)
            if common:
                matrix[i, j] = common / (len(words_a) + len(words_b) - common)
    return matrix

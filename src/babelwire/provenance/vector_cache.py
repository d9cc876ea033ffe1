"""Sentence vectors of articles whose other features were released, kept within a byte
budget (half-precision), so an article compared again later is not encoded again.

On a 8,000-article pool traced in one batch, about a quarter of the encoder's work was
articles encoded a second time after the tracer had released them (bench/provenance.py).
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np

MAX_BYTES = 256 * 1024 * 1024


class VectorCache:
    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self._max = max_bytes
        self._bytes = 0
        self._items: OrderedDict[str, tuple[np.ndarray, np.ndarray]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def put(self, key: str, sentences: np.ndarray, pivot: np.ndarray) -> None:
        self.take(key)
        item = (sentences.astype(np.float16), pivot.astype(np.float16))
        self._items[key] = item
        self._bytes += item[0].nbytes + item[1].nbytes
        while self._bytes > self._max and self._items:
            _, (old, old_pivot) = self._items.popitem(last=False)
            self._bytes -= old.nbytes + old_pivot.nbytes

    def take(self, key: str) -> tuple[np.ndarray, np.ndarray] | None:
        """The vectors saved for ``key`` (removed from the cache: the caller holds them)."""
        item = self._items.pop(key, None)
        if item is None:
            return None
        self._bytes -= item[0].nbytes + item[1].nbytes
        return item[0].astype(np.float32), item[1].astype(np.float32)

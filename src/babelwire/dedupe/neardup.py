"""Near-duplicate candidates by locality-sensitive hashing of MinHash signatures.

A signature is cut into BANDS bands of ROWS values; two texts are candidates
when any band is equal. With 16 bands of 4 rows, a pair with Jaccard 0.5 is
found with probability 0.65, a pair at 0.7 with 0.98, a pair at 0.2 with 0.03.
A band value shared by more than MAX_BUCKET texts is skipped, so shared
boilerplate cannot make a query's cost grow with the size of the index.
Band keys are plain integers, so the index can live in memory or in a table.
"""

from __future__ import annotations

import zlib
from collections import defaultdict

from .fingerprint import NUM_PERM, Fingerprint, estimated_jaccard

BANDS = 16
ROWS = NUM_PERM // BANDS
MAX_BUCKET = 200  # a band value shared by more texts is boilerplate, not a near-duplicate


def band_keys(signature: tuple[int, ...]) -> list[int]:
    """One integer per band (the band number is mixed in, so bands never collide)."""
    if len(signature) != NUM_PERM:
        return []
    keys = []
    for band in range(BANDS):
        values = signature[band * ROWS:(band + 1) * ROWS]
        keys.append(zlib.crc32(repr((band, values)).encode("ascii")) + band * (1 << 32))
    return keys


class NearDuplicateIndex:
    """Keys by band and by exact word hash; answers near-duplicate candidates."""

    def __init__(self) -> None:
        self._bands: dict[int, list[str]] = defaultdict(list)
        self._hashes: dict[str, list[str]] = defaultdict(list)
        self._signatures: dict[str, tuple[int, ...]] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, key: str, fingerprint: Fingerprint) -> None:
        self._signatures[key] = fingerprint.signature
        self._hashes[fingerprint.word_hash].append(key)
        for band in band_keys(fingerprint.signature):
            self._bands[band].append(key)

    def exact(self, fingerprint: Fingerprint) -> list[str]:
        return list(self._hashes.get(fingerprint.word_hash, ()))

    def candidates(self, fingerprint: Fingerprint, min_jaccard: float = 0.3) -> dict[str, float]:
        """Keys sharing a band, with their estimated Jaccard (at least ``min_jaccard``)."""
        found: dict[str, float] = {}
        for band in band_keys(fingerprint.signature):
            bucket = self._bands.get(band, ())
            if len(bucket) > MAX_BUCKET:
                continue
            for key in bucket:
                if key not in found:
                    found[key] = estimated_jaccard(fingerprint.signature, self._signatures[key])
        return {key: score for key, score in found.items() if score >= min_jaccard}

"""Fingerprints, near-duplicates and stories.

    words = content_words(text)
    fingerprint = fingerprint_words(words)          # exact hash + MinHash signature
    index = NearDuplicateIndex(); index.add("a1", fingerprint)
    index.candidates(other_fingerprint)             # keys whose bands collide
"""

from babelwire.dedupe.fingerprint import (
    Fingerprint, content_words, estimated_jaccard, fingerprint_words, word_hash,
)
from babelwire.dedupe.neardup import NearDuplicateIndex, band_keys
from babelwire.dedupe.stories import StoryLink, cluster_stories

__all__ = [
    "Fingerprint",
    "NearDuplicateIndex",
    "StoryLink",
    "band_keys",
    "cluster_stories",
    "content_words",
    "estimated_jaccard",
    "fingerprint_words",
    "word_hash",
]

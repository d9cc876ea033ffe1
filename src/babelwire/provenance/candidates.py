"""Candidate originals, found cheaply before any sentence is aligned.

Three blocking paths, all incremental (add one article, query one article):
- the exact word hash and MinHash LSH bands over word shingles (same language);
- MinHash LSH over the word sets of pivot renderings (across languages);
- an inverted index of evidence keys (names, numbers, dates, quotes, URLs),
  scored by the inverse frequency of the keys shared. Only an article's rarest
  keys are looked up, and keys found in too many articles are skipped, so a
  query costs about the same at 1,000 articles as at 100,000.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict

from ..dedupe import NearDuplicateIndex, fingerprint_words
from .profile import Profile

QUERY_KEYS = 16          # rarest keys of an article looked up
MAX_POSTINGS = 300       # keys in more articles than this are too common to block on
MIN_SHARED_KEYS = 2      # shared keys for a key-blocked candidate (one URL/image is enough)
NEAR_MIN_JACCARD = 0.3
PIVOT_MIN_JACCARD = 0.3


class CandidateIndex:
    """Every article added so far, indexed three ways."""

    def __init__(self) -> None:
        self.profiles: dict[str, Profile] = {}
        self._near = NearDuplicateIndex()
        self._pivot = NearDuplicateIndex()
        self._postings: dict[str, list[str]] = defaultdict(list)
        self._idf: dict[str, float] = {}   # idf per key, until the next article is added

    def __len__(self) -> int:
        return len(self.profiles)

    def __contains__(self, key: str) -> bool:
        return key in self.profiles

    def add(self, profile: Profile) -> None:
        key = profile.doc.key
        self.profiles[key] = profile
        self._near.add(key, profile.fingerprint)
        if profile.pivot_words:
            self._pivot.add(key, fingerprint_words(sorted(profile.pivot_words), size=1))
        for evidence in profile.keys:
            self._postings[evidence].append(key)
        self._idf.clear()

    def idf(self, evidence: str) -> float:
        found = self._idf.get(evidence)
        if found is None:
            found = self._idf[evidence] = math.log(
                1.0 + len(self.profiles) / max(1, len(self._postings.get(evidence, ()))))
        return found

    def _by_keys(self, profile: Profile) -> dict[str, float]:
        usable = [k for k in profile.keys if 1 < len(self._postings.get(k, ())) <= MAX_POSTINGS]
        rarest = heapq.nsmallest(QUERY_KEYS, usable, key=lambda k: len(self._postings[k]))
        scores: dict[str, float] = defaultdict(float)
        counts: dict[str, int] = defaultdict(int)
        for evidence in rarest:
            weight = self.idf(evidence)
            strong = evidence[0] in "ui"
            for other in self._postings[evidence]:
                scores[other] += weight
                counts[other] += MIN_SHARED_KEYS if strong else 1
        own = profile.doc.key
        return {k: s for k, s in scores.items() if k != own and counts[k] >= MIN_SHARED_KEYS}

    def candidates(self, profile: Profile, limit: int) -> dict[str, float]:
        """Other articles worth comparing with ``profile``, best first (key -> score)."""
        own = profile.doc.key
        found = {k: 100.0 for k in self._near.exact(profile.fingerprint) if k != own}
        for key, jaccard in self._near.candidates(profile.fingerprint, NEAR_MIN_JACCARD).items():
            if key != own:
                found[key] = max(found.get(key, 0.0), 10.0 + 10.0 * jaccard)
        if profile.pivot_words:
            pivot = fingerprint_words(sorted(profile.pivot_words), size=1)
            for key, jaccard in self._pivot.candidates(pivot, PIVOT_MIN_JACCARD).items():
                if key != own:
                    found[key] = max(found.get(key, 0.0), 5.0 + 10.0 * jaccard)
        by_keys = self._by_keys(profile)
        for key, score in heapq.nlargest(limit, by_keys.items(), key=lambda item: item[1]):
            found[key] = max(found.get(key, 0.0), score / 10.0)
        best = heapq.nlargest(limit, found.items(), key=lambda item: item[1])
        return dict(best)

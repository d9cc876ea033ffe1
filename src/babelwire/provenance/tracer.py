"""The tracer: index articles, compare each with its candidates, keep the best original.

    tracer = Tracer(TraceOptions())
    tracer.add(docs)                    # any number of times (incremental)
    result = tracer.trace(new_keys)     # links for the new articles
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping

from ..dedupe import Fingerprint
from .candidates import CandidateIndex
from .compare import PairVerdict, compare_by_meaning, compare_cheaply
from .direction import lag_seconds, orient
from .profile import Profile, encode_profiles
from .records import DERIVED_RELATIONS, Link, TraceDoc, TraceOptions

log = logging.getLogger(__name__)

CREDIT_BONUS = 0.2     # a credited candidate beats an uncredited one of similar strength
TIE_MARGIN = 0.05      # within this, the earliest candidate original wins
MAX_FRAGMENTS = 3
MAX_WARM = 5000        # articles whose sentences and vectors stay in memory
ENCODER_BATCH_PAIRS = 500  # pairs waiting for the encoder before one batched call
ENCODER_PAIRS_PER_ARTICLE = 4  # best candidates of one article checked with the encoder
WORD_RE = re.compile(r"\w+")


@dataclass
class TraceResult:
    links: list[Link] = field(default_factory=list)          # every related pair, oriented
    derived_from: dict[str, Link | None] = field(default_factory=dict)  # per traced article


class Tracer:
    def __init__(self, options: TraceOptions | None = None) -> None:
        self.options = options or TraceOptions()
        self.index = CandidateIndex()
        self._verdicts: dict[tuple[str, str], PairVerdict] = {}
        self._warm: OrderedDict[str, Profile] = OrderedDict()
        self._no_encoder = replace(self.options, use_encoder=False)

    def add(self, docs: Iterable[TraceDoc],
            known: Mapping[str, tuple[Fingerprint, dict[str, str]]] | None = None) -> list[str]:
        """Index articles (``known``: fingerprints and keys saved earlier, not recomputed)."""
        keys = []
        for doc in docs:
            if doc.key in self.index:
                continue
            profile = Profile(doc, self.options.encoder_threads)
            if known and doc.key in known:
                profile.__dict__["fingerprint"], profile.__dict__["keys"] = known[doc.key]
            self.index.add(profile)
            profile.release()
            keys.append(doc.key)
        return keys

    def _touch(self, *profiles: Profile) -> None:
        """Keep the heavy features of the MAX_WARM most recently compared articles only."""
        for profile in profiles:
            self._warm.pop(profile.doc.key, None)
            self._warm[profile.doc.key] = profile
        while len(self._warm) > MAX_WARM:
            _, oldest = self._warm.popitem(last=False)
            oldest.release()

    def profile(self, key: str) -> Profile:
        return self.index.profiles[key]

    def _within_window(self, a: Profile, b: Profile) -> bool:
        window = self.options.window_seconds
        if window is None or a.doc.time is None or b.doc.time is None:
            return True
        return abs(a.doc.time - b.doc.time) <= window

    def _compare_candidates(self, key: str, pending: dict) -> list[tuple[str, str]]:
        """Compare ``key`` with its candidates; pairs needing the encoder go to ``pending``."""
        profile = self.profile(key)
        pairs = []
        encoder_budget = ENCODER_PAIRS_PER_ARTICLE
        for other_key in self.index.candidates(profile, self.options.max_candidates):
            pair = (key, other_key) if key < other_key else (other_key, key)
            pairs.append(pair)
            if pair in self._verdicts or pair in pending:
                continue
            first, second = self.profile(pair[0]), self.profile(pair[1])
            if not self._within_window(first, second):
                continue
            shared = {k: v for k, v in first.keys.items() if k in second.keys}
            overlap = self._key_overlap(first, second, shared)
            options = self.options if encoder_budget > 0 else self._no_encoder
            verdict = compare_cheaply(first, second, shared, overlap, options)
            self._touch(first, second)
            if verdict is None:
                pending[pair] = (shared, overlap)
                encoder_budget -= 1
            else:
                self._verdicts[pair] = verdict
        return pairs

    def _compare_pending(self, pending: dict) -> None:
        """The encoder's pairs: every article involved encoded in one batch, then aligned."""
        profiles = {key: self.profile(key) for pair in pending for key in pair}
        encode_profiles(list(profiles.values()), self.options.encoder_threads)
        for (first, second), (shared, overlap) in pending.items():
            self._verdicts[(first, second)] = compare_by_meaning(
                profiles[first], profiles[second], shared, overlap)
        for profile in profiles.values():
            self._touch(profile)
        pending.clear()

    def _key_overlap(self, a: Profile, b: Profile, shared: dict[str, str]) -> float:
        """Weighted overlap of evidence keys: idf of the shared ones over the smaller total."""
        idf = self.index.idf
        weight = sum(idf(k) for k in shared if k[0] != "d")
        total = min(sum(idf(k) for k in a.keys if k[0] != "d"),
                    sum(idf(k) for k in b.keys if k[0] != "d"))
        return weight / total if total else 0.0

    def trace(self, keys: Iterable[str]) -> TraceResult:
        """Links of the given articles with every indexed article they relate to."""
        keys = list(keys)
        pairs: dict[tuple[str, str], None] = {}
        pending: dict[tuple[str, str], tuple[dict[str, str], float]] = {}
        for key in keys:
            pairs.update(dict.fromkeys(self._compare_candidates(key, pending)))
            if len(pending) >= ENCODER_BATCH_PAIRS:
                self._compare_pending(pending)
        self._compare_pending(pending)
        links = [link for pair in pairs if (link := self._link(pair)) is not None]
        result = TraceResult(links=links)
        by_article: dict[str, list[Link]] = {}
        for link in links:  # grouped once: scanning every link per key is quadratic
            by_article.setdefault(link.article, []).append(link)
        candidates = {key: self._close_originals(by_article.get(key, [])) for key in keys}
        for key in keys:
            result.derived_from[key] = _root_of_copies(key, candidates)
        return result

    def _link(self, pair: tuple[str, str]) -> Link | None:
        verdict = self._verdicts.get(pair)
        if verdict is None or verdict.relation is None:
            return None
        a, b = self.profile(pair[0]), self.profile(pair[1])
        cross = a.doc.lang != b.doc.lang
        way = orient(a, b, cross)
        derived, original = way.derived, way.original
        evidence = verdict.evidence(a, b)
        if derived is not a:  # aligned pairs read (derived sentence, original sentence)
            evidence["aligned_sentences"] = [[y, x, s] for x, y, s
                                             in evidence.get("aligned_sentences", [])]
        lag = lag_seconds(derived, original)
        evidence.update({"lag_seconds": lag, "direction": way.reason, "credited": way.credited,
                         "original_site": original.doc.site})
        if derived.doc.disclaimers:
            evidence["disclaimers"] = list(derived.doc.disclaimers)
        if cross and verdict.relation in DERIVED_RELATIONS:
            evidence["untranslated_fragments"] = untranslated_fragments(derived, original)
        return Link(article=derived.doc.key, derived_from=original.doc.key,
                    relation=verdict.relation, confidence=verdict.confidence,
                    lag_seconds=lag, evidence=evidence)

    def _close_originals(self, links: list[Link]) -> list[Link]:
        """The strongest candidate originals of one article's ``links`` (within TIE_MARGIN),
        earliest first."""
        mine = [l for l in links if l.relation in DERIVED_RELATIONS]
        if not mine:
            return []

        def strength(link: Link) -> float:
            return link.confidence + CREDIT_BONUS * bool(link.evidence.get("credited"))

        top = max(strength(l) for l in mine)
        close = [l for l in mine if strength(l) >= top - TIE_MARGIN]
        return sorted(close, key=lambda l: self.profile(l.derived_from).doc.sort_key())


def _root_of_copies(key: str, candidates: dict[str, list[Link]]) -> Link | None:
    """The earliest close candidate; but when that one is itself derived from another close
    candidate (a copy of the original, say), the article goes back to that original."""
    close = candidates.get(key, [])
    if not close:
        return None
    chosen = close[0]
    by_origin = {link.derived_from: link for link in close}
    for _ in range(len(close)):
        upstream = candidates.get(chosen.derived_from, [])
        parent = next((l.derived_from for l in upstream if l.derived_from in by_origin), None)
        if parent is None or parent == key:
            break
        chosen = by_origin[parent]
    return chosen


def untranslated_fragments(derived: Profile, original: Profile) -> list[str]:
    """Runs of three lower-case words (no names, no figures) found verbatim in both languages."""
    def runs(text: str) -> set[str]:
        words = WORD_RE.findall(text)
        return {" ".join(words[i:i + 3]) for i in range(len(words) - 2)
                if all(w.isalpha() and w.islower() for w in words[i:i + 3])
                and sum(len(w) >= 4 for w in words[i:i + 3]) >= 2}

    common = runs(derived.doc.text) & runs(original.doc.text)
    return sorted(common)[:MAX_FRAGMENTS]

"""The tracer: index articles, compare each with its candidates, keep the best original.

    tracer = Tracer(TraceOptions())
    tracer.add(docs)                    # any number of times (incremental)
    result = tracer.trace(new_keys)     # links for the new articles
"""

from __future__ import annotations

import logging
import re
import time
from collections import OrderedDict, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator, Mapping

import numpy as np

from ..dedupe import Fingerprint
from .candidates import CandidateIndex
from . import parallel
from .compare import (PairContext, PairVerdict, compact, compare_by_meaning, compare_cheaply,
                      could_align)
from .direction import lag_seconds, lags, orient
from .encoder import use_runtime
from .profile import Profile, encode_prefixes, encode_profiles, prefix_vectors
from .records import DERIVED_RELATIONS, Link, TraceDoc, TraceOptions
from .roots import chain_of, cut_cycles, to_root
from .semantic import SemanticIndex, lead_of
from .bridge import Bridge, render_groups
from .vector_cache import VectorCache

log = logging.getLogger(__name__)

CREDIT_BONUS = 0.2     # a credited candidate beats an uncredited one of similar strength
TIE_MARGIN = 0.05      # within this, the earliest candidate original wins
MAX_FRAGMENTS = 3
MAX_WARM = 15000       # articles whose sentences and vectors stay in memory
ENCODER_BATCH_PAIRS = 500  # pairs waiting for the encoder before one batched call
ENCODER_PAIRS_PER_ARTICLE = 4  # best candidates of one article checked with the encoder
WORD_RE = re.compile(r"\w+")


@dataclass
class TraceResult:
    links: list[Link] = field(default_factory=list)          # every related pair, oriented
    derived_from: dict[str, Link | None] = field(default_factory=dict)  # per traced article


class Tracer:
    def __init__(self, options: TraceOptions | None = None, bridge: Bridge | None = None) -> None:
        self.options = options or TraceOptions()
        self.bridge = bridge if self.options.use_encoder else None  # bridge.py
        if self.options.use_encoder:
            use_runtime(self.options.encoder_runtime)
        parallel.worker_count(self.options.workers)  # a wrong setting fails before any work
        self.index = CandidateIndex()
        self._verdicts: dict[tuple[str, str], PairVerdict] = {}
        self._warm: OrderedDict[str, Profile] = OrderedDict()
        self._no_encoder = replace(self.options, use_encoder=False)
        self.semantic = SemanticIndex(self.options.encoder_threads, self.options.window_seconds)
        self._vectors = VectorCache()
        self._near: Mapping[str, Mapping[str, float]] = {}   # neighbours by meaning, in trace()
        self.parallel_min = parallel.PARALLEL_MIN  # fewer articles than this: no workers
        self.timings: dict[str, float] = defaultdict(float)  # seconds per step, for benches
        self._weights: dict[str, float] = {}   # _key_weight per article, until the next add

    @contextmanager
    def clock(self, step: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[step] += time.perf_counter() - start

    def add(self, docs: Iterable[TraceDoc],
            known: Mapping[str, tuple[Fingerprint, dict[str, str]]] | None = None,
            leads: Mapping[str, np.ndarray] | None = None) -> list[str]:
        """Index articles (``known``: fingerprints and keys saved earlier, not recomputed;
        ``leads``: title-and-lead vectors saved earlier, not encoded again)."""
        fresh: dict[str, TraceDoc] = {}
        for doc in docs:   # the first of two articles with one key, as before
            if doc.key not in self.index and doc.key not in fresh:
                fresh[doc.key] = doc
        with self.clock("features and index"):
            return self._add(list(fresh.values()), known, leads)

    def _add(self, fresh: list[TraceDoc], known, leads) -> list[str]:
        if fresh:
            self._weights.clear()
        todo = [doc for doc in fresh if not (known and doc.key in known)]
        computed = {}
        if parallel.use_workers(self, len(todo)):
            try:
                features = [row for chunk in parallel.run(self, parallel.features_task, todo)
                            for row in chunk]
                computed = {doc.key: row for doc, row in zip(todo, features)}
            except parallel.WorkersLost as exc:  # computed here instead, as they are needed
                log.warning("%s; indexing goes on in this process", exc)
        keys = []
        bridged_leads = self._bridged_leads(fresh, leads)
        for doc in fresh:
            profile = Profile(doc, self.options.encoder_threads)
            profile.bridge_lang = self.bridge.target(doc.lang) if self.bridge else None
            if known and doc.key in known:
                profile.__dict__["fingerprint"], profile.__dict__["keys"] = known[doc.key]
            elif doc.key in computed:
                (profile.__dict__["keys"], profile.__dict__["fingerprint"],
                 profile.__dict__["pivot_words"]) = computed[doc.key]
            self.index.add(profile)
            if self.options.use_encoder and profile.encoder_reads:
                if leads and doc.key in leads:
                    self.semantic.add_vector(doc.key, leads[doc.key], doc.time)
                elif profile.bridge_lang is None:
                    self.semantic.add(doc.key, lead_of(doc.title, doc.text), doc.time)
                elif doc.key in bridged_leads:
                    self.semantic.add(doc.key, bridged_leads[doc.key], doc.time)
            profile.release()
            keys.append(doc.key)
        return keys

    def _bridged_leads(self, fresh: list[TraceDoc], leads) -> dict[str, str]:
        """The leads of articles the encoder reads through a rendering, rendered (one call
        per language; none for those whose lead vector was saved earlier)."""
        if self.bridge is None:
            return {}
        todo = [doc for doc in fresh if not (leads and doc.key in leads)
                and self.bridge.target(doc.lang) is not None]
        rendered = render_groups(self.bridge, ((d.lang, [lead_of(d.title, d.text)]) for d in todo))
        return {doc.key: texts[0] for doc, texts in zip(todo, rendered) if texts}

    def _render(self, profiles: Iterable[Profile]) -> None:
        """Sentences of the articles read through a rendering, rendered once each."""
        todo = [p for p in profiles if p.bridge_lang is not None and p.bridge_sentences is None]
        if self.bridge is None or not todo:
            return
        rendered = render_groups(self.bridge, ((p.doc.lang, p.sentences) for p in todo))
        for profile, sentences in zip(todo, rendered):
            if sentences is None:   # no rendering: read by spelling from now on
                profile.bridge_lang = None
            else:
                profile.bridge_sentences = sentences

    def _touch(self, *profiles: Profile) -> None:
        """Keep the heavy features of the MAX_WARM most recently compared articles only."""
        for profile in profiles:
            self._warm.pop(profile.doc.key, None)
            self._warm[profile.doc.key] = profile
        while len(self._warm) > MAX_WARM:
            key, oldest = self._warm.popitem(last=False)
            if oldest.encoded:
                self._vectors.put(key, oldest.embeddings, oldest.pivot_embeddings)
            oldest.release()

    def profile(self, key: str) -> Profile:
        return self.index.profiles[key]

    def _within_window(self, a: Profile, b: Profile) -> bool:
        window = self.options.window_seconds
        if window is None or a.doc.time is None or b.doc.time is None:
            return True
        return abs(a.doc.time - b.doc.time) <= window

    def _found(self, key: str, near: Mapping[str, float]) -> list[str]:
        """The candidates of ``key``: by spellings (best first), then by meaning."""
        found = self.index.candidates(self.profile(key), self.options.max_candidates)
        found.update({k: 0.0 for k in near if k not in found})
        found.pop(key, None)
        return list(found)

    def _evaluate(self, key: str, others: list[str]
                  ) -> tuple[list[tuple[tuple[str, str], PairVerdict]],
                             list[tuple[tuple[str, str], PairContext]]]:
        """Compare ``key`` with ``others`` by words: the verdicts settled, and the pairs
        needing the encoder (the ENCODER_PAIRS_PER_ARTICLE closest in meaning; the others
        are settled by words)."""
        settled, needing = [], []
        for other_key in others:
            pair = (key, other_key) if key < other_key else (other_key, key)
            first, second = self.profile(pair[0]), self.profile(pair[1])
            if not self._within_window(first, second):
                continue
            context = self._context(first, second, self._near.get(key, {}).get(other_key))
            verdict = compare_cheaply(first, second, context, self.options)
            self._touch(first, second)
            if verdict is None:
                needing.append((-(context.doc_similarity or 0.0), pair, context))
            else:
                settled.append((pair, compact(verdict)))
        needing.sort(key=lambda item: item[0])
        encoder = [(pair, context) for _, pair, context in needing[:ENCODER_PAIRS_PER_ARTICLE]]
        for _, pair, context in needing[ENCODER_PAIRS_PER_ARTICLE:]:
            verdict = compare_cheaply(self.profile(pair[0]), self.profile(pair[1]), context,
                                      self._no_encoder)
            settled.append((pair, compact(verdict)))
        return settled, encoder

    def _in_workers(self, keys: list[str]) -> tuple[dict, list] | None:
        """Every pair listed, and _evaluate's results for each key, from worker processes;
        None when a worker died (the caller goes on in this process)."""
        try:
            with self.clock("candidates (workers)"):
                found = [others for chunk in parallel.run(
                    self, parallel.candidates_task, keys, near=self._near) for others in chunk]
                pairs, work = parallel.owners(keys, found, self._verdicts.__contains__)
            # all of them before the encoder runs: the encoder's threads and the workers
            # slow each other down more than they overlap (10,000 articles: 46 s of
            # encoder time instead of 26 s)
            with self.clock("comparing by words (workers)"):
                results = [row for chunk in parallel.run(self, parallel.evaluate_task, work)
                           for row in chunk]
        except parallel.WorkersLost as exc:
            log.warning("%s; tracing goes on in this process", exc)
            return None
        return pairs, results

    def _serially(self, keys: list[str], pairs: dict[tuple[str, str], None]) -> Iterator[tuple]:
        """_evaluate for each key in turn, on the pairs not compared yet (``pairs`` fills
        with every pair listed, in order)."""
        for key in keys:
            others = []
            for other in self._found(key, self._near.get(key, {})):
                pair = (key, other) if key < other else (other, key)
                if pair not in pairs:
                    pairs[pair] = None
                    if pair not in self._verdicts:
                        others.append(other)
            yield self._evaluate(key, others)

    def _context(self, a: Profile, b: Profile, similarity: float | None) -> PairContext:
        shared = {k: v for k, v in a.keys.items() if k in b.keys}
        if similarity is None and self.options.use_encoder:
            similarity = self.semantic.similarity(a.doc.key, b.doc.key)
        return PairContext(shared, self._key_overlap(a, b, shared), similarity)

    def _compare_pending(self, pending: dict) -> None:
        """The encoder's pairs: the first sentences of every article involved encoded in
        one batch; the pairs whose first sentences hold no match are settled by words, the
        others aligned on all their sentences (encoded in a second batch)."""
        with self.clock("pairs aligned by the encoder"):
            self._encode_and_compare(pending)

    def _encode_and_compare(self, pending: dict) -> None:
        profiles = {key: self.profile(key) for pair in pending for key in pair}
        self._render(profiles.values())
        for pair in [p for p in pending if not all(profiles[k].encoder_reads for k in p)]:
            context = pending.pop(pair)   # no rendering after all: settled by spelling
            self._verdicts[pair] = compact(compare_cheaply(
                profiles[pair[0]], profiles[pair[1]], context, self._no_encoder))
        for key, profile in profiles.items():
            if not profile.encoded and (saved := self._vectors.take(key)) is not None:
                profile.__dict__["embeddings"], profile.__dict__["pivot_embeddings"] = saved
        encode_prefixes(list(profiles.values()), self.options.encoder_threads)
        aligning = {}
        for (first, second), context in pending.items():
            a, b = profiles[first], profiles[second]
            if could_align(prefix_vectors(a), prefix_vectors(b), context.overlap):
                aligning[(first, second)] = context
            else:
                self._verdicts[(first, second)] = compact(
                    compare_cheaply(a, b, context, self._no_encoder))
        needed = dict.fromkeys(key for pair in aligning for key in pair)
        encode_profiles([profiles[key] for key in needed], self.options.encoder_threads)
        for (first, second), context in aligning.items():
            self._verdicts[(first, second)] = compact(compare_by_meaning(
                profiles[first], profiles[second], context))
        for profile in profiles.values():
            self._touch(profile)
        pending.clear()

    def _key_overlap(self, a: Profile, b: Profile, shared: dict[str, str]) -> float:
        """Weighted overlap of evidence keys: idf of the shared ones over the smaller total."""
        weight = sum(self.index.idf(k) for k in shared if k[0] != "d")
        total = min(self._key_weight(a), self._key_weight(b))
        return weight / total if total else 0.0

    def _key_weight(self, profile: Profile) -> float:
        """The idf of all of an article's keys but dates (kept until articles are added:
        adding changes every idf)."""
        key = profile.doc.key
        if key not in self._weights:
            idf = self.index.idf
            self._weights[key] = sum(idf(k) for k in profile.keys if k[0] != "d")
        return self._weights[key]

    def trace(self, keys: Iterable[str],
              known_parents: Mapping[str, Link] | None = None) -> TraceResult:
        """Links of the given articles with every indexed article they relate to; each
        article's original is the root of its chain (``known_parents``: links saved
        earlier for articles not traced now)."""
        keys = list(keys)
        with self.clock("neighbours by meaning (leads encoded)"):
            self._near = (self.semantic.neighbours(keys, self.options.neighbours)
                          if self.options.use_encoder else {})
        pending: dict[tuple[str, str], PairContext] = {}
        found = self._in_workers(keys) if parallel.use_workers(self, len(keys)) else None
        if found is not None:
            pairs, results = found
        else:
            pairs = {}
            results = self._serially(keys, pairs)
        for settled, encoder in results:
            self._verdicts.update(settled)
            pending.update(encoder)
            if len(pending) >= ENCODER_BATCH_PAIRS:
                self._compare_pending(pending)
        self._compare_pending(pending)
        self._near = {}
        with self.clock("links and originals"):
            return self._result(keys, pairs, known_parents)

    def _result(self, keys: list[str], pairs: Iterable[tuple[str, str]],
                known_parents: Mapping[str, Link] | None) -> TraceResult:
        links = [link for pair in pairs if (link := self._link(pair)) is not None]
        by_article: dict[str, list[Link]] = {}
        for link in links:  # grouped once: scanning every link per key is quadratic
            by_article.setdefault(link.article, []).append(link)
        parent = dict(known_parents or {})
        for key in keys:
            close = self._close_originals(by_article.get(key, []))
            parent.pop(key, None)
            if close:
                parent[key] = close[0]
        parent = cut_cycles(parent, lambda k: self.profile(k).doc.sort_key()
                            if k in self.index else (True, 0.0, 0))
        result = TraceResult(links=links)
        chains = {key: chain_of(key, parent) for key in keys}
        self._compare_with_roots(chains)
        for key in keys:
            result.derived_from[key] = self._rooted(key, chains[key])
        return result

    def _compare_with_roots(self, chains: dict[str, list[Link]]) -> None:
        """Compare each article reached through a sibling with its root, in batches."""
        pending: dict[tuple[str, str], PairContext] = {}
        for key, hops in chains.items():
            root = hops[-1].derived_from if len(hops) > 1 else None
            if root is None or root not in self.index:
                continue
            pair = (key, root) if key < root else (root, key)
            if pair in self._verdicts or pair in pending:
                continue
            a, b = self.profile(pair[0]), self.profile(pair[1])
            context = self._context(a, b, None)
            verdict = compare_cheaply(a, b, context, self.options)
            if verdict is not None:
                self._verdicts[pair] = compact(verdict)
            else:
                pending[pair] = context
            if len(pending) >= ENCODER_BATCH_PAIRS:
                self._compare_pending(pending)
        self._compare_pending(pending)

    def _rooted(self, key: str, hops: list[Link]) -> Link | None:
        """The link of ``key`` to the root of its chain (compared directly when possible)."""
        if len(hops) <= 1:
            return hops[0] if hops else None
        root = hops[-1].derived_from
        if root not in self.index:
            return to_root(key, hops, None, None)
        pair = (key, root) if key < root else (root, key)
        direct = self._link(pair) if pair in self._verdicts else None
        if direct is not None and direct.relation not in DERIVED_RELATIONS:
            direct = None
        return to_root(key, hops, direct, lag_seconds(self.profile(key), self.profile(root)))

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
        if derived is not a:
            evidence["name_spellings"] = [[y, x] for x, y in evidence.get("name_spellings", [])]
            evidence["shared_names"] = [x if x == y else f"{x} / {y}"
                                        for x, y in evidence["name_spellings"]]
        relation = verdict.relation_for(len(derived.sentences))
        lag = lag_seconds(derived, original)
        evidence.update({"lag_seconds": lag, **lags(derived, original), "direction": way.reason,
                         "credited": way.credited, "original_site": original.doc.site})
        if derived.doc.disclaimers:
            evidence["disclaimers"] = list(derived.doc.disclaimers)
        if cross and relation in DERIVED_RELATIONS:
            evidence["untranslated_fragments"] = untranslated_fragments(derived, original)
        return Link(article=derived.doc.key, derived_from=original.doc.key,
                    relation=relation, confidence=verdict.confidence,
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


def untranslated_fragments(derived: Profile, original: Profile) -> list[str]:
    """Runs of three lower-case words (no names, no figures) found verbatim in both languages."""
    def runs(text: str) -> set[str]:
        words = WORD_RE.findall(text)
        return {" ".join(words[i:i + 3]) for i in range(len(words) - 2)
                if all(w.isalpha() and w.islower() for w in words[i:i + 3])
                and sum(len(w) >= 4 for w in words[i:i + 3]) >= 2}

    common = runs(derived.doc.text) & runs(original.doc.text)
    return sorted(common)[:MAX_FRAGMENTS]

"""Compare two articles: align their sentences and name the relation between them.

Same language: sentences are first matched by their words (cheap): nearly
the same words, sentence after sentence, is a copy; the encoder is used only
when the words alone do not settle it, and a match by meaning is a paraphrase. Across languages:
the multilingual encoder over the original sentences and, when both have one,
over their pivot renderings. The better of the alignments decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .align import lexical_similarity, monotonic_alignment
from .profile import Profile
from .records import TraceOptions
from .semantic import GATE_MIN
from .spelling import spelling_similarity

LEXICAL_THRESHOLD = 0.5     # word-set Jaccard for two sentences to align by their words
SEMANTIC_THRESHOLD = 0.55   # encoder cosine for two sentences to align by meaning
DERIVED_COVERAGE = 0.5      # share of the shorter article's sentences aligned: derived
MIN_ALIGNED = 3             # ... and at least this many sentences (or all, when fewer)
DERIVED_MEAN = 0.62         # ... with this mean similarity of the aligned pairs (encoder)
FULL_COVERAGE = 0.5         # translation/copy: this share of the DERIVED text aligned, in order
# Languages the encoder does not know are aligned by spelling (spelling.py), a weaker
# signal: on FLORES en/fr documents of 6 sentences pretended unknown, at this threshold
# 70% of translations aligned 3 sentences or more, while no neighbouring document of the
# same article (0/83) nor a random one (0/83) aligned more than 1:
SPELLING_THRESHOLD = 0.2
SPELLING_COVERAGE = 0.34    # share of the shorter article aligned by spelling: derived
SPELLING_MIN_ALIGNED = 3
# Calibrated on FLORES-200 devtest (real en/fr/es): a sentence and its professional
# translation score 0.67 or more for 95% of sentences (median 0.80), while the best other
# sentence of the same article scores 0.56 or less for 99%; aligned in order, a translated
# document's mean similarity is about 0.78, a same-topic document's pairs (when any) 0.58.
COPY_COVERAGE = 0.6         # same language: share aligned by words alone for a copy
COPY_MEAN = 0.9             # ... with this mean word overlap (a copy keeps the words)
SAME_EVENT_MIN_KEYS = 3     # shared names and numbers (one of each at least) for same_event
SAME_EVENT_OVERLAP = 0.35   # ... and their weighted share of the smaller article's keys
# The encoder runs on a pair only when cheaper evidence says it could be derived:
ENCODER_GATE_KEYS = 0.2         # this weighted share of names and numbers shared, and
ENCODER_GATE_SENTENCE = 0.45    # (same language) one sentence pair sharing this share of words
ENCODER_GATE_WORDS = 0.35       # ... or the articles sharing this share of their words;
ENCODER_GATE_PIVOT_WORDS = 0.3  # ... or this share of the pivot renderings' words
# Two languages, both leads encoded: below this title-and-lead cosine, names and numbers
# shared are another report of the event, not a version of the text. On FLORES-200
# devtest an article and its translation score 0.63 or more for 99% (semantic.py); the
# generated relays of bench/provenance.py 0.52 or more; same-event pairs median 0.29.
LEAD_FLOOR = 0.40
# ... unless they share this much of their names and numbers (weighted) and this many of
# them: a rewrite under a new headline and lead (a wire story that adds background) keeps
# the source's names and numbers, and the alignment then says whether it is a version.
# On FLORES rewrites (real_pools.rewrites: a translation interleaved with 2 to 4 times as
# much background, under another headline) the floor alone let 1 to 4 of 30 through;
# with this, 26 or 27 of 30, with at most 1 of 90 articles wrongly linked.
LEAD_FLOOR_KEYS = 0.35
LEAD_FLOOR_MIN_KEYS = 4
PREFIX_MIN = 0.50   # below the alignment's own threshold (SEMANTIC_THRESHOLD), for a margin
PREFIX_ALIGNED = 2  # first sentences aligned in order for a pair to be aligned in full ...
PREFIX_STRONG = 0.75  # ... or one, this close (or with the names and numbers of a version)
MAX_PAIRS_SHOWN = 5


@dataclass(frozen=True)
class Alignment:
    method: str                       # lexical | encoder | pivot
    pairs: tuple[tuple[int, int, float], ...]
    coverage: float
    mean: float


@dataclass(frozen=True)
class PairVerdict:
    relation: str | None              # translation | copy | paraphrase | same_event | None
    confidence: float
    alignment: Alignment | None
    shared: dict[str, str] = field(default_factory=dict)
    overlap: float = 0.0
    doc_similarity: float | None = None

    def relation_for(self, derived_sentences: int) -> str | None:
        """The relation once the derived side is known: translation and copy need most of
        the derived text aligned in order; a longer rewrite is a paraphrase."""
        if self.relation in (None, "same_event", "copy") or self.alignment is None:
            return self.relation
        full = SPELLING_COVERAGE if self.alignment.method == "spelling" else FULL_COVERAGE
        if len(self.alignment.pairs) / max(1, derived_sentences) >= full:
            return self.relation
        return "paraphrase"

    def evidence(self, a: Profile, b: Profile) -> dict:
        spellings = sorted({(v, b.keys.get(k, v)) for k, v in self.shared.items() if k[0] == "p"})
        found: dict = {"shared_names": [x if x == y else f"{x} / {y}" for x, y in spellings],
                       "name_spellings": [list(pair) for pair in spellings],
                       "shared_numbers": sorted({v for k, v in self.shared.items()
                                                 if k[0] in "nd"}),
                       "shared_other": sorted({v for k, v in self.shared.items()
                                               if k[0] in "qui"}),
                       "key_overlap": round(self.overlap, 3)}
        if self.doc_similarity is not None:
            found["lead_similarity"] = round(self.doc_similarity, 3)
        read_through = [f"{p.doc.lang}→{p.bridge_lang}" for p in (a, b) if p.bridge_lang]
        if read_through:  # the encoder read a machine rendering of this side (bridge.py)
            found["encoder_read_through"] = read_through
        if self.alignment is not None:
            found["alignment"] = {"method": self.alignment.method,
                                  "aligned": len(self.alignment.pairs),
                                  "coverage": round(self.alignment.coverage, 3),
                                  "mean_similarity": round(self.alignment.mean, 3)}
            found["aligned_sentences"] = [
                [a.sentences[i], b.sentences[j], round(s, 3)] if self.alignment.method != "pivot"
                else [a.pivot_sentences[i], b.pivot_sentences[j], round(s, 3)]
                for i, j, s in self.alignment.pairs[:MAX_PAIRS_SHOWN]]
        return found


NO_RELATION = PairVerdict(None, 0.0, None)


def compact(verdict: PairVerdict) -> PairVerdict:
    """The verdict as the tracer keeps it: a pair found unrelated is only remembered as
    compared (its evidence is never shown), which saves memory and the workers' pickling."""
    return verdict if verdict.relation is not None else NO_RELATION


def _align(similarity: np.ndarray, threshold: float, method: str) -> Alignment:
    pairs = monotonic_alignment(similarity, threshold)
    shorter = min(similarity.shape) or 1
    scored = tuple((i, j, float(similarity[i, j])) for i, j in pairs)
    mean = float(np.mean([s for _, _, s in scored])) if scored else 0.0
    return Alignment(method, scored, len(pairs) / shorter, mean)


def _is_derived(alignment: Alignment | None, shorter: int) -> bool:
    if alignment is None:
        return False
    if alignment.method == "spelling":
        return (alignment.coverage >= SPELLING_COVERAGE
                and len(alignment.pairs) >= min(SPELLING_MIN_ALIGNED, shorter))
    if alignment.method != "lexical" and alignment.mean < DERIVED_MEAN:
        return False
    return (alignment.coverage >= DERIVED_COVERAGE
            and len(alignment.pairs) >= min(MIN_ALIGNED, shorter))


def _semantic(a: Profile, b: Profile, lexical: np.ndarray | None) -> Alignment:
    similarity = a.embeddings @ b.embeddings.T
    if lexical is not None:
        similarity = np.maximum(similarity, lexical)
    best = _align(similarity, SEMANTIC_THRESHOLD, "encoder")
    if a.pivot_sentences and b.pivot_sentences and a.doc.lang != b.doc.lang:
        pivot = _align(a.pivot_embeddings @ b.pivot_embeddings.T, SEMANTIC_THRESHOLD, "pivot")
        if pivot.coverage > best.coverage:
            best = pivot
    return best


@dataclass(frozen=True)
class PairContext:
    """What is known of a pair before its sentences are compared."""

    shared: dict[str, str]            # evidence keys of both -> surface form in the first
    overlap: float                    # weighted share of names and numbers shared
    doc_similarity: float | None = None  # cosine of the two title-and-lead vectors


def compare_cheaply(a: Profile, b: Profile, context: PairContext,
                    options: TraceOptions) -> PairVerdict | None:
    """The verdict when words and evidence settle it; None when the encoder is needed."""
    shared, overlap = context.shared, context.overlap
    if a.fingerprint.word_hash == b.fingerprint.word_hash:
        return PairVerdict("copy", 1.0, None, shared, overlap, context.doc_similarity)
    same_language = a.doc.lang == b.doc.lang
    lexical, by_words = None, None
    if same_language:
        lexical = lexical_similarity(a.sentence_words, b.sentence_words)
        by_words = _align(lexical, LEXICAL_THRESHOLD, "lexical")
        if by_words.coverage >= COPY_COVERAGE and by_words.mean >= COPY_MEAN:
            return PairVerdict("copy", _confidence(by_words), by_words, shared, overlap,
                               context.doc_similarity)
    shorter = min(len(a.sentences), len(b.sentences))
    bridged = a.bridge_lang is not None or b.bridge_lang is not None
    if not (a.encoder_reads and b.encoder_reads) or (bridged and not options.use_encoder):
        if same_language:  # the encoder's vectors would be noise: words alone decide
            return _classify(by_words, same_language, shorter, context)
        by_spelling = _align(spelling_similarity(a.sentences, b.sentences), SPELLING_THRESHOLD,
                             "spelling")
        return _classify(by_spelling, same_language, shorter, context)
    if options.use_encoder and _worth_encoding(a, b, lexical, context):
        return None
    return _classify(by_words, same_language, shorter, context)


def compare_by_meaning(a: Profile, b: Profile, context: PairContext) -> PairVerdict:
    """The verdict from the sentence encoder's alignment (words count too, same language)."""
    same_language = a.doc.lang == b.doc.lang
    lexical = lexical_similarity(a.sentence_words, b.sentence_words) if same_language else None
    shorter = min(len(a.sentences), len(b.sentences))
    alignment = _semantic(a, b, lexical)
    if (not same_language and (a.bridge_lang or b.bridge_lang)
            and not _is_derived(alignment, shorter)):  # a rough rendering: spelling may see more
        by_spelling = _align(spelling_similarity(a.sentences, b.sentences), SPELLING_THRESHOLD,
                             "spelling")
        if _is_derived(by_spelling, shorter):
            alignment = by_spelling
    return _classify(alignment, same_language, shorter, context)


def could_align(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray],
                overlap: float = 0.0) -> bool:
    """Do the first sentences of two texts (``prefix_vectors``) look like versions of one
    text? When they do not, the pair is settled by words (spelling, same event) without
    encoding the rest of its sentences.

    The first sentences of a version align: on FLORES-200 devtest every translation,
    relay, partial translation and sibling of the pools in real_pools.py has 2 or more of
    its first four sentences aligned in order (SEMANTIC_THRESHOLD), and a rewrite that
    puts background between the source's sentences has 1, at a cosine of 0.75 or more for
    20 of 25, and most of the source's names and numbers (``overlap``) for all of them. So
    a pair goes on with PREFIX_ALIGNED aligned pairs, or one strong pair (PREFIX_STRONG),
    or one pair and the names and numbers of a version (ENCODER_GATE_KEYS). On the
    generated pool of bench/provenance.py (articles written from shared sentence
    templates, so unrelated articles in two languages have sentences close in meaning)
    this sets aside 3 of 4 of the pairs the earlier test (any pair at PREFIX_MIN) let
    through, and no copy or translation among them."""
    for mine, theirs in zip(a, b):
        if not (mine.size and theirs.size):
            continue
        similarity = mine @ theirs.T
        best = float(similarity.max())
        if best < PREFIX_MIN:
            continue
        aligned = len(monotonic_alignment(similarity, SEMANTIC_THRESHOLD))
        if aligned >= min(PREFIX_ALIGNED, min(similarity.shape)) or (
                aligned and (best >= PREFIX_STRONG or overlap >= ENCODER_GATE_KEYS)):
            return True
    return False


def _worth_encoding(a: Profile, b: Profile, lexical: np.ndarray | None,
                    context: PairContext) -> bool:
    """Could this pair be derived? Cheap evidence first; it saves the encoder's time.

    A derived article keeps most names and numbers (weighted key overlap); in one
    language, a paraphrase also keeps some of the words: one sentence mostly the
    same, or a good share of the article's words. Across languages, the pivot
    renderings sharing a good share of their words is enough too; so are titles and
    leads close in meaning (GATE_MIN), whatever the spellings.
    """
    overlap, similarity = context.overlap, context.doc_similarity
    if lexical is None and similarity is not None:
        if similarity >= GATE_MIN:
            return True
        if similarity < LEAD_FLOOR and not (  # the leads say another text ...
                overlap >= LEAD_FLOOR_KEYS   # ... unless most names and numbers are shared
                and sum(k[0] != "d" for k in context.shared) >= LEAD_FLOOR_MIN_KEYS):
            return False
    if lexical is not None:
        if overlap < ENCODER_GATE_KEYS:
            return False
        if lexical.size and float(lexical.max()) >= ENCODER_GATE_SENTENCE:
            return True
        words_a, words_b = set(a.words), set(b.words)
        union = len(words_a | words_b)
        return bool(union) and len(words_a & words_b) / union >= ENCODER_GATE_WORDS
    if overlap >= ENCODER_GATE_KEYS:
        return True
    if a.pivot_words and b.pivot_words:
        union = len(a.pivot_words | b.pivot_words)
        return len(a.pivot_words & b.pivot_words) / union >= ENCODER_GATE_PIVOT_WORDS
    return False


def _classify(alignment: Alignment | None, same_language: bool, shorter: int,
              context: PairContext) -> PairVerdict:
    shared, overlap, similarity = context.shared, context.overlap, context.doc_similarity
    if alignment is not None and _is_derived(alignment, shorter):
        # across languages, text aligned over the derived side is a translation
        relation = "paraphrase" if same_language else "translation"
        return PairVerdict(relation, _confidence(alignment), alignment, shared, overlap,
                           similarity)
    names = [k for k in shared if k[0] == "p"]
    figures = [k for k in shared if k[0] in "nqui"]
    if (overlap >= SAME_EVENT_OVERLAP and len(names) + len(figures) >= SAME_EVENT_MIN_KEYS
            and names and figures):
        confidence = min(0.9, 0.2 + overlap)
        return PairVerdict("same_event", round(confidence, 3), alignment, shared, overlap,
                           similarity)
    return PairVerdict(None, 0.0, alignment, shared, overlap, similarity)


def _confidence(alignment: Alignment) -> float:
    value = 0.5 * min(1.0, alignment.coverage) + 0.5 * min(1.0, alignment.mean)
    return round(min(0.99, value), 3)

"""Translating whole texts: structure-safe, remembered, one engine batch per call.

``translate_texts`` splits every text into paragraphs and sentences, looks
each up in the translation memory when one is given, plans the missed
sentences (placeholders for what must not change, quoted spans on their own,
see ``structure``), sends every plan of every text to the engine in one
``translate_batch`` call, and puts the texts back together with exactly the
source's paragraph count. A sentence whose placeholders the engine lost is
translated again unprotected, in one more batch, so nothing is ever dropped.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from typing import Any

from babelwire.errors import NoEngineError
from babelwire.translate.base import BatchResult, Translator
from babelwire.translate.glossary import Glossary
from babelwire.translate.memory import STRUCTURE_VERSION, TranslationMemory, pack_flags, segment_key, unpack_flags
from babelwire.translate.pivot import find_route
from babelwire.translate.postedit import ENGINES, postedit
from babelwire.translate.protect import name_candidates
from babelwire.translate.quality import quality_class
from babelwire.translate.structure import PARAGRAPH_JOIN, Plan, is_placeholder, plan_sentence, restore, split_paragraphs, split_sentences
from babelwire.translate.typography import localise_quotes

log = logging.getLogger(__name__)

__all__ = ["PARAGRAPH_JOIN", "TextsResult", "TranslateOptions", "available_pairs", "can_translate",
           "split_paragraphs", "translate_texts"]


@dataclass(frozen=True)
class TranslateOptions:
    """How ``translate_texts`` works; the defaults are the structure-safe path."""

    structure: bool = True  # sentences, placeholders and quoted spans; False: paragraphs as they are
    names: bool = True  # protect detected proper nouns
    glossary: Glossary | None = None
    memory: TranslationMemory | None = None


@dataclass(frozen=True)
class TextsResult(BatchResult):
    """A ``BatchResult`` with the record of how the texts were translated."""

    paragraph_unknown: tuple[tuple[bool, ...], ...] = ()  # per text, per paragraph
    sentences: int = 0
    sent_to_engine: int = 0  # segments the engine received (quoted spans count on their own)
    memory_hits: int = 0  # sentences
    memory_misses: int = 0
    seconds: float = 0.0

    def record(self) -> dict[str, Any]:
        """A JSON-ready record: engine, version, pivot, time, unknown-word flags, memory use."""
        return {"engine": self.engine, "engine_version": self.engine_version, "pivot": self.pivot,
                "seconds": round(self.seconds, 4), "sentences": self.sentences,
                "sent_to_engine": self.sent_to_engine,
                "memory": {"hits": self.memory_hits, "misses": self.memory_misses},
                "unknown": [list(flags) for flags in self.paragraph_unknown],
                "unknown_words": {"count": sum(len(words) for words in self.unknown_words),
                                  "words": list(dict.fromkeys(w for words in self.unknown_words for w in words))},
                "quality": quality_class(self.engine),
                "warnings": list(self.warnings)}


@dataclass
class _Work:
    """The paragraphs of one call and what is known about them so far."""

    source: str
    target: str
    options: TranslateOptions
    identity: str = ""
    paragraphs: list[str] = field(default_factory=list)
    done: dict[int, tuple[str, bool]] = field(default_factory=dict)  # paragraph index -> (text, unknown)
    sentences: int = 0
    hits: int = 0
    engine: BatchResult | None = None
    sent: int = 0
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # sentence -> unknown words
    paragraph_words: dict[int, tuple[str, ...]] = field(default_factory=dict)
    new_rows: list[tuple[bytes, str, int]] = field(default_factory=list)


def translate_texts(translator: Translator, texts: list[str], source: str, target: str,
                    options: TranslateOptions | None = None) -> TextsResult:
    """Translate texts, keeping each one's paragraph count; ``segments[i]`` is text ``i``.

    ``unknown[i]`` is true when any paragraph of text ``i`` had unknown words.
    Paragraphs come back joined by one blank line.
    """
    started = time.perf_counter()
    options = options or TranslateOptions()
    if source == target:  # nothing to localise: the text as it is
        options = replace(options, structure=False)
    split = [split_paragraphs(text) for text in texts]
    work = _Work(source=source, target=target, options=options,
                 paragraphs=[paragraph for paragraphs in split for paragraph in paragraphs])
    if options.memory is not None:
        work.identity = _identity(translator, work)
    _translate_paragraphs(translator, work)
    result = _assemble(split, work, translator, time.perf_counter() - started)
    log.debug("translated %d texts %s→%s: %d sentences, %d from memory, %d segments sent in %.2fs",
              len(texts), source, target, result.sentences, result.memory_hits, result.sent_to_engine,
              result.seconds)
    if options.memory is not None:
        options.memory.count(result.memory_hits, result.memory_misses)
    return result


def _identity(translator: Translator, work: _Work) -> str:
    engine = work.options.memory.identity(translator, work.source, work.target)
    glossary = work.options.glossary.fingerprint(work.source, work.target) if work.options.glossary else ""
    flags = f"{STRUCTURE_VERSION}{'n' if work.options.names else ''}{'' if work.options.structure else 'p'}"
    return f"{engine.key_part()}\x1f{flags}\x1f{glossary}"


def _normal(text: str) -> str:
    return " ".join(text.split())


def _translate_paragraphs(translator: Translator, work: _Work) -> None:
    memory = work.options.memory
    keys = [segment_key("p", _normal(p), work.source, work.target, work.identity) for p in work.paragraphs]
    found = memory.lookup(keys) if memory else {}
    missed: list[int] = []
    for index, key in enumerate(keys):
        if key in found:
            text, flags = found[key]
            unknown, count = unpack_flags(flags)
            work.done[index] = (text, unknown)
            work.sentences += count
            work.hits += count
        else:
            missed.append(index)
    if missed:
        _translate_missed(translator, work, missed, keys)
    if memory is not None and work.new_rows:
        memory.store(work.new_rows)


def _translate_missed(translator: Translator, work: _Work, missed: list[int], keys: list[bytes]) -> None:
    """Sentences of the missed paragraphs: memory first, then one engine batch for the rest."""
    structure = work.options.structure
    split = {i: split_sentences(work.paragraphs[i], work.source) if structure else [work.paragraphs[i]]
             for i in missed}
    sentence_keys = {s: segment_key("s", _normal(s), work.source, work.target, work.identity)
                     for i in missed for s in split[i]}
    memory = work.options.memory
    found = memory.lookup(list(sentence_keys.values())) if memory else {}
    todo = [s for s in dict.fromkeys(s for i in missed for s in split[i]) if sentence_keys[s] not in found]
    translated = _translate_sentences(translator, work, todo)
    remember = work.engine is None or not work.engine.warnings
    fresh = set(todo)
    for sentence in todo:
        text, unknown = translated[sentence]
        found[sentence_keys[sentence]] = (text, pack_flags(unknown))
        if remember:
            work.new_rows.append((sentence_keys[sentence], text, pack_flags(unknown)))
    for index in missed:
        parts = [(found[sentence_keys[s]], s) for s in split[index]]
        text = "".join(_with_spacing(s, translation) for (translation, _), s in parts).strip()
        if structure:
            text = localise_quotes(text, work.target)
        unknown = any(unpack_flags(flags)[0] for (_, flags), _ in parts)
        work.done[index] = (text, unknown)
        work.paragraph_words[index] = tuple(w for s in split[index] for w in work.words.get(s, ()))
        work.sentences += len(parts)
        work.hits += sum(1 for s in split[index] if s not in fresh)
        if remember:
            work.new_rows.append((keys[index], text, pack_flags(unknown, len(parts))))


def _with_spacing(sentence: str, translation: str) -> str:
    """The translation with the whitespace that followed the source sentence."""
    return translation.strip() + sentence[len(sentence.rstrip()):]


def _translate_sentences(translator: Translator, work: _Work, sentences: list[str]) -> dict[str, tuple[str, bool]]:
    """sentence -> (translation, unknown), in one engine batch (and one more for fallbacks)."""
    if not sentences:
        return {}
    opts = work.options
    names = _name_filter(translator, work, sentences) if opts.structure and opts.names else False
    plans = [plan_sentence(s, work.source, work.target, opts.glossary, names) if opts.structure
             else Plan(source=s, text=s) for s in sentences]
    to_engine = [p for plan in plans for p in plan.walk() if p.needs_engine]
    outputs, unknown, words = _run_engine(translator, work, [p.text for p in to_engine])
    repair = work.engine is not None and work.engine.engine in ENGINES
    by_plan = {id(p): postedit(p.text, text, work.target, work.source) if repair else text
               for p, text in zip(to_engine, outputs)}
    words_by_plan = {id(p): found for p, found in zip(to_engine, words)}
    flagged = {id(p) for p, flag in zip(to_engine, unknown) if flag}
    results: dict[str, tuple[str, bool]] = {}
    lost: list[str] = []
    for sentence, plan in zip(sentences, plans):
        text = restore(plan, by_plan)
        if text is None:
            lost.append(sentence)
            continue
        results[sentence] = (text, any(id(p) in flagged for p in plan.walk()))
        work.words[sentence] = tuple(w for p in plan.walk() for w in words_by_plan.get(id(p), ())
                                     if not is_placeholder(w))
    if lost:
        log.info("%d sentences lost a placeholder; translating them unprotected", len(lost))
        texts, flags, lost_words = _run_engine(translator, work, lost)
        results.update((s, (t, f)) for s, t, f in zip(lost, texts, flags))
        work.words.update(zip(lost, lost_words))
    if work.engine is not None and work.engine.engine in ENGINES:
        results = {s: (postedit(s, text, work.target, work.source), flag) for s, (text, flag) in results.items()}
    return results


def _name_filter(translator: Translator, work: _Work, sentences: list[str]):
    """Which name candidates to keep verbatim: the engine's dictionary decides when it can tell."""
    ask = getattr(translator, "names_to_keep", None)
    if ask is None:
        return True
    candidates = [name for sentence in sentences for name in name_candidates(sentence)]
    keep = ask(candidates, work.source, work.target) if candidates else {}
    return keep.get


def _run_engine(translator: Translator, work: _Work,
                texts: list[str]) -> tuple[tuple[str, ...], tuple[bool, ...], tuple[tuple[str, ...], ...]]:
    if not texts:
        return (), (), ()
    batch = translator.translate_batch(texts, work.source, work.target)
    work.sent += len(texts)
    if work.engine is None:
        work.engine = batch
    else:  # a fallback batch: keep the first batch's engine, gather the warnings
        work.engine = BatchResult(segments=(), engine=work.engine.engine,
                                  engine_version=work.engine.engine_version, pivot=work.engine.pivot,
                                  warnings=work.engine.warnings + batch.warnings)
    unknown = batch.unknown or (False,) * len(texts)
    return batch.segments, unknown, batch.unknown_words or ((),) * len(texts)


def _engine_facts(translator: Translator, work: _Work) -> tuple[str, str, str | None, tuple[str, ...]]:
    """Engine, version, pivot and warnings, from the batch sent or (when none was) the engine itself."""
    if work.engine is not None:
        return work.engine.engine, work.engine.engine_version, work.engine.pivot, work.engine.warnings
    if work.options.memory is not None:
        identity = work.options.memory.identity(translator, work.source, work.target)
        return identity.engine, identity.engine_version, identity.pivot, ()
    probe = translator.translate_batch([], work.source, work.target)
    return probe.engine, probe.engine_version, probe.pivot, probe.warnings


def _assemble(split: list[list[str]], work: _Work, translator: Translator, seconds: float) -> TextsResult:
    engine, version, pivot, warnings = _engine_facts(translator, work)
    out: list[str] = []
    flags: list[tuple[bool, ...]] = []
    words: list[tuple[str, ...]] = []
    start = 0
    for paragraphs in split:
        indexes = range(start, start + len(paragraphs))
        out.append(PARAGRAPH_JOIN.join(work.done[i][0] for i in indexes))
        flags.append(tuple(work.done[i][1] for i in indexes))
        words.append(tuple(w for i in indexes for w in work.paragraph_words.get(i, ())))
        start += len(paragraphs)
    return TextsResult(
        segments=tuple(out), engine=engine, engine_version=version, pivot=pivot,
        unknown=tuple(any(f) for f in flags), warnings=warnings, paragraph_unknown=tuple(flags),
        sentences=work.sentences, sent_to_engine=work.sent, memory_hits=work.hits,
        memory_misses=work.sentences - work.hits, seconds=seconds, unknown_words=tuple(words),
    )


def available_pairs(translator: Translator) -> set[tuple[str, str]]:
    """The (source, target) pairs ``translator`` can do in one call."""
    return set(translator.pairs())


def can_translate(translator: Translator, source: str, target: str) -> bool:
    """True when ``translator`` has a route, direct or through one pivot, or source == target."""
    try:
        find_route(available_pairs(translator), source, target)
    except NoEngineError:
        return False
    return True

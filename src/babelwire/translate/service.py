"""Translating whole texts: every paragraph of every text in one batch call.

An article's title, standfirst and body paragraphs go to the engine together,
so each hop costs one engine process per article, not one per paragraph.
"""

from __future__ import annotations

import re

from babelwire.errors import NoEngineError
from babelwire.translate.base import BatchResult, Translator
from babelwire.translate.pivot import find_route

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")  # a blank line, and any run of them
PARAGRAPH_JOIN = "\n\n"


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of a text (blank-line separated); ``[]`` for blank text."""
    return [part.strip() for part in _PARAGRAPH_BREAK.split(text.strip())] if text.strip() else []


def translate_texts(translator: Translator, texts: list[str], source: str, target: str) -> BatchResult:
    """Translate texts, keeping each one's paragraph count; ``segments[i]`` is text ``i``.

    ``unknown[i]`` is true when any paragraph of text ``i`` had unknown words.
    Paragraphs come back joined by one blank line.
    """
    split = [split_paragraphs(text) for text in texts]
    flat = [paragraph for paragraphs in split for paragraph in paragraphs]
    batch = translator.translate_batch(flat, source, target)
    out: list[str] = []
    unknown: list[bool] = []
    start = 0
    for paragraphs in split:
        end = start + len(paragraphs)
        out.append(PARAGRAPH_JOIN.join(batch.segments[start:end]))
        unknown.append(any(batch.unknown[start:end]))
        start = end
    return BatchResult(
        segments=tuple(out),
        engine=batch.engine,
        engine_version=batch.engine_version,
        pivot=batch.pivot,
        unknown=tuple(unknown),
        warnings=batch.warnings,
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

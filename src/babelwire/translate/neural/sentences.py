"""Sentence splitting per language, for engines that translate one sentence at a time.

pysbd knows the abbreviations and quirks of about twenty languages; other
languages, and any text pysbd cannot give back whole, go through a plain
punctuation rule. ``split_sentences`` returns ``(sentence, gap)`` pairs such
that joining ``sentence + gap`` for every pair gives back the text exactly.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

log = logging.getLogger(__name__)

# A sentence end (and its closing quotes or brackets), the whitespace after it, then a sentence start.
_FALLBACK_BREAK = re.compile(
    r"[.!?…]+[\"'»”’)\]]*\s+(?=[\"'«“„‹(\[¿¡]?[A-ZÀ-ÖØ-ÞА-ЯΑ-Ω0-9])"  # capital after a full stop
    r"|[。！？]+(?=\S)"  # CJK full stops, no space after
)


@lru_cache(maxsize=32)
def _segmenter(language: str):
    """A pysbd segmenter for ``language``, or ``None`` when pysbd does not know it."""
    try:
        import pysbd
        from pysbd.languages import LANGUAGE_CODES
    except ImportError:  # pragma: no cover - pysbd is a dependency
        return None
    if language not in LANGUAGE_CODES:
        return None
    return pysbd.Segmenter(language=language, clean=False)


def split_sentences(text: str, language: str) -> list[tuple[str, str]]:
    """``(sentence, whitespace after it)`` pairs covering ``text`` exactly; ``[]`` for blank text.

    Whitespace before the first sentence is returned as a leading ``("", gap)`` pair.
    """
    if not text.strip():
        return [("", text)] if text else []
    body = text.lstrip()
    parts = _pysbd_parts(body, language) or _fallback_parts(body)
    leading = text[: len(text) - len(body)]
    return ([("", leading)] if leading else []) + [_with_gap(part) for part in parts]


def _pysbd_parts(text: str, language: str) -> list[str] | None:
    segmenter = _segmenter(language)
    if segmenter is None:
        return None
    try:
        parts = [part for part in segmenter.segment(text) if part]
    except Exception as exc:  # pysbd has no error contract; never let it stop a translation
        log.debug("pysbd failed on %s text: %s", language, exc)
        return None
    if "".join(parts) != text:  # pysbd may normalise; only an exact cover is usable
        log.debug("pysbd did not cover the %s text exactly; using the fallback rule", language)
        return None
    return parts


def _fallback_parts(text: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _FALLBACK_BREAK.finditer(text):
        parts.append(text[start:match.end()])
        start = match.end()
    parts.append(text[start:])
    return [part for part in parts if part]


def _with_gap(part: str) -> tuple[str, str]:
    stripped = part.rstrip()
    return stripped, part[len(stripped):]


def join_sentences(pairs: list[tuple[str, str]]) -> str:
    """The inverse of ``split_sentences`` (with translated sentences in place)."""
    return "".join(sentence + gap for sentence, gap in pairs)

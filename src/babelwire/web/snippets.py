"""Search snippets cut from the text in the reader's language, never from a mix.

The search index holds an article's original and all its translations in one
document, so its own snippet can join a Spanish sentence to an English one. A
result's snippet is cut here instead, from one text: the translation into the
reader's language when there is one, else the original. The query's words are
found the way the index finds them (case and accents ignored, ``word*`` as a
prefix, phrases as word sequences); the snippet is the window around the
first match, or the text's opening words when the match was in another
language's text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..storage.search import SNIPPET_TOKENS, SearchQuery

_WORD = re.compile(r"\w+", re.UNICODE)
ELLIPSIS = "…"
LEAD = 4  # words shown before the first match


@lru_cache(maxsize=4096)
def folded(word: str) -> str:
    """``word`` without case or accents, as the index compares it."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _patterns(query: SearchQuery) -> list[tuple[tuple[str, ...], bool]]:
    """(folded words, last word is a prefix) for every term the query asks for."""
    found = []
    for group in query.groups:
        for term in group:
            words = tuple(folded(word) for word in _WORD.findall(term.text))
            if words:
                found.append((words, term.prefix))
    return found


def _matches(words: list[str], patterns: list[tuple[tuple[str, ...], bool]]) -> set[int]:
    """Indexes of the words that some pattern matches."""
    hit: set[int] = set()
    for pattern, prefix in patterns:
        size = len(pattern)
        for start in range(len(words) - size + 1):
            window = words[start:start + size]
            if window[:-1] == list(pattern[:-1]) and (
                    window[-1].startswith(pattern[-1]) if prefix else window[-1] == pattern[-1]):
                hit.update(range(start, start + size))
    return hit


def snippet_parts(text: str, query: SearchQuery,
                  tokens: int = SNIPPET_TOKENS) -> list[tuple[str, bool]]:
    """(text, matched) parts of a snippet of ``text`` around the query's first match."""
    text = re.sub(r"\s+", " ", text or "").strip()
    spans = list(_WORD.finditer(text))
    if not spans:
        return [(text, False)] if text else []
    hit = _matches([folded(span.group()) for span in spans], _patterns(query))
    first = min(hit) if hit else 0
    start = max(0, first - LEAD) if hit else 0
    end = min(len(spans), start + tokens)
    parts: list[tuple[str, bool]] = [(ELLIPSIS, False)] if start > 0 else []
    position = spans[start].start()
    for index in range(start, end):
        span = spans[index]
        if index in hit:
            parts.append((text[position:span.start()], False))
            parts.append((span.group(), True))
            position = span.end()
    parts.append((text[position:spans[end - 1].end()], False))
    if end < len(spans):
        parts.append((ELLIPSIS, False))
    return _merged([part for part in parts if part[0]])


def _merged(parts: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    merged: list[tuple[str, bool]] = []
    for text, matched in parts:
        if merged and merged[-1][1] == matched and not matched:
            merged[-1] = (merged[-1][0] + text, False)
        else:
            merged.append((text, matched))
    return merged

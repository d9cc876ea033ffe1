"""Sentences of an article: the title first, then each paragraph cut at sentence ends."""

from __future__ import annotations

import re

MAX_SENTENCES = 80
MIN_WORDS = 3
_BREAK = re.compile(r"(?<=[.!?…»\"”])\s+(?=[«\"“'¿¡(\[]?[^\W\d_]|\d)|\n+")
_WORDS = re.compile(r"\w+")


def split_sentences(title: str, text: str) -> list[str]:
    """Sentences of at least MIN_WORDS words (the title always), at most MAX_SENTENCES."""
    found = [title.strip()] if title.strip() else []
    for part in _BREAK.split(text):
        part = " ".join(part.split())
        if len(_WORDS.findall(part)) >= MIN_WORDS:
            found.append(part)
        if len(found) >= MAX_SENTENCES:
            break
    return found


def word_set(sentence: str) -> frozenset[str]:
    return frozenset(word.casefold() for word in _WORDS.findall(sentence))

"""Sentences of an article: the title first, then each paragraph cut at sentence ends."""

from __future__ import annotations

import re

from .months import MONTH_NUMBER

MAX_SENTENCES = 80
MIN_WORDS = 3
_BREAK = re.compile(r"(?<=[.!?…»\"”])\s+(?=[«\"“'¿¡(\[]?[^\W\d_]|\d)|\n+")
_WORDS = re.compile(r"\w+")
_ORDINAL_END = re.compile(r"(?:^|\s)\d{1,2}\.$")   # "ab dem 1." before "September 2027"


def _parts(text: str) -> list[str]:
    """The text cut at sentence ends, except after a day written as an ordinal ("1.",
    German, Nordic, Slavic, Turkish...) when a month's name follows."""
    parts: list[str] = []
    for part in _BREAK.split(text):
        first = part.split(maxsplit=1)[0].strip(".,").casefold() if part.strip() else ""
        if parts and _ORDINAL_END.search(parts[-1]) and first in MONTH_NUMBER:
            parts[-1] = f"{parts[-1]} {part}"
        else:
            parts.append(part)
    return parts


def split_sentences(title: str, text: str) -> list[str]:
    """Sentences of at least MIN_WORDS words (the title always), at most MAX_SENTENCES."""
    found = [title.strip()] if title.strip() else []
    for part in _parts(text):
        part = " ".join(part.split())
        if len(_WORDS.findall(part)) >= MIN_WORDS:
            found.append(part)
        if len(found) >= MAX_SENTENCES:
            break
    return found


def word_set(sentence: str) -> frozenset[str]:
    return frozenset(word.casefold() for word in _WORDS.findall(sentence))

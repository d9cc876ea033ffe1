"""Sentence similarity by spelling, for languages the sentence encoder does not know.

The encoder (USE multilingual v3) was trained on 16 languages; on others (Greek,
Ukrainian, Romanian, Bulgarian ...) its vectors say little: two unrelated Greek
sentences score 0.6 to 0.9. For a pair with such a language, sentences are compared
by what survives translation in writing: names and numbers (keys matched across
scripts, see evidence.py), weighted down when a key is in many sentences of the pair
(an article's main name is in every sentence and tells none apart), and the letter
trigrams of the transliterated sentences (Ukrainian and Russian share most roots).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

import numpy as np
from anyascii import anyascii

from .evidence import names_in, numbers_in

# The languages of the encoder's training set (USE multilingual v3, ISO 639-1).
ENCODER_LANGUAGES = frozenset(("ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt",
                               "ru", "th", "tr", "zh"))
TRIGRAM_WEIGHT = 0.6     # share of the trigram cosine in the similarity (keys: the rest)
_LETTERS = re.compile(r"[^a-z0-9 ]+")


def encoder_knows(lang: str) -> bool:
    return lang.split("-")[0].lower() in ENCODER_LANGUAGES


@lru_cache(maxsize=50_000)
def sentence_keys(sentence: str) -> frozenset[str]:
    return frozenset(names_in(sentence)) | frozenset(numbers_in(sentence))


@lru_cache(maxsize=50_000)
def _trigrams(sentence: str) -> Counter[str]:
    text = " " + " ".join(_LETTERS.sub(" ", anyascii(sentence).lower()).split()) + " "
    return Counter(text[i:i + 3] for i in range(len(text) - 2))


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(count * b[gram] for gram, count in a.items() if gram in b)
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _key_weights(a: list[frozenset[str]], b: list[frozenset[str]]) -> dict[str, float]:
    in_a = Counter(k for keys in a for k in keys)
    in_b = Counter(k for keys in b for k in keys)
    return {k: 1.0 / math.sqrt(in_a[k] * in_b[k]) for k in in_a if k in in_b}


def spelling_similarity(a: list[str], b: list[str]) -> np.ndarray:
    """Similarity of every sentence pair (0..1) from shared keys and transliterated trigrams."""
    keys_a = [sentence_keys(s) for s in a]
    keys_b = [sentence_keys(s) for s in b]
    weights = _key_weights(keys_a, keys_b)
    grams_a, grams_b = [_trigrams(s) for s in a], [_trigrams(s) for s in b]
    matrix = np.zeros((len(a), len(b)), dtype=np.float32)
    for i, ka in enumerate(keys_a):
        for j, kb in enumerate(keys_b):
            shared = sum(weights.get(k, 0.0) for k in ka & kb)
            total = len(ka) + len(kb)
            by_keys = 2.0 * shared / total if total else 0.0
            trigram = _cosine(grams_a[i], grams_b[j])
            matrix[i, j] = TRIGRAM_WEIGHT * trigram + (1 - TRIGRAM_WEIGHT) * min(1.0, by_keys)
    return matrix

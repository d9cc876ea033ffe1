"""Detect the language of a text with py3langid (ships its model), normalised probabilities.

Never a silent default: below the confidence floor, or on too little text,
the answer is ``und`` (undetermined) with the confidence that was found.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

from ..models import LanguageGuess

UNDETERMINED = "und"
MIN_LETTERS = 20  # fewer letters than this cannot be identified reliably
_lock = threading.Lock()

# ISO 639-2/3 and common variants -> ISO 639-1
_ALIASES = {"eng": "en", "spa": "es", "fra": "fr", "fre": "fr", "cat": "ca", "deu": "de",
            "ger": "de", "ita": "it", "por": "pt", "rus": "ru", "nld": "nl", "dut": "nl",
            "glg": "gl", "eus": "eu", "baq": "eu", "ron": "ro", "rum": "ro", "pol": "pl",
            "ukr": "uk", "ara": "ar", "zho": "zh", "chi": "zh", "jpn": "ja", "tur": "tr",
            "ell": "el", "gre": "el"}


def normalize_code(code: str | None) -> str | None:
    """'en-GB' -> 'en', 'spa' -> 'es', 'und'/'' -> None."""
    if not code:
        return None
    base = re.split(r"[-_]", code.strip().lower())[0]
    base = _ALIASES.get(base, base)
    if base == UNDETERMINED or not re.fullmatch(r"[a-z]{2,3}", base):
        return None
    return base


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, hint: str | None = None,
                    min_confidence: float = 0.80) -> LanguageGuess:
    """The language of ``text``; ``hint`` (e.g. the page's lang attribute) breaks near-ties."""
    letters = sum(ch.isalpha() for ch in text)
    if letters < MIN_LETTERS:
        return LanguageGuess(UNDETERMINED, 0.0)
    with _lock:  # the identifier keeps internal state; keep calls serial
        identifier = _identifier()
        ranked = identifier.rank(text[:5000])
    code, confidence = ranked[0][0], float(ranked[0][1])
    hint = normalize_code(hint)
    if confidence >= min_confidence:
        return LanguageGuess(code, round(confidence, 4))
    if hint:
        for candidate, probability in ranked[:3]:
            if candidate == hint and probability >= 0.25:
                return LanguageGuess(hint, round(float(probability), 4))
    return LanguageGuess(UNDETERMINED, round(confidence, 4))

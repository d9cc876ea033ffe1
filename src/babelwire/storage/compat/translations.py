"""Translations of articles, one per (article, language), and failures to translate.

Transitional shims (issue 12): the pre-port functions ``f(db, ...)``, each delegating to
the store's repository, so code written before the port keeps working. New code calls
the repository (``db.translations.<method>(...)``) directly; the SQL is in ``storage/sqlite/``.
"""

from __future__ import annotations

from typing import Any

from ..models import Translation
from .records import TranslationFailure
from .sqlite.translations import translation_from_row

__all__ = ["claim_untranslated", "failures_for", "record_translation_failure",
           "save_translation", "translation_from_row", "translations_for",
           "translations_for_many", "untranslated"]


def save_translation(db: Any, translation: Translation) -> None:
    db.translations.save(translation)


def record_translation_failure(db: Any, article_id: int, language: str,
                               code: str, message: str) -> None:
    db.translations.record_failure(article_id, language, code, message)


def translations_for(db: Any, article_id: int) -> dict[str, Translation]:
    return db.translations.for_article(article_id)


def translations_for_many(db: Any, article_ids: list[int]) -> dict[int, dict[str, Translation]]:
    return db.translations.for_many(article_ids)


def untranslated(db: Any, language: str, limit: int = 1000) -> list[int]:
    return db.translations.untranslated(language, limit)


def claim_untranslated(db: Any, language: str, n: int, lease_seconds: float,
                       worker_id: str) -> list[int]:
    return db.translations.claim_untranslated(language, n, lease_seconds, worker_id)


def failures_for(db: Any, article_id: int) -> list[TranslationFailure]:
    return db.translations.failures_for(article_id)

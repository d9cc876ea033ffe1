"""The translation memory and the record kept with each translation.

``translation_memory`` maps a 16-byte key (a hash of the normalised segment,
the pair, the engine and its version, see ``translate.memory``) to the
translated segment and a small integer of flags. A translation's record holds
how it was made: engine, version, pivot, time, per-paragraph unknown-word flags
and the memory's hits and misses.

Transitional shims (issue 12): the pre-port functions ``f(db, ...)``, each delegating to
the store's repository, so code written before the port keeps working. New code calls
the repository (``db.memory.<method>(...)``) directly; the SQL is in ``storage/sqlite/``.
"""

from __future__ import annotations

from typing import Any, Iterable

from .sqlite.memory import LOOKUP_CHUNK

__all__ = ["LOOKUP_CHUNK", "count_segments", "lookup_segments", "save_translation_record",
           "store_segments", "translation_record", "unknown_words"]


def lookup_segments(db: Any, keys: list[bytes]) -> dict[bytes, tuple[str, int]]:
    return db.memory.lookup(keys)


def store_segments(db: Any, rows: Iterable[tuple[bytes, str, int]]) -> None:
    db.memory.store(rows)


def count_segments(db: Any) -> int:
    return db.memory.count()


def save_translation_record(db: Any, article_id: int, language: str, record: dict[str, Any]) -> None:
    db.memory.save_record(article_id, language, record)


def translation_record(db: Any, article_id: int, language: str) -> dict[str, Any] | None:
    return db.memory.record(article_id, language)


def unknown_words(db: Any, article_id: int, language: str) -> tuple[str, ...]:
    """The words the engine left untranslated in an article's translation, from its record (issue 11)."""
    record = translation_record(db, article_id, language) or {}
    found = record.get("unknown_words") or {}
    return tuple(word for word in found.get("words", ()) if isinstance(word, str) and word)

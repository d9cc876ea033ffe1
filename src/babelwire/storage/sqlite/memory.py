"""The translation memory table and the record kept with each translation.

``translation_memory`` maps a 16-byte key (a hash of the normalised segment,
the pair, the engine and its version, see ``translate.memory``) to the
translated segment and a small integer of flags. ``translations.record``
holds, as JSON, how a translation was made: engine, version, pivot, time,
per-paragraph unknown-word flags and the memory's hits and misses.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Iterable


if TYPE_CHECKING:
    from .store import SqliteStore as Database

LOOKUP_CHUNK = 500  # keys per SELECT (SQLite allows 999 parameters by default)


def lookup_segments(db: Database, keys: list[bytes]) -> dict[bytes, tuple[str, int]]:
    """key -> (translation, flags) for the keys the memory holds."""
    found: dict[bytes, tuple[str, int]] = {}
    conn = db.read()
    for start in range(0, len(keys), LOOKUP_CHUNK):
        chunk = keys[start:start + LOOKUP_CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT key, translation, flags FROM translation_memory WHERE key IN ({marks})", chunk
        ).fetchall()
        found.update((row[0], (row[1], row[2])) for row in rows)
    return found


def store_segments(db: Database, rows: Iterable[tuple[bytes, str, int]]) -> None:
    """Remember (key, translation, flags) rows; a key already held is overwritten."""
    rows = list(rows)
    if rows:
        with db.write() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO translation_memory (key, translation, flags) VALUES (?,?,?)", rows
            )


def count_segments(db: Database) -> int:
    return int(db.read().execute("SELECT count(*) FROM translation_memory").fetchone()[0])


def save_translation_record(db: Database, article_id: int, language: str, record: dict[str, Any]) -> None:
    """Attach ``record`` to the stored translation of ``article_id`` into ``language``."""
    with db.write() as conn:
        conn.execute("UPDATE translations SET record = ? WHERE article_id = ? AND language = ?",
                     (json.dumps(record, ensure_ascii=False, separators=(",", ":")), article_id, language))


def translation_record(db: Database, article_id: int, language: str) -> dict[str, Any] | None:
    """The record of how an article's translation was made, or ``None`` when there is none."""
    row = db.read().execute("SELECT record FROM translations WHERE article_id = ? AND language = ?",
                            (article_id, language)).fetchone()
    return json.loads(row[0] or "{}") if row else None


def unknown_words(db: Database, article_id: int, language: str) -> tuple[str, ...]:
    """The words the engine left untranslated in an article's translation (from its record)."""
    record = translation_record(db, article_id, language) or {}
    found = record.get("unknown_words") or {}
    return tuple(word for word in found.get("words", ()) if isinstance(word, str) and word)

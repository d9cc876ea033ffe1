"""Translations of articles, one per (article, language), and failures to translate."""

from __future__ import annotations

import json
import sqlite3

from ..clock import now_iso
from ..models import Translation
from .db import Database


def save_translation(db: Database, translation: Translation) -> None:
    with db.write() as conn:
        conn.execute(
            "INSERT INTO translations (article_id, language, title, standfirst, body, engine, "
            "engine_version, pivot, created_at, warnings) VALUES (?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT (article_id, language) DO UPDATE SET title = excluded.title, "
            "standfirst = excluded.standfirst, body = excluded.body, engine = excluded.engine, "
            "engine_version = excluded.engine_version, pivot = excluded.pivot, "
            "created_at = excluded.created_at, warnings = excluded.warnings",
            (translation.article_id, translation.language, translation.title,
             translation.standfirst, translation.body, translation.engine,
             translation.engine_version, translation.pivot, translation.created_at or now_iso(),
             json.dumps(list(translation.warnings), ensure_ascii=False)),
        )
        conn.execute("DELETE FROM translation_failures WHERE article_id = ? AND language = ?",
                     (translation.article_id, translation.language))


def record_translation_failure(db: Database, article_id: int, language: str,
                               code: str, message: str) -> None:
    with db.write() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO translation_failures (article_id, language, code, message, at) "
            "VALUES (?,?,?,?,?)",
            (article_id, language, code, message, now_iso()),
        )


def translations_for(db: Database, article_id: int) -> dict[str, Translation]:
    rows = db.read().execute(
        "SELECT * FROM translations WHERE article_id = ? ORDER BY language", (article_id,)
    ).fetchall()
    return {r["language"]: translation_from_row(r) for r in rows}


def translations_for_many(db: Database, article_ids: list[int]) -> dict[int, dict[str, Translation]]:
    if not article_ids:
        return {}
    marks = ",".join("?" for _ in article_ids)
    rows = db.read().execute(
        f"SELECT * FROM translations WHERE article_id IN ({marks})", tuple(article_ids)
    ).fetchall()
    found: dict[int, dict[str, Translation]] = {}
    for row in rows:
        found.setdefault(row["article_id"], {})[row["language"]] = translation_from_row(row)
    return found


def translation_from_row(row: sqlite3.Row) -> Translation:
    return Translation(
        article_id=row["article_id"], language=row["language"], title=row["title"],
        standfirst=row["standfirst"], body=row["body"], engine=row["engine"],
        engine_version=row["engine_version"], pivot=row["pivot"], created_at=row["created_at"],
        warnings=tuple(json.loads(row["warnings"] or "[]")),
    )


def untranslated(db: Database, language: str, limit: int = 1000) -> list[int]:
    """Articles not yet translated into ``language`` (and not in it already),
    skipping those that already failed for a lasting reason."""
    rows = db.read().execute(
        "SELECT a.id FROM articles a WHERE a.language != ? AND a.language != 'und' "
        "AND NOT EXISTS (SELECT 1 FROM translations t WHERE t.article_id = a.id AND t.language = ?) "
        "AND NOT EXISTS (SELECT 1 FROM translation_failures f WHERE f.article_id = a.id "
        "AND f.language = ?) ORDER BY a.id LIMIT ?",
        (language, language, language, limit),
    ).fetchall()
    return [r["id"] for r in rows]


def failures_for(db: Database, article_id: int) -> list[sqlite3.Row]:
    return db.read().execute(
        "SELECT * FROM translation_failures WHERE article_id = ?", (article_id,)
    ).fetchall()

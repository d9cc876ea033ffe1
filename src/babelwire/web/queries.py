"""Reads the reader needs beyond ``storage``: keyset pages and per-language lists.

Articles are ordered newest first by ``COALESCE(published, first_seen)`` then
id, like ``storage.articles.latest_articles``; a page cursor is the last row's
(sort key, id).
"""

from __future__ import annotations

import sqlite3

from ..storage.db import Database

_SELECT = (
    "SELECT a.*, s.name AS source_name, s.url AS source_url, "
    "COALESCE(a.published, a.first_seen) AS sort_key "
    "FROM articles a LEFT JOIN sources s ON s.id = a.source_id"
)
_ORDER = "ORDER BY COALESCE(a.published, a.first_seen) DESC, a.id DESC"


def articles_before(db: Database, limit: int,
                    before: tuple[str, int] | None = None) -> list[sqlite3.Row]:
    """Up to ``limit`` articles, newest first, strictly older than ``before``."""
    if before is None:
        return db.read().execute(f"{_SELECT} {_ORDER} LIMIT ?", (limit,)).fetchall()
    sort_key, article_id = before
    return db.read().execute(
        f"{_SELECT} WHERE COALESCE(a.published, a.first_seen) < ? "
        f"OR (COALESCE(a.published, a.first_seen) = ? AND a.id < ?) {_ORDER} LIMIT ?",
        (sort_key, sort_key, article_id, limit),
    ).fetchall()


def articles_readable_in(db: Database, language: str, limit: int) -> list[sqlite3.Row]:
    """The newest articles translated into ``language`` or written in it."""
    return db.read().execute(
        f"{_SELECT} WHERE a.language = ? OR EXISTS (SELECT 1 FROM translations t "
        f"WHERE t.article_id = a.id AND t.language = ?) {_ORDER} LIMIT ?",
        (language, language, limit),
    ).fetchall()

"""Rows for researchers' exports (issue 15): articles, stories and provenance links for a
filter, as plain dicts of stored columns (the CLI writes them as CSV or JSON Lines)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from ..records import ArticleFilters
from ..watch_records import ARTICLE_COLUMNS, LINK_COLUMNS, STORY_COLUMNS

if TYPE_CHECKING:
    from .store import SqliteStore as Database

def _where(filters: ArticleFilters, ids: list[int] | None) -> tuple[str, list[Any]]:
    conditions, params = ["1 = 1"], []
    chosen = {"a.source_id = ?": filters.source_id, "a.language = ?": filters.language,
              "COALESCE(a.published, a.first_seen) >= ?": filters.since,
              "COALESCE(a.published, a.first_seen) < ?":
                  None if filters.until is None else f"{filters.until[:10]}T99",
              "a.id IN (SELECT article_id FROM story_articles WHERE story_id = ?)":
                  filters.story_id}
    for condition, value in chosen.items():
        if value is not None:
            conditions.append(condition)
            params.append(value)
    if ids is not None:
        conditions.append(f"a.id IN ({','.join('?' * len(ids)) or 'NULL'})")
        params += ids
    return " AND ".join(conditions), params


def export_articles(db: Database, filters: ArticleFilters,
                    ids: list[int] | None = None) -> Iterator[dict[str, Any]]:
    where, params = _where(filters, ids)
    cursor = db.read().execute(
        "SELECT a.*, s.name AS source_name, (SELECT MIN(story_id) FROM story_articles x "
        f"WHERE x.article_id = a.id) AS story_id FROM articles a "
        f"LEFT JOIN sources s ON s.id = a.source_id WHERE {where} ORDER BY a.id", params)
    for row in cursor:
        yield {name: row[name] for name in ARTICLE_COLUMNS}


def export_stories(db: Database, filters: ArticleFilters,
                   ids: list[int] | None = None) -> Iterator[dict[str, Any]]:
    where, params = _where(filters, ids)
    cursor = db.read().execute(
        "SELECT * FROM stories WHERE id IN (SELECT x.story_id FROM story_articles x "
        f"JOIN articles a ON a.id = x.article_id WHERE {where}) ORDER BY id", params)
    for row in cursor:
        yield {name: row[name] for name in STORY_COLUMNS}


def export_links(db: Database, filters: ArticleFilters,
                 ids: list[int] | None = None) -> Iterator[dict[str, Any]]:
    """Links whose derived article (the copy or translation) is in the filter."""
    where, params = _where(filters, ids)
    cursor = db.read().execute(
        "SELECT l.* FROM provenance_links l JOIN articles a ON a.id = l.article_id "
        f"WHERE {where} ORDER BY l.id", params)
    for row in cursor:
        yield {name: row[name] for name in LINK_COLUMNS}

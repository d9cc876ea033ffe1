"""Full-text search in SQLite: an FTS5 index (migration 3) over originals and translations."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ..records import ArticleRow, record_of
from ..search import MARK_END, MARK_START, SNIPPET_TOKENS, SearchFilters, SearchQuery

if TYPE_CHECKING:
    from .store import SqliteStore as Database

TITLE_WEIGHT = 4.0  # a word in the title counts as much as four in the body
RELEVANCE_WINDOW = 2000  # ranked by relevance: the newest matches, so a common word stays fast

_MATCHES = ("FROM search_index JOIN articles a ON a.id = search_index.rowid "
            "WHERE search_index MATCH ?")

_SELECT = (
    "SELECT a.*, s.name AS source_name, s.url AS source_url, "
    "COALESCE(a.published, a.first_seen) AS sort_key, "
    f"snippet(search_index, -1, '{MARK_START}', '{MARK_END}', '…', {SNIPPET_TOKENS}) AS snippet "
    "FROM search_index JOIN articles a ON a.id = search_index.rowid "
    "LEFT JOIN sources s ON s.id = a.source_id WHERE search_index MATCH ?"
)


def search_articles(db: Database, query: SearchQuery, filters: SearchFilters, limit: int,
                    before_id: int | None = None, *, relevance: bool = False,
                    offset: int = 0) -> list[ArticleRow]:
    """Matching articles with a marked ``snippet``: newest stored first (by id), or best
    match first (``relevance``: FTS5's bm25, titles weighing more, id breaking ties) among
    the newest ``RELEVANCE_WINDOW`` matches."""
    if query.empty:
        return []
    where, params = _where(filters, None if relevance else before_id)
    if relevance:
        return _by_relevance(db, query.fts(), where, params, limit, offset)
    sql = f"{_SELECT}{where} ORDER BY search_index.rowid DESC LIMIT ? OFFSET ?"
    rows = db.read().execute(sql, [query.fts(), *params, limit, offset]).fetchall()
    return [record_of(ArticleRow, row) for row in rows]


def _where(filters: SearchFilters, before_id: int | None) -> tuple[str, list[object]]:
    conditions = {
        "a.language = ?": filters.language, "a.source_id = ?": filters.source_id,
        "COALESCE(a.published, a.first_seen) >= ?": filters.since,
        "COALESCE(a.published, a.first_seen) < ?": _day_after(filters.until),
        "search_index.rowid < ?": before_id,
    }
    kept = {condition: value for condition, value in conditions.items() if value is not None}
    return "".join(f" AND {condition}" for condition in kept), list(kept.values())


def _by_relevance(db: Database, fts: str, where: str, params: list[object], limit: int,
                  offset: int) -> list[ArticleRow]:
    """bm25 over every match of a common word costs too much: only the newest matches are
    ranked (the window's edge is found on the rowid order, which FTS5 reads cheaply)."""
    conn = db.read()
    edge = conn.execute(f"SELECT search_index.rowid {_MATCHES}{where} ORDER BY "
                        "search_index.rowid DESC LIMIT 1 OFFSET ?",
                        [fts, *params, RELEVANCE_WINDOW - 1]).fetchone()
    window = " AND search_index.rowid >= ?" if edge else ""
    rows = conn.execute(
        f"{_SELECT}{where}{window} ORDER BY bm25(search_index, {TITLE_WEIGHT}, 1.0), "
        "search_index.rowid DESC LIMIT ? OFFSET ?",
        [fts, *params, *([edge[0]] if edge else []), limit, offset]).fetchall()
    return [record_of(ArticleRow, row) for row in rows]


def _day_after(day: str | None) -> str | None:
    """'2024-05-01' -> '2024-05-01T99' (sorts after every time that day)."""
    return None if day is None else f"{day[:10]}T99"


def rebuild_search_index(db: Database) -> int:
    """Re-index every article from scratch; returns how many rows were indexed."""
    with db.write() as conn:
        conn.execute("DELETE FROM search_index")
        conn.execute("INSERT INTO search_index (rowid, title, body) "
                     "SELECT id, title, body FROM search_documents")
        return int(conn.execute("SELECT COUNT(*) FROM search_index").fetchone()[0])


@contextmanager
def bulk_loading(db: Database) -> Iterator[sqlite3.Connection]:
    """One write transaction for a large import: the search triggers are set aside while it
    runs and the index is rebuilt once at the end (all or nothing)."""
    with db.write() as conn:
        triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                "AND name LIKE 'search_%'").fetchall()
        for trigger in triggers:
            conn.execute(f'DROP TRIGGER "{trigger["name"]}"')
        yield conn
        conn.execute("DELETE FROM search_index")
        conn.execute("INSERT INTO search_index (rowid, title, body) "
                     "SELECT id, title, body FROM search_documents")
        for trigger in triggers:
            conn.execute(trigger["sql"])

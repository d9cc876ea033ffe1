"""Full-text search in PostgreSQL: a ``tsvector`` per article (GIN index, migration 3).

``SearchQuery`` (``storage/search.py``) becomes a ``tsquery`` built from
parameters, never from text pasted into SQL: a word or a "phrase" is
``phraseto_tsquery``, a prefix* is ``lexeme:*``; a group's terms are joined by
``||`` (OR), groups by ``&&`` (AND), and each -excluded term by ``&& !!``. So
the reader's syntax means what it means in SQLite, and no input is an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ..records import ArticleRow, record_of
from ..search import MARK_END, MARK_START, SNIPPET_TOKENS, SearchFilters, SearchQuery, Term
from ..sqlite.search import RELEVANCE_WINDOW

if TYPE_CHECKING:
    from .store import PostgresStore as Database

CONFIG = "babelwire_search"
HEADLINE = (f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_TOKENS}, "
            f"MinWords={SNIPPET_TOKENS // 2}, ShortWord=0, MaxFragments=1, "
            "FragmentDelimiter=…")


def _term(term: Term, params: list[Any]) -> str:
    params.append(term.text)
    if term.prefix:
        return f"to_tsquery('{CONFIG}', quote_literal(?) || ':*')"
    return f"phraseto_tsquery('{CONFIG}', ?)"


def tsquery(query: SearchQuery, params: list[Any]) -> str:
    """The SQL expression of ``query`` as a tsquery; its values appended to ``params``."""
    groups = ["(" + " || ".join(_term(t, params) for t in group) + ")" for group in query.groups]
    expression = " && ".join(groups)
    for term in query.excluded:
        expression = f"({expression}) && !!({_term(term, params)})"
    return expression


def search_articles(db: Database, query: SearchQuery, filters: SearchFilters, limit: int,
                    before_id: int | None = None, *, relevance: bool = False,
                    offset: int = 0) -> list[ArticleRow]:
    """Matching articles with a marked ``snippet``: newest stored first (by id), or best
    match first (``relevance``: ``ts_rank`` over the document, whose title words weigh
    most (weight A); id breaking ties)."""
    if query.empty:
        return []
    params: list[Any] = []
    matched = tsquery(query, params)
    sql = (
        f"WITH q AS (SELECT {matched} AS query) "
        "SELECT a.*, s.name AS source_name, s.url AS source_url, "
        "COALESCE(a.published, a.first_seen) AS sort_key, "
        f"ts_headline('{CONFIG}', d.title || E'\\n' || d.body, q.query, ?) AS snippet "
        "FROM search_documents d CROSS JOIN q JOIN articles a ON a.id = d.article_id "
        "LEFT JOIN sources s ON s.id = a.source_id WHERE d.document @@ q.query")
    params.append(HEADLINE)
    conditions = {
        "a.language = ?": filters.language, "a.source_id = ?": filters.source_id,
        "COALESCE(a.published, a.first_seen) >= ?": filters.since,
        "COALESCE(a.published, a.first_seen) < ?": _day_after(filters.until),
        "d.article_id < ?": before_id,
    }
    for condition, value in conditions.items():
        if value is not None:
            sql += f" AND {condition}"
            params.append(value)
    if relevance:  # the newest RELEVANCE_WINDOW matches, as in SQLite
        sql += (" AND d.article_id >= COALESCE((SELECT w.article_id FROM search_documents w "
                "WHERE w.document @@ q.query ORDER BY w.article_id DESC OFFSET ? LIMIT 1), 0)")
        params.append(RELEVANCE_WINDOW - 1)
    order = "ts_rank(d.document, q.query) DESC, " if relevance else ""
    sql += f" ORDER BY {order}d.article_id DESC LIMIT ? OFFSET ?"
    params.extend([limit, offset])
    return [record_of(ArticleRow, row) for row in db.read().execute(sql, params).fetchall()]


def _day_after(day: str | None) -> str | None:
    """'2024-05-01' -> '2024-05-01T99' (sorts after every time that day)."""
    return None if day is None else f"{day[:10]}T99"


def rebuild_search_index(db: Database) -> int:
    """Re-index every article from scratch; returns how many rows were indexed."""
    with db.write() as conn:
        conn.execute("DELETE FROM search_documents")
        conn.execute("SELECT babelwire_reindex(id) FROM articles")
        return int(conn.execute("SELECT COUNT(*) FROM search_documents").fetchone()[0])


@contextmanager
def bulk_loading(db: Database) -> Iterator[Any]:
    """One write transaction for a large import: the search triggers stand aside while it
    runs and the index is rebuilt once at the end (all or nothing)."""
    with db.write() as conn:
        conn.execute("SELECT set_config('babelwire.bulk_loading', 'on', true)")
        yield conn
        conn.execute("SELECT set_config('babelwire.bulk_loading', 'off', true)")
        conn.execute("DELETE FROM search_documents")
        conn.execute("SELECT babelwire_reindex(id) FROM articles")

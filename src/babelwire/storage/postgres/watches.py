"""What watches need of PostgreSQL beyond the shared SQL: text matches through the
``tsvector`` index, and outbox claims that two delivering workers never share
(``FOR UPDATE SKIP LOCKED``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..search import SearchQuery
from ..records import record_of
from ..watch_records import AlertRow
from .search import tsquery

if TYPE_CHECKING:
    from .store import PostgresStore as Database


def text_candidates(db: Database, query: SearchQuery, since: str) -> list[int]:
    """Articles first seen at or after ``since`` whose original or translation matches."""
    if query.empty:
        return []
    params: list[Any] = []
    matched = tsquery(query, params)
    rows = db.read().execute(
        "SELECT a.id FROM search_documents d JOIN articles a ON a.id = d.article_id "
        f"WHERE d.document @@ ({matched}) AND a.first_seen >= ? ORDER BY a.id",
        (*params, since)).fetchall()
    return [int(row[0]) for row in rows]


def claim_alerts(db: Database, now: str, lease_until: str, limit: int = 100) -> list[AlertRow]:
    """Due, undelivered outbox rows not under a live lease; each is leased to the caller."""
    with db.write() as conn:
        rows = conn.execute(
            "UPDATE watch_alerts SET lease_until = ? WHERE id IN (SELECT id FROM watch_alerts "
            "WHERE delivered_at IS NULL AND next_attempt_at <= ? "
            "AND (lease_until IS NULL OR lease_until <= ?) ORDER BY id LIMIT ? "
            "FOR UPDATE SKIP LOCKED) RETURNING *",
            (lease_until, now, now, limit)).fetchall()
    return sorted((record_of(AlertRow, row) for row in rows), key=lambda alert: alert.id)

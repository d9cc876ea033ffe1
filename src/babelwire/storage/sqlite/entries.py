"""Discovered entries: the work queue that makes an interrupted run resumable."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from ...clock import now_iso
from ...models import FeedEntry
from ..records import PendingEntry

if TYPE_CHECKING:
    from .store import SqliteStore as Database

MAX_ATTEMPTS = 3
_FREE = "(lease_until IS NULL OR lease_until <= ?)"


def enqueue_entries(db: Database, source_id: int | None, entries: list[FeedEntry]) -> int:
    """Remember new entry URLs; returns how many were new."""
    new = 0
    now = now_iso()
    with db.write() as conn:
        for entry in entries:
            cur = conn.execute(
                "INSERT OR IGNORE INTO entries (source_id, url, title, published, first_seen) "
                "VALUES (?, ?, ?, ?, ?)",
                (source_id, entry.url, entry.title, entry.published, now),
            )
            new += cur.rowcount
    return new


def pending_entries(db: Database, source_id: int | None = None, limit: int = 1000) -> list[PendingEntry]:
    """Pending entries no worker holds a live claim on (a read: nothing is claimed)."""
    sql = f"SELECT * FROM entries WHERE status = 'pending' AND {_FREE}"
    params: tuple = (now_iso(),)
    if source_id is not None:
        sql += " AND source_id = ?"
        params += (source_id,)
    rows = db.read().execute(sql + " ORDER BY id LIMIT ?", params + (limit,)).fetchall()
    return [_pending(r) for r in rows]


def _pending(row: sqlite3.Row) -> PendingEntry:
    return PendingEntry(id=row["id"], source_id=row["source_id"], url=row["url"],
                        title=row["title"], published=row["published"], attempts=row["attempts"])


def mark_done(db: Database, entry_id: int, article_id: int | None, status: str = "done",
              code: str | None = None, message: str | None = None) -> None:
    with db.write() as conn:
        conn.execute(
            "UPDATE entries SET status = ?, article_id = ?, error_code = ?, error = ? WHERE id = ?",
            (status, article_id, code, message, entry_id),
        )


def mark_failed(db: Database, entry_id: int, code: str, message: str) -> None:
    """A transient failure: retried on later runs until MAX_ATTEMPTS."""
    with db.write() as conn:
        conn.execute(
            "UPDATE entries SET attempts = attempts + 1, error_code = ?, error = ?, "
            "status = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE 'pending' END WHERE id = ?",
            (code, message, MAX_ATTEMPTS, entry_id),
        )


def entry_counts(db: Database) -> dict[str, int]:
    rows = db.read().execute("SELECT status, COUNT(*) AS n FROM entries GROUP BY status").fetchall()
    return {r["status"]: r["n"] for r in rows}


def touch(now: str | None = None) -> str:
    return now or now_iso()

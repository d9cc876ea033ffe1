"""Discovered entries: the work queue that makes an interrupted run resumable.

An entry is ``pending`` until processed, then ``done``, ``dropped`` (a normal
rejection), ``failed`` (a permanent failure: not an article) or ``parked``: it
failed the same way ``park_after`` times in a row and is no longer retried
(``requeue_parked`` puts parked entries back in the queue).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from ...clock import now_iso
from ...models import FeedEntry
from ..records import ParkedEntry, PendingEntry

if TYPE_CHECKING:
    from .store import SqliteStore as Database

MAX_ATTEMPTS = 3
_FREE = "(lease_until IS NULL OR lease_until <= ?)"


def enqueue_entries(db: Database, source_id: int | None, entries: list[FeedEntry]) -> int:
    """Remember new entries (by URL); returns how many were new."""
    new = 0
    now = now_iso()
    with db.write() as conn:
        for entry in entries:
            cur = conn.execute(
                "INSERT OR IGNORE INTO entries (source_id, url, title, published, first_seen, "
                "guid, author, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (source_id, entry.url, entry.title, entry.published, now, entry.guid,
                 entry.author, entry.content),
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
                        title=row["title"], published=row["published"], attempts=row["attempts"],
                        guid=row["guid"], author=row["author"] or "", content=row["content"])


def mark_done(db: Database, entry_id: int, article_id: int | None, status: str = "done",
              code: str | None = None, message: str | None = None) -> None:
    with db.write() as conn:
        conn.execute(
            "UPDATE entries SET status = ?, article_id = ?, error_code = ?, error = ? WHERE id = ?",
            (status, article_id, code, message, entry_id),
        )


def mark_failed(db: Database, entry_id: int, code: str, message: str,
                park_after: int = MAX_ATTEMPTS) -> str:
    """A failure worth retrying: the entry stays pending until it has failed the same way
    ``park_after`` times in a row, then it is parked. Returns the new status."""
    with db.write() as conn:
        row = conn.execute("SELECT attempts, error_code FROM entries WHERE id = ?",
                           (entry_id,)).fetchone()
        if row is None:
            return "missing"
        attempts = row["attempts"] + 1 if row["error_code"] == code else 1
        status = "parked" if attempts >= max(1, park_after) else "pending"
        conn.execute("UPDATE entries SET attempts = ?, error_code = ?, error = ?, status = ? "
                     "WHERE id = ?", (attempts, code, message, status, entry_id))
    return status


def parked_entries(db: Database, source_id: int | None = None,
                   limit: int = 200) -> list[ParkedEntry]:
    sql = "SELECT * FROM entries WHERE status = 'parked'"
    params: tuple = ()
    if source_id is not None:
        sql += " AND source_id = ?"
        params = (source_id,)
    rows = db.read().execute(sql + " ORDER BY id LIMIT ?", params + (limit,)).fetchall()
    return [ParkedEntry(r["id"], r["source_id"], r["url"], r["attempts"], r["error_code"],
                        r["error"]) for r in rows]


def requeue_parked(db: Database) -> int:
    """Put every parked entry back in the queue, its failure count reset."""
    with db.write() as conn:
        return conn.execute("UPDATE entries SET status = 'pending', attempts = 0 "
                            "WHERE status = 'parked'").rowcount


def entry_counts(db: Database) -> dict[str, int]:
    rows = db.read().execute("SELECT status, COUNT(*) AS n FROM entries GROUP BY status").fetchall()
    return {r["status"]: r["n"] for r in rows}


def touch(now: str | None = None) -> str:
    return now or now_iso()

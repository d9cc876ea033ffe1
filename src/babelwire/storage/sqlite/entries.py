"""Discovered entries: the work queue that makes an interrupted run resumable."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from ...clock import later_iso, now_iso
from ...models import FeedEntry
from ..records import PendingEntry
from .base import Repository, bind

if TYPE_CHECKING:
    from .database import SqliteStore as Database

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


def claim_entries(db: Database, n: int, lease_seconds: float, worker_id: str,
                  source_id: int | None = None) -> list[PendingEntry]:
    """Up to ``n`` pending entries, each handed to ``worker_id`` alone until its lease ends.

    An entry whose lease ran out (its worker died) is pending again and can be claimed.
    ``mark_done``/``mark_failed`` end the claim."""
    now, until = now_iso(), later_iso(lease_seconds)
    where, params = f"status = 'pending' AND {_FREE}", [now]
    if source_id is not None:
        where += " AND source_id = ?"
        params.append(source_id)
    with db.write() as conn:
        rows = conn.execute(
            "UPDATE entries SET lease_until = ?, lease_owner = ? WHERE id IN "
            f"(SELECT id FROM entries WHERE {where} ORDER BY id LIMIT ?) RETURNING *",
            (until, worker_id, *params, n)).fetchall()
    return sorted((_pending(r) for r in rows), key=lambda entry: entry.id)


def release_entries(db: Database, entry_ids: list[int], worker_id: str | None = None) -> None:
    """Give claimed entries back before their lease ends (a worker stopping cleanly);
    with ``worker_id``, only those that worker still holds."""
    with db.write() as conn:
        conn.executemany(
            "UPDATE entries SET lease_until = NULL, lease_owner = NULL "
            "WHERE id = ? AND (? IS NULL OR lease_owner = ?)",
            [(entry_id, worker_id, worker_id) for entry_id in entry_ids])


def _pending(row: sqlite3.Row) -> PendingEntry:
    return PendingEntry(id=row["id"], source_id=row["source_id"], url=row["url"],
                        title=row["title"], published=row["published"], attempts=row["attempts"])


def mark_done(db: Database, entry_id: int, article_id: int | None, status: str = "done",
              code: str | None = None, message: str | None = None) -> None:
    with db.write() as conn:
        conn.execute(
            "UPDATE entries SET status = ?, article_id = ?, error_code = ?, error = ?, "
            "lease_until = NULL, lease_owner = NULL WHERE id = ?",
            (status, article_id, code, message, entry_id),
        )


def mark_failed(db: Database, entry_id: int, code: str, message: str) -> None:
    """A transient failure: retried on later runs until MAX_ATTEMPTS."""
    with db.write() as conn:
        conn.execute(
            "UPDATE entries SET attempts = attempts + 1, error_code = ?, error = ?, "
            "lease_until = NULL, lease_owner = NULL, "
            "status = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE 'pending' END WHERE id = ?",
            (code, message, MAX_ATTEMPTS, entry_id),
        )


def entry_counts(db: Database) -> dict[str, int]:
    rows = db.read().execute("SELECT status, COUNT(*) AS n FROM entries GROUP BY status").fetchall()
    return {r["status"]: r["n"] for r in rows}


def touch(now: str | None = None) -> str:
    return now or now_iso()


class SqliteEntries(Repository):
    enqueue = bind(enqueue_entries)
    pending = bind(pending_entries)
    claim = bind(claim_entries)
    release = bind(release_entries)
    mark_done = bind(mark_done)
    mark_failed = bind(mark_failed)
    counts = bind(entry_counts)

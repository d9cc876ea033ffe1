"""Discovered entries: the work queue that makes an interrupted run resumable.

Transitional shims (issue 12): the pre-port functions ``f(db, ...)``, each delegating to
the store's repository, so code written before the port keeps working. New code calls
the repository (``db.entries.<method>(...)``) directly; the SQL is in ``storage/sqlite/``.
"""

from __future__ import annotations

from typing import Any

from ..clock import now_iso
from ..models import FeedEntry
from .records import ParkedEntry, PendingEntry
from .sqlite.entries import MAX_ATTEMPTS

__all__ = ["MAX_ATTEMPTS", "PendingEntry", "claim_entries", "entry_counts", "enqueue_entries",
           "mark_done", "mark_failed", "parked_entries", "pending_entries", "requeue_parked"]


def enqueue_entries(db: Any, source_id: int | None, entries: list[FeedEntry]) -> int:
    return db.entries.enqueue(source_id, entries)


def pending_entries(db: Any, source_id: int | None = None, limit: int = 1000) -> list[PendingEntry]:
    return db.entries.pending(source_id, limit)


def claim_entries(db: Any, n: int, lease_seconds: float, worker_id: str,
                  source_id: int | None = None) -> list[PendingEntry]:
    return db.entries.claim(n, lease_seconds, worker_id, source_id)


def mark_done(db: Any, entry_id: int, article_id: int | None, status: str = "done",
              code: str | None = None, message: str | None = None) -> None:
    db.entries.mark_done(entry_id, article_id, status, code, message)


def mark_failed(db: Any, entry_id: int, code: str, message: str,
                park_after: int = MAX_ATTEMPTS) -> str:
    return db.entries.mark_failed(entry_id, code, message, park_after)


def parked_entries(db: Any, source_id: int | None = None, limit: int = 200) -> list[ParkedEntry]:
    return db.entries.parked(source_id, limit)


def requeue_parked(db: Any) -> int:
    return db.entries.requeue_parked()


def entry_counts(db: Any) -> dict[str, int]:
    return db.entries.counts()


def touch(now: str | None = None) -> str:
    return now or now_iso()

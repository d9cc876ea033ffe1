"""Claims with leases in PostgreSQL: ``FOR UPDATE SKIP LOCKED``.

Two workers claiming at once each lock the rows they pick and skip rows
another transaction holds, so no item goes to two workers and neither waits.
A translation job is a row of ``translation_claims``: the candidate articles
are locked (``FOR NO KEY UPDATE SKIP LOCKED``: a translation being saved, which
only key-shares the article, does not block it) while the claim rows are written, and a claim row
whose lease ran out is taken over by ``ON CONFLICT ... WHERE`` the lease ended.
Finishing an item ends its claim in the same transaction (the SQLite module's
wrappers, reused).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...clock import later_iso, now_iso
from ..records import PendingEntry
from ..sqlite.claims import (mark_done, mark_failed, record_translation_failure,  # noqa: F401
                             release_entries, release_untranslated, save_translation)
from ..sqlite.claims import claim_entries_locking
from ..sqlite.translations import _UNTRANSLATED as SHARED_UNTRANSLATED

if TYPE_CHECKING:
    from .store import PostgresStore as Database

_UNTRANSLATED = SHARED_UNTRANSLATED + " FOR NO KEY UPDATE OF a SKIP LOCKED"


def claim_entries(db: Database, n: int, lease_seconds: float, worker_id: str,
                  source_id: int | None = None) -> list[PendingEntry]:
    """Up to ``n`` pending entries, each handed to ``worker_id`` alone until its lease ends;
    rows another worker is claiming are skipped, not waited for."""
    return claim_entries_locking(db, n, lease_seconds, worker_id, source_id,
                                 row_lock=" FOR UPDATE SKIP LOCKED")


def claim_untranslated(db: Database, language: str, n: int, lease_seconds: float,
                       worker_id: str) -> list[int]:
    """Up to ``n`` articles to translate into ``language``, each handed to ``worker_id``
    alone until its lease ends; saving the translation or recording a failure ends it."""
    now, until = now_iso(), later_iso(lease_seconds)
    with db.write() as conn:
        ids = [row[0] for row in conn.execute(
            _UNTRANSLATED, (language, language, language, language, now, n)).fetchall()]
        taken: list[int] = []
        for article_id in ids:
            row = conn.execute(
                "INSERT INTO translation_claims (article_id, language, lease_owner, lease_until) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (article_id, language) DO UPDATE SET "
                "lease_owner = EXCLUDED.lease_owner, lease_until = EXCLUDED.lease_until "
                "WHERE translation_claims.lease_until <= ? RETURNING article_id",
                (article_id, language, worker_id, until, now)).fetchone()
            if row is not None:
                taken.append(article_id)
    return taken


__all__ = ["claim_entries", "claim_untranslated", "mark_done", "mark_failed",
           "record_translation_failure", "release_entries", "release_untranslated",
           "save_translation"]



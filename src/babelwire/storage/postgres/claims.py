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
from ..sqlite.entries import _FREE, _pending

if TYPE_CHECKING:
    from .store import PostgresStore as Database

_UNTRANSLATED = (
    "SELECT a.id FROM articles a WHERE a.language != ? AND a.language != 'und' "
    "AND NOT EXISTS (SELECT 1 FROM translations t WHERE t.article_id = a.id AND t.language = ?) "
    "AND NOT EXISTS (SELECT 1 FROM translation_failures f WHERE f.article_id = a.id "
    "AND f.language = ?) "
    "AND NOT EXISTS (SELECT 1 FROM translation_claims c WHERE c.article_id = a.id "
    "AND c.language = ? AND c.lease_until > ?) ORDER BY a.id LIMIT ? "
    "FOR NO KEY UPDATE OF a SKIP LOCKED"
)


def claim_entries(db: Database, n: int, lease_seconds: float, worker_id: str,
                  source_id: int | None = None) -> list[PendingEntry]:
    """Up to ``n`` pending entries, each handed to ``worker_id`` alone until its lease ends."""
    now, until = now_iso(), later_iso(lease_seconds)
    where, params = f"status = 'pending' AND {_FREE}", [now]
    if source_id is not None:
        where += " AND source_id = ?"
        params.append(source_id)
    with db.write() as conn:
        rows = conn.execute(
            "UPDATE entries SET lease_until = ?, lease_owner = ? WHERE id IN "
            f"(SELECT id FROM entries WHERE {where} ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) "
            "RETURNING *", (until, worker_id, *params, n)).fetchall()
    return sorted((_pending(r) for r in rows), key=lambda entry: entry.id)


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



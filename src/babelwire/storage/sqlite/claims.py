"""Claims with leases in SQLite (migration 5): an item is handed to one worker until its
lease ends; finishing it ends the claim, and a dead worker's items come back.

SQLite allows one writer at a time across every process, so a claim (one
``BEGIN IMMEDIATE`` transaction) cannot interleave with another.
"""

from __future__ import annotations

from functools import wraps
from typing import TYPE_CHECKING, Any, Callable, Iterable

from ...clock import later_iso, now_iso
from ..records import PendingEntry
from . import entries, translations
from .entries import _FREE, _pending
from .translations import _UNTRANSLATED

if TYPE_CHECKING:
    from .store import SqliteStore as Database


def claim_entries(db: Database, n: int, lease_seconds: float, worker_id: str,
                  source_id: int | None = None) -> list[PendingEntry]:
    """Up to ``n`` pending entries, each handed to ``worker_id`` alone until its lease ends.

    An entry whose lease ran out (its worker died) is pending again and can be claimed.
    ``mark_done``/``mark_failed`` end the claim."""
    return claim_entries_locking(db, n, lease_seconds, worker_id, source_id, row_lock="")


def claim_entries_locking(db: Database, n: int, lease_seconds: float, worker_id: str,
                          source_id: int | None, row_lock: str) -> list[PendingEntry]:
    """``claim_entries`` with a backend's clause for the picked rows (``row_lock``:
    PostgreSQL's `` FOR UPDATE SKIP LOCKED``; SQLite has one writer and needs none)."""
    now, until = now_iso(), later_iso(lease_seconds)
    where, params = f"status = 'pending' AND {_FREE}", [now]
    if source_id is not None:
        where += " AND source_id = ?"
        params.append(source_id)
    with db.write() as conn:
        rows = conn.execute(
            "UPDATE entries SET lease_until = ?, lease_owner = ? WHERE id IN "
            f"(SELECT id FROM entries WHERE {where} ORDER BY id LIMIT ?{row_lock}) RETURNING *",
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


def claim_untranslated(db: Database, language: str, n: int, lease_seconds: float,
                       worker_id: str) -> list[int]:
    """Up to ``n`` articles to translate into ``language``, each handed to ``worker_id`` alone
    until its lease ends; saving the translation or recording a failure ends the claim."""
    now, until = now_iso(), later_iso(lease_seconds)
    with db.write() as conn:
        rows = conn.execute(_UNTRANSLATED, (language, language, language, language, now, n))
        ids = [row["id"] for row in rows.fetchall()]
        conn.executemany(
            "INSERT OR REPLACE INTO translation_claims (article_id, language, lease_owner, "
            "lease_until) VALUES (?, ?, ?, ?)", [(i, language, worker_id, until) for i in ids])
    return ids


def release_untranslated(db: Database, language: str, article_ids: Iterable[int],
                         worker_id: str | None = None) -> None:
    """Give claimed translation jobs back before their leases end; with ``worker_id``,
    only those that worker still holds."""
    with db.write() as conn:
        conn.executemany(
            "DELETE FROM translation_claims WHERE article_id = ? AND language = ? "
            "AND (? IS NULL OR lease_owner = ?)",
            [(i, language, worker_id, worker_id) for i in article_ids])


def release_dead_owners(db: Database, is_dead: Callable[[str], bool]) -> int:
    """Free every entry and translation job held by an owner that ``is_dead`` judges gone
    (a worker of this host killed with SIGKILL), without waiting for its leases to end.
    Returns how many items were freed."""
    with db.write() as conn:
        owners = {row[0] for row in conn.execute(
            "SELECT DISTINCT lease_owner FROM entries WHERE lease_owner IS NOT NULL "
            "UNION SELECT DISTINCT lease_owner FROM translation_claims")}
        dead = [(owner,) for owner in owners if is_dead(owner)]
        before = conn.total_changes
        conn.executemany("UPDATE entries SET lease_until = NULL, lease_owner = NULL "
                         "WHERE lease_owner = ?", dead)
        conn.executemany("DELETE FROM translation_claims WHERE lease_owner = ?", dead)
        return conn.total_changes - before


# -- finishing an item ends its claim, in the same transaction as the item's own write


def _ending_entry_claim(function: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(function)
    def finish(db: Database, entry_id: int, *args: Any, **kwargs: Any) -> Any:
        with db.write() as conn:
            result = function(db, entry_id, *args, **kwargs)
            conn.execute("UPDATE entries SET lease_until = NULL, lease_owner = NULL WHERE id = ?",
                         (entry_id,))
        return result

    return finish


def _ending_translation_claim(function: Callable[..., Any],
                              key: Callable[..., tuple[int, str]]) -> Callable[..., Any]:
    @wraps(function)
    def finish(db: Database, *args: Any, **kwargs: Any) -> Any:
        with db.write() as conn:
            result = function(db, *args, **kwargs)
            conn.execute("DELETE FROM translation_claims WHERE article_id = ? AND language = ?",
                         key(*args, **kwargs))
        return result

    return finish


mark_done = _ending_entry_claim(entries.mark_done)
mark_failed = _ending_entry_claim(entries.mark_failed)
save_translation = _ending_translation_claim(
    translations.save_translation,
    lambda translation, *_, **__: (translation.article_id, translation.language))
record_translation_failure = _ending_translation_claim(
    translations.record_translation_failure,
    lambda article_id, language, *_, **__: (article_id, language))

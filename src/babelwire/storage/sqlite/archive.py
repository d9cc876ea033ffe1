"""The evidence archive's index in SQLite (migration 8, issue 15): WARC record locations,
payload digests for deduplication, and the records each article was built from."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..records import record_of
from ..watch_records import ArchiveRecord

if TYPE_CHECKING:
    from .store import SqliteStore as Database

_PAGE_LINKS = """
    INSERT OR IGNORE INTO article_archive (article_id, record_id, role)
    SELECT a.id, (SELECT r.id FROM archive_records r WHERE r.uri IN (a.url, a.canonical_url)
                  AND r.fetched_at <= a.first_seen ORDER BY r.fetched_at DESC, r.id DESC LIMIT 1),
           'page'
    FROM articles a WHERE a.first_seen >= ? AND NOT EXISTS (
        SELECT 1 FROM article_archive x WHERE x.article_id = a.id AND x.role = 'page')
    AND EXISTS (SELECT 1 FROM archive_records r WHERE r.uri IN (a.url, a.canonical_url)
                AND r.fetched_at <= a.first_seen)
"""
_FEED_LINKS = """
    INSERT OR IGNORE INTO article_archive (article_id, record_id, role)
    SELECT a.id, (SELECT r.id FROM archive_records r WHERE r.uri = s.url
                  AND r.fetched_at <= a.first_seen ORDER BY r.fetched_at DESC, r.id DESC LIMIT 1),
           'feed'
    FROM articles a JOIN sources s ON s.id = a.source_id
    WHERE a.first_seen >= ? AND s.url NOT IN (a.url, a.canonical_url) AND NOT EXISTS (
        SELECT 1 FROM article_archive x WHERE x.article_id = a.id AND x.role = 'feed')
    AND EXISTS (SELECT 1 FROM archive_records r WHERE r.uri = s.url
                AND r.fetched_at <= a.first_seen)
"""


def original_of(db: Database, payload_digest: str) -> ArchiveRecord | None:
    """The kept response record with this payload, if any (a new copy becomes a revisit)."""
    row = db.read().execute(
        "SELECT * FROM archive_records WHERE payload_digest = ? AND kind = 'response' "
        "ORDER BY id LIMIT 1", (payload_digest,)).fetchone()
    return None if row is None else record_of(ArchiveRecord, row)


def add_record(db: Database, record: ArchiveRecord) -> int:
    with db.write() as conn:
        cursor = conn.execute(
            "INSERT INTO archive_records (record_id, uri, fetched_at, kind, payload_digest, file, "
            "\"offset\", length, refers_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (record.record_id, record.uri, record.fetched_at, record.kind, record.payload_digest,
             record.file, record.offset, record.length, record.refers_to))
        return int(cursor.lastrowid)


def link_articles(db: Database, since: str) -> int:
    """Point each article first seen since ``since`` at the page and feed records it was
    built from (the latest fetch of its URL, and of its source, before it was stored)."""
    with db.write() as conn:
        pages = conn.execute(_PAGE_LINKS, (since,)).rowcount
        feeds = conn.execute(_FEED_LINKS, (since,)).rowcount
    return pages + feeds


def records_of_articles(db: Database, article_ids: Iterable[int]) -> list[ArchiveRecord]:
    ids = list(article_ids)
    if not ids:
        return []
    rows = db.read().execute(
        "SELECT r.*, x.role, x.article_id FROM article_archive x "
        "JOIN archive_records r ON r.id = x.record_id "
        f"WHERE x.article_id IN ({','.join('?' * len(ids))}) ORDER BY r.id", ids).fetchall()
    return [record_of(ArchiveRecord, row) for row in rows]


def records_between(db: Database, start: str, end: str) -> list[ArchiveRecord]:
    rows = db.read().execute(
        "SELECT * FROM archive_records WHERE fetched_at >= ? AND fetched_at < ? ORDER BY id",
        (start, end)).fetchall()
    return [record_of(ArchiveRecord, row) for row in rows]


def records_by_id(db: Database, ids: Iterable[int]) -> list[ArchiveRecord]:
    wanted = list(ids)
    if not wanted:
        return []
    rows = db.read().execute(
        f"SELECT * FROM archive_records WHERE id IN ({','.join('?' * len(wanted))}) ORDER BY id",
        wanted).fetchall()
    return [record_of(ArchiveRecord, row) for row in rows]


def forget_before(db: Database, cutoff: str) -> list[str]:
    """Drop index rows fetched before ``cutoff``; returns the files no row points to now."""
    with db.write() as conn:
        files = {row[0] for row in conn.execute(
            "SELECT DISTINCT file FROM archive_records WHERE fetched_at < ?", (cutoff,))}
        conn.execute("DELETE FROM archive_records WHERE fetched_at < ?", (cutoff,))
        kept = {row[0] for row in conn.execute("SELECT DISTINCT file FROM archive_records")}
    return sorted(files - kept)

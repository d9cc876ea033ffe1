"""Each site's relay judgement as of its last trace (migration 10, issue 15), so a site newly
flagged as a relay can be told to the watches that ask for it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..records import record_of
from ..watch_records import RelaySite

if TYPE_CHECKING:
    from .store import SqliteStore as Database


def linked_urls_since(db: Database, since: str) -> list[str]:
    """URLs of the articles given a derived link (not ``same_event``) at or after ``since``."""
    rows = db.read().execute(
        "SELECT DISTINCT a.url FROM provenance_links l JOIN articles a ON a.id = l.article_id "
        "WHERE l.created_at >= ? AND l.relation != 'same_event' ORDER BY a.url",
        (since,)).fetchall()
    return [row[0] for row in rows]


def relay_sites(db: Database, hosts: Iterable[str] | None = None) -> dict[str, RelaySite]:
    """The stored judgements of ``hosts`` (``None``: every site), by host."""
    sql, params = "SELECT * FROM relay_sites", []
    if hosts is not None:
        params = sorted(set(hosts))
        if not params:
            return {}
        sql += f" WHERE host IN ({','.join('?' * len(params))})"
    rows = db.read().execute(sql + " ORDER BY host", params).fetchall()
    return {row["host"]: record_of(RelaySite, row) for row in rows}


def save_relay_sites(db: Database, sites: Iterable[RelaySite]) -> None:
    with db.write() as conn:
        for site in sites:
            conn.execute(
                "INSERT INTO relay_sites (host, relay, reasons, article_count, article_id, "
                "flagged_at, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (host) DO "
                "UPDATE SET relay = excluded.relay, reasons = excluded.reasons, "
                "article_count = excluded.article_count, article_id = excluded.article_id, "
                "flagged_at = excluded.flagged_at, checked_at = excluded.checked_at",
                (site.host, site.relay, site.reasons, site.article_count, site.article_id,
                 site.flagged_at, site.checked_at))

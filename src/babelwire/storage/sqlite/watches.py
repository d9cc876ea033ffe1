"""Watches, their matches and the alert outbox in SQLite (migration 7, issue 15).

A match is recorded once per (watch, article) and its outbox rows (one per
channel) are written in the same transaction, so an alert is neither lost nor
doubled. A sender claims due rows with a lease; delivering ends the row and
logs the attempt in one transaction.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Iterable

from ...errors import ConfigError
from ..records import record_of
from ..search import SearchQuery
from ..watch_records import (AlertRow, DeliveryRow, ProvenanceCandidate, WatchMatch, WatchRow,
                             WatchSpec)

if TYPE_CHECKING:
    from .store import SqliteStore as Database

_MATCH_SELECT = (
    "SELECT m.*, a.title, a.url, a.language, a.first_seen, a.published, a.standfirst, "
    "s.name AS source_name FROM watch_matches m JOIN articles a ON a.id = m.article_id "
    "LEFT JOIN sources s ON s.id = a.source_id"
)


def add_watch(db: Database, spec: WatchSpec, now: str) -> WatchRow:
    with db.write() as conn:
        cursor = conn.execute(
            "INSERT INTO watches (kind, target, label, email, email_mode, webhook_url, "
            "webhook_secret, created_at, within_minutes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (spec.kind, spec.target, spec.label, spec.email, spec.email_mode, spec.webhook_url,
             spec.webhook_secret, now, spec.within_minutes))
        row = conn.execute("SELECT * FROM watches WHERE id = ?", (cursor.lastrowid,)).fetchone()
    return record_of(WatchRow, row)


def list_watches(db: Database) -> list[WatchRow]:
    rows = db.read().execute("SELECT * FROM watches ORDER BY id").fetchall()
    return [record_of(WatchRow, row) for row in rows]


def get_watch(db: Database, watch_id: int) -> WatchRow | None:
    row = db.read().execute("SELECT * FROM watches WHERE id = ?", (watch_id,)).fetchone()
    return None if row is None else record_of(WatchRow, row)


def remove_watch(db: Database, watch_id: int) -> WatchRow:
    with db.write() as conn:
        row = conn.execute("SELECT * FROM watches WHERE id = ?", (watch_id,)).fetchone()
        if row is None:
            raise ConfigError(f"no watch #{watch_id}: `babelwire watch list` shows them")
        conn.execute("DELETE FROM watches WHERE id = ?", (watch_id,))
    return record_of(WatchRow, row)


def text_candidates(db: Database, query: SearchQuery, since: str) -> list[int]:
    """Articles first seen at or after ``since`` whose original or translation matches."""
    if query.empty:
        return []
    rows = db.read().execute(
        "SELECT a.id FROM search_index JOIN articles a ON a.id = search_index.rowid "
        "WHERE search_index MATCH ? AND a.first_seen >= ? ORDER BY a.id",
        (query.fts(), since)).fetchall()
    return [int(row[0]) for row in rows]


def outlet_candidates(db: Database, source_id: int, since: str) -> list[int]:
    rows = db.read().execute(
        "SELECT id FROM articles WHERE source_id = ? AND first_seen >= ? ORDER BY id",
        (source_id, since)).fetchall()
    return [int(row[0]) for row in rows]


def relay_candidates(db: Database, source_id: int, since: str) -> list[int]:
    """Articles newly linked (copied or translated) from an article of outlet ``source_id``."""
    rows = db.read().execute(
        "SELECT DISTINCT l.article_id FROM provenance_links l "
        "JOIN articles origin ON origin.id = l.derived_from "
        "JOIN articles copy ON copy.id = l.article_id "
        "WHERE origin.source_id = ? AND l.created_at >= ? "
        "AND COALESCE(copy.source_id, -1) != origin.source_id ORDER BY l.article_id",
        (source_id, since)).fetchall()
    return [int(row[0]) for row in rows]


def translated_candidates(db: Database, origin: str, since: str,
                          within_seconds: int | None) -> list[ProvenanceCandidate]:
    """Articles newly traced as translations of an article in language ``origin`` (or, given
    digits, of outlet ``origin``'s), at most ``within_seconds`` after it when given."""
    column = "origin.source_id" if origin.isdigit() else "origin.language"
    sql = ("SELECT l.article_id, l.derived_from, l.lag_seconds, origin.language FROM "
           "provenance_links l JOIN articles origin ON origin.id = l.derived_from "
           f"WHERE l.relation = 'translation' AND {column} = ? AND l.created_at >= ?")
    params: list[object] = [int(origin) if origin.isdigit() else origin, since]
    if within_seconds is not None:
        sql += " AND l.lag_seconds IS NOT NULL AND l.lag_seconds <= ?"
        params.append(within_seconds)
    rows = db.read().execute(sql + " ORDER BY l.article_id", params).fetchall()
    return [ProvenanceCandidate(int(row[0]), _translated_reason(row)) for row in rows]


def _translated_reason(row) -> str:
    lag = "" if row[2] is None else f", {max(0, int(row[2])) // 60} min later"
    return f"translation of article #{row[1]} ({row[3]}){lag}"


def relay_site_candidates(db: Database, host: str | None,
                          since: str) -> list[ProvenanceCandidate]:
    """Sites flagged as relays at or after ``since`` (``host``: that site only), each as its
    newest article derived from another site's."""
    sql = ("SELECT host, article_id, reasons FROM relay_sites WHERE relay = 1 AND "
           "flagged_at >= ? AND article_id IS NOT NULL")
    params: list[object] = [since]
    if host is not None:
        sql += " AND host = ?"
        params.append(host)
    rows = db.read().execute(sql + " ORDER BY host", params).fetchall()
    return [ProvenanceCandidate(int(row[1]), f"{row[0]} newly flagged as a relay site: "
                                + "; ".join(json.loads(row[2] or "[]"))) for row in rows]


def record_matches(db: Database, watch: WatchRow, article_ids: Iterable[int], reason: str,
                   channels: dict[str, str], now: str) -> list[int]:
    """Record each new (watch, article) match and, in the same transaction, one outbox row per
    channel (``channels``: channel -> first attempt time). Returns the new match ids."""
    created: list[int] = []
    with db.write() as conn:
        for article_id in article_ids:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO watch_matches (watch_id, article_id, reason, matched_at) "
                "VALUES (?, ?, ?, ?)", (watch.id, article_id, reason, now))
            if not cursor.rowcount:
                continue
            created.append(int(cursor.lastrowid))
            for channel, first_attempt in channels.items():
                conn.execute(
                    "INSERT OR IGNORE INTO watch_alerts (match_id, watch_id, channel, created_at, "
                    "next_attempt_at) VALUES (?, ?, ?, ?, ?)",
                    (cursor.lastrowid, watch.id, channel, now, first_attempt))
    return created


def watch_matches(db: Database, watch_id: int, limit: int = 50,
                  match_ids: Iterable[int] | None = None) -> list[WatchMatch]:
    sql, params = _MATCH_SELECT + " WHERE m.watch_id = ?", [watch_id]
    if match_ids is not None:
        ids = list(match_ids)
        sql += f" AND m.id IN ({','.join('?' * len(ids))})"
        params += ids
    rows = db.read().execute(sql + " ORDER BY m.id DESC LIMIT ?", (*params, limit)).fetchall()
    return [record_of(WatchMatch, row) for row in rows]


def claim_alerts(db: Database, now: str, lease_until: str, limit: int = 100) -> list[AlertRow]:
    """Due, undelivered outbox rows not under a live lease; each is leased to the caller."""
    with db.write() as conn:
        rows = conn.execute(
            "UPDATE watch_alerts SET lease_until = ? WHERE id IN (SELECT id FROM watch_alerts "
            "WHERE delivered_at IS NULL AND next_attempt_at <= ? "
            "AND (lease_until IS NULL OR lease_until <= ?) ORDER BY id LIMIT ?) RETURNING *",
            (lease_until, now, now, limit)).fetchall()
    return sorted((record_of(AlertRow, row) for row in rows), key=lambda alert: alert.id)


def mark_delivered(db: Database, alert_ids: Iterable[int], now: str, detail: str = "") -> None:
    """End these rows and log the attempt, in one transaction."""
    with db.write() as conn:
        for alert_id in alert_ids:
            cursor = conn.execute(
                "UPDATE watch_alerts SET delivered_at = ?, attempts = attempts + 1, "
                "lease_until = NULL, last_error = NULL WHERE id = ? AND delivered_at IS NULL "
                "RETURNING attempts", (now, alert_id))
            row = cursor.fetchone()
            if row is not None:
                _log(conn, alert_id, row[0], now, "delivered", detail)


def mark_failed(db: Database, alert_ids: Iterable[int], now: str, error: str,
                retry_at: dict[int, str]) -> None:
    """Count a failed attempt, log it, and schedule the next one (``retry_at``: id -> time)."""
    with db.write() as conn:
        for alert_id in alert_ids:
            row = conn.execute(
                "UPDATE watch_alerts SET attempts = attempts + 1, lease_until = NULL, "
                "last_error = ?, next_attempt_at = ? WHERE id = ? AND delivered_at IS NULL "
                "RETURNING attempts", (error, retry_at[alert_id], alert_id)).fetchone()
            if row is not None:
                _log(conn, alert_id, row[0], now, "failed", error)


def _log(conn, alert_id: int, attempt: int, now: str, status: str, detail: str) -> None:
    conn.execute("INSERT INTO watch_deliveries (alert_id, attempt, at, status, detail) "
                 "VALUES (?, ?, ?, ?, ?)", (alert_id, attempt, now, status, detail[:500]))


def deliveries(db: Database, watch_id: int | None = None, limit: int = 100) -> list[DeliveryRow]:
    sql = ("SELECT d.*, w.watch_id, w.channel, m.article_id FROM watch_deliveries d "
           "JOIN watch_alerts w ON w.id = d.alert_id JOIN watch_matches m ON m.id = w.match_id")
    params: list[object] = []
    if watch_id is not None:
        sql += " WHERE w.watch_id = ?"
        params.append(watch_id)
    rows = db.read().execute(sql + " ORDER BY d.id DESC LIMIT ?", (*params, limit)).fetchall()
    return [record_of(DeliveryRow, row) for row in rows]


def pending_alerts(db: Database, watch_id: int | None = None) -> list[AlertRow]:
    sql, params = "SELECT * FROM watch_alerts WHERE delivered_at IS NULL", []
    if watch_id is not None:
        sql += " AND watch_id = ?"
        params.append(watch_id)
    rows = db.read().execute(sql + " ORDER BY id", params).fetchall()
    return [record_of(AlertRow, row) for row in rows]

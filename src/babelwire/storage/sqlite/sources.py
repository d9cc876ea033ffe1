"""Sources and their health: the fetch bookkeeping lives in the data model."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from ...clock import later_iso, now_iso
from ...errors import SourceError
from ...models import Source, SourceHealth
from ..records import SourceEvent, SourceRow, record_of

if TYPE_CHECKING:
    from .store import SqliteStore as Database

_SOURCE_COLUMNS = "id, url, name, kind, enabled"


def _source(row: sqlite3.Row) -> Source:
    return Source(id=row["id"], url=row["url"], name=row["name"], kind=row["kind"],
                  enabled=bool(row["enabled"]))


def add_source(db: Database, url: str, name: str = "", kind: str = "feed") -> tuple[Source, bool]:
    """Add a source; returns it and whether it was new (adding twice is harmless)."""
    with db.write() as conn:
        row = conn.execute(f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE url = ?", (url,)).fetchone()
        if row is not None:
            if name and not row["name"]:
                conn.execute("UPDATE sources SET name = ? WHERE id = ?", (name, row["id"]))
            return _source(row), False
        cur = conn.execute(
            "INSERT INTO sources (url, name, kind, added_at, next_check_at) VALUES (?, ?, ?, ?, ?)",
            (url, name, kind, now_iso(), now_iso()),
        )
        return Source(id=cur.lastrowid, url=url, name=name, kind=kind), True


def list_sources(db: Database) -> list[Source]:
    rows = db.read().execute(f"SELECT {_SOURCE_COLUMNS} FROM sources ORDER BY id").fetchall()
    return [_source(r) for r in rows]


def find_source(db: Database, url_or_id: str) -> Source | None:
    conn = db.read()
    if url_or_id.isdigit():
        row = conn.execute(f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE id = ?",
                           (int(url_or_id),)).fetchone()
    else:
        row = conn.execute(f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE url = ?",
                           (url_or_id,)).fetchone()
    return _source(row) if row else None


def remove_source(db: Database, url_or_id: str) -> Source:
    """Remove a source and its pending entries; its articles stay."""
    source = find_source(db, url_or_id)
    if source is None:
        raise SourceError(f"no source {url_or_id!r}: see `babelwire sources list`")
    with db.write() as conn:
        conn.execute("DELETE FROM sources WHERE id = ?", (source.id,))
    return source


def due_sources(db: Database, now: str | None = None) -> list[Source]:
    rows = db.read().execute(
        f"SELECT {_SOURCE_COLUMNS} FROM sources WHERE enabled = 1 "
        "AND (next_check_at IS NULL OR next_check_at <= ?) ORDER BY next_check_at, id",
        (now or now_iso(),),
    ).fetchall()
    return [_source(r) for r in rows]


def next_due(db: Database) -> str | None:
    """When the first enabled source is due ('' if one is due now), ``None`` without any."""
    row = db.read().execute(
        "SELECT MIN(COALESCE(next_check_at, '')) FROM sources WHERE enabled = 1").fetchone()
    return None if row is None else row[0]


def get_health(db: Database, source_id: int) -> SourceHealth:
    row = db.read().execute("SELECT * FROM sources WHERE id = ?", (source_id,)).fetchone()
    if row is None:
        raise SourceError(f"no source with id {source_id}")
    return SourceHealth(
        source_id=row["id"], last_fetch_at=row["last_fetch_at"],
        last_success_at=row["last_success_at"], etag=row["etag"],
        last_modified=row["last_modified"], error_count=row["error_count"],
        last_error_code=row["last_error_code"], last_error=row["last_error"],
        next_check_at=row["next_check_at"],
    )


def health_rows(db: Database) -> list[SourceRow]:
    """Every source with its health columns and article count, for listings."""
    rows = db.read().execute(
        "SELECT s.*, (SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id) AS article_count "
        "FROM sources s ORDER BY s.id"
    ).fetchall()
    return [record_of(SourceRow, row) for row in rows]


def record_success(db: Database, source_id: int, *, etag: str | None,
                   last_modified: str | None, interval: int, name: str = "",
                   fetched_at: str | None = None, next_check_at: str | None = None) -> None:
    """A good poll: fetched at ``fetched_at`` (default now); next check at ``next_check_at``
    (default ``interval`` seconds from now)."""
    now = fetched_at or now_iso()
    with db.write() as conn:
        conn.execute(
            "UPDATE sources SET last_fetch_at = ?, last_success_at = ?, etag = ?, "
            "last_modified = ?, error_count = 0, last_error_code = NULL, last_error = NULL, "
            "next_check_at = ?, name = CASE WHEN name = '' THEN ? ELSE name END WHERE id = ?",
            (now, now, etag, last_modified, next_check_at or later_iso(interval), name,
             source_id),
        )


def record_failure(db: Database, source_id: int, *, code: str, message: str,
                   interval: int, max_backoff: int) -> None:
    """Count the failure and back off exponentially before the next check."""
    with db.write() as conn:
        row = conn.execute("SELECT error_count FROM sources WHERE id = ?", (source_id,)).fetchone()
        count = (row["error_count"] if row else 0) + 1
        wait = min(interval * (2 ** min(count - 1, 16)), max_backoff)
        conn.execute(
            "UPDATE sources SET last_fetch_at = ?, error_count = ?, last_error_code = ?, "
            "last_error = ?, next_check_at = ? WHERE id = ?",
            (now_iso(), count, code, message, later_iso(wait), source_id),
        )
        _event(conn, source_id, "error", code, message, None)


def record_warning(db: Database, source_id: int | None, *, code: str, message: str,
                   url: str | None = None) -> None:
    """A non-fatal problem: the run carried on, the source's health says what happened."""
    if source_id is None:
        return
    with db.write() as conn:
        conn.execute("UPDATE sources SET last_warning_code = ?, last_warning = ? WHERE id = ?",
                     (code, message, source_id))
        _event(conn, source_id, "warning", code, message, url)


def recent_events(db: Database, source_id: int, limit: int = 20) -> list[SourceEvent]:
    rows = db.read().execute(
        "SELECT * FROM source_events WHERE source_id = ? ORDER BY id DESC LIMIT ?",
        (source_id, limit),
    ).fetchall()
    return [record_of(SourceEvent, row) for row in rows]


def _event(conn: sqlite3.Connection, source_id: int, level: str, code: str,
           message: str, url: str | None) -> None:
    conn.execute(
        "INSERT INTO source_events (source_id, at, level, code, message, url) VALUES (?,?,?,?,?,?)",
        (source_id, now_iso(), level, code, message, url),
    )

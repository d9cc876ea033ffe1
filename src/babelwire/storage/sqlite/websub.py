"""WebSub subscriptions and adapted polling in SQLite (migration 9, issue 15)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import record_of
from ..watch_records import Subscription

if TYPE_CHECKING:
    from .store import SqliteStore as Database


def save_subscription(db: Database, source_id: int, *, hub: str, topic: str, secret: str,
                      state: str, now: str, error: str | None = None) -> Subscription:
    with db.write() as conn:
        conn.execute(
            "INSERT INTO websub_subscriptions (source_id, hub, topic, secret, state, checked_at, "
            "last_error) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_id) DO UPDATE SET "
            "hub = excluded.hub, topic = excluded.topic, secret = excluded.secret, "
            "state = excluded.state, checked_at = excluded.checked_at, "
            "last_error = excluded.last_error",
            (source_id, hub, topic, secret, state, now, error))
        row = conn.execute("SELECT * FROM websub_subscriptions WHERE source_id = ?",
                           (source_id,)).fetchone()
    return record_of(Subscription, row)


def get_subscription(db: Database, subscription_id: int) -> Subscription | None:
    row = db.read().execute("SELECT * FROM websub_subscriptions WHERE id = ?",
                            (subscription_id,)).fetchone()
    return None if row is None else record_of(Subscription, row)


def subscriptions(db: Database) -> list[Subscription]:
    rows = db.read().execute("SELECT * FROM websub_subscriptions ORDER BY id").fetchall()
    return [record_of(Subscription, row) for row in rows]


def set_verified(db: Database, subscription_id: int, mode: str, lease_until: str | None) -> None:
    state = "verified" if mode == "subscribe" else "unsubscribed"
    with db.write() as conn:
        conn.execute("UPDATE websub_subscriptions SET state = ?, lease_until = ?, last_error = NULL "
                     "WHERE id = ?", (state, lease_until, subscription_id))


def set_pushed(db: Database, subscription_id: int, now: str) -> None:
    with db.write() as conn:
        conn.execute("UPDATE websub_subscriptions SET pushed_at = ? WHERE id = ?",
                     (now, subscription_id))


def publishing_rates(db: Database, since: str) -> dict[int, tuple[int, str | None]]:
    """Per enabled source: articles first seen since ``since`` (0 included), last fetch."""
    rows = db.read().execute(
        "SELECT s.id, COUNT(a.id), s.last_fetch_at FROM sources s LEFT JOIN articles a "
        "ON a.source_id = s.id AND a.first_seen >= ? WHERE s.enabled = 1 GROUP BY s.id",
        (since,)).fetchall()
    return {int(row[0]): (int(row[1]), row[2]) for row in rows}


def set_next_check(db: Database, source_id: int, at: str) -> None:
    """Move a healthy source's next poll (a failing source keeps its backoff)."""
    with db.write() as conn:
        conn.execute("UPDATE sources SET next_check_at = ? WHERE id = ? AND error_count = 0",
                     (at, source_id))

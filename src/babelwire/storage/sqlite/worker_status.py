"""The poller's state, kept in the store so ``/healthz`` can report it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...clock import now_iso
from ..records import WorkerStatus

if TYPE_CHECKING:
    from .store import SqliteStore as Database


def worker_started(db: Database, name: str, pid: int) -> None:
    with db.write() as conn:
        conn.execute(
            "INSERT INTO worker_status (name, pid, running, started_at) VALUES (?, ?, 1, ?) "
            "ON CONFLICT(name) DO UPDATE SET pid = excluded.pid, running = 1, "
            "started_at = excluded.started_at, passes = 0",
            (name, pid, now_iso()))


def pass_started(db: Database, name: str) -> None:
    with db.write() as conn:
        conn.execute("UPDATE worker_status SET pass_started_at = ? WHERE name = ?",
                     (now_iso(), name))


def pass_finished(db: Database, name: str, summary: str, error: str | None = None) -> None:
    now = now_iso()
    with db.write() as conn:
        conn.execute("UPDATE worker_status SET pass_finished_at = ?, passes = passes + 1, "
                     "last_summary = ? WHERE name = ?", (now, summary, name))
        if error:
            conn.execute("UPDATE worker_status SET last_error = ?, last_error_at = ? "
                         "WHERE name = ?", (error, now, name))


def worker_stopped(db: Database, name: str, error: str | None = None) -> None:
    with db.write() as conn:
        conn.execute("UPDATE worker_status SET running = 0 WHERE name = ?", (name,))
        if error:
            conn.execute("UPDATE worker_status SET last_error = ?, last_error_at = ? "
                         "WHERE name = ?", (error, now_iso(), name))


def all_workers(db: Database, prefix: str = "") -> list[WorkerStatus]:
    """Every process recorded whose name starts with ``prefix``, by name."""
    rows = db.read().execute("SELECT name FROM worker_status WHERE name LIKE ? ORDER BY name",
                             (prefix.replace("%", "").replace("_", "") + "%",)).fetchall()
    return [status for row in rows if (status := get_worker_status(db, row[0])) is not None]


def get_worker_status(db: Database, name: str) -> WorkerStatus | None:
    row = db.read().execute("SELECT * FROM worker_status WHERE name = ?", (name,)).fetchone()
    if row is None:
        return None
    return WorkerStatus(row["name"], row["pid"], bool(row["running"]), row["started_at"],
                        row["pass_started_at"], row["pass_finished_at"], row["passes"],
                        row["last_summary"], row["last_error"], row["last_error_at"])

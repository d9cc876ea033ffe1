"""Changes the admin makes to sources beyond add and remove: pause and resume."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...clock import now_iso
from ...errors import SourceError

if TYPE_CHECKING:
    from .store import SqliteStore as Database


def set_enabled(db: Database, source_id: int, enabled: bool) -> None:
    """Pause (``enabled=False``) or resume a source; a resumed source is due at once."""
    with db.write() as conn:
        cur = conn.execute(
            "UPDATE sources SET enabled = ?, next_check_at = CASE WHEN ? = 1 THEN ? "
            "ELSE next_check_at END WHERE id = ?",
            (int(enabled), int(enabled), now_iso(), source_id))
        if cur.rowcount == 0:
            raise SourceError(f"no source with id {source_id}")

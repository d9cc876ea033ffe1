"""Changes the admin makes to sources beyond add and remove: pause and resume.

Transitional shims (issue 12): the pre-port functions ``f(db, ...)``, each delegating to
the store's repository, so code written before the port keeps working. New code calls
the repository (``db.sources.<method>(...)``) directly; the SQL is in ``storage/sqlite/``.
"""

from __future__ import annotations

from typing import Any


def set_enabled(db: Any, source_id: int, enabled: bool) -> None:
    """Pause (``enabled=False``) or resume a source; a resumed source is due at once."""
    db.sources.set_enabled(source_id, enabled)

"""Sources and their health: the fetch bookkeeping lives in the data model.

Transitional shims (issue 12): the pre-port functions ``f(db, ...)``, each delegating to
the store's repository, so code written before the port keeps working. New code calls
the repository (``db.sources.<method>(...)``) directly; the SQL is in ``storage/sqlite/``.
"""

from __future__ import annotations

from typing import Any

from ..models import Source, SourceHealth
from .records import SourceEvent, SourceRow


def add_source(db: Any, url: str, name: str = "", kind: str = "feed") -> tuple[Source, bool]:
    return db.sources.add(url, name, kind)


def list_sources(db: Any) -> list[Source]:
    return db.sources.list()


def find_source(db: Any, url_or_id: str) -> Source | None:
    return db.sources.find(url_or_id)


def remove_source(db: Any, url_or_id: str) -> Source:
    return db.sources.remove(url_or_id)


def due_sources(db: Any, now: str | None = None) -> list[Source]:
    return db.sources.due(now)


def get_health(db: Any, source_id: int) -> SourceHealth:
    return db.sources.health(source_id)


def health_rows(db: Any) -> list[SourceRow]:
    return db.sources.health_rows()


def record_success(db: Any, source_id: int, *, etag: str | None,
                   last_modified: str | None, interval: int, name: str = "") -> None:
    db.sources.record_success(source_id, etag=etag, last_modified=last_modified,
                              interval=interval, name=name)


def record_failure(db: Any, source_id: int, *, code: str, message: str,
                   interval: int, max_backoff: int) -> None:
    db.sources.record_failure(source_id, code=code, message=message, interval=interval,
                              max_backoff=max_backoff)


def record_warning(db: Any, source_id: int | None, *, code: str, message: str,
                   url: str | None = None) -> None:
    db.sources.record_warning(source_id, code=code, message=message, url=url)


def recent_events(db: Any, source_id: int, limit: int = 20) -> list[SourceEvent]:
    return db.sources.events(source_id, limit)

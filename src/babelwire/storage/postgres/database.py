"""PostgreSQL connections: a psycopg 3 pool; ``write()`` is one transaction per block.

``write()`` hands out a pooled connection in one transaction (a ``write()``
inside another, same thread, joins it); ``read()`` runs each statement on a
pooled connection in autocommit (or on this thread's open write transaction,
so a block reads what it wrote). Both speak the shared dialect
(``dialect.Connection``), so the repositories' plain functions run unchanged.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from typing import Any, Iterator, Sequence

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from ...errors import StorageError
from .dialect import Connection, Cursor, row_factory, to_postgres
from ..open import redacted
from .migrations import migrate

log = logging.getLogger(__name__)

DRIVER_ERRORS: tuple[type[Exception], ...] = (psycopg.Error, PoolTimeout)
POOL_SIZE = 8
CONNECT_TIMEOUT = 10.0


class Reader:
    """``read()``: each statement on a pooled autocommit connection, rows fetched at once."""

    def __init__(self, database: "Database") -> None:
        self._database = database

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        joined = self._database._joined()
        if joined is not None:
            return joined.execute(sql, params)
        with self._database.pool.connection() as conn:
            return Connection(conn).execute(sql, params)


class Database:
    """One PostgreSQL store's connections."""

    def __init__(self, url: str, pool_size: int = POOL_SIZE) -> None:
        self.url = url
        self._local = threading.local()
        try:
            psycopg.connect(url, connect_timeout=int(CONNECT_TIMEOUT)).close()  # the real reason
            self.pool = ConnectionPool(
                url, min_size=1, max_size=pool_size, open=False, timeout=CONNECT_TIMEOUT,
                kwargs={"autocommit": True, "row_factory": row_factory,
                        "cursor_factory": psycopg.ClientCursor})
            self.pool.open(wait=True, timeout=CONNECT_TIMEOUT)
        except (psycopg.Error, PoolTimeout) as exc:
            raise StorageError(f"cannot open store {redacted(url)}: {_first_line(exc)}: "
                               "check the server is running and the URL") from exc
        with self.write() as conn:
            migrate(conn, redacted(url))
        self._reader = Reader(self)

    def _joined(self) -> Connection | None:
        return getattr(self._local, "write", None)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One transaction; a ``write()`` inside another (same thread) joins it."""
        joined = self._joined()
        if joined is not None:
            yield joined
            return
        with self.pool.connection() as conn, conn.transaction():
            adapter = Connection(conn)
            self._local.write = adapter
            try:
                yield adapter
            finally:
                self._local.write = None

    def read(self) -> Reader:
        return self._reader

    def close(self) -> None:
        self.pool.close()

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


__all__ = ["DRIVER_ERRORS", "Database", "redacted", "to_postgres"]

"""The SQLite connections: WAL mode, one writer behind a lock, per-thread readers.

``read()``/``write()`` hand out raw connections to the SQLite repositories,
tests and benchmarks only; nothing outside ``storage/`` may use them. The
store built on them is ``store.SqliteStore``.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ...errors import StorageError
from .migrations import migrate


DRIVER_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error,)


def _connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 30000")
    return conn


class Database:
    """One SQLite store. Writes go through ``write()``; reads through ``read()``."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._write_lock = threading.RLock()
        self._write_depth = 0
        self._local = threading.local()
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._writer = _connect(self.path)
            self._writer.execute("PRAGMA journal_mode = WAL")
            self._writer.execute("PRAGMA synchronous = NORMAL")
        except (sqlite3.Error, OSError) as exc:
            raise StorageError(f"cannot open store {self.path}: {exc}") from exc
        migrate(self._writer, self.path)
        self._readers: list[sqlite3.Connection] = []

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """The single writer, in one ``BEGIN IMMEDIATE`` transaction; a ``write()`` inside
        another (same thread) joins the outer transaction."""
        with self._write_lock:
            conn = self._writer
            if self._write_depth:
                self._write_depth += 1
                try:
                    yield conn
                finally:
                    self._write_depth -= 1
                return
            conn.execute("BEGIN IMMEDIATE")
            self._write_depth = 1
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            finally:
                self._write_depth = 0
            conn.execute("COMMIT")

    def read(self) -> sqlite3.Connection:
        """A connection for reading, one per thread."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = _connect(self.path)
            conn.execute("PRAGMA query_only = ON")
            self._local.conn = conn
            with self._write_lock:
                self._readers.append(conn)
        return conn

    def close(self) -> None:
        self._close_extra()
        with self._write_lock:
            for conn in self._readers:
                conn.close()
            self._readers.clear()
            self._writer.close()

    def _close_extra(self) -> None:
        """What a subclass opened beside the writer and the readers."""

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

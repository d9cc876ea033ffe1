"""The SQLite store: WAL mode, one writer behind a lock, per-thread readers.

``SqliteStore`` implements the storage port (``babelwire.storage.port.Store``):
its repositories (``sources``, ``entries``, ``articles``, ``translations``,
``memory``, ``provenance``, ``search``, ``reader``) hold the SQL.
``read()``/``write()`` hand out raw connections to the SQLite modules, tests
and benchmarks only; nothing outside ``storage/`` may use them.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ...errors import StorageError
from .articles import SqliteArticles
from .entries import SqliteEntries
from .memory import SqliteMemory
from .migrations import migrate
from .provenance import SqliteProvenance
from .reader import SqliteReader
from .search import SqliteSearch
from .sources import SqliteSources
from .translations import SqliteTranslations


DRIVER_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error,)


def _connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 30000")
    return conn


class SqliteStore:
    """One SQLite store. Writes go through ``write()``; reads through ``read()``."""

    backend = "sqlite"

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.url = f"sqlite:///{self.path}"
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
        self._watcher: sqlite3.Connection | None = None
        self._watch_lock = threading.Lock()
        self._attach_repositories()

    def _attach_repositories(self) -> None:
        self.sources = SqliteSources(self)
        self.entries = SqliteEntries(self)
        self.articles = SqliteArticles(self)
        self.translations = SqliteTranslations(self)
        self.memory = SqliteMemory(self)
        self.provenance = SqliteProvenance(self)
        self.search = SqliteSearch(self)
        self.reader = SqliteReader(self)

    def change_token(self) -> int | None:
        """A number that changes whenever anyone (this process or another) commits;
        ``None`` when changes cannot be observed (an in-memory store)."""
        if self.path == ":memory:":
            return None
        with self._watch_lock:
            if self._watcher is None:
                self._watcher = sqlite3.connect(f"{Path(self.path).resolve().as_uri()}?mode=ro",
                                                uri=True, check_same_thread=False)
            return int(self._watcher.execute("PRAGMA data_version").fetchone()[0])

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
        with self._write_lock:
            for conn in self._readers:
                conn.close()
            self._readers.clear()
            if self._watcher is not None:
                self._watcher.close()
                self._watcher = None
            self._writer.close()

    def __enter__(self) -> "SqliteStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


Database = SqliteStore  # the name used before the port (transitional)


def open_database(path: str | Path) -> SqliteStore:
    return SqliteStore(path)

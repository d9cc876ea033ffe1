"""The SQLite store: the storage port (``babelwire.storage.port.Store``) over ``Database``.

Its repositories (``sources``, ``entries``, ``articles``, ``translations``,
``memory``, ``provenance``, ``search``, ``reader``) hold the SQL.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from typing import Iterator
from pathlib import Path

from .database import Database
from .repositories import (SqliteArticles, SqliteEntries, SqliteMemory, SqliteProvenance,
                           SqliteReader, SqliteSearch, SqliteSources, SqliteTranslations)
from .repositories import (SqliteArchive, SqliteExports, SqliteWatches, SqliteWebSub,
                           SqliteWorkers)


class SqliteStore(Database):
    """One SQLite store, its repositories and its change token."""

    backend = "sqlite"

    def __init__(self, path: str | Path) -> None:
        super().__init__(path)
        self.url = f"sqlite:///{self.path}"
        self._watcher: sqlite3.Connection | None = None
        self._watch_lock = threading.Lock()
        self._named_locks: dict[str, threading.Lock] = {}
        self.sources = SqliteSources(self)
        self.entries = SqliteEntries(self)
        self.articles = SqliteArticles(self)
        self.translations = SqliteTranslations(self)
        self.memory = SqliteMemory(self)
        self.provenance = SqliteProvenance(self)
        self.search = SqliteSearch(self)
        self.reader = SqliteReader(self)
        self.watches = SqliteWatches(self)
        self.archive = SqliteArchive(self)
        self.websub = SqliteWebSub(self)
        self.exports = SqliteExports(self)
        self.workers = SqliteWorkers(self)

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
    def lock(self, name: str) -> Iterator[bool]:
        """Try to hold the named lock; SQLite runs one process, so a process-local lock."""
        with self._watch_lock:
            held = self._named_locks.setdefault(name, threading.Lock())
        got = held.acquire(blocking=False)
        try:
            yield got
        finally:
            if got:
                held.release()

    def _close_extra(self) -> None:
        with self._watch_lock:
            if self._watcher is not None:
                self._watcher.close()
                self._watcher = None

    def __enter__(self) -> "SqliteStore":
        return self


def open_database(path: str | Path) -> SqliteStore:
    return SqliteStore(path)

"""The PostgreSQL store: the storage port (``babelwire.storage.port.Store``) over a pool.

The repositories are the SQLite backend's, bound to this store: their plain
functions speak the shared dialect (``dialect.py``); search and claims are
PostgreSQL's own (``search.py``, ``claims.py``).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from ..sqlite import repositories as shared
from ..sqlite.base import bind
from . import claims
from . import search as tsearch
from . import watches as pwatches
from .database import Database


class PostgresEntries(shared.SqliteEntries):
    claim = bind(claims.claim_entries)


class PostgresTranslations(shared.SqliteTranslations):
    claim_untranslated = bind(claims.claim_untranslated)


class PostgresSearch(shared.Repository):
    search = bind(tsearch.search_articles)
    rebuild = bind(tsearch.rebuild_search_index)
    bulk_loading = bind(tsearch.bulk_loading)


class PostgresWatches(shared.SqliteWatches):
    text_candidates = bind(pwatches.text_candidates)
    claim_alerts = bind(pwatches.claim_alerts)


class PostgresStore(Database):
    """One PostgreSQL database, its repositories and its change token."""

    backend = "postgresql"

    def __init__(self, url: str, pool_size: int | None = None) -> None:
        super().__init__(url, **({"pool_size": pool_size} if pool_size else {}))
        self.sources = shared.SqliteSources(self)
        self.entries = PostgresEntries(self)
        self.articles = shared.SqliteArticles(self)
        self.translations = PostgresTranslations(self)
        self.memory = shared.SqliteMemory(self)
        self.provenance = shared.SqliteProvenance(self)
        self.search = PostgresSearch(self)
        self.reader = shared.SqliteReader(self)
        self.watches = PostgresWatches(self)
        self.archive = shared.SqliteArchive(self)
        self.websub = shared.SqliteWebSub(self)
        self.exports = shared.SqliteExports(self)
        self.workers = shared.SqliteWorkers(self)

    def change_token(self) -> str:
        """Changes whenever any transaction that wrote commits or starts (anyone's, any
        machine's): the server's current snapshot (``pg_current_snapshot()``)."""
        row = self.read().execute("SELECT pg_current_snapshot()::text").fetchone()
        return str(row[0])

    @contextmanager
    def lock(self, name: str) -> Iterator[bool]:
        """Try to hold the named lock across every process on this database (a session
        advisory lock on a pooled connection kept for the block); False if taken."""
        with self.pool.connection() as conn:
            got = bool(conn.execute("SELECT pg_try_advisory_lock(hashtext(%s))",
                                    (name,)).fetchone()[0])
            try:
                yield got
            finally:
                if got:
                    conn.execute("SELECT pg_advisory_unlock(hashtext(%s))", (name,))

    def __enter__(self) -> "PostgresStore":
        return self

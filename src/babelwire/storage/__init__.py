"""Storage behind one port: a ``Store`` with repositories returning plain records.

``open_store(url)`` opens the backend a database URL names (``sqlite:///...``
or ``postgresql://...``; see docs/storage.md). ``Database``/``open_database`` are the SQLite store
under its pre-port names (transitional).
"""

from pathlib import Path as _Path

# Transitional (issue 12): the pre-port modules (storage.articles, storage.entries, ...)
# are shims in storage/compat/; see its docstring.
__path__.append(str(_Path(__file__).parent / "compat"))

from .open import default_url, open_store  # noqa: E402
from .port import Store  # noqa: E402
from .sqlite import Database, SqliteStore, open_database  # noqa: E402
from .sqlite import DRIVER_ERRORS as SQLITE_ERRORS  # noqa: E402

# what a backend's driver may raise past the port (catch it where a page must still render)
DATABASE_ERRORS: tuple[type[Exception], ...] = SQLITE_ERRORS
try:
    from .postgres.database import DRIVER_ERRORS as _POSTGRES_ERRORS  # noqa: E402
except ImportError:  # pragma: no cover - psycopg absent: only SQLite stores can be opened
    _POSTGRES_ERRORS = ()
DATABASE_ERRORS += _POSTGRES_ERRORS

__all__ = ["DATABASE_ERRORS", "Database", "SqliteStore", "Store", "default_url", "open_database",
           "open_store"]

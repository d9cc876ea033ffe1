"""Storage behind one port: a ``Store`` with repositories returning plain records.

``open_store(url)`` opens the backend a database URL names (``sqlite:///...``
today; see docs/storage.md). ``Database``/``open_database`` are the SQLite store
under its pre-port names (transitional).
"""

from .open import default_url, open_store
from .port import Store
from .sqlite import Database, SqliteStore, open_database
from .sqlite.database import DRIVER_ERRORS as SQLITE_ERRORS

# what a backend's driver may raise past the port (catch it where a page must still render)
DATABASE_ERRORS: tuple[type[Exception], ...] = SQLITE_ERRORS

__all__ = ["DATABASE_ERRORS", "Database", "SqliteStore", "Store", "default_url", "open_database", "open_store"]

"""Storage behind one port: a ``Store`` with repositories returning plain records.

``open_store(url)`` opens the backend a database URL names (``sqlite:///...``
today; see docs/storage.md). ``Database``/``open_database`` are the SQLite store
under its pre-port names (transitional).
"""

from .open import default_url, open_store
from .port import Store
from .sqlite import Database, SqliteStore, open_database

__all__ = ["Database", "SqliteStore", "Store", "default_url", "open_database", "open_store"]

"""The SQLite backend of the storage port: today's store (WAL, one writer, FTS5 search)."""

from .database import DRIVER_ERRORS
from .store import SqliteStore, open_database

Database = SqliteStore  # the store under its pre-port name (transitional)

__all__ = ["DRIVER_ERRORS", "Database", "SqliteStore", "open_database"]

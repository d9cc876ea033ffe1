"""The SQLite backend of the storage port: today's store (WAL, one writer, FTS5 search)."""

from .database import Database, SqliteStore, open_database

__all__ = ["Database", "SqliteStore", "open_database"]

"""SQLite storage: one writer, many readers, migrations checked at start-up."""

from .db import Database, open_database

__all__ = ["Database", "open_database"]

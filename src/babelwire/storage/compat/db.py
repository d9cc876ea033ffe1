"""Transitional (issue 12): the SQLite store under its pre-port module name.

The store lives in ``storage/sqlite/database.py``; open one with
``babelwire.storage.open_store(url)``.
"""

from .sqlite import Database, SqliteStore, open_database

__all__ = ["Database", "SqliteStore", "open_database"]

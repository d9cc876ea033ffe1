"""Transitional (issue 12): the SQLite migrations moved to ``storage/sqlite/migrations.py``."""

from .sqlite.migrations import MIGRATIONS, SCHEMA_VERSION, current_version, migrate

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "current_version", "migrate"]

"""Opening the store from the command line without importing the pipeline."""

from __future__ import annotations

from ..settings import Settings
from ..storage import Database


def open_existing_store(settings: Settings) -> Database | None:
    """The store if it exists; ``None`` otherwise (read-only commands never create it)."""
    return Database(settings.db_path) if settings.db_path.is_file() else None

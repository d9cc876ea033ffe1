"""Opening the store from the command line without importing the pipeline."""

from __future__ import annotations

from ..settings import Settings
from ..storage import Store, open_store


def open_existing_store(settings: Settings) -> Store | None:
    """The store if it exists; ``None`` for a SQLite file not created yet (read-only
    commands never create it). Other backends are opened (their server holds the store)."""
    if settings.database_url.startswith("sqlite:///") and not settings.db_path.is_file():
        return None
    return open_store(settings.database_url)

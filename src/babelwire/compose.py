"""The composition root: build the parts from the settings and wire them. No logic here."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from .fetch import Fetcher, FetchOptions
from .pipeline import Context, NoProgress, Progress
from .settings import Settings
from .storage import Database
from .storage import sources as source_store
from .translate import ApertiumTranslator, PivotTranslator


def fetch_options(settings: Settings) -> FetchOptions:
    return FetchOptions(
        user_agent=settings["fetch.user_agent"],
        connect_timeout=settings["fetch.connect_timeout"],
        read_timeout=settings["fetch.read_timeout"],
        total_deadline=settings["fetch.total_deadline"],
        max_bytes=settings["fetch.max_bytes"],
        max_redirects=settings["fetch.max_redirects"],
        per_host_concurrency=settings["fetch.per_host_concurrency"],
        per_host_delay=settings["fetch.per_host_delay"],
        respect_robots=settings["fetch.respect_robots"],
    )


def build_translator(settings: Settings) -> PivotTranslator:
    engine = ApertiumTranslator(binary=settings["translate.apertium_binary"])
    return PivotTranslator(engine, pivots=tuple(settings["translate.pivots"]))


def open_store(settings: Settings) -> Database:
    return Database(settings.db_path)


def sync_config_sources(db: Database, settings: Settings) -> None:
    """Sources listed in babelwire.toml are added to the store (never removed from it)."""
    for source in settings.sources:
        source_store.add_source(db, source.url, name=source.name, kind=source.kind)


@contextmanager
def pipeline_context(settings: Settings, progress: Progress | None = None,
                     db: Database | None = None) -> Iterator[Context]:
    own_db = db is None
    database = db or open_store(settings)
    fetcher = Fetcher(fetch_options(settings))
    try:
        sync_config_sources(database, settings)
        yield Context(settings=settings, db=database, fetcher=fetcher,
                      translator=build_translator(settings), progress=progress or NoProgress())
    finally:
        fetcher.close()
        if own_db:
            database.close()

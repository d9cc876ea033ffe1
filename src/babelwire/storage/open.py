"""Open a store by its database URL: ``sqlite:///path`` (the default) or ``postgresql://``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from ..errors import StorageError

if TYPE_CHECKING:
    from .port import Store

DEFAULT_FILE = "babelwire.sqlite3"


def default_url(data_dir: str | Path) -> str:
    """The store in the data folder, where babelwire always kept it."""
    return f"sqlite:///{Path(data_dir) / DEFAULT_FILE}"


def redacted(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        parts = urlsplit(url)
        if parts.password:
            return url.replace(f":{parts.password}@", ":***@", 1)
    except ValueError:
        pass
    return url


def sqlite_path(url: str) -> str:
    """The file of a ``sqlite:///path`` URL (``sqlite:///:memory:`` for a store in memory)."""
    parts = urlsplit(url)
    if parts.scheme != "sqlite" or parts.netloc:
        raise StorageError(f"database URL {url!r} is not sqlite:///PATH: write three "
                           "slashes before a relative path, four before an absolute one")
    path = unquote(parts.path)[1:] if parts.path.startswith("/") else unquote(parts.path)
    if not path:
        raise StorageError(f"database URL {url!r} names no file: use sqlite:///PATH")
    return path


def open_store(url: str) -> "Store":
    """The store at ``url``; ``StorageError`` (one line) for a URL no backend serves."""
    scheme = urlsplit(url).scheme
    if scheme == "sqlite":
        from .sqlite import SqliteStore

        return SqliteStore(sqlite_path(url))
    if scheme in ("postgresql", "postgres"):
        try:
            from .postgres import PostgresStore
        except ImportError as exc:  # the driver is a dependency; a broken install lacks it
            raise StorageError(f"database URL postgresql://... needs psycopg ({exc}): "
                               "pip install 'psycopg[binary]' psycopg-pool") from exc
        return PostgresStore(url)
    raise StorageError(f"database URL {url!r} has no backend: use sqlite:///PATH or "
                       "postgresql://USER@HOST/DB")

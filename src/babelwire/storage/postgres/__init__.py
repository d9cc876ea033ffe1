"""The PostgreSQL backend of the storage port (psycopg 3, a pool, tsvector search,
``FOR UPDATE SKIP LOCKED`` claims); opened by ``open_store("postgresql://...")``."""

from .database import DRIVER_ERRORS
from .store import PostgresStore

__all__ = ["DRIVER_ERRORS", "PostgresStore"]

"""The shared SQL of the repositories, as PostgreSQL reads it.

The repositories' plain functions (``storage/sqlite/*.py``) are written in the
small dialect both engines share, with SQLite's ``?`` placeholders and three
SQLite spellings; ``to_postgres`` rewrites those, once per statement text:

    ?                         -> %s (psycopg's placeholder; a literal % doubles)
    x IS ?                    -> x IS NOT DISTINCT FROM %s
    INSERT OR IGNORE INTO t   -> INSERT INTO t ... ON CONFLICT DO NOTHING
    INSERT OR REPLACE INTO t  -> INSERT INTO t ... ON CONFLICT (key) DO UPDATE SET ...
    INSERT (no RETURNING) into a table with an ``id`` -> ... RETURNING id (``lastrowid``)

Search, claims and change notification are PostgreSQL's own (``search.py``,
``claims.py``, ``store.py``), not rewritten.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any, Iterator, Sequence

# the natural key an INSERT OR REPLACE replaces on
REPLACE_KEYS = {
    "translation_claims": ("article_id", "language"),
    "translation_memory": ("key",),
    "provenance_traced": ("article_id",),
    "provenance_links": ("article_id", "derived_from"),
    "translation_failures": ("article_id", "language"),
    "translations": ("article_id", "language"),
}
TABLES_WITH_ID = frozenset({"sources", "entries", "articles", "translations", "source_events",
                            "stories", "provenance_links", "watches", "watch_matches",
                            "watch_alerts", "watch_deliveries", "archive_records",
                            "websub_subscriptions"})

_INSERT = re.compile(r"^\s*INSERT\s+(OR\s+(IGNORE|REPLACE)\s+)?INTO\s+(\w+)\s*\(([^)]*)\)",
                     re.IGNORECASE | re.DOTALL)
_RETURNING = re.compile(r"\sRETURNING\s", re.IGNORECASE)


@lru_cache(maxsize=1024)
def to_postgres(sql: str, many: bool = False) -> tuple[str, bool]:
    """``sql`` in PostgreSQL's spelling, and whether it now returns the new row's id."""
    text = sql.replace("%", "%%")
    text = re.sub(r"\bIS\s+\?", "IS NOT DISTINCT FROM ?", text, flags=re.IGNORECASE)
    text = text.replace("?", "%s")
    found = _INSERT.match(text)
    if not found:
        return text, False
    mode, table = (found.group(2) or "").upper(), found.group(3)
    text = "INSERT INTO " + text[found.start(3):]
    head, returning = _split_returning(text)
    if mode == "IGNORE":
        head += " ON CONFLICT DO NOTHING"
    elif mode == "REPLACE":
        head += _on_conflict_update(table, [c.strip() for c in found.group(4).split(",")])
    adds_id = not returning and not many and table in TABLES_WITH_ID
    if adds_id:
        returning = " RETURNING id"
    return head + returning, adds_id


def _split_returning(text: str) -> tuple[str, str]:
    found = _RETURNING.search(text)
    if not found:
        return text.rstrip().rstrip(";"), ""
    return text[:found.start()], " " + text[found.start():].strip()


def _on_conflict_update(table: str, columns: list[str]) -> str:
    keys = REPLACE_KEYS.get(table)
    if keys is None:
        raise ValueError(f"INSERT OR REPLACE into {table}: no natural key known in dialect.py")
    updates = [c for c in columns if c not in keys]
    if not updates:
        return f" ON CONFLICT ({', '.join(keys)}) DO NOTHING"
    sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in updates)
    return f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {sets}"


class Row(tuple):
    """A result row read like ``sqlite3.Row``: by position, by column name, ``keys()``."""

    _names: tuple[str, ...] = ()

    def __new__(cls, names: tuple[str, ...], values: Sequence[Any]) -> "Row":
        row = super().__new__(cls, (_plain(v) for v in values))
        row._names = names
        return row

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names.index(key))
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self._names else default


def _plain(value: Any) -> Any:
    """Values as SQLite hands them out: integers and floats, not ``Decimal``; bytes."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def row_factory(cursor: Any) -> Any:
    names = tuple(d.name for d in cursor.description or ())

    def make(values: Sequence[Any]) -> Row:
        return Row(names, values)

    return make


class Cursor:
    """The part of ``sqlite3.Cursor`` the repositories use; rows are fetched at once, so
    the connection can go back to the pool."""

    def __init__(self, cursor: Any, adds_id: bool) -> None:
        self.rowcount = cursor.rowcount
        self._rows: list[Row] = list(cursor.fetchall()) if cursor.description else []
        self.lastrowid = self._rows[0][0] if adds_id and self._rows else None

    def fetchone(self) -> Row | None:
        return self._rows.pop(0) if self._rows else None

    def fetchall(self) -> list[Row]:
        rows, self._rows = self._rows, []
        return rows

    def __iter__(self) -> Iterator[Row]:
        return iter(self.fetchall())


class Connection:
    """A psycopg connection speaking the shared dialect (``execute``/``executemany``)."""

    def __init__(self, conn: Any) -> None:
        self.raw = conn
        self.total_changes = 0  # rows changed through this adapter (``sqlite3``'s name)

    def _count(self, cursor: Cursor) -> Cursor:
        self.total_changes += max(cursor.rowcount, 0)
        return cursor

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        text, adds_id = to_postgres(sql)
        cursor = self.raw.cursor()
        cursor.execute(text, tuple(params))
        return self._count(Cursor(cursor, adds_id))

    def executemany(self, sql: str, rows: Any) -> Cursor:
        text, _ = to_postgres(sql, many=True)
        cursor = self.raw.cursor()
        rows = [tuple(r) for r in rows]
        if rows:
            cursor.executemany(text, rows)
        return self._count(Cursor(cursor, False))

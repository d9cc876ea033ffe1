"""A source that moved to another address keeps its id, entries and articles.

Used by the demo, whose outlets are known by identity (name and feed path), so
a re-run on other ports re-points the same sources instead of adding new ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from ..models import Source
from .db import Database


@dataclass(frozen=True)
class Relocation:
    source_id: int
    old_base: str
    new_base: str
    moved: bool


def _base(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def find_by_identity(db: Database, name: str, path: str) -> Source | None:
    """The source with this name whose URL has this path (any host and port)."""
    rows = db.read().execute(
        "SELECT id, url, name, kind, enabled FROM sources WHERE name = ? ORDER BY id", (name,)
    ).fetchall()
    for row in rows:
        if urlsplit(row["url"]).path == path:
            return Source(id=row["id"], url=row["url"], name=row["name"], kind=row["kind"],
                          enabled=bool(row["enabled"]))
    return None


def relocate_source(db: Database, source_id: int, new_url: str) -> Relocation:
    """Point a source at ``new_url`` and move its entries' and articles' addresses
    from the old scheme://host:port to the new one (rows already there are kept)."""
    with db.write() as conn:
        row = conn.execute("SELECT url FROM sources WHERE id = ?", (source_id,)).fetchone()
        old_base, new_base = _base(row["url"]), _base(new_url)
        if row["url"] == new_url:
            return Relocation(source_id, old_base, new_base, moved=False)
        conn.execute("UPDATE OR IGNORE sources SET url = ? WHERE id = ?", (new_url, source_id))
        prefix = old_base + "/"
        for table, column in (("entries", "url"), ("articles", "url"),
                              ("articles", "canonical_url")):
            conn.execute(
                f"UPDATE OR IGNORE {table} SET {column} = ? || substr({column}, ?) "
                f"WHERE source_id = ? AND substr({column}, 1, ?) = ?",
                (new_base, len(old_base) + 1, source_id, len(prefix), prefix))
    return Relocation(source_id, old_base, new_base, moved=True)

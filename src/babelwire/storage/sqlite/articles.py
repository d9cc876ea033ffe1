"""Articles: stored once, idempotent by canonical URL and content hash."""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING

from ...models import Article, Attribution
from ..records import ArticleRow, SaveOutcome, record_of

if TYPE_CHECKING:
    from .store import SqliteStore as Database


def find_existing(db: Database, canonical_url: str, content_hash: str,
                  source_id: int | None) -> int | None:
    """The id of the same article already stored, if any."""
    conn = db.read()
    row = conn.execute("SELECT id FROM articles WHERE canonical_url = ?", (canonical_url,)).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT id FROM articles WHERE content_hash = ? AND source_id IS ?",
            (content_hash, source_id),
        ).fetchone()
    return row["id"] if row else None


def save_article(db: Database, article: Article) -> SaveOutcome:
    """Insert, or update when the same canonical URL now has other content."""
    values = _row_values(article)
    with db.write() as conn:
        row = conn.execute(
            "SELECT id, content_hash FROM articles WHERE canonical_url = ?", (article.canonical_url,)
        ).fetchone()
        if row is None:
            row = conn.execute(
                "SELECT id, content_hash FROM articles WHERE content_hash = ? AND source_id IS ?",
                (article.content_hash, article.source_id),
            ).fetchone()
        if row is not None and row["content_hash"] == article.content_hash:
            return SaveOutcome(row["id"], created=False, changed=False)
        if row is not None:
            sets = ", ".join(f"{k} = ?" for k in values if k != "first_seen")
            params = [v for k, v in values.items() if k != "first_seen"]
            conn.execute(f"UPDATE articles SET {sets} WHERE id = ?", (*params, row["id"]))
            conn.execute("DELETE FROM translations WHERE article_id = ?", (row["id"],))
            return SaveOutcome(row["id"], created=False, changed=True)
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        cur = conn.execute(f"INSERT INTO articles ({columns}) VALUES ({marks})", tuple(values.values()))
        return SaveOutcome(int(cur.lastrowid), created=True, changed=False)


def _row_values(article: Article) -> dict[str, object]:
    return {
        "source_id": article.source_id, "url": article.url,
        "canonical_url": article.canonical_url, "title": article.title,
        "standfirst": article.standfirst, "body": article.body, "author": article.author,
        "published": article.published, "first_seen": article.first_seen,
        "language": article.language, "language_confidence": article.language_confidence,
        "content_hash": article.content_hash, "site_name": article.site_name,
        "html": article.html,
        "attribution": json.dumps([a.__dict__ for a in article.attribution], ensure_ascii=False),
        "disclaimers": json.dumps(list(article.disclaimers), ensure_ascii=False),
    }


def article_from_row(row: "sqlite3.Row | ArticleRow") -> Article:
    return Article(
        id=row["id"], source_id=row["source_id"], url=row["url"],
        canonical_url=row["canonical_url"], title=row["title"], standfirst=row["standfirst"],
        body=row["body"], author=row["author"], published=row["published"],
        first_seen=row["first_seen"], language=row["language"],
        language_confidence=row["language_confidence"], content_hash=row["content_hash"],
        site_name=row["site_name"], html=row["html"],
        attribution=tuple(Attribution(**a) for a in json.loads(row["attribution"] or "[]")),
        disclaimers=tuple(json.loads(row["disclaimers"] or "[]")),
    )


_ORDER = "ORDER BY COALESCE(a.published, a.first_seen) DESC, a.id DESC"


def latest_articles(db: Database, limit: int = 50, offset: int = 0) -> list[ArticleRow]:
    """Newest first, with the source's name and URL."""
    rows = db.read().execute(
        "SELECT a.*, s.name AS source_name, s.url AS source_url FROM articles a "
        f"LEFT JOIN sources s ON s.id = a.source_id {_ORDER} LIMIT ? OFFSET ?",
        (limit, offset),
    ).fetchall()
    return [record_of(ArticleRow, row) for row in rows]


def get_article_row(db: Database, article_id: int) -> ArticleRow | None:
    row = db.read().execute(
        "SELECT a.*, s.name AS source_name, s.url AS source_url FROM articles a "
        "LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?",
        (article_id,),
    ).fetchone()
    return record_of(ArticleRow, row) if row else None


def get_article(db: Database, article_id: int) -> Article | None:
    row = get_article_row(db, article_id)
    return article_from_row(row) if row else None


def count_articles(db: Database) -> int:
    return int(db.read().execute("SELECT COUNT(*) FROM articles").fetchone()[0])

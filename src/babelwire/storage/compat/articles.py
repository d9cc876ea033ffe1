"""Articles: stored once, idempotent by canonical URL and content hash.

Transitional shims (issue 12): the pre-port functions ``f(db, ...)``, each delegating to
the store's repository, so code written before the port keeps working. New code calls
the repository (``db.articles.<method>(...)``) directly; the SQL is in ``storage/sqlite/``.
"""

from __future__ import annotations

from typing import Any

from ..models import Article
from .records import ArticleRow, SaveOutcome
from .sqlite.articles import article_from_row

__all__ = ["SaveOutcome", "article_from_row", "count_articles", "find_existing",
           "get_article_row", "latest_articles", "save_article"]


def find_existing(db: Any, canonical_url: str, content_hash: str,
                  source_id: int | None) -> int | None:
    return db.articles.find_existing(canonical_url, content_hash, source_id)


def save_article(db: Any, article: Article) -> SaveOutcome:
    return db.articles.save(article)


def latest_articles(db: Any, limit: int = 50, offset: int = 0) -> list[ArticleRow]:
    return db.articles.latest(limit, offset)


def get_article_row(db: Any, article_id: int) -> ArticleRow | None:
    return db.articles.get_row(article_id)


def count_articles(db: Any) -> int:
    return db.articles.count()

"""Reads the reader needs beyond ``storage``: filtered keyset pages, activity, stories.

Transitional shims (issue 12): the SQL moved to ``storage/sqlite/reader.py``
behind the store's ``reader`` repository; these functions delegate to it so
callers written before the port keep working. New code calls ``db.reader``.

Articles are ordered newest first by ``COALESCE(published, first_seen)`` then
id; a page cursor is the last row's (sort key, id).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..models import Translation
from ..storage.records import NO_FILTERS, ArticleFilters, ArticleRow, SourceRow, StoryRow

__all__ = ["ALL_COLUMNS", "LISTING_COLUMNS", "NO_FILTERS", "ArticleFilters", "articles_before",
           "articles_per_day", "articles_readable_in", "filtered_articles", "source_names",
           "source_row", "stories_before", "stories_of", "story_row", "translated_titles",
           "translations_into"]

ALL_COLUMNS = "all"
LISTING_COLUMNS = "listing"  # what a listing shows (never the stored HTML or the body)


def filtered_articles(db: Any, filters: ArticleFilters, limit: int, *,
                      before: tuple[str, int] | None = None, offset: int = 0,
                      columns: str = ALL_COLUMNS) -> list[ArticleRow]:
    """Up to ``limit`` articles, newest first, matching ``filters``, older than ``before``."""
    return db.reader.articles(filters, limit, before=before, offset=offset,
                              listing=columns == LISTING_COLUMNS)


def articles_before(db: Any, limit: int,
                    before: tuple[str, int] | None = None) -> list[ArticleRow]:
    return db.reader.articles_before(limit, before)


def articles_readable_in(db: Any, language: str, limit: int) -> list[ArticleRow]:
    return db.reader.articles_readable_in(language, limit)


def source_row(db: Any, source_id: int) -> SourceRow | None:
    return db.reader.source(source_id)


def source_names(db: Any) -> list[SourceRow]:
    return db.reader.source_names()


def articles_per_day(db: Any, source_id: int, today: date, days: int = 30) -> list[tuple[str, int]]:
    return db.reader.articles_per_day(source_id, today, days)


def story_row(db: Any, story_id: int) -> StoryRow | None:
    return db.reader.story(story_id)


def stories_before(db: Any, limit: int, before_id: int | None = None) -> list[StoryRow]:
    return db.reader.stories_before(limit, before_id)


def stories_of(db: Any, article_ids: list[int]) -> dict[int, list[int]]:
    return db.reader.stories_of(article_ids)


def translated_titles(db: Any, article_ids: list[int],
                      language: str) -> dict[int, dict[str, Translation]]:
    return db.reader.translated_titles(article_ids, language)


def translations_into(db: Any, article_ids: list[int],
                      language: str) -> dict[int, dict[str, Translation]]:
    return db.reader.translations_into(article_ids, language)

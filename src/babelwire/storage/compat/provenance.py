"""Provenance: traced features, links between articles, stories, sites.

Transitional shims (issue 12): the pre-port functions ``f(db, ...)``, each delegating to
the store's repository, so code written before the port keeps working. New code calls
the repository (``db.provenance.<method>(...)``) directly; the SQL is in ``storage/sqlite/``.
"""

from __future__ import annotations

from typing import Any

from .records import StoredLink, TracedFeatures

__all__ = ["StoredLink", "TracedFeatures", "untraced_ids", "article_rows", "window_ids",
           "traced_features", "save_trace", "links_among", "save_stories", "links_of_article",
           "story_of_article", "get_story", "story_members", "site_articles"]


def untraced_ids(db: Any, limit: int = 5000) -> Any:
    return db.provenance.untraced_ids(limit)


def article_rows(db: Any, ids, pivot: str) -> Any:
    return db.provenance.article_rows(ids, pivot)


def window_ids(db: Any, since: str, exclude: set[int]) -> Any:
    return db.provenance.window_ids(since, exclude)


def traced_features(db: Any, ids) -> Any:
    return db.provenance.traced_features(ids)


def save_trace(db: Any, features, links, now: str, stories=None) -> Any:
    """Links and (when given) the rebuilt stories in one transaction (issue 9)."""
    return db.provenance.save_trace(features, links, now, stories)


def links_among(db: Any, ids) -> Any:
    return db.provenance.links_among(ids)


def save_stories(db: Any, clusters, titles, now: str) -> Any:
    return db.provenance.save_stories(clusters, titles, now)


def links_of_article(db: Any, article_id: int) -> Any:
    return db.provenance.links_of_article(article_id)


def story_of_article(db: Any, article_id: int) -> Any:
    return db.provenance.story_of_article(article_id)


def get_story(db: Any, story_id: int) -> Any:
    return db.provenance.get_story(story_id)


def story_members(db: Any, story_id: int) -> Any:
    return db.provenance.story_members(story_id)


def site_articles(db: Any, host_like: str) -> Any:
    return db.provenance.site_articles(host_like)

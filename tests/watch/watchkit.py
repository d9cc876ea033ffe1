"""Helpers for the watch tests: articles and translations saved through the store."""

from __future__ import annotations

import json

from babelwire.models import Article, Translation


def save_article(store, url, *, title, body, language="es", source_id=None,
                 first_seen="2026-12-03T10:00:00Z"):
    article = Article(id=None, source_id=source_id, url=url, canonical_url=url, title=title,
                      standfirst="", body=body, author="", published=first_seen,
                      first_seen=first_seen, language=language, language_confidence=0.99,
                      content_hash=url)
    return store.articles.save(article).article_id


def save_translation(store, article_id, language, title, body):
    store.translations.save(Translation(article_id=article_id, language=language, title=title,
                                        standfirst="", body=body, engine="test",
                                        engine_version="1"))


def payload_of(body: bytes) -> dict:
    return json.loads(body.decode("utf-8"))

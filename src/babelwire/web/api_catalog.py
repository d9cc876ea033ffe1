"""The JSON API beyond articles: translations, stories, one source, search.

Lists are cursor pages: ``{"<items>": [...], "next": CURSOR | null}``; pass
``?before=CURSOR`` for the next page. Errors are JSON with a stable code.
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from ..clock import utcnow
from ..storage.articles import get_article_row
from ..storage.records import ArticleRow, StoryRow
from ..storage.search import SearchFilters, marked_segments, parse_query, search_articles
from ..storage.sources import recent_events
from ..storage.translations import translations_for, translations_for_many
from .api import (SafeJSONResponse, article_json, decode_cursor, encode_cursor, limit_param,
                  served_url, source_json, translation_json)
from .context import web_of
from .filters import article_filters, search_text
from .i18n import LANGUAGE_CODE
from .queries import (ArticleFilters, articles_per_day, filtered_articles, source_row,
                      stories_before)

STORY_ARTICLES = 200


def _article_row(request: Request) -> ArticleRow:
    article_id = request.path_params["article_id"]
    row = get_article_row(web_of(request).db, article_id)
    if row is None:
        raise HTTPException(404, f"no article with id {article_id}")
    return row


def article_translations(request: Request) -> Response:
    row = _article_row(request)
    found = translations_for(web_of(request).db, row["id"])
    return SafeJSONResponse({"article_id": row["id"], "language": row["language"],
                             "translations": {code: translation_json(t)
                                              for code, t in sorted(found.items())}})


def one_translation(request: Request) -> Response:
    row = _article_row(request)
    lang = request.path_params["lang"]
    if not LANGUAGE_CODE.fullmatch(lang):
        raise HTTPException(404, "no such translation: give a language code, like /en")
    found = translations_for(web_of(request).db, row["id"]).get(lang)
    if found is None:
        raise HTTPException(404, f"article {row['id']} has no translation into {lang!r}")
    return SafeJSONResponse({"article_id": row["id"], "language": lang,
                             **translation_json(found)})


def _id_cursor(request: Request, kind: str) -> int | None:
    cursor = decode_cursor(request.query_params.get("before"))
    if cursor is None:
        return None
    if cursor[0] != kind:
        raise HTTPException(400, "before must be a cursor from a previous 'next'")
    return cursor[1]


def story_json(row: StoryRow) -> dict[str, Any]:
    return {"id": row["id"], "title": row["title"], "article_count": row["article_count"],
            "earliest_article_id": row["earliest_article_id"],
            "created_at": row["created_at"], "updated_at": row["updated_at"]}


def list_stories(request: Request) -> Response:
    limit = limit_param(request)
    rows = stories_before(web_of(request).db, limit + 1, _id_cursor(request, "story"))
    more, rows = len(rows) > limit, rows[:limit]
    return SafeJSONResponse({"stories": [story_json(row) for row in rows],
                             "next": encode_cursor("story", rows[-1]["id"]) if more else None})


def get_story(request: Request) -> Response:
    db = web_of(request).db
    story_id = request.path_params["story_id"]
    row = db.reader.story(story_id)
    if row is None:
        raise HTTPException(404, f"no story with id {story_id}")
    articles = filtered_articles(db, ArticleFilters(story_id=story_id), STORY_ARTICLES)
    translations = translations_for_many(db, [a["id"] for a in articles])
    return SafeJSONResponse({**story_json(row), "articles": [
        article_json(a, translations.get(a["id"], {})) for a in articles]})


def get_source(request: Request) -> Response:
    db = web_of(request).db
    source_id = request.path_params["source_id"]
    row = source_row(db, source_id)
    if row is None:
        raise HTTPException(404, f"no source with id {source_id}")
    events = [{"at": e["at"], "level": e["level"], "code": e["code"], "message": e["message"],
               "url": served_url(e["url"])} for e in recent_events(db, source_id, 20)]
    per_day = articles_per_day(db, source_id, utcnow().date(), 30)
    return SafeJSONResponse({**source_json(row), "recent_events": events,
                             "articles_per_day": [{"day": d, "count": n} for d, n in per_day]})


def search(request: Request) -> Response:
    text = search_text(request)
    query = parse_query(text)
    if query.empty:
        raise HTTPException(400, "q must contain at least one word to search for")
    limit = limit_param(request)
    filters: ArticleFilters = article_filters(request)
    rows = search_articles(
        web_of(request).db, query,
        SearchFilters(language=filters.language, source_id=filters.source_id,
                      since=filters.since, until=filters.until),
        limit + 1, before_id=_id_cursor(request, "search"))
    more, rows = len(rows) > limit, rows[:limit]
    translations = translations_for_many(web_of(request).db, [row["id"] for row in rows])
    results = [{**article_json(row, translations.get(row["id"], {})),
                "snippet": [{"text": part, "match": matched}
                            for part, matched in marked_segments(row["snippet"] or "")]}
               for row in rows]
    return SafeJSONResponse({"query": text, "results": results,
                             "next": encode_cursor("search", rows[-1]["id"]) if more else None})

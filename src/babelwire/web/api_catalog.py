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
from ..storage.records import ArticleRow, StoryRow
from ..storage.search import SearchFilters, marked_segments, parse_query, search_articles
from .api import (SafeJSONResponse, article_json, decode_cursor, encode_cursor, limit_param,
                  served_url, source_json, translation_json)
from .context import web_of
from .filters import article_filters, search_text
from .i18n import LANGUAGE_CODE
from .indexes import story_summaries, summary_json
from .queries import ArticleFilters, articles_per_day, filtered_articles, source_row

STORY_ARTICLES = 200


def _article_row(request: Request) -> ArticleRow:
    article_id = request.path_params["article_id"]
    row = web_of(request).db.articles.get_row(article_id)
    if row is None:
        raise HTTPException(404, f"no article with id {article_id}")
    return row


def article_translations(request: Request) -> Response:
    row = _article_row(request)
    found = web_of(request).db.translations.for_article(row["id"])
    return SafeJSONResponse({"article_id": row["id"], "language": row["language"],
                             "translations": {code: translation_json(t)
                                              for code, t in sorted(found.items())}})


def one_translation(request: Request) -> Response:
    row = _article_row(request)
    lang = request.path_params["lang"]
    if not LANGUAGE_CODE.fullmatch(lang):
        raise HTTPException(404, "no such translation: give a language code, like /en")
    found = web_of(request).db.translations.for_article(row["id"]).get(lang)
    if found is None:
        raise HTTPException(404, f"article {row['id']} has no translation into {lang!r}")
    return SafeJSONResponse({"article_id": row["id"], "language": lang,
                             **translation_json(found)})


def _id_cursor(request: Request, kind: str) -> int | None:
    cursor = decode_cursor(request.query_params.get("before") or None)
    if cursor is None:
        return None
    if cursor[0] != kind:
        raise HTTPException(400, "before must be a cursor from a previous 'next'")
    return cursor[1]


def story_json(row: StoryRow) -> dict[str, Any]:
    return {"id": row["id"], "title": row["title"], "article_count": row["article_count"],
            "earliest_article_id": row["earliest_article_id"],
            "created_at": row["created_at"], "updated_at": row["updated_at"]}


def get_story(request: Request) -> Response:
    db = web_of(request).db
    story_id = request.path_params["story_id"]
    row = db.reader.story(story_id)
    if row is None:
        raise HTTPException(404, f"no story with id {story_id}")
    articles = filtered_articles(db, ArticleFilters(story_id=story_id), STORY_ARTICLES)
    translations = db.translations.for_many([a["id"] for a in articles])
    summary = story_summaries(db, [row], web_of(request).settings.targets[0])[0]
    return SafeJSONResponse({**story_json(row), **summary_json(summary), "articles": [
        article_json(a, translations.get(a["id"], {})) for a in articles]})


def get_source(request: Request) -> Response:
    db = web_of(request).db
    source_id = request.path_params["source_id"]
    row = source_row(db, source_id)
    if row is None:
        raise HTTPException(404, f"no source with id {source_id}")
    events = [{"at": e["at"], "level": e["level"], "code": e["code"], "message": e["message"],
               "url": served_url(e["url"])} for e in db.sources.events(source_id, 20)]
    per_day = articles_per_day(db, source_id, utcnow().date(), 30)
    return SafeJSONResponse({**source_json(row), "recent_events": events,
                             "articles_per_day": [{"day": d, "count": n} for d, n in per_day]})


def search(request: Request) -> Response:
    """Newest stored first (cursor ``before``), or ``sort=relevance``: best match first."""
    if "q" not in request.query_params:
        raise HTTPException(400, "q is required: the words to search for, like q=harbour")
    text = search_text(request)
    query = parse_query(text)
    limit = limit_param(request)
    relevance = _api_sort(request) == "relevance"
    offset, before = _search_cursor(request, relevance)
    filters: ArticleFilters = article_filters(request)
    if query.empty:  # nothing to search for (empty, or no word in it): nothing found
        return SafeJSONResponse({"query": text, "results": [], "next": None})
    rows = search_articles(
        web_of(request).db, query,
        SearchFilters(language=filters.language, source_id=filters.source_id,
                      since=filters.since, until=filters.until),
        limit + 1, before_id=before, relevance=relevance, offset=offset)
    more, rows = len(rows) > limit, rows[:limit]
    translations = web_of(request).db.translations.for_many([row["id"] for row in rows])
    results = [{**article_json(row, translations.get(row["id"], {})),
                "snippet": [{"text": part, "match": matched}
                            for part, matched in marked_segments(row["snippet"] or "")]}
               for row in rows]
    following = None
    if more:
        following = encode_cursor(RANK_CURSOR, offset + limit) if relevance else \
            encode_cursor("search", rows[-1]["id"])
    return SafeJSONResponse({"query": text, "results": results, "next": following})


RANK_CURSOR = "search-rank"


def _api_sort(request: Request) -> str:
    raw = request.query_params.get("sort", "").strip().lower() or "newest"
    if raw not in ("newest", "relevance"):
        raise HTTPException(400, "sort must be newest or relevance, like sort=relevance")
    return raw


def _search_cursor(request: Request, relevance: bool) -> tuple[int, int | None]:
    """(offset, before id) from ``before``: a rank cursor pages by offset, else by id."""
    cursor = decode_cursor(request.query_params.get("before") or None)
    if cursor is None:
        return 0, None
    if cursor[0] != (RANK_CURSOR if relevance else "search"):
        raise HTTPException(400, "before must be a cursor from a previous 'next'")
    return (cursor[1], None) if relevance else (0, cursor[1])

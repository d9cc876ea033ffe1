"""The search page: full text over originals and translations, ranked by relevance (or newest
first with ``sort=newest``), one entry per story, snippets in the reader's language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from ..storage.search import (SearchFilters, SearchQuery, marked_segments, parse_query,
                              search_articles)
from .context import reader_language, render, web_of
from .filters import article_filters, filter_params, search_text, whole_number
from .grouping import Entry, Grouping, grouped, grouping_for, show_all
from .pages import filter_languages, page_number
from .provenance import labels
from .queries import ArticleFilters, source_names
from .snippets import snippet_parts

RESULTS_PER_PAGE = 20
SORTS = ("relevance", "newest")
TITLE_WORDS = 200  # a title is marked whole


@dataclass(frozen=True)
class SearchHit:
    entry: Entry
    snippet: Markup
    snippet_language: str
    title: Markup  # the entry's title with the query's words marked


def highlighted(parts: list[tuple[str, bool]] | str) -> Markup:
    """Snippet parts (or text marked by the index) as HTML: every part escaped, matches
    in ``<mark>``."""
    if isinstance(parts, str):
        parts = marked_segments(re.sub(r"\s+", " ", parts))
    return Markup("").join(Markup("<mark>{}</mark>").format(part) if matched else escape(part)
                           for part, matched in parts)


def search_filters(filters: ArticleFilters) -> SearchFilters:
    return SearchFilters(language=filters.language, source_id=filters.source_id,
                         since=filters.since, until=filters.until)


def sort_order(request: Request) -> str:
    """``sort=relevance`` (the default) or ``sort=newest``; 400 otherwise. A ``before``
    cursor (the newest-first pages' own) means newest first."""
    newest_cursor = bool(request.query_params.get("before", "").strip())
    raw = request.query_params.get("sort", "").strip().lower() or SORTS[int(newest_cursor)]
    if raw not in SORTS:
        raise HTTPException(400, "sort must be relevance or newest, like sort=newest")
    return raw


def run_search(request: Request, limit: int, relevance: bool = False,
               offset: int = 0) -> tuple[list, bool]:
    """(rows, has_more) for the request's ``q`` and filters: newest first from the ``before``
    cursor, or best match first from ``offset``."""
    query = parse_query(search_text(request))
    filters = search_filters(article_filters(request))
    before = None if relevance else whole_number(request, "before")
    rows = search_articles(web_of(request).db, query, filters, limit + 1, before_id=before,
                           relevance=relevance, offset=offset)
    return rows[:limit], len(rows) > limit


def reader_hits(db, entries: list[Entry], query: SearchQuery, lang: str) -> list[SearchHit]:
    """Each entry with a snippet cut from its head's text in the reader's language."""
    texts = db.reader.texts_in([entry.item.article_id for entry in entries], lang)
    hits = []
    for entry in entries:
        language, _, text = texts.get(entry.item.article_id, (entry.item.language, "", ""))
        title = highlighted(snippet_parts(entry.item.title, query, tokens=TITLE_WORDS))
        hits.append(SearchHit(entry, highlighted(snippet_parts(text, query)), language, title))
    return hits


def search_page(request: Request) -> Response:
    web = web_of(request)
    lang = reader_language(request)
    text = search_text(request)
    sort = sort_order(request)
    page = page_number(request) if sort == "relevance" else 1
    rows, has_more = run_search(request, RESULTS_PER_PAGE, relevance=sort == "relevance",
                                offset=(page - 1) * RESULTS_PER_PAGE)
    filters = article_filters(request)
    every = show_all(request)
    grouping = None if every else grouping_for(filters)
    if grouping is not None:  # ranked lists: a story stands at its best-ranked version's place
        grouping = Grouping(head_from_story=grouping.head_from_story, newest_only=False)
    entries = grouped(web.db, rows, lang, grouping, labels(lang))
    grouped_params = {**filter_params(request), **({"sort": sort} if sort != SORTS[0] else {})}
    params = {**grouped_params, **({"all": "1"} if every else {})}
    return render(request, "search.html", {
        "q": text, "searched": bool(text.strip()), "empty_query": parse_query(text).empty,
        "hits": reader_hits(web.db, entries, parse_query(text), lang), "params": params,
        "params_grouped": grouped_params, "filters": filters, "sort": sort, "all": every, "page": page,
        "next_before": rows[-1]["id"] if has_more and sort == "newest" else None,
        "next_page": page + 1 if has_more and sort == "relevance" else None,
        "outlets": source_names(web.db),
        "languages": filter_languages(web.db, web.settings.targets, filters.language),
    })

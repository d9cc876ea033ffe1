"""The search page: full text over originals and translations, highlighted, filtered, paged."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import Response

from ..storage.search import SearchFilters, marked_segments, parse_query, search_articles
from ..storage.translations import translations_for_many
from .context import reader_language, render, web_of
from .filters import article_filters, filter_params, search_text, whole_number
from .i18n import LANGUAGE_NAMES
from .present import ReaderTitle, reader_title
from .queries import ArticleFilters, source_names

RESULTS_PER_PAGE = 20


@dataclass(frozen=True)
class SearchHit:
    item: ReaderTitle
    snippet: Markup


def highlighted(text: str) -> Markup:
    """Marked snippet text as HTML: every part escaped, matches in ``<mark>``."""
    parts = [Markup("<mark>{}</mark>").format(part) if matched else escape(part)
             for part, matched in marked_segments(re.sub(r"\s+", " ", text))]
    return Markup("").join(parts)


def search_filters(filters: ArticleFilters) -> SearchFilters:
    return SearchFilters(language=filters.language, source_id=filters.source_id,
                         since=filters.since, until=filters.until)


def run_search(request: Request, limit: int) -> tuple[list, bool]:
    """(rows, has_more) for the request's ``q``, filters and ``before`` cursor."""
    query = parse_query(search_text(request))
    filters = search_filters(article_filters(request))
    rows = search_articles(web_of(request).db, query, filters, limit + 1,
                           before_id=whole_number(request, "before"))
    return rows[:limit], len(rows) > limit


def search_page(request: Request) -> Response:
    web = web_of(request)
    lang = reader_language(request)
    text = search_text(request)
    rows, has_more = run_search(request, RESULTS_PER_PAGE)
    translations = translations_for_many(web.db, [row["id"] for row in rows])
    hits = [SearchHit(reader_title(row, translations.get(row["id"], {}), lang),
                      highlighted(row["snippet"] or "")) for row in rows]
    params = filter_params(request)
    return render(request, "search.html", {
        "q": text, "searched": bool(text.strip()), "empty_query": parse_query(text).empty,
        "hits": hits, "params": params, "filters": article_filters(request),
        "next_before": rows[-1]["id"] if has_more else None,
        "outlets": source_names(web.db),
        "languages": [code for code in LANGUAGE_NAMES if code != "und"],
    })

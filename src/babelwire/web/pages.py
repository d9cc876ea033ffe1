"""HTML pages: the latest articles, one article side by side, sources, errors."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from ..models import Translation
from ..storage.articles import article_from_row, count_articles, get_article_row, latest_articles
from ..storage.sources import health_rows
from ..storage.translations import failures_for, translations_for, translations_for_many
from .context import reader_language, render, web_of
from .present import outlet_of, paragraphs, reader_title, time_of

PAGE_SIZE = 50


def home(request: Request) -> Response:
    web = web_of(request)
    lang = reader_language(request)
    page = page_number(request)
    rows = latest_articles(web.db, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    translations = translations_for_many(web.db, [row["id"] for row in rows])
    items = [reader_title(row, translations.get(row["id"], {}), lang) for row in rows]
    total = count_articles(web.db)
    return render(request, "home.html", {
        "items": items, "page": page, "has_newer": page > 1,
        "has_older": page * PAGE_SIZE < total,
    })


def page_number(request: Request) -> int:
    raw = request.query_params.get("page", "1")
    if not raw.isdigit() or int(raw) < 1 or len(raw) > 6:
        raise HTTPException(400, "page must be a positive whole number")
    return int(raw)


@dataclass(frozen=True)
class AlignedRow:
    """One paragraph index: the translation's paragraph beside the original's."""

    kind: str  # standfirst | paragraph
    translated: str
    original: str


def aligned_rows(translation: Translation | None, standfirst: str, body: str) -> list[AlignedRow]:
    """Standfirst then body paragraphs, paired by index (missing side is '')."""
    rows = []
    if translation is not None:
        if translation.standfirst or standfirst:
            rows.append(AlignedRow("standfirst", translation.standfirst.strip(),
                                   standfirst.strip()))
        pairs = zip_longest(paragraphs(translation.body), paragraphs(body), fillvalue="")
    else:
        if standfirst:
            rows.append(AlignedRow("standfirst", "", standfirst.strip()))
        pairs = (("", paragraph) for paragraph in paragraphs(body))
    rows.extend(AlignedRow("paragraph", left, right) for left, right in pairs)
    return rows


def article_page(request: Request) -> Response:
    web = web_of(request)
    lang = reader_language(request)
    row = get_article_row(web.db, request.path_params["article_id"])
    if row is None:
        raise HTTPException(404, "no such article")
    article = article_from_row(row)
    translations = translations_for(web.db, article.id)
    in_language = article.language == lang
    translation = None if in_language else translations.get(lang)
    failures = [] if in_language or translation else [
        failure for failure in failures_for(web.db, article.id) if failure["language"] == lang
    ]
    others = [(code, code == article.language) for code in web.settings.targets
              if code != lang and (code in translations or code == article.language)]
    return render(request, "article.html", {
        "article": article, "translation": translation, "in_language": in_language,
        "rows": aligned_rows(translation, article.standfirst, article.body),
        "outlet": outlet_of(row), "time": time_of(row), "failures": failures, "others": others,
    })


def sources_page(request: Request) -> Response:
    return render(request, "sources.html", {"sources": health_rows(web_of(request).db)})


def healthz(request: Request) -> Response:
    return PlainTextResponse("ok")


def error_page(request: Request, status_code: int, detail: str) -> Response:
    return render(request, "error.html", {"status": status_code, "detail": detail},
                  status_code=status_code)

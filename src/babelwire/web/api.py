"""The JSON API: articles with their translations (cursor pages) and sources' health.

Errors are ``{"error": {"code": ..., "message": ...}}`` (see ``problems``).
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..models import Translation
from ..translate.quality import quality_class
from ..storage.articles import article_from_row
from ..storage.records import ArticleRow, SourceRow
from .api_provenance import provenance_json
from .context import web_of
from .present import outlet_of, web_url
from .filters import MAX_ID, article_filters
from .queries import filtered_articles

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_CURSOR_LENGTH = 200

SOURCE_FIELDS = ("id", "url", "name", "kind", "enabled", "added_at", "last_fetch_at",
                 "last_success_at", "error_count", "last_error_code", "last_error",
                 "last_warning_code", "last_warning", "next_check_at")


class SafeJSONResponse(JSONResponse):
    """JSON with ``<``, ``>`` and ``&`` escaped, so no stored text reads as markup."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
        return (text.replace("<", "\\u003c").replace(">", "\\u003e")
                .replace("&", "\\u0026").encode("utf-8"))


def list_articles(request: Request) -> Response:
    db = web_of(request).db
    limit = limit_param(request)
    before = decode_cursor(request.query_params.get("before") or None)  # empty: first page
    rows = filtered_articles(db, article_filters(request), limit + 1, before=before)
    has_more = len(rows) > limit
    rows = rows[:limit]
    translations = db.translations.for_many([row["id"] for row in rows])
    provenance = provenance_json(db, [row["id"] for row in rows])
    return SafeJSONResponse({
        "articles": [{**article_json(row, translations.get(row["id"], {})),
                      **provenance[row["id"]]} for row in rows],
        "next": encode_cursor(rows[-1]["sort_key"], rows[-1]["id"]) if has_more else None,
    })


def get_article(request: Request) -> Response:
    db = web_of(request).db
    row = db.articles.get_row(request.path_params["article_id"])
    if row is None:
        raise HTTPException(404, f"no article with id {request.path_params['article_id']}")
    return SafeJSONResponse({**article_json(row, db.translations.for_article(row["id"])),
                             **provenance_json(db, [row["id"]])[row["id"]]})


def list_sources(request: Request) -> Response:
    rows = web_of(request).db.sources.health_rows()
    return SafeJSONResponse({"sources": [source_json(row) for row in rows]})


def limit_param(request: Request) -> int:
    raw = request.query_params.get("limit")
    if raw is None or not raw.strip():
        return DEFAULT_LIMIT
    if not raw.isascii() or not raw.isdigit() or len(raw) > 4 or not 1 <= int(raw) <= MAX_LIMIT:
        raise HTTPException(400, f"limit must be a whole number from 1 to {MAX_LIMIT}")
    return int(raw)


def encode_cursor(sort_key: str, article_id: int) -> str:
    raw = json.dumps([sort_key, article_id], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[str, int] | None:
    """The (sort key, id) inside a ``next`` cursor; 400 when it is not one of ours."""
    if cursor is None:
        return None
    problem = HTTPException(400, "before must be a cursor from a previous 'next'")
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise problem
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        sort_key, article_id = json.loads(raw)
    except (binascii.Error, ValueError, TypeError) as exc:
        raise problem from exc
    if not isinstance(sort_key, str) or type(article_id) is not int:
        raise problem
    if not 1 <= article_id <= MAX_ID or not sort_key.isprintable():
        raise problem
    return sort_key, article_id


def served_url(url: str | None) -> str | None:
    """A stored URL as the API gives it: http(s) only, anything else (javascript:, data:) null."""
    return web_url(url) or None


def article_json(row: ArticleRow, translations: dict[str, Translation]) -> dict[str, Any]:
    article = article_from_row(row)
    return {
        "id": article.id, "url": served_url(article.url),
        "canonical_url": served_url(article.canonical_url),
        "source": outlet_of(row), "language": article.language,
        "language_confidence": article.language_confidence, "title": article.title,
        "standfirst": article.standfirst, "body": article.body, "author": article.author,
        "published": article.published, "first_seen": article.first_seen,
        "attribution": [
            {"outlet": a.outlet, "kind": a.kind, "evidence": a.evidence, "url": served_url(a.url)}
            for a in article.attribution
        ],
        "disclaimers": list(article.disclaimers),
        "translations": {code: translation_json(t) for code, t in sorted(translations.items())},
    }


def translation_json(translation: Translation) -> dict[str, Any]:
    return {
        "title": translation.title, "standfirst": translation.standfirst,
        "body": translation.body, "engine": translation.engine,
        "engine_version": translation.engine_version, "pivot": translation.pivot,
        "machine_translation": True, "quality": quality_class(translation.engine),
    }


def source_json(row: SourceRow) -> dict[str, Any]:
    source = {field: row[field] for field in SOURCE_FIELDS}
    source["url"] = served_url(source["url"])
    source["enabled"] = bool(source["enabled"])
    source["articles_stored"] = row["article_count"]
    return source

"""Reading filters and page parameters from a request's query string (400 when malformed)."""

from __future__ import annotations

import re

from starlette.exceptions import HTTPException
from starlette.requests import Request

from .i18n import LANGUAGE_CODE
from .queries import ArticleFilters

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_QUERY_LENGTH = 500


def whole_number(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 12:
        raise HTTPException(400, f"{name} must be a whole number, like {name}=12")
    return int(raw)


def day(request: Request, name: str) -> str | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    if not _DAY.fullmatch(raw):
        raise HTTPException(400, f"{name} must be a date written YYYY-MM-DD, like {name}=2024-05-01")
    return raw


def language_code(request: Request, name: str) -> str | None:
    raw = request.query_params.get(name, "").strip().lower()
    if not raw:
        return None
    if not (LANGUAGE_CODE.fullmatch(raw) or raw == "und"):
        raise HTTPException(400, f"{name} must be a language code, like {name}=es")
    return raw


def article_filters(request: Request, readable_in: str | None = None) -> ArticleFilters:
    """``?source=``, ``?language=`` (the original's), ``?story=``, ``?from=``, ``?to=``."""
    return ArticleFilters(
        source_id=whole_number(request, "source"), language=language_code(request, "language"),
        story_id=whole_number(request, "story"), since=day(request, "from"),
        until=day(request, "to"), readable_in=readable_in,
    )


def search_text(request: Request) -> str:
    return request.query_params.get("q", "")[:MAX_QUERY_LENGTH]


def filter_params(request: Request) -> dict[str, str]:
    """The filter parameters present in the request, to carry into links."""
    names = ("source", "language", "story", "from", "to", "q")
    return {name: request.query_params[name] for name in names if request.query_params.get(name)}

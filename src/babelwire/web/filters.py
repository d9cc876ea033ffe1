"""Reading filters and page parameters from a request's query string (400 when malformed)."""

from __future__ import annotations

import re
from datetime import date

from starlette.exceptions import HTTPException
from starlette.requests import Request

from .i18n import LANGUAGE_CODE
from .queries import ArticleFilters

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MAX_QUERY_LENGTH = 500
MAX_ID = 2**63 - 1  # SQLite's largest INTEGER: every id lies in 1 .. MAX_ID


def parse_id(raw: str) -> int | None:
    """``raw`` as an id when it is ASCII digits worth 1 .. 2^63-1, else None."""
    digits = raw.lstrip("0")
    if not raw.isascii() or not raw.isdigit() or not digits or len(digits) > 19:
        return None
    number = int(digits)
    return number if number <= MAX_ID else None


def whole_number(request: Request, name: str) -> int | None:
    """An id parameter (1 .. 2^63-1), None when absent; 400 otherwise."""
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    number = parse_id(raw)
    if number is None:
        raise HTTPException(400, f"{name} must be a whole number from 1 to {MAX_ID}, "
                                 f"like {name}=12")
    return number


def day(request: Request, name: str) -> str | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    if not _DAY.fullmatch(raw) or not _real_day(raw):
        raise HTTPException(400, f"{name} must be a date written YYYY-MM-DD, like {name}=2024-05-01")
    return raw


def _real_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


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

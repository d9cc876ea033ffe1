"""HTTP errors: JSON under /api/ and /feeds/, an HTML page elsewhere, both with the proper status.

JSON errors are ``{"error": {"code": ..., "message": ...}}``; ``CODES`` maps
the status to the stable code.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping
from http import HTTPStatus

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from .api import SafeJSONResponse
from .pages import error_page

log = logging.getLogger(__name__)

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 413: "too_large", 429: "too_many_requests",
         500: "internal_error"}
JSON_PREFIXES = ("/api/", "/feeds/")


def wants_json(path: str) -> bool:
    return path.startswith(JSON_PREFIXES)


def error_response(request: Request, status: int, detail: str | None,
                   headers: Mapping[str, str] | None = None) -> Response:
    """The error for ``request``'s path: JSON for the API and feeds, else the error page."""
    if not detail or detail == HTTPStatus(status).phrase:
        detail = {404: "there is nothing at this address"}.get(status, HTTPStatus(status).phrase)
    if wants_json(request.url.path):
        body = {"error": {"code": CODES.get(status, "error"), "message": detail}}
        return SafeJSONResponse(body, status_code=status, headers=dict(headers or {}))
    try:
        response = error_page(request, status, detail)
    except Exception:  # the page itself failed: say so plainly, still as a page
        log.exception("the error page for %s could not be rendered", status)
        response = bare_error_page(status, detail)
    response.headers.update(dict(headers or {}))
    return response


def bare_error_page(status: int, detail: str) -> Response:
    title = f"{status} {HTTPStatus(status).phrase}"
    body = (f"<!doctype html><html lang=en><meta charset=utf-8><title>{html.escape(title)}"
            f"</title><h1>{html.escape(title)}</h1><p>{html.escape(detail)}</p>"
            '<p><a href="/">babelwire</a></p></html>')
    return HTMLResponse(body, status_code=status)


def http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    detail = exc.detail if isinstance(exc, HTTPException) else "internal error"
    return error_response(request, status, detail, getattr(exc, "headers", None))

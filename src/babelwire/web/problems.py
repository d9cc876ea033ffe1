"""HTTP errors: JSON under /api/, an HTML page elsewhere, both with the proper status."""

from __future__ import annotations

from http import HTTPStatus

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from .api import SafeJSONResponse
from .pages import error_page

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 500: "error"}


def http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    detail = exc.detail if isinstance(exc, HTTPException) else "internal error"
    if not detail or detail == HTTPStatus(status).phrase:
        detail = {404: "there is nothing at this address"}.get(status, HTTPStatus(status).phrase)
    headers = getattr(exc, "headers", None) or {}
    if request.url.path.startswith(("/api/", "/feeds/")):
        body = {"error": {"code": CODES.get(status, "error"), "message": detail}}
        return SafeJSONResponse(body, status_code=status, headers=headers)
    response = error_page(request, status, detail)
    response.headers.update(headers)
    return response

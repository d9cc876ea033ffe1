"""What API clients and feed readers rely on: CORS on the read-only API and feeds, and
conditional GET on feeds (ETag and Last-Modified, answered 304 when nothing changed).

``CrossOrigin`` sits just inside the security headers: a preflight (``OPTIONS`` with
``Access-Control-Request-Method``) under ``/api/`` or ``/feeds/`` is answered 204 before
the private reader's token check (a browser sends no credentials on a preflight), and
every answer there carries ``Access-Control-Allow-Origin`` when the request's origin is
allowed (``web.cors_origins``; ``*`` allows any, and no cookie is ever honoured
cross-origin: the API reads a bearer token). Admin and login pages never get CORS.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from email.utils import format_datetime, parsedate_to_datetime
from functools import wraps

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..clock import parse_iso
from ..settings import Settings

CORS_PREFIXES = ("/api/", "/feeds/")
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
ALLOWED_HEADERS = "Authorization, If-None-Match, If-Modified-Since"
EXPOSED_HEADERS = "ETag, Last-Modified, Retry-After"
PREFLIGHT_MAX_AGE = "86400"


class CrossOrigin:
    """CORS for the read-only API and the feeds (see the module docstring)."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.origins = tuple(str(origin).strip().rstrip("/")
                             for origin in settings["web.cors_origins"] if str(origin).strip())

    def allowed(self, origin: str) -> str | None:
        """The Access-Control-Allow-Origin value for ``origin``, None when not allowed."""
        if not origin or not self.origins:
            return None
        if "*" in self.origins:
            return "*"
        return origin if origin.rstrip("/") in self.origins else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(CORS_PREFIXES):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        allow = self.allowed(headers.get("origin", ""))
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            await self.preflight(allow, scope, receive, send)
            return
        if allow is None:
            await self.app(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                answer = MutableHeaders(scope=message)
                answer["Access-Control-Allow-Origin"] = allow
                answer["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
                if allow != "*":
                    answer.append("Vary", "Origin")
            await send(message)

        await self.app(scope, receive, send_with_cors)

    @staticmethod
    async def preflight(allow: str | None, scope: Scope, receive: Receive, send: Send) -> None:
        answer = Response(status_code=204, headers={"Allow": ALLOWED_METHODS})
        if allow is not None:
            answer.headers.update({
                "Access-Control-Allow-Origin": allow, "Access-Control-Allow-Methods": ALLOWED_METHODS,
                "Access-Control-Allow-Headers": ALLOWED_HEADERS,
                "Access-Control-Max-Age": PREFLIGHT_MAX_AGE})
            if allow != "*":
                answer.headers["Vary"] = "Origin"
        await answer(scope, receive, send)


Handler = Callable[[Request], Response]


def http_date(stamp: str | None) -> str | None:
    """A stored ISO time as an HTTP date (``Last-Modified``); None when unreadable."""
    moment = parse_iso(stamp)
    return format_datetime(moment, usegmt=True) if moment else None


def conditional(handler: Handler) -> Handler:
    """``handler``'s 200 answers with a strong ``ETag`` (a digest of the body), and 304 Not
    Modified when the client's ``If-None-Match`` (or, without it, ``If-Modified-Since``)
    shows it already has this version."""

    @wraps(handler)
    def answer(request: Request) -> Response:
        response = handler(request)
        if response.status_code != 200 or not hasattr(response, "body"):
            return response
        etag = '"' + hashlib.sha256(bytes(response.body)).hexdigest()[:32] + '"'
        response.headers["ETag"] = etag
        if not_modified(request.headers, etag, response.headers.get("last-modified")):
            kept = {name: response.headers[name] for name in
                    ("etag", "last-modified", "vary", "cache-control") if name in response.headers}
            return Response(status_code=304, headers=kept)
        return response

    return answer


def not_modified(headers: Headers, etag: str, last_modified: str | None) -> bool:
    """RFC 9110: If-None-Match decides when present; else If-Modified-Since."""
    if "if-none-match" in headers:
        tags = [tag.strip().removeprefix("W/") for tag in headers["if-none-match"].split(",")]
        return "*" in tags or etag in tags
    since, modified = headers.get("if-modified-since"), last_modified
    if not since or not modified:
        return False
    try:
        return parsedate_to_datetime(modified) <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False

"""Tokens, sessions, throttling and CSRF for the admin and for a private reader.

A session cookie is ``nonce.signature``: the nonce is one the server issued
and still holds in its ``SessionBook`` (logout removes it; it lapses after
``web.session_hours``; a restart ends it), and the signature is an HMAC of the
nonce keyed by the configured token, so changing the token ends every session
too. The admin's CSRF token is another HMAC of the same nonce, so it is per
session and checked on every POST.

Every token check (the login forms, ``Authorization: Bearer``, a feed's
``?token=``) goes through the ``LoginThrottle``: an address that sent
``web.login_failures`` wrong tokens waits (429 with ``Retry-After``).

With ``web.private`` on, ``PrivateReader`` answers 401 to any request without a
read session, an ``Authorization: Bearer TOKEN`` header, or (feeds only, for
feed readers) ``?token=TOKEN``; ``/login``, ``/admin``, ``/static`` and
``/healthz`` stay reachable.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from urllib.parse import parse_qs, quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from ..settings import Settings
from .context import web_of
from .problems import error_response

ADMIN_COOKIE = "bw_admin"
READ_COOKIE = "bw_read"
OPEN_PREFIXES = ("/login", "/admin", "/static/", "/healthz", "/favicon.ico")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _sign(key: str, purpose: str, nonce: str) -> str:
    return hmac.new(key.encode("utf-8"), f"{purpose}:{nonce}".encode("utf-8"),
                    hashlib.sha256).hexdigest()


def new_session(request: Request, key: str, purpose: str) -> str:
    """A cookie value for a new live session, signed with ``key``."""
    nonce = web_of(request).sessions.issue(purpose)
    return f"{nonce}.{_sign(key, purpose, nonce)}"


def valid_session(request: Request, value: str | None, keys: list[str],
                  purpose: str) -> str | None:
    """The session's nonce when ``value`` is live and was signed by one of ``keys``, else None."""
    nonce, _, signature = (value or "").partition(".")
    if not nonce or not signature:
        return None
    for key in keys:
        if key and hmac.compare_digest(signature, _sign(key, purpose, nonce)):
            return nonce if web_of(request).sessions.alive(nonce, purpose) else None
    return None


def end_session(request: Request, cookie: str) -> None:
    """Forget the session in ``cookie`` (logout): the cookie is worthless from now on."""
    nonce, _, _ = (request.cookies.get(cookie) or "").partition(".")
    if nonce:
        web_of(request).sessions.revoke(nonce)


def session_seconds(settings: Settings) -> int:
    return max(int(float(settings["web.session_hours"]) * 3600), 60)


def same_token(given: str, expected: str) -> bool:
    return bool(expected) and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def read_keys(settings: Settings) -> list[str]:
    return [key for key in (settings["web.read_token"], settings["web.admin_token"]) if key]


def csrf_token(settings: Settings, nonce: str) -> str:
    return _sign(settings["web.admin_token"], "csrf", nonce)


def admin_nonce(request: Request, settings: Settings) -> str | None:
    return valid_session(request, request.cookies.get(ADMIN_COOKIE),
                         [settings["web.admin_token"]], "admin")


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def throttled_for(request: Request) -> int:
    """Seconds this client must wait before its next token is checked (0: none)."""
    return web_of(request).throttle.retry_after(client_address(request))


def check_token(request: Request, given: str, keys: list[str]) -> str | None:
    """The key ``given`` matches, counting a miss against the client (call after
    ``throttled_for`` said 0)."""
    throttle = web_of(request).throttle
    key = next((k for k in keys if same_token(given, k)), None)
    if key is None:
        throttle.failed(client_address(request))
    else:
        throttle.succeeded(client_address(request))
    return key


async def form_fields(request: Request) -> dict[str, str]:
    """An ``application/x-www-form-urlencoded`` body as a dict (first value of each field).

    The body's size is capped by ``EdgeGuard`` while it streams in; control
    characters other than tab and newlines are removed from every value.
    """
    body = await request.body()
    fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    return {_CONTROL.sub("", name): _CONTROL.sub("", values[0])
            for name, values in fields.items()}


def safe_next(path: str | None) -> str:
    """A local path to go back to after logging in (never another site)."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path


def given_token(request: Request) -> str:
    """The token a request brings: ``Authorization: Bearer``, or ``?token=`` on feeds."""
    bearer = request.headers.get("authorization", "")
    given = bearer[7:].strip() if bearer.lower().startswith("bearer ") else ""
    if not given and request.url.path.startswith("/feeds/"):
        given = request.query_params.get("token", "")
    return given


def has_session(request: Request, settings: Settings) -> bool:
    keys = read_keys(settings)
    return bool(valid_session(request, request.cookies.get(READ_COOKIE), keys, "read")
                or admin_nonce(request, settings))


class PrivateReader:
    """Closes reading to people without a token when ``web.private`` is on."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.settings["web.private"]:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        if request.url.path.startswith(OPEN_PREFIXES) or has_session(request, self.settings):
            await self.app(scope, receive, send)
            return
        respond = self.by_token(request) if given_token(request) else refusal(request)
        await respond(scope, receive, send)

    def by_token(self, request: Request) -> ASGIApp:
        """The app when the request's token is right; 429 while throttled; else the refusal."""
        wait = throttled_for(request)
        if wait:
            return too_many_attempts(request, wait)
        if check_token(request, given_token(request), read_keys(self.settings)):
            return self.app
        return refusal(request)


def too_many_attempts(request: Request, wait: int) -> Response:
    return error_response(request, 429, f"too many wrong tokens from your address: try again "
                          f"in {wait} s", {"Retry-After": str(wait)})


def refusal(request: Request) -> Response:
    from .api import SafeJSONResponse

    if request.url.path.startswith(("/api/", "/feeds/")) or request.url.path.endswith(".opml"):
        return SafeJSONResponse({"error": {"code": "unauthorized", "message":
                                 "this reader is private: give a token (Authorization: Bearer)"}},
                                status_code=401, headers={"WWW-Authenticate": "Bearer"})
    target = quote(request.url.path + ("?" + request.url.query if request.url.query else ""))
    return RedirectResponse(f"/login?next={target}", status_code=303)


async def checked_admin_form(request: Request, page: str) -> dict[str, str]:
    """An admin POST's fields, once its session (checked before the body is read) and its
    CSRF token hold; ``page`` is where to reload a stale form."""
    settings = web_of(request).settings
    nonce = admin_nonce(request, settings) if settings["web.admin_token"] else None
    if nonce is None:
        raise HTTPException(403, "log in to the admin first (/admin)")
    fields = await form_fields(request)
    if not same_token(fields.get("csrf", ""), csrf_token(settings, nonce)):
        raise HTTPException(403, f"the form's CSRF token is missing or stale: reload {page}")
    return fields

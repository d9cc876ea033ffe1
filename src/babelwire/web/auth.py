"""Tokens, sessions and CSRF for the admin and for a private reader.

A session cookie is ``nonce.signature`` where the signature is an HMAC of the
nonce keyed by the configured token: nothing is stored server-side, and
changing the token ends every session. The admin's CSRF token is another HMAC
of the same nonce, so it is per session and checked on every POST.

With ``web.private`` on, ``PrivateReader`` answers 401 to any request without a
read session, an ``Authorization: Bearer TOKEN`` header, or (feeds only, for
feed readers) ``?token=TOKEN``; ``/login``, ``/admin``, ``/static`` and
``/healthz`` stay reachable.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import parse_qs, quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from ..settings import Settings

ADMIN_COOKIE = "bw_admin"
READ_COOKIE = "bw_read"
MAX_FORM_BYTES = 6 * 1024 * 1024
OPEN_PREFIXES = ("/login", "/admin", "/static/", "/healthz", "/favicon.ico")


def _sign(key: str, purpose: str, nonce: str) -> str:
    return hmac.new(key.encode("utf-8"), f"{purpose}:{nonce}".encode("utf-8"),
                    hashlib.sha256).hexdigest()


def new_session(key: str, purpose: str) -> str:
    nonce = secrets.token_urlsafe(18)
    return f"{nonce}.{_sign(key, purpose, nonce)}"


def valid_session(value: str | None, keys: list[str], purpose: str) -> str | None:
    """The session's nonce when ``value`` was signed by one of ``keys``, else None."""
    nonce, _, signature = (value or "").partition(".")
    if not nonce or not signature:
        return None
    for key in keys:
        if key and hmac.compare_digest(signature, _sign(key, purpose, nonce)):
            return nonce
    return None


def same_token(given: str, expected: str) -> bool:
    return bool(expected) and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def read_keys(settings: Settings) -> list[str]:
    return [key for key in (settings["web.read_token"], settings["web.admin_token"]) if key]


def csrf_token(settings: Settings, nonce: str) -> str:
    return _sign(settings["web.admin_token"], "csrf", nonce)


def admin_nonce(request: Request, settings: Settings) -> str | None:
    return valid_session(request.cookies.get(ADMIN_COOKIE), [settings["web.admin_token"]], "admin")


async def form_fields(request: Request) -> dict[str, str]:
    """An ``application/x-www-form-urlencoded`` body as a dict (first value of each field)."""
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return {}
    fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    return {name: values[0] for name, values in fields.items()}


def safe_next(path: str | None) -> str:
    """A local path to go back to after logging in (never another site)."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path


def reader_allowed(request: Request, settings: Settings) -> bool:
    keys = read_keys(settings)
    if valid_session(request.cookies.get(READ_COOKIE), keys, "read"):
        return True
    if admin_nonce(request, settings):
        return True
    bearer = request.headers.get("authorization", "")
    given = bearer[7:].strip() if bearer.lower().startswith("bearer ") else ""
    if not given and request.url.path.startswith("/feeds/"):
        given = request.query_params.get("token", "")
    return any(same_token(given, key) for key in keys)


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
        path = request.url.path
        if path.startswith(OPEN_PREFIXES) or reader_allowed(request, self.settings):
            await self.app(scope, receive, send)
            return
        await refusal(request)(scope, receive, send)


def refusal(request: Request) -> Response:
    from .api import SafeJSONResponse

    if request.url.path.startswith(("/api/", "/feeds/")) or request.url.path.endswith(".opml"):
        return SafeJSONResponse({"error": {"code": "unauthorized", "message":
                                 "this reader is private: give a token (Authorization: Bearer)"}},
                                status_code=401, headers={"WWW-Authenticate": "Bearer"})
    target = quote(request.url.path + ("?" + request.url.query if request.url.query else ""))
    return RedirectResponse(f"/login?next={target}", status_code=303)

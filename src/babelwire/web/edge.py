"""The edge: what every request passes before a handler sees it, and what no error escapes.

``EdgeGuard`` is the outermost of our middlewares (inside the security headers):

- a path or query parameter carrying control characters (NUL, ESC, DEL ...)
  is answered 400 before any handler runs, except the search text ``q``,
  whose control characters become spaces (search forgives what is typed);
- a body larger than its limit is refused *before it is read*: a
  ``Content-Length`` over the limit gets 413 at once, and a chunked body is
  counted as it streams and cut off (413) as soon as it passes the limit, so a
  400 MB POST never reaches memory (``web.max_body_bytes``; the login forms
  take ``LOGIN_BODY_BYTES``);
- any exception a handler lets through is logged with its traceback and
  answered with the documented error (JSON under /api/ and /feeds/, the error
  page elsewhere), never uvicorn's plain-text "Internal Server Error".

``IdConvertor`` is the ``{name:id}`` path convertor: ids run from 1 to 2^63-1
(SQLite's INTEGER); anything else is 404 before SQLite sees it.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlencode

from starlette.convertors import Convertor, register_url_convertor
from starlette.datastructures import Headers, MutableHeaders, QueryParams
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..settings import Settings
from .filters import MAX_ID, parse_id
from .problems import error_response

log = logging.getLogger(__name__)

LOGIN_BODY_BYTES = 16 * 1024  # a login form holds one token and a path
LOGIN_PATHS = ("/login", "/admin/login")
CONTROL = re.compile("[\x00-\x1f\x7f]")
FORGIVEN = ("q",)  # search text: control characters become spaces instead of a 400


class IdConvertor(Convertor[int]):
    """``{article_id:id}``: a database id; out of range is 404, not an OverflowError."""

    regex = "[0-9]+"

    def convert(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise HTTPException(404, f"there is nothing at this address: ids are whole numbers "
                                     f"from 1 to {MAX_ID}")
        return number

    def to_string(self, value: int) -> str:
        return str(int(value))


def register_id_convertor() -> None:
    """Make ``{name:id}`` available to routes (idempotent; called by ``create_app``)."""
    register_url_convertor("id", IdConvertor())


class BodyTooLarge(HTTPException):
    """A request body over its limit: 413, and the connection is closed after the answer."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes: send less",
                         headers={"Connection": "close"})


def control_character_problem(scope: Scope) -> str | None:
    """What is wrong with the path or query string, or None when they are clean.

    Search text (``FORGIVEN``) is not refused: ``forgive_search_text`` cleans it.
    """
    found = CONTROL.search(scope.get("path", ""))
    if found:
        return f"the address contains a control character (U+{ord(found.group()):04X}): remove it"
    for name, value in QueryParams(scope.get("query_string", b"")).multi_items():
        found = CONTROL.search(name) or (None if name in FORGIVEN else CONTROL.search(value))
        if found:
            shown = CONTROL.sub("?", name)[:40]
            return (f"{shown} contains a control character (U+{ord(found.group()):04X}): "
                    "remove it")
    return None


def forgive_search_text(scope: Scope) -> Scope:
    """``scope`` with control characters in ``q`` turned into spaces (search forgives typing)."""
    params = QueryParams(scope.get("query_string", b"")).multi_items()
    if not any(name in FORGIVEN and CONTROL.search(value) for name, value in params):
        return scope
    pairs = [(name, CONTROL.sub(" ", value) if name in FORGIVEN else value)
             for name, value in params]
    return {**scope, "query_string": urlencode(pairs).encode("ascii")}


def body_limit(scope: Scope, settings: Settings) -> int:
    path = scope.get("path", "")
    return LOGIN_BODY_BYTES if path in LOGIN_PATHS else int(settings["web.max_body_bytes"])


def declared_length(scope: Scope) -> int | None:
    raw = Headers(scope=scope).get("content-length")
    return int(raw) if raw is not None and raw.strip().isdigit() else None


class BodyMeter:
    """Wraps ``receive``: counts the body as it streams and raises ``BodyTooLarge`` past
    ``limit``; knows whether the whole body has been read."""

    def __init__(self, receive: Receive, limit: int, expected: bool) -> None:
        self._receive = receive
        self.limit = limit
        self.received = 0
        self.done = not expected

    async def receive(self) -> Message:
        message = await self._receive()
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > self.limit:
                raise BodyTooLarge(self.limit)
            self.done = not message.get("more_body", False)
        return message


def body_expected(scope: Scope) -> bool:
    headers = Headers(scope=scope)
    return "transfer-encoding" in headers or (declared_length(scope) or 0) > 0


class EdgeGuard:
    """Validates the request line, caps the body, and answers every unexpected error."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = control_character_problem(scope)
        if problem:
            await self.answer(scope, receive, send, HTTPException(400, problem))
            return
        scope = forgive_search_text(scope)
        limit = body_limit(scope, self.settings)
        length = declared_length(scope)
        if length is not None and length > limit:
            await self.answer(scope, receive, send, BodyTooLarge(limit))
            return
        await self.guarded(scope, BodyMeter(receive, limit, body_expected(scope)), send)

    async def guarded(self, scope: Scope, meter: BodyMeter, send: Send) -> None:
        started = False

        async def send_watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if not meter.done:  # answered without reading it all: drop the rest, hang up
                    MutableHeaders(scope=message)["Connection"] = "close"
            await send(message)

        try:
            await self.app(scope, meter.receive, send_watched)
        except BodyTooLarge as exc:
            if started:
                raise
            await self.answer(scope, meter.receive, send, exc)
        except Exception:
            log.exception("unexpected error answering %s %s", scope.get("method"),
                          CONTROL.sub("?", scope.get("path", "")))
            if started:
                raise
            await self.answer(scope, meter.receive, send, None)

    async def answer(self, scope: Scope, receive: Receive, send: Send,
                     exc: HTTPException | None) -> None:
        """The error response, rendered without the (possibly hostile) query string."""
        request = Request({**scope, "query_string": b""})
        if exc is None:
            response = error_response(request, 500, "internal error: the server could not "
                                      "answer this request and has logged why")
        else:
            response = error_response(request, exc.status_code, exc.detail, exc.headers)
        if body_expected(scope):  # a body may still be on its way: do not read it
            response.headers["Connection"] = "close"
        await response(scope, receive, send)

"""/admin: add, pause, resume and remove sources, import OPML, see health.

Protected by ``web.admin_token``: a login form sets a signed session cookie;
every POST carries the session's CSRF token. No token configured: the admin is
disabled and says how to enable it. ``/login`` is the readers' login when
``web.private`` is on.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ..errors import BabelwireError
from ..fetch import check_public_url, check_public_urls
from ..sources import KIND_NAMES, KINDS
from ..sources.opml import import_opml, parse_opml, usable
from . import auth
from .context import render, web_of

NOTICES = ("added", "paused", "resumed", "removed", "imported", "logged_in")


def _cookie(request: Request, response: Response, name: str, value: str) -> None:
    response.set_cookie(name, value, max_age=auth.session_seconds(web_of(request).settings),
                        httponly=True, samesite="strict", path="/")


def admin_page(request: Request, error: str = "", status_code: int = 200) -> Response:
    settings = web_of(request).settings
    if not settings["web.admin_token"]:
        return render(request, "admin_disabled.html", {}, status_code=403)
    nonce = auth.admin_nonce(request, settings)
    if nonce is None:
        return render(request, "login.html", {"action": "/admin/login", "error": error,
                                              "next": "/admin", "admin": True},
                      status_code=status_code)
    notice = request.query_params.get("done", "")
    return render(request, "admin.html", {
        "sources": web_of(request).db.sources.health_rows(), "csrf": auth.csrf_token(settings, nonce),
        "notice": notice if notice in NOTICES else "", "error": error,
        "counts": {k: request.query_params.get(k, "") for k in ("new", "existing", "skipped")},
        "source_kinds": KIND_NAMES,
    }, status_code=status_code)


async def admin_login(request: Request) -> Response:
    settings = web_of(request).settings
    if not settings["web.admin_token"]:  # answered before the body is read
        return render(request, "admin_disabled.html", {}, status_code=403)
    wait = auth.throttled_for(request)
    if wait:
        return _throttled(request, "/admin/login", "/admin", wait)
    fields = await auth.form_fields(request)
    if not auth.check_token(request, fields.get("token", ""), [settings["web.admin_token"]]):
        return admin_page(request, error="wrong_token", status_code=403)
    response = RedirectResponse("/admin", status_code=303)
    _cookie(request, response, auth.ADMIN_COOKIE,
            auth.new_session(request, settings["web.admin_token"], "admin"))
    return response


def _throttled(request: Request, action: str, next_path: str, wait: int) -> Response:
    """The login form again, 429 with Retry-After: this address sent too many wrong tokens."""
    response = render(request, "login.html", {
        "action": action, "error": "throttled", "retry_after": wait, "next": next_path,
        "admin": action.startswith("/admin")}, status_code=429)
    response.headers["Retry-After"] = str(wait)
    return response


async def admin_action(request: Request) -> Response:
    """One POST from the admin page: checked session and CSRF token, then the action."""
    fields = await auth.checked_admin_form(request, "/admin")
    action = request.path_params["action"]
    try:
        return ACTIONS[action](request, fields)
    except KeyError:
        raise HTTPException(404, f"no admin action {action!r}") from None
    except BabelwireError as error:
        return admin_page(request, error=error.one_line(), status_code=400)


def _source_id(fields: dict[str, str]) -> int:
    raw = fields.get("source", "")
    if not raw.isdigit():
        raise HTTPException(400, "source must be a source id")
    return int(raw)


def _done(notice: str, **counts: int) -> Response:
    extra = "".join(f"&{name}={value}" for name, value in counts.items())
    return RedirectResponse(f"/admin?done={notice}{extra}", status_code=303)


def add(request: Request, fields: dict[str, str]) -> Response:
    url = fields.get("url", "").strip()
    kind = fields.get("kind", "feed")
    if not usable(url) or kind not in KINDS:
        return admin_page(request, error=f"{url!r} is not an http(s) URL: give the feed's full "
                          "address", status_code=400)
    check_public_url(url, web_of(request).settings)  # BlockedAddress: shown on the admin page
    web_of(request).db.sources.add(url, fields.get("name", "").strip(), kind)
    return _done("added")


def pause(request: Request, fields: dict[str, str]) -> Response:
    web_of(request).db.sources.set_enabled(_source_id(fields), False)
    return _done("paused")


def resume(request: Request, fields: dict[str, str]) -> Response:
    web_of(request).db.sources.set_enabled(_source_id(fields), True)
    return _done("resumed")


def remove(request: Request, fields: dict[str, str]) -> Response:
    web_of(request).db.sources.remove(str(_source_id(fields)))
    return _done("removed")


def import_sources(request: Request, fields: dict[str, str]) -> Response:
    data = fields.get("opml", "").encode("utf-8")
    check_public_urls((o.url for o in parse_opml(data, "the pasted OPML")), web_of(request).settings,
                      prefix="the pasted OPML: nothing imported: ")  # SSRF guard
    report = import_opml(web_of(request).db, data, "the pasted OPML")
    return _done("imported", new=len(report.added), existing=len(report.existing),
                 skipped=len(report.skipped))


def logout(request: Request, fields: dict[str, str]) -> Response:
    auth.end_session(request, auth.ADMIN_COOKIE)
    response = RedirectResponse("/admin", status_code=303)
    response.delete_cookie(auth.ADMIN_COOKIE, path="/")
    return response


ACTIONS = {"add": add, "pause": pause, "resume": resume, "remove": remove,
           "import": import_sources, "logout": logout}


def login_page(request: Request, error: str = "", status_code: int = 200) -> Response:
    return render(request, "login.html", {
        "action": "/login", "error": error, "admin": False,
        "next": auth.safe_next(request.query_params.get("next")),
    }, status_code=status_code)


async def reader_login(request: Request) -> Response:
    settings = web_of(request).settings
    wait = auth.throttled_for(request)
    if wait:
        return _throttled(request, "/login", "/", wait)
    fields = await auth.form_fields(request)
    key = auth.check_token(request, fields.get("token", ""), auth.read_keys(settings))
    if key is None:
        return login_page(request, error="wrong_token", status_code=403)
    target = auth.safe_next(fields.get("next"))
    response = RedirectResponse(urlsplit(target).path + _query(target), status_code=303)
    _cookie(request, response, auth.READ_COOKIE, auth.new_session(request, key, "read"))
    return response


async def reader_logout(request: Request) -> Response:
    """POST /logout: ends this browser's reader session (and admin session) for good."""
    auth.end_session(request, auth.READ_COOKIE)
    auth.end_session(request, auth.ADMIN_COOKIE)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(auth.READ_COOKIE, path="/")
    response.delete_cookie(auth.ADMIN_COOKIE, path="/")
    return response


def _query(target: str) -> str:
    query = urlsplit(target).query
    return f"?{query}" if query else ""

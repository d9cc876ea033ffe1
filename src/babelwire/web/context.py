"""What every handler needs: the store, the settings, the templates, the reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from ..settings import Settings
from ..storage.port import Store as Database
from . import i18n
from .present import display_time, web_url
from .sessions import LoginThrottle, SessionBook

HERE = Path(__file__).resolve().parent
COOKIE_MAX_AGE = 365 * 24 * 3600


@dataclass(frozen=True)
class Web:
    db: Database
    settings: Settings
    templates: Jinja2Templates
    sessions: SessionBook
    throttle: LoginThrottle


def make_templates() -> Jinja2Templates:
    """Jinja2 with autoescape always on (every template is HTML)."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["when"] = display_time
    env.filters["web_url"] = web_url
    return Jinja2Templates(env=env)


def web_of(request: Request) -> Web:
    return request.app.state.web


def reader_language(request: Request) -> str:
    return i18n.choose_language(
        web_of(request).settings.targets, request.query_params, request.cookies,
        request.headers.get("accept-language", ""),
    )


def link(path: str, **params: Any) -> str:
    """A relative link with query parameters (``None`` values left out)."""
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return f"{path}?{query}" if query else path


def render(request: Request, template: str, context: dict[str, Any],
           status_code: int = 200) -> Response:
    """A page in the reader's language, with the language switcher; remembers ?lang."""
    web = web_of(request)
    lang = reader_language(request)
    others = {k: v for k, v in request.query_params.items() if k != "lang"}
    switcher = [(code, i18n.native_name(code), link(request.url.path, **others, lang=code))
                for code in web.settings.targets]
    response = web.templates.TemplateResponse(request, template, {
        "lang": lang, "t": i18n.Interface(lang), "switcher": switcher, "link": link, **context,
    }, status_code=status_code)
    response.headers["Vary"] = "Accept-Language, Cookie"
    remember_language(request, response, lang)
    return response


def remember_language(request: Request, response: Response, lang: str) -> None:
    """Set the ``lang`` cookie when the reader chose a language with ?lang."""
    if request.query_params.get("lang", "").strip().lower() == lang:
        response.set_cookie(i18n.COOKIE, lang, max_age=COOKIE_MAX_AGE, httponly=True,
                            samesite="lax")

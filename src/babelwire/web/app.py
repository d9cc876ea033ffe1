"""The composition root: routes, middleware, templates and static files; no logic here."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..settings import Settings
from ..storage.db import Database
from . import api, feeds, pages
from .context import HERE, Web, make_templates
from .problems import http_error
from .security import SecurityHeaders


def create_app(db: Database, settings: Settings) -> Starlette:
    routes = [
        Route("/", pages.home),
        Route("/articles/{article_id:int}", pages.article_page),
        Route("/sources", pages.sources_page),
        Route("/feeds/{lang}.atom", feeds.language_feed),
        Route("/api/articles", api.list_articles),
        Route("/api/articles/{article_id:int}", api.get_article),
        Route("/api/sources", api.list_sources),
        Route("/healthz", pages.healthz),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders)],
        exception_handlers={HTTPException: http_error},
    )
    app.state.web = Web(db=db, settings=settings, templates=make_templates())
    return app

"""The composition root: routes, middleware, templates and static files; no logic here."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..settings import Settings
from ..storage.port import Store as Database
from ..watch.feed import watch_feed
from ..websub.subscriber import websub_callback
from . import admin, api, api_catalog, api_indexes, feeds, openapi, outlet_pages, pages, search_pages
from .admin_watches import watch_routes
from .archive_pages import archive_routes
from .exports import export_routes
from .auth import PrivateReader
from .cache import PageCache, cached
from .client_edge import CrossOrigin, conditional
from .context import HERE, Web, make_templates
from .edge import EdgeGuard, register_id_convertor
from .problems import http_error
from .provenance import install_provenance
from .security import SecurityHeaders
from .sessions import LoginThrottle, SessionBook


def create_app(db: Database, settings: Settings) -> Starlette:
    register_id_convertor()  # {name:id}: ids 1 .. 2^63-1, else 404
    routes = [
        Route("/", cached(pages.home)),
        Route("/articles/{article_id:id}", pages.article_page),
        *archive_routes(),  # the "as fetched on ..." view of archived copies
        *export_routes(),  # /exports/{what}.{format}: CSV and JSON Lines for a filter
        Route("/search", cached(search_pages.search_page)),
        Route("/sources", pages.sources_page),
        Route("/sources.opml", outlet_pages.sources_opml),
        Route("/sources/{source_id:id}", outlet_pages.outlet_page),
        Route("/feeds/{lang}.{format}", conditional(cached(feeds.feed))),
        Route("/watches/{watch_id:int}.atom", watch_feed),
        Route("/websub/{subscription_id:int}", websub_callback, methods=["GET", "POST"]),
        Route("/api/openapi.json", openapi.openapi_json),
        Route("/api/articles", api.list_articles),
        Route("/api/articles/{article_id:id}", api.get_article),
        Route("/api/articles/{article_id:id}/translations", api_catalog.article_translations),
        Route("/api/articles/{article_id:id}/translations/{lang}", api_catalog.one_translation),
        Route("/api/stories", api_indexes.list_stories),
        Route("/api/sites", api_indexes.list_sites),
        Route("/api/stories/{story_id:id}", api_catalog.get_story),
        Route("/api/sources", api.list_sources),
        Route("/api/sources/{source_id:id}", api_catalog.get_source),
        Route("/api/search", api_catalog.search),
        *watch_routes(),  # /admin/watches (before /admin/{action})
        Route("/admin", admin.admin_page),
        Route("/admin/login", admin.admin_login, methods=["POST"]),
        Route("/admin/{action}", admin.admin_action, methods=["POST"]),
        Route("/login", admin.login_page),
        Route("/login", admin.reader_login, methods=["POST"]),
        Route("/logout", admin.reader_logout, methods=["POST"]),
        Route("/healthz", pages.healthz),
        Route("/favicon.ico", pages.favicon),  # browsers ask for it on feeds and JSON pages
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders), Middleware(CrossOrigin, settings=settings),
                    Middleware(EdgeGuard, settings=settings),
                    Middleware(PrivateReader, settings=settings)],
        exception_handlers={HTTPException: http_error},
    )
    app.state.web = Web(db=db, settings=settings, templates=make_templates(),
                        sessions=SessionBook(3600 * float(settings["web.session_hours"])),
                        throttle=LoginThrottle(settings["web.login_failures"],
                                               settings["web.login_lockout"]))
    app.state.page_cache = PageCache(db, settings["web.cache_entries"])
    install_provenance(app)  # story and site pages, the article page's provenance panel
    return app

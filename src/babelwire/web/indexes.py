"""The indexes: ``/stories`` (latest stories with their languages and relays) and ``/sites``
(sites ranked by the share of their articles derived from other outlets)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..provenance.batch import host_of
from ..storage import provenance as store
from .context import reader_language, render, web_of
from .provenance import labels, site_figures, site_rows_with_lags

STORIES_SHOWN = 50
SITES_SHOWN = 100


def stories_index(request: Request) -> Response:
    db = web_of(request).db
    stories = []
    for story in db.reader.stories_before(STORIES_SHOWN):
        members = store.story_members(db, story["id"])
        outlets = db.reader.outlet_names([m["id"] for m in members])
        stories.append({"id": story["id"], "title": story["title"],
                        "count": story["article_count"],
                        "languages": sorted({m["language"] for m in members}),
                        "relays": sorted({outlets.get(m["id"]) or host_of(m["url"])
                                          for m in members if m["derived_from"] is not None})})
    return render(request, "stories.html", {"stories": stories,
                                            "pt": labels(reader_language(request))})


def site_hosts(db: Any) -> list[tuple[str, str]]:
    """(host, outlet name) of every source, one per host."""
    found: dict[str, str] = {}
    for source in db.reader.source_names():
        host = host_of(source["url"])
        if host and host not in found:
            found[host] = source["name"] or host
    return list(found.items())[:SITES_SHOWN]


def sites_index(request: Request) -> Response:
    db = web_of(request).db
    label = labels(reader_language(request))
    sites = []
    for host, name in site_hosts(db):
        rows = site_rows_with_lags(db, store.site_articles(db, host), label)
        if rows:
            sites.append({"host": host, "name": name, **site_figures(rows)})
    sites.sort(key=lambda s: (-s["share"], s["name"]))
    return render(request, "sites.html", {"sites": sites, "pt": label})


def index_routes() -> list[Route]:
    return [Route("/stories", stories_index), Route("/sites", sites_index)]

"""The indexes: ``/stories`` (latest stories with their languages and relays) and ``/sites``
(sites ranked by the share of their articles derived from other outlets)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..provenance.batch import host_of
from .context import reader_language, render, web_of
from .grouping import version_title
from .provenance import labels, site_figures, site_rows_with_lags

STORIES_SHOWN = 50
SITES_SHOWN = 100


@dataclass(frozen=True)
class StorySummary:
    """A story as the indexes and the API list it: named by its original, in the reader's
    language when a translation exists."""

    id: int
    title: str
    title_language: str
    original_title: str
    head_id: int | None
    count: int
    languages: tuple[str, ...]
    relays: tuple[str, ...]  # outlets whose version derives from another article
    updated_at: str


def story_summaries(db: Any, stories: list, lang: str) -> list[StorySummary]:
    """``stories`` (story rows) with their original, languages and relays, in one read."""
    versions = db.reader.story_versions([story["id"] for story in stories])
    heads = {story["id"]: _head(versions.get(story["id"], [])) for story in stories}
    titles = db.reader.translated_titles([h.id for h in heads.values() if h], lang)
    found = []
    for story in stories:
        members, head = versions.get(story["id"], []), heads[story["id"]]
        title = version_title(head, titles.get(head.id, {}), lang) if head else None
        found.append(StorySummary(
            id=story["id"], title=title.title if title else story["title"],
            title_language=title.title_language if title else "",
            original_title=head.title if head else story["title"],
            head_id=head.id if head else None, count=len(members) or story["article_count"],
            languages=tuple(dict.fromkeys(m.language for m in members)),
            relays=tuple(sorted({m.outlet or host_of(m.url) for m in members if m.relation})),
            updated_at=story["updated_at"]))
    return found


def summary_json(summary: StorySummary) -> dict[str, Any]:
    """What the API adds to a story: its original, version count, languages and relays."""
    return {"original_id": summary.head_id, "version_count": summary.count,
            "languages": list(summary.languages), "relays": list(summary.relays)}


def _head(members: list) -> Any:
    originals = [m for m in members if not m.relation]
    return (originals or members or [None])[0]


def stories_index(request: Request) -> Response:
    db = web_of(request).db
    lang = reader_language(request)
    stories = story_summaries(db, db.reader.stories_before(STORIES_SHOWN), lang)
    return render(request, "stories.html", {"stories": stories, "pt": labels(lang)})


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
        rows = site_rows_with_lags(db, db.provenance.site_articles(host), label)
        if rows:
            sites.append({"host": host, "name": name, **site_figures(rows)})
    sites.sort(key=lambda s: (-s["share"], s["name"]))
    return render(request, "sites.html", {"sites": sites, "pt": label,
                                          "names": dict(site_hosts(db))})


def index_routes() -> list[Route]:
    return [Route("/stories", stories_index), Route("/sites", sites_index)]

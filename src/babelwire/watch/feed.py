"""An Atom feed per watch: ``/watches/{id}.atom``, its newest matches first."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from ..clock import now_iso
from ..storage.watch_records import WatchMatch, WatchRow

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50


def atom(watch: WatchRow, matches: list[WatchMatch], base_url: str) -> bytes:
    """The feed document; every text goes through the XML writer (escaped)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", f"{base_url}/watches/{watch.id}.atom")
    _text(feed, "title", f"babelwire watch: {watch.name}")
    _text(feed, "updated", matches[0].matched_at if matches else watch.created_at or now_iso())
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base_url}/watches/{watch.id}.atom")
    for match in matches:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", f"{base_url}/watches/{watch.id}/matches/{match.id}")
        _text(entry, "title", match.title or match.url)
        _text(entry, "updated", match.matched_at)
        if match.published:
            _text(entry, "published", match.published)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate",
                      href=f"{base_url}/articles/{match.article_id}")
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="via", href=match.url)
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        _text(author, "name", match.source_name or "unknown outlet")
        outlet = match.source_name or match.url
        summary = match.standfirst or f"{match.language} article from {outlet}"
        if match.reason != watch.kind:  # a provenance event: what happened first
            summary = f"{match.reason}. {summary}"
        _text(entry, "summary", summary)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8")


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


async def watch_feed(request: Request) -> Response:
    web = request.app.state.web
    watch = web.db.watches.get(int(request.path_params["watch_id"]))
    if watch is None:
        raise HTTPException(404, "no such watch")
    base = str(request.base_url).rstrip("/")
    body = atom(watch, web.db.watches.matches(watch.id, limit=FEED_SIZE), base)
    return Response(body, media_type="application/atom+xml; charset=utf-8")

"""Feed writers: Atom 1.0, RSS 2.0 and JSON Feed 1.1, from the same items.

XML is built with ``lxml.etree`` (which escapes text and attributes); entry
content is HTML made of escaped paragraphs, carried as escaped text. Characters
XML cannot hold are removed.
"""

from __future__ import annotations

import json
import re
from email.utils import format_datetime
from typing import TYPE_CHECKING, Any

from lxml import etree as ET

from ..clock import parse_iso
from ..translate.quality import quality_class

if TYPE_CHECKING:
    from .feeds import FeedInfo, FeedItem

ATOM = "http://www.w3.org/2005/Atom"
DC = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _add(parent: ET._Element, tag: str, text: str | None = None, **attributes: str) -> ET._Element:
    element = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _clean(text)
    return element


def _xml(root: ET._Element) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def atom(info: FeedInfo, items: list[FeedItem]) -> tuple[bytes, str]:
    a = f"{{{ATOM}}}"
    feed = ET.Element(f"{a}feed", {XML_LANG: info.lang}, nsmap={None: ATOM})
    _add(feed, f"{a}id", info.id)
    _add(feed, f"{a}title", info.title)
    _add(feed, f"{a}link", rel="self", href=info.self_url)
    _add(feed, f"{a}link", rel="alternate", type="text/html", href=info.home_url)
    _add(_add(feed, f"{a}author"), f"{a}name", "babelwire")
    _add(feed, f"{a}generator", "babelwire")
    _add(feed, f"{a}updated", info.updated)
    for item in items:
        entry = _add(feed, f"{a}entry")
        _add(entry, f"{a}id", item.id)
        _add(entry, f"{a}title", item.title, type="text")
        _add(entry, f"{a}updated", item.updated)
        if item.published:
            _add(entry, f"{a}published", item.published)
        _add(entry, f"{a}link", rel="alternate", type="text/html", href=item.reader_url)
        if item.original_url:
            _add(entry, f"{a}link", rel="via", href=item.original_url)
        _add(_add(entry, f"{a}author"), f"{a}name", item.author)
        _add(entry, f"{a}summary", item.label, type="text")
        _add(entry, f"{a}content", item.content_html, type="html")
    return _xml(feed), "application/atom+xml; charset=utf-8"


def rfc822(stamp: str) -> str:
    moment = parse_iso(stamp)
    return format_datetime(moment, usegmt=True) if moment else stamp


def rss(info: FeedInfo, items: list[FeedItem]) -> tuple[bytes, str]:
    root = ET.Element("rss", {"version": "2.0"}, nsmap={"atom": ATOM, "dc": DC})
    channel = _add(root, "channel")
    _add(channel, "title", info.title)
    _add(channel, "link", info.home_url)
    _add(channel, "description", info.description)
    _add(channel, "language", info.lang)
    _add(channel, "generator", "babelwire")
    _add(channel, "lastBuildDate", rfc822(info.updated))
    _add(channel, f"{{{ATOM}}}link", rel="self", type="application/rss+xml", href=info.self_url)
    for item in items:
        element = _add(channel, "item")
        _add(element, "title", item.title)
        _add(element, "link", item.reader_url)
        _add(element, "guid", item.id, isPermaLink="false")
        _add(element, "pubDate", rfc822(item.published or item.updated))
        _add(element, f"{{{DC}}}creator", item.author)
        _add(element, "description", item.content_html)
        if item.source_feed_url:
            _add(element, "source", item.outlet or item.source_feed_url, url=item.source_feed_url)
    return _xml(root), "application/rss+xml; charset=utf-8"


def json_feed(info: FeedInfo, items: list[FeedItem]) -> tuple[bytes, str]:
    document = {
        "version": JSON_FEED_VERSION, "title": info.title, "home_page_url": info.home_url,
        "feed_url": info.self_url, "description": info.description, "language": info.lang,
        "authors": [{"name": "babelwire"}], "items": [json_item(item) for item in items],
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.encode("utf-8"), "application/feed+json; charset=utf-8"


def json_item(item: FeedItem) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": item.id, "url": item.reader_url, "title": item.title,
        "content_html": item.content_html, "summary": item.label,
        "date_modified": item.updated, "authors": [{"name": item.author}],
        "language": item.language,
        "_babelwire": {"machine_translation": item.machine_translation, "engine": item.engine,
                       "quality": quality_class(item.engine) if item.machine_translation else None,
                       "original_url": item.original_url, "outlet": item.outlet},
    }
    if item.original_url:
        entry["external_url"] = item.original_url
    if item.published:
        entry["date_published"] = item.published
    return entry

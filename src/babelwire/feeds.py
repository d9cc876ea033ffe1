"""Feeds into entries: RSS and Atom (feedparser), JSON Feed, and sitemaps.

Feed bytes are handed to the parsers as bytes, never as a path or URL they
could open themselves. A broken feed still yields its good entries, with a
warning (feedparser's ``bozo``); a feed with nothing usable raises FeedError.
"""

from __future__ import annotations

import json
import logging
import time
from calendar import timegm
from typing import Any
from urllib.parse import urljoin

import feedparser
from lxml import etree

from .clock import iso, normalize_date
from .errors import FeedError
from .models import FeedEntry, ParsedFeed

log = logging.getLogger(__name__)

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def parse_feed(content: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """Parse any supported feed format from bytes."""
    head = content.lstrip()[:512].lower()
    if not head:
        raise FeedError("the feed is empty", url=url)
    if head.startswith(b"{") or "json" in content_type:
        return parse_json_feed(content, url)
    if b"<urlset" in head or b"<sitemapindex" in head or _looks_like_sitemap(content):
        return parse_sitemap(content, url)
    if head.startswith(b"<!doctype html") or head.startswith(b"<html"):
        raise FeedError("this is an HTML page, not a feed: add the page's RSS/Atom feed URL", url=url)
    return parse_xml_feed(content, url, content_type)


def _looks_like_sitemap(content: bytes) -> bool:
    return b"sitemaps.org/schemas/sitemap" in content[:2048]


def _struct_to_iso(value: Any) -> str | None:
    if isinstance(value, time.struct_time):
        from datetime import datetime, timezone
        return iso(datetime.fromtimestamp(timegm(value), tz=timezone.utc))
    return None


# feedparser flags these as "bozo", but the feed itself is fine.
BENIGN_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def parse_xml_feed(content: bytes, url: str, content_type: str = "") -> ParsedFeed:
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(content, response_headers=headers)
    warnings: list[str] = []
    if parsed.get("bozo") and isinstance(parsed.get("bozo_exception"), BENIGN_BOZO):
        parsed["bozo"] = 0
    if parsed.get("bozo"):
        problem = str(parsed.get("bozo_exception", "malformed XML")).splitlines()[0][:200]
        warnings.append(f"malformed feed: {problem}")
    entries = []
    for item in parsed.entries:
        link = item.get("link") or ""
        if not link:
            warnings.append("an entry has no link and was skipped")
            continue
        entries.append(FeedEntry(
            url=urljoin(url, link.strip()),
            title=(item.get("title") or "").strip(),
            summary=(item.get("summary") or "").strip(),
            published=_struct_to_iso(item.get("published_parsed") or item.get("updated_parsed")),
            guid=item.get("id"),
            author=(item.get("author") or "").strip(),
        ))
    version = parsed.get("version") or ""
    if not entries and (parsed.get("bozo") or not version):
        reason = warnings[0] if warnings else "no feed entries found"
        raise FeedError(f"not a usable feed ({reason}): check the URL points at RSS, Atom or JSON Feed",
                        url=url)
    fmt = "atom" if version.startswith("atom") else "rss"
    title = (parsed.feed.get("title") or "").strip()
    return ParsedFeed(title=title, entries=tuple(entries), format=fmt, warnings=tuple(warnings))


def parse_json_feed(content: bytes, url: str) -> ParsedFeed:
    try:
        data = json.loads(content)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FeedError(f"malformed JSON Feed: {exc}", url=url) from exc
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise FeedError("not a JSON Feed: no 'items' list", url=url)
    entries, warnings = [], []
    for item in data["items"]:
        link = item.get("url") or item.get("external_url") if isinstance(item, dict) else None
        if not link:
            warnings.append("an item has no url and was skipped")
            continue
        authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
        entries.append(FeedEntry(
            url=urljoin(url, link), title=str(item.get("title") or "").strip(),
            summary=str(item.get("summary") or "").strip(),
            published=normalize_date(item.get("date_published")),
            guid=str(item.get("id") or link),
            author=", ".join(a.get("name", "") for a in authors if isinstance(a, dict)),
        ))
    return ParsedFeed(title=str(data.get("title") or ""), entries=tuple(entries),
                      format="jsonfeed", warnings=tuple(warnings))


def parse_sitemap(content: bytes, url: str) -> ParsedFeed:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True,
                             huge_tree=False)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"malformed sitemap: {exc}", url=url) from exc
    if root is None:
        raise FeedError("malformed sitemap: no XML root", url=url)
    entries = []
    for node in root.iter(f"{SITEMAP_NS}url"):
        loc = node.findtext(f"{SITEMAP_NS}loc")
        if not loc:
            continue
        title = node.findtext(f".//{NEWS_NS}title") or ""
        date = node.findtext(f".//{NEWS_NS}publication_date") or node.findtext(f"{SITEMAP_NS}lastmod")
        entries.append(FeedEntry(url=urljoin(url, loc.strip()), title=title.strip(),
                                 published=normalize_date(date)))
    warnings = ()
    if root.tag == f"{SITEMAP_NS}sitemapindex":
        warnings = ("sitemap index: nested sitemaps are not followed yet; add them as sources",)
    return ParsedFeed(title="", entries=tuple(entries), format="sitemap", warnings=warnings)

"""Feeds into entries: RSS and Atom (feedparser), JSON Feed, and sitemaps.

Feed bytes are handed to the parsers as bytes, never as a path or URL they
could open themselves. A broken feed still yields its good entries, with a
warning (feedparser's ``bozo``); a feed with nothing usable raises FeedError.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
import time
from calendar import timegm
from dataclasses import replace
from typing import Any
from urllib.parse import urljoin

import feedparser
from lxml import etree

from .cleantext import clean_text, web_url
from .clock import iso, normalize_date
from .errors import FeedError
from .feedlimits import check_json_depth, defuse_xml
from .models import FeedEntry, ParsedFeed

log = logging.getLogger(__name__)

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"
_TAG = re.compile(r"<[^>]*>")


def parse_feed(content: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """Parse any supported feed format from bytes; raises only ``FeedError``."""
    try:
        return _parse_any(content, url, content_type)
    except FeedError:
        raise
    except (Exception, RecursionError, MemoryError) as exc:  # noqa: BLE001 - the parser boundary
        log.warning("feed %s: unexpected %s while parsing", url, type(exc).__name__)
        raise FeedError(f"unreadable feed ({type(exc).__name__}: {exc})"[:300], url=url) from exc


def _parse_any(content: bytes, url: str, content_type: str) -> ParsedFeed:
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
        try:
            return iso(datetime.fromtimestamp(timegm(value), tz=timezone.utc))
        except (ValueError, OverflowError, OSError):
            return None
    return None


# feedparser flags these as "bozo", but the feed itself is fine.
BENIGN_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def parse_xml_feed(content: bytes, url: str, content_type: str = "") -> ParsedFeed:
    content, defused = defuse_xml(content, url)
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    try:
        parsed = feedparser.parse(content, response_headers=headers)
    except (Exception, RecursionError, MemoryError) as exc:  # noqa: BLE001 - third-party boundary
        raise FeedError(f"the feed parser failed: {type(exc).__name__}: {exc}"[:300], url=url) from exc
    warnings: list[str] = []
    if defused:
        warnings.append("malformed feed: its DOCTYPE declared entities, which were ignored")
    if parsed.get("bozo") and isinstance(parsed.get("bozo_exception"), BENIGN_BOZO):
        parsed["bozo"] = 0
    if parsed.get("bozo"):
        problem = clean_text(str(parsed.get("bozo_exception", "malformed XML"))).splitlines()
        warnings.append(f"malformed feed: {(problem or ['malformed XML'])[0][:200]}")
    entries = [entry for item in parsed.entries
               if (entry := _xml_entry(item, url, warnings)) is not None]
    version = parsed.get("version") or ""
    if not entries and (parsed.get("bozo") or not version):
        reason = warnings[0] if warnings else "no feed entries found"
        raise FeedError(f"not a usable feed ({reason}): check the URL points at RSS, Atom or JSON Feed",
                        url=url)
    fmt = "atom" if version.startswith("atom") else "rss"
    title = _plain(parsed.feed.get("title"), parsed.feed.get("title_detail"))
    return ParsedFeed(title=title, entries=tuple(entries), format=fmt, warnings=tuple(warnings))


def _xml_entry(item: Any, url: str, warnings: list[str]) -> FeedEntry | None:
    title = _plain(item.get("title"), item.get("title_detail"))
    summary = clean_text(item.get("summary")).strip()
    contents = item.get("content") or []
    body = next((clean_text(c.get("value")) for c in contents
                 if isinstance(c, dict) and c.get("value")), "") or summary
    entry = FeedEntry(url="", title=title, summary=summary,
                      published=_struct_to_iso(item.get("published_parsed")
                                               or item.get("updated_parsed")),
                      guid=clean_text(item.get("id")) or None,
                      author=clean_text(item.get("author")).strip())
    return _with_link(entry, item.get("link"), body, url, warnings)


def _with_link(entry: FeedEntry, link: object, body: str, url: str,
               warnings: list[str]) -> FeedEntry | None:
    """The entry with its absolute http(s) link; without one, kept from the feed's content."""
    absolute = _absolute(link, url)
    if absolute is not None:
        return replace(entry, url=absolute)
    if link:
        warnings.append("an entry's link is not an http(s) URL and was ignored")
    if not (entry.title or body.strip()):
        warnings.append("an entry has neither a link nor content and was skipped")
        return None
    key = entry.guid or content_key(entry.title, body)
    anchor = hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:20]
    return replace(entry, url=f"{url.split('#')[0]}#entry-{anchor}", content=body)


def content_key(title: str, body: str) -> str:
    return "content:" + hashlib.sha256(f"{title}\n{body}".encode("utf-8", "replace")).hexdigest()


def _absolute(link: object, base: str) -> str | None:
    if not isinstance(link, str) or not link.strip():
        return None
    try:
        return web_url(urljoin(base, clean_text(link).strip()))
    except ValueError:
        return None


def _plain(value: object, detail: object = None) -> str:
    """A title as text: markup a feed escaped inside it (``&lt;b&gt;``) is not kept as tags."""
    text = clean_text(value)
    kind = detail.get("type", "") if isinstance(detail, dict) else ""
    if "html" in kind:
        text = clean_text(html.unescape(_TAG.sub("", text)))
    return " ".join(text.split())


def parse_json_feed(content: bytes, url: str) -> ParsedFeed:
    check_json_depth(content, url)
    try:
        data = json.loads(content)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise FeedError(f"malformed JSON Feed: {exc}"[:300], url=url) from exc
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise FeedError("not a JSON Feed: no 'items' list", url=url)
    entries: list[FeedEntry] = []
    warnings: list[str] = []
    for item in data["items"]:
        if not isinstance(item, dict):
            warnings.append("an item is not a JSON object and was skipped")
            continue
        entry = _json_entry(item, url, warnings)
        if entry is not None:
            entries.append(entry)
    return ParsedFeed(title=_json_text(data.get("title")), entries=tuple(entries),
                      format="jsonfeed", warnings=tuple(warnings))


def _json_entry(item: dict, url: str, warnings: list[str]) -> FeedEntry | None:
    """One JSON Feed item; a field of the wrong type counts as absent."""
    link = item.get("url") if isinstance(item.get("url"), str) else None
    link = link or (item.get("external_url") if isinstance(item.get("external_url"), str) else None)
    if item.get("url") is not None and not isinstance(item.get("url"), str):
        warnings.append("an item's url is not a string and was ignored")
    body = _json_text(item.get("content_html")) or html.escape(_json_text(item.get("content_text")))
    summary = _json_text(item.get("summary"))
    guid = item.get("id")
    entry = FeedEntry(
        url="", title=" ".join(_json_text(item.get("title")).split()), summary=summary,
        published=_json_date(item.get("date_published")),
        guid=clean_text(str(guid)) if isinstance(guid, (str, int)) and guid != "" else None,
        author=", ".join(_json_authors(item)))
    entry = _with_link(entry, link, body or summary, url, warnings)
    if entry is not None and entry.guid is None and entry.content is None:
        entry = replace(entry, guid=entry.url)
    return entry


def _json_text(value: object) -> str:
    return clean_text(value).strip() if isinstance(value, str) else ""


def _json_date(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return normalize_date(clean_text(value))
    except (ValueError, OverflowError):
        return None


def _json_authors(item: dict) -> list[str]:
    authors = item.get("authors")
    if not isinstance(authors, list):
        authors = [item.get("author")]
    names = [_json_text(a.get("name")) for a in authors if isinstance(a, dict)]
    return [name for name in names if name]


def parse_sitemap(content: bytes, url: str) -> ParsedFeed:
    content, _ = defuse_xml(content, url)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True,
                             huge_tree=False)
    try:
        root = etree.fromstring(content, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise FeedError(f"malformed sitemap: {exc}", url=url) from exc
    if root is None:
        raise FeedError("malformed sitemap: no XML root", url=url)
    entries = []
    for node in root.iter(f"{SITEMAP_NS}url"):
        loc = _absolute(node.findtext(f"{SITEMAP_NS}loc"), url)
        if not loc:
            continue
        title = clean_text(node.findtext(f".//{NEWS_NS}title")).strip()
        date = node.findtext(f".//{NEWS_NS}publication_date") or node.findtext(f"{SITEMAP_NS}lastmod")
        entries.append(FeedEntry(url=loc, title=title, published=_json_date(date)))
    warnings = ()
    if root.tag == f"{SITEMAP_NS}sitemapindex":
        warnings = ("sitemap index: nested sitemaps are not followed yet; add them as sources",)
    return ParsedFeed(title="", entries=tuple(entries), format="sitemap", warnings=warnings)

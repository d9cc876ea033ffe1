"""Feed autodiscovery: the <link rel="alternate"> feeds an HTML page announces.

Only http(s) links are returned (a page may announce ``javascript:`` or
``file:`` URLs); the caller fetches them through the Fetcher, whose SSRF guard
judges their addresses like any other URL's.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json",
              "application/json")
FETCHABLE_SCHEMES = ("http", "https")


def discover_feed_links(page: bytes, url: str) -> list[str]:
    try:
        tree = lxml_html.fromstring(page)
    except (etree.ParserError, ValueError):
        return []
    links = []
    for link in tree.xpath("//link[@rel='alternate'][@href]"):
        if (link.get("type") or "").split(";")[0].strip().lower() not in FEED_TYPES:
            continue
        try:
            found = urljoin(url, link.get("href").strip())
            fetchable = urlsplit(found).scheme.lower() in FETCHABLE_SCHEMES
        except ValueError:  # e.g. href="http://[::1" (an unclosed IPv6 bracket)
            continue
        if fetchable:
            links.append(found)
    return links

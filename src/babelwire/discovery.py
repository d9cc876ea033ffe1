"""Feed autodiscovery: the <link rel="alternate"> feeds an HTML page announces."""

from __future__ import annotations

from urllib.parse import urljoin

from lxml import etree
from lxml import html as lxml_html

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json",
              "application/json")


def discover_feed_links(page: bytes, url: str) -> list[str]:
    try:
        tree = lxml_html.fromstring(page)
    except (etree.ParserError, ValueError):
        return []
    links = []
    for link in tree.xpath("//link[@rel='alternate'][@href]"):
        if (link.get("type") or "").split(";")[0].strip().lower() in FEED_TYPES:
            links.append(urljoin(url, link.get("href").strip()))
    return links

"""The hub and self URLs a feed declares: ``<link rel="hub">`` (Atom, or atom:link in RSS)
or JSON Feed's ``hubs``."""

from __future__ import annotations

import json
from urllib.parse import urljoin

from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"


def declared_hub(content: bytes, feed_url: str) -> tuple[str, str] | None:
    """(hub URL, topic URL) or ``None``; the topic is the feed's self link, else its URL."""
    stripped = content.lstrip()
    if stripped.startswith(b"{"):
        return _json_hub(stripped, feed_url)
    try:
        root = etree.fromstring(content, parser=etree.XMLParser(resolve_entities=False,
                                                                 no_network=True, recover=True))
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    hub = topic = None
    for link in root.iter(f"{{{ATOM}}}link", "link"):
        rel, href = (link.get("rel") or "").lower(), link.get("href")
        if href and rel == "hub" and hub is None:
            hub = urljoin(feed_url, href.strip())
        elif href and rel == "self" and topic is None:
            topic = urljoin(feed_url, href.strip())
    return (hub, topic or feed_url) if hub else None


def _json_hub(content: bytes, feed_url: str) -> tuple[str, str] | None:
    try:
        document = json.loads(content)
    except ValueError:
        return None
    hubs = [h for h in document.get("hubs", []) if isinstance(h, dict)]
    for hub in hubs:
        if str(hub.get("type", "")).lower() == "websub" and hub.get("url"):
            return urljoin(feed_url, hub["url"]), document.get("feed_url") or feed_url
    return None

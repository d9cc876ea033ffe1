"""A feed source: RSS 0.9x/1.0/2.0, Atom or JSON Feed. A page given instead of its feed is
read through the feed it announces (``<link rel="alternate">``), with a warning."""

from __future__ import annotations

from typing import Any

from ..discovery import discover_feed_links
from ..errors import FeedError
from ..feeds import parse_feed
from ..models import ParsedFeed
from .reading import Reading


def read(fetcher: Any, url: str, *, etag: str | None = None,
         last_modified: str | None = None) -> Reading:
    """One poll: feeds are abandoned sooner than pages (``fetch.feed_deadline``)."""
    result = fetcher.fetch_feed(url, etag=etag, last_modified=last_modified)
    if result.not_modified:
        return Reading(None, result)
    parsed, announced, _ = parse_or_discover(fetcher, result)
    if announced:
        note = f"{url} is a page; used its feed {announced} (add that URL instead)"
        parsed = ParsedFeed(parsed.title, parsed.entries, parsed.format,
                            parsed.warnings + (note,))
    return Reading(parsed, result)


def parse_or_discover(fetcher: Any, result: Any) -> tuple[ParsedFeed, str | None, bytes]:
    """The feed in ``result`` (with no announced URL, and its bytes); if it is a page
    announcing a feed, that feed, fetched, with its URL and bytes. A page announcing none
    raises the parser's ``FeedError``."""
    try:
        parsed = parse_feed(result.content, result.final_url, result.content_type or "")
        return parsed, None, result.content
    except FeedError:
        links = discover_feed_links(result.content, result.final_url)
        if not links:
            raise
        found = fetcher.fetch_feed(links[0])
        parsed = parse_feed(found.content, found.final_url, found.content_type or "")
        return parsed, links[0], found.content

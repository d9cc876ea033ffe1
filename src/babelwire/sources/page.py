"""A single-page source: the page itself is the one entry, fetched again when it changes."""

from __future__ import annotations

from typing import Any

from ..models import FeedEntry, ParsedFeed
from .reading import Reading


def read(fetcher: Any, url: str, *, etag: str | None = None,
         last_modified: str | None = None) -> Reading:
    result = fetcher.fetch(url, etag=etag, last_modified=last_modified)
    if result.not_modified:
        return Reading(None, result)
    return Reading(ParsedFeed(title="", entries=(FeedEntry(url=result.final_url),),
                              format="page"), result)

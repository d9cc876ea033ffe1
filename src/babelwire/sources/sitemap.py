"""A sitemap source (news sitemaps included): its ``<url><loc>`` entries, newest first where
they carry dates. The feed parser reads sitemaps (``feeds.parse_feed``); a sitemap index is
not followed (add each sitemap it lists)."""

from __future__ import annotations

from typing import Any

from .feed import read as read_feed
from .reading import Reading


def read(fetcher: Any, url: str, *, etag: str | None = None,
         last_modified: str | None = None) -> Reading:
    return read_feed(fetcher, url, etag=etag, last_modified=last_modified)

"""``sources add`` fetches a URL once: follows feed discovery and says what it found."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ..clock import parse_iso, utcnow
from ..compose import fetch_options
from ..errors import BabelwireError, SourceCheckFailed
from ..fetch import Fetcher
from ..models import ParsedFeed
from ..settings import Settings
from ..sources.feed import parse_or_discover
from .words import ago, plural

FORMAT_NAMES = {"atom": "Atom", "jsonfeed": "JSON Feed", "sitemap": "sitemap", "page": "web page"}


@dataclass(frozen=True)
class CheckedSource:
    url: str  # what to add: the feed itself when the URL was a page announcing it
    kind: str
    title: str
    found: str  # "RSS 2.0, 20 items, last item 2 h ago"
    note: str = ""  # "… is a page; adding its feed …"


def format_name(parsed: ParsedFeed, content: bytes) -> str:
    if parsed.format != "rss":
        return FORMAT_NAMES.get(parsed.format, parsed.format)
    head = content[:1024]
    if b"<rdf:RDF" in head or b"purl.org/rss/1.0" in head:
        return "RSS 1.0"
    version = re.search(rb"<rss[^>]*\sversion=[\"']([\d.]+)", head)
    return f"RSS {version.group(1).decode()}" if version else "RSS"


def describe(parsed: ParsedFeed, content: bytes, now: datetime | None = None) -> str:
    parts = [format_name(parsed, content), plural(len(parsed.entries), "item")]
    dates = [d for d in (parse_iso(e.published) for e in parsed.entries) if d is not None]
    if dates:
        parts.append(f"last item {ago(max(dates), now or utcnow())}")
    elif parsed.entries:
        parts.append("items undated")
    return ", ".join(parts)


def _checked(url: str, kind: str, parsed: ParsedFeed, content: bytes, note: str = "") -> CheckedSource:
    return CheckedSource(url=url, kind=kind, title=parsed.title, found=describe(parsed, content),
                         note=note)


def _as_feed(fetcher: Fetcher, url: str, kind: str) -> CheckedSource:
    result = fetcher.fetch(url)
    if kind == "page":
        return CheckedSource(url=url, kind="page", title="", found=f"web page "
                             f"({result.content_type or 'unknown type'}, {len(result.content)} bytes)")
    parsed, announced, content = parse_or_discover(fetcher, result)
    found_kind = "sitemap" if parsed.format == "sitemap" else "feed" if announced else kind
    if announced:
        note = f"{url} is a web page; adding the feed it announces, {announced}"
        return _checked(announced, found_kind, parsed, content, note)
    return _checked(url, found_kind, parsed, content)


def check_source(url: str, kind: str, settings: Settings) -> CheckedSource:
    """Fetch ``url`` once; raise ``SourceCheckFailed`` (one line) when nothing usable is there."""
    try:
        with Fetcher(fetch_options(settings)) as fetcher:
            return _as_feed(fetcher, url, kind)
    except BabelwireError as error:
        raise SourceCheckFailed(
            f"{url} was not added: {error.code}: {error.message}; fix the address, "
            f"or add it unchecked with --no-check") from error

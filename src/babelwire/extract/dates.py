"""When the story was published (and last updated), from the best evidence.

In order: JSON-LD ``datePublished`` (the article's object first, then any
object of the page), the ``article:published_time`` family of meta tags,
microdata ``datePublished``, a ``<time>`` in the byline (never one marked as
an update), a date in the URL, then htmldate's heuristics (the maintained
library trafilatura itself uses; asked for the original date, not the latest).
A modified date never stands in for the publication date; it is ``updated``.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Callable

from htmldate import find_date

from ..clock import normalize_date

log = logging.getLogger(__name__)

PUBLISHED_META = ("article:published_time", "og:published_time", "datePublished",
                  "date_published", "pubdate", "publishdate", "publish-date", "parsely-pub-date",
                  "sailthru.date", "dc.date.issued", "dcterms.created", "dc.date", "date")
MODIFIED_META = ("article:modified_time", "og:updated_time", "dateModified", "last-modified")
UPDATE_MARK = re.compile(r"updat|modif|edited|revis|aktualis|mis à jour|actualiz", re.I)
PUBLISHED_MARK = re.compile(r"publish|entry-date|posted|pubdate|created", re.I)
BYLINE_TIME = (
    "//*[@itemprop='datePublished']",
    "//article//time[@datetime] | //header//time[@datetime] | //main//time[@datetime]",
    "//time[@datetime]",
)
URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|-|$)")


def _marked_update(node: Any) -> bool:
    """Marked as the modified date (hAtom's "entry-date updated" on the published time is
    not: WordPress themes mark the publication time so)."""
    for element in [node, node.getparent()]:
        if element is None:
            continue
        marks = " ".join(str(element.get(a, "")) for a in ("class", "id", "itemprop"))
        if UPDATE_MARK.search(marks) and not PUBLISHED_MARK.search(marks):
            return True
        text = element.text_content()[:80] if hasattr(element, "text_content") else ""
        if UPDATE_MARK.search(text) and not re.search(r"publi", text, re.I):
            return True
    return False


def byline_time(tree: Any) -> str:
    """A <time> (or datePublished microdata) near the byline that is not an update."""
    for path in BYLINE_TIME:
        for node in tree.xpath(path):
            value = node.get("content") or node.get("datetime") or node.get("title") or ""
            if value.strip() and not _marked_update(node):
                return value.strip()
    return ""


def url_date(url: str | None) -> str:
    match = URL_DATE.search(url or "")
    if not match:
        return ""
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


def heuristic_date(tree: Any, url: str | None) -> str:
    try:
        # url="" keeps htmldate from guessing a day from a month-only URL (/2026/11/)
        return find_date(tree, url="", original_date=True, extensive_search=True) or ""
    except Exception as exc:  # noqa: BLE001 - a third-party failure only loses its vote
        log.debug("htmldate failed on %s: %s", url, exc)
        return ""


def jsonld_value(objects: list[dict], key: str) -> str:
    for obj in objects:
        value = obj.get(key)
        if isinstance(value, list):
            value = value[0] if value else ""
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def publication_dates(tree: Any, objects: list[dict], meta: Callable[..., str],
                      url: str | None) -> tuple[str | None, str | None]:
    """(published, updated) as ISO 8601; ``objects`` are JSON-LD, the article's first."""
    updated = normalize_date(jsonld_value(objects, "dateModified") or meta(*MODIFIED_META))
    sources = (lambda: jsonld_value(objects, "datePublished"), lambda: meta(*PUBLISHED_META),
               lambda: byline_time(tree), lambda: url_date(url),
               lambda: heuristic_date(tree, url))
    for source in sources:
        published = normalize_date(source())
        if published:
            return published, updated
    return None, updated

"""How an article is shown to a reader of one language; shared by pages, feeds and API."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..clock import iso, parse_iso
from ..models import Translation
from ..storage.records import ArticleRow

_BLANK_LINE = re.compile(r"\n\s*\n")


def paragraphs(text: str | None) -> list[str]:
    """Plain text split on blank lines, each paragraph stripped, empty ones dropped."""
    if not text:
        return []
    return [part.strip() for part in _BLANK_LINE.split(text.replace("\r\n", "\n")) if part.strip()]


def outlet_of(row: ArticleRow) -> str:
    """The source's name, else the page's site name, else the host."""
    return row["source_name"] or row["site_name"] or urlsplit(row["url"]).hostname or ""


def time_of(row: ArticleRow) -> str:
    """When the article appeared: published, else first seen (as stored)."""
    return row["published"] or row["first_seen"]


def rfc3339(text: str | None, fallback: str) -> str:
    """A stored time as RFC 3339 in UTC; ``fallback`` (already RFC 3339) when unreadable."""
    moment = parse_iso(text)
    return iso(moment) if moment else fallback


def display_time(text: str | None) -> str:
    """'2024-05-01 10:00 UTC' for people; '' for nothing."""
    moment = parse_iso(text)
    if moment is None:
        return text or ""
    return iso(moment)[:16].replace("T", " ") + " UTC"


@dataclass(frozen=True)
class ReaderTitle:
    """An article's title as one reader sees it in a listing."""

    article_id: int
    title: str
    title_language: str
    machine_translated: bool
    pending: bool  # not yet translated: the original title is shown
    original_title: str
    language: str
    outlet: str
    time: str
    engine: str = ""


def reader_title(row: ArticleRow, translations: dict[str, Translation], lang: str) -> ReaderTitle:
    """The title of ``row`` in ``lang``: translated, own, or original marked pending."""
    translation = translations.get(lang)
    in_language = row["language"] == lang
    if translation is not None and not in_language:
        title, title_language = translation.title, lang
    else:
        title, title_language = row["title"], row["language"]
    return ReaderTitle(
        article_id=row["id"], title=title, title_language=title_language,
        machine_translated=translation is not None and not in_language,
        pending=translation is None and not in_language, original_title=row["title"],
        language=row["language"], outlet=outlet_of(row), time=time_of(row),
        engine=translation.engine if translation is not None and not in_language else "",
    )


def web_url(url: str | None) -> str:
    """``url`` when it is http(s), else '' (stored links never become javascript: links)."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return ""

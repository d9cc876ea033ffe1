"""Plain frozen records that flow through the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """A place babelwire polls: a feed (RSS, Atom, JSON Feed), a sitemap or a page."""

    id: int | None
    url: str
    name: str = ""
    kind: str = "feed"  # feed | sitemap | page
    enabled: bool = True


@dataclass(frozen=True)
class SourceHealth:
    """What babelwire knows about a source's last fetches."""

    source_id: int
    last_fetch_at: str | None = None
    last_success_at: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error_count: int = 0
    last_error_code: str | None = None
    last_error: str | None = None
    next_check_at: str | None = None


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed or sitemap: a link to an article page.

    An item without a usable link keeps the feed's own HTML in ``content``; its
    ``url`` is then the feed's URL with an ``#entry-...`` fragment made from its
    guid (or a hash of its content), which identifies it.
    """

    url: str
    title: str = ""
    summary: str = ""
    published: str | None = None  # ISO 8601, UTC
    guid: str | None = None
    author: str = ""
    content: str | None = None  # the feed's HTML, for an entry without a link


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed: its entries, plus warnings when it was broken but usable."""

    title: str
    entries: tuple[FeedEntry, ...]
    format: str  # rss | atom | jsonfeed | sitemap
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Attribution:
    """An outlet the page itself credits, with the evidence found."""

    outlet: str
    kind: str  # title_suffix | source_link | dateline | cited | read_more
    evidence: str
    url: str | None = None


@dataclass(frozen=True)
class ExtractedArticle:
    """What extraction got out of one page."""

    title: str
    standfirst: str
    body: str  # paragraphs separated by a blank line
    paragraphs: tuple[str, ...]
    author: str = ""
    published: str | None = None
    updated: str | None = None
    canonical_url: str | None = None
    language_hint: str | None = None
    site_name: str = ""
    images: tuple[str, ...] = ()
    attribution: tuple[Attribution, ...] = ()
    disclaimers: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    html: str = ""  # sanitized body HTML
    # -- extraction on real pages (issue 10); additive, all with defaults
    confidence: float = 1.0  # how sure extraction is that the body is the whole story
    authors: tuple[str, ...] = ()  # the byline's people, one name each
    author_roles: tuple[str, ...] = ()  # roles stripped from the byline ("Senior Editor")
    byline_outlet: str = ""  # an outlet named in the byline ("..., The Daily Gazette")
    published_local: str | None = None  # ``published`` as the page wrote it (its offset or day)


@dataclass(frozen=True)
class LanguageGuess:
    code: str  # ISO 639-1, or "und"
    confidence: float


@dataclass(frozen=True)
class Article:
    """An article as stored."""

    id: int | None
    source_id: int | None
    url: str
    canonical_url: str
    title: str
    standfirst: str
    body: str
    author: str
    published: str | None
    first_seen: str
    language: str
    language_confidence: float
    content_hash: str
    site_name: str = ""
    html: str = ""
    attribution: tuple[Attribution, ...] = ()
    disclaimers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Translation:
    """A machine translation of an article into one language."""

    article_id: int
    language: str
    title: str
    standfirst: str
    body: str
    engine: str
    engine_version: str
    pivot: str | None = None
    created_at: str = ""
    warnings: tuple[str, ...] = field(default=())

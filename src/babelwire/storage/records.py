"""Plain frozen records the storage port returns (never a driver's row).

Every record is a frozen dataclass. ``Record`` also answers ``record["name"]``,
``record.get(name)`` and ``keys()`` so code written against the old
``sqlite3.Row`` results keeps working while it moves to attribute access
(transitional: new code should use attributes).

Fields that only some reads fill (a listing leaves the body out, a search adds
a snippet) default to ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from typing import Any, Iterator, Mapping


class Record:
    """Mapping-style access on a frozen dataclass (transitional, see the module docstring)."""

    def __getitem__(self, name: str) -> Any:
        try:
            return getattr(self, name)
        except (AttributeError, TypeError):
            raise KeyError(name) from None

    def get(self, name: str, default: Any = None) -> Any:
        return getattr(self, name, default)

    def keys(self) -> list[str]:
        return list(field_names(type(self)))

    def __iter__(self) -> Iterator[Any]:
        return iter(self.keys())

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in field_names(type(self))


@cache
def field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


def record_of(cls: type, row: Mapping[str, Any] | Any) -> Any:
    """``cls`` built from the columns of ``row`` it knows (others are ignored)."""
    known = field_names(cls)
    return cls(**{name: row[name] for name in row.keys() if name in known})


@dataclass(frozen=True)
class ArticleRow(Record):
    """A stored article as the reader, the API and feeds see it (JSON columns as stored text)."""

    id: int
    url: str = ""
    title: str = ""
    source_id: int | None = None
    canonical_url: str | None = None
    standfirst: str | None = None
    body: str | None = None
    author: str | None = None
    published: str | None = None
    updated: str | None = None
    first_seen: str | None = None
    language: str | None = None
    language_confidence: float | None = None
    content_hash: str | None = None
    site_name: str | None = None
    html: str | None = None
    attribution: str | None = None
    disclaimers: str | None = None
    images: str | None = None
    warnings: str | None = None
    source_name: str | None = None
    source_url: str | None = None
    sort_key: str | None = None
    snippet: str | None = None  # search results only: text with match marks
    pivot_title: str | None = None  # provenance reads only: the pivot translation
    pivot_body: str | None = None


@dataclass(frozen=True)
class SourceRow(Record):
    """A source with its health columns and how many articles it gave."""

    id: int
    url: str
    name: str = ""
    kind: str = "feed"
    enabled: int = 1
    added_at: str | None = None
    last_fetch_at: str | None = None
    last_success_at: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error_count: int = 0
    last_error_code: str | None = None
    last_error: str | None = None
    last_warning_code: str | None = None
    last_warning: str | None = None
    next_check_at: str | None = None
    article_count: int | None = None


@dataclass(frozen=True)
class SourceEvent(Record):
    id: int
    source_id: int | None
    at: str
    level: str
    code: str
    message: str
    url: str | None = None


@dataclass(frozen=True)
class TranslationFailure(Record):
    article_id: int
    language: str
    code: str
    message: str
    at: str
    source_language: str | None = None  # the article's own language, when asked for


@dataclass(frozen=True)
class StoryRow(Record):
    id: int
    title: str
    earliest_article_id: int | None
    article_count: int
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class LinkView(Record):
    """A provenance link with the other article's title, URL, language, site and times."""

    article_id: int
    derived_from: int
    relation: str
    confidence: float
    lag_seconds: int | None = None
    evidence: str | None = None
    created_at: str | None = None
    other_id: int | None = None
    other_title: str | None = None
    other_url: str | None = None
    other_language: str | None = None
    other_first_seen: str | None = None
    other_published: str | None = None
    other_site_name: str | None = None


@dataclass(frozen=True)
class StoryMember(Record):
    id: int
    url: str
    title: str
    language: str
    first_seen: str
    published: str | None = None
    site_name: str | None = None
    relation: str | None = None
    derived_from: int | None = None
    confidence: float | None = None
    lag_seconds: int | None = None


@dataclass(frozen=True)
class StoryVersion(StoryMember):
    """One version of a story as lists show it folded under the story's original
    (``relation`` None: not derived from another article)."""

    story_id: int = 0
    outlet: str = ""

    @property
    def sort_key(self) -> str:
        """What lists order by: published, else first seen."""
        return self.published or self.first_seen


@dataclass(frozen=True)
class SiteArticle(Record):
    id: int
    url: str
    title: str
    language: str
    first_seen: str
    published: str | None = None
    site_name: str | None = None
    attribution: str | None = None
    disclaimers: str | None = None
    derived_from: int | None = None
    relation: str | None = None
    lag_seconds: int | None = None
    evidence: str | None = None
    original_url: str | None = None


@dataclass(frozen=True)
class ArticleFilters:
    """What a listing, a feed or the API may be narrowed to (``None``: any)."""

    source_id: int | None = None
    language: str | None = None  # the original's language
    story_id: int | None = None
    since: str | None = None  # 'YYYY-MM-DD', inclusive
    until: str | None = None  # 'YYYY-MM-DD', inclusive
    readable_in: str | None = None  # written in, or translated into, this language


NO_FILTERS = ArticleFilters()


@dataclass(frozen=True)
class PendingEntry(Record):
    """A queued entry (a discovered URL) waiting to be fetched and extracted."""

    id: int
    source_id: int | None
    url: str
    title: str
    published: str | None
    attempts: int
    guid: str | None = None
    author: str = ""
    content: str | None = None  # the feed's HTML when the entry has no link (issue 9)


@dataclass(frozen=True)
class ParkedEntry(Record):
    """An entry that failed the same way ``entries.park_after`` times: no longer retried."""

    id: int
    source_id: int | None
    url: str
    attempts: int
    error_code: str | None
    error: str | None


@dataclass(frozen=True)
class SaveOutcome:
    article_id: int
    created: bool
    changed: bool  # an existing article whose content changed


@dataclass(frozen=True)
class TracedFeatures:
    article_id: int
    content_hash: str
    word_hash: str
    signature: tuple[int, ...]
    keys: dict[str, str]
    lead_vector: bytes | None = None  # the encoder's title-and-lead vector, float16


@dataclass(frozen=True)
class StoredLink:
    article_id: int
    derived_from: int
    relation: str
    confidence: float
    lag_seconds: int | None
    evidence: dict


@dataclass(frozen=True)
class WorkerStatus:
    """A long-running process's state (the poller's, for ``/healthz``)."""

    name: str
    pid: int
    running: bool
    started_at: str
    pass_started_at: str | None
    pass_finished_at: str | None
    passes: int
    last_summary: str | None
    last_error: str | None
    last_error_at: str | None

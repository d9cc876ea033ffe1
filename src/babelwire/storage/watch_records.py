"""Frozen records of the watches repository (issue 15): watches, matches, the alert outbox."""

from __future__ import annotations

from dataclasses import dataclass

from .records import Record

WATCH_KINDS = ("query", "name", "outlet", "relay_of", "relay_site", "translated_from")
# kinds matched on what tracing stores (links, relay sites), not on the articles' text
PROVENANCE_KINDS = ("relay_of", "relay_site", "translated_from")
EMAIL_MODES = ("immediate", "digest")
CHANNELS = ("email", "webhook")

# The columns of researchers' exports (``babelwire export``), in order.
ARTICLE_COLUMNS = ("id", "source_id", "source_name", "url", "canonical_url", "title", "author",
                   "published", "first_seen", "language", "language_confidence", "content_hash",
                   "site_name", "standfirst", "body", "story_id")
STORY_COLUMNS = ("id", "title", "earliest_article_id", "article_count", "created_at",
                 "updated_at")
LINK_COLUMNS = ("article_id", "derived_from", "relation", "confidence", "lag_seconds",
                "evidence", "created_at")


@dataclass(frozen=True)
class WatchSpec:
    """What a user asks to watch, and where alerts go."""

    kind: str  # one of WATCH_KINDS
    target: str  # the query, the name, the outlet's source id, a host or "any", a language
    label: str = ""
    email: str = ""
    email_mode: str = "immediate"
    webhook_url: str = ""
    webhook_secret: str = ""
    within_minutes: int | None = None  # translated_from: at most this long after the original

    @property
    def channels(self) -> tuple[str, ...]:
        return tuple(c for c, on in (("email", self.email), ("webhook", self.webhook_url)) if on)


@dataclass(frozen=True)
class WatchRow(Record):
    id: int
    kind: str
    target: str
    label: str = ""
    email: str = ""
    email_mode: str = "immediate"
    webhook_url: str = ""
    webhook_secret: str = ""
    created_at: str = ""
    enabled: int = 1
    within_minutes: int | None = None

    @property
    def name(self) -> str:
        within = f" within {self.within_minutes} min" if self.within_minutes else ""
        return self.label or f"{self.kind}: {self.target}{within}"


@dataclass(frozen=True)
class WatchMatch(Record):
    """One (watch, article) match with what an alert or a feed shows of the article."""

    id: int
    watch_id: int
    article_id: int
    reason: str
    matched_at: str
    title: str = ""
    url: str = ""
    language: str = ""
    first_seen: str = ""
    published: str | None = None
    source_name: str | None = None
    standfirst: str | None = None


@dataclass(frozen=True)
class AlertRow(Record):
    """One outbox row: a match to deliver on one channel, claimed by a sender."""

    id: int
    match_id: int
    watch_id: int
    channel: str
    attempts: int
    created_at: str
    next_attempt_at: str
    delivered_at: str | None = None
    last_error: str | None = None


@dataclass(frozen=True)
class DeliveryRow(Record):
    """One delivery attempt, as the delivery log shows it."""

    id: int
    alert_id: int
    watch_id: int
    channel: str
    article_id: int
    attempt: int
    at: str
    status: str  # delivered | failed
    detail: str = ""


@dataclass(frozen=True)
class RelaySite(Record):
    """A site's relay judgement as of its last trace (``relay_sites``): ``flagged_at`` is
    when it was last found to be a relay after not being one (``None``: not a relay)."""

    host: str
    relay: int
    reasons: str  # JSON list of the judgement's reasons
    article_count: int
    checked_at: str
    article_id: int | None = None  # its newest article derived from another site's
    flagged_at: str | None = None


@dataclass(frozen=True)
class ProvenanceCandidate:
    """An article a provenance watch may catch, and why (the match's reason)."""

    article_id: int
    reason: str


@dataclass(frozen=True)
class ArchiveRecord(Record):
    """Where one archived exchange sits: ``length`` bytes at ``offset`` of ``file`` (its
    response or revisit record and its request record, each a gzip member)."""

    id: int
    record_id: str
    uri: str
    fetched_at: str
    kind: str  # response | revisit
    payload_digest: str
    file: str
    offset: int
    length: int
    refers_to: int | None = None
    role: str | None = None  # page | feed, when read for an article
    article_id: int | None = None


@dataclass(frozen=True)
class Subscription(Record):
    """A source's WebSub subscription: state none (no hub), pending, verified or failed."""

    id: int
    source_id: int
    hub: str
    topic: str
    secret: str
    state: str
    checked_at: str
    lease_until: str | None = None
    pushed_at: str | None = None
    last_error: str | None = None

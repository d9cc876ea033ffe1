"""The article pipeline: one ordered list of stages, and the runner around it.

A stage takes a ``PageRecord`` and returns a new one, or raises ``Drop``
(a normal rejection, with a reason) or a ``BabelwireError`` (a failure, stored
on the entry and the source's health). The order lives in ``ARTICLE_STAGES``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from typing import Callable, Protocol

from .cleantext import clean_text
from .clock import now_iso
from .extract.decode import decode_html
from .entrycontent import cleaned, feed_article
from .errors import BabelwireError, Drop, ExtractError, FetchError
from .extract import content_hash, extract_article
from .fetch import Fetcher, FetchResult
from .language import detect_language
from .models import Article, ExtractedArticle, LanguageGuess
from .settings import Settings
from .storage import Store
from .storage.records import PendingEntry

log = logging.getLogger(__name__)


class Progress(Protocol):
    def start(self, task: str, total: int) -> None: ...
    def advance(self, task: str, amount: int = 1) -> None: ...
    def finish(self, task: str) -> None: ...


class NoProgress:
    """Progress reporting that reports nothing (library use, tests)."""

    def start(self, task: str, total: int) -> None:
        pass

    def advance(self, task: str, amount: int = 1) -> None:
        pass

    def finish(self, task: str) -> None:
        pass


@dataclass
class Context:
    """What the stages need; built once by the composition root."""

    settings: Settings
    db: Store
    fetcher: Fetcher
    translator: object  # a babelwire.translate Translator
    progress: Progress = field(default_factory=NoProgress)


@dataclass(frozen=True)
class PageRecord:
    entry: PendingEntry
    fetched: FetchResult | None = None
    extracted: ExtractedArticle | None = None
    language: LanguageGuess | None = None
    article: Article | None = None
    article_id: int | None = None
    created: bool = False


def fetch_page(record: PageRecord, ctx: Context) -> PageRecord:
    if record.entry.content is not None:
        return record  # an entry without a link: the feed carried the article
    result = ctx.fetcher.fetch(record.entry.url, accept="text/html,application/xhtml+xml")
    if result.content_type and "html" not in result.content_type and "xml" not in result.content_type:
        raise ExtractError(f"not an article page: content type {result.content_type}",
                           url=record.entry.url)
    return replace(record, fetched=result)


def extract_page(record: PageRecord, ctx: Context) -> PageRecord:
    if record.entry.content is not None:
        return replace(record, extracted=cleaned(feed_article(record.entry)))
    assert record.fetched is not None  # guaranteed by stage order, not user input
    fetched = record.fetched
    return replace(record, extracted=extract_fetched(fetched.content, fetched.final_url,
                                                     fetched.encoding))


def extract_fetched(content: bytes | str, url: str | None, charset: str | None) -> ExtractedArticle:
    """Extraction behind the pipeline's boundary: control characters and lone surrogates
    never reach the parser, a malformed URL in the page (``http://[::1``) costs only its
    links, and what comes out is clean. Raises ``ExtractError`` (or another typed error)."""
    page = clean_text(decode_html(content, charset))
    try:
        extracted = extract_article(page, url=url)
    except ValueError as exc:
        extracted = extract_article(page, url=None)
        note = f"the page holds a malformed URL ({exc}); its links were not resolved"
        extracted = replace(extracted, warnings=extracted.warnings + (note,),
                            canonical_url=extracted.canonical_url or url)
    return cleaned(extracted)


def identify_language(record: PageRecord, ctx: Context) -> PageRecord:
    article = record.extracted
    assert article is not None
    sample = " ".join([article.title, article.standfirst, article.body])
    guess = detect_language(sample, hint=article.language_hint,
                            min_confidence=ctx.settings["language.min_confidence"])
    return replace(record, language=guess)


def build_article(record: PageRecord, ctx: Context) -> PageRecord:
    extracted, guess = record.extracted, record.language
    assert extracted is not None and guess is not None
    canonical = extracted.canonical_url or _page_url(record)
    digest = content_hash(extracted.title, extracted.standfirst + "\n" + extracted.body)
    existing = ctx.db.articles.find_existing(canonical, digest, record.entry.source_id)
    if existing is not None:
        row = ctx.db.articles.get_row(existing)
        if row is not None and row["content_hash"] == digest:
            if row["url"] == record.entry.url:  # this entry's own article: a lapsed claim's
                raise Drop(f"already stored as article {existing}", code="already_done",
                           article_id=existing)
            raise Drop(f"already stored as article {existing}", code="duplicate")
    article = Article(
        id=None, source_id=record.entry.source_id, url=record.entry.url, canonical_url=canonical,
        title=extracted.title, standfirst=extracted.standfirst, body=extracted.body,
        author=extracted.author, published=extracted.published or record.entry.published,
        first_seen=now_iso(), language=guess.code, language_confidence=guess.confidence,
        content_hash=digest, site_name=extracted.site_name, html=extracted.html,
        attribution=extracted.attribution, disclaimers=extracted.disclaimers,
    )
    return replace(record, article=article)


def _page_url(record: PageRecord) -> str:
    return record.fetched.final_url if record.fetched is not None else record.entry.url


def store_article(record: PageRecord, ctx: Context) -> PageRecord:
    assert record.article is not None
    outcome = ctx.db.articles.save(record.article)
    return replace(record, article_id=outcome.article_id, created=outcome.created or outcome.changed)


Stage = Callable[[PageRecord, Context], PageRecord]

ARTICLE_STAGES: tuple[Stage, ...] = (
    fetch_page,
    extract_page,
    identify_language,
    build_article,
    store_article,
)


def run_stages(record: PageRecord, ctx: Context,
               stages: tuple[Stage, ...] = ARTICLE_STAGES) -> PageRecord:
    """Run every stage in order; ``Drop`` and errors propagate to the runner."""
    for stage in stages:
        record = stage(record, ctx)
    return record


# refused by robots.txt, not a page, or refused by the network guard: retrying changes nothing
PERMANENT_FETCH_CODES = frozenset({"fetch.robots", "fetch.content_type", "fetch.blocked_address",
                                   "fetch.scheme"})


def is_transient(error: BabelwireError) -> bool:
    """Fetch failures are retried on a later run; a page that is no article is not."""
    return isinstance(error, FetchError) and error.code not in PERMANENT_FETCH_CODES

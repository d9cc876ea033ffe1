"""The loop: due sources -> feed entries -> article pipeline -> translations.

An interrupted run resumes where it stopped: discovered entries wait in the
``entries`` table until processed, and untranslated articles are found again.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from .errors import BabelwireError, Drop, FeedError
from .feeds import parse_feed
from .discovery import discover_feed_links
from .localize import translate_pending
from .models import FeedEntry, ParsedFeed, Source
from .pipeline import Context, PageRecord, is_transient, run_stages
from .provenance.incremental import trace_new_articles
from .storage import entries as entry_store
from .storage.claims import DEFAULT_LEASE_SECONDS, worker_id
from .storage import sources as source_store
from .watch.hook import after_pass as watches_after_pass

log = logging.getLogger(__name__)


@dataclass
class RunReport:
    sources_polled: int = 0
    sources_failed: int = 0
    entries_found: int = 0
    articles_stored: int = 0
    pages_dropped: int = 0
    pages_failed: int = 0
    translations: int = 0
    translation_failures: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.sources_polled} sources polled ({self.sources_failed} failed), "
                f"{self.entries_found} new entries, {self.articles_stored} articles stored, "
                f"{self.pages_dropped} pages skipped, {self.pages_failed} pages failed, "
                f"{self.translations} translations, {self.translation_failures} not translated")


def _fetch_parsed_feed(ctx: Context, source: Source) -> tuple[ParsedFeed | None, object]:
    health = source_store.get_health(ctx.db, source.id)  # type: ignore[arg-type]
    result = ctx.fetcher.fetch(source.url, etag=health.etag, last_modified=health.last_modified,
                               accept="application/rss+xml, application/atom+xml, "
                                      "application/feed+json, application/xml;q=0.9, */*;q=0.5")
    if result.not_modified:
        return None, result
    if source.kind == "page":
        return ParsedFeed(title="", entries=(FeedEntry(url=result.final_url),), format="page"), result
    try:
        return parse_feed(result.content, result.final_url, result.content_type or ""), result
    except FeedError:
        links = discover_feed_links(result.content, result.final_url)
        if not links:
            raise
        found = ctx.fetcher.fetch(links[0])
        parsed = parse_feed(found.content, found.final_url, found.content_type or "")
        note = f"{source.url} is a page; used its feed {links[0]} (add that URL instead)"
        return ParsedFeed(parsed.title, parsed.entries, parsed.format,
                          parsed.warnings + (note,)), result


def poll_source(ctx: Context, source: Source, report: RunReport) -> None:
    """Fetch one source's feed and queue its new entries; record its health."""
    settings = ctx.settings
    try:
        parsed, result = _fetch_parsed_feed(ctx, source)
    except BabelwireError as error:
        report.sources_failed += 1
        report.problems.append(f"{source.url}: {error.one_line()}")
        source_store.record_failure(ctx.db, source.id, code=error.code, message=str(error),
                                    interval=settings["poll_interval"],
                                    max_backoff=settings["max_backoff"])
        log.warning("source %s failed: %s", source.url, error.one_line())
        return
    report.sources_polled += 1
    if parsed is not None:
        newest = list(parsed.entries)[: settings["max_articles_per_source"]]
        report.entries_found += entry_store.enqueue_entries(ctx.db, source.id, newest)
        for warning in parsed.warnings:
            source_store.record_warning(ctx.db, source.id, code="feed.malformed"
                                        if "malformed" in warning else "feed.warning",
                                        message=warning, url=source.url)
    source_store.record_success(ctx.db, source.id, etag=result.etag,  # type: ignore[attr-defined]
                                last_modified=result.last_modified,  # type: ignore[attr-defined]
                                interval=settings["poll_interval"],
                                name=parsed.title if parsed else "")


def process_entry(ctx: Context, entry: entry_store.PendingEntry, report: RunReport,
                  lock: threading.Lock) -> None:
    try:
        record = run_stages(PageRecord(entry=entry), ctx)
    except Drop as drop:
        entry_store.mark_done(ctx.db, entry.id, None, status="dropped", code=drop.code,
                              message=drop.reason)
        with lock:
            report.pages_dropped += 1
        return
    except BabelwireError as error:
        _entry_failed(ctx, entry, error, report, lock)
        return
    entry_store.mark_done(ctx.db, entry.id, record.article_id)
    if record.extracted and record.extracted.warnings:
        for warning in record.extracted.warnings:
            source_store.record_warning(ctx.db, entry.source_id, code="extract.warning",
                                        message=warning, url=entry.url)
    with lock:
        report.articles_stored += int(record.created)


def _entry_failed(ctx: Context, entry: entry_store.PendingEntry, error: BabelwireError,
                  report: RunReport, lock: threading.Lock) -> None:
    if is_transient(error):
        entry_store.mark_failed(ctx.db, entry.id, error.code, str(error))
    else:
        entry_store.mark_done(ctx.db, entry.id, None, status="failed", code=error.code,
                              message=str(error))
    source_store.record_warning(ctx.db, entry.source_id, code=error.code, message=str(error),
                                url=entry.url)
    with lock:
        report.pages_failed += 1
        report.problems.append(f"{entry.url}: {error.one_line()}")


def process_pending(ctx: Context, report: RunReport) -> None:
    """Run the article pipeline over every queued entry, a few pages at a time."""
    me = worker_id()
    pending = ctx.db.entries.claim(1000, DEFAULT_LEASE_SECONDS, me)
    if not pending:
        return
    ctx.progress.start("articles", len(pending))
    lock = threading.Lock()

    def work(entry: entry_store.PendingEntry) -> None:
        try:
            process_entry(ctx, entry, report, lock)
        finally:
            ctx.progress.advance("articles")

    try:
        with ThreadPoolExecutor(max_workers=max(1, ctx.settings["workers"])) as pool:
            list(pool.map(work, pending))
    finally:  # what was not finished (an interrupted run) is free again at once
        ctx.db.entries.release([entry.id for entry in pending], me)
    ctx.progress.finish("articles")


def run_once(ctx: Context, *, all_sources: bool = True) -> RunReport:
    """One pass: poll sources, process queued pages, translate what is missing."""
    report = RunReport()
    sources = (source_store.list_sources(ctx.db) if all_sources
               else source_store.due_sources(ctx.db))
    sources = [s for s in sources if s.enabled]
    ctx.progress.start("sources", len(sources))
    for source in sources:
        poll_source(ctx, source, report)
        ctx.progress.advance("sources")
    ctx.progress.finish("sources")
    process_pending(ctx, report)
    translate_pending(ctx, report)
    trace_new_articles(ctx, report)
    watches_after_pass(ctx, report)
    return report


def run_forever(ctx: Context, stop: threading.Event, idle_seconds: float = 30.0) -> None:
    """Poll due sources on their schedule until ``stop`` is set."""
    first = True
    while not stop.is_set():
        report = run_once(ctx, all_sources=first)
        first = False
        log.info("run: %s", report.summary())
        stop.wait(idle_seconds)

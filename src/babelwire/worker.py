"""The loop: due sources -> feed entries -> article pipeline -> translations.

An interrupted run resumes where it stopped: discovered entries wait in the
``entries`` table until processed, and untranslated articles are found again.

Faults stay with their source or entry: any exception while polling one source
or processing one entry is recorded in that source's health (with a code; an
unexpected exception gets ``source.unexpected`` / ``entry.unexpected``) and the
pass goes on. An entry that keeps failing the same way is parked
(``entries.park_after``). The poller loop records every pass in the store for
``/healthz`` and survives any exception in a pass.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

from .clock import iso, parse_iso, utcnow
from .errors import BabelwireError, Drop
from .localize import translate_pending
from .models import ParsedFeed, Source, SourceHealth
from .pipeline import Context, PageRecord, is_transient, run_stages
from .polling import next_poll_at, poll_concurrently, seconds_until
from .provenance.incremental import trace_new_articles
from .report import RunReport
from .sources import kind_of
from .storage.records import PendingEntry
from .storage.claims import DEFAULT_LEASE_SECONDS, owner_is_dead_here, worker_id
from .watch.hook import after_pass as watches_after_pass
from .watch.hook import alert_new_matches

POLLER = "poller"
STOP_CHECK_SECONDS = 0.5  # how soon a waiting loop notices ``stop``
DUE_MARGIN = 0.2  # wake just after a source's due second, not just before it
MIN_PAUSE = 0.5  # the shortest sleep between two passes when nothing is pushed

log = logging.getLogger(__name__)


def _fetch_parsed_feed(ctx: Context, source: Source,
                       health: SourceHealth) -> tuple[ParsedFeed | None, object]:
    reading = kind_of(source.kind).read(ctx.fetcher, source.url, etag=health.etag,
                                        last_modified=health.last_modified)
    return reading.parsed, reading.result


def unexpected(exc: BaseException, where: str) -> BabelwireError:
    """An exception babelwire did not expect, as an error with a stable code."""
    error = BabelwireError(f"unexpected {type(exc).__name__}: {exc}"[:500])
    error.code = f"{where}.unexpected"
    return error


def poll_source(ctx: Context, source: Source, report: RunReport) -> None:
    """Fetch one source's feed and queue its new entries; record its health. Never raises."""
    try:
        _poll(ctx, source, report)
    except (Exception, RecursionError, MemoryError) as exc:  # noqa: BLE001 - stays with the source
        error = exc if isinstance(exc, BabelwireError) else unexpected(exc, "source")
        if not isinstance(exc, BabelwireError):
            log.exception("source %s: unexpected error", source.url)
        _source_failed(ctx, source, error, report)


def _source_failed(ctx: Context, source: Source, error: BabelwireError, report: RunReport) -> None:
    report.problem(f"{source.url}: {error.one_line()}", sources_failed=1)
    log.warning("source %s failed: %s", source.url, error.one_line())
    try:
        ctx.db.sources.record_failure(source.id, code=error.code, message=str(error),
                                    interval=ctx.settings["poll_interval"],
                                    max_backoff=ctx.settings["max_backoff"])
    except Exception:  # noqa: BLE001 - the store itself failing must not stop the pass
        log.exception("could not record the failure of source %s", source.url)


def _poll(ctx: Context, source: Source, report: RunReport) -> None:
    settings = ctx.settings
    started = utcnow()
    health = ctx.db.sources.health(source.id)  # type: ignore[arg-type]
    parsed, result = _fetch_parsed_feed(ctx, source, health)
    found = 0
    if parsed is not None:
        newest = list(parsed.entries)[: settings["max_articles_per_source"]]
        found = ctx.db.entries.enqueue(source.id, newest)
        for warning in parsed.warnings:
            ctx.db.sources.record_warning(source.id, code="feed.malformed"
                                        if "malformed" in warning else "feed.warning",
                                        message=warning, url=source.url)
    interval = settings["poll_interval"]
    ctx.db.sources.record_success(
        source.id, etag=result.etag, last_modified=result.last_modified,  # type: ignore[attr-defined]
        interval=interval, name=parsed.title if parsed else "", fetched_at=iso(started),
        next_check_at=iso(next_poll_at(parse_iso(health.next_check_at), started, interval)))
    with report.lock:
        report.sources_polled += 1
        report.entries_found += found


def process_entry(ctx: Context, entry: PendingEntry, report: RunReport,
                  lock: threading.Lock | None = None) -> None:
    """Run the pipeline on one entry; any failure stays with the entry. Never raises."""
    try:
        _process(ctx, entry, report)
    except (Exception, RecursionError, MemoryError) as exc:  # noqa: BLE001 - stays with the entry
        error = exc if isinstance(exc, BabelwireError) else unexpected(exc, "entry")
        if not isinstance(exc, BabelwireError):
            log.exception("entry %s: unexpected error", entry.url)
        try:
            _entry_failed(ctx, entry, error, report)
        except Exception:  # noqa: BLE001 - the store failing must not stop the pass
            log.exception("could not record the failure of entry %s", entry.url)


def _process(ctx: Context, entry: PendingEntry, report: RunReport) -> None:
    try:
        record = run_stages(PageRecord(entry=entry), ctx)
    except Drop as drop:
        if drop.code == "already_done":  # stored by a worker whose claim lapsed: done, once
            ctx.db.entries.mark_done(entry.id, drop.article_id)
            return
        ctx.db.entries.mark_done(entry.id, None, status="dropped", code=drop.code,
                              message=drop.reason)
        with report.lock:
            report.pages_dropped += 1
        return
    ctx.db.entries.mark_done(entry.id, record.article_id)
    if record.extracted and record.extracted.warnings:
        for warning in record.extracted.warnings:
            ctx.db.sources.record_warning(entry.source_id, code="extract.warning",
                                        message=warning, url=entry.url)
    with report.lock:
        report.articles_stored += int(record.created)


def _entry_failed(ctx: Context, entry: PendingEntry, error: BabelwireError,
                  report: RunReport) -> None:
    """Retried later (until parked) unless the failure is permanent (not an article)."""
    if is_transient(error) or error.code.endswith(".unexpected"):
        status = ctx.db.entries.mark_failed(entry.id, error.code, str(error),
                                         park_after=ctx.settings["entries.park_after"])
    else:
        status = "failed"
        ctx.db.entries.mark_done(entry.id, None, status="failed", code=error.code,
                              message=str(error))
    ctx.db.sources.record_warning(entry.source_id, code=error.code, message=str(error),
                                url=entry.url)
    if status == "parked":
        ctx.db.sources.record_warning(
            entry.source_id, code="entry.parked", url=entry.url,
            message=f"parked after failing {ctx.settings['entries.park_after']} times "
                    f"with {error.code}: not retried until requeued")
    report.problem(f"{entry.url}: {error.one_line()}", pages_failed=1)


def process_pending(ctx: Context, report: RunReport) -> None:
    """Run the article pipeline over every queued entry, a few pages at a time."""
    me = worker_id()
    # a worker of this host killed mid-run (SIGKILL) hands its claims back at once
    freed = ctx.db.entries.release_dead_owners(owner_is_dead_here)
    if freed:
        log.info("took back %d items claimed by workers that are gone", freed)
    # what is queued now is claimed below: only entries queued after this may wake the loop
    # again (else this pass's own polls would ring for a second, empty pass)
    ctx.db.entries.wait_for_new(0)
    pending = ctx.db.entries.claim(1000, DEFAULT_LEASE_SECONDS, me)
    if not pending:
        return
    ctx.progress.start("articles", len(pending))

    def work(entry: PendingEntry) -> None:
        try:
            process_entry(ctx, entry, report)
        finally:
            ctx.progress.advance("articles")

    try:
        with ThreadPoolExecutor(max_workers=max(1, ctx.settings["workers"])) as pool:
            list(pool.map(work, pending))
    finally:  # what was not finished (an interrupted run) is free again at once
        ctx.db.entries.release([entry.id for entry in pending], me)
    ctx.progress.finish("articles")


def poll_sources(ctx: Context, sources: list[Source], report: RunReport) -> None:
    """Poll every source, concurrently (``poll.workers``, per host ``fetch.per_host_concurrency``)."""
    ctx.progress.start("sources", len(sources))

    def poll(source: Source) -> None:
        try:
            poll_source(ctx, source, report)
        finally:
            ctx.progress.advance("sources")

    poll_concurrently(sources, poll, workers=ctx.settings["poll.workers"],
                      per_host=ctx.settings["fetch.per_host_concurrency"])
    ctx.progress.finish("sources")


def run_once(ctx: Context, *, all_sources: bool = True) -> RunReport:
    """One pass: poll sources, process queued pages, translate what is missing."""
    report = RunReport()
    sources = (ctx.db.sources.list() if all_sources
               else ctx.db.sources.due())
    poll_sources(ctx, [s for s in sources if s.enabled], report)
    # alerts leave as soon as the translations are stored, before tracing; provenance
    # watches are matched after tracing, with the rest of the after-pass work
    for step in (process_pending, translate_pending, alert_new_matches, trace_new_articles,
                 watches_after_pass):
        _guarded(step, ctx, report)
    return report


def _guarded(step, ctx: Context, report: RunReport) -> None:
    """One step of the pass; an exception escaping it is reported and the pass goes on."""
    try:
        step(ctx, report)
    except (Exception, RecursionError, MemoryError) as exc:  # noqa: BLE001 - the pass goes on
        log.exception("%s failed", step.__name__)
        text = f"{step.__name__}: {type(exc).__name__}: {exc}"
        report.problem(text)
        report.step_errors.append(text)


def run_forever(ctx: Context, stop: threading.Event, idle_seconds: float = 30.0,
                first_all: bool = True) -> None:
    """Poll due sources on their schedule until ``stop`` is set; never dies of a bad pass."""
    ctx.db.workers.started(POLLER, os.getpid())
    failure = None
    try:
        first = first_all
        while not stop.is_set():
            _one_pass(ctx, all_sources=first)
            first = False
            wait_for_work(ctx, stop, idle_seconds)
    except BaseException as exc:
        failure = f"{type(exc).__name__}: {exc}"
        raise
    finally:
        ctx.db.workers.stopped(POLLER, failure)


def wait_for_work(ctx: Context, stop: threading.Event, idle_seconds: float) -> None:
    """Sleep until the first source is due, entries are pushed (the store's doorbell), ``stop``
    is set, or ``idle_seconds`` pass (alert retries and WebSub renewals are checked then)."""
    try:
        due = ctx.db.sources.next_due()
    except Exception:  # noqa: BLE001 - a busy store must not kill the poller: sleep idle
        log.exception("could not read when the next source is due")
        due = None
    now = datetime.now(timezone.utc)  # to the microsecond: stored times are to the second
    left = seconds_until(due, now, idle_seconds)
    # a source still due after its pass (its poll could not be recorded) must not spin the loop
    deadline = time.monotonic() + max(MIN_PAUSE, left + DUE_MARGIN)
    while not stop.is_set():
        remaining = deadline - time.monotonic()
        if remaining <= 0 or ctx.db.entries.wait_for_new(min(remaining, STOP_CHECK_SECONDS)):
            return


def _one_pass(ctx: Context, *, all_sources: bool) -> RunReport | None:
    """One pass of the loop, its start, end and any escaping error kept for ``/healthz``."""
    try:
        ctx.db.workers.pass_started(POLLER)
        report = run_once(ctx, all_sources=all_sources)
    except (Exception, RecursionError, MemoryError) as exc:  # noqa: BLE001 - the loop goes on
        log.exception("poller pass failed")
        _record_pass(ctx, "pass failed", f"{type(exc).__name__}: {exc}")
        return None
    log.info("run: %s", report.summary())
    _record_pass(ctx, report.summary(), report.step_errors[-1] if report.step_errors else None)
    return report


def _record_pass(ctx: Context, summary: str, error: str | None) -> None:
    try:
        ctx.db.workers.pass_finished(POLLER, summary, error)
    except Exception:  # noqa: BLE001 - a busy store must not kill the poller
        log.exception("could not record the poller's pass")

"""One worker's round: poll due sources, fetch pages, translate, trace, match watches and
deliver alerts, all claimed.

Every item is claimed with a lease (``worker.lease_seconds``) before it is
worked on, so any number of workers (processes, machines) share one database:
a source is polled under its lock (``source:<id>``), pages and translations are
claimed a batch (``worker.batch``) at a time, and tracing runs one worker at a
time under the ``trace`` lock. A worker killed mid-item holds its claims until
their leases end; then another worker takes them. Every write is keyed by a
natural key (entry URL, canonical URL / content hash, article + language), so
finishing an item twice stores it once.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ..localize import _translate_one, translate_options
from ..pipeline import Context
from ..provenance.incremental import trace_new_articles
from ..storage.claims import WORKER_PREFIX, worker_id
from ..watch.hook import after_pass
from ..report import RunReport
from ..worker import poll_source, process_entry

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RoundResult:
    polled: int
    pages: int
    translations: int

    @property
    def idle(self) -> bool:
        return not (self.polled or self.pages or self.translations)


def poll_due(ctx: Context, report: RunReport) -> int:
    """Poll every due source no other worker is polling; returns how many were polled."""
    polled = 0
    for source in ctx.db.sources.due():
        if not source.enabled:
            continue
        with ctx.db.lock(f"source:{source.id}") as mine:
            if mine and _still_due(ctx, source.id):
                poll_source(ctx, source, report)
                polled += 1
    return polled


def _still_due(ctx: Context, source_id: int) -> bool:
    """Another worker may have polled it between our listing and our lock."""
    return any(s.id == source_id for s in ctx.db.sources.due())


def fetch_pages(ctx: Context, report: RunReport, me: str) -> int:
    """Claim a batch of queued pages and run the article pipeline over them."""
    settings = ctx.settings
    claimed = ctx.db.entries.claim(settings["worker.batch"], settings["worker.lease_seconds"], me)
    lock = threading.Lock()
    try:  # pages wait on the network: fetched `workers` at a time, as `run` does
        with ThreadPoolExecutor(max_workers=max(1, settings["workers"])) as pool:
            list(pool.map(lambda entry: process_entry(ctx, entry, report, lock), claimed))
    finally:  # an entry left unfinished (an exception, a stop) is free again at once
        ctx.db.entries.release([entry.id for entry in claimed], me)
    return len(claimed)


def translate_batch(ctx: Context, report: RunReport, me: str) -> int:
    """Claim a batch of missing translations per target language and translate them."""
    settings, done = ctx.settings, 0
    options = None
    lock = threading.Lock()
    for target in settings.targets:
        ids = ctx.db.translations.claim_untranslated(
            target, settings["worker.batch"], settings["worker.lease_seconds"], me)
        if ids and options is None:
            options = translate_options(ctx)
        try:
            for article_id in ids:
                _translate_one(ctx, article_id, target, report, lock, options)
        finally:
            ctx.db.translations.release_untranslated(target, ids, me)
        done += len(ids)
    return done


def trace(ctx: Context, report: RunReport) -> None:
    """Provenance tracing reads the whole window: one worker at a time."""
    with ctx.db.lock("trace") as mine:
        if mine:
            trace_new_articles(ctx, report)


def watches(ctx: Context, report: RunReport, *, wait: float = 0.0) -> bool:
    """Archive links, WebSub, poll intervals, watch matches and alert delivery: one worker at
    a time (matches and alerts are idempotent anyway; this keeps hubs from double requests).
    With ``wait``, retry the lock for up to that many seconds. True when this worker ran it."""
    deadline = time.monotonic() + wait
    while True:
        with ctx.db.lock("watches") as mine:
            if mine:
                after_pass(ctx, report)
                return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.2)


def run_round(ctx: Context, report: RunReport) -> RoundResult:
    me = worker_id()
    polled = poll_due(ctx, report)
    pages = fetch_pages(ctx, report, me)
    translations = translate_batch(ctx, report, me)
    if pages or translations:
        trace(ctx, report)
    watches(ctx, report)  # every round: a failed alert's retry comes due with no new article
    return RoundResult(polled, pages, translations)


def all_done(ctx: Context) -> bool:
    """No page queued (claimed by anyone or not) and nothing left to translate: work another
    worker holds now may still produce translations, so a worker waits for it."""
    if ctx.db.entries.counts().get("pending", 0):
        return False
    return not any(ctx.db.translations.untranslated(t, 1) for t in ctx.settings.targets)


def work(ctx: Context, stop: threading.Event, until_idle: bool = False) -> RunReport:
    """Rounds until ``stop`` is set (or, with ``until_idle``, until the whole newsroom is
    done: nothing queued, nothing to translate)."""
    report, name = RunReport(), WORKER_PREFIX + worker_id().rsplit(":", 1)[0]
    ctx.db.workers.started(name, os.getpid())
    failure = None
    try:
        while not stop.is_set():
            ctx.db.workers.pass_started(name)  # also the worker's sign of life for `status`
            result = run_round(ctx, report)
            if not result.idle:
                ctx.db.workers.pass_finished(name, report.summary())
            elif until_idle and all_done(ctx):
                # the last work may have landed while another worker held the lock
                watches(ctx, report, wait=ctx.settings["worker.lease_seconds"])
                break
            else:
                stop.wait(ctx.settings["worker.idle_seconds"])
    except BaseException as exc:
        failure = f"{type(exc).__name__}: {exc}"
        raise
    finally:
        ctx.db.workers.stopped(name, failure)
    log.info("worker %s: %s", name, report.summary())
    return report

"""The calls the run loop makes in each pass: ``alert_new_matches`` as soon as the pass's
translations are stored (match watches, send alerts), and ``after_pass`` after tracing:
link articles to their archived records, apply the archive's retention, (re)subscribe
WebSub hubs, adapt poll intervals, match watches (provenance kinds now see the new
links), send alerts."""

from __future__ import annotations

import logging

from ..archive.export import apply_retention, link_recent_articles
from ..storage import DATABASE_ERRORS
from ..websub.schedule import adapt_intervals
from ..websub.subscriber import check_sources
from .deliver import deliver_due
from .match import match_watches

log = logging.getLogger(__name__)


def alert_new_matches(ctx, report=None) -> None:
    """Match and deliver right after translation, so an alert does not wait for tracing."""
    try:
        found = match_watches(ctx.db, ctx.settings)
        delivered = deliver_due(ctx.db, ctx.settings)
    except DATABASE_ERRORS as error:
        log.warning("watches: store error, retried after tracing: %s", error)
        return
    _report(report, found, delivered)


def after_pass(ctx, report=None) -> None:
    """Record new matches and deliver due alerts; a failure here never stops the run."""
    try:
        if ctx.settings["archive.enabled"]:
            link_recent_articles(ctx.db)
            apply_retention(ctx.db, ctx.settings)
        check_sources(ctx.db, ctx.settings, ctx.fetcher)
        adapt_intervals(ctx.db, ctx.settings)
        found = match_watches(ctx.db, ctx.settings)
        delivered = deliver_due(ctx.db, ctx.settings)
    except DATABASE_ERRORS as error:
        log.warning("watches: store error, retried next pass: %s", error)
        if report is not None:
            report.problems.append(f"watches: {error}")
        return
    _report(report, found, delivered)


def _report(report, found: int, delivered) -> None:
    if report is not None:
        report.problems.extend(delivered.problems)
    if found or delivered.delivered or delivered.failed:
        log.info("watches: %d new matches, %d alerts delivered, %d failed", found,
                 delivered.delivered, delivered.failed)

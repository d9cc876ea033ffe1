"""The outbox: claim due alerts, send them, and record each attempt.

An alert row ends (``delivered_at``) in the same transaction that logs its
successful attempt; a failed attempt is logged and the row is tried again
after a backoff that doubles up to ``watches.max_retry_seconds``. A sender that
dies mid-way leaves its rows leased; they come back when the lease ends. A
webhook receiver sees the same ``X-Babelwire-Delivery`` id on a retry.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..clock import iso, utcnow
from ..storage.watch_records import AlertRow, WatchRow
from . import mail, webhook
from .webhook import DeliveryFailed

log = logging.getLogger(__name__)

LEASE_SECONDS = 300


@dataclass
class DeliveryReport:
    delivered: int = 0
    failed: int = 0
    problems: list[str] = field(default_factory=list)


def retry_time(now: datetime, attempts_before: int, settings) -> str:
    wait = settings["watches.retry_seconds"] * (2 ** attempts_before)
    return iso(now + timedelta(seconds=min(wait, settings["watches.max_retry_seconds"])))


def article_link(settings, article_id: int, url: str) -> str:
    base = settings["watches.base_url"].rstrip("/")
    return f"{base}/articles/{article_id}" if base else url


def deliver_due(store, settings, now: datetime | None = None) -> DeliveryReport:
    """Send every due alert once; returns what was delivered and what failed."""
    moment = now or utcnow()
    report = DeliveryReport()
    alerts = store.watches.claim_alerts(iso(moment), iso(moment + timedelta(seconds=LEASE_SECONDS)))
    watches = {w.id: w for w in store.watches.list()}
    groups: dict[tuple[int, str, int], list[AlertRow]] = defaultdict(list)
    for alert in alerts:
        watch = watches.get(alert.watch_id)
        digest = alert.channel == "email" and watch is not None and watch.email_mode == "digest"
        groups[(alert.watch_id, alert.channel, 0 if digest else alert.id)].append(alert)
    for (watch_id, channel, _), group in groups.items():
        watch = watches.get(watch_id)
        if watch is not None:
            _send_group(store, settings, watch, channel, group, moment, report)
    return report


def _send_group(store, settings, watch: WatchRow, channel: str, group: list[AlertRow],
                moment: datetime, report: DeliveryReport) -> None:
    matches = {m.id: m for m in store.watches.matches(watch.id, limit=len(group),
                                                      match_ids=[a.match_id for a in group])}
    ids = [alert.id for alert in group]
    try:
        if channel == "webhook":
            match = matches[group[0].match_id]
            body = webhook.payload(watch, group[0], match,
                                   article_link(settings, match.article_id, match.url))
            detail = webhook.post(settings, watch, group[0], body)
        else:
            ordered = [matches[a.match_id] for a in group if a.match_id in matches]
            links = {m.article_id: article_link(settings, m.article_id, m.url) for m in ordered}
            detail = mail.send(settings, mail.message(settings, watch, ordered, links))
    except DeliveryFailed as failure:
        retry = {a.id: retry_time(moment, a.attempts, settings) for a in group}
        store.watches.mark_failed(ids, iso(moment), str(failure), retry)
        report.failed += len(ids)
        report.problems.append(f"watch #{watch.id} {channel}: {failure}")
        log.warning("watch #%d %s delivery failed: %s", watch.id, channel, failure)
        return
    store.watches.mark_delivered(ids, iso(utcnow()), detail)
    report.delivered += len(ids)

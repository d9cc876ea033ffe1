"""Adapted polling: each healthy source is polled about twice per gap between its articles,
within ``poll.min_interval`` and ``poll.max_interval``; a source that pushes through a
verified WebSub subscription is polled at the longest interval (a safety net)."""

from __future__ import annotations

from datetime import datetime, timedelta

from ..clock import iso, parse_iso, utcnow

WINDOW_DAYS = 7


def adapted_interval(articles_in_window: int, settings, pushed: bool = False) -> int:
    low, high = settings["poll.min_interval"], settings["poll.max_interval"]
    if pushed or articles_in_window <= 0:
        return high
    gap = WINDOW_DAYS * 86400 / articles_in_window
    return int(min(max(gap / 2, low), high))


def adapt_intervals(store, settings, now: datetime | None = None) -> dict[int, int]:
    """Set each healthy source's next poll (its last poll + the adapted interval); returns
    source id -> interval."""
    if not settings["poll.adaptive"]:
        return {}
    moment = now or utcnow()
    rates = store.websub.publishing_rates(iso(moment - timedelta(days=WINDOW_DAYS)))
    pushed = {s.source_id for s in store.websub.list() if s.state == "verified"}
    chosen = {}
    for source_id, (count, last_fetch) in rates.items():
        polled = parse_iso(last_fetch)
        if polled is None:  # never polled: due now
            continue
        chosen[source_id] = adapted_interval(count, settings, source_id in pushed)
        store.websub.set_next_check(source_id, iso(polled + timedelta(seconds=chosen[source_id])))
    return chosen

"""Matching: after each ingestion pass, the articles each watch catches, recorded once.

A query watch uses the reader's search syntax; a name watch is that name as a
phrase; both match originals and translations (the search index holds both).
An outlet watch catches the outlet's new articles; a ``relay_of`` watch catches
articles newly traced as copies or translations of the outlet's articles.
"""

from __future__ import annotations

import logging
import math
from datetime import datetime, timedelta

from ..clock import iso, parse_iso, utcnow
from ..errors import ConfigError
from ..storage.search import parse_query
from ..storage.watch_records import EMAIL_MODES, WATCH_KINDS, WatchRow, WatchSpec

log = logging.getLogger(__name__)


def check_spec(spec: WatchSpec) -> WatchSpec:
    """``spec`` if it can be matched and delivered; a ``ConfigError`` naming the problem."""
    if spec.kind not in WATCH_KINDS:
        raise ConfigError(f"unknown watch kind {spec.kind!r}: use one of {', '.join(WATCH_KINDS)}")
    if not spec.target.strip():
        raise ConfigError(f"a {spec.kind} watch needs something to watch: give its text or id")
    if spec.kind in ("outlet", "relay_of") and not spec.target.strip().isdigit():
        raise ConfigError(f"{spec.kind} watches take a source id (see `babelwire sources list`), "
                          f"not {spec.target!r}")
    if spec.kind in ("query", "name") and watch_query(spec.kind, spec.target).empty:
        raise ConfigError(f"{spec.target!r} has no word to search for: give at least one word")
    if spec.email_mode not in EMAIL_MODES:
        raise ConfigError(f"unknown e-mail mode {spec.email_mode!r}: use immediate or digest")
    if spec.email and "@" not in spec.email:
        raise ConfigError(f"{spec.email!r} is not an e-mail address")
    if spec.webhook_url and not spec.webhook_url.startswith(("http://", "https://")):
        raise ConfigError(f"{spec.webhook_url!r} is not an http(s) URL: give the webhook's address")
    return spec


def watch_query(kind: str, target: str):
    """The search query of a text watch: a name is one phrase, a query is read as typed."""
    if kind == "name":
        return parse_query('"' + target.replace('"', " ").strip() + '"')
    return parse_query(target)


def candidates(store, watch: WatchRow, since: str) -> list[int]:
    if watch.kind in ("query", "name"):
        return store.watches.text_candidates(watch_query(watch.kind, watch.target), since)
    if watch.kind == "outlet":
        return store.watches.outlet_candidates(int(watch.target), since)
    if watch.kind == "relay_of":
        return store.watches.relay_candidates(int(watch.target), since)
    return []


def first_attempts(watch: WatchRow, now: datetime, digest_minutes: int) -> dict[str, str]:
    """When each channel's alert is first tried: at once, or (digest e-mail) at the end of the
    current digest window, so one window's alerts leave together."""
    times = {}
    if watch.webhook_url:
        times["webhook"] = iso(now)
    if watch.email:
        times["email"] = iso(now if watch.email_mode == "immediate"
                             else digest_window_end(now, digest_minutes))
    return times


def digest_window_end(now: datetime, minutes: int) -> datetime:
    window = max(1, minutes) * 60
    start = datetime(1970, 1, 1, tzinfo=now.tzinfo)
    seconds = (now - start).total_seconds()
    return start + timedelta(seconds=math.floor(seconds / window + 1) * window)


def match_watches(store, settings, now: datetime | None = None) -> int:
    """Record new matches of every enabled watch; returns how many were new."""
    moment = now or utcnow()
    lookback = iso(moment - timedelta(hours=settings["watches.lookback_hours"]))
    found = 0
    for watch in store.watches.list():
        if not watch.enabled:
            continue
        created = parse_iso(watch.created_at)
        since = max(lookback, iso(created)) if created else lookback
        ids = candidates(store, watch, since)
        if not ids:
            continue
        new = store.watches.record_matches(watch, ids, watch.kind,
                                           first_attempts(watch, moment,
                                                          settings["watches.digest_minutes"]),
                                           iso(moment))
        if new:
            log.info("watch #%d (%s): %d new matches", watch.id, watch.name, len(new))
        found += len(new)
    return found

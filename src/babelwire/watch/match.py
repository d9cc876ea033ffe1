"""Matching: after each ingestion pass, the articles each watch catches, recorded once.

A query watch uses the reader's search syntax; a name watch is that name as a
phrase; both match originals and translations (the search index holds both).
An outlet watch catches the outlet's new articles; a ``relay_of`` watch catches
articles newly traced as copies or translations of the outlet's articles. The
provenance events: ``relay_site`` catches a site newly flagged as a relay (any
site, or one host), as its newest derived article; ``translated_from`` catches
articles newly traced as translations of an article in a language (``ru``) or of
an outlet (source id), within ``within_minutes`` of it when set.
"""

from __future__ import annotations

import logging
import math
import re
from datetime import datetime, timedelta

from ..clock import iso, parse_iso, utcnow
from ..errors import ConfigError
from ..storage.search import parse_query
from ..storage.watch_records import (EMAIL_MODES, WATCH_KINDS, ProvenanceCandidate, WatchRow,
                                     WatchSpec)

log = logging.getLogger(__name__)

ANY_SITE = "any"
HOST = re.compile(r"[a-z0-9.-]+(:[0-9]{1,5})?", re.IGNORECASE)
LANGUAGE = re.compile(r"[a-z]{2,3}", re.IGNORECASE)


def check_spec(spec: WatchSpec) -> WatchSpec:
    """``spec`` if it can be matched and delivered; a ``ConfigError`` naming the problem."""
    if spec.kind not in WATCH_KINDS:
        raise ConfigError(f"unknown watch kind {spec.kind!r}: use one of {', '.join(WATCH_KINDS)}")
    if not spec.target.strip():
        raise ConfigError(f"a {spec.kind} watch needs something to watch: give its text or id")
    if spec.kind in ("outlet", "relay_of") and not spec.target.strip().isdigit():
        raise ConfigError(f"{spec.kind} watches take a source id (see `babelwire sources list`), "
                          f"not {spec.target!r}")
    _check_provenance_target(spec)
    if spec.kind in ("query", "name") and watch_query(spec.kind, spec.target).empty:
        raise ConfigError(f"{spec.target!r} has no word to search for: give at least one word")
    if spec.email_mode not in EMAIL_MODES:
        raise ConfigError(f"unknown e-mail mode {spec.email_mode!r}: use immediate or digest")
    if spec.email and "@" not in spec.email:
        raise ConfigError(f"{spec.email!r} is not an e-mail address")
    if spec.webhook_url and not spec.webhook_url.startswith(("http://", "https://")):
        raise ConfigError(f"{spec.webhook_url!r} is not an http(s) URL: give the webhook's address")
    return spec


def _check_provenance_target(spec: WatchSpec) -> None:
    target = spec.target.strip()
    if spec.kind == "relay_site" and target != ANY_SITE and not HOST.fullmatch(target):
        raise ConfigError(f"relay_site watches take {ANY_SITE!r} or a host name like "
                          f"relay.example, not {target!r}")
    if spec.kind == "translated_from" and not (target.isdigit() or LANGUAGE.fullmatch(target)):
        raise ConfigError(f"translated_from watches take a language code (ru) or a source id, "
                          f"not {target!r}")
    if spec.within_minutes is not None and (spec.kind != "translated_from"
                                            or spec.within_minutes < 1):
        raise ConfigError("--within takes a number of minutes (1 or more), for "
                          "translated_from watches only")


def watch_query(kind: str, target: str):
    """The search query of a text watch: a name is one phrase, a query is read as typed."""
    if kind == "name":
        return parse_query('"' + target.replace('"', " ").strip() + '"')
    return parse_query(target)


def candidates(store, watch: WatchRow, since: str) -> list[ProvenanceCandidate]:
    """The articles ``watch`` may catch since ``since``, each with the reason to record."""
    if watch.kind in ("query", "name"):
        ids = store.watches.text_candidates(watch_query(watch.kind, watch.target), since)
    elif watch.kind == "outlet":
        ids = store.watches.outlet_candidates(int(watch.target), since)
    elif watch.kind == "relay_of":
        ids = store.watches.relay_candidates(int(watch.target), since)
    elif watch.kind == "relay_site":
        host = None if watch.target == ANY_SITE else watch.target.lower()
        return store.watches.relay_site_candidates(host, since)
    elif watch.kind == "translated_from":
        within = watch.within_minutes * 60 if watch.within_minutes else None
        return store.watches.translated_candidates(watch.target.lower(), since, within)
    else:
        ids = []
    return [ProvenanceCandidate(article_id, watch.kind) for article_id in ids]


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
        by_reason: dict[str, list[int]] = {}
        for candidate in candidates(store, watch, since):
            by_reason.setdefault(candidate.reason, []).append(candidate.article_id)
        new = []
        for reason, ids in by_reason.items():
            new += store.watches.record_matches(
                watch, ids, reason,
                first_attempts(watch, moment, settings["watches.digest_minutes"]), iso(moment))
        if new:
            log.info("watch #%d (%s): %d new matches", watch.id, watch.name, len(new))
        found += len(new)
    return found

"""Relay sites as stored flags: after each trace, the sites given new links are judged
again from their stored articles (``relay.judge``, the rule the site page applies), and
the judgement is kept per site, so "a site newly flagged as a relay" can be watched."""

from __future__ import annotations

import json
import logging
from collections import Counter

from ..storage.records import SiteArticle
from ..storage.watch_records import RelaySite
from .batch import host_of
from .relay import judge

log = logging.getLogger(__name__)


def stored_signals(rows: list[SiteArticle]) -> Counter[str]:
    """The relay signals a site's stored articles give (attribution, disclaimers, evidence)."""
    signals: Counter[str] = Counter()
    for row in rows:
        kinds = {a.get("kind") for a in json.loads(row.attribution or "[]")}
        signals["translation_disclaimer"] += bool(json.loads(row.disclaimers or "[]"))
        signals["outlet_in_title"] += "title_suffix" in kinds
        signals["source_credit"] += bool(kinds & {"source_link", "cited", "dateline"})
        evidence = json.loads(row.evidence or "{}") if row.derived_from else {}
        signals["untranslated_fragments"] += bool(evidence.get("untranslated_fragments"))
    return Counter({name: seen for name, seen in signals.items() if seen})


def judge_site(host: str, rows: list[SiteArticle], before: RelaySite | None,
               now: str) -> RelaySite:
    """The site's judgement now; ``flagged_at`` (and the flag's article) move only when it
    becomes a relay."""
    derived = [r for r in rows if r.derived_from is not None
               and host_of(r.original_url or "") != host_of(r.url)]
    relay, reasons = judge(len(rows), len(derived), stored_signals(rows))
    newest = max(derived, key=lambda r: (r.first_seen, r.id), default=None)
    was_relay = before is not None and bool(before.relay)
    flagged_at = (before.flagged_at if was_relay else now) if relay else None
    # the article that tipped the judgement stays the flag's article while it holds
    article_id = before.article_id if was_relay and relay and before.article_id else (
        newest.id if newest else None)
    return RelaySite(host=host, relay=int(relay), reasons=json.dumps(list(reasons)),
                     article_count=len(rows), checked_at=now, article_id=article_id,
                     flagged_at=flagged_at)


def update_relay_flags(store, since: str, now: str) -> list[str]:
    """Judge again every site given a derived link at or after ``since``; returns the sites
    newly flagged as relays."""
    hosts = sorted({host_of(url) for url in store.provenance.linked_urls_since(since)} - {""})
    if not hosts:
        return []
    known = store.provenance.relay_sites(hosts)
    sites = [judge_site(host, store.provenance.site_articles(host), known.get(host), now)
             for host in hosts]
    store.provenance.save_relay_sites(sites)
    flagged = [s.host for s in sites if s.relay and s.flagged_at == now
               and not (known.get(s.host) and known[s.host].relay)]
    if flagged:
        log.info("newly flagged as relay sites: %s", ", ".join(flagged))
    return flagged

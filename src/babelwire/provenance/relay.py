"""Relay sites: sites whose articles are mostly taken from other outlets.

Per site: the share of its articles derived from another site's, the median
lag, the outlets drawn on, and the signals its pages give (automatic
translation disclaimers, another outlet named in the title, credit lines,
untranslated fragments). A site is flagged only when the evidence is strong:
at least MIN_ARTICLES articles, a derived share of MIN_SHARE or more, AND at
least one more signal seen on a good part of its articles: never one signal alone.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from typing import Iterable, Mapping

from .profile import Profile
from .records import Link, SiteReport

MIN_ARTICLES = 3
MIN_SHARE = 0.6
SIGNAL_SHARE = 0.3   # a signal counts when found on this share of the site's articles
MIN_SIGNAL_ARTICLES = 2  # ... and on two articles at least


def _signals(profiles: list[Profile], derived: dict[str, Link]) -> Counter[str]:
    signals: Counter[str] = Counter()
    for profile in profiles:
        doc = profile.doc
        link = derived.get(doc.key)
        if doc.disclaimers:
            signals["translation_disclaimer"] += 1
        if doc.title_credits:
            signals["outlet_in_title"] += 1
        if doc.credits:
            signals["source_credit"] += 1
        if link is not None and link.evidence.get("untranslated_fragments"):
            signals["untranslated_fragments"] += 1
    return signals


def site_report(site: str, profiles: list[Profile], derived: dict[str, Link],
                site_of: Mapping[str, str]) -> SiteReport:
    links = [derived[p.doc.key] for p in profiles if p.doc.key in derived]
    links = [l for l in links if site_of.get(l.derived_from) != site]
    count = len(profiles)
    share = len(links) / count if count else 0.0
    lags = [l.lag_seconds for l in links if l.lag_seconds is not None]
    drawn_on = Counter(site_of.get(l.derived_from, "") for l in links)
    signals = _signals(profiles, derived)
    relay, reasons = judge(count, len(links), signals)
    return SiteReport(
        site=site, relay=relay, article_count=count, share_derived=round(share, 3),
        median_lag_seconds=int(statistics.median(lags)) if lags else None,
        drawn_on=tuple(name for name, _ in drawn_on.most_common() if name),
        signals=dict(sorted(signals.items())), reasons=tuple(reasons))


def judge(count: int, derived: int, signals: Mapping[str, int]) -> tuple[bool, tuple[str, ...]]:
    """Relay or not, and why: enough articles, mostly derived, and another signal."""
    share = derived / count if count else 0.0
    strong = sorted(name for name, seen in signals.items()
                    if seen >= max(MIN_SIGNAL_ARTICLES, SIGNAL_SHARE * count))
    if count < MIN_ARTICLES or share < MIN_SHARE or not strong:
        return False, ()
    reasons = [f"{derived} of {count} articles derived from other outlets"]
    reasons += [f"{name} on {signals[name]} articles" for name in strong]
    return True, tuple(reasons)


def site_reports(profiles: Iterable[Profile], derived: Mapping[str, Link | None]) -> list[SiteReport]:
    """One report per site, sites in alphabetical order."""
    by_site: dict[str, list[Profile]] = defaultdict(list)
    site_of: dict[str, str] = {}
    for profile in profiles:
        by_site[profile.doc.site].append(profile)
        site_of[profile.doc.key] = profile.doc.site
    found = {key: link for key, link in derived.items() if link is not None}
    return [site_report(site, items, found, site_of) for site, items in sorted(by_site.items())]

"""The JSON API's indexes: ``/api/stories`` (stories with their original, languages and
relays) and ``/api/sites`` (sites ranked by the share of their articles derived from other
outlets, with their median lag and whom they draw on)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .api import SafeJSONResponse, encode_cursor, limit_param
from .api_catalog import _id_cursor, story_json
from .context import web_of
from .indexes import site_hosts, story_summaries, summary_json
from .provenance import labels, reason_words, site_figures, site_rows_with_lags

SIGNALS = ("translation_disclaimer", "outlet_in_title", "source_credit", "untranslated_fragments")


def list_stories(request: Request) -> Response:
    db = web_of(request).db
    limit = limit_param(request)
    rows = db.reader.stories_before(limit + 1, _id_cursor(request, "story"))
    more, rows = len(rows) > limit, rows[:limit]
    summaries = story_summaries(db, rows, web_of(request).settings.targets[0])
    return SafeJSONResponse({
        "stories": [{**story_json(row), **summary_json(summary)}
                    for row, summary in zip(rows, summaries)],
        "next": encode_cursor("story", rows[-1]["id"]) if more else None})


def site_json(host: str, name: str, figures: dict[str, Any], names: dict[str, str],
              label) -> dict[str, Any]:
    return {
        "host": host, "name": name, "relay": bool(figures["relay"]),
        "articles": figures["count"], "derived": figures["derived"],
        "share_derived": figures["share"], "median_lag_seconds": figures["median_lag_seconds"],
        "lag_basis": figures["median_basis"] if figures["median_lag_seconds"] is not None else "",
        "relations": dict(figures["relations"]),
        "drawn_on": [{"host": other, "name": names.get(other, other), "articles": n}
                     for other, n in figures["drawn_on"]],
        "signals": {name: count for name, count in figures["signals"] if name in SIGNALS},
        "reasons": [reason_words(reason, label) for reason in figures["reasons"]],
    }


def list_sites(request: Request) -> Response:
    db = web_of(request).db
    label = labels("en")
    hosts = site_hosts(db)
    names = dict(hosts)
    sites = []
    for host, name in hosts:
        rows = site_rows_with_lags(db, db.provenance.site_articles(host), label)
        if rows:
            sites.append(site_json(host, name, site_figures(rows), names, label))
    sites.sort(key=lambda site: (-site["share_derived"], site["name"]))
    return SafeJSONResponse({"sites": sites})

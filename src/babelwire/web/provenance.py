"""Provenance in the reader: the article panel, the story page, the site page.

``install_provenance(app)`` adds the routes and a template context processor
that gives the article page a ``provenance`` variable (shown by the
``provenance_panel.html`` include).
"""

from __future__ import annotations

import json
import logging
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..clock import parse_iso
from ..provenance.batch import host_of
from ..provenance.relay import judge
from ..storage import DATABASE_ERRORS
from .context import reader_language, render, web_of
from .provenance_line import (LINE_STRINGS, Lag, confidence_words, kind_words, lag_between,
                              lag_phrase, republished_counts)

log = logging.getLogger(__name__)

TIMELINE_WIDTH = 640
TIMELINE_LEFT = 150
ROW_HEIGHT = 26


# Interface strings of the panel and pages, per reader language (English fallback).
STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "provenance": "Provenance", "original": "Original", "is_original": "No earlier source found: this looks like an original.",
        "derived_from": "Derived from", "derived": "Taken up by", "same_event": "Same event, reported independently",
        "story": "Story", "all_versions": "all versions", "lag": "later", "confidence": "confidence",
        "translation": "translation", "copy": "copy", "paraphrase": "paraphrase",
        "relation": "relation", "first_seen": "first seen", "published": "published", "site": "site",
        "language": "language", "versions": "Versions", "timeline": "Timeline", "earliest": "Earliest version",
        "site_title": "Site", "relay": "Relay site: mostly republishes other outlets", "not_relay": "Not flagged as a relay",
        "articles": "articles", "share_derived": "share derived from other outlets", "median_lag": "median lag",
        "drawn_on": "outlets drawn on", "signals": "signals", "reasons": "why", "recent": "Recent articles",
        "aligned": "aligned sentences", "shared": "shared names and numbers", "none": "none",
        "translation_disclaimer": "automatic-translation disclaimers", "outlet_in_title": "another outlet named in the title",
        "source_credit": "credit lines or cited outlets", "untranslated_fragments": "untranslated fragments",
        "span": "span",
        "read_through": "compared through a machine translation",
    },
    "fr": {
        "provenance": "Provenance", "original": "Original", "is_original": "Aucune source antérieure trouvée : cet article semble original.",
        "derived_from": "Repris de", "derived": "Repris par", "same_event": "Même événement, traité indépendamment",
        "story": "Sujet", "all_versions": "toutes les versions", "lag": "plus tard", "confidence": "confiance",
        "translation": "traduction", "copy": "copie", "paraphrase": "reformulation",
        "relation": "relation", "first_seen": "vu pour la première fois", "published": "publié", "site": "site",
        "language": "langue", "versions": "Versions", "timeline": "Chronologie", "earliest": "Première version",
        "site_title": "Site", "relay": "Site relais : republie surtout d'autres médias", "not_relay": "Pas signalé comme relais",
        "articles": "articles", "share_derived": "part reprise d'autres médias", "median_lag": "délai médian",
        "drawn_on": "médias repris", "signals": "indices", "reasons": "pourquoi", "recent": "Articles récents",
        "aligned": "phrases alignées", "shared": "noms et nombres communs", "none": "aucun",
        "translation_disclaimer": "mentions de traduction automatique", "outlet_in_title": "autre média nommé dans le titre",
        "source_credit": "mentions de source ou médias cités", "untranslated_fragments": "fragments non traduits",
        "span": "durée",
        "read_through": "comparé au moyen d'une traduction automatique",
    },
}


def labels(lang: str) -> Callable[[str], str]:
    strings = {**LINE_STRINGS.get(lang, LINE_STRINGS["en"]), **STRINGS.get(lang, STRINGS["en"])}
    fallback = {**LINE_STRINGS["en"], **STRINGS["en"]}

    def label(key: str) -> str:
        return strings.get(key) or fallback.get(key, key)

    return label


def human_lag(seconds: int | None) -> str:
    """'3 h 12 min', '2 d 4 h', '45 s'; '' when unknown."""
    if seconds is None:
        return ""
    sign, seconds = ("−" if seconds < 0 else ""), abs(int(seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{sign}{days} d {hours} h"
    if hours:
        return f"{sign}{hours} h {minutes} min"
    return f"{sign}{minutes} min" if minutes else f"{sign}{secs} s"


def _other(row, here, outlets: dict[int, str], label, upstream: bool) -> dict[str, Any]:
    """The other article of a link, with its outlet's name and the lag on its basis."""
    other = {"published": row["other_published"], "first_seen": row["other_first_seen"]}
    lag = lag_between(here, other) if upstream else lag_between(other, here)
    if lag.seconds is None and row["lag_seconds"] is not None:
        lag = Lag(int(row["lag_seconds"]), "first_seen")
    return {"id": row["other_id"], "title": row["other_title"], "language": row["other_language"],
            "site": outlets.get(row["other_id"]) or row["other_site_name"] or host_of(row["other_url"]),
            "host": host_of(row["other_url"]), "url": row["other_url"],
            "published": row["other_published"],
            "first_seen": row["other_first_seen"], "relation": row["relation"],
            "confidence": row["confidence"], "lag": human_lag(lag.seconds),
            "lag_seconds": lag.seconds, "lag_basis": lag.basis,
            "lag_phrase": lag_phrase(lag, label, human_lag, earlier=upstream),
            "confidence_words": confidence_words(row["confidence"], label),
            "evidence": _evidence(row["evidence"])}


def _in_language(other: dict[str, Any], titles: dict, lang: str) -> dict[str, Any]:
    """The other article's title in the reader's language when translated (the original
    kept as ``original_title``), so a line never mixes two languages."""
    translated = titles.get(other["id"], {}).get(lang)
    use = translated is not None and other["language"] != lang
    return {**other, "title": translated.title if use else other["title"],
            "original_title": other["title"], "title_language": lang if use else other["language"]}


def _evidence(raw: Any) -> dict[str, Any]:
    if isinstance(raw, dict):
        return raw
    try:
        found = json.loads(raw or "{}")
    except (TypeError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def article_provenance(db, article_id: int, lang: str = "en") -> dict[str, Any] | None:
    """What the line and the panel show: the original, what derives from it, the same
    event, the story; lags from publication times (first seen as the fallback)."""
    upstream, downstream = db.provenance.links_of_article(article_id)
    story = db.provenance.story_of_article(article_id)
    if not upstream and not downstream and story is None:
        return None
    here = db.articles.get_row(article_id)
    outlets = db.reader.outlet_names([r["other_id"] for r in upstream + downstream])
    label = labels(lang)
    titles = db.reader.translated_titles([r["other_id"] for r in upstream + downstream], lang)
    ups = [_in_language(_other(r, here, outlets, label, True), titles, lang) for r in upstream]
    downs = [_in_language(_other(r, here, outlets, label, False), titles, lang)
             for r in downstream]
    originals = [o for o in ups if o["relation"] != "same_event"]
    derived = [d for d in downs if d["relation"] != "same_event"]
    sites, translating = republished_counts(derived)
    return {"original": originals[0] if originals else None, "derived": derived,
            "same_event": [o for o in ups + downs if o["relation"] == "same_event"],
            "story": dict(story) if story else None,
            "republished_sites": sites, "republished_translated": translating}


def provenance_context(request: Request) -> dict[str, Any]:
    """Template context processor: ``provenance`` on article pages, and ``pt`` labels."""
    found: dict[str, Any] = {"pt": labels(reader_language(request))}
    article_id = request.path_params.get("article_id")
    if isinstance(article_id, int) and request.url.path.startswith("/articles/"):
        try:
            found["provenance"] = article_provenance(web_of(request).db, article_id,
                                                     reader_language(request))
        except DATABASE_ERRORS:
            log.warning("provenance panel unavailable for article %s", article_id, exc_info=True)
            found["provenance"] = None
    return found


def _epoch(text: str | None) -> float | None:
    moment = parse_iso(text)
    return moment.timestamp() if moment else None


@dataclass(frozen=True)
class TimelinePoint:
    article_id: int
    x: float
    y: float
    label: str
    relation: str
    when: str


def timeline(members: list) -> dict[str, Any]:
    """Positions for the story's inline SVG: one row per version, x by first-seen time."""
    times = [_epoch(m.get("published")) or _epoch(m["first_seen"]) or 0.0 for m in members]
    start, end = min(times), max(times)
    span = max(end - start, 1.0)
    points = [TimelinePoint(m["id"], round(TIMELINE_LEFT + (t - start) / span * TIMELINE_WIDTH, 1),
                            row * ROW_HEIGHT + 20, f"{m['site']} · {m['language']}",
                            m["relation"] or "original", m.get("published") or m["first_seen"])
              for row, (m, t) in enumerate(zip(members, times))]
    by_id = {p.article_id: p for p in points}
    edges = [(by_id[m["derived_from"]], by_id[m["id"]]) for m in members
             if m["derived_from"] in by_id and m["relation"] in ("copy", "translation", "paraphrase")]
    return {"points": points, "edges": edges, "height": len(points) * ROW_HEIGHT + 30,
            "width": TIMELINE_LEFT + TIMELINE_WIDTH + 20, "start": points[times.index(start)].when,
            "end": points[times.index(end)].when, "span": human_lag(int(end - start))}


def story_page(request: Request) -> Response:
    db = web_of(request).db
    story = db.provenance.get_story(request.path_params["story_id"])
    if story is None:
        raise HTTPException(404, "no such story")
    lang = reader_language(request)
    members = story_member_views(db, db.provenance.story_members(story["id"]), lang)
    if not members:
        raise HTTPException(404, "this story has no articles left")
    head = next((m for m in members if not m["relation"]), members[0])
    return render(request, "story.html", {"story": story, "members": members, "head": head,
                                          "timeline": timeline(members), "pt": labels(lang)})


def story_member_views(db, rows: list, lang: str) -> list[dict[str, Any]]:
    """A story's versions with their outlet, their title in the reader's language
    (``title``, its ``title_language``; the original in ``original_title``) and their lag."""
    label = labels(lang)
    outlets = db.reader.outlet_names([row["id"] for row in rows])
    titles = db.reader.translated_titles([row["id"] for row in rows], lang)
    by_id = {row["id"]: row for row in rows}
    members = []
    for row in rows:
        lag = lag_between(row, by_id[row["derived_from"]]) if row["derived_from"] in by_id \
            else Lag(row["lag_seconds"], "first_seen" if row["lag_seconds"] is not None else "")
        translated = titles.get(row["id"], {}).get(lang)
        use = translated is not None and row["language"] != lang
        members.append(dict(
            row, site=outlets.get(row["id"]) or row["site_name"] or host_of(row["url"]),
            title=translated.title if use else row["title"], original_title=row["title"],
            title_language=lang if use else row["language"], machine_translated=use,
            lag=human_lag(lag.seconds), lag_phrase=lag_phrase(lag, label, human_lag, earlier=False)))
    return members


def site_figures(rows: list) -> dict[str, Any]:
    """Relay statistics of one site's stored articles."""
    derived = [r for r in rows if r["derived_from"] is not None
               and host_of(r["original_url"] or "") != host_of(r["url"])]
    lags = [r["lag_seconds"] for r in derived if r["lag_seconds"] is not None]
    signals: Counter[str] = Counter()
    for row in rows:
        kinds = {a.get("kind") for a in json.loads(row["attribution"] or "[]")}
        signals["translation_disclaimer"] += bool(json.loads(row["disclaimers"] or "[]"))
        signals["outlet_in_title"] += "title_suffix" in kinds
        signals["source_credit"] += bool(kinds & {"source_link", "cited", "dateline"})
        evidence = json.loads(row["evidence"] or "{}") if row["derived_from"] else {}
        signals["untranslated_fragments"] += bool(evidence.get("untranslated_fragments"))
    signals = Counter({k: v for k, v in signals.items() if v})
    relay, reasons = judge(len(rows), len(derived), signals)
    return {"count": len(rows), "derived": len(derived),
            "share": round(len(derived) / len(rows), 3) if rows else 0.0,
            "median_lag": human_lag(int(statistics.median(lags))) if lags else "",
            "median_lag_seconds": int(statistics.median(lags)) if lags else None,
            "median_basis": "published" if derived and all(
                r.get("lag_basis") == "published" for r in derived if r["lag_seconds"] is not None)
            else "first_seen",
            "drawn_on": Counter(host_of(r["original_url"]) for r in derived).most_common(),
            "signals": sorted(signals.items()), "relay": relay, "reasons": reasons,
            "relations": Counter(r["relation"] for r in derived).most_common()}


def reason_words(reason: str, label) -> str:
    """A relay judgement's reason with its signal names in the reader's words."""
    for name in ("translation_disclaimer", "outlet_in_title", "source_credit",
                 "untranslated_fragments"):
        reason = reason.replace(name, label(name))
    return reason


def site_rows_with_lags(db, rows: list, label) -> list[dict[str, Any]]:
    """Site rows as dicts whose ``lag_seconds`` comes from publication times when both
    pages give one (``lag_basis``), with the phrase a reader sees."""
    times = db.reader.article_times(sorted({r["derived_from"] for r in rows
                                            if r["derived_from"] is not None}))
    found = []
    for row in rows:
        lag = lag_between(row, times[row["derived_from"]]) if row["derived_from"] in times \
            else Lag(None, "")
        if lag.seconds is None and row["lag_seconds"] is not None:
            lag = Lag(row["lag_seconds"], "first_seen")
        found.append(dict(row, lag_seconds=lag.seconds, lag_basis=lag.basis,
                          lag_phrase=lag_phrase(lag, label, human_lag, earlier=False)))
    return found


def site_page(request: Request) -> Response:
    host = request.path_params["host"].strip().lower()
    if not host or len(host) > 255 or "/" in host:
        raise HTTPException(400, "a site is a host name, like example.org")
    db = web_of(request).db
    label = labels(reader_language(request))
    rows = site_rows_with_lags(db, db.provenance.site_articles(host), label)
    if not rows:
        raise HTTPException(404, f"no stored article from {host}")
    outlet = db.reader.outlet_names([rows[0]["id"]]).get(rows[0]["id"]) or host
    figures = site_figures(rows)
    figures["reasons"] = [reason_words(reason, label) for reason in figures["reasons"]]
    lang = reader_language(request)
    shown = rows[:100]
    titles = db.reader.translated_titles([row["id"] for row in shown], lang)
    shown = [_in_language(row, titles, lang) for row in shown]
    return render(request, "site.html", {"host": host, "outlet": outlet, "figures": figures,
                                         "rows": shown, "names": outlet_by_host(db),
                                         "pt": label})


def outlet_by_host(db) -> dict[str, str]:
    """host -> the name of the source polled there (for sites named by their outlet)."""
    found: dict[str, str] = {}
    for source in db.reader.source_names():
        host = host_of(source["url"])
        if host and host not in found:
            found[host] = source["name"] or host
    return found


def provenance_routes() -> list[Route]:
    return [Route("/stories/{story_id:id}", story_page), Route("/sites/{host}", site_page)]


def install_provenance(app: Starlette) -> None:
    """Add the story and site pages, and the article panel's context."""
    from .indexes import index_routes

    app.router.routes.extend(provenance_routes() + index_routes())
    templates = app.state.web.templates
    templates.context_processors.append(provenance_context)
    templates.env.filters["site_of"] = host_of
    templates.env.filters["lag"] = human_lag
    templates.env.filters["kind_words"] = kind_words

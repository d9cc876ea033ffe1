"""Tracing in the store, after each ingestion pass: new articles against recent ones.

The candidate index is rebuilt from ``provenance_traced`` (hashes, MinHash
signatures and evidence keys saved when each article was traced), limited to
the articles first seen within ``provenance.window_days`` of the new ones;
texts are read only for the candidates actually compared. The pivot rendering
is the stored translation into ``provenance.pivot_language`` when there is one.
The originals chosen in earlier runs are the parents of those articles, so an
article derived from one of them is linked to the root of the chain (with the
chain kept as evidence). Each article's title-and-lead vector is saved with its
features (512 half-precision values), so a pass encodes the new articles' leads
only, not the whole window's again.
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

import numpy as np

from ..clock import iso, now_iso, parse_iso
from ..dedupe import Fingerprint
from ..storage.records import StoredLink, TracedFeatures
from ..translate.memory import TranslationMemory
from ..translate.service import TranslateOptions
from .batch import host_of
from .bridge import Bridge
from .records import DERIVED_RELATIONS, Link, TraceDoc, TraceOptions
from .service import build_stories
from .site_flags import update_relay_flags
from .tracer import Tracer

if TYPE_CHECKING:
    from ..pipeline import Context
    from ..report import RunReport

log = logging.getLogger(__name__)


def _epoch(text: str | None) -> float | None:
    moment = parse_iso(text)
    return moment.timestamp() if moment else None


def doc_from_row(row, order: int) -> TraceDoc:
    attribution = json.loads(row["attribution"] or "[]")
    credits = tuple(c.get("url") or c.get("outlet", "") for c in attribution
                    if c.get("kind") != "title_suffix")
    credits += tuple(c["outlet"] for c in attribution if c.get("url") and c.get("outlet"))
    title_credits = tuple(c.get("outlet", "") for c in attribution if c.get("kind") == "title_suffix")
    pivot = None
    if row["pivot_body"] is not None:
        pivot = f"{row['pivot_title']}\n\n{row['pivot_body']}"
    text = "\n\n".join(part for part in (row["standfirst"], row["body"]) if part)
    return TraceDoc(
        key=str(row["id"]), url=row["url"], site=host_of(row["url"]), lang=row["language"],
        title=row["title"], text=text, published=_epoch(row["published"]),
        seen=_epoch(row["first_seen"]), order=order, site_name=row["site_name"] or "",
        credits=credits, title_credits=title_credits,
        disclaimers=tuple(json.loads(row["disclaimers"] or "[]")),
        pivot_text=pivot, images=tuple(json.loads(row["images"] or "[]")))


def options_of(settings) -> TraceOptions:
    return TraceOptions(pivot_language=settings["provenance.pivot_language"],
                        use_encoder=settings["provenance.use_encoder"],
                        max_candidates=settings["provenance.max_candidates"],
                        encoder_runtime=settings["provenance.encoder_runtime"],
                        workers=settings["provenance.workers"],
                        window_seconds=settings["provenance.window_days"] * 86400.0)


def _docs(db, ids: list[int], pivot: str, hashes: dict[str, str],
          start: int = 0) -> list[TraceDoc]:
    rows = db.provenance.article_rows(ids, pivot)
    docs = []
    for n, row in enumerate(rows):
        doc = doc_from_row(row, start + n)
        if doc.lang == pivot and doc.pivot_text is None:
            doc = replace(doc, pivot_text=f"{doc.title}\n\n{doc.text}")
        hashes[doc.key] = row["content_hash"]
        docs.append(doc)
    return docs


def _window_start(docs: list[TraceDoc], window_days: float) -> str:
    seen = [d.seen for d in docs if d.seen is not None]
    earliest = min(seen) if seen else datetime.now(timezone.utc).timestamp()
    return iso(datetime.fromtimestamp(earliest, timezone.utc) - timedelta(days=window_days))


def trace_store(db, settings, limit: int = 5000) -> tuple[int, int]:
    """Trace untraced articles; returns (articles traced, links stored)."""
    new_ids = db.provenance.untraced_ids(limit)
    if not new_ids:
        return 0, 0
    options = options_of(settings)
    hashes: dict[str, str] = {}
    new_docs = _docs(db, new_ids, options.pivot_language, hashes)
    old_ids = db.provenance.window_ids(_window_start(new_docs, settings["provenance.window_days"]),
                               set(new_ids))
    known = db.provenance.traced_features(old_ids)
    tracer = Tracer(options, store_bridge(db, settings))
    tracer.add(_docs(db, old_ids, options.pivot_language, hashes, start=-len(old_ids) - 1),
               known={str(k): (Fingerprint(f.word_hash, f.signature), f.keys)
                      for k, f in known.items()},
               leads={str(k): lead_from_bytes(f.lead_vector) for k, f in known.items()
                      if f.lead_vector is not None and len(f.lead_vector) == LEAD_BYTES})
    keys = tracer.add(new_docs)
    result = tracer.trace(keys, known_parents=_stored_parents(db, old_ids))
    links = _kept_links(result.links, result.derived_from, set(keys))
    features = [_features(tracer, key, hashes[key]) for key in keys]
    stored = [_stored(l) for l in links]
    stories = _stories(db, tracer, keys, hashes, stored)
    db.provenance.save_trace(features, stored, now_iso(), stories)  # one transaction
    return len(keys), len(links)


def store_bridge(db, settings) -> Bridge:
    """Renderings for the encoder (bridge.py) by the configured translator, built only if
    an article needs one, remembered in the store's translation memory."""
    def translator():
        from ..compose import build_translator

        return build_translator(settings)

    memory = TranslationMemory(db) if settings["translate.memory"] else None
    return Bridge(translator, settings["provenance.pivot_language"],
                  TranslateOptions(memory=memory))


def _stored_parents(db, old_ids: list[int]) -> dict[str, Link]:
    """The originals chosen in earlier runs, so a copy of a copy resolves to the first."""
    old = set(old_ids)
    return {str(l.article_id): _as_link(l) for l in db.provenance.links_among(old)
            if l.article_id in old and l.relation in DERIVED_RELATIONS}


def _kept_links(links: list[Link], chosen: dict[str, Link | None], traced: set[str]) -> list[Link]:
    kept = [l for l in chosen.values() if l is not None]
    kept += [l for l in links if l.relation == "same_event" and l.article in traced]
    return kept


def _features(tracer: Tracer, key: str, content_hash: str) -> TracedFeatures:
    profile = tracer.profile(key)
    vector = tracer.semantic.vector(key) if tracer.options.use_encoder else None
    return TracedFeatures(int(key), content_hash, profile.fingerprint.word_hash,
                          profile.fingerprint.signature, profile.keys,
                          None if vector is None else lead_to_bytes(vector))


LEAD_BYTES = 512 * 2


def lead_to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f2").tobytes()


def lead_from_bytes(data: bytes) -> np.ndarray:
    vector = np.frombuffer(data, dtype="<f2").astype(np.float32)
    return vector / max(float(np.linalg.norm(vector)), 1e-9)


def _stored(link: Link) -> StoredLink:
    return StoredLink(int(link.article), int(link.derived_from), link.relation,
                            link.confidence, link.lag_seconds, link.evidence)


def _links_after_save(db, ids: set[int], new: list[StoredLink]) -> list[StoredLink]:
    """The links touching ``ids`` as they will be once ``new`` replaces the traced articles'
    own links: read before the save, so links and stories are written together."""
    kept = [l for l in db.provenance.links_among(ids) if l.article_id not in ids]
    merged = {(l.article_id, l.derived_from): l for l in kept}
    merged.update({(l.article_id, l.derived_from): l for l in new})
    return list(merged.values())


def _stories(db, tracer: Tracer, keys: list[str], hashes: dict[str, str],
             new_links: list[StoredLink]) -> tuple[list[list[int]], dict[int, str]]:
    """Recluster the new articles with every article they are linked to."""
    ids = {int(k) for k in keys}
    stored = _links_after_save(db, ids, new_links)
    members = sorted(ids | {l.article_id for l in stored} | {l.derived_from for l in stored})
    chosen = {str(l.article_id): _as_link(l) for l in stored if l.relation in DERIVED_RELATIONS}
    same = [_as_link(l) for l in stored if l.relation == "same_event"]
    missing = [m for m in members if str(m) not in tracer.index]
    if missing:
        tracer.add(_docs(db, missing, tracer.options.pivot_language, hashes))
    clusters = build_stories(tracer, [str(m) for m in members], same, chosen)
    titles = {int(k): tracer.profile(k).doc.title for c in clusters for k in c}
    return [[int(k) for k in c] for c in clusters], titles


def _as_link(link: StoredLink) -> Link:
    return Link(str(link.article_id), str(link.derived_from), link.relation, link.confidence,
                link.lag_seconds, link.evidence)


def trace_new_articles(ctx: "Context", report: "RunReport") -> None:
    """The post-ingestion step: never stops the run; a failure is reported."""
    if not ctx.settings["provenance.enabled"]:
        return
    ctx.progress.start("tracing", 0)  # 0: a stage without a count (shown as running)
    started = now_iso()
    try:
        traced, linked = trace_store(ctx.db, ctx.settings)
        if linked:  # the sites given new links are judged again (relay-site watches)
            update_relay_flags(ctx.db, started, now_iso())
    except Exception as error:  # noqa: BLE001 - an optional step must not stop ingestion
        log.exception("provenance tracing failed")
        report.problems.append(f"provenance: {type(error).__name__}: {error}")
        return
    finally:
        ctx.progress.finish("tracing")
    if traced:
        log.info("provenance: %d articles traced, %d links", traced, linked)

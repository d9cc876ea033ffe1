"""Provenance in the JSON API: each article's ``derived_from`` and its ``derivatives``.

Lags are measured between publication times when both pages give one (``lag_basis``
"published"), else between first-seen times ("first_seen"). Link records are read
defensively: fields another version may add or drop never break a response.
"""

from __future__ import annotations

from typing import Any

from .provenance_line import DERIVING, lag_between

LINK_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["id", "relation", "confidence"],
    "properties": {
        "id": {"type": "integer", "description": "the other article"},
        "relation": {"type": "string", "enum": list(DERIVING)},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "lag_seconds": {"type": ["integer", "null"],
                        "description": "how much later the derived version came"},
        "lag_basis": {"type": "string", "enum": ["published", "first_seen", ""],
                      "description": "publication times of both pages, else first-seen times"},
    },
}
PROVENANCE_PROPERTIES: dict[str, Any] = {
    "derived_from": {"oneOf": [{"$ref": "#/components/schemas/ProvenanceLink"},
                               {"type": "null"}],
                     "description": "the original this article copies or translates"},
    "derivatives": {"type": "array", "items": {"$ref": "#/components/schemas/ProvenanceLink"},
                    "description": "articles that copy or translate this one"},
}


def provenance_json(db: Any, article_ids: list[int]) -> dict[int, dict[str, Any]]:
    """article id -> {"derived_from": link or None, "derivatives": [links]}."""
    found: dict[int, dict[str, Any]] = {i: {"derived_from": None, "derivatives": []}
                                        for i in article_ids}
    if not article_ids:
        return found
    links = [l for l in db.provenance.links_among(article_ids)
             if getattr(l, "relation", None) in DERIVING]
    times = db.reader.article_times(sorted({l.article_id for l in links}
                                           | {l.derived_from for l in links}))
    for link in sorted(links, key=lambda l: -float(getattr(l, "confidence", 0) or 0)):
        derived, original = times.get(link.article_id, {}), times.get(link.derived_from, {})
        lag = lag_between(derived, original)
        seconds = lag.seconds if lag.seconds is not None else getattr(link, "lag_seconds", None)
        basis = lag.basis or ("first_seen" if seconds is not None else "")
        facts = {"relation": link.relation, "confidence": float(link.confidence or 0),
                 "lag_seconds": seconds, "lag_basis": basis}
        if link.article_id in found and found[link.article_id]["derived_from"] is None:
            found[link.article_id]["derived_from"] = {"id": link.derived_from, **facts}
        if link.derived_from in found:
            found[link.derived_from]["derivatives"].append({"id": link.article_id, **facts})
    return found

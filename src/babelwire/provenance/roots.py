"""Roots, not siblings: each version of a text points at the earliest original present.

Every article first gets a parent: its strongest derived link. A relay of a relay, or
a translation matched best to another translation, has a sibling as parent; following
parents up to an article with none gives the root. The article is then linked to the
root: with the verdict of the two compared directly when they align, else with the
chain's weakest relation; either way the chain is kept as evidence (``via``: the
articles passed through, ``chain``: each hop). Cycles are cut before any chain is
followed (the earliest article of a cycle loses its parent), so none can come out.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Mapping

from .records import Link

WEAKEST_FIRST = ("paraphrase", "translation", "copy")


def cut_cycles(parent: dict[str, Link], order: Callable[[str], tuple]) -> dict[str, Link]:
    """The parent map without cycles: in each, the earliest member becomes a root."""
    parent = dict(parent)
    done: set[str] = set()
    for start in list(parent):
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node not in done and node not in on_path:
            path.append(node)
            on_path.add(node)
            link = parent.get(node)
            node = link.derived_from if link else None
        if node is not None and node in on_path:
            cycle = path[path.index(node):]
            parent.pop(min(cycle, key=order), None)
        done.update(path)
    return parent


def chain_of(key: str, parent: Mapping[str, Link]) -> list[Link]:
    """The hops from ``key`` up to its root (parents must be free of cycles)."""
    hops: list[Link] = []
    link = parent.get(key)
    while link is not None and len(hops) < len(parent):
        hops.append(link)
        link = parent.get(link.derived_from)
    return hops


def hop_summary(link: Link) -> dict:
    return {"article": link.article, "derived_from": link.derived_from,
            "relation": link.relation, "confidence": link.confidence}


def to_root(key: str, hops: list[Link], direct: Link | None, lag: int | None) -> Link:
    """One link from ``key`` to the root at the end of ``hops`` (two hops or more)."""
    root = hops[-1].derived_from
    via = [hop.derived_from for hop in hops[:-1]]
    chain = [hop_summary(hop) for hop in hops]
    if direct is not None and direct.article == key and direct.derived_from == root:
        evidence = dict(direct.evidence, via=via, chain=chain)
        return replace(direct, evidence=evidence)
    relation = next(r for r in WEAKEST_FIRST if any(h.relation == r for h in hops))
    first = hops[0]
    evidence = dict(first.evidence, via=via, chain=chain, lag_seconds=lag,
                    original_site=hops[-1].evidence.get("original_site"))
    for name in ("lag_published_seconds", "lag_seen_seconds"):
        evidence[name] = _summed(hops, name)
    confidence = round(min(h.confidence for h in hops), 3)
    return Link(article=key, derived_from=root, relation=relation, confidence=confidence,
                lag_seconds=lag, evidence=evidence)


def _summed(hops: list[Link], name: str) -> int | None:
    values = [h.evidence.get(name) for h in hops]
    return None if any(v is None for v in values) else int(sum(values))

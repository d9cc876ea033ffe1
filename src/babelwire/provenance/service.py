"""Trace a set of articles end to end: links, each article's original, stories, relay sites."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Iterable

from ..dedupe import StoryLink, cluster_stories
from .records import Link, SiteReport, TraceDoc, TraceOptions
from .relay import site_reports
from .bridge import Bridge
from .tracer import Tracer

log = logging.getLogger(__name__)


@dataclass
class TraceOutcome:
    docs: list[TraceDoc]
    links: list[Link]
    derived_from: dict[str, Link | None]
    stories: list[list[str]]
    sites: list[SiteReport]
    story_of: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)   # seconds per step


def story_links(links: Iterable[Link], keys_of: dict[str, frozenset[str]]) -> list[StoryLink]:
    empty: frozenset[str] = frozenset()
    return [StoryLink(l.article, l.derived_from, l.relation, l.confidence,
                      keys_of.get(l.article, empty) & keys_of.get(l.derived_from, empty))
            for l in links]


def build_stories(tracer: Tracer, keys: list[str], links: list[Link],
                  chosen: dict[str, Link | None]) -> list[list[str]]:
    """Stories from each article's chosen original plus the same_event links."""
    kept = [l for l in chosen.values() if l is not None]
    kept += [l for l in links if l.relation == "same_event"]
    keys_of = {key: frozenset(k for k in tracer.profile(key).keys if k[0] in "pnqui")
               for key in keys}
    return cluster_stories(keys, story_links(kept, keys_of), keys_of,
                           lambda key: tracer.profile(key).doc.sort_key())


def trace_documents(docs: list[TraceDoc], options: TraceOptions | None = None,
                    bridge: Bridge | None = None) -> TraceOutcome:
    """Every article's original (or none), the stories and the relay-site reports
    (``bridge``: renderings for the languages the encoder does not know, bridge.py)."""
    tracer = Tracer(options, bridge)
    keys = tracer.add(docs)
    result = tracer.trace(keys)
    with tracer.clock("stories and sites"):
        stories = build_stories(tracer, keys, result.links, result.derived_from)
        story_of = {key: number for number, members in enumerate(stories, 1) for key in members}
        sites = site_reports((tracer.profile(k) for k in keys), result.derived_from)
    return TraceOutcome(docs=docs, links=result.links, derived_from=result.derived_from,
                        stories=stories, sites=sites, story_of=story_of,
                        timings=dict(tracer.timings))

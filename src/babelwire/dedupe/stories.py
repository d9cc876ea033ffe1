"""Stories: clusters of articles about the same news, across outlets and languages.

Derived links (copy, translation, paraphrase) join their two articles
directly. A ``same_event`` link joins two clusters only when the names and
numbers it shares are common to more than half of the members on each side:
this guard stops a chain A~B~C from gluing unrelated news together through
one article that mentions both.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

DERIVED = ("copy", "translation", "paraphrase")
MIN_CORE_KEYS = 2      # shared names/numbers a same_event merge must keep common
CORE_SHARE = 0.5       # ... to more than this share of each cluster's members


@dataclass(frozen=True)
class StoryLink:
    article: str
    other: str
    relation: str
    confidence: float
    shared: frozenset[str] = frozenset()


class _Clusters:
    def __init__(self, keys_of: Mapping[str, frozenset[str]]) -> None:
        self.parent: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}
        self.key_counts: dict[str, Counter[str]] = {}
        self.keys_of = keys_of

    def find(self, item: str) -> str:
        if item not in self.parent:
            self.parent[item] = item
            self.members[item] = [item]
            self.key_counts[item] = Counter(self.keys_of.get(item, ()))
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))
        self.key_counts[ra].update(self.key_counts.pop(rb))

    def core_share(self, root: str, keys: Iterable[str]) -> set[str]:
        size = len(self.members[root])
        counts = self.key_counts[root]
        return {key for key in keys if counts[key] > CORE_SHARE * size}

    def may_join(self, link: StoryLink) -> bool:
        ra, rb = self.find(link.article), self.find(link.other)
        if ra == rb:
            return False
        common = self.core_share(ra, link.shared) & self.core_share(rb, link.shared)
        return len(common) >= MIN_CORE_KEYS


def cluster_stories(items: Iterable[str], links: Iterable[StoryLink],
                    keys_of: Mapping[str, frozenset[str]],
                    time_of: Callable[[str], tuple]) -> list[list[str]]:
    """Stories of two articles or more, each sorted earliest first."""
    clusters = _Clusters(keys_of)
    for item in items:
        clusters.find(item)
    links = list(links)
    for link in links:
        if link.relation in DERIVED:
            clusters.union(link.article, link.other)
    events = sorted((l for l in links if l.relation == "same_event"),
                    key=lambda l: -l.confidence)
    for link in events:
        if clusters.may_join(link):
            clusters.union(link.article, link.other)
    stories = [sorted(members, key=time_of) for members in clusters.members.values()
               if len(members) > 1]
    return sorted(stories, key=lambda members: time_of(members[0]))

"""Load the demo outlets' articles from the packaged JSON files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Mapping

#: Outlet slugs in the order they are served and listed.
OUTLET_ORDER: tuple[str, ...] = ("gaceta", "courrier", "ledger", "relay")


@dataclass(frozen=True)
class RelayRef:
    """Which original article a relay article republishes."""

    outlet: str
    slug: str
    from_language: str


@dataclass(frozen=True)
class ArticleContent:
    """One article as written in the content files."""

    slug: str
    title: str
    standfirst: str
    paragraphs: tuple[str, ...]
    author: str
    published: str
    section: str
    tags: tuple[str, ...]
    jsonld: bool = True
    relays: RelayRef | None = None

    @property
    def published_at(self) -> datetime:
        """The publication time as an aware datetime."""
        return datetime.fromisoformat(self.published)

    @property
    def path(self) -> str:
        """URL path relative to the outlet's base, e.g. ``/2026/11/14/slug/``."""
        day = self.published[:10].replace("-", "/")
        return f"/{day}/{self.slug}/"


@dataclass(frozen=True)
class OutletContent:
    """One outlet: identity, interface strings and its articles."""

    slug: str
    name: str
    language: str
    language_name: str
    feed_format: str
    feed_path: str
    layout: str
    title_separator: str
    tagline: str
    ui: Mapping[str, Any]
    articles: tuple[ArticleContent, ...]

    @property
    def is_relay(self) -> bool:
        """True when the outlet republishes other outlets' articles."""
        return any(article.relays for article in self.articles)

    def article(self, slug: str) -> ArticleContent:
        """The article with this slug (KeyError if absent)."""
        for article in self.articles:
            if article.slug == slug:
                return article
        raise KeyError(slug)


def _article(raw: Mapping[str, Any]) -> ArticleContent:
    relays = raw.get("relays")
    return ArticleContent(
        slug=raw["slug"],
        title=raw["title"],
        standfirst=raw.get("standfirst", ""),
        paragraphs=tuple(raw["paragraphs"]),
        author=raw["author"],
        published=raw["published"],
        section=raw["section"],
        tags=tuple(raw.get("tags", ())),
        jsonld=raw.get("jsonld", True),
        relays=RelayRef(**relays) if relays else None,
    )


def _outlet(raw: Mapping[str, Any]) -> OutletContent:
    fields = {k: v for k, v in raw.items() if k not in ("ui", "articles")}
    return OutletContent(
        **fields,
        ui=MappingProxyType(dict(raw["ui"])),
        articles=tuple(_article(a) for a in raw["articles"]),
    )


@lru_cache(maxsize=1)
def load_catalog() -> Mapping[str, OutletContent]:
    """All demo outlets keyed by slug, in :data:`OUTLET_ORDER`."""
    folder = resources.files("babelwire.demo").joinpath("content")
    catalog = {}
    for slug in OUTLET_ORDER:
        text = folder.joinpath(f"{slug}.json").read_text(encoding="utf-8")
        catalog[slug] = _outlet(json.loads(text))
    return MappingProxyType(catalog)

"""The registry of source kinds: a name, words for people, and how to read one poll."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..errors import ConfigError
from . import feed, page, sitemap
from .reading import Reading

Reader = Callable[..., Reading]


@dataclass(frozen=True)
class SourceKind:
    name: str  # stored in sources.kind
    label: str  # what it is, in words (the CLI's help)
    read: Reader  # read(fetcher, url, etag=, last_modified=) -> Reading


KINDS: dict[str, SourceKind] = {
    kind.name: kind for kind in (
        SourceKind("feed", "feed (RSS, Atom, JSON Feed)", feed.read),
        SourceKind("sitemap", "sitemap (news sitemaps too)", sitemap.read),
        SourceKind("page", "single page", page.read),
    )
}
KIND_NAMES: tuple[str, ...] = tuple(KINDS)


def kind_of(name: str) -> SourceKind:
    """The kind named ``name``; a one-line ``ConfigError`` naming the known kinds otherwise."""
    found = KINDS.get(name)
    if found is None:
        raise ConfigError(f"unknown source kind {name!r}: use one of {', '.join(KIND_NAMES)}")
    return found

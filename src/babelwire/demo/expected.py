"""What a perfect pipeline should extract from each demo article.

Tests compare babelwire's results against :func:`expected_articles`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .render import SiteContext, relay_disclaimer

if TYPE_CHECKING:
    from .server import DemoNewsroom


@dataclass(frozen=True)
class ExpectedArticle:
    """The ground truth of one served article page."""

    outlet_slug: str
    url: str
    language: str
    title: str
    standfirst: str
    paragraphs: tuple[str, ...]
    author: str
    published: str
    is_relay: bool
    relays_url: str | None
    credited_outlet: str | None
    disclaimer: str | None


def expected_articles(newsroom: "DemoNewsroom") -> list[ExpectedArticle]:
    """Every article served by ``newsroom``, outlet by outlet, in content order.

    ``title`` is the clean headline: relay pages print it followed by
    `` - <original outlet name>``, which is *not* part of ``title``.
    """
    found = []
    for slug, outlet in newsroom.catalog.items():
        ctx = SiteContext(outlet, newsroom.base_urls[slug], newsroom.catalog, newsroom.base_urls)
        for article in outlet.articles:
            original = ctx.original(article)
            found.append(ExpectedArticle(
                outlet_slug=slug,
                url=ctx.article_url(article),
                language=outlet.language,
                title=article.title,
                standfirst=article.standfirst,
                paragraphs=article.paragraphs,
                author=article.author,
                published=article.published,
                is_relay=original is not None,
                relays_url=original[1] if original else None,
                credited_outlet=original[0].name if original else None,
                disclaimer=relay_disclaimer(ctx, article),
            ))
    return found

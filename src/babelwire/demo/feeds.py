"""Machine-readable documents of the demo outlets: feeds, sitemap, robots.txt.

RSS 2.0, Atom 1.0 and JSON Feed 1.1 renderers plus a news sitemap, all with
absolute URLs built from the outlet's base URL.  Pure functions.
"""

from __future__ import annotations

import json
from email.utils import format_datetime
from typing import Callable
from xml.sax.saxutils import escape, quoteattr

from .catalog import ArticleContent, OutletContent

Headline = Callable[[ArticleContent], str]

XML_TYPE = "application/xml; charset=utf-8"
FEED_TYPES: dict[str, str] = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "jsonfeed": "application/feed+json; charset=utf-8",
}
XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _newest_first(outlet: OutletContent) -> list[ArticleContent]:
    return sorted(outlet.articles, key=lambda a: a.published_at, reverse=True)


def _abs(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def _summary(article: ArticleContent) -> str:
    return article.standfirst or article.paragraphs[0]


def _rss_item(outlet: OutletContent, article: ArticleContent, base: str, title: str) -> str:
    url = escape(_abs(base, article.path))
    cats = "".join(f"<category>{escape(t)}</category>" for t in article.tags)
    return (f"<item>\n<title>{escape(title)}</title>\n<link>{url}</link>\n"
            f'<guid isPermaLink="true">{url}</guid>\n'
            f"<pubDate>{format_datetime(article.published_at)}</pubDate>\n"
            f"<dc:creator>{escape(article.author)}</dc:creator>\n{cats}\n"
            f"<description>{escape(_summary(article))}</description>\n</item>\n")


def render_rss(outlet: OutletContent, base_url: str, headline: Headline) -> str:
    """RSS 2.0 feed of the outlet, newest first."""
    items = _newest_first(outlet)
    body = "".join(_rss_item(outlet, a, base_url, headline(a)) for a in items)
    return (XML_DECL + '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
            f"<title>{escape(outlet.name)}</title>\n<link>{escape(_abs(base_url, '/'))}</link>\n"
            f"<description>{escape(outlet.tagline)}</description>\n"
            f"<language>{outlet.language}</language>\n"
            f"<lastBuildDate>{format_datetime(items[0].published_at)}</lastBuildDate>\n"
            f"<atom:link href={quoteattr(_abs(base_url, outlet.feed_path))} rel=\"self\" "
            'type="application/rss+xml"/>\n'
            f"{body}</channel>\n</rss>\n")


def _atom_entry(article: ArticleContent, base: str, title: str) -> str:
    url = _abs(base, article.path)
    return (f"<entry>\n<id>{escape(url)}</id>\n<title type=\"text\">{escape(title)}</title>\n"
            f'<link rel="alternate" type="text/html" href={quoteattr(url)}/>\n'
            f"<published>{article.published}</published>\n"
            f"<updated>{article.published}</updated>\n"
            f"<author><name>{escape(article.author)}</name></author>\n"
            + "".join(f"<category term={quoteattr(t)}/>" for t in article.tags)
            + f"\n<summary type=\"text\">{escape(_summary(article))}</summary>\n</entry>\n")


def render_atom(outlet: OutletContent, base_url: str, headline: Headline) -> str:
    """Atom 1.0 feed of the outlet, newest first."""
    items = _newest_first(outlet)
    entries = "".join(_atom_entry(a, base_url, headline(a)) for a in items)
    return (XML_DECL + f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{outlet.language}">\n'
            f"<id>{escape(_abs(base_url, '/'))}</id>\n<title>{escape(outlet.name)}</title>\n"
            f"<subtitle>{escape(outlet.tagline)}</subtitle>\n"
            f"<updated>{items[0].published}</updated>\n"
            f'<link rel="self" type="application/atom+xml" '
            f"href={quoteattr(_abs(base_url, outlet.feed_path))}/>\n"
            f'<link rel="alternate" type="text/html" href={quoteattr(_abs(base_url, "/"))}/>\n'
            f"{entries}</feed>\n")


def render_jsonfeed(outlet: OutletContent, base_url: str, headline: Headline) -> str:
    """JSON Feed 1.1 of the outlet, newest first."""
    items = [{
        "id": _abs(base_url, a.path),
        "url": _abs(base_url, a.path),
        "title": headline(a),
        "summary": _summary(a),
        "content_text": _summary(a),
        "date_published": a.published,
        "authors": [{"name": a.author}],
        "tags": list(a.tags),
        "language": outlet.language,
    } for a in _newest_first(outlet)]
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": outlet.name,
        "description": outlet.tagline,
        "home_page_url": _abs(base_url, "/"),
        "feed_url": _abs(base_url, outlet.feed_path),
        "language": outlet.language,
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"


_RENDERERS = {"rss": render_rss, "atom": render_atom, "jsonfeed": render_jsonfeed}


def render_feed(outlet: OutletContent, base_url: str, headline: Headline) -> str:
    """The outlet's feed in its own format (``outlet.feed_format``)."""
    return _RENDERERS[outlet.feed_format](outlet, base_url, headline)


def render_sitemap(outlet: OutletContent, base_url: str, headline: Headline) -> str:
    """A sitemaps.org urlset with the Google News extension."""
    urls = "".join(
        f"<url>\n<loc>{escape(_abs(base_url, a.path))}</loc>\n<lastmod>{a.published}</lastmod>\n"
        "<news:news>\n<news:publication>\n"
        f"<news:name>{escape(outlet.name)}</news:name>\n"
        f"<news:language>{outlet.language}</news:language>\n</news:publication>\n"
        f"<news:publication_date>{a.published}</news:publication_date>\n"
        f"<news:title>{escape(headline(a))}</news:title>\n</news:news>\n</url>\n"
        for a in _newest_first(outlet))
    return (XML_DECL + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
            f"{urls}</urlset>\n")


def render_robots(base_url: str) -> str:
    """robots.txt allowing everything except /admin/, pointing at the sitemap."""
    return ("User-agent: *\nDisallow: /admin/\nAllow: /\n\n"
            f"Sitemap: {_abs(base_url, '/sitemap.xml')}\n")

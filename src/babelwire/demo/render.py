"""Render the demo outlets as CMS-like HTML pages, plus all their routes.

Pure functions: given the content catalog and each outlet's base URL they
return strings (or :class:`Resource` objects); nothing here does I/O.
Pages deliberately carry the clutter of real news sites (cookie banner, menus,
share widgets, related links, newsletter box, footer...) so that extraction has
something to strip, and the markup differs between outlets.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Mapping

from . import feeds
from .catalog import ArticleContent, OutletContent
from .blocks import ARTICLE_BLOCKS
from .layouts import CHROME, esc
from .resource import Resource, text_resource

HTML_TYPE = "text/html; charset=utf-8"


@dataclass(frozen=True)
class SiteContext:
    """Everything needed to render one outlet at a known address."""

    outlet: OutletContent
    base_url: str
    catalog: Mapping[str, OutletContent]
    base_urls: Mapping[str, str]

    def url(self, path: str) -> str:
        """Absolute URL of a path on this outlet."""
        return self.base_url.rstrip("/") + path

    def article_url(self, article: ArticleContent) -> str:
        """Absolute URL of one of this outlet's articles."""
        return self.url(article.path)

    def original(self, article: ArticleContent) -> tuple[OutletContent, str] | None:
        """For a relay article: the original outlet and absolute article URL."""
        if article.relays is None:
            return None
        source = self.catalog[article.relays.outlet]
        original = source.article(article.relays.slug)
        base = self.base_urls[source.slug].rstrip("/")
        return source, base + original.path


def display_headline(ctx: SiteContext, article: ArticleContent) -> str:
    """The headline as printed on the page (relays append the source's name)."""
    original = ctx.original(article)
    if original is None:
        return article.title
    return f"{article.title} - {original[0].name}"


def relay_disclaimer(ctx: SiteContext, article: ArticleContent) -> str | None:
    """The relay's machine-translation disclaimer, or None for originals."""
    original = ctx.original(article)
    if original is None:
        return None
    names = {"es": "Spanish", "fr": "French", "en": "English"}
    language = names.get(article.relays.from_language, original[0].language_name)
    return ctx.outlet.ui["disclaimer"].format(language=language)


def _json_ld(ctx: SiteContext, article: ArticleContent) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": display_headline(ctx, article),
        "datePublished": article.published,
        "dateModified": article.published,
        "inLanguage": ctx.outlet.language,
        "mainEntityOfPage": ctx.article_url(article),
        "author": [{"@type": "Person", "name": article.author}],
        "publisher": {"@type": "Organization", "name": ctx.outlet.name,
                      "url": ctx.url("/")},
        "keywords": ", ".join(article.tags),
    }
    if article.standfirst:
        data["description"] = article.standfirst
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def _feed_link(ctx: SiteContext) -> str:
    kind = feeds.FEED_TYPES[ctx.outlet.feed_format].split(";")[0]
    return (f'<link rel="alternate" type="{kind}" title="{esc(ctx.outlet.name)}" '
            f'href="{esc(ctx.url(ctx.outlet.feed_path))}">\n')


def _article_head(ctx: SiteContext, article: ArticleContent) -> str:
    headline = display_headline(ctx, article)
    summary = article.standfirst or article.paragraphs[0][:180]
    url = ctx.article_url(article)
    metas = [
        ('name="description"', summary),
        ('name="author"', article.author),
        ('property="og:type"', "article"),
        ('property="og:title"', headline),
        ('property="og:site_name"', ctx.outlet.name),
        ('property="og:url"', url),
        ('property="og:description"', summary),
        ('property="article:published_time"', article.published),
        ('property="article:section"', article.section),
    ] + [('property="article:tag"', tag) for tag in article.tags]
    lines = [f"<title>{esc(headline + ctx.outlet.title_separator + ctx.outlet.name)}</title>\n",
             f'<link rel="canonical" href="{esc(url)}">\n']
    lines += [f'<meta {key} content="{esc(value)}">\n' for key, value in metas]
    lines.append(_feed_link(ctx))
    if article.jsonld:
        lines.append(_json_ld(ctx, article))
    return "".join(lines)


def _home_head(ctx: SiteContext) -> str:
    name = esc(ctx.outlet.name)
    return (f"<title>{name}{esc(ctx.outlet.title_separator)}{esc(ctx.outlet.tagline)}</title>\n"
            f'<link rel="canonical" href="{esc(ctx.url("/"))}">\n'
            f'<meta name="description" content="{esc(ctx.outlet.tagline)}">\n'
            f'<meta property="og:type" content="website">\n'
            f'<meta property="og:site_name" content="{name}">\n' + _feed_link(ctx))


def _document(ctx: SiteContext, head: str, crumbs: str, main: str, body_class: str) -> str:
    chrome = CHROME[ctx.outlet.layout]
    return (
        f'<!DOCTYPE html>\n<html lang="{ctx.outlet.language}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{head}<style>{chrome.css}</style>\n</head>\n"
        f'<body id="top" class="{chrome.body_class} {body_class}">\n'
        f"{chrome.cookie_banner(ctx.outlet)}{chrome.header(ctx.outlet)}{crumbs}"
        f"{chrome.wrap(main, chrome.sidebar(ctx.outlet, _links(ctx)))}"
        f"{chrome.footer(ctx.outlet)}{chrome.back_to_top(ctx.outlet)}"
        f"<script>{chrome.script}</script>\n</body>\n</html>\n"
    )


def _links(ctx: SiteContext, exclude: str = "") -> list[tuple[str, str]]:
    """(path, headline) of the outlet's articles, newest first."""
    ordered = sorted(ctx.outlet.articles, key=lambda a: a.published_at, reverse=True)
    return [(a.path, display_headline(ctx, a)) for a in ordered if a.slug != exclude]


def render_article_page(ctx: SiteContext, article: ArticleContent) -> str:
    """Full HTML page of one article."""
    chrome = CHROME[ctx.outlet.layout]
    original = ctx.original(article)
    block = ARTICLE_BLOCKS[ctx.outlet.layout](
        ctx.outlet, article, display_headline(ctx, article),
        original, relay_disclaimer(ctx, article))
    main = (block + chrome.share(ctx.outlet, ctx.article_url(article))
            + chrome.related(ctx.outlet, _links(ctx, article.slug)[:3])
            + chrome.newsletter(ctx.outlet) + chrome.comments(ctx.outlet))
    crumbs = chrome.breadcrumb(ctx.outlet, article.section, display_headline(ctx, article))
    return _document(ctx, _article_head(ctx, article), crumbs, main, "single-article")


def render_home_page(ctx: SiteContext) -> str:
    """The outlet's front page listing all its articles."""
    chrome = CHROME[ctx.outlet.layout]
    ordered = sorted(ctx.outlet.articles, key=lambda a: a.published_at, reverse=True)
    items = "".join(
        f'<li class="teaser"><h2><a href="{esc(a.path)}">{esc(display_headline(ctx, a))}</a></h2>'
        f'<time datetime="{esc(a.published)}">{esc(a.published[:10])}</time>'
        f'<p>{esc(a.standfirst or a.paragraphs[0])}</p>'
        f'<a class="more" href="{esc(a.path)}">{esc(ctx.outlet.ui["read_more"])}</a></li>\n'
        for a in ordered)
    main = (f'<section class="latest"><h1>{esc(ctx.outlet.ui["latest"])}</h1>\n'
            f'<ul class="teasers">\n{items}</ul></section>\n' + chrome.newsletter(ctx.outlet))
    return _document(ctx, _home_head(ctx), "", main, "home")


def render_routes(ctx: SiteContext) -> dict[str, Resource]:
    """Every route of one outlet: home, articles, feed, sitemap, robots.txt."""
    newest = max(a.published_at for a in ctx.outlet.articles)
    routes = {"/": text_resource(render_home_page(ctx), HTML_TYPE, newest)}
    for article in ctx.outlet.articles:
        page = render_article_page(ctx, article)
        routes[article.path] = text_resource(page, HTML_TYPE, article.published_at)
    feed_text = feeds.render_feed(ctx.outlet, ctx.base_url, lambda a: display_headline(ctx, a))
    routes[ctx.outlet.feed_path] = text_resource(
        feed_text, feeds.FEED_TYPES[ctx.outlet.feed_format], newest)
    routes["/sitemap.xml"] = text_resource(
        feeds.render_sitemap(ctx.outlet, ctx.base_url, lambda a: display_headline(ctx, a)),
        feeds.XML_TYPE, newest)
    routes["/robots.txt"] = text_resource(
        feeds.render_robots(ctx.base_url), "text/plain; charset=utf-8", newest)
    return routes


__all__ = [
    "HTML_TYPE", "SiteContext", "display_headline", "relay_disclaimer",
    "render_article_page", "render_home_page", "render_routes",
]

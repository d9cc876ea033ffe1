"""The <article> block of each demo theme (headline, standfirst, byline, body).

Each function takes the outlet, the article, the headline as printed, the
original (outlet, absolute URL) for relay articles or None, and the relay
disclaimer or None, and returns HTML.
"""

from __future__ import annotations

import zlib
from typing import Callable, Sequence

from .catalog import ArticleContent, OutletContent
from .layouts import esc, format_date, slugify

Original = tuple[OutletContent, str] | None
Block = Callable[[OutletContent, ArticleContent, str, Original, "str | None"], str]


def _paragraphs(article: ArticleContent) -> str:
    return "".join(f"<p>{esc(p)}</p>\n" for p in article.paragraphs)


def _tag_links(tags: Sequence[str], base: str) -> str:
    return " ".join(f'<a href="/{base}/{slugify(t)}/" rel="tag">{esc(t)}</a>' for t in tags)


def _time(outlet: OutletContent, article: ArticleContent, cls: str) -> str:
    return (f'<time class="{cls}" datetime="{esc(article.published)}">'
            f"{esc(format_date(outlet.ui, article.published))}</time>")


def wordpress_block(outlet: OutletContent, article: ArticleContent, headline: str,
                    original: Original, disclaimer: str | None) -> str:
    """WordPress-like: entry-header / entry-summary / entry-content."""
    ui = outlet.ui
    summary = (f'<p class="entry-summary">{esc(article.standfirst)}</p>\n'
               if article.standfirst else "")
    return (
        f'<article id="post-{zlib.crc32(article.slug.encode()) % 9000 + 1000}" '
        f'class="post type-post status-publish format-standard hentry '
        f'category-{slugify(article.section)}">\n<header class="entry-header">\n'
        f'<div class="entry-categories"><a href="/{slugify(article.section)}/" rel="category tag">'
        f'{esc(article.section)}</a></div>\n'
        f'<h1 class="entry-title">{esc(headline)}</h1>\n{summary}'
        f'<div class="entry-meta"><span class="byline">{esc(ui["byline_prefix"])} '
        f'<span class="author vcard"><a class="url fn n" href="/autor/{slugify(article.author)}/">'
        f'{esc(article.author)}</a></span></span> <span class="posted-on">'
        f'{_time(outlet, article, "entry-date published")}</span></div>\n</header>\n'
        f'<div class="entry-content">\n{_paragraphs(article)}</div>\n'
        f'<footer class="entry-footer"><span class="tags-links">{esc(ui["tags"])}: '
        f'{_tag_links(article.tags, "etiqueta")}</span></footer>\n</article>\n'
    )


def drupal_block(outlet: OutletContent, article: ArticleContent, headline: str,
                 original: Original, disclaimer: str | None) -> str:
    """Drupal-like: node--type-article with field wrappers and a 'chapo'."""
    ui = outlet.ui
    chapo = (f'<div class="field field--name-field-chapo"><p class="chapo">'
             f"{esc(article.standfirst)}</p></div>\n" if article.standfirst else "")
    items = "".join(f'<div class="field__item">{_tag_links([t], "mots-cles")}</div>'
                    for t in article.tags)
    return (
        '<article role="article" class="node node--type-article node--view-mode-full">\n'
        f'<h1 class="page-title"><span class="field field--name-title">{esc(headline)}'
        f"</span></h1>\n{chapo}"
        f'<div class="node__meta"><span class="field--name-uid">{esc(ui["byline_prefix"])} '
        f'<a href="/auteurs/{slugify(article.author)}" class="username">{esc(article.author)}'
        f"</a></span> – {_time(outlet, article, 'node__date')}</div>\n"
        '<div class="node__content clearfix"><div class="clearfix text-formatted field '
        f'field--name-body field--type-text-with-summary">\n{_paragraphs(article)}</div></div>\n'
        f'<div class="field field--name-field-tags"><div class="field__label">{esc(ui["tags"])}'
        f'</div><div class="field__items">{items}</div></div>\n</article>\n'
    )


def ghost_block(outlet: OutletContent, article: ArticleContent, headline: str,
                original: Original, disclaimer: str | None) -> str:
    """Ghost-like: gh-article header and gh-content section."""
    ui = outlet.ui
    excerpt = (f'<p class="gh-article-excerpt">{esc(article.standfirst)}</p>\n'
               if article.standfirst else "")
    minutes = max(1, sum(len(p.split()) for p in article.paragraphs) // 200)
    return (
        f'<article class="gh-article post tag-{slugify(article.section)}">\n'
        '<header class="gh-article-header gh-canvas">\n'
        f'<a class="gh-article-tag" href="/tag/{slugify(article.section)}/">'
        f"{esc(article.section)}</a>\n"
        f'<h1 class="gh-article-title">{esc(headline)}</h1>\n{excerpt}'
        '<div class="gh-article-meta"><div class="gh-article-author-name">'
        f'<a href="/author/{slugify(article.author)}/">{esc(ui["byline_prefix"])} '
        f"{esc(article.author)}</a></div><div class=\"gh-article-meta-content\">"
        f'{_time(outlet, article, "gh-article-meta-date")}'
        f'<span class="gh-article-meta-length"> — {minutes} min read</span></div></div>\n'
        "</header>\n"
        f'<section class="gh-content gh-canvas">\n{_paragraphs(article)}</section>\n'
        f'<footer class="gh-article-tags">{esc(ui["tags"])}: {_tag_links(article.tags, "tag")}'
        "</footer>\n</article>\n"
    )


def newsbox_block(outlet: OutletContent, article: ArticleContent, headline: str,
                  original: Original, disclaimer: str | None) -> str:
    """Cheap relay theme: source credit on top, disclaimer under the body."""
    ui = outlet.ui
    lead = (f'<div class="story-lead"><p>{esc(article.standfirst)}</p></div>\n'
            if article.standfirst else "")
    source = note = ""
    if original is not None:
        source = (f'<p class="source-credit">{esc(ui["source_label"])} '
                  f'<a href="{esc(original[1])}" rel="nofollow">{esc(original[0].name)}</a></p>\n')
    if disclaimer:
        note = f'<p class="translation-disclaimer"><em>{esc(disclaimer)}</em></p>\n'
    return (
        '<article class="story">\n<div class="story-head">'
        f'<span class="kicker">{esc(article.section)}</span>\n'
        f'<h1 class="story-title">{esc(headline)}</h1>\n{lead}'
        f'<div class="story-byline">{esc(ui["byline_prefix"])} '
        f'<span class="author">{esc(article.author)}</span> | '
        f'{_time(outlet, article, "story-date")}</div></div>\n'
        f'<div class="story-body">\n{source}{_paragraphs(article)}{note}</div>\n'
        f'<div class="story-tags">{esc(ui["tags"])}: {_tag_links(article.tags, "tag")}</div>\n'
        "</article>\n"
    )


ARTICLE_BLOCKS: dict[str, Block] = {
    "wordpress": wordpress_block,
    "drupal": drupal_block,
    "ghost": ghost_block,
    "newsbox": newsbox_block,
}

"""Articles from a feed's own content, and extraction outputs made safe to store.

An entry without a link (about half the feeds of a real corpus have some) is
not dropped: its title and content/summary HTML, sanitised, become the
article. Whatever extraction returns is cleaned here too: valid Unicode only,
and URLs kept only when they are http(s).
"""

from __future__ import annotations

import html
import re
from dataclasses import replace

from .cleantext import clean_text, web_url
from .errors import Drop
from .extract.sanitize import sanitize_html
from .models import Attribution, ExtractedArticle
from .storage.records import PendingEntry

_BLOCK_END = re.compile(r"</(p|li|blockquote|h[1-6]|figcaption|div)>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]*>")


def feed_article(entry: PendingEntry) -> ExtractedArticle:
    """The article an entry without a link carries in the feed itself."""
    safe = sanitize_html(clean_text(entry.content or ""))
    text = html.unescape(_TAG.sub("", _BLOCK_END.sub("\n\n", safe)))
    paragraphs = tuple(" ".join(p.split()) for p in text.split("\n\n") if p.strip())
    title = clean_text(entry.title).strip()
    if paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise Drop("the entry has no link and no text beyond its title", code="no_text")
    return ExtractedArticle(
        title=title, standfirst="", body="\n\n".join(paragraphs), paragraphs=paragraphs,
        author=clean_text(entry.author), published=entry.published, canonical_url=entry.url,
        warnings=("the entry has no link: the article is the feed's own content",),
        html=safe)


def cleaned(article: ExtractedArticle) -> ExtractedArticle:
    """Valid Unicode in every text field; only http(s) URLs for canonical, credits, images."""
    return replace(
        article, title=clean_text(article.title), standfirst=clean_text(article.standfirst),
        body=clean_text(article.body),
        paragraphs=tuple(clean_text(p) for p in article.paragraphs),
        author=clean_text(article.author), site_name=clean_text(article.site_name),
        html=clean_text(article.html), canonical_url=web_url(article.canonical_url),
        language_hint=clean_text(article.language_hint) or None,
        published=clean_text(article.published) or None,
        updated=clean_text(article.updated) or None,
        images=tuple(u for u in (web_url(i) for i in article.images) if u),
        attribution=tuple(_credit(c) for c in article.attribution),
        disclaimers=tuple(clean_text(d) for d in article.disclaimers),
        warnings=tuple(clean_text(w) for w in article.warnings))


def _credit(credit: Attribution) -> Attribution:
    return Attribution(outlet=clean_text(credit.outlet), kind=credit.kind,
                       evidence=clean_text(credit.evidence), url=web_url(credit.url))

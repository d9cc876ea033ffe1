"""Feeds per language, narrowed by outlet, story, original language, dates or a saved search.

``/feeds/{lang}.atom``, ``.rss`` (RSS 2.0) and ``.json`` (JSON Feed 1.1) take
the filters of the home page (``source``, ``story``, ``language``, ``from``,
``to``) and ``q`` (a search: the feed of a saved search). Every entry carries
the machine-translation label and the link to the original; the writers are
in ``feed_formats``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from ..clock import now_iso
from ..models import Translation
from ..storage.records import ArticleRow
from ..translate.quality import quality_class
from . import feed_formats
from .context import web_of
from .filters import article_filters, filter_params, search_text
from .i18n import LANGUAGE_CODE, Interface
from .present import outlet_of, paragraphs, rfc3339, web_url
from .queries import filtered_articles, source_row, story_row, translations_into
from .search_pages import run_search

FEED_SIZE = 50
TAG_DATE = "2024"  # the date part of tag: URIs; never change it, ids must stay stable
FORMATS = {"atom": feed_formats.atom, "rss": feed_formats.rss, "json": feed_formats.json_feed}


@dataclass(frozen=True)
class FeedItem:
    id: str
    title: str
    reader_url: str
    original_url: str
    author: str
    outlet: str
    source_feed_url: str
    published: str | None
    updated: str
    label: str  # the machine-translation label, or what the original is
    body: str
    content_html: str
    language: str
    machine_translation: bool
    engine: str


@dataclass(frozen=True)
class FeedInfo:
    id: str
    title: str
    lang: str
    self_url: str
    home_url: str
    updated: str
    description: str


def feed(request: Request) -> Response:
    lang, kind = request.path_params["lang"], request.path_params["format"]
    if not LANGUAGE_CODE.fullmatch(lang) or kind not in FORMATS:
        raise HTTPException(404, f"no feed {lang}.{kind}: use /feeds/LANG.atom, .rss or .json")
    rows = feed_rows(request, lang)
    translations = translations_into(web_of(request).db, [row["id"] for row in rows], lang)
    items = [feed_item(request, row, translations.get(row["id"], {}).get(lang), lang)
             for row in rows]
    info = feed_info(request, lang, items)
    body, media_type = FORMATS[kind](info, items)
    return Response(body, media_type=media_type)


def feed_rows(request: Request, lang: str) -> list[ArticleRow]:
    if search_text(request).strip():
        rows, _ = run_search(request, FEED_SIZE)
        return rows
    return filtered_articles(web_of(request).db, article_filters(request, readable_in=lang),
                             FEED_SIZE)


def tag_uri(request: Request, specific: str) -> str:
    host = request.url.hostname or "babelwire"
    if not re.fullmatch(r"[A-Za-z0-9.-]+", host):
        host = "babelwire"
    return f"tag:{host},{TAG_DATE}:{specific}"


def feed_info(request: Request, lang: str, items: list[FeedItem]) -> FeedInfo:
    t = Interface(lang)
    params = filter_params(request)
    narrowed = urlencode(sorted(params.items()))
    title = t("feed_title", language=t.language_name(lang)) + feed_subtitle(request, t)
    page = "search" if "q" in params else ""
    return FeedInfo(
        id=tag_uri(request, f"feeds/{lang}" + (f"?{narrowed}" if narrowed else "")),
        title=title, lang=lang, self_url=str(request.url),
        home_url=f"{request.base_url}{page}?{urlencode({**params, 'lang': lang})}",
        updated=max((item.updated for item in items), default="") or now_iso(),
        description=t("tagline"),
    )


def feed_subtitle(request: Request, t: Interface) -> str:
    """' — La Gaceta', ' — search: rain' ...: what the feed is narrowed to."""
    db = web_of(request).db
    filters = article_filters(request)
    parts = []
    if filters.source_id is not None:
        source = source_row(db, filters.source_id)
        parts.append(source["name"] or source["url"] if source else f"#{filters.source_id}")
    if filters.story_id is not None:
        story = story_row(db, filters.story_id)
        parts.append(f"{t('story')}: {story['title'] if story else filters.story_id}")
    if search_text(request).strip():
        parts.append(f"{t('search')}: {search_text(request).strip()}")
    return "".join(f" — {part}" for part in parts)


def feed_item(request: Request, row: ArticleRow, translation: Translation | None,
              lang: str) -> FeedItem:
    t = Interface(lang)
    machine = translation is not None and row["language"] != lang
    outlet = outlet_of(row)
    language = t.language_name(row["language"])
    first_seen = rfc3339(row["first_seen"], now_iso())
    if machine:
        title, body = translation.title, translation.body
        label = t("mt_feed_prefix", engine=translation.engine, language=language, outlet=outlet) \
            + f" ({quality_class(translation.engine)})"
        updated = rfc3339(translation.created_at, first_seen)
    else:
        title, body, updated = row["title"], row["body"], first_seen
        label = t("feed_original_prefix", language=language, outlet=outlet)
    original = web_url(row["url"])
    return FeedItem(
        id=tag_uri(request, f"articles/{row['id']}/{lang}"), title=title,
        reader_url=f"{request.base_url}articles/{row['id']}?lang={lang}",
        original_url=original, author=row["author"] or outlet or "unknown", outlet=outlet,
        source_feed_url=web_url(row["source_url"]),
        published=rfc3339(row["published"], updated) if row["published"] else None,
        updated=updated, label=label, body=body,
        content_html=content_html(label, body, original, t("original_article")),
        language=lang if machine else row["language"], machine_translation=machine,
        engine=translation.engine if machine else "",
    )


def content_html(prefix: str, body: str, original_url: str, link_text: str) -> str:
    parts = [f"<p><em>{html.escape(prefix)}</em></p>"]
    parts.extend(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs(body))
    if original_url:
        parts.append(f'<p><a href="{html.escape(original_url)}">{html.escape(link_text)}</a></p>')
    return "\n".join(parts)

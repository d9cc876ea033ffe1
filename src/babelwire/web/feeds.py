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
from urllib.parse import urlencode, urlsplit

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from ..clock import now_iso
from ..models import Translation
from ..storage.records import ArticleRow
from ..translate.quality import quality_class
from . import feed_formats
from .client_edge import http_date
from .context import web_of
from .filters import article_filters, filter_params, search_text
from .grouping import grouped, grouping_for
from .i18n import LANGUAGE_CODE, Interface
from .present import outlet_of, paragraphs, rfc3339, web_url
from .provenance import labels
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
    folded: dict[int, str] = {}
    if grouped_by_story(request):
        rows, folded = story_heads(request, rows, lang)
    translations = translations_into(web_of(request).db, [row["id"] for row in rows], lang)
    items = [feed_item(request, row, translations.get(row["id"], {}).get(lang), lang,
                       folded.get(row["id"], "")) for row in rows]
    info = feed_info(request, lang, items)
    body, media_type = FORMATS[kind](info, items)
    modified = http_date(info.updated)
    return Response(body, media_type=media_type,
                    headers={"Last-Modified": modified} if modified else None)


def grouped_by_story(request: Request) -> bool:
    """``?group=story``: one entry per story, its original, the other versions named in it."""
    raw = request.query_params.get("group", "").strip().lower()
    if raw not in ("", "story", "none"):
        raise HTTPException(400, "group must be story (one entry per story) or none")
    return raw == "story"


def story_heads(request: Request, rows: list[ArticleRow],
                lang: str) -> tuple[list[ArticleRow], dict[int, str]]:
    """The feed's rows grouped by story: each story's original in place of its versions, with
    a line naming the other versions (outlet, language, relation, lag) per head."""
    db = web_of(request).db
    t = Interface(lang)
    entries = grouped(db, rows, lang, grouping_for(article_filters(request)), labels(lang))
    heads, lines = [], {}
    for entry in entries:
        row = entry.row or db.articles.get_row(entry.item.article_id)
        if row is None:
            continue
        heads.append(row)
        if entry.versions:
            lines[row["id"]] = t("versions_count", n=entry.count) + ": " + "; ".join(
                f"{v.outlet} ({v.language}, {t('rel_' + (v.relation or 'original'))}"
                + (f", {v.lag}" if v.lag else "") + ")" for v in entry.versions)
    return heads, lines


def feed_rows(request: Request, lang: str) -> list[ArticleRow]:
    if search_text(request).strip():
        rows, _ = run_search(request, FEED_SIZE)
        return rows
    return filtered_articles(web_of(request).db, article_filters(request, readable_in=lang),
                             FEED_SIZE)


def base_url(request: Request) -> str:
    """The reader's public address with a final slash: ``web.base_url``, else the request's."""
    configured = str(web_of(request).settings["web.base_url"] or "").strip()
    return configured.rstrip("/") + "/" if configured else str(request.base_url)


def tag_uri(request: Request, specific: str) -> str:
    """A tag: URI that stays the same whatever host name the feed was fetched by: its
    authority is ``web.base_url``'s host, else the name babelwire."""
    configured = str(web_of(request).settings["web.base_url"] or "").strip()
    host = (urlsplit(configured).hostname or "") if configured else ""
    if not re.fullmatch(r"[A-Za-z0-9.-]+", host):
        host = "babelwire"
    return f"tag:{host},{TAG_DATE}:{specific}"


def feed_info(request: Request, lang: str, items: list[FeedItem]) -> FeedInfo:
    t = Interface(lang)
    params = filter_params(request)
    narrowed = urlencode(sorted({**params, **({"group": "story"} if grouped_by_story(request)
                                               else {})}.items()))
    title = t("feed_title", language=t.language_name(lang)) + feed_subtitle(request, t)
    page = "search" if "q" in params else ""
    return FeedInfo(
        id=tag_uri(request, f"feeds/{lang}" + (f"?{narrowed}" if narrowed else "")),
        title=title, lang=lang, self_url=self_url(request),
        home_url=f"{base_url(request)}{page}?{urlencode({**params, 'lang': lang})}",
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


def self_url(request: Request) -> str:
    """The feed's own address, on ``web.base_url`` when set."""
    query = f"?{request.url.query}" if request.url.query else ""
    return f"{base_url(request)}{request.url.path.lstrip('/')}{query}"


def feed_item(request: Request, row: ArticleRow, translation: Translation | None,
              lang: str, versions_line: str = "") -> FeedItem:
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
        reader_url=f"{base_url(request)}articles/{row['id']}?lang={lang}",
        original_url=original, author=row["author"] or outlet or "unknown", outlet=outlet,
        source_feed_url=web_url(row["source_url"]),
        published=rfc3339(row["published"], updated) if row["published"] else None,
        updated=updated, label=label, body=body,
        content_html=content_html(label + (f". {versions_line}" if versions_line else ""), body,
                                  original, t("original_article")),
        language=lang if machine else row["language"], machine_translation=machine,
        engine=translation.engine if machine else "",
    )


def content_html(prefix: str, body: str, original_url: str, link_text: str) -> str:
    parts = [f"<p><em>{html.escape(prefix)}</em></p>"]
    parts.extend(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs(body))
    if original_url:
        parts.append(f'<p><a href="{html.escape(original_url)}">{html.escape(link_text)}</a></p>')
    return "\n".join(parts)
